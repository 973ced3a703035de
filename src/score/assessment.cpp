#include <centricity/score/assessment.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace centricity::score {

namespace {

using Kind = bank::Criterion::Kind;

// A dimension without a score counts as "not applicable" when at least half
// of its answer slots were answered so: the structure it asks about is not
// there, which is a finding, not missing data.
constexpr double k_not_applicable_share = 0.5;

// A finding's shortfall when none of its conditions measures one in points.
constexpr double k_finding_gap = 20;

// A leadership team drives about five changes at once: each 100-day phase
// of the roadmap holds at most this many steps.
constexpr std::size_t k_phase_capacity = 5;

bool known(const Evidence& evidence)
{
  return evidence.respondents > 0 && !evidence.scored.empty();
}

bool not_applicable(const Evidence& evidence, std::size_t d)
{
  return known(evidence) && evidence.not_applicable.size() > d
         && evidence.not_applicable[d] >= k_not_applicable_share;
}

bool covered(const Evidence& evidence, std::size_t d)
{
  return !known(evidence) || evidence.scored[d] >= minimum_coverage(evidence.respondents);
}

CriterionResult evaluate(const CompiledCriterion& criterion, std::span<const double> scores,
                         const std::vector<LadderResult>& ladders, const Evidence& evidence)
{
  CriterionResult result;
  result.criterion = criterion;
  if (criterion.kind == Kind::dimension) {
    const std::size_t d = criterion.dimension;
    if (known(evidence)) {
      result.scored = evidence.scored[d];
    }
    const double score = scores[d];
    if (std::isnan(score)) {
      if (not_applicable(evidence, d)) {
        result.status = Status::not_applicable;
      } else {
        result.status = Status::no_data;
        result.no_data = NoData::no_score;
      }
      return result;
    }
    result.score = score;
    if (!covered(evidence, d)) {
      result.status = Status::no_data;
      result.no_data = NoData::too_few_answered;
      return result;
    }
    result.margin = score - criterion.threshold;
    result.status = reaches(score, criterion.threshold) ? Status::met : Status::unmet;
    if (known(evidence) && evidence.ci95[d]) {
      const Interval& ci = *evidence.ci95[d];
      result.borderline =
        ci.low < criterion.threshold - k_tolerance && criterion.threshold + k_tolerance < ci.high;
    }
    return result;
  }
  const auto& other = ladders[criterion.ladder];
  result.reached = other.stage;
  result.margin = static_cast<double>(other.stage) - static_cast<double>(criterion.stage);
  result.status = other.stage >= criterion.stage ? Status::met : Status::unmet;
  return result;
}

// The shortfall of an unmet criterion in points: the whole threshold when
// the structure is not applicable (it is not there at all).
std::optional<double> shortfall(const CriterionResult& criterion)
{
  if (criterion.status == Status::not_applicable) {
    return criterion.criterion.threshold;
  }
  if (criterion.margin) {
    return -*criterion.margin;
  }
  return std::nullopt;
}

Gap make_gap(std::size_t ladder, GapScope scope, std::size_t stage,
             const CriterionResult& criterion)
{
  Gap gap;
  gap.ladder = ladder;
  gap.scope = scope;
  gap.stage = stage;
  gap.criterion = criterion.criterion;
  gap.score = criterion.score;
  gap.reached = criterion.reached;
  if (criterion.criterion.kind == Kind::ladder_stage) {
    gap.gap = -*criterion.margin;
  } else if (criterion.status != Status::no_data) {
    gap.gap = shortfall(criterion);
  }
  return gap;
}

// Target gaps: for every dimension (and other ladder) the highest threshold
// it must reach on the stages above the current one up to the target.
void add_target_gaps(std::size_t l, const LadderResult& ladder, std::vector<Gap>& out)
{
  const std::size_t target = *ladder.target.stage;
  std::vector<Gap> gaps; // in order of first appearance
  for (std::size_t s = ladder.stage + 1; s <= target; ++s) {
    for (const auto& criterion : ladder.trace[s - 1].criteria) {
      const auto& c = criterion.criterion;
      const auto same = [&](const Gap& g) {
        return g.criterion.kind == c.kind
               && (c.kind == Kind::dimension ? g.criterion.dimension == c.dimension
                                             : g.criterion.ladder == c.ladder);
      };
      const auto it = std::find_if(gaps.begin(), gaps.end(), same);
      if (it == gaps.end()) {
        gaps.push_back(make_gap(l, GapScope::target, s, criterion));
      } else if (c.kind == Kind::dimension ? c.threshold > it->criterion.threshold
                                           : c.stage > it->criterion.stage) {
        *it = make_gap(l, GapScope::target, s, criterion);
      }
    }
  }
  for (auto& gap : gaps) {
    // Keep what is still short (or unknown); a met binding threshold is no gap.
    if (!gap.gap || *gap.gap > k_tolerance) {
      out.push_back(gap);
    }
  }
}

// The furthest stage next steps look at on a ladder: the target when one is
// set (the current stage once it is reached: hold, do not climb), else the
// next stage.
std::size_t horizon(const LadderResult& ladder, std::size_t stage_count)
{
  if (ladder.target.stage) {
    return std::max(ladder.stage, *ladder.target.stage);
  }
  return std::min(ladder.stage + 1, stage_count - 1);
}

// Rounds a priority to 1e-9 so that ties in exact arithmetic stay ties
// whatever rounding the products picked up; the id breaks them.
long long priority_key(double priority)
{
  return std::llround(priority * 1e9);
}

// A condition of a finding: true, false, or unknown (nullopt: no data).
std::optional<bool> holds(const CompiledBank& bank, const CompiledCondition& c,
                          std::span<const double> scores, const Evidence& evidence,
                          const std::vector<LadderResult>& ladders, double& gap)
{
  double value = 0;
  switch (c.kind) {
  case bank::Condition::Kind::ladder: {
    const std::size_t reached = ladders[c.index].stage;
    return c.below_stage ? reached < *c.below_stage : reached >= c.reached;
  }
  case bank::Condition::Kind::dimension:
    if (std::isnan(scores[c.index])) {
      if (!not_applicable(evidence, c.index)) {
        return std::nullopt;
      }
      value = 0; // the structure is not there
    } else if (!covered(evidence, c.index)) {
      return std::nullopt;
    } else {
      value = scores[c.index];
    }
    break;
  case bank::Condition::Kind::question:
    if (evidence.item_scores.size() <= c.index || std::isnan(evidence.item_scores[c.index])
        || (evidence.respondents > 0
            && evidence.item_answered[c.index] < minimum_coverage(evidence.respondents))) {
      return std::nullopt;
    }
    value = evidence.item_scores[c.index];
    break;
  }
  (void)bank;
  const bool ok = reaches(value, c.at_least) && !reaches(value, c.below);
  if (ok && c.below < 1000) {
    gap = std::max(gap, c.below - value);
  }
  return ok;
}

std::vector<FindingResult> evaluate_findings(const CompiledBank& bank,
                                             std::span<const double> scores,
                                             const Evidence& evidence,
                                             const std::vector<LadderResult>& ladders)
{
  std::vector<FindingResult> out;
  const auto& findings = bank.findings();
  for (std::size_t f = 0; f < findings.size(); ++f) {
    FindingResult result;
    result.finding = f;
    bool unknown = false;
    bool failed = false;
    double gap = 0;
    for (const auto& any : findings[f].when) {
      bool some_true = false;
      bool some_unknown = false;
      for (const auto& condition : any) {
        const auto value = holds(bank, condition, scores, evidence, ladders, gap);
        some_true = some_true || (value && *value);
        some_unknown = some_unknown || !value;
      }
      if (!some_true) {
        (some_unknown ? unknown : failed) = true;
      }
    }
    result.status = failed    ? FindingStatus::absent
                    : unknown ? FindingStatus::not_enough_data
                              : FindingStatus::holds;
    result.gap = gap > k_tolerance ? gap : k_finding_gap;
    out.push_back(result);
  }
  return out;
}

double severity_weight(bank::Finding::Severity severity)
{
  switch (severity) {
  case bank::Finding::Severity::high:
    return 1;
  case bank::Finding::Severity::medium:
    return 0.5;
  case bank::Finding::Severity::low:
    return 0.25;
  }
  return 0.5;
}

// What ranking needs to know of each dimension, gathered over all ladders.
struct DimensionPull {
  double weight = 0; // the leverage of closing it (docs/scoring.md)
  double gap = 0;    // its largest shortfall up to the horizon or its pass mark
  std::size_t lens = k_lens_checks;
  double lens_weight = 0; // the largest single ladder's part of `weight`
  std::size_t distance = 1;
  bool any = false;
};

class Ranker {
public:
  Ranker(const CompiledBank& bank, const Assessment& assessment, const Evidence& evidence)
    : m_bank(bank)
    , m_assessment(assessment)
    , m_evidence(evidence)
    , m_pull(bank.dimensions().size())
  {
  }

