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

CriterionResult evaluate(const CompiledCriterion& criterion, std::span<const double> scores,
                         const std::vector<LadderResult>& ladders)
{
  CriterionResult result;
  result.criterion = criterion;
  if (criterion.kind == Kind::dimension) {
    const double score = scores[criterion.dimension];
    if (std::isnan(score)) {
      result.status = Status::no_data;
      return result;
    }
    result.score = score;
    result.margin = score - criterion.threshold;
    result.status = reaches(score, criterion.threshold) ? Status::met : Status::unmet;
    return result;
  }
  const auto& other = ladders[criterion.ladder];
  result.reached = other.stage;
  result.margin = static_cast<double>(other.stage) - static_cast<double>(criterion.stage);
  result.status = other.stage >= criterion.stage ? Status::met : Status::unmet;
  return result;
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
  if (criterion.margin) {
    gap.gap = -*criterion.margin;
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

// The furthest stage next steps look at on a ladder: the target when it lies
// above the current stage, else the next stage.
std::size_t horizon(const LadderResult& ladder, std::size_t stage_count)
{
  std::size_t last = std::min(ladder.stage + 1, stage_count - 1);
  if (ladder.target.stage && *ladder.target.stage > last) {
    last = *ladder.target.stage;
  }
  return last;
}

// Rounds a priority to 1e-9 so that ties in exact arithmetic stay ties
// whatever rounding the products picked up; the id breaks them.
long long priority_key(double priority)
{
  return std::llround(priority * 1e9);
}

std::vector<NextStep> rank_next_steps(const CompiledBank& bank, const Assessment& assessment)
{
  const auto& ladders = bank.ladders();
  const std::size_t dimension_count = bank.dimensions().size();

  // Per dimension: its largest gap and its weight (see docs/scoring.md):
  // every stage up to the horizon with an unmet criterion on the dimension
  // adds 1 / (stages between it and the current stage), so the next stage
  // counts fully and later ones less; failing the pass mark adds 1.
  std::vector<double> dimension_gap(dimension_count, 0);
  std::vector<double> dimension_weight(dimension_count, 0);
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    const auto& ladder = assessment.ladders[l];
    const std::size_t last = horizon(ladder, ladders[l].criteria.size());
    for (std::size_t s = ladder.stage + 1; s <= last; ++s) {
      std::vector<bool> counted(dimension_count, false);
      for (const auto& criterion : ladder.trace[s - 1].criteria) {
        if (criterion.criterion.kind != Kind::dimension || criterion.status != Status::unmet) {
          continue;
        }
        const std::uint32_t d = criterion.criterion.dimension;
        dimension_gap[d] = std::max(dimension_gap[d], -*criterion.margin);
        if (!counted[d]) {
          counted[d] = true;
          dimension_weight[d] += 1.0 / static_cast<double>(s - ladder.stage);
        }
      }
    }
  }
  for (std::size_t d = 0; d < dimension_count; ++d) {
    const auto& pass_mark = bank.dimensions()[d].pass_mark;
    const double score = assessment.scores[d];
    if (pass_mark && !std::isnan(score) && !reaches(score, *pass_mark)) {
      dimension_gap[d] = std::max(dimension_gap[d], *pass_mark - score);
      dimension_weight[d] += 1;
    }
  }

  std::vector<NextStep> steps;
  const auto& recommendations = bank.recommendations();
  for (std::size_t r = 0; r < recommendations.size(); ++r) {
    const auto& recommendation = recommendations[r];
    NextStep step;
    step.recommendation = r;
    step.effort = recommendation.effort;
    if (recommendation.kind == bank::Recommendation::Kind::dimension) {
      const double score = assessment.scores[recommendation.dimension];
      if (std::isnan(score)) {
        continue; // no score, no band: nothing to recommend on
      }
      const bool in_band =
        reaches(score, recommendation.band_min)
        && (recommendation.band_max >= 100 ? true : !reaches(score, recommendation.band_max));
      if (!in_band) {
        continue;
      }
      step.gap = dimension_gap[recommendation.dimension];
      step.weight = dimension_weight[recommendation.dimension];
    } else {
      const auto& ladder = assessment.ladders[recommendation.ladder];
      const std::size_t s = recommendation.stage;
      if (s <= ladder.stage
          || s > horizon(ladder, ladders[recommendation.ladder].criteria.size())) {
        continue;
      }
      std::size_t unmet = 0;
      for (const auto& criterion : ladder.trace[s - 1].criteria) {
        if (criterion.status == Status::unmet) {
          ++unmet;
          if (criterion.criterion.kind == Kind::dimension) {
            step.gap = std::max(step.gap, -*criterion.margin);
          }
        }
      }
      step.weight = static_cast<double>(unmet) / static_cast<double>(s - ladder.stage);
    }
    if (step.gap <= k_tolerance || step.weight <= 0) {
      continue;
    }
    step.priority = step.gap * step.weight / step.effort;
    steps.push_back(step);
  }
  const auto& banked = bank.bank().recommendations;
  std::sort(steps.begin(), steps.end(), [&](const NextStep& a, const NextStep& b) {
    const long long ka = priority_key(a.priority);
    const long long kb = priority_key(b.priority);
    if (ka != kb) {
      return ka > kb;
    }
    return banked[a.recommendation].id < banked[b.recommendation].id;
  });
  return steps;
}

} // namespace

std::vector<Target> resolve_targets(const CompiledBank& bank, const std::vector<std::string>& specs)
{
  const auto& ladders = bank.bank().ladders;
  std::vector<Target> targets;
  for (const auto& ladder : bank.ladders()) {
    targets.push_back({ladder.target, false});
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
    targets[found[0].first] = {found[0].second, true};
  }
  return targets;
}

Assessment assess(const CompiledBank& bank, std::span<const double> scores,
                  std::span<const Target> targets)
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
        stage.criteria.push_back(evaluate(criterion, scores, out.ladders));
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
  out.next_steps = rank_next_steps(bank, out);
  return out;
}

} // namespace centricity::score
