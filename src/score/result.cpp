#include <centricity/score/result.hpp>

#include <algorithm>
#include <cmath>

namespace centricity::score {

namespace {

using Json = nlohmann::ordered_json;
using Kind = bank::Criterion::Kind;

Json number_or_null(std::optional<double> value)
{
  return value && std::isfinite(*value) ? Json(*value) : Json(nullptr);
}

double share(std::uint64_t part, std::uint64_t whole)
{
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

Json stage_ref(const bank::Ladder& ladder, std::size_t index)
{
  return Json{
    {"index", index}, {"id", ladder.stages[index].id}, {"title", ladder.stages[index].title}};
}

const char* status_name(Status status)
{
  switch (status) {
  case Status::met:
    return "met";
  case Status::unmet:
    return "unmet";
  case Status::no_data:
    return "no_data";
  }
  return "unmet";
}

Json criterion_json(const CompiledBank& bank, const CriterionResult& result)
{
  const auto& c = result.criterion;
  if (c.kind == Kind::dimension) {
    return Json{{"kind", "dimension"},
                {"dimension", bank.bank().dimensions[c.dimension].id},
                {"threshold", c.threshold},
                {"score", number_or_null(result.score)},
                {"status", status_name(result.status)},
                {"margin", number_or_null(result.margin)}};
  }
  const auto& other = bank.bank().ladders[c.ladder];
  return Json{{"kind", "ladder_stage"},
              {"ladder", other.id},
              {"stage", stage_ref(other, c.stage)},
              {"reached", stage_ref(other, result.reached)},
              {"status", status_name(result.status)},
              {"margin", number_or_null(result.margin)}};
}

Json ci_json(const Moments& moments, double low, double high)
{
  const auto ci = confidence_interval_95(moments, low, high);
  return ci ? Json::array({ci->low, ci->high}) : Json(nullptr);
}

Json ladder_json(const CompiledBank& bank, std::size_t l, const LadderResult& result,
                 const Accumulator& all)
{
  const auto& ladder = bank.bank().ladders[l];
  Json stages = Json::array();
  for (std::size_t s = 0; s < ladder.stages.size(); ++s) {
    stages.push_back(stage_ref(ladder, s));
  }
  Json target = nullptr;
  if (result.target.stage) {
    target = stage_ref(ladder, *result.target.stage);
    target["source"] = result.target.from_command_line ? "command line" : "bank";
  }
  Json trace = Json::array();
  for (const auto& stage : result.trace) {
    Json criteria = Json::array();
    for (const auto& criterion : stage.criteria) {
      criteria.push_back(criterion_json(bank, criterion));
    }
    trace.push_back(Json{{"stage", stage_ref(ladder, stage.stage)},
                         {"met", stage.met},
                         {"counts", stage.stage <= result.stage},
                         {"criteria", std::move(criteria)}});
  }
  Json risks = Json::array();
  for (const auto& risk : result.risks) {
    Json below = Json::array();
    for (const std::size_t s : risk.unmet_below) {
      below.push_back(stage_ref(ladder, s));
    }
    risks.push_back(Json{{"stage", stage_ref(ladder, risk.stage)}, {"unmet_below", below}});
  }
  Json distribution = Json::array();
  for (std::size_t s = 0; s < ladder.stages.size(); ++s) {
    const std::uint64_t count = all.stage_count(l, s);
    distribution.push_back(Json{{"index", s},
                                {"id", ladder.stages[s].id},
                                {"count", count},
                                {"share", share(count, all.respondents())}});
  }
  return Json{{"id", ladder.id},
              {"title", ladder.title},
              {"description", ladder.description},
              {"stages", std::move(stages)},
              {"stage", stage_ref(ladder, result.stage)},
              {"target", std::move(target)},
              {"limited_by_missing_data", result.limited},
              {"trace", std::move(trace)},
              {"risks", std::move(risks)},
              {"distribution", std::move(distribution)},
              {"respondents_limited_by_missing_data", all.limited(l)},
              {"definition", bank.ladder_fingerprint(l)}};
}

Json dimension_json(const CompiledBank& bank, std::size_t d, const Accumulator& all)
{
  const auto& dimension = bank.bank().dimensions[d];
  const Moments& moments = all.dimension(d);
  const std::size_t questions = bank.dimensions()[d].questions.size();
  const std::uint64_t slots = all.respondents() * questions;
  const auto mean = moments.mean();
  Json passed = nullptr;
  if (dimension.pass_mark && mean) {
    passed = reaches(*mean, *dimension.pass_mark);
  }
  return Json{
    {"id", dimension.id},
    {"title", dimension.title},
    {"description", dimension.description},
    {"score", number_or_null(mean)},
    {"n", moments.count()},
    {"mean", number_or_null(mean)},
    {"sd", number_or_null(moments.sd())},
    {"ci95", ci_json(moments, 0, 100)},
    {"alpha", number_or_null(all.alpha(d))},
    {"missing_rate", share(all.dimension_answers_of(d, answers::AnswerKind::missing), slots)},
    {"not_applicable_rate",
     share(all.dimension_answers_of(d, answers::AnswerKind::not_applicable), slots)},
    {"dont_know_rate", share(all.dimension_answers_of(d, answers::AnswerKind::dont_know), slots)},
    {"insufficient", all.insufficient(d)},
    {"questions", questions},
    {"min_answered", bank.dimensions()[d].min_answered},
    {"pass_mark", number_or_null(dimension.pass_mark)},
    {"passed", std::move(passed)},
    {"source", dimension.source},
    {"definition", bank.dimension_fingerprint(d)}};
}

Json gap_json(const CompiledBank& bank, const Gap& gap)
{
  const auto& ladder = bank.bank().ladders[gap.ladder];
  Json out{{"ladder", ladder.id},
           {"scope", gap.scope == GapScope::next ? "next" : "target"},
           {"stage", stage_ref(ladder, gap.stage)}};
  if (gap.criterion.kind == Kind::dimension) {
    out["kind"] = "dimension";
    out["dimension"] = bank.bank().dimensions[gap.criterion.dimension].id;
    out["score"] = number_or_null(gap.score);
    out["threshold"] = gap.criterion.threshold;
  } else {
    const auto& other = bank.bank().ladders[gap.criterion.ladder];
    out["kind"] = "ladder_stage";
    out["requires"] = Json{{"ladder", other.id}, {"stage", stage_ref(other, gap.criterion.stage)}};
    out["reached"] = stage_ref(other, gap.reached);
  }
  out["gap"] = number_or_null(gap.gap);
  return out;
}

Json next_step_json(const CompiledBank& bank, std::size_t rank, const NextStep& step)
{
  const auto& recommendation = bank.bank().recommendations[step.recommendation];
  Json out{{"rank", rank}, {"id", recommendation.id}};
  if (recommendation.kind == bank::Recommendation::Kind::dimension) {
    out["kind"] = "dimension";
    out["dimension"] = recommendation.dimension;
  } else {
    const auto& ladder = bank.bank().ladders[bank.recommendations()[step.recommendation].ladder];
    out["kind"] = "stage";
    out["ladder"] = ladder.id;
    out["stage"] = stage_ref(ladder, bank.recommendations()[step.recommendation].stage);
  }
  out["text"] = recommendation.text;
  out["source"] = recommendation.source;
  out["gap"] = step.gap;
  out["weight"] = step.weight;
  out["effort"] = step.effort;
  out["priority"] = step.priority;
  return out;
}

Json say_do_json(const Accumulator& all)
{
  const Moments& gap = all.say_do();
  return Json{
    {"gap", number_or_null(gap.mean())},
    {"n", gap.count()},
    {"sd", number_or_null(gap.sd())},
    {"ci95", ci_json(gap, -100, 100)},
    {"belief", Json{{"n", all.belief().count()}, {"mean", number_or_null(all.belief().mean())}}},
    {"practice",
     Json{{"n", all.practice().count()}, {"mean", number_or_null(all.practice().mean())}}}};
}

struct Disagreement {
  std::size_t dimension = 0;
  const std::string* a = nullptr;
  const std::string* b = nullptr;
  const Moments* ma = nullptr;
  const Moments* mb = nullptr;
  double difference = 0;
  std::optional<EffectSize> effect;
};

Json groups_json(const Aggregate& aggregate, std::size_t max_disagreements)
{
  const CompiledBank& bank = aggregate.bank();
  const std::size_t dimension_count = bank.dimensions().size();
  Json out = Json::array();
  for (std::size_t f = 0; f < aggregate.group_fields().size(); ++f) {
    const auto& groups = aggregate.groups(f);
    Json values = Json::array();
    for (const auto& [value, accumulator] : groups) {
      Json dimensions = Json::array();
      for (std::size_t d = 0; d < dimension_count; ++d) {
        const Moments& m = accumulator.dimension(d);
        dimensions.push_back(Json{{"id", bank.bank().dimensions[d].id},
                                  {"score", number_or_null(m.mean())},
                                  {"n", m.count()},
                                  {"sd", number_or_null(m.sd())}});
      }
      const auto scores = mean_scores(accumulator, dimension_count);
      std::vector<std::uint32_t> stages(bank.ladders().size());
      std::vector<std::uint8_t> limited(bank.ladders().size());
      reach_stages(bank, scores, stages, limited);
      Json ladders = Json::array();
      for (std::size_t l = 0; l < stages.size(); ++l) {
        const auto& ladder = bank.bank().ladders[l];
        ladders.push_back(Json{{"id", ladder.id},
                               {"stage", stage_ref(ladder, stages[l])},
                               {"limited_by_missing_data", limited[l] != 0}});
      }
      values.push_back(Json{{"value", value},
                            {"respondents", accumulator.respondents()},
                            {"dimensions", std::move(dimensions)},
                            {"ladders", std::move(ladders)},
                            {"say_do_gap", number_or_null(accumulator.say_do().mean())}});
    }

    // Every pair of groups on every dimension, largest standardised
    // difference first; pairs too small for an effect size come after,
    // by raw difference.
    std::vector<Disagreement> all;
    for (std::size_t d = 0; d < dimension_count; ++d) {
      for (auto a = groups.begin(); a != groups.end(); ++a) {
        for (auto b = std::next(a); b != groups.end(); ++b) {
          const Moments& ma = a->second.dimension(d);
          const Moments& mb = b->second.dimension(d);
          if (ma.count() == 0 || mb.count() == 0) {
            continue;
          }
          all.push_back(
            {d, &a->first, &b->first, &ma, &mb, *ma.mean() - *mb.mean(), effect_size(ma, mb)});
        }
      }
    }
    const auto key = [](double x) { return std::llround(std::fabs(x) * 1e9); };
    std::stable_sort(all.begin(), all.end(), [&](const Disagreement& x, const Disagreement& y) {
      if (x.effect.has_value() != y.effect.has_value()) {
        return x.effect.has_value();
      }
      if (x.effect && key(x.effect->hedges_g) != key(y.effect->hedges_g)) {
        return key(x.effect->hedges_g) > key(y.effect->hedges_g);
      }
      return key(x.difference) > key(y.difference);
    });
    Json disagreements = Json::array();
    for (std::size_t i = 0; i < all.size() && i < max_disagreements; ++i) {
      const auto& item = all[i];
      disagreements.push_back(
        Json{{"dimension", bank.bank().dimensions[item.dimension].id},
             {"a", Json{{"value", *item.a}, {"n", item.ma->count()}, {"mean", *item.ma->mean()}}},
             {"b", Json{{"value", *item.b}, {"n", item.mb->count()}, {"mean", *item.mb->mean()}}},
             {"difference", item.difference},
             {"cohens_d", item.effect ? Json(item.effect->cohens_d) : Json(nullptr)},
             {"hedges_g", item.effect ? Json(item.effect->hedges_g) : Json(nullptr)}});
    }
    out.push_back(Json{{"field", aggregate.group_fields()[f]},
                       {"values", std::move(values)},
                       {"disagreements", std::move(disagreements)}});
  }
  return out;
}

Json data_quality_json(const CompiledBank& bank, const Accumulator& all,
                       const Assessment& assessment)
{
  std::uint64_t missing = 0;
  std::uint64_t not_applicable = 0;
  std::uint64_t dont_know = 0;
  for (std::size_t q = 0; q < bank.questions().size(); ++q) {
    missing += all.answers_of(q, answers::AnswerKind::missing);
    not_applicable += all.answers_of(q, answers::AnswerKind::not_applicable);
    dont_know += all.answers_of(q, answers::AnswerKind::dont_know);
  }
  const std::uint64_t slots = all.respondents() * bank.questions().size();
  Json no_score = Json::array();
  Json insufficient = Json::array();
  Json low_alpha = Json::array();
  for (std::size_t d = 0; d < bank.dimensions().size(); ++d) {
    const auto& id = bank.bank().dimensions[d].id;
    if (all.dimension(d).count() == 0) {
      no_score.push_back(id);
    }
    if (all.insufficient(d) > 0) {
      insufficient.push_back(Json{{"dimension", id}, {"respondents", all.insufficient(d)}});
    }
    if (const auto alpha = all.alpha(d); alpha && *alpha < k_low_alpha) {
      low_alpha.push_back(Json{{"dimension", id}, {"alpha", *alpha}});
    }
  }
  Json limited = Json::array();
  for (std::size_t l = 0; l < assessment.ladders.size(); ++l) {
    if (assessment.ladders[l].limited) {
      limited.push_back(bank.bank().ladders[l].id);
    }
  }
  return Json{{"respondents", all.respondents()},
              {"complete", all.complete()},
              {"questions", bank.questions().size()},
              {"missing_rate", share(missing, slots)},
              {"not_applicable_rate", share(not_applicable, slots)},
              {"dont_know_rate", share(dont_know, slots)},
              {"small_sample", all.respondents() < k_small_sample},
              {"dimensions_without_score", std::move(no_score)},
              {"insufficient", std::move(insufficient)},
              {"low_alpha", std::move(low_alpha)},
              {"ladders_limited_by_missing_data", std::move(limited)}};
}

} // namespace

std::vector<double> mean_scores(const Accumulator& accumulator, std::size_t dimensions)
{
  std::vector<double> scores(dimensions, k_no_score);
  for (std::size_t d = 0; d < dimensions; ++d) {
    if (const auto mean = accumulator.dimension(d).mean()) {
      scores[d] = *mean;
    }
  }
  return scores;
}

nlohmann::ordered_json make_result(const Aggregate& aggregate, const ResultOptions& options)
{
  const CompiledBank& bank = aggregate.bank();
  const Accumulator& all = aggregate.total();
  const auto scores = mean_scores(all, bank.dimensions().size());
  const std::vector<Target> targets =
    options.targets.empty() ? resolve_targets(bank, {}) : options.targets;
  const Assessment assessment = assess(bank, scores, targets);

  Json ladders = Json::array();
  for (std::size_t l = 0; l < assessment.ladders.size(); ++l) {
    ladders.push_back(ladder_json(bank, l, assessment.ladders[l], all));
  }
  Json dimensions = Json::array();
  for (std::size_t d = 0; d < bank.dimensions().size(); ++d) {
    dimensions.push_back(dimension_json(bank, d, all));
  }
  Json gaps = Json::array();
  for (const auto& gap : assessment.gaps) {
    gaps.push_back(gap_json(bank, gap));
  }
  Json next_steps = Json::array();
  for (std::size_t i = 0; i < assessment.next_steps.size(); ++i) {
    next_steps.push_back(next_step_json(bank, i + 1, assessment.next_steps[i]));
  }
  const auto& b = bank.bank();
  return Json{
    {"schema", k_result_schema},
    {"bank",
     Json{{"id", b.id}, {"title", b.title}, {"version", b.version}, {"language", b.language}}},
    {"generated_at", options.generated_at},
    {"respondents", all.respondents()},
    {"group_by", aggregate.group_fields()},
    {"ladders", std::move(ladders)},
    {"dimensions", std::move(dimensions)},
    {"gaps", std::move(gaps)},
    {"next_steps", std::move(next_steps)},
    {"say_do_gap", say_do_json(all)},
    {"groups", groups_json(aggregate, options.max_disagreements)},
    {"data_quality", data_quality_json(bank, all, assessment)},
    {"method", Json{{"normalisation",
                     "100 * (v - min) / (max - min); reverse: 100 * (max - v) / (max - min)"},
                    {"dimension_score", "weighted mean of answered items"},
                    {"organisation_score", "mean of respondents' dimension scores"},
                    {"threshold_tolerance", k_tolerance},
                    {"alpha", "Cronbach's alpha, pairwise-complete item covariances"},
                    {"ci95", "mean +/- t(0.975, n-1) * sd / sqrt(n), clamped to the scale"},
                    {"effect_size", "Hedges' g (pooled SD, small-sample corrected)"},
                    {"next_step_priority", "gap * weight / effort"}}},
  };
}

} // namespace centricity::score