  void run(std::vector<NextStep>& steps, std::vector<KeepStep>& keep)
  {
    pull_from_ladders();
    pull_from_pass_marks();
    std::vector<NextStep> candidates;
    stage_steps(candidates);
    dimension_steps(candidates, keep);
    finding_steps(candidates);
    merge_same_ground(candidates);
    std::sort(candidates.begin(), candidates.end(),
              [&](const NextStep& a, const NextStep& b) { return before(a, b); });
    steps = choose_top_three(std::move(candidates));
    assign_phases(steps);
  }

private:
  // Each stage between the current one and the horizon weighs 1 in total,
  // divided by its distance and shared among the dimensions that block it.
  void pull_from_ladders()
  {
    const auto& ladders = m_bank.ladders();
    for (std::size_t l = 0; l < ladders.size(); ++l) {
      const auto& ladder = m_assessment.ladders[l];
      const std::size_t last = horizon(ladder, ladders[l].criteria.size());
      for (std::size_t s = ladder.stage + 1; s <= last; ++s) {
        const auto blockers = blocking(ladder.trace[s - 1]);
        const double distance = static_cast<double>(s - ladder.stage);
        for (const CriterionResult* criterion : blockers) {
          const std::uint32_t d = criterion->criterion.dimension;
          DimensionPull& pull = m_pull[d];
          const double part = 1.0 / static_cast<double>(blockers.size()) / distance;
          pull.weight += part;
          pull.gap = std::max(pull.gap, *shortfall(*criterion));
          if (!pull.any || part > pull.lens_weight) {
            pull.lens = l;
            pull.lens_weight = part;
          }
          pull.distance = pull.any ? std::min(pull.distance, s - ladder.stage) : s - ladder.stage;
          pull.any = true;
        }
      }
    }
  }

