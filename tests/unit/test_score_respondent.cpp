#include "test_score_bank.hpp"

#include <centricity/bank/loader.hpp>
#include <centricity/score/respondent.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace centricity;
using test::answers_for;
using test::k_dk;
using test::k_na;

TEST_CASE("score::score_respondent, normalisation, reverse keys and weights")
{
  const score::CompiledBank bank(test::test_bank());
  score::RespondentScores out;
  // contact: 4 -> 75, 2 reversed -> 75, 5 -> 100 with weight 2: (75 + 75 + 200) / 4
  // metrics: 3 -> 50 with weight 2, 5 -> 100: (100 + 100) / 3
  // culture: 4 -> 75, culture-2 missing
  score::score_respondent(bank,
                          answers_for(bank.bank(), {{"contact-1", 4},
                                                    {"contact-2", 2},
                                                    {"contact-3", 5},
                                                    {"metrics-1", 3},
                                                    {"metrics-2", 5},
                                                    {"culture-1", 4}}),
                          out);
  CHECK(out.dimensions[0] == 87.5);
  CHECK(out.dimensions[1] == Approx(200.0 / 3).epsilon(1e-15));
  CHECK(out.dimensions[2] == 75);
  CHECK(out.answered == std::vector<std::uint32_t>{3, 2, 1});
  // The say-do pair compares beliefs with the practice of the dimensions
  // they profess: contact and metrics have a belief each, culture none.
  // belief: contact-3 (100, w2), metrics-2 (100): 100
  // practice: contact 75, 75, metrics 50 (w2); culture-1 is left out: 250 / 4
  CHECK(out.belief == 100);
  CHECK(out.practice == 62.5);
  CHECK(out.careless == 0);
  // engaged (contact >= 50) holds; measured fails on metrics 66.7 < 70.
  CHECK(out.stages == std::vector<std::uint32_t>{1});
  CHECK(out.limited == std::vector<std::uint8_t>{0});
}

TEST_CASE("score::score_respondent, not applicable and don't know are left out")
{
  const score::CompiledBank bank(test::test_bank());
  score::RespondentScores out;

  SECTION("the dimension is scored over what remains")
  {
    // contact: 4 -> 75, 1 reversed -> 100, N/A left out: (75 + 100) / 2
    score::score_respondent(
      bank, answers_for(bank.bank(), {{"contact-1", 4}, {"contact-2", 1}, {"contact-3", k_na}}),
      out);
    CHECK(out.dimensions[0] == 87.5);
    CHECK(out.answered[0] == 2);
  }
  SECTION("N/A is not a zero")
  {
    // The same answers with contact-3 = 1 (score 0, weight 2) give 43.75.
    score::score_respondent(
      bank, answers_for(bank.bank(), {{"contact-1", 4}, {"contact-2", 1}, {"contact-3", 1}}), out);
    CHECK(out.dimensions[0] == 43.75);
  }
  SECTION("too few answers is insufficient data, never zero")
  {
    // contact needs 2 answers; N/A and don't know leave only one.
    score::score_respondent(
      bank, answers_for(bank.bank(), {{"contact-1", 4}, {"contact-2", k_na}, {"contact-3", k_dk}}),
      out);
    CHECK(std::isnan(out.dimensions[0]));
    CHECK(out.answered[0] == 1);
    CHECK(std::isnan(out.dimensions[1]));
    // The first stage fails for lack of data, so the stage may be too low.
    CHECK(out.stages[0] == 0);
    CHECK(out.limited[0] == 1);
    CHECK(std::isnan(out.belief));
    CHECK(out.practice == 75);
  }
}

