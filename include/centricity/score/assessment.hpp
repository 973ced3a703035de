#pragma once

// The explained verdict on a set of dimension scores: the stage on every
// ladder with its trace ("why this stage"), skipped-step risks, the gaps to
// the next and the target stage, the bank's findings, and one ranked list of
// next steps laid out as a roadmap. Pure: the same scores and evidence always
// give the same answer. docs/scoring.md gives every rule with an example.

#include <centricity/score/compiled.hpp>
#include <centricity/score/stats.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace centricity::score {

// Where a ladder's target came from.
enum class TargetSource {
  none,         // no target: the next stage is the horizon
  bank,         // the bank's default `target`
  answers,      // the organisation's answer to the bank's choice question
  command_line, // --target
};

// "bank", "answers", "command line" ("none" for none).
[[nodiscard]] const char* target_source_name(TargetSource source);

// The stage each ladder aims for, and where that came from.
struct Target {
  std::optional<std::size_t> stage;
  TargetSource source = TargetSource::none;
};

// The bank's targets, overridden by `specs` from --target: "LADDER:STAGE",
// or "STAGE" when exactly one ladder has a stage with that id. Throws
// centricity::Error (ExitCode::usage) for unknown or ambiguous specs.
[[nodiscard]] std::vector<Target> resolve_targets(const CompiledBank& bank,
                                                  const std::vector<std::string>& specs);

// How the answers to one choice question add up.
struct ChoiceTally {
  std::size_t ladder = 0;
  std::vector<std::uint64_t> votes; // per stage of the ladder
  std::uint64_t undecided = 0;      // "not decided yet" (a special option)
  std::uint64_t answered = 0;       // everyone who answered it
  // The stage chosen by more than half of those who answered, if any.
  std::optional<std::size_t> chosen;
};

// Tallies `option_counts` (how often each option of the choice question's
// scale was chosen) for `choice`.
[[nodiscard]] ChoiceTally tally_choice(const CompiledChoice& choice,
                                       std::span<const std::uint64_t> option_counts);

// `targets` with every ladder whose target did not come from the command
// line set to the organisation's choice, where `tallies` show one.
void apply_choices(std::vector<Target>& targets, std::span<const ChoiceTally> tallies);

// The say-do gap is called an empty shell when practice is below this...
inline constexpr double k_empty_shell_practice = 60;
// ...and belief runs at least this many points ahead of it, with the 95%
// interval of the gap above zero.
inline constexpr double k_empty_shell_gap = 10;

// Whether a say-do gap is the empty shell: belief `gap` points ahead of
// `practice`, with `ci95` the gap's interval (nullopt for one respondent).
[[nodiscard]] bool is_empty_shell(double gap, double practice, const std::optional<Interval>& ci95);

// What is known about the evidence behind the scores, so that verdicts can
// be honest about it. Default-constructed (no respondents): every score is
// taken as it is, without intervals or coverage rules.
struct Evidence {
  std::uint64_t respondents = 0;
  // Per dimension (empty: none known): respondents with a score, its 95%
  // interval, and the share of its answer slots answered "not applicable".
  std::vector<std::uint64_t> scored;
  std::vector<std::optional<Interval>> ci95;
  std::vector<double> not_applicable;
  // Per question (empty: none known): the mean 0-100 item score of those
  // who answered it with a value (NaN: nobody), and how many did.
  std::vector<double> item_scores;
  std::vector<std::uint64_t> item_answered;
  // The say-do gap is the empty shell (is_empty_shell()): the practice of
  // the dimensions it measures comes first.
  bool empty_shell = false;
};

// The fewest respondents with a score that an organisation-level criterion,
// risk or finding rests on: everyone up to three, else three or a third of
// the respondents, whichever is more (docs/scoring.md).
[[nodiscard]] std::uint64_t minimum_coverage(std::uint64_t respondents);

enum class Status {
  met,
  unmet,
  no_data,        // no score, or too few respondents: neither met nor failed, not counted
  not_applicable, // most answered "not applicable": the structure is not there; not met
};

// Why a criterion has no data.
enum class NoData {
  none,
  no_score,         // nobody has a score on the dimension
  too_few_answered, // fewer respondents than minimum_coverage()
};