  // Failed pass marks are checks that fail now: together they weigh one
  // stage, shared among them. A dimension that a stage also needs takes the
  // larger of its two weights, not their sum (a pass mark equal to a stage
  // threshold is one test, not two).
  void pull_from_pass_marks()
  {
    const auto& dimensions = m_bank.dimensions();
    std::vector<std::size_t> failed;
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
      const double score = effective_score(d);
      if (!dimensions[d].pass_mark || std::isnan(score) || !covered(m_evidence, d)
          || reaches(score, *dimensions[d].pass_mark)) {
        continue;
      }
      m_pull[d].gap = std::max(m_pull[d].gap, *dimensions[d].pass_mark - score);
      failed.push_back(d);
    }
    for (const std::size_t d : failed) {
      DimensionPull& pull = m_pull[d];
      const double share = 1.0 / static_cast<double>(failed.size());
      if (!pull.any) {
        pull.lens = k_lens_checks;
        pull.lens_weight = share;
        pull.any = true;
      }
      if (share > pull.weight) {
        pull.weight = share;
        pull.distance = 1;
      }
    }
    // The empty shell weighs like a high-severity finding, shared among the
    // measured dimensions whose practice falls short: their remedies are
    // the way out (start the behaviours, then the systems).
    if (!m_evidence.empty_shell) {
      return;
    }
    std::vector<std::size_t> short_practice;
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
      const double score = effective_score(d);
      if (dimensions[d].measured && !std::isnan(score) && covered(m_evidence, d)
          && !reaches(score, dimensions[d].pass_mark.value_or(k_empty_shell_practice))) {
        short_practice.push_back(d);
      }
    }
    for (const std::size_t d : short_practice) {
      DimensionPull& pull = m_pull[d];
      const double part = 1.0 / static_cast<double>(short_practice.size());
      const double mark = dimensions[d].pass_mark.value_or(k_empty_shell_practice);
      pull.gap = std::max(pull.gap, mark - effective_score(d));
      pull.weight += part;
      if (!pull.any || pull.lens == k_lens_checks || part > pull.lens_weight) {
        pull.lens = k_lens_findings;
        pull.lens_weight = part;
      }
      pull.distance = 1;
      pull.any = true;
    }
  }

  // The criteria on dimensions that keep `stage` from holding (unmet or not
  // applicable; criteria without data cannot be acted on).
  static std::vector<const CriterionResult*> blocking(const StageResult& stage)
  {
    std::vector<const CriterionResult*> out;
    for (const auto& criterion : stage.criteria) {
      if (criterion.criterion.kind == Kind::dimension
          && (criterion.status == Status::unmet || criterion.status == Status::not_applicable)) {
        out.push_back(&criterion);
      }
    }
    return out;
  }

  // A dimension's score for bands and pass marks: 0 when the structure it
  // asks about is not applicable.
  double effective_score(std::size_t d) const
  {
    const double score = m_assessment.scores[d];
    if (std::isnan(score) && not_applicable(m_evidence, d)) {
      return 0;
    }
    return score;
  }

  // The score a dimension must reach anywhere in the bank to count as in
  // place: its highest stage threshold or pass mark; nullopt if none.
  std::optional<double> bar(std::size_t d) const
  {
    std::optional<double> out = m_bank.dimensions()[d].pass_mark;
    for (const auto& ladder : m_bank.ladders()) {
      for (const auto& stage : ladder.criteria) {
        for (const auto& criterion : stage) {
          if (criterion.kind == Kind::dimension && criterion.dimension == d) {
            out = std::max(out.value_or(criterion.threshold), criterion.threshold);
          }
        }
      }
    }
    return out;
  }

  // Does dimension `d` serve only stages taken out of order (risks)? Such a
  // dimension is not kept as it is: the structure is made safe first.
  bool only_in_risks(std::size_t d) const
  {
    bool any = false;
    for (const auto& ladder : m_assessment.ladders) {
      for (const auto& stage : ladder.trace) {
        const bool uses =
          std::any_of(stage.criteria.begin(), stage.criteria.end(), [&](const CriterionResult& c) {
            return c.criterion.kind == Kind::dimension && c.criterion.dimension == d;
          });
        if (!uses) {
          continue;
        }
        const bool risk = std::any_of(ladder.risks.begin(), ladder.risks.end(),
                                      [&](const Risk& r) { return r.stage == stage.stage; });
        if (!risk) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  void stage_steps(std::vector<NextStep>& out) const
  {
    const auto& recommendations = m_bank.recommendations();
    for (std::size_t r = 0; r < recommendations.size(); ++r) {
      const auto& rec = recommendations[r];
      if (rec.kind != bank::Recommendation::Kind::stage) {
        continue;
      }
      const auto& ladder = m_assessment.ladders[rec.ladder];
      const std::size_t s = rec.stage;
      if (s <= ladder.stage || s > horizon(ladder, m_bank.ladders()[rec.ladder].criteria.size())) {
        continue;
      }
      const auto blockers = blocking(ladder.trace[s - 1]);
      if (blockers.empty()) {
        continue;
      }
      NextStep step = make_step(r);
      for (const CriterionResult* criterion : blockers) {
        step.gap = std::max(step.gap, *shortfall(*criterion));
      }
      step.distance = s - ladder.stage;
      step.weight = 1.0 / static_cast<double>(step.distance);
      step.lens = rec.ladder;
      add(step, out);
    }
  }

  void dimension_steps(std::vector<NextStep>& out, std::vector<KeepStep>& keep) const
  {
    const auto& recommendations = m_bank.recommendations();
    for (std::size_t r = 0; r < recommendations.size(); ++r) {
      const auto& rec = recommendations[r];
      if (rec.kind != bank::Recommendation::Kind::dimension) {
        continue;
      }
      const std::size_t d = rec.dimension;
      const double score = effective_score(d);
      if (std::isnan(score) || !covered(m_evidence, d)) {
        continue; // no score, no band: nothing to recommend on
      }
      const bool in_band = reaches(score, rec.band_min)
                           && (rec.band_max >= 100 ? true : !reaches(score, rec.band_max));
      if (!in_band) {
        continue;
      }
      const DimensionPull& pull = m_pull[d];
      if (pull.any && pull.gap > k_tolerance) {
        NextStep step = make_step(r);
        step.gap = pull.gap;
        step.weight = pull.weight;
        step.lens = pull.lens;
        step.distance = pull.distance;
        add(step, out);
      } else if (const auto mark = bar(d); mark && reaches(score, *mark) && !only_in_risks(d)) {
        keep.push_back({r, d});
      }
    }
    std::stable_sort(keep.begin(), keep.end(), [](const KeepStep& a, const KeepStep& b) {
      return a.dimension < b.dimension;
    });
  }

  void finding_steps(std::vector<NextStep>& out) const
  {
    const auto& recommendations = m_bank.recommendations();
    for (std::size_t r = 0; r < recommendations.size(); ++r) {
      const auto& rec = recommendations[r];
      if (rec.kind != bank::Recommendation::Kind::finding) {
        continue;
      }
      const FindingResult& finding = m_assessment.findings[rec.finding];
      if (finding.status != FindingStatus::holds) {
        continue;
      }
      NextStep step = make_step(r);
      step.gap = finding.gap;
      step.weight = severity_weight(m_bank.findings()[rec.finding].severity);
      step.lens = k_lens_findings;
      step.distance = 1;
      add(step, out);
    }
  }

  NextStep make_step(std::size_t r) const
  {
    NextStep step;
    step.recommendation = r;
    step.effort = m_bank.recommendations()[r].effort;
    return step;
  }

  static void add(NextStep& step, std::vector<NextStep>& out)
  {
    if (step.gap <= k_tolerance || step.weight <= 0) {
      return;
    }
    step.priority = step.gap * step.weight / step.effort;
    out.push_back(step);
  }

  // A stage that one dimension alone keeps from holding, and that
  // dimension's recommendation, are the same work: one step, the
  // dimension's (it fits the score), with the stage's folded in.
  void merge_same_ground(std::vector<NextStep>& steps) const
  {
    const auto& recommendations = m_bank.recommendations();
    for (auto it = steps.begin(); it != steps.end();) {
      const auto& rec = recommendations[it->recommendation];
      if (rec.kind != bank::Recommendation::Kind::stage) {
        ++it;
        continue;
      }
      const auto blockers = blocking(m_assessment.ladders[rec.ladder].trace[rec.stage - 1]);
      const auto same = std::find_if(steps.begin(), steps.end(), [&](const NextStep& other) {
        const auto& o = recommendations[other.recommendation];
        return blockers.size() == 1 && o.kind == bank::Recommendation::Kind::dimension
               && o.dimension == blockers.front()->criterion.dimension;
      });
      if (same == steps.end()) {
        ++it;
        continue;
      }
      same->merged.push_back(it->recommendation);
      if (it->priority > same->priority) {
        same->priority = it->priority;
        same->weight = it->weight;
        same->gap = it->gap;
      }
      same->lens = it->lens;
      same->distance = std::min(same->distance, it->distance);
      it = steps.erase(it);
    }
  }

  bool before(const NextStep& a, const NextStep& b) const
  {
    const long long ka = priority_key(a.priority);
    const long long kb = priority_key(b.priority);
    if (ka != kb) {
      return ka > kb;
    }
    const auto& banked = m_bank.bank().recommendations;
    return banked[a.recommendation].id < banked[b.recommendation].id;
  }

  // Does `step` work on dimension `d` (directly, or by folding in a stage
  // that `d` alone blocks)?
  bool addresses(const NextStep& step, std::uint32_t d) const
  {
    const auto& rec = m_bank.recommendations()[step.recommendation];
    if (rec.kind == bank::Recommendation::Kind::dimension) {
      return rec.dimension == d;
    }
    if (rec.kind == bank::Recommendation::Kind::stage) {
      for (const auto* criterion :
           blocking(m_assessment.ladders[rec.ladder].trace[rec.stage - 1])) {
        if (criterion->criterion.dimension == d) {
          return true;
        }
      }
    }
    return false;
  }

  // The three first steps, by rules an expert reader of the models would
  // follow (docs/scoring.md): the headline ladder's best step leads; a
  // high-severity finding and the largest gap are addressed; no lens takes
  // all three places while another lens has a step. The rest follow by
  // priority.
  std::vector<NextStep> choose_top_three(std::vector<NextStep> ranked) const
  {
    std::vector<NextStep> top;
    const auto take = [&](auto predicate) {
      if (top.size() >= 3) {
        return;
      }
      const auto it = std::find_if(ranked.begin(), ranked.end(), predicate);
      if (it != ranked.end()) {
        top.push_back(*it);
        ranked.erase(it);
      }
    };
    const std::size_t headline = m_bank.headline();
    take([&](const NextStep& step) { return step.lens == headline; });
    take([&](const NextStep& step) { return high_finding(step); });
    if (const auto largest = largest_gap_dimension()) {
      const bool done = std::any_of(
        top.begin(), top.end(), [&](const NextStep& step) { return addresses(step, *largest); });
      if (!done) {
        take([&](const NextStep& step) { return addresses(step, *largest); });
      }
    }
    while (top.size() < 3 && !ranked.empty()) {
      const bool one_lens = top.size() == 2 && top[0].lens == top[1].lens;
      const auto other =
        !one_lens ? ranked.end()
                  : std::find_if(ranked.begin(), ranked.end(),
                                 [&](const NextStep& step) { return step.lens != top[0].lens; });
      if (one_lens && ranked.front().lens == top[0].lens && other != ranked.end()) {
        top.push_back(*other);
        ranked.erase(other);
      } else {
        top.push_back(ranked.front());
        ranked.erase(ranked.begin());
      }
    }
    // The headline's step stays first; the other two in priority order.
    if (top.size() > 1) {
      const std::size_t from = top.front().lens == headline ? 1 : 0;
      std::stable_sort(top.begin() + static_cast<std::ptrdiff_t>(from), top.end(),
                       [&](const NextStep& a, const NextStep& b) { return before(a, b); });
    }
    top.insert(top.end(), ranked.begin(), ranked.end());
    return top;
  }

  // A step answering a high-severity finding, or the empty shell (which
  // weighs as one).
  bool high_finding(const NextStep& step) const
  {
    if (step.lens != k_lens_findings) {
      return false;
    }
    const auto& rec = m_bank.recommendations()[step.recommendation];
    return rec.kind != bank::Recommendation::Kind::finding
           || m_bank.findings()[rec.finding].severity == bank::Finding::Severity::high;
  }

  // The dimension with the largest gap to the next stage of any ladder (a
  // gap further up is not the next thing to close).
  std::optional<std::uint32_t> largest_gap_dimension() const
  {
    std::optional<std::uint32_t> out;
    double largest = 0;
    for (const auto& gap : m_assessment.gaps) {
      if (gap.scope == GapScope::next && gap.criterion.kind == Kind::dimension && gap.gap
          && *gap.gap > largest + k_tolerance) {
        largest = *gap.gap;
        out = gap.criterion.dimension;
      }
    }
    return out;
  }

  static void assign_phases(std::vector<NextStep>& steps)
  {
    std::size_t first = 0;
    std::size_t second = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      NextStep& step = steps[i];
      if (i < 3 || (step.distance <= 1 && step.effort <= 3 && first < k_phase_capacity)) {
        step.phase = 1;
        ++first;
      } else if (step.distance <= 2 && second < k_phase_capacity) {
        step.phase = 2;
        ++second;
      } else {
        step.phase = 3;
      }
    }
    // The ranks read as the roadmap: phase by phase, in priority order
    // within each (the first three are in phase 1).
    std::stable_sort(steps.begin(), steps.end(),
                     [](const NextStep& a, const NextStep& b) { return a.phase < b.phase; });
  }

  const CompiledBank& m_bank;
  const Assessment& m_assessment;
  const Evidence& m_evidence;
  std::vector<DimensionPull> m_pull;
};

} // namespace

