#include "test_score_bank.hpp"

#include <centricity/score/aggregate.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace centricity;
using test::answers_for;
using test::k_dk;
using test::k_na;

namespace {

// `count` respondents with random answers (missing, N/A and don't know
// included) and a role and a site, from a fixed seed.
std::vector<answers::Response> random_responses(const bank::Questionnaire& bank, int count,
                                                unsigned seed)
{
  std::mt19937 random(seed);
  const char* roles[] = {"Executive", "Manager", "Frontline"};
  std::vector<answers::Response> out;
  for (int i = 0; i < count; ++i) {
    std::vector<std::pair<std::string, int>> given;
    for (const auto& question : bank.questions) {
      const auto pick = static_cast<int>(random() % 9);
      if (pick == 0) {
        continue;
      }
      given.emplace_back(question.id,
                         pick <= 5 ? pick : (pick == 6 ? k_na : (pick == 7 ? k_dk : 3)));
    }
    answers::Response response;
    response.respondent = "r" + std::to_string(i);
    response.fields = {{"role", roles[random() % 3]}};
    if (random() % 4 != 0) {
      response.fields.push_back({"site", random() % 2 == 0 ? "North" : "South"});
    }
    response.answers = answers_for(bank, given);
    out.push_back(std::move(response));
  }
  return out;
}

} // namespace

TEST_CASE("score::Aggregate, merge equals scoring the union")
{
  const score::CompiledBank bank(test::test_bank());
  const auto responses = random_responses(bank.bank(), 300, 7);
  const std::vector<std::string> fields{"role", "site"};

  score::Aggregate all(bank, fields);
  for (const auto& response : responses) {
    all.add(response);
  }
  // Three uneven shards, merged in two different orders.
  score::Aggregate a(bank, fields);
  score::Aggregate b(bank, fields);
  score::Aggregate c(bank, fields);
  for (std::size_t i = 0; i < responses.size(); ++i) {
    (i < 17 ? a : (i < 250 ? b : c)).add(responses[i]);
  }
  score::Aggregate abc = a;
  abc.merge(b);
  abc.merge(c);
  score::Aggregate cba = c;
  cba.merge(b);
  cba.merge(a);
  CHECK(abc == all);
  CHECK(cba == all);

  score::ResultOptions options;
  options.generated_at = "2024-05-01T00:00:00Z";
  const std::string expected = score::make_result(all, options).dump(2);
  CHECK(score::make_result(abc, options).dump(2) == expected);
  CHECK(score::make_result(cba, options).dump(2) == expected);

  SECTION("merging with an empty aggregate changes nothing")
  {
    score::Aggregate empty(bank, fields);
    empty.merge(all);
    CHECK(empty == all);
  }
  SECTION("different group fields do not merge")
  {
    score::Aggregate other(bank, {"role"});
    REQUIRE_THROWS_WITH(other.merge(all), "cannot merge results grouped by different fields");
  }
}

TEST_CASE("score::Accumulator, counting answer patterns gives exactly the direct counts")
{
  const score::CompiledBank bank(test::test_bank());
  const auto responses = random_responses(bank.bank(), 500, 5);
  score::Accumulator direct(bank);
  score::Accumulator patterned(bank, true);
  score::RespondentScores scores;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    score::score_respondent(bank, responses[i].answers, scores);
    direct.add(responses[i].answers, scores);
    patterned.add(responses[i].answers, scores);
    if (i == 200) {
      // Read half-way (patterns spread), then go on adding.
      CHECK(patterned.answers_of(0, answers::AnswerKind::value)
            == direct.answers_of(0, answers::AnswerKind::value));
    }
  }
  CHECK(patterned == direct);
  CHECK(patterned.save() == direct.save());
  for (std::size_t d = 0; d < bank.dimensions().size(); ++d) {
    CHECK(patterned.alpha(d) == direct.alpha(d));
  }
  score::Accumulator merged(bank, true);
  merged.merge(patterned);
  score::score_respondent(bank, responses[0].answers, scores);
  merged.add(responses[0].answers, scores);
  direct.add(responses[0].answers, scores);
  CHECK(merged == direct);
}

TEST_CASE("score::Accumulator, counts, missing data and stages")
{
  const score::CompiledBank bank(test::test_bank());
  score::Aggregate aggregate(bank, {});
  answers::Response response;
  response.answers = answers_for(bank.bank(), {{"contact-1", 4}, {"contact-2", k_na}});
  aggregate.add(response); // contact insufficient (1 answer, needs 2)
  response.answers = answers_for(bank.bank(), {{"contact-1", 5},
                                               {"contact-2", 1},
                                               {"contact-3", k_dk},
                                               {"metrics-1", 4},
                                               {"metrics-2", 4},
                                               {"culture-1", 4},
                                               {"culture-2", 4}});
  aggregate.add(response); // contact 100, metrics 75, culture 75: measured
  const auto& all = aggregate.total();
  CHECK(all.respondents() == 2);
  CHECK(all.complete() == 1);
  CHECK(all.insufficient(0) == 1);
  CHECK(all.dimension(0).count() == 1);
  CHECK(*all.dimension(0).mean() == 100);
  CHECK(all.dimension_answers_of(0, answers::AnswerKind::missing) == 1);
  CHECK(all.dimension_answers_of(0, answers::AnswerKind::not_applicable) == 1);
  CHECK(all.dimension_answers_of(0, answers::AnswerKind::dont_know) == 1);
  CHECK(all.stage_count(0, 0) == 1);
  CHECK(all.stage_count(0, 2) == 1);
  CHECK(all.limited(0) == 1);
}

