#pragma once

// The explained verdict on a set of dimension scores: the stage on every
// ladder with its trace ("why this stage"), skipped-step risks, the gaps to
// the next and the target stage, and next steps ranked by
// gap x weight / effort. Pure: the same scores always give the same answer.

#include <centricity/score/compiled.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace centricity::score {

// The stage each ladder aims for, and whether it came from the command line.
struct Target {
  std::optional<std::size_t> stage;
  bool from_command_line = false;
};

// The bank's targets, overridden by `specs` from --target: "LADDER:STAGE",
// or "STAGE" when exactly one ladder has a stage with that id. Throws
// centricity::Error (ExitCode::usage) for unknown or ambiguous specs.
[[nodiscard]] std::vector<Target> resolve_targets(const CompiledBank& bank,
                                                  const std::vector<std::string>& specs);

enum class Status {
  met,
  unmet,
  no_data, // the dimension has no score: neither met nor failed, but not counted
};

// One criterion of one stage, evaluated.
struct CriterionResult {
  CompiledCriterion criterion;
  Status status = Status::unmet;
  std::optional<double> score; // Kind::dimension: the dimension's score, if any
  std::size_t reached = 0;     // Kind::ladder_stage: the other ladder's stage
  // score - threshold (dimension), reached - required stage (ladder); nullopt
  // without data. Negative margins are the shortfall.
  std::optional<double> margin;
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
  bool limited = false;           // the next stage failed on a dimension without a score
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
  // threshold - score in points (dimension) or stages still to climb
  // (ladder); nullopt when the dimension has no score.
  std::optional<double> gap;
};

// A recommendation that applies now, with its ranking. priority = gap *
// weight / effort; see docs/scoring.md for the definition of weight.
struct NextStep {
  std::size_t recommendation = 0;
  double gap = 0;
  double weight = 0;
  int effort = 3;
  double priority = 0;
};

struct Assessment {
  std::vector<double> scores; // per dimension, NaN = insufficient data
  std::vector<LadderResult> ladders;
  std::vector<Gap> gaps;            // per ladder in bank order: next, then target
  std::vector<NextStep> next_steps; // best first; ties broken by recommendation id
};

// Assesses dimension scores `scores` (NaN = no score) against `bank`'s
// ladders with `targets` (one per ladder, from resolve_targets).
[[nodiscard]] Assessment assess(const CompiledBank& bank, std::span<const double> scores,
                                std::span<const Target> targets);

} // namespace centricity::score
