#include "test_assess_bank.hpp"

#include <centricity/assess/estimate.hpp>
#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

using namespace centricity;

TEST_CASE("assess::question_seconds")
{
  bank::Question question;
  question.text = "one two three four five six seven";
  CHECK(assess::question_seconds(question) == Approx(4 + 7 / 3.5));
  question.text = "  spaced\n\tout  ";
  CHECK(assess::question_seconds(question) == Approx(4 + 2 / 3.5));
}

TEST_CASE("assess::Pace")
{
  assess::Pace pace;
  CHECK(pace.factor() == 1);
  pace.record(10, 20);
  pace.record(10, 20);
  CHECK(pace.factor() == 1); // too few to judge
  pace.record(10, 20);
  CHECK(pace.factor() == Approx(2));
  SECTION("a long pause counts as three times the estimate")
  {
    pace.record(10, 3600);
    CHECK(pace.factor() == Approx((20.0 * 3 + 30) / 40));
  }
  SECTION("the factor stays between 0.4 and 3")
  {
    assess::Pace fast;
    for (int i = 0; i < 5; ++i) {
      fast.record(10, 0.5);
    }
    CHECK(fast.factor() == Approx(0.4));
  }
}

TEST_CASE("assess::seconds_left counts the questions not seen")
{
  const auto& bank = assess_test::small_bank();
  answers::Response response;
  response.answers.assign(bank.questions.size(), answers::Answer{});
  const assess::Session session(bank, response, {true, true, true, true, false});
  CHECK(assess::seconds_left(session, assess::Pace{})
        == Approx(assess::question_seconds(bank.questions[4])));
}

TEST_CASE("assess::format_duration")
{
  CHECK(assess::format_duration(0) == "less than a minute");
  CHECK(assess::format_duration(44) == "less than a minute");
  CHECK(assess::format_duration(45) == "about 1 minute");
  CHECK(assess::format_duration(100) == "about 2 minutes");
  CHECK(assess::format_duration(23 * 60) == "about 23 minutes");
  CHECK(assess::format_duration(60 * 60) == "about 1 h");
  CHECK(assess::format_duration(72 * 60) == "about 1 h 10 min");
}

// The time README.md and docs/assess.md quote for the default bank is the
// one the intro shows (they said 25 minutes while the intro said 23).
TEST_CASE("assess::format_duration, the docs quote the intro's estimate of the default bank")
{
  const auto path = bank::resolve_bank(bank::k_default_bank);
  const auto questionnaire = bank::load_valid_bank(path);
  double seconds = 0;
  for (const auto& question : questionnaire.questions) {
    seconds += assess::question_seconds(question);
  }
  const std::string estimate = assess::format_duration(seconds);
  for (const char* doc : {"README.md", "docs/assess.md"}) {
    INFO(doc);
    std::ifstream in(std::string(CENTRICITY_SOURCE_DIR) + "/" + doc);
    std::stringstream text;
    text << in.rdbuf();
    std::smatch match;
    const std::string content = text.str();
    REQUIRE(std::regex_search(content, match, std::regex(R"(about \d+ minutes)")));
    CHECK(match[0] == estimate);
  }
}
