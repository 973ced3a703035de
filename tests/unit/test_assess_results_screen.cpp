#include "test_assess_bank.hpp"

#include <centricity/assess/results_screen.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using answers::AnswerKind;

namespace {

answers::Response answers_of(std::vector<answers::Answer> answers)
{
  answers::Response response;
  response.answers = std::move(answers);
  return response;
}

} // namespace

TEST_CASE("assess::score_response and render_summary")
{
  const score::CompiledBank bank(assess_test::small_bank());
  assess::Style style;
  style.color = false;
  style.unicode = false;
  style.width = 80;

  SECTION("low listening: starting point, the gap to the target and the next steps")
  {
    // listen-calls Not once (0), listen-visits Disagree (25), listen-reports
    // Agree reverse-keyed (25): listening 16.67; act-fix Strongly agree.
    const auto result = assess::score_response(bank,
                                               answers_of({{AnswerKind::value, 0},
                                                           {AnswerKind::value, 1},
                                                           {AnswerKind::value, 3},
                                                           {AnswerKind::value, 4},
                                                           {AnswerKind::not_applicable, 5}}),
                                               {}, "2024-05-01T12:00:00Z");
    CHECK(result.at("respondents") == 1);
    CHECK(result.at("dimensions")[0].at("score").get<double>() == Approx(50.0 / 3));
    CHECK(result.at("ladders")[0].at("stage").at("index") == 0);
    CHECK(assess::render_summary(result, style)
          == "\n"
             "  Your results: Small assessment\n"
             "\n"
             "  Where you stand\n"
             "    Maturity: stage 0 of 2, Starting point; target Acting (the bank's\n"
             "      default), 2 stages to go\n"
             "\n"
             "  Dimensions (0-100)\n"
             "    Listening to customers        ###.................  17\n"
             "    Acting on what customers say  #################### 100\n"
             "\n"
             "  Biggest gaps\n"
             "    1. Listening to customers: 17, needs 60 for Acting (43 points short)\n"
             "\n"
             "  Next steps\n"
             "    1. Put every executive on the customer phone line for half a day this month.\n"
             "       Listening to customers - effort 2 of 5\n");
    // Listening alone keeps Acting from holding, so reaching Acting is the
    // same work as the listening step: one step, not two.
    CHECK(result.at("next_steps")[0].at("merged")[0] == "reach-acting");
  }
  SECTION("a target from the command line, the say-do gap, a dimension without answers")
  {
    const auto targets = score::resolve_targets(bank, {"listening"});
    const auto result = assess::score_response(bank,
                                               answers_of({{AnswerKind::value, 3},
                                                           {AnswerKind::value, 4},
                                                           {AnswerKind::value, 0},
                                                           {AnswerKind::missing, 0},
                                                           {AnswerKind::value, 1}}),
                                               targets, "2024-05-01T12:00:00Z");
    const std::string summary = assess::render_summary(result, style);
    CHECK(summary.find("    Maturity: stage 1 of 2, Listening; target Listening (--target)")
          != std::string::npos);
    CHECK(summary.find("hold it\n") != std::string::npos);
    CHECK(summary.find("    Acting on what customers say  #####...............  25\n")
          != std::string::npos);
    // The belief (act-budget) professes acting, whose practice question
    // (act-fix) is unanswered: no say-do gap to show.
    CHECK(result.at("say_do_gap").at("gap").is_null());
    CHECK(summary.find("Say and do") == std::string::npos);
  }
  SECTION("acting answered not applicable: not in place, the whole threshold to go")
  {
    // The answers of docs/assess.md: act-fix not applicable, act-budget not
    // reached. The gap has no score; it showed as "0, needs 70" before.
    const auto result = assess::score_response(bank,
                                               answers_of({{AnswerKind::value, 2},
                                                           {AnswerKind::value, 4},
                                                           {AnswerKind::missing, 0},
                                                           {AnswerKind::not_applicable, 5},
                                                           {AnswerKind::missing, 0}}),
                                               {}, "2024-05-01T12:00:00Z");
    CHECK(result.at("gaps")[0].at("score").is_null());
    CHECK(result.at("gaps")[0].at("gap") == 70.0);
    const std::string summary = assess::render_summary(result, style);
    CHECK(
      summary.find("    1. Acting on what customers say: not in place, needs 70 for Acting (70\n"
                   "       points short)\n")
      != std::string::npos);
  }
  SECTION("nothing answered: every dimension without a score, said so")
  {
    const auto result = assess::score_response(bank, answers_of(std::vector<answers::Answer>(5)),
                                               {}, "2024-05-01T12:00:00Z");
    const std::string summary = assess::render_summary(result, style);
    CHECK(summary.find("    Listening to customers        not enough answers\n")
          != std::string::npos);
    CHECK(summary.find("Not enough answers to place you higher") != std::string::npos);
  }
}