const char* target_source_name(TargetSource source)
{
  switch (source) {
  case TargetSource::none:
    return "none";
  case TargetSource::bank:
    return "bank";
  case TargetSource::answers:
    return "answers";
  case TargetSource::command_line:
    return "command line";
  }
  return "none";
}

bool is_empty_shell(double gap, double practice, const std::optional<Interval>& ci95)
{
  return gap >= k_empty_shell_gap - k_tolerance && !reaches(practice, k_empty_shell_practice)
         && (!ci95 || ci95->low > 0);
}

std::uint64_t minimum_coverage(std::uint64_t respondents)
{
  if (respondents <= 3) {
    return respondents;
  }
  return std::max<std::uint64_t>(3, (respondents + 2) / 3);
}

ChoiceTally tally_choice(const CompiledChoice& choice, std::span<const std::uint64_t> option_counts)
{
  ChoiceTally tally;
  tally.ladder = choice.ladder;
  std::size_t stages = 0;
  for (const auto& stage : choice.stages) {
    if (stage) {
      stages = std::max<std::size_t>(stages, *stage + 1);
    }
  }
  tally.votes.assign(stages, 0);
  for (std::size_t o = 0; o < choice.stages.size() && o < option_counts.size(); ++o) {
    tally.answered += option_counts[o];
    if (choice.stages[o]) {
      tally.votes[*choice.stages[o]] += option_counts[o];
    } else {
      tally.undecided += option_counts[o];
    }
  }
  for (std::size_t s = 0; s < tally.votes.size(); ++s) {
    if (tally.votes[s] * 2 > tally.answered) {
      tally.chosen = s;
    }
  }
  return tally;
}