TEST_CASE("score::reach_stages, a score exactly on a threshold reaches it")
{
  // Three questions of weight 0.1 all answered 3 (50): the weighted mean is
  // 15 / 0.30000000000000004 = 49.99999999999999 in double, 50 exactly.
  auto source = test::test_bank();
  for (auto& question : source.questions) {
    if (question.dimension == "contact") {
      question.weight = 0.1;
      question.reverse = false;
    }
  }
  const score::CompiledBank bank(source);
  score::RespondentScores out;
  score::score_respondent(
    bank, answers_for(bank.bank(), {{"contact-1", 3}, {"contact-2", 3}, {"contact-3", 3}}), out);
  CHECK(out.dimensions[0] < 50); // the naive comparison would get it wrong
  CHECK(out.dimensions[0] > 50 - 1e-12);
  CHECK(out.stages[0] == 1); // engaged: contact >= 50

  SECTION("the same in every summation order")
  {
    std::reverse(source.questions.begin(), source.questions.end());
    const score::CompiledBank reversed(source);
    score::score_respondent(
      reversed,
      answers_for(reversed.bank(), {{"contact-1", 3}, {"contact-2", 3}, {"contact-3", 3}}), out);
    CHECK(out.stages[0] == 1);
  }
  SECTION("one step below stays below")
  {
    score::score_respondent(
      bank, answers_for(bank.bank(), {{"contact-1", 3}, {"contact-2", 3}, {"contact-3", 2}}), out);
    CHECK(out.dimensions[0] == Approx(125.0 / 3));
    CHECK(out.stages[0] == 0);
  }
}

TEST_CASE("score::score_respondent, raising one answer never lowers its dimension score")
{
  const score::CompiledBank bank(test::test_bank());
  const auto& questions = bank.bank().questions;
  std::mt19937 random(20240501); // fixed seed: the same cases on every run
  score::RespondentScores before;
  score::RespondentScores after;
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<std::pair<std::string, int>> given;
    for (const auto& question : questions) {
      const auto pick = static_cast<int>(random() % 8); // 0 missing, 1-5, 6 N/A, 7 DK
      if (pick == 0) {
        continue;
      }
      given.emplace_back(question.id, pick <= 5 ? pick : (pick == 6 ? k_na : k_dk));
    }
    const std::size_t q = random() % questions.size();
    auto answers = answers_for(bank.bank(), given);
    score::score_respondent(bank, answers, before);
    // Raise question q one step (or give it its first answer) on the keyed
    // scale: up for normal questions, down for reverse-keyed ones.
    auto& answer = answers[q];
    const bool reverse = questions[q].reverse;
    if (answer.kind != answers::AnswerKind::value) {
      answer = {answers::AnswerKind::value, static_cast<std::uint16_t>(reverse ? 0 : 4)};
    } else if (!reverse && answer.option < 4) {
      ++answer.option;
    } else if (reverse && answer.option > 0) {
      --answer.option;
    }
    score::score_respondent(bank, answers, after);
    const std::size_t d = bank.questions()[q].dimension;
    INFO("trial " << trial << ", question " << questions[q].id);
    if (!std::isnan(before.dimensions[d])) {
      REQUIRE_FALSE(std::isnan(after.dimensions[d]));
      CHECK(after.dimensions[d] >= before.dimensions[d]);
    }
    CHECK(after.stages[0] >= before.stages[0]);
  }
}

