#include "test_score_bank.hpp"

#include <centricity/report/compare.hpp>
#include <centricity/score/result.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace centricity;
using report::Comparability;

namespace {

nlohmann::ordered_json result_for(bank::Questionnaire source,
                                  const std::vector<std::pair<std::string, int>>& given,
                                  const char* when)
{
  const score::CompiledBank bank(std::move(source));
  score::Aggregate aggregate(bank, {});
  answers::Response response;
  response.answers = test::answers_for(bank.bank(), given);
  aggregate.add(response);
  score::ResultOptions options;
  options.generated_at = when;
  return score::make_result(aggregate, options);
}

// contact 18.75, metrics 100, culture 75: stage 0, contact 41.25 short.
const std::vector<std::pair<std::string, int>> k_before = {
  {"contact-1", 2}, {"contact-2", 5}, {"contact-3", 2}, {"metrics-1", 5},
  {"metrics-2", 5}, {"culture-1", 4}, {"culture-2", 4}};
// contact (75 + 75 + 150) / 4 = 75, metrics 100, culture 75: leading.
const std::vector<std::pair<std::string, int>> k_after = {
  {"contact-1", 4}, {"contact-2", 2}, {"contact-3", 4}, {"metrics-1", 5},
  {"metrics-2", 5}, {"culture-1", 4}, {"culture-2", 4}};

} // namespace

TEST_CASE("report::compare_results, the same bank")
{
  const auto before = result_for(test::test_bank(), k_before, "2024-01-01T00:00:00Z");
  const auto after = result_for(test::test_bank(), k_after, "2024-06-01T00:00:00Z");
  const auto c = report::compare_results(before, after);
  CHECK(c.same_bank);
  CHECK(c.same_version);
  REQUIRE(c.ladders.size() == 1);
  CHECK(c.ladders[0].before->index == 0);
  CHECK(c.ladders[0].after->index == 3);
  REQUIRE(c.dimensions.size() == 3);
  CHECK(*c.dimensions[0].delta() == 56.25);
  CHECK(*c.dimensions[1].delta() == 0);
  REQUIRE(c.gaps.size() == 1);
  CHECK(*c.gaps[0].before == 41.25);
  CHECK_FALSE(c.gaps[0].after); // closed

  std::ostringstream out;
  report::render_comparison_markdown(c, out);
  CHECK(out.str().find("| Maturity | 0 · Starting point | 3 · Leading | ▲ up 3 stages |")
        != std::string::npos);
  CHECK(out.str().find("| Direct contact | 18.8 | 75.0 | ▲ +56.2 |") != std::string::npos);
  CHECK(out.str().find("| Maturity | Direct contact | 41.2 | — | closed |") != std::string::npos);

  std::ostringstream bullets;
  report::render_movement_bullets(c, bullets);
  CHECK(bullets.str()
        == "Compared with the assessment of 2024-01-01T00:00:00Z (1 respondent):\n\n"
           "- **Maturity**: 0 · Starting point → 3 · Leading (▲ up 3 stages)\n"
           "- Direct contact: 18.8 → 75.0 (▲ +56.2)\n"
           "- 1 gap closed.\n");
}

TEST_CASE("report::compare_results, across bank versions")
{
  const auto before = result_for(test::test_bank(), k_before, "2024-01-01T00:00:00Z");
  auto changed = test::test_bank();
  changed.version = "1.1";
  changed.questions[0].weight = 3; // contact changes definition
  changed.dimensions.push_back({"extra", "Extra", "", 1, true, std::nullopt, "", {}});
  changed.questions.push_back(test::question("extra-1", "extra", 1));
  const auto after = result_for(changed, k_after, "2024-06-01T00:00:00Z");
  const auto c = report::compare_results(before, after);
  CHECK(c.same_bank);
  CHECK_FALSE(c.same_version);
  CHECK(c.dimensions[0].comparability == Comparability::changed);
  CHECK_FALSE(c.dimensions[0].delta());
  CHECK(c.dimensions[1].comparability == Comparability::comparable);
  CHECK(c.dimensions[3].id == "extra");
  CHECK(c.dimensions[3].comparability == Comparability::added);
  CHECK(c.ladders[0].comparability == Comparability::comparable);
  CHECK(c.gaps[0].comparability == Comparability::changed);

  const auto json = report::comparison_to_json(c);
  CHECK(json["dimensions"][0]["comparability"] == "changed");
  CHECK(json["dimensions"][0]["delta"].is_null());

  SECTION("another bank is never compared")
  {
    auto other = test::test_bank();
    other.id = "other-bank";
    const auto far = report::compare_results(before, result_for(other, k_after, "2024-06-01"));
    CHECK_FALSE(far.same_bank);
    CHECK(far.ladders[0].comparability == Comparability::other_bank);
    CHECK(far.dimensions[0].comparability == Comparability::other_bank);
  }
}
