#include "test_score_bank.hpp"

#include <centricity/report/respondents.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace centricity;

TEST_CASE("report::RespondentWriter, CSV and JSON lines")
{
  const score::CompiledBank bank(test::test_bank());
  answers::Response response;
  response.respondent = "a, \"b\"";
  response.fields = {{"role", "Exec"}};
  // contact 87.5; metrics (50 * 2) / 2 = 50 with metrics-2 N/A; culture none.
  response.answers = test::answers_for(bank.bank(), {{"contact-1", 4},
                                                     {"contact-2", 2},
                                                     {"contact-3", 5},
                                                     {"metrics-1", 3},
                                                     {"metrics-2", test::k_na}});
  score::RespondentScores scores;
  score::score_respondent(bank, response.answers, scores);

  SECTION("CSV")
  {
    std::ostringstream out;
    report::RespondentWriter writer(out, report::TableFormat::csv, bank, {"role", "site"});
    writer.write(response, scores);
    CHECK(out.str()
          == "respondent,role,site,contact,metrics,culture,stage:maturity\n"
             "\"a, \"\"b\"\"\",Exec,,87.5,50,,engaged\n");
  }
  SECTION("JSON lines")
  {
    std::ostringstream out;
    report::RespondentWriter writer(out, report::TableFormat::jsonl, bank, {"role"});
    writer.write(response, scores);
    CHECK(out.str()
          == R"({"respondent":"a, \"b\"","role":"Exec","contact":87.5,"metrics":50,)"
             R"("culture":null,"stage:maturity":"engaged"})"
             "\n");
  }
  SECTION("cells a spreadsheet would run as formulas are neutralised in CSV, kept in JSON")
  {
    response.respondent = "=HYPERLINK(\"http://x\")";
    response.fields = {{"role", "+1"}, {"site", "@A1"}};
    std::ostringstream csv;
    report::RespondentWriter(csv, report::TableFormat::csv, bank, {"role", "site"})
      .write(response, scores);
    CHECK(csv.str()
          == "respondent,role,site,contact,metrics,culture,stage:maturity\n"
             "\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1\",\"'@A1\",87.5,50,,engaged\n");
    std::ostringstream jsonl;
    report::RespondentWriter(jsonl, report::TableFormat::jsonl, bank, {"role"})
      .write(response, scores);
    CHECK(jsonl.str().starts_with(R"j({"respondent":"=HYPERLINK(\"http://x\")","role":"+1",)j"));
  }
  SECTION("formats by extension")
  {
    CHECK(report::table_format_for("x.csv") == report::TableFormat::csv);
    CHECK(report::table_format_for("x.jsonl") == report::TableFormat::jsonl);
    REQUIRE_THROWS_WITH(report::table_format_for("x.xlsx"),
                        "--respondents x.xlsx: use a .csv or .jsonl file");
  }
}