TEST_CASE("score::score_respondent, careless answers")
{
  // Twelve questions on the 1-5 agreement scale, four of them reverse-keyed.
  auto source = test::test_bank();
  source.questions.clear();
  for (int i = 0; i < 12; ++i) {
    source.questions.push_back(
      test::question("q" + std::to_string(i), i < 6 ? "contact" : "culture", 1, i % 3 == 0));
  }
  source.ladders.clear();
  source.recommendations.clear();
  const score::CompiledBank bank(source);
  score::RespondentScores out;
  const auto all = [&](int value, int count = 12) {
    std::map<std::string, int> answers;
    for (int i = 0; i < count; ++i) {
      answers["q" + std::to_string(i)] = value;
    }
    return answers;
  };
  const auto answers = [&](const std::map<std::string, int>& given) {
    std::vector<std::pair<std::string, int>> list(given.begin(), given.end());
    std::vector<answers::Answer> out_answers(bank.questions().size());
    for (const auto& [id, value] : list) {
      for (std::size_t q = 0; q < bank.bank().questions.size(); ++q) {
        if (bank.bank().questions[q].id == id) {
          out_answers[q] = {answers::AnswerKind::value, static_cast<std::uint16_t>(value - 1)};
        }
      }
    }
    return out_answers;
  };

  SECTION("the same option throughout is straight-lining, and agreeing with statements and "
          "their opposites alike is acquiescence")
  {
    score::score_respondent(bank, answers(all(4)), out); // "Agree" to all twelve
    CHECK(out.careless == (score::k_straight_lining | score::k_acquiescent));
    score::score_respondent(bank, answers(all(3)), out); // "Neutral" throughout: not agreeing
    CHECK(out.careless == score::k_straight_lining);
  }
  SECTION("considered answers are not flagged")
  {
    // Agree with the statements, disagree with their reversed opposites.
    auto given = all(5);
    for (int i = 0; i < 12; i += 3) {
      given["q" + std::to_string(i)] = 1;
    }
    score::score_respondent(bank, answers(given), out);
    CHECK(out.careless == 0);
  }
  SECTION("one answer in ten that differs is still a line; two in ten are not")
  {
    auto given = all(2, 10); // ten answers, nine of them the same
    given["q0"] = 4;
    score::score_respondent(bank, answers(given), out);
    CHECK(out.careless == score::k_straight_lining);
    given["q1"] = 4;
    score::score_respondent(bank, answers(given), out);
    CHECK(out.careless == 0);
  }
  SECTION("fewer than ten answers are too few to tell")
  {
    score::score_respondent(bank, answers(all(2, 9)), out);
    CHECK(out.careless == 0);
  }
}

TEST_CASE("score::score_respondent, range scales normalise like value scales")
{
  // recommend, return on nps 0..10; data-share on percent 0..100 (N/A);
  // inward on balance -50..50 in steps of 5, reverse-keyed.
  const score::CompiledBank bank(bank::load_valid_bank(CENTRICITY_TEST_DATA "/ranges/ranges.yaml"));
  const auto option = [&](const char* scale, double value) {
    const auto& options = bank.bank().find_scale(scale)->options;
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (options[i].kind == bank::OptionKind::value && options[i].value == value) {
        return static_cast<std::uint16_t>(i);
      }
    }
    FAIL("no option " << value << " on " << scale);
    return std::uint16_t{0};
  };
  const auto value = [](std::uint16_t o) { return answers::Answer{answers::AnswerKind::value, o}; };
  score::RespondentScores out;
  SECTION("100 x (v - min) / (max - min), reversed as (max - v)")
  {
    // loyalty: 7 -> 70, 10 -> 100: 85; reach: 55 -> 55, -20 reversed -> 70: 62.5
    score::score_respondent(
      bank,
      std::vector<answers::Answer>{value(option("nps", 7)), value(option("nps", 10)),
                                   value(option("percent", 55)), value(option("balance", -20))},
      out);
    CHECK(out.dimensions == std::vector<double>{85, 62.5});
    CHECK(bank.option_score(0, option("nps", 7)) == 70);
    CHECK(bank.option_score(2, option("percent", 55)) == 55);
    CHECK(bank.option_score(3, option("balance", -50)) == 100);
    CHECK(bank.option_score(3, option("balance", 50)) == 0);
    CHECK(bank.option_score(3, option("balance", -20)) == 70);
    // loyal (loyalty >= 60) and reaching (reach >= 60) both hold.
    CHECK(out.stages == std::vector<std::uint32_t>{2});
  }
  SECTION("the ends of a range, and not applicable left out")
  {
    // loyalty: 0 -> 0 and 10 -> 100: 50; reach: N/A left out, 50 reversed -> 0
    score::score_respondent(
      bank,
      std::vector<answers::Answer>{value(option("nps", 0)), value(option("nps", 10)),
                                   answers::Answer{answers::AnswerKind::not_applicable, 101},
                                   value(option("balance", 50))},
      out);
    CHECK(out.dimensions == std::vector<double>{50, 0});
    CHECK(out.answered == std::vector<std::uint32_t>{2, 1});
    CHECK(out.stages == std::vector<std::uint32_t>{0});
  }
}
