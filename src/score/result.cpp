// Why one file of ~800 lines: the Result document is written field by field
// here in one order, the order docs/result.schema.json and the Result reader
// (report/result_file.cpp) follow; one file keeps that order reviewable in a
// single read.

#include <centricity/score/result.hpp>

#include <algorithm>
#include <cmath>
#include <map>

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
  case Status::not_applicable:
    return "not_applicable";
  }
  return "unmet";
}

Json no_data_reason(NoData reason)
{
  switch (reason) {
  case NoData::none:
    return nullptr;
  case NoData::no_score:
    return "no_score";
  case NoData::too_few_answered:
    return "too_few_answered";
  }
  return nullptr;
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
                {"margin", number_or_null(result.margin)},
                {"borderline", result.borderline},
                {"respondents", result.scored},
                {"no_data", no_data_reason(result.no_data)}};
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

Json choice_json(const CompiledBank& bank, const ChoiceTally& tally)
{
  const auto& ladder = bank.bank().ladders[tally.ladder];
  Json votes = Json::array();
  for (std::size_t s = 0; s < tally.votes.size(); ++s) {
    if (tally.votes[s] > 0) {
      votes.push_back(Json{{"stage", stage_ref(ladder, s)}, {"count", tally.votes[s]}});
    }
  }
  std::string question;
  for (const auto& choice : bank.choices()) {
    if (choice.ladder == tally.ladder) {
      question = bank.bank().questions[choice.question].id;
    }
  }
  return Json{{"question", question},
              {"answered", tally.answered},
              {"undecided", tally.undecided},
              {"votes", std::move(votes)},
              {"chosen", tally.chosen ? stage_ref(ladder, *tally.chosen) : Json(nullptr)}};
}

