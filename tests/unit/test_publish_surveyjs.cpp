#include "test_publish_bank.hpp"

#include <centricity/publish/surveyjs.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace centricity;
using namespace centricity::publish;
using Json = nlohmann::ordered_json;

TEST_CASE("publish::to_surveyjs")
{
  const Json doc = Json::parse(
    to_surveyjs(plan_survey(test::publish_bank(), {{"role", {"Executive", "Front line"}}}, true)));
  CHECK(doc["title"] == "Small \"publish\" bank");
  CHECK(doc["description"] == "Two dimensions, one ladder, one choice.");
  CHECK_FALSE(doc.contains("locale"));
  CHECK(doc["calculatedValues"]
        == Json::parse(R"([{"name": "centricityBank", "expression": "'publish-small'"},
                           {"name": "centricityBankVersion", "expression": "'2.1'"}])"));
  const auto& pages = doc["pages"];
  REQUIRE(pages.size() == 4);
  CHECK(pages[0]["elements"][0]
        == Json::parse(R"({"type": "radiogroup", "name": "role", "title": "role",
                           "isRequired": true, "choices": ["Executive", "Front line"]})"));
  CHECK(pages[1]["name"] == "contact");
  CHECK(pages[1]["title"] == "Customer contact");
  CHECK(pages[1]["description"] == "Leaders hear customers first-hand.");
  const auto& matrix = pages[1]["elements"][0];
  CHECK(matrix["type"] == "matrix");
  CHECK(matrix["name"] == "grid-contact");
  // Rows are the questions, by id; columns the options, by value (labels
  // for N/A and don't know), each shown by its label.
  CHECK(matrix["rows"][0]
        == Json::parse(
          R"({"value": "contact-calls", "text": "Our executives listen to customer calls."})"));
  CHECK(matrix["rows"][1]["value"] == "contact-visits");
  CHECK(matrix["columns"]
        == Json::parse(R"([{"value": 1, "text": "Disagree"}, {"value": 2.5, "text": "Neither"},
                           {"value": 4, "text": "Agree"},
                           {"value": "Not applicable", "text": "Not applicable"},
                           {"value": "Don't know", "text": "Don't know"}])"));
  CHECK(matrix["description"].get<std::string>().starts_with("Why these questions matter:\n- "));
  const auto& single = pages[1]["elements"][1];
  CHECK(single == Json::parse(R"({"type": "radiogroup", "name": "contact-mapped",
                           "title": "We have mapped who talks to customers.",
                           "description": "A map shows who to support.",
                           "choices": [{"value": 0, "text": "No"}, {"value": 1, "text": "Yes"}]})"));
  CHECK(pages[2]["title"] == "The leadership's choice");
  CHECK(pages[2]["elements"][0]["name"] == "level-target");
  CHECK(pages[2]["elements"][0]["choices"][2]
        == Json::parse(R"({"value": "Not decided yet", "text": "Not decided yet"})"));
}

TEST_CASE("publish::to_surveyjs, the bank's language and quotes in its version")
{
  auto bank = test::publish_bank();
  bank.language = "de-CH";
  bank.version = "it's 2";
  const Json doc = Json::parse(to_surveyjs(plan_survey(bank, {}, true)));
  CHECK(doc["locale"] == "de");
  CHECK(doc["calculatedValues"][1]["expression"] == "\"it's 2\"");
  CHECK(doc["pages"][0]["name"] == "contact");
}

TEST_CASE("publish::to_surveyjs, range scales")
{
  const Json doc = Json::parse(to_surveyjs(plan_survey(test::range_bank(), {}, true)));
  const auto& loyalty = doc["pages"][0]["elements"];
  const auto& reach = doc["pages"][1]["elements"];
  REQUIRE(loyalty.size() == 2); // on one scale, yet no matrix: ranges stand alone
  REQUIRE(reach.size() == 2);
  CHECK(loyalty[0] == Json::parse(R"({"type": "rating", "name": "recommend",
          "title": "How likely are you to recommend us to a friend or colleague?",
          "description": "The net promoter question, 0 (not at all likely) to 10 (extremely likely).",
          "rateMin": 0, "rateMax": 10, "rateStep": 1})"));
  // With "Don't know" a rating cannot offer: the choices.
  CHECK(loyalty[1]["type"] == "radiogroup");
  CHECK(loyalty[1]["choices"].size() == 12);
  CHECK(loyalty[1]["choices"][7] == Json::parse(R"({"value": 7, "text": "7"})"));
  CHECK(loyalty[1]["choices"][11]
        == Json::parse(R"({"value": "Don't know", "text": "Don't know"})"));
  CHECK(reach[1] == Json::parse(R"({"type": "text", "name": "inward",
          "title": "How far do internal priorities outweigh customer priorities, from -50 to 50?",
          "description": "Internal priorities that win every time crowd the customer out.",
          "inputType": "number", "min": -50, "max": 50, "step": 5})"));
  CHECK(reach[0]["inputType"] == "number");
  CHECK(reach[0]["max"] == 100);
}
