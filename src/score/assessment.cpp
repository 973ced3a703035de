#include "ranking.hpp"

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

// A finding's shortfall when none of its conditions measures one in points.
constexpr double k_finding_gap = 20;

using detail::covered;
using detail::horizon;
using detail::known;
using detail::not_applicable;
using detail::shortfall;

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
  detail::rank_steps(bank, out, evidence, out.next_steps, out.keep);
  return out;
}

} // namespace centricity::score
