// Next steps: one ranked list that agrees with the gaps, the first three
// chosen as a reader of the models would, laid out as a roadmap
// (docs/scoring.md, section 7).

#include "ranking.hpp"

#include <cmath>

namespace centricity::score::detail {

namespace {

using Kind = bank::Criterion::Kind;

// A leadership team drives about five changes at once: each 100-day phase
// of the roadmap holds at most this many steps.
constexpr std::size_t k_phase_capacity = 5;

// Rounds a priority to 1e-9 so that ties in exact arithmetic stay ties
// whatever rounding the products picked up; the id breaks them.
long long priority_key(double priority)
{
  return std::llround(priority * 1e9);
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

void rank_steps(const CompiledBank& bank, const Assessment& assessment, const Evidence& evidence,
                std::vector<NextStep>& steps, std::vector<KeepStep>& keep)
{
  Ranker(bank, assessment, evidence).run(steps, keep);
}

} // namespace centricity::score::detail
