// What an expert reader of the source essays concludes, checked against the
// Result: the organisation profiles of tests/data/profiles (expected.yaml
// says what each must show), and a profile for every recommendation of every
// bundled bank that puts it in the roadmap.

#include <centricity/answers/loader.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/score/result.hpp>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <span>
#include <string>
#include <vector>

using namespace centricity;
using Json = nlohmann::ordered_json;

namespace {

const std::string k_profiles = CENTRICITY_TEST_DATA "/profiles/";
const std::string k_banks = CENTRICITY_SOURCE_DIR "/questionnaires/";

const score::CompiledBank& default_bank()
{
  static const score::CompiledBank bank(
    bank::load_valid_bank(k_banks + "customer-centricity.yaml"));
  return bank;
}

struct Run {
  std::vector<std::string> targets;
  std::vector<std::pair<std::string, std::string>> contrasts;
  bool exclude_careless = false;
};

Json score_profile(const std::string& name, const Run& run)
{
  const auto& bank = default_bank();
  const auto loaded = answers::load_answers({k_profiles + name + ".yaml"}, bank.bank());
  REQUIRE(!loaded.diagnostics.has_errors());
  score::Aggregate aggregate(bank, {"role"});
  score::ResultOptions options;
  options.generated_at = "2026-01-01T00:00:00Z";
  options.targets = score::resolve_targets(bank, run.targets);
  options.contrasts = run.contrasts;
  score::RespondentScores scores;
  for (const auto& response : loaded.responses) {
    score::score_respondent(bank, response.answers, scores);
    if (run.exclude_careless && scores.careless != 0) {
      ++options.careless_excluded;
      continue;
    }
    const std::string* role = response.field("role");
    const std::vector<std::string_view> values{role == nullptr ? std::string_view()
                                                               : std::string_view(*role)};
    aggregate.add(response.answers, values, scores);
  }
  return score::make_result(aggregate, options);
}

// The recommendation ids a step stands for: its own and those folded in.
std::vector<std::string> ids_of(const Json& step)
{
  std::vector<std::string> ids{step.at("id").get<std::string>()};
  for (const auto& merged : step.at("merged")) {
    ids.push_back(merged.get<std::string>());
  }
  return ids;
}

bool step_has(const Json& step, const std::string& id)
{
  const auto ids = ids_of(step);
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool any_step_has(const Json& steps, std::size_t first, std::size_t last, const std::string& id)
{
  for (std::size_t i = first; i < last && i < steps.size(); ++i) {
    if (step_has(steps[i], id)) {
      return true;
    }
  }
  return false;
}

const Json& by_id(const Json& list, const std::string& id)
{
  for (const auto& item : list) {
    if (item.at("id") == id) {
      return item;
    }
  }
  FAIL("no entry '" << id << "'");
  static const Json none;
  return none;
}

std::vector<std::string> strings(const YAML::Node& node)
{
  std::vector<std::string> out;
  for (const auto& item : node) {
    out.push_back(item.as<std::string>());
  }
  return out;
}

void check(const Json& result, const YAML::Node& expect)
{
  const auto& steps = result.at("next_steps");
  if (expect["stages"]) {
    for (const auto& entry : expect["stages"]) {
      INFO("stage on " << entry.first.as<std::string>());
      CHECK(by_id(result.at("ladders"), entry.first.as<std::string>()).at("stage").at("id")
            == entry.second.as<std::string>());
    }
  }
  if (expect["first_step"]) {
    REQUIRE(!steps.empty());
    INFO("first step " << steps[0].dump());
    CHECK(step_has(steps[0], expect["first_step"].as<std::string>()));
  }
  for (const auto& id : strings(expect["top_three_includes"])) {
    INFO("in the first three: " << id);
    CHECK(any_step_has(steps, 0, 3, id));
  }
  for (const auto& id : strings(expect["top_three_excludes"])) {
    INFO("not in the first three: " << id);
    CHECK_FALSE(any_step_has(steps, 0, 3, id));
  }
  for (const auto& id : strings(expect["steps_exclude"])) {
    INFO("no step: " << id);
    CHECK_FALSE(any_step_has(steps, 0, steps.size(), id));
  }
  for (const auto& id : strings(expect["keep_includes"])) {
    INFO("kept: " << id);
    const auto& keep = result.at("roadmap").at("keep");
    CHECK(std::any_of(keep.begin(), keep.end(), [&](const Json& k) { return k.at("id") == id; }));
  }
  for (const auto& id : strings(expect["findings_hold"])) {
    INFO("finding holds: " << id);
    CHECK(by_id(result.at("findings"), id).at("status") == "holds");
  }
  for (const auto& id : strings(expect["findings_absent"])) {
    INFO("finding absent: " << id);
    CHECK(by_id(result.at("findings"), id).at("status") == "absent");
  }
  if (expect["risks"]) {
    for (const auto& entry : expect["risks"]) {
      std::vector<std::string> risks;
      for (const auto& risk :
           by_id(result.at("ladders"), entry.first.as<std::string>()).at("risks")) {
        risks.push_back(risk.at("stage").at("id").get<std::string>());
      }
      INFO("risks on " << entry.first.as<std::string>());
      CHECK(risks == strings(entry.second));
    }
  }
  if (expect["empty_shell"]) {
    CHECK(result.at("say_do_gap").at("empty_shell") == expect["empty_shell"].as<bool>());
  }
  if (expect["target"]) {
    for (const auto& entry : expect["target"]) {
      const auto& target = by_id(result.at("ladders"), entry.first.as<std::string>()).at("target");
      INFO("target of " << entry.first.as<std::string>() << ": " << target.dump());
      REQUIRE(target.is_object());
      CHECK(target.at("id") == entry.second["stage"].as<std::string>());
      CHECK(target.at("source") == entry.second["source"].as<std::string>());
      CHECK(target.at("reached") == entry.second["reached"].as<bool>());
    }
  }
  const auto& misconceptions = result.at("misconceptions");
  if (expect["misconceptions_held_at_least"]) {
    CHECK(misconceptions.at("held").get<int>() >= expect["misconceptions_held_at_least"].as<int>());
  }
  if (expect["misconceptions_held_at_most"]) {
    CHECK(misconceptions.at("held").get<int>() <= expect["misconceptions_held_at_most"].as<int>());
  }
  const auto& quality = result.at("data_quality");
  if (expect["straight_lining_at_least"]) {
    CHECK(quality.at("straight_lining").get<int>() + quality.at("acquiescent").get<int>()
          >= expect["straight_lining_at_least"].as<int>());
  }
  if (expect["careless_excluded"]) {
    CHECK(quality.at("careless_excluded") == expect["careless_excluded"].as<int>());
  }
  if (expect["respondents"]) {
    CHECK(result.at("respondents") == expect["respondents"].as<int>());
  }
  if (expect["contrast"]) {
    const auto& contrast = result.at("groups")[0].at("contrast");
    INFO("contrast " << contrast.dump());
    REQUIRE(contrast.is_object());
    const bool a_high = contrast.at("a") == expect["contrast"]["higher"].as<std::string>();
    CHECK((a_high ? contrast.at("b") : contrast.at("a"))
          == expect["contrast"]["lower"].as<std::string>());
    CHECK((a_high ? contrast.at("a_higher") : contrast.at("b_higher")).get<int>()
          >= expect["contrast"]["on_at_least"].as<int>());
    const double by = contrast.at("mean_difference").get<double>() * (a_high ? 1 : -1);
    CHECK(by >= expect["contrast"]["by_at_least"].as<double>());
  }
}

// The option of question `q` whose 0-100 score is nearest `target`.
std::uint16_t nearest_option(const score::CompiledBank& bank, std::size_t q, double target)
{
  std::uint16_t best = 0;
  double distance = 1e9;
  for (std::uint32_t o = 0; o < bank.questions()[q].option_count; ++o) {
    const double score = bank.option_score(q, o);
    if (!std::isnan(score) && std::fabs(score - target) < distance) {
      distance = std::fabs(score - target);
      best = static_cast<std::uint16_t>(o);
    }
  }
  return best;
}

// One respondent answering every question of dimension d near `levels[d]`,
// question q near `items[q]` where set, and every choice question with the
// ladder's top stage.
Json score_levels(const score::CompiledBank& bank, const std::vector<double>& levels,
                  const std::vector<double>& items)
{
  std::vector<answers::Answer> answers(bank.questions().size());
  for (std::size_t q = 0; q < bank.questions().size(); ++q) {
    const auto d = bank.questions()[q].dimension;
    if (d == score::k_no_dimension) {
      continue;
    }
    const double target = std::isnan(items[q]) ? levels[d] : items[q];
    answers[q] = {answers::AnswerKind::value, nearest_option(bank, q, target)};
  }
  for (const auto& choice : bank.choices()) {
    std::uint16_t top = 0;
    for (std::size_t o = 0; o < choice.stages.size(); ++o) {
      if (choice.stages[o] && *choice.stages[o] >= *choice.stages[top]) {
        top = static_cast<std::uint16_t>(o);
      }
    }
    answers[choice.question] = {answers::AnswerKind::value, top};
  }
  score::Aggregate aggregate(bank, {});
  score::RespondentScores scores;
  score::score_respondent(bank, answers, scores);
  aggregate.add(answers, std::span<const std::string_view>(), scores);
  score::ResultOptions options;
  options.generated_at = "2026-01-01T00:00:00Z";
  return score::make_result(aggregate, options);
}

bool ranked(const Json& result, const std::string& id)
{
  const auto& steps = result.at("next_steps");
  const auto& keep = result.at("roadmap").at("keep");
  return any_step_has(steps, 0, steps.size(), id)
         || std::any_of(keep.begin(), keep.end(), [&](const Json& k) { return k.at("id") == id; });
}

} // namespace

TEST_CASE("score::profiles, what an expert concludes")
{
  const YAML::Node profiles = YAML::LoadFile(k_profiles + "expected.yaml");
  REQUIRE(profiles.size() >= 8);
  for (const auto& profile : profiles) {
    const std::string name = profile.first.as<std::string>();
    int number = 0;
    for (const auto& run : profile.second["runs"]) {
      ++number;
      DYNAMIC_SECTION(name << ", run " << number)
      {
        Run options;
        const auto given = run["options"];
        if (given) {
          options.targets = strings(given["target"]);
          options.exclude_careless = given["exclude_careless"].as<bool>(false);
          for (const auto& spec : strings(given["contrast"])) {
            const auto colon = spec.find(':');
            options.contrasts.emplace_back(spec.substr(0, colon), spec.substr(colon + 1));
          }
        }
        check(score_profile(name, options), run["expect"]);
      }
    }
  }
}

TEST_CASE("score::profiles, every recommendation of every bundled bank can be a step")
{
  for (const char* file : {"customer-centricity.yaml", "five-step-journey.yaml",
                           "four-tough-questions.yaml", "focus-positions.yaml"}) {
    const score::CompiledBank bank(bank::load_valid_bank(k_banks + file));
    const auto& recommendations = bank.bank().recommendations;
    const std::size_t dimensions = bank.dimensions().size();
    const std::vector<double> no_items(bank.questions().size(),
                                       std::numeric_limits<double>::quiet_NaN());
    for (std::size_t r = 0; r < recommendations.size(); ++r) {
      const auto& rec = recommendations[r];
      const auto& compiled = bank.recommendations()[r];
      // Everything at the top, then the one thing the recommendation is about.
      std::vector<double> levels(dimensions, 100);
      std::vector<double> items = no_items;
      switch (rec.kind) {
      case bank::Recommendation::Kind::dimension:
        levels[compiled.dimension] = compiled.band_max >= 100
                                       ? std::max(compiled.band_min, 80.0)
                                       : (compiled.band_min + compiled.band_max) / 2;
        break;
      case bank::Recommendation::Kind::stage:
        for (const auto& criterion : bank.ladders()[compiled.ladder].criteria[compiled.stage]) {
          if (criterion.kind == bank::Criterion::Kind::dimension) {
            levels[criterion.dimension] = 30;
          }
        }
        break;
      case bank::Recommendation::Kind::finding:
        // The first alternative of every entry of the finding made true.
        for (const auto& any : bank.findings()[compiled.finding].when) {
          const auto& c = any.front();
          const double inside = c.below < 1000 ? c.below - 20 : c.at_least + 10;
          if (c.kind == bank::Condition::Kind::dimension) {
            levels[c.index] = std::clamp(inside, 0.0, 100.0);
          } else if (c.kind == bank::Condition::Kind::question) {
            items[c.index] = std::clamp(inside, 0.0, 100.0);
          } else if (c.below_stage) {
            for (const auto& criterion : bank.ladders()[c.index].criteria[*c.below_stage - 1]) {
              levels[criterion.dimension] = 20;
            }
          }
        }
        break;
      }
      INFO(file << ": " << rec.id);
      CHECK(ranked(score_levels(bank, levels, items), rec.id));
    }
  }
}
