#include <centricity/report/render.hpp>
#include <centricity/report/result_file.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

using centricity::report::parse_result;
using Json = nlohmann::ordered_json;

namespace {

// A real Result of the test bank: five respondents in two groups, a target,
// gaps, next steps and a say-do gap.
Json valid_result()
{
  std::ifstream in(CENTRICITY_TEST_DATA "/score/result-after.json");
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

// The error `parse_result` gives for `result` changed by `change`.
template <typename Change>
std::string error_after(Change change)
{
  Json result = valid_result();
  change(result);
  try {
    (void)parse_result(result.dump(), "r.json");
  } catch (const centricity::Error& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("report::parse_result, error handling")
{
  SECTION("not JSON")
  {
    REQUIRE_THROWS_WITH(parse_result("{\"schema\": ", "r.json"),
                        "r.json:1:12: invalid JSON: syntax error while parsing value - unexpected "
                        "end of input; expected '[', '{', or a literal");
    REQUIRE_THROWS_WITH(parse_result("{\"schema\": 1e999}", "r.json"),
                        "r.json:1:12: invalid JSON: number overflow parsing '1e999'");
  }
  SECTION("JSON, but not a Result")
  {
    REQUIRE_THROWS_WITH(parse_result("[1, 2]", "r.json"),
                        "r.json: not a centricity Result (no \"schema\" key)");
  }
  SECTION("a future schema")
  {
    REQUIRE_THROWS_WITH(parse_result(R"({"schema": "centricity.result/9"})", "r.json"),
                        "r.json: Result schema 'centricity.result/9' is not supported (this "
                        "centricity reads 'centricity.result/1')");
  }
  SECTION("a missing part")
  {
    REQUIRE_THROWS_WITH(parse_result(R"({"schema": "centricity.result/1", "bank": {}})", "r.json"),
                        "r.json: \"bank\" has no \"id\"");
    CHECK(error_after([](Json& r) { r.erase("respondents"); })
          == "r.json: the Result has no \"respondents\"");
    CHECK(error_after([](Json& r) { r["ladders"][0].erase("trace"); })
          == "r.json: \"ladders[0]\" has no \"trace\"");
  }
}

TEST_CASE("report::parse_result, nesting is bounded while parsing")
{
  // 200,000 brackets crashed report, compare and --to json (exit 139):
  // now the 65th bracket stops the parser.
  const std::string deep = R"({"schema": "centricity.result/1", "extra": )"
                           + std::string(200000, '[') + std::string(200000, ']') + "}";
  const auto start = std::chrono::steady_clock::now();
  REQUIRE_THROWS_WITH(parse_result(deep, "r.json"),
                      "r.json:1:107: JSON nested more than 64 levels deep (the depth limit)");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  // 64 levels are read (the Result itself needs 7).
  Json result = valid_result();
  std::string nested = "0";
  for (int i = 0; i < 62; ++i) {
    nested = "[" + nested + "]";
  }
  result["extra"] = Json::parse(nested);
  CHECK_NOTHROW(parse_result(result.dump(), "r.json"));
}

TEST_CASE("report::parse_result, every number is checked before rendering")
{
  SECTION("a valid Result, with keys this build does not know")
  {
    Json result = valid_result();
    result["verdicts"] = Json{{"findings", Json::array({"x"})}, {"roadmap", nullptr}};
    result["ladders"][0]["new_field"] = 1;
    CHECK_NOTHROW(parse_result(result.dump(), "r.json"));
  }
  SECTION("a next step that answers a finding (written by score, refused before)")
  {
    Json result = valid_result();
    Json& step = result["next_steps"][0];
    step.erase("dimension");
    step["kind"] = "finding";
    step["finding"] = "systems-before-behaviour";
    CHECK_NOTHROW(parse_result(result.dump(), "r.json"));
  }
  SECTION("a structure answered not applicable: no score, not met (written by score, refused "
          "before)")
  {
    Json result = valid_result();
    Json& criterion = result["ladders"][0]["trace"][0]["criteria"][0];
    criterion["status"] = "not_applicable";
    criterion["score"] = nullptr;
    criterion["margin"] = nullptr;
    result["gaps"][0]["score"] = nullptr;
    CHECK_NOTHROW(parse_result(result.dump(), "r.json"));
    criterion["status"] = "unmet";
    CHECK_THROWS_WITH(parse_result(result.dump(), "r.json"),
                      "r.json: field \"ladders[0].trace[0].criteria[0]\" has status \"unmet\" but "
                      "no score and margin");
  }
  SECTION("a negative count (printed as 18446744073709551611 before)")
  {
    CHECK(error_after([](Json& r) { r["respondents"] = -5; })
          == "r.json: field \"respondents\" must be a whole number of at least 0, not -5");
    CHECK(error_after([](Json& r) { r["ladders"][0]["distribution"][0]["count"] = -5; })
          == "r.json: field \"ladders[0].distribution[0].count\" must be a whole number of at "
             "least 0, not -5");
    CHECK(error_after([](Json& r) { r["dimensions"][1]["n"] = 2.5; })
          == "r.json: field \"dimensions[1].n\" must be a whole number of at least 0, not 2.5");
  }
  SECTION("a count larger than the respondents")
  {
    CHECK(error_after([](Json& r) { r["groups"][0]["values"][0]["respondents"] = 6; })
          == "r.json: field \"groups[0].values[0].respondents\" is 6, more than the Result's 5 "
             "respondents");
    CHECK(error_after([](Json& r) { r["data_quality"]["respondents"] = 4; })
          == "r.json: field \"data_quality.respondents\" is 4, but the Result has 5 respondents");
  }
  SECTION("a stage index out of range (printed as \"999 of 3\" before)")
  {
    CHECK(error_after([](Json& r) { r["ladders"][0]["stage"]["index"] = 999; })
          == "r.json: field \"ladders[0].stage.index\" is 999, but ladder 'maturity' has stages 0 "
             "to 3");
    CHECK(error_after([](Json& r) { r["ladders"][0]["target"]["index"] = 4; })
          == "r.json: field \"ladders[0].target.index\" is 4, but ladder 'maturity' has stages 0 "
             "to 3");
    CHECK(error_after([](Json& r) { r["ladders"][0]["distribution"][1]["index"] = 7; })
          == "r.json: field \"ladders[0].distribution[1].index\" is 7, but ladder 'maturity' has "
             "stages 0 to 3");
    CHECK(error_after([](Json& r) { r["ladders"][0]["stages"][2]["index"] = 5; })
          == "r.json: field \"ladders[0].stages[2].index\" must be 2 (its place in the list), not "
             "5");
    CHECK(error_after([](Json& r) { r["ladders"][0]["trace"].erase(2); })
          == "r.json: field \"ladders[0].trace\" has 2 entries, but the ladder has 3 stages above "
             "its starting point");
  }
  SECTION("scores, rates and thresholds out of range")
  {
    CHECK(error_after([](Json& r) { r["dimensions"][0]["score"] = 1e300; })
          == "r.json: field \"dimensions[0].score\" must be a number from 0 to 100, not 1e+300");
    CHECK(error_after([](Json& r) { r["dimensions"][0]["missing_rate"] = "x"; })
          == "r.json: field \"dimensions[0].missing_rate\" must be a number from 0 to 1, not "
             "\"x\"");
    CHECK(error_after([](Json& r) { r["next_steps"][0]["effort"] = 9; })
          == "r.json: field \"next_steps[0].effort\" must be a whole number from 1 to 5, not 9");
    CHECK(error_after([](Json& r) { r["say_do_gap"]["ci95"] = Json::array({1}); })
          == "r.json: field \"say_do_gap.ci95\" must be null or a list of two numbers [low, "
             "high], not a list");
  }
  SECTION("shapes the renderers rely on")
  {
    CHECK(error_after([](Json& r) {
            r["ladders"][0]["risks"] = Json::array(
              {Json{{"stage", r["ladders"][0]["stages"][2]}, {"unmet_below", Json::array()}}});
          })
          == "r.json: field \"ladders[0].risks[0].unmet_below\" is empty (a risk has at least one "
             "unmet stage below it)");
    CHECK(error_after([](Json& r) { r["groups"][0]["values"][0]["dimensions"].erase(0); })
          == "r.json: field \"groups[0].values[0].dimensions\" has 2 entries, but the Result has "
             "3 dimensions");
    CHECK(error_after([](Json& r) { r["next_steps"][0]["kind"] = "ladder"; })
          == "r.json: field \"next_steps[0].kind\" must be one of \"dimension\", \"stage\", "
             "\"finding\", not \"ladder\"");
    CHECK(error_after([](Json& r) { r["next_steps"][0]["kind"] = "finding"; })
          == "r.json: \"next_steps[0]\" has no \"finding\"");
    CHECK(error_after([](Json& r) { r["ladders"][0]["trace"][0]["criteria"][0]["kind"] = "x"; })
          == "r.json: field \"ladders[0].trace[0].criteria[0].kind\" must be one of "
             "\"dimension\", \"ladder_stage\", not \"x\"");
    CHECK(
      error_after([](Json& r) { r["ladders"][0]["trace"][0]["criteria"][0]["score"] = nullptr; })
      == "r.json: field \"ladders[0].trace[0].criteria[0]\" has status \"unmet\" but no score "
         "and margin");
  }
}

TEST_CASE("report::render, a NUL byte from the data is not printed raw")
{
  Json result = valid_result();
  result["bank"]["title"] = std::string("Bank\0title", 10);
  result["groups"][0]["values"][0]["value"] = std::string("a\0b", 3);
  const Json checked = parse_result(result.dump(), "r.json");
  std::ostringstream out;
  centricity::report::render(checked, centricity::report::Format::markdown, out);
  CHECK(out.str().find('\0') == std::string::npos);
  CHECK(out.str().find("# Customer-centricity report: Bank\xEF\xBF\xBDtitle") != std::string::npos);
}
