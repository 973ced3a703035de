#include "test_import_bank.hpp"
#include "test_publish_bank.hpp"

#include <centricity/import/mapping.hpp>
#include <centricity/publish/limesurvey.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using namespace centricity::publish;

namespace {

// The rows of a LimeSurvey TSV file, cells unquoted as PHP's fgetcsv reads
// them (tab, '"').
std::vector<std::vector<std::string>> rows_of(std::string_view text)
{
  REQUIRE(text.substr(0, 3) == "\xEF\xBB\xBF");
  text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == '\t') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
    } else {
      cell += c;
    }
  }
  rows.pop_back(); // after the last line break
  return rows;
}

} // namespace

TEST_CASE("publish::to_limesurvey")
{
  const auto& bank = test::publish_bank();
  const auto rows =
    rows_of(to_limesurvey(plan_survey(bank, {{"role", {"Executive", "Front line"}}}, true)));
  CHECK(rows[0]
        == std::vector<std::string>{"class", "type/scale", "name", "relevance", "text", "help",
                                    "language", "validation", "mandatory", "other", "default",
                                    "same_default"});
  for (const auto& row : rows) {
    CHECK(row.size() == 12);
  }
  const auto find = [&](const std::string& row_class, const std::string& name) {
    for (const auto& row : rows) {
      if (row[0] == row_class && row[2] == name) {
        return row;
      }
    }
    FAIL("no " << row_class << " row " << name);
    return std::vector<std::string>{};
  };
  CHECK(find("S", "language")[4] == "en");
  CHECK(find("SL", "surveyls_title")[4] == "Small \"publish\" bank");
  CHECK(find("SL", "surveyls_description")[4] == "centricity bank publish-small, version 2.1");
  CHECK(find("SL", "surveyls_welcometext")[4] == "Two dimensions, one ladder, one choice.");

  // The group question first, required, its options as answers.
  CHECK(find("Q", "role")[8] == "Y");
  // A list question per lone question, named by its derived code; an array
  // per grid whose subquestions are named by theirs.
  const auto codes = import::limesurvey_codes(bank);
  CHECK(codes[1] == "contactMapped");
  const auto mapped = find("Q", "contactMapped");
  CHECK(mapped[1] == "L");
  CHECK(mapped[4] == "We have mapped who talks to customers.");
  CHECK(mapped[5] == "A map shows who to support.");
  CHECK(mapped[8] == "N");
  const auto grid = find("Q", "gridcontact");
  CHECK(grid[1] == "F");
  CHECK(grid[4] == "Customer contact");
  CHECK(grid[5].starts_with("Why these questions matter:<br />- Our executives"));
  CHECK(find("SQ", "contactCalls")[4] == "Our executives listen to customer calls.");
  CHECK(find("SQ", "contactVisits")[4] == "Executives visit customers [in person] every quarter.");

  // The answers of each question follow it: A1, A2... with the labels.
  std::vector<std::string> after_grid;
  bool in_grid = false;
  for (const auto& row : rows) {
    if (row[0] == "Q") {
      in_grid = row[2] == "gridcontact";
    } else if (in_grid && row[0] == "A") {
      after_grid.push_back(row[2] + "=" + row[4]);
    }
  }
  CHECK(after_grid
        == std::vector<std::string>{"A1=Disagree", "A2=Neither", "A3=Agree", "A4=Not applicable",
                                    "A5=Don't know"});
  // A group per section: about you, the two dimensions, the choice.
  std::vector<std::string> groups;
  for (const auto& row : rows) {
    if (row[0] == "G") {
      groups.push_back(row[1] + ":" + row[2]);
    }
  }
  CHECK(groups
        == std::vector<std::string>{"G1:About you", "G2:Customer contact",
                                    "G3:The leadership's choice", "G4:Customer metrics"});
}

TEST_CASE("publish::to_limesurvey, texts that need quoting or escaping")
{
  auto bank = test::import_bank(
    {test::agree5()}, {{"q-1", "Say \"yes\"\tor <no> & more"}, {"q-2", "Line one\nline two"}});
  bank.questions[0].help = "A tab\there";
  const auto rows = rows_of(to_limesurvey(plan_survey(bank, {}, false)));
  std::vector<std::string> texts;
  for (const auto& row : rows) {
    if (row[0] == "Q") {
      texts.push_back(row[4] + "|" + row[5]);
    }
  }
  CHECK(texts
        == std::vector<std::string>{"Say \"yes\" or &lt;no&gt; &amp; more|A tab here",
                                    "Line one<br />line two|"});
}

TEST_CASE("publish::to_limesurvey, error handling")
{
  // These two ids end up with one code (tests/unit/test_import_mapping.cpp).
  const auto bank = test::import_bank({test::agree5()}, {{"customer-calls-listened-15188", "a"},
                                                         {"customer-calls-listened-143182", "b"}});
  REQUIRE_THROWS_WITH(to_limesurvey(plan_survey(bank, {}, true)),
                      "cannot publish bank 'import-test' to limesurvey: question "
                      "'customer-calls-listened-15188' gets the same LimeSurvey code as another "
                      "question; rename one of them");
}

TEST_CASE("publish::to_limesurvey, range scales")
{
  const auto rows = rows_of(to_limesurvey(plan_survey(test::range_bank(), {}, true)));
  // The numerical inputs' attribute columns follow the usual twelve.
  REQUIRE(rows[0].size() == 15);
  CHECK(rows[0][12] == "min_num_value_n");
  CHECK(rows[0][13] == "max_num_value_n");
  CHECK(rows[0][14] == "num_value_int_only");
  std::vector<std::vector<std::string>> questions;
  std::size_t answers_of_return = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == 15);
    if (rows[r][0] == "Q") {
      questions.push_back(rows[r]);
    } else if (rows[r][0] == "A" && questions.size() == 2) {
      ++answers_of_return;
    }
  }
  REQUIRE(questions.size() == 4);
  // NPS 0-10 as a list of its numbers (and "Don't know"), no attributes.
  CHECK(questions[0][1] == "L");
  CHECK(questions[0][2] == "recommend");
  CHECK(questions[0][12].empty());
  CHECK(answers_of_return == 12);
  // Larger ranges as bounded numerical inputs, whole numbers on a step of 1.
  CHECK(std::vector<std::string>(questions[2].begin(), questions[2].begin() + 3)
        == std::vector<std::string>{"Q", "N", "dataShare"});
  CHECK(std::vector<std::string>(questions[2].begin() + 12, questions[2].end())
        == std::vector<std::string>{"0", "100", "1"});
  CHECK(std::vector<std::string>(questions[3].begin() + 12, questions[3].end())
        == std::vector<std::string>{"-50", "50", "0"});
}

TEST_CASE("publish::to_limesurvey, no attribute columns without a numerical input")
{
  const auto rows = rows_of(to_limesurvey(plan_survey(test::publish_bank(), {}, true)));
  CHECK(rows[0].size() == 12);
}