Json ladder_json(const CompiledBank& bank, std::size_t l, const LadderResult& result,
                 const Accumulator& all, const std::vector<ChoiceTally>& tallies)
{
  const auto& ladder = bank.bank().ladders[l];
  Json stages = Json::array();
  for (std::size_t s = 0; s < ladder.stages.size(); ++s) {
    stages.push_back(stage_ref(ladder, s));
  }
  Json target = nullptr;
  if (result.target.stage) {
    target = stage_ref(ladder, *result.target.stage);
    target["source"] = target_source_name(result.target.source);
    target["reached"] = result.stage >= *result.target.stage;
  }
  Json choice = nullptr;
  for (const auto& tally : tallies) {
    if (tally.ladder == l) {
      choice = choice_json(bank, tally);
    }
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
              {"choice", std::move(choice)},
              {"headline", l == bank.headline()},
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

Json lens_json(const CompiledBank& bank, std::size_t lens)
{
  if (lens == k_lens_checks) {
    return Json{{"kind", "checks"}, {"id", nullptr}};
  }
  if (lens == k_lens_findings) {
    return Json{{"kind", "findings"}, {"id", nullptr}};
  }
  return Json{{"kind", "ladder"}, {"id", bank.bank().ladders[lens].id}};
}

// The parts of a recommendation every step and keep step shows.
Json recommendation_json(const CompiledBank& bank, std::size_t r)
{
  const auto& recommendation = bank.bank().recommendations[r];
  const auto& compiled = bank.recommendations()[r];
  Json out{{"id", recommendation.id}};
  switch (recommendation.kind) {
  case bank::Recommendation::Kind::dimension:
    out["kind"] = "dimension";
    out["dimension"] = recommendation.dimension;
    break;
  case bank::Recommendation::Kind::stage: {
    const auto& ladder = bank.bank().ladders[compiled.ladder];
    out["kind"] = "stage";
    out["ladder"] = ladder.id;
    out["stage"] = stage_ref(ladder, compiled.stage);
    break;
  }
  case bank::Recommendation::Kind::finding:
    out["kind"] = "finding";
    out["finding"] = recommendation.finding;
    break;
  }
  out["text"] = recommendation.text;
  out["owner"] = recommendation.owner.empty() ? Json(nullptr) : Json(recommendation.owner);
  out["effort"] = recommendation.effort;
  out["effort_label"] = bank::effort_label(recommendation.effort);
  out["source"] = recommendation.source;
  out["cite"] = bank.bank().cite(recommendation.source);
  return out;
}

Json next_step_json(const CompiledBank& bank, std::size_t rank, const NextStep& step)
{
  Json out{{"rank", rank}};
  out.update(recommendation_json(bank, step.recommendation));
  out["gap"] = step.gap;
  out["weight"] = step.weight;
  out["priority"] = step.priority;
  out["lens"] = lens_json(bank, step.lens);
  out["distance"] = step.distance;
  out["phase"] = step.phase;
  Json merged = Json::array();
  for (const std::size_t r : step.merged) {
    merged.push_back(bank.bank().recommendations[r].id);
  }
  out["merged"] = std::move(merged);
  return out;
}

Json roadmap_json(const CompiledBank& bank, const Assessment& assessment)
{
  static const char* const k_titles[] = {"First 100 days", "Next 100 days", "Later"};
  Json phases = Json::array();
  for (int phase = 1; phase <= 3; ++phase) {
    Json ranks = Json::array();
    for (std::size_t i = 0; i < assessment.next_steps.size(); ++i) {
      if (assessment.next_steps[i].phase == phase) {
        ranks.push_back(i + 1);
      }
    }
    phases.push_back(Json{{"phase", phase}, {"title", k_titles[phase - 1]}, {"steps", ranks}});
  }
  Json keep = Json::array();
  for (const auto& step : assessment.keep) {
    keep.push_back(recommendation_json(bank, step.recommendation));
  }
  return Json{{"phases", std::move(phases)}, {"keep", std::move(keep)}};
}

Json findings_json(const CompiledBank& bank, const Assessment& assessment)
{
  Json out = Json::array();
  for (const auto& result : assessment.findings) {
    const auto& finding = bank.bank().findings[result.finding];
    const char* status = result.status == FindingStatus::holds             ? "holds"
                         : result.status == FindingStatus::not_enough_data ? "not_enough_data"
                                                                           : "absent";
    out.push_back(Json{{"id", finding.id},
                       {"title", finding.title},
                       {"severity", bank::severity_name(finding.severity)},
                       {"status", status},
                       {"message", finding.message},
                       {"source", finding.source},
                       {"cite", bank.bank().cite(finding.source)}});
  }
  return out;
}

// The say-do gap and whether it is the empty shell (docs/scoring.md): belief
// ahead of practice by at least k_empty_shell_gap points, with practice
// below k_empty_shell_practice and the 95% interval of the gap above zero.
Json say_do_json(const CompiledBank& bank, const Accumulator& all)
{
  const Moments& gap = all.say_do();
  const auto ci = confidence_interval_95(gap, -100, 100);
  const auto mean_gap = gap.mean();
  const auto practice = all.practice().mean();
  Json empty_shell = nullptr;
  if (mean_gap && practice) {
    empty_shell = is_empty_shell(*mean_gap, *practice, ci);
  }
  Json dimensions = Json::array();
  for (std::size_t d = 0; d < bank.dimensions().size(); ++d) {
    if (!bank.dimensions()[d].measured) {
      continue;
    }
    // Item means weighted like the scores: a description, not the test.
    double said = 0;
    double said_weight = 0;
    double done = 0;
    double done_weight = 0;
    for (std::size_t q = 0; q < bank.questions().size(); ++q) {
      const auto& question = bank.questions()[q];
      const auto mean = all.item_mean(q);
      if (!mean) {
        continue;
      }
      const auto& banked = bank.bank().questions[q];
      if (question.say_do == SayDo::say
          && (banked.says.empty() ? question.dimension == d
                                  : bank.dimension_index(banked.says) == d)) {
        said += question.weight * *mean;
        said_weight += question.weight;
      } else if (question.say_do == SayDo::does && question.dimension == d) {
        done += question.weight * *mean;
        done_weight += question.weight;
      }
    }
    const Json belief = said_weight > 0 ? Json(said / said_weight) : Json(nullptr);
    const Json practised = done_weight > 0 ? Json(done / done_weight) : Json(nullptr);
    dimensions.push_back(Json{{"dimension", bank.bank().dimensions[d].id},
                              {"belief", belief},
                              {"practice", practised},
                              {"gap", said_weight > 0 && done_weight > 0
                                        ? Json(said / said_weight - done / done_weight)
                                        : Json(nullptr)}});
  }
  return Json{
    {"gap", number_or_null(mean_gap)},
    {"n", gap.count()},
    {"sd", number_or_null(gap.sd())},
    {"ci95", ci ? Json::array({ci->low, ci->high}) : Json(nullptr)},
    {"belief", Json{{"n", all.belief().count()}, {"mean", number_or_null(all.belief().mean())}}},
    {"practice", Json{{"n", all.practice().count()}, {"mean", number_or_null(practice)}}},
    {"empty_shell", std::move(empty_shell)},
    {"dimensions", std::move(dimensions)}};
}

// The misconceptions the bank asks about, and which the organisation holds.
Json misconceptions_json(const CompiledBank& bank, const Accumulator& all)
{
  Json items = Json::array();
  std::size_t asked = 0;
  std::size_t held = 0;
  std::size_t judged = 0;
  const std::uint64_t needed = minimum_coverage(all.respondents());
  for (std::size_t q = 0; q < bank.questions().size(); ++q) {
    const auto& question = bank.bank().questions[q];
    if (question.kind != bank::QuestionKind::misconception) {
      continue;
    }
    ++asked;
    const auto mean = all.item_mean(q);
    const std::uint64_t answered = all.answers_of(q, answers::AnswerKind::value);
    std::uint64_t agreeing = 0;
    for (std::uint32_t o = 0; o < bank.questions()[q].option_count; ++o) {
      if (bank.option_agrees()[bank.questions()[q].first_option + o] != 0) {
        agreeing += all.option_count(q, o);
      }
    }
    Json is_held = nullptr;
    if (mean && answered >= needed && answered > 0) {
      is_held = *mean < k_misconception_held;
      ++judged;
      held += *mean < k_misconception_held ? 1U : 0U;
    }
    items.push_back(Json{{"question", question.id},
                         {"dimension", question.dimension},
                         {"text", question.text},
                         {"score", number_or_null(mean)},
                         {"answered", answered},
                         {"agreeing", share(agreeing, answered)},
                         {"held", std::move(is_held)}});
  }
  return Json{{"asked", asked}, {"judged", judged}, {"held", held}, {"items", std::move(items)}};
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

// The pair of groups a field's story contrasts: the pair named by an option,
// else the two largest groups.
std::optional<std::pair<std::string, std::string>>
contrast_pair(const std::map<std::string, Accumulator, std::less<>>& groups,
              const ResultOptions& options, bool& named)
{
  for (const auto& [a, b] : options.contrasts) {
    if (groups.count(a) != 0 && groups.count(b) != 0 && a != b) {
      named = true;
      return std::make_pair(a, b);
    }
  }
  named = false;
  // The two largest groups, each of at least two respondents: one person is
  // no group view.
  std::vector<std::pair<std::uint64_t, std::string>> sizes;
  for (const auto& [value, accumulator] : groups) {
    if (accumulator.respondents() >= 2) {
      sizes.emplace_back(accumulator.respondents(), value);
    }
  }
  if (sizes.size() < 2) {
    return std::nullopt;
  }
  std::stable_sort(sizes.begin(), sizes.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  return std::make_pair(sizes[0].second, sizes[1].second);
}

Json contrast_json(const CompiledBank& bank,
                   const std::map<std::string, Accumulator, std::less<>>& groups,
                   const ResultOptions& options)
{
  bool named = false;
  const auto pair = contrast_pair(groups, options, named);
  if (!pair) {
    return nullptr;
  }
  const Accumulator& a = groups.find(pair->first)->second;
  const Accumulator& b = groups.find(pair->second)->second;
  std::size_t compared = 0;
  std::size_t a_higher = 0;
  std::size_t b_higher = 0;
  double total = 0;
  for (std::size_t d = 0; d < bank.dimensions().size(); ++d) {
    const auto ma = a.dimension(d).mean();
    const auto mb = b.dimension(d).mean();
    if (!ma || !mb) {
      continue;
    }
    ++compared;
    total += *ma - *mb;
    a_higher += *ma > *mb + k_tolerance ? 1U : 0U;
    b_higher += *mb > *ma + k_tolerance ? 1U : 0U;
  }
  return Json{{"a", pair->first},
              {"b", pair->second},
              {"chosen_by", named ? "option" : "largest groups"},
              {"dimensions", compared},
              {"a_higher", a_higher},
              {"b_higher", b_higher},
              {"mean_difference",
               compared > 0 ? Json(total / static_cast<double>(compared)) : Json(nullptr)}};
}

// Ladders whose organisation stage would differ if every group counted
// equally: the verdict depends on who answered.
Json mix_json(const CompiledBank& bank,
              const std::map<std::string, Accumulator, std::less<>>& groups,
              const Assessment& assessment)
{
  Json out = Json::array();
  // Groups of one are no group view: they neither count nor weigh here.
  const auto sizeable = std::count_if(groups.begin(), groups.end(), [](const auto& group) {
    return group.second.respondents() >= 2;
  });
  if (sizeable < 2) {
    return out;
  }
  const std::size_t dimension_count = bank.dimensions().size();
  std::vector<double> equal(dimension_count, k_no_score);
  for (std::size_t d = 0; d < dimension_count; ++d) {
    double sum = 0;
    std::size_t n = 0;
    for (const auto& [value, accumulator] : groups) {
      if (accumulator.respondents() < 2) {
        continue;
      }
      if (const auto mean = accumulator.dimension(d).mean()) {
        sum += *mean;
        ++n;
      }
    }
    if (n > 0) {
      equal[d] = sum / static_cast<double>(n);
    }
  }
  std::vector<std::uint32_t> stages(bank.ladders().size());
  std::vector<std::uint8_t> limited(bank.ladders().size());
  reach_stages(bank, equal, stages, limited);
  for (std::size_t l = 0; l < stages.size(); ++l) {
    if (stages[l] != assessment.ladders[l].stage) {
      const auto& ladder = bank.bank().ladders[l];
      out.push_back(Json{{"ladder", ladder.id},
                         {"stage", stage_ref(ladder, assessment.ladders[l].stage)},
                         {"equal_weights", stage_ref(ladder, stages[l])}});
    }
  }
  return out;
}

Json groups_json(const Aggregate& aggregate, const ResultOptions& options,
                 const Assessment& assessment)
{
  const std::size_t max_disagreements = options.max_disagreements;
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
                       {"disagreements", std::move(disagreements)},
                       {"contrast", contrast_json(bank, groups, options)},
                       {"mix", mix_json(bank, groups, assessment)}});
  }
  return out;
}

Json data_quality_json(const CompiledBank& bank, const Accumulator& all,
                       const Assessment& assessment, const ResultOptions& options)
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
              {"minimum_coverage", minimum_coverage(all.respondents())},
              {"straight_lining", all.straight_lining()},
              {"acquiescent", all.acquiescent()},
              {"careless_excluded", options.careless_excluded},
              {"dimensions_without_score", std::move(no_score)},
              {"insufficient", std::move(insufficient)},
              {"low_alpha", std::move(low_alpha)},
              {"ladders_limited_by_missing_data", std::move(limited)}};
}

