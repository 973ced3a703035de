#pragma once

// The pieces of the assessment that ranking shares with it (internal to
// src/score/): what the evidence allows, a criterion's shortfall, how far a
// ladder looks ahead; and the ranking of next steps itself (ranking.cpp),
// docs/scoring.md section 7.

#include <centricity/score/assessment.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace centricity::score::detail {

// A dimension without a score counts as "not applicable" when at least half
// of its answer slots were answered so: the structure it asks about is not
// there, which is a finding, not missing data.
inline constexpr double k_not_applicable_share = 0.5;

inline bool known(const Evidence& evidence)
{
  return evidence.respondents > 0 && !evidence.scored.empty();
}

inline bool not_applicable(const Evidence& evidence, std::size_t d)
{
  return known(evidence) && evidence.not_applicable.size() > d
         && evidence.not_applicable[d] >= k_not_applicable_share;
}

inline bool covered(const Evidence& evidence, std::size_t d)
{
  return !known(evidence) || evidence.scored[d] >= minimum_coverage(evidence.respondents);
}

// The shortfall of an unmet criterion in points: the whole threshold when
// the structure is not applicable (it is not there at all).
inline std::optional<double> shortfall(const CriterionResult& criterion)
{
  if (criterion.status == Status::not_applicable) {
    return criterion.criterion.threshold;
  }
  if (criterion.margin) {
    return -*criterion.margin;
  }
  return std::nullopt;
}

// The furthest stage next steps look at on a ladder: the target when one is
// set (the current stage once it is reached: hold, do not climb), else the
// next stage.
inline std::size_t horizon(const LadderResult& ladder, std::size_t stage_count)
{
  if (ladder.target.stage) {
    return std::max(ladder.stage, *ladder.target.stage);
  }
  return std::min(ladder.stage + 1, stage_count - 1);
}

// Ranks every applicable recommendation of `bank` for `assessment` (its
// ladders, gaps and findings already evaluated) into `steps`, best first in
// roadmap order, and the recommendations for what is in place into `keep`.
void rank_steps(const CompiledBank& bank, const Assessment& assessment, const Evidence& evidence,
                std::vector<NextStep>& steps, std::vector<KeepStep>& keep);

} // namespace centricity::score::detail
