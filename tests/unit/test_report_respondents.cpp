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
          == R"({"respondent":"a, \"b\"","role":"Exec","contact":87.5,"metrics":50.0,)"
             R"("culture":null,"stage:maturity":"engaged"})"
             "\n");
  }
  SECTION("formats by extension")
  {
    CHECK(report::table_format_for("x.csv") == report::TableFormat::csv);
    CHECK(report::table_format_for("x.jsonl") == report::TableFormat::jsonl);
    REQUIRE_THROWS_WITH(report::table_format_for("x.xlsx"),
                        "--respondents x.xlsx: use a .csv or .jsonl file");
  }
}