Evidence evidence_of(const CompiledBank& bank, const Accumulator& all)
{
  Evidence evidence;
  evidence.respondents = all.respondents();
  for (std::size_t d = 0; d < bank.dimensions().size(); ++d) {
    const Moments& moments = all.dimension(d);
    evidence.scored.push_back(moments.count());
    evidence.ci95.push_back(confidence_interval_95(moments, 0, 100));
    const std::uint64_t slots = all.respondents() * bank.dimensions()[d].questions.size();
    evidence.not_applicable.push_back(
      share(all.dimension_answers_of(d, answers::AnswerKind::not_applicable), slots));
  }
  for (std::size_t q = 0; q < bank.questions().size(); ++q) {
    evidence.item_scores.push_back(all.item_mean(q).value_or(k_no_score));
    evidence.item_answered.push_back(all.answers_of(q, answers::AnswerKind::value));
  }
  const auto gap = all.say_do().mean();
  const auto practice = all.practice().mean();
  evidence.empty_shell =
    gap && practice
    && is_empty_shell(*gap, *practice, confidence_interval_95(all.say_do(), -100, 100));
  return evidence;
}

std::vector<ChoiceTally> tallies_of(const CompiledBank& bank, const Accumulator& all)
{
  std::vector<ChoiceTally> out;
  for (const auto& choice : bank.choices()) {
    std::vector<std::uint64_t> counts;
    for (std::size_t o = 0; o < choice.stages.size(); ++o) {
      counts.push_back(all.option_count(choice.question, o));
    }
    out.push_back(tally_choice(choice, counts));
  }
  return out;
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
  std::vector<Target> targets =
    options.targets.empty() ? resolve_targets(bank, {}) : options.targets;
  const auto tallies = tallies_of(bank, all);
  apply_choices(targets, tallies);
  const Assessment assessment = assess(bank, scores, targets, evidence_of(bank, all));

  Json ladders = Json::array();
  for (std::size_t l = 0; l < assessment.ladders.size(); ++l) {
    ladders.push_back(ladder_json(bank, l, assessment.ladders[l], all, tallies));
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
    {"findings", findings_json(bank, assessment)},
    {"next_steps", std::move(next_steps)},
    {"roadmap", roadmap_json(bank, assessment)},
    {"say_do_gap", say_do_json(bank, all)},
    {"misconceptions", misconceptions_json(bank, all)},
    {"groups", groups_json(aggregate, options, assessment)},
    {"data_quality", data_quality_json(bank, all, assessment, options)},
    {"method",
     Json{
       {"normalisation", "100 * (v - min) / (max - min); reverse: 100 * (max - v) / (max - min)"},
       {"dimension_score", "weighted mean of answered items"},
       {"organisation_score", "mean of respondents' dimension scores"},
       {"threshold_tolerance", k_tolerance},
       {"alpha", "Cronbach's alpha, pairwise-complete item covariances"},
       {"ci95", "mean +/- t(0.975, n-1) * sd / sqrt(n), clamped to the scale"},
       {"borderline", "a criterion whose score's 95% interval contains its threshold"},
       {"coverage", "an organisation-level criterion, risk or finding needs scores from all "
                    "respondents up to three, else from at least three and a third of them"},
       {"effect_size", "Hedges' g (pooled SD, small-sample corrected)"},
       {"next_step_priority",
        "gap * weight / effort; weight: each stage up to the horizon weighs 1, divided by its "
        "distance and shared among the dimensions that block it; failed pass marks share 1 "
        "(a dimension a stage needs too takes the larger weight); findings weigh 1, 0.5 or "
        "0.25 by severity; the first three: the headline ladder's best step, a high-severity "
        "finding, the largest gap, more than one lens"},
       {"say_do", "per respondent: mean of beliefs professing a measured dimension minus mean "
                  "of that dimension's practice questions; empty shell: gap >= 10 points, "
                  "practice < 60 and the gap's 95% interval above 0"}}},
  };
}

} // namespace centricity::score