void apply_choices(std::vector<Target>& targets, std::span<const ChoiceTally> tallies)
{
  for (const auto& tally : tallies) {
    Target& target = targets[tally.ladder];
    if (target.source != TargetSource::command_line && tally.chosen) {
      target = {tally.chosen, TargetSource::answers};
    }
  }
}

std::vector<Target> resolve_targets(const CompiledBank& bank, const std::vector<std::string>& specs)
{
  const auto& ladders = bank.bank().ladders;
  std::vector<Target> targets;
  for (const auto& ladder : bank.ladders()) {
    targets.push_back({ladder.target, ladder.target ? TargetSource::bank : TargetSource::none});
  }
  for (const auto& spec : specs) {
    const std::size_t colon = spec.find(':');
    std::vector<std::pair<std::size_t, std::size_t>> found; // ladder, stage
    if (colon != std::string::npos) {
      const std::string ladder_id = spec.substr(0, colon);
      const std::string stage_id = spec.substr(colon + 1);
      const auto l = bank.ladder_index(ladder_id);
      if (!l) {
        std::vector<std::string> ids;
        for (const auto& ladder : ladders) {
          ids.push_back(ladder.id);
        }
        throw Error(fmt::format("--target {}: unknown ladder '{}'{}", spec, ladder_id,
                                util::did_you_mean(ladder_id, ids)),
                    ExitCode::usage);
      }
      const auto& stages = ladders[*l].stages;
      std::vector<std::string> ids;
      for (std::size_t s = 0; s < stages.size(); ++s) {
        ids.push_back(stages[s].id);
        if (stages[s].id == stage_id) {
          found.emplace_back(*l, s);
        }
      }
      if (found.empty()) {
        throw Error(fmt::format("--target {}: ladder '{}' has no stage '{}'{}", spec, ladder_id,
                                stage_id, util::did_you_mean(stage_id, ids)),
                    ExitCode::usage);
      }
    } else {
      std::vector<std::string> ids;
      for (std::size_t l = 0; l < ladders.size(); ++l) {
        for (std::size_t s = 0; s < ladders[l].stages.size(); ++s) {
          ids.push_back(ladders[l].stages[s].id);
          if (ladders[l].stages[s].id == spec) {
            found.emplace_back(l, s);
          }
        }
      }
      if (found.empty()) {
        throw Error(fmt::format("--target {}: no ladder has a stage '{}'{}", spec, spec,
                                util::did_you_mean(spec, ids)),
                    ExitCode::usage);
      }
      if (found.size() > 1) {
        throw Error(fmt::format("--target {}: ladders '{}' and '{}' both have that stage; write "
                                "LADDER:STAGE",
                                spec, ladders[found[0].first].id, ladders[found[1].first].id),
                    ExitCode::usage);
      }
    }
    targets[found[0].first] = {found[0].second, TargetSource::command_line};
  }
  return targets;
}