TEST_CASE("score::Accumulator, Cronbach's alpha by hand")
{
  // Two questions, three respondents: contact-1 = 1, 2, 3 (0, 25, 50) and
  // contact-3 = 1, 3, 5 (0, 50, 100). Variances 625 and 2500, covariance
  // 1250: alpha = 2 * (1 - 3125 / (3125 + 2 * 1250)) = 8/9.
  auto source = test::test_bank();
  source.questions.erase(source.questions.begin() + 1); // drop contact-2
  const score::CompiledBank bank(source);
  score::Aggregate aggregate(bank, {});
  const int first[] = {1, 2, 3};
  const int second[] = {1, 3, 5};
  for (int i = 0; i < 3; ++i) {
    answers::Response response;
    response.answers =
      answers_for(bank.bank(), {{"contact-1", first[i]}, {"contact-3", second[i]}});
    aggregate.add(response);
  }
  CHECK(std::fabs(*aggregate.total().alpha(0) - 8.0 / 9.0) < 1e-15);
  // One question only, or no answers: no alpha.
  CHECK_FALSE(aggregate.total().alpha(2));

  SECTION("pairwise: a respondent who answered one question adds to its variance only")
  {
    answers::Response response;
    response.answers = answers_for(bank.bank(), {{"contact-1", 3}});
    aggregate.add(response);
    // contact-1 = 0, 25, 50, 50: mean 31.25, squared deviations 976.5625,
    // 39.0625, 351.5625 and 351.5625 over n - 1 = 3. The covariance keeps
    // the three complete pairs.
    const double var1 = (976.5625 + 39.0625 + 351.5625 * 2) / 3;
    const double alpha = 2 * (1 - (var1 + 2500) / (var1 + 2500 + 2 * 1250));
    CHECK(std::fabs(*aggregate.total().alpha(0) - alpha) < 1e-13);
  }
}

TEST_CASE("score::Aggregate, groups")
{
  const score::CompiledBank bank(test::test_bank());
  score::Aggregate aggregate(bank, {"role"});
  const auto add = [&](const char* role, int contact) {
    answers::Response response;
    response.fields = {{"role", role}};
    response.answers = answers_for(bank.bank(), {{"contact-1", contact}, {"contact-3", contact}});
    aggregate.add(response);
  };
  add("Executive", 5);
  add("Executive", 4);
  add("Frontline", 2);
  add("Frontline", 1);
  answers::Response no_role;
  no_role.answers = answers_for(bank.bank(), {{"contact-1", 3}, {"contact-3", 3}});
  aggregate.add(no_role);
  const auto& groups = aggregate.groups(0);
  REQUIRE(groups.size() == 3);
  CHECK(groups.at("").respondents() == 1);
  CHECK(*groups.at("Executive").dimension(0).mean() == 87.5);
  CHECK(*groups.at("Frontline").dimension(0).mean() == 12.5);
  CHECK(aggregate.total().respondents() == 5);
  CHECK(*aggregate.total().dimension(0).mean() == 50);
  add("Frontline", 3); // the total follows later additions
  CHECK(aggregate.total().respondents() == 6);

  SECTION("a copy adds to its own groups, and a moved aggregate keeps finding its groups")
  {
    score::Aggregate copy = aggregate;
    answers::Response response;
    response.fields = {{"role", "Frontline"}};
    response.answers = answers_for(bank.bank(), {{"contact-1", 5}, {"contact-3", 5}});
    copy.add(response);
    CHECK(copy.groups(0).at("Frontline").respondents() == 4);
    CHECK(aggregate.groups(0).at("Frontline").respondents() == 3);
    score::Aggregate moved = std::move(copy);
    moved.add(response);
    CHECK(moved.groups(0).at("Frontline").respondents() == 5);
    CHECK(moved.groups(0).size() == 3);
    aggregate = moved; // copy assignment: the groups of `moved`, found anew
    aggregate.add(response);
    CHECK(aggregate.groups(0).at("Frontline").respondents() == 6);
    CHECK(moved.groups(0).at("Frontline").respondents() == 5);
  }
}