// One criterion of one stage, evaluated.
struct CriterionResult {
  CompiledCriterion criterion;
  Status status = Status::unmet;
  NoData no_data = NoData::none;
  std::optional<double> score; // Kind::dimension: the dimension's score, if any
  std::size_t reached = 0;     // Kind::ladder_stage: the other ladder's stage
  // score - threshold (dimension), reached - required stage (ladder); nullopt
  // without data. Negative margins are the shortfall.
  std::optional<double> margin;
  // The score's 95% interval contains the threshold: too close to call.
  bool borderline = false;
  std::uint64_t scored = 0; // respondents with a score (Evidence known)
};

struct StageResult {
  std::size_t stage = 0;
  bool met = false; // its own criteria hold (gating not applied)
  std::vector<CriterionResult> criteria;
};

// A stage whose criteria all hold above a stage that does not: a later step
// taken on missing foundations.
struct Risk {
  std::size_t stage = 0;
  std::vector<std::size_t> unmet_below; // the unmet stages beneath it, lowest first
};

struct LadderResult {
  std::size_t stage = 0; // reached: the highest gated stage
  Target target;
  bool limited = false;           // the next stage failed on a dimension without data
  std::vector<StageResult> trace; // every stage above the starting point, lowest first
  std::vector<Risk> risks;
};

enum class GapScope { next, target };

// The distance from an unmet criterion to its threshold. For scope `target`
// there is one gap per dimension (or other ladder): the highest threshold it
// must reach on the stages up to the target.
struct Gap {
  std::size_t ladder = 0;
  GapScope scope = GapScope::next;
  std::size_t stage = 0; // the stage the criterion belongs to
  CompiledCriterion criterion;
  std::optional<double> score; // Kind::dimension
  std::size_t reached = 0;     // Kind::ladder_stage
  // threshold - score in points (dimension; the whole threshold when the
  // structure is not applicable) or stages still to climb (ladder); nullopt
  // when the dimension has no data.
  std::optional<double> gap;
};

// A finding of the bank, evaluated.
enum class FindingStatus {
  absent,          // some condition fails
  holds,           // every condition holds
  not_enough_data, // it might hold: a condition lacks data
};

struct FindingResult {
  std::size_t finding = 0;
  FindingStatus status = FindingStatus::absent;
  double gap = 0; // the largest shortfall among its "below" conditions that hold
};

// What a step's work serves: a ladder, the pass marks of dimensions that
// gate nothing ("checks"), or the bank's findings.
inline constexpr std::size_t k_lens_checks = ~std::size_t{0} - 1;
inline constexpr std::size_t k_lens_findings = ~std::size_t{0};

// A recommendation that applies now, with its ranking. priority = gap *
// weight / effort; see docs/scoring.md for the definition of weight.
struct NextStep {
  std::size_t recommendation = 0;
  double gap = 0;
  double weight = 0;
  int effort = 3;
  double priority = 0;
  std::size_t lens = 0;     // a ladder index, k_lens_checks or k_lens_findings
  std::size_t distance = 1; // stages ahead on its ladder; 1 for checks and findings
  int phase = 1;            // 1: first 100 days, 2: next 100 days, 3: later
  // Recommendations of the same ground folded into this step (a stage's
  // recommendation and the recommendation of the one dimension it lacks).
  std::vector<std::size_t> merged;
};

// A recommendation for something in place: how to keep it.
struct KeepStep {
  std::size_t recommendation = 0;
  std::size_t dimension = 0;
};

struct Assessment {
  std::vector<double> scores; // per dimension, NaN = insufficient data
  std::vector<LadderResult> ladders;
  std::vector<Gap> gaps;               // per ladder in bank order: next, then target
  std::vector<FindingResult> findings; // every finding of the bank, in bank order
  std::vector<NextStep> next_steps;    // every step, best first
  std::vector<KeepStep> keep;          // in bank order of their dimensions
};

// Assesses dimension scores `scores` (NaN = no score) against `bank`'s
// ladders with `targets` (one per ladder) and what is known of the evidence.
[[nodiscard]] Assessment assess(const CompiledBank& bank, std::span<const double> scores,
                                std::span<const Target> targets, const Evidence& evidence = {});

} // namespace centricity::score
