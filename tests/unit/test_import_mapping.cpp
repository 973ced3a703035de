#include "test_import_bank.hpp"

#include <centricity/import/formats.hpp>
#include <centricity/import/mapping.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using namespace centricity::import;

namespace {

// The layout try_read_limesurvey gives for a header row of `headings`.
ExportLayout limesurvey_layout(const std::vector<std::string>& headings)
{
  Preview preview;
  preview.file = "results.csv";
  preview.rows = {{"id", "submitdate", "lastpage"}};
  preview.rows[0].insert(preview.rows[0].end(), headings.begin(), headings.end());
  auto layout = try_read_limesurvey(preview);
  REQUIRE(layout);
  return *layout;
}

} // namespace

TEST_CASE("import::limesurvey_codes")
{
  SECTION("camelCase of the id, 'q' before a digit")
  {
    const auto bank = test::import_bank(
      {test::agree5()},
      {{"dc-listen-calls", "a"}, {"networks_known", "b"}, {"2nd.step", "c"}, {"plain", "d"}});
    CHECK(limesurvey_codes(bank)
          == std::vector<std::string>{"dcListenCalls", "networksKnown", "q2ndStep", "plain"});
  }
  SECTION("longer than 20, or the same as another's ignoring case: cut and hashed")
  {
    const auto bank =
      test::import_bank({test::agree5()}, {{"customer-calls-listened-to-by-executives", "a"},
                                           {"a-b", "b"},
                                           {"ab", "c"},
                                           {"twenty-characters-ok", "d"}});
    const auto codes = limesurvey_codes(bank);
    CHECK(codes[0] == "customerCallsLi2kh1c");
    CHECK(codes[1].substr(0, 2) == "aB");
    CHECK(codes[1].size() == 7);
    CHECK(codes[2].substr(0, 2) == "ab");
    CHECK(codes[2].size() == 7);
    CHECK(codes[1] != codes[2]);
    CHECK(codes[3] == "twentyCharactersOk");
    for (const auto& code : codes) {
      CHECK(code.size() <= 20);
    }
  }
  SECTION("two hashed codes that still coincide: neither gets one")
  {
    // FNV-1a of these two ids agrees in its last five base-36 digits.
    const auto bank = test::import_bank({test::agree5()}, {{"customer-calls-listened-15188", "a"},
                                                           {"customer-calls-listened-143182", "b"},
                                                           {"other", "c"}});
    CHECK(limesurvey_codes(bank) == std::vector<std::string>{"", "", "other"});
  }
}

TEST_CASE("import::map_columns, LimeSurvey question codes map back to ids")
{
  const auto bank =
    test::import_bank({test::agree5()}, {{"dc-listen-calls", "Executives listen to calls."},
                                         {"dc-visits", "Executives visit customers."},
                                         {"networks-known", "We know our networks."}});
  const auto layout = limesurvey_layout(
    {"dcListenCalls", "gridDc[dcVisits]", "Arrays [We know our networks.]", "dcvisits"});
  const auto matches = map_columns(layout, bank, nullptr);
  CHECK(matches[3].status == MatchStatus::mapped);
  CHECK(matches[3].how == MatchHow::id);
  CHECK(*matches[3].question == 0);
  CHECK(matches[4].status == MatchStatus::mapped);
  CHECK(matches[4].how == MatchHow::id);
  CHECK(*matches[4].question == 1);
  // Full-text headings match by the subquestion's text, as before.
  CHECK(matches[5].status == MatchStatus::mapped);
  CHECK(matches[5].how == MatchHow::text);
  CHECK(*matches[5].question == 2);
  // Codes compare exactly: "dcvisits" is no code, and a second column
  // claiming dc-visits would have been ambiguous anyway.
  CHECK(matches[6].status == MatchStatus::unmapped);

  SECTION("codes are a LimeSurvey layout's only")
  {
    auto csv = layout;
    csv.platform = Platform::csv;
    const auto plain = map_columns(csv, bank, nullptr);
    CHECK(plain[3].status == MatchStatus::unmapped);
    CHECK(plain[4].status == MatchStatus::unmapped);
  }
}