Assessment assess(const CompiledBank& bank, std::span<const double> scores,
                  std::span<const Target> targets, const Evidence& evidence)
{
  const auto& ladders = bank.ladders();
  Assessment out;
  out.scores.assign(scores.begin(), scores.end());
  out.ladders.resize(ladders.size());
  for (const std::uint32_t l : bank.ladder_order()) {
    LadderResult& ladder = out.ladders[l];
    ladder.target = targets[l];
    bool gated = true; // every stage so far has been met
    for (std::size_t s = 1; s < ladders[l].criteria.size(); ++s) {
      StageResult stage;
      stage.stage = s;
      stage.met = true;
      bool lacked_data = false;
      for (const auto& criterion : ladders[l].criteria[s]) {
        stage.criteria.push_back(evaluate(criterion, scores, out.ladders, evidence));
        const auto& result = stage.criteria.back();
        if (result.status != Status::met) {
          stage.met = false;
        }
        if (result.status == Status::no_data
            || (result.status == Status::unmet && criterion.kind == Kind::ladder_stage
                && out.ladders[criterion.ladder].limited)) {
          lacked_data = true;
        }
      }
      if (gated && stage.met) {
        ladder.stage = s;
      } else if (gated) {
        gated = false;
        ladder.limited = lacked_data;
      }
      ladder.trace.push_back(std::move(stage));
    }
    for (const auto& stage : ladder.trace) {
      if (stage.met && stage.stage > ladder.stage) {
        Risk risk;
        risk.stage = stage.stage;
        for (std::size_t below = ladder.stage + 1; below < stage.stage; ++below) {
          if (!ladder.trace[below - 1].met) {
            risk.unmet_below.push_back(below);
          }
        }
        ladder.risks.push_back(std::move(risk));
      }
    }
  }
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    const auto& ladder = out.ladders[l];
    const std::size_t next = ladder.stage + 1;
    if (next < ladders[l].criteria.size()) {
      for (const auto& criterion : ladder.trace[next - 1].criteria) {
        if (criterion.status != Status::met) {
          out.gaps.push_back(make_gap(l, GapScope::next, next, criterion));
        }
      }
    }
    if (ladder.target.stage && *ladder.target.stage > ladder.stage) {
      add_target_gaps(l, ladder, out.gaps);
    }
  }
  out.findings = evaluate_findings(bank, scores, evidence, out.ladders);
  Ranker(bank, out, evidence).run(out.next_steps, out.keep);
  return out;
}

} // namespace centricity::score
