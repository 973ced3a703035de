#include "test_score_bank.hpp"

#include <centricity/score/result.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using test::answers_for;

namespace {

score::Aggregate skipped_step_aggregate(const score::CompiledBank& bank)
{
  // One respondent: contact 18.75, metrics 100, culture 75 (see
  // test_score_assessment.cpp for the hand computation).
  score::Aggregate aggregate(bank, {"role"});
  answers::Response response;
  response.respondent = "alice";
  response.fields = {{"role", "Executive"}};
  response.answers = answers_for(bank.bank(), {{"contact-1", 2},
                                               {"contact-2", 5},
                                               {"contact-3", 2},
                                               {"metrics-1", 5},
                                               {"metrics-2", 5},
                                               {"culture-1", 4},
                                               {"culture-2", 4}});
  aggregate.add(response);
  return aggregate;
}

} // namespace

TEST_CASE("score::make_result, the document")
{
  const score::CompiledBank bank(test::test_bank());
  const auto aggregate = skipped_step_aggregate(bank);
  score::ResultOptions options;
  options.generated_at = "2024-05-01T12:00:00Z";
  const auto result = score::make_result(aggregate, options);

  CHECK(result["schema"] == "centricity.result/1");
  CHECK(result["bank"]["id"] == "test-bank");
  CHECK(result["bank"]["version"] == "1.0");
  CHECK(result["generated_at"] == "2024-05-01T12:00:00Z");
  CHECK(result["respondents"] == 1);

  const auto& ladder = result["ladders"][0];
  CHECK(ladder["id"] == "maturity");
  CHECK(ladder["stage"].dump() == R"({"index":0,"id":"starting","title":"Starting point"})");
  CHECK(ladder["target"].dump()
        == R"({"index":2,"id":"measured","title":"Measured","source":"bank","reached":false})");
  CHECK(ladder["choice"].is_null()); // the bank asks no choice question
  CHECK(ladder["headline"] == true);
  CHECK(ladder["trace"][2]["met"] == true);
  CHECK(ladder["trace"][2]["counts"] == false);
  CHECK(ladder["trace"][0]["criteria"][0].dump()
        == R"({"kind":"dimension","dimension":"contact","threshold":50.0,"score":18.75,)"
           R"("status":"unmet","margin":-31.25,"borderline":false,"respondents":1,)"
           R"("no_data":null})");
  CHECK(ladder["risks"][0]["stage"]["id"] == "leading");
  CHECK(ladder["risks"][0]["unmet_below"].size() == 2);
  CHECK(ladder["distribution"][0]["count"] == 1);

  const auto& contact = result["dimensions"][0];
  CHECK(contact["id"] == "contact");
  CHECK(contact["score"] == 18.75);
  CHECK(contact["n"] == 1);
  CHECK(contact["sd"].is_null());
  CHECK(contact["ci95"].is_null());
  CHECK(contact["alpha"].is_null());
  CHECK(contact["missing_rate"] == 0.0);
  CHECK(result["dimensions"][1]["passed"] == true);

  CHECK(result["gaps"].size() == 2);
  CHECK(result["gaps"][1]["scope"] == "target");
  CHECK(result["gaps"][1]["gap"] == 41.25);
  CHECK(result["next_steps"][0]["id"] == "contact-low");
  CHECK(result["next_steps"][0]["rank"] == 1);
  CHECK(result["next_steps"][0]["priority"] == 30.9375);
  CHECK(result["next_steps"][0]["merged"].dump() == R"(["reach-measured"])");
  CHECK(result["next_steps"][0]["phase"] == 1);
  CHECK(result["next_steps"][0]["lens"].dump() == R"({"kind":"ladder","id":"maturity"})");
  CHECK(result["roadmap"]["keep"][0]["id"] == "metrics-any");
  // belief: contact-3 25 (w2), metrics-2 100: 50; practice of the measured
  // contact and metrics: 25, 0, 100 (w2): 225 / 4 = 56.25 (culture professes
  // nothing, so its practice is not compared). Say-do gap: 50 - 56.25.
  CHECK(result["say_do_gap"]["gap"] == -6.25);
  CHECK(result["say_do_gap"]["empty_shell"] == false);
  CHECK(result["say_do_gap"]["dimensions"].size() == 2);
  CHECK(result["misconceptions"]["asked"] == 0);
  CHECK(result["findings"].empty());
  CHECK(result["data_quality"]["straight_lining"] == 0);
  CHECK(result["data_quality"]["minimum_coverage"] == 1);
  CHECK(result["groups"][0]["field"] == "role");
  CHECK(result["groups"][0]["values"][0]["value"] == "Executive");
  CHECK(result["data_quality"]["small_sample"] == true);
}

TEST_CASE("score::make_result, same input gives a byte-identical document")
{
  const score::CompiledBank bank(test::test_bank());
  score::ResultOptions options;
  options.generated_at = "2024-05-01T12:00:00Z";
  const std::string first = score::make_result(skipped_step_aggregate(bank), options).dump(2);
  const score::CompiledBank again(test::test_bank());
  CHECK(score::make_result(skipped_step_aggregate(again), options).dump(2) == first);
  options.generated_at = "2024-05-02T12:00:00Z";
  CHECK(score::make_result(skipped_step_aggregate(bank), options).dump(2) != first);
}