TEST_CASE("score::Aggregate, saved and loaded shards merge exactly")
{
  const score::CompiledBank bank(test::test_bank());
  const auto responses = random_responses(bank.bank(), 120, 11);
  const std::vector<std::string> fields{"role", "site"};
  score::Aggregate all(bank, fields);
  score::Aggregate first(bank, fields);
  score::Aggregate second(bank, fields);
  for (std::size_t i = 0; i < responses.size(); ++i) {
    all.add(responses[i]);
    (i % 3 == 0 ? first : second).add(responses[i]);
  }
  // As another process would: to text and back.
  const auto reload = [&](const score::Aggregate& shard) {
    return score::Aggregate::load(bank, nlohmann::ordered_json::parse(shard.save().dump()));
  };
  CHECK(reload(first) == first);
  score::Aggregate merged = reload(first);
  merged.merge(reload(second));
  CHECK(merged == all);
  score::ResultOptions options;
  options.generated_at = "2024-05-01T00:00:00Z";
  CHECK(score::make_result(merged, options).dump() == score::make_result(all, options).dump());

  SECTION("sums beyond 64 bits survive the round trip")
  {
    score::Moments big;
    for (int i = 0; i < 2000; ++i) {
      big.add(100); // sum of squares 2000 * 1e22 > 2^64
    }
    const auto copy =
      score::Moments::from_parts(big.count(), big.sum_text(), big.sum_squares_text());
    CHECK(copy == big);
    CHECK(big.sum_squares_text() == "20000000000000000000000000");
  }
  SECTION("impossible counts and sums are refused, so merging cannot overflow")
  {
    // Two crafted partials of 2^63 respondents each merged into a Result of
    // 0 respondents before.
    auto state = first.save();
    state["total"]["respondents"] = std::uint64_t{1} << 63U;
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "saved aggregate, \"total\": \"respondents\" is 9223372036854775808, "
                        "more than the limit of 10^12 respondents");
    state = first.save();
    state["total"]["respondents"] = -5;
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "saved aggregate, \"total\": \"respondents\" must be a whole number of "
                        "at least 0, not -5");
    state = first.save();
    state["total"]["pairs"][0] = std::uint64_t{1000};
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "saved aggregate, \"total\": \"pairs[0]\" is 1000, more than the "
                        "respondents it counts");
    state = first.save();
    state["total"]["dimensions"][0][1] = "170141183460469231731687303715884105727";
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "saved aggregate, \"total\": \"dimensions[0]\": sums of "
                          + std::to_string(state["total"]["dimensions"][0][0].get<std::uint64_t>())
                          + " values that are not all within -100 and 100");
  }
  SECTION("the same bank name and version with other content says what differs")
  {
    auto changed = test::test_bank();
    changed.questions[0].weight = 3;
    const score::CompiledBank other(changed);
    REQUIRE_THROWS_WITH(score::Aggregate::load(other, first.save()),
                        "the saved aggregate was scored with another definition of bank "
                        "'test-bank' version 1.0: its questions, scales, weights, reverse keys, "
                        "min_answered or ladder criteria differ from this bank's (fingerprint "
                          + bank.fingerprint() + " there, " + other.fingerprint()
                          + " here); score the shards again with this bank");
  }
  SECTION("another bank is refused")
  {
    auto changed = test::test_bank();
    changed.version = "1.1";
    changed.questions[0].weight = 3;
    const score::CompiledBank other(changed);
    REQUIRE_THROWS_WITH(score::Aggregate::load(other, first.save()),
                        "the saved aggregate was scored with bank 'test-bank' version 1.0, which "
                        "differs from bank 'test-bank' version 1.1");
  }
  SECTION("damaged state is refused")
  {
    auto state = first.save();
    state["total"].erase("pairs");
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "saved aggregate, \"total\": \"pairs\" is missing");
    state = first.save();
    state["total"]["dimensions"][0][1] = "12x";
    REQUIRE_THROWS_WITH(
      score::Aggregate::load(bank, state),
      "saved aggregate, \"total\": \"dimensions[0]\": '12x' is not an integer sum");
    state = first.save();
    state["total"]["dimensions"][0][1] = "999999999999999999999999999999999999999999";
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "saved aggregate, \"total\": \"dimensions[0]\": "
                        "'999999999999999999999999999999999999999999' is not an integer sum");
    state["total"]["dimensions"][0][1] = "999999999999999999999999999999999999999";
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "saved aggregate, \"total\": \"dimensions[0]\": "
                        "'999999999999999999999999999999999999999' is out of range");
    state = first.save();
    state["groups"][1]["values"][0]["state"]["respondents"] = std::uint64_t{1000};
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "saved aggregate: the groups of 'site' do not add up to the total (the "
                        "file was edited or damaged)");
    state["schema"] = "x";
    REQUIRE_THROWS_WITH(score::Aggregate::load(bank, state),
                        "not a saved aggregate (schema 'centricity.aggregate/1')");
  }
}
