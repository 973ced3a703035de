#include "test_publish_bank.hpp"

#include <centricity/publish/google_forms.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace centricity;
using namespace centricity::publish;
using Json = nlohmann::ordered_json;

namespace {

// The SURVEY literal of the script: JSON between "var SURVEY = " and ";\n".
Json survey_of(const std::string& script)
{
  const auto start = script.find("var SURVEY = ");
  REQUIRE(start != std::string::npos);
  const auto end = script.find(";\n", start);
  return Json::parse(script.substr(start + 13, end - start - 13));
}

} // namespace

TEST_CASE("publish::to_google_forms")
{
  const std::string script =
    to_google_forms(plan_survey(test::publish_bank(), {{"role", {"Executive", "Manager"}}}, true));
  CHECK(script.starts_with("// Creates \"Small \"publish\" bank\" as a Google Form (centricity "
                           "bank publish-small, version 2.1).\n"));
  CHECK(script.find("function createForm() {") != std::string::npos);
  CHECK(script.find("FormApp.create(SURVEY.title)") != std::string::npos);
  const Json survey = survey_of(script);
  CHECK(survey["title"] == "Small \"publish\" bank");
  CHECK(survey["description"]
        == "Two dimensions, one ladder, one choice.\n\nQuestion bank: publish-small, version 2.1 "
           "(centricity).");
  const auto& items = survey["items"];
  CHECK(items[0] == Json::parse(R"({"kind": "choice", "title": "role", "help": "",
                           "choices": ["Executive", "Manager"], "required": true})"));
  CHECK(items[1] == Json::parse(R"({"kind": "page", "title": "Customer contact",
                                    "help": "Leaders hear customers first-hand."})"));
  CHECK(items[2]["kind"] == "grid");
  CHECK(items[2]["title"] == "Customer contact");
  CHECK(items[2]["rows"] == Json::parse(R"(["Our executives listen to customer calls.",
                           "Executives visit customers [in person] every quarter."])"));
  CHECK(items[2]["columns"]
        == Json::parse(R"(["Disagree", "Neither", "Agree", "Not applicable", "Don't know"])"));
  CHECK(items[2]["help"].get<std::string>().find("Leaders who hear customers decide differently.")
        != std::string::npos);
  CHECK(items[3]
        == Json::parse(R"({"kind": "choice", "title": "We have mapped who talks to customers.",
                           "help": "A map shows who to support.", "choices": ["No", "Yes"],
                           "required": false})"));
  CHECK(items[4]["title"] == "The leadership's choice");
  // Two questions with one text: no grid, two items.
  CHECK(items.back()["kind"] == "choice");
  CHECK(items.back()["title"] == "Bonuses depend on customer loyalty.");
  CHECK(items.size() == 9);
}

TEST_CASE("publish::to_google_forms, range scales")
{
  const std::string script = to_google_forms(plan_survey(test::range_bank(), {}, true));
  const Json items = survey_of(script)["items"];
  REQUIRE(items.size() == 6); // two pages, four questions
  // NPS 0-10 without special options: a linear scale.
  CHECK(items[1] == Json::parse(R"({"kind": "scale",
    "title": "How likely are you to recommend us to a friend or colleague?",
    "help": "The net promoter question, 0 (not at all likely) to 10 (extremely likely).",
    "min": 0, "max": 10})"));
  // With "Don't know": multiple choice among the numbers and the option.
  CHECK(items[2]["kind"] == "choice");
  CHECK(items[2]["choices"].size() == 12);
  // Larger ranges: a short answer validated as a number between the ends.
  CHECK(items[5] == Json::parse(R"({"kind": "number",
    "title": "How far do internal priorities outweigh customer priorities, from -50 to 50?",
    "help": "Internal priorities that win every time crowd the customer out.",
    "hint": "A number from -50 to 50 in steps of 5", "min": -50, "max": 50})"));
  CHECK(script.find("form.addScaleItem().setTitle(item.title).setHelpText(item.help)\n"
                    "        .setBounds(item.min, item.max).setRequired(false);")
        != std::string::npos);
  CHECK(script.find(".requireNumberBetween(item.min, item.max).build())") != std::string::npos);
}
