#include "test_publish_bank.hpp"

#include <centricity/publish/qualtrics.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

using namespace centricity;
using namespace centricity::publish;
using Json = nlohmann::ordered_json;

namespace {

Json qsf(const std::vector<GroupQuestion>& ask = {})
{
  return Json::parse(to_qualtrics(plan_survey(test::publish_bank(), ask, true)));
}

const Json& element(const Json& doc, const std::string& kind)
{
  for (const auto& e : doc["SurveyElements"]) {
    if (e["Element"] == kind) {
      return e;
    }
  }
  FAIL("no element " << kind);
  return doc;
}

// The question payloads by export tag.
std::map<std::string, Json> by_tag(const Json& doc)
{
  std::map<std::string, Json> out;
  for (const auto& e : doc["SurveyElements"]) {
    if (e["Element"] == "SQ") {
      out[e["Payload"]["DataExportTag"]] = e["Payload"];
    }
  }
  return out;
}

} // namespace

TEST_CASE("publish::to_qualtrics, questions exported under their ids")
{
  const Json doc = qsf({{"role", {"Executive", "Manager"}}});
  CHECK(doc["SurveyEntry"]["SurveyName"] == "Small \"publish\" bank");
  CHECK(doc["SurveyEntry"]["SurveyDescription"] == "centricity bank publish-small, version 2.1");
  CHECK(doc["SurveyEntry"]["SurveyLanguage"] == "EN");
  const auto tags = by_tag(doc);

  const Json& mapped = tags.at("contact-mapped");
  CHECK(mapped["QuestionType"] == "MC");
  CHECK(mapped["Selector"] == "SAVR");
  CHECK(mapped["QuestionDescription"] == "We have mapped who talks to customers.");
  CHECK(mapped["Configuration"]["QuestionDescriptionOption"] == "SpecifyLabel");
  CHECK(mapped["QuestionText"]
        == "We have mapped who talks to customers.<br><br><span style=\"font-size:smaller\">A "
           "map shows who to support.</span>");
  CHECK(mapped["Choices"] == Json::parse(R"({"1": {"Display": "No"}, "2": {"Display": "Yes"}})"));
  CHECK(mapped["RecodeValues"] == Json::parse(R"({"1": "0", "2": "1"})"));
  CHECK(mapped["Validation"]["Settings"]["ForceResponse"] == "OFF");

  // A grid: statements exported under the ids of their questions; N/A and
  // don't know recoded below every value, so no numeric export mixes them up.
  const Json& grid = tags.at("grid-contact");
  CHECK(grid["QuestionType"] == "Matrix");
  CHECK(grid["SubSelector"] == "SingleAnswer");
  CHECK(grid["ChoiceDataExportTags"]
        == Json::parse(R"({"1": "contact-calls", "2": "contact-visits"})"));
  CHECK(grid["Choices"]["2"]["Display"] == "Executives visit customers [in person] every quarter.");
  CHECK(grid["Answers"]["2"]["Display"] == "Neither");
  CHECK(grid["AnswerOrder"] == Json::parse(R"(["1", "2", "3", "4", "5"])"));
  CHECK(grid["RecodeValues"]
        == Json::parse(R"({"1": "1", "2": "2.5", "3": "4", "4": "0", "5": "-1"})"));
  CHECK(grid["QuestionText"].get<std::string>().find("Visits show what reports hide.")
        != std::string::npos);

  // The group question is required; the choice question is an ordinary one.
  CHECK(tags.at("role")["Validation"]["Settings"]["ForceResponse"] == "ON");
  CHECK(tags.at("role")["Choices"]["2"]["Display"] == "Manager");
  CHECK(tags.at("level-target")["Choices"]["3"]["Display"] == "Not decided yet");
  // Descriptive texts carry tags no question id or group name can have.
  CHECK(tags.count("TEXT_1") == 1);
}

TEST_CASE("publish::to_qualtrics, blocks, flow and counts hold together")
{
  const Json doc = qsf();
  std::set<std::string> questions;
  for (const auto& e : doc["SurveyElements"]) {
    if (e["Element"] == "SQ") {
      CHECK(e["PrimaryAttribute"] == e["Payload"]["QuestionID"]);
      questions.insert(e["PrimaryAttribute"]);
    }
  }
  CHECK(element(doc, "QC")["SecondaryAttribute"] == std::to_string(questions.size()));
  std::set<std::string> placed;
  std::set<std::string> blocks;
  for (const auto& block : element(doc, "BL")["Payload"]) {
    blocks.insert(block["ID"]);
    for (const auto& item : block["BlockElements"]) {
      placed.insert(item["QuestionID"]);
    }
  }
  CHECK(placed == questions);
  const auto& flow = element(doc, "FL")["Payload"];
  CHECK(flow["Properties"]["Count"] == flow["Flow"].size() + 1);
  for (const auto& step : flow["Flow"]) {
    CHECK(blocks.count(step["ID"]) == 1);
  }
  CHECK(element(doc, "RS")["PrimaryAttribute"] == doc["SurveyEntry"]["SurveyActiveResponseSet"]);
  // The same bank gives the same file.
  CHECK(to_qualtrics(plan_survey(test::publish_bank(), {}, true)) == doc.dump(2) + "\n");
}

TEST_CASE("publish::to_qualtrics, range scales")
{
  const auto questions =
    by_tag(Json::parse(to_qualtrics(plan_survey(test::range_bank(), {}, true))));
  SECTION("NPS 0-10: a single choice among its numbers, in a row")
  {
    const Json& nps = questions.at("recommend");
    CHECK(nps["QuestionType"] == "MC");
    CHECK(nps["Selector"] == "SAHR");
    CHECK(nps["Choices"].size() == 11);
    CHECK(nps["Choices"]["1"]["Display"] == "0");
    CHECK(nps["Choices"]["11"]["Display"] == "10");
    CHECK(nps["RecodeValues"]["8"] == "7");
    CHECK(questions.at("return")["Choices"]["12"]["Display"] == "Don't know");
  }
  SECTION("larger ranges: a slider whose one statement is exported under the question id")
  {
    const Json& share = questions.at("SLIDER_1");
    CHECK(share["QuestionType"] == "Slider");
    CHECK(share["Selector"] == "HSLIDER");
    CHECK(share["QuestionDescription"]
          == "What share of your decisions start from customer data, in percent?");
    CHECK(share["ChoiceDataExportTags"] == Json::parse(R"({"1": "data-share"})"));
    CHECK(share["Choices"] == Json::parse(R"({"1": {"Display": ""}})"));
    CHECK(share["Configuration"]
          == Json::parse(R"({"QuestionDescriptionOption": "SpecifyLabel", "CSSliderMin": 0,
                             "CSSliderMax": 100, "GridLines": 10, "SnapToGrid": false,
                             "NumDecimals": "0", "ShowValue": true, "CustomStart": false,
                             "MobileFirst": true})"));
    // Steps of 5 snap to grid lines one step apart.
    const Json& inward = questions.at("SLIDER_2");
    CHECK(inward["ChoiceDataExportTags"]["1"] == "inward");
    CHECK(inward["Configuration"]["CSSliderMin"] == -50);
    CHECK(inward["Configuration"]["GridLines"] == 20);
    CHECK(inward["Configuration"]["SnapToGrid"] == true);
  }
}
