// The scripted prompter drives whole sessions as a person would: answer, go
// back and change, skip, N/A, help, quit, resume, and a signal in the middle.
#include "test_assess_bank.hpp"

#include <centricity/answers/loader.hpp>
#include <centricity/assess/answers_file.hpp>
#include <centricity/assess/flow.hpp>
#include <centricity/assess/results_screen.hpp>
#include <centricity/score/compiled.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <csignal>

using namespace centricity;
using assess::act;
using assess::ActionKind;
using assess::pick;
using Screen = assess::ScriptedPrompter::Shown::Screen;

namespace {

answers::Response empty_response()
{
  answers::Response response;
  response.answers.assign(assess_test::small_bank().questions.size(), answers::Answer{});
  return response;
}

// Hooks that save to `path` and count the saves.
assess::RunHooks saving_to(const std::string& path, int& saves)
{
  assess::RunHooks hooks;
  hooks.answers_path = path;
  hooks.save = [&saves, path](const assess::Session& s) {
    assess::save_answers(path, s.bank(), s.response(), s.seen(), "small.yaml");
    ++saves;
  };
  return hooks;
}

const char* const k_header = "# centricity answers for \"Small assessment\"\n"
                             "# Saved by 'centricity assess' after every answer; continue with\n";

} // namespace

TEST_CASE("assess::run_session, answer, back and change, skip, N/A, help, quit, resume")
{
  const auto dir = assess_test::temp_dir("run");
  const std::string path = (dir / "answers.yaml").string();
  const auto& bank = assess_test::small_bank();

  // First sitting: stop at the last question.
  assess::ScriptedPrompter first({
    act(ActionKind::start),
    pick(2),                         // listen-calls: Once
    pick(4),                         // listen-visits: Agree
    act(ActionKind::back),           // back to listen-visits
    act(ActionKind::back),           // back to listen-calls
    pick(3),                         // change it: 2-3 times
    act(ActionKind::skip),           // listen-visits keeps Agree
    act(ActionKind::help),           // listen-reports: why it matters
    act(ActionKind::skip),           // skip listen-reports
    act(ActionKind::not_applicable), // act-fix: N/A
    act(ActionKind::quit),           // at act-budget
  });
  int saves = 0;
  assess::Session session(bank, empty_response(), {});
  CHECK_FALSE(assess::run_session(session, first, saving_to(path, saves)));
  CHECK(session.quit());
  CHECK(saves == 5); // the two back steps, the skip of an answered question and help save nothing

  const auto& shown = first.shown();
  REQUIRE(shown.size() == 11);
  CHECK(shown[0].screen == Screen::intro);
  CHECK(shown[3].question == "listen-reports");
  CHECK(shown[4].question == "listen-visits");
  CHECK(shown[4].answer == "Agree"); // back shows the answer given
  CHECK(shown[5].question == "listen-calls");
  CHECK(shown[5].answer == "Once");
  CHECK(shown[7].question == "listen-reports");
  CHECK_FALSE(shown[7].show_help);
  CHECK(shown[8].show_help);
  CHECK(shown[8].help == "Summaries filter out the surprises that change decisions.");
  CHECK(shown[10].question == "act-budget");
  CHECK(shown[10].progress.question == 5);
  CHECK(shown[10].progress.seen == 4);
  CHECK(shown[10].progress.section == 2);

  const std::string expected_file = std::string(k_header) + "#   centricity assess --answers "
                                    + path
                                    + " --resume\n"
                                      "# or edit it and score it with\n"
                                      "#   centricity score "
                                    + path
                                    + "\n"
                                      "# A question set to ~ was skipped; questions not listed "
                                      "were not reached yet.\n"
                                      "bank:\n"
                                      "  id: assess-small\n"
                                      "  version: \"1.0\"\n"
                                      "  path: \"small.yaml\"\n"
                                      "answers:\n"
                                      "  # Listening to customers\n"
                                      "  listen-calls: 2  # 2-3 times\n"
                                      "  listen-visits: 4  # Agree\n"
                                      "  listen-reports: ~\n"
                                      "  # Acting on what customers say\n"
                                      "  act-fix: \"Not applicable\"\n";
  CHECK(assess_test::slurp(path) == expected_file);

  // The file is an ordinary answers file: `score` reads it the same way.
  const auto scored = answers::load_answers({path}, bank);
  REQUIRE_FALSE(scored.diagnostics.has_errors());
  REQUIRE(scored.responses.size() == 1);
  CHECK(assess_test::same_answers(scored.responses[0].answers, session.response().answers));

  // Second sitting: --resume continues at act-budget, the first question
  // never reached; then back to the skipped one from the end screen.
  auto saved = assess::load_saved_answers(path, bank);
  CHECK(saved.seen == std::vector<bool>{true, true, true, true, false});
  assess::Session resumed(bank, std::move(saved.response), std::move(saved.seen));
  assess::ScriptedPrompter second({
    act(ActionKind::start),
    pick(4),                        // act-budget: Agree, then the end screen
    act(ActionKind::back),          // act-budget again
    act(ActionKind::skip),          // end screen
    act(ActionKind::first_skipped), // listen-reports
    pick(2),                        // Disagree (reverse-keyed)
    act(ActionKind::skip),          // act-fix keeps N/A
    act(ActionKind::skip),          // act-budget keeps Agree
    act(ActionKind::finish),
  });
  saves = 0;
  CHECK(assess::run_session(resumed, second, saving_to(path, saves)));
  CHECK(saves == 2);
  CHECK(second.last_intro().answered == 3);
  CHECK(second.last_intro().seen == 4);
  CHECK(second.last_intro().start == 5);
  REQUIRE(second.shown().size() == 9);
  CHECK(second.shown()[1].question == "act-budget");
  CHECK(second.shown()[2].screen == Screen::end);
  CHECK(second.shown()[3].answer == "Agree");
  CHECK(second.shown()[5].question == "listen-reports");
  CHECK(second.shown()[6].answer == "Not applicable");
  CHECK(second.last_end().answered == 4);
  CHECK(second.last_end().not_applicable == 1);
  CHECK(second.last_end().skipped == 0);

  // The final Result.
  const score::CompiledBank compiled(bank);
  const auto result =
    assess::score_response(compiled, resumed.response(), {}, "2024-05-01T12:00:00Z");
  const auto& dimensions = result.at("dimensions");
  // listening: (66.67 + 75 + (100 - 25)) / 3; acting: act-budget alone (act-fix N/A)
  CHECK(dimensions[0].at("score").get<double>() == Approx((200.0 / 3 + 75 + 75) / 3));
  CHECK(dimensions[1].at("score").get<double>() == Approx(75));
  CHECK(result.at("ladders")[0].at("stage").at("id") == "acting");
  // act-budget (belief) professes acting, whose practice (act-fix) is N/A:
  // the say-do gap compares a belief with the practice it professes only.
  CHECK(result.at("say_do_gap").at("gap").is_null());
  CHECK(result.at("generated_at") == "2024-05-01T12:00:00Z");
  std::filesystem::remove_all(dir);
}

TEST_CASE("assess::run_session, a signal in the middle leaves every answer saved")
{
  const auto dir = assess_test::temp_dir("signal");
  const std::string path = (dir / "answers.yaml").string();
  const auto& bank = assess_test::small_bank();
  assess::ScriptedPrompter prompter(
    {act(ActionKind::start), pick(1), pick(5), assess::signal_step(SIGINT)});
  int saves = 0;
  assess::Session session(bank, empty_response(), {});
  try {
    assess::run_session(session, prompter, saving_to(path, saves));
    FAIL("no Interrupted");
  } catch (const assess::Interrupted& e) {
    CHECK(e.signal_number() == SIGINT);
    CHECK(e.code() == ExitCode::interrupted);
    CHECK(std::string(e.what()) == "interrupted (Ctrl-C)");
  }
  CHECK(saves == 2);
  const auto saved = assess::load_saved_answers(path, bank);
  CHECK(saved.response.answers[0].option == 0);
  CHECK(saved.response.answers[1].option == 4);
  CHECK(saved.seen == std::vector<bool>{true, true, false, false, false});
  assess::Session resumed(bank, saved.response, saved.seen);
  CHECK(resumed.resume_position() == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("assess::run_session, notices and quitting at the intro")
{
  const auto& bank = assess_test::small_bank();
  SECTION("a refused action shows its notice on the same question, once")
  {
    assess::ScriptedPrompter prompter(
      {act(ActionKind::start), act(ActionKind::not_applicable), pick(9), pick(1)});
    assess::Session session(bank, empty_response(), {});
    assess::run_session(session, prompter, {});
    const auto& shown = prompter.shown();
    REQUIRE(shown.size() == 5);
    CHECK(shown[2].question == "listen-calls");
    CHECK(shown[2].notice == "This question has no \"Not applicable\" option.");
    CHECK(shown[3].notice == "There is no option 6 here.");
    CHECK(shown[4].question == "listen-visits");
    CHECK(shown[4].notice.empty());
  }
  SECTION("quit on the intro saves nothing")
  {
    int saves = 0;
    assess::RunHooks hooks;
    hooks.save = [&saves](const assess::Session&) { ++saves; };
    assess::ScriptedPrompter prompter({act(ActionKind::quit)});
    assess::Session session(bank, empty_response(), {});
    CHECK_FALSE(assess::run_session(session, prompter, hooks));
    CHECK(saves == 0);
    CHECK(prompter.last_intro().questions == 5);
    CHECK(prompter.last_intro().sections == 2);
  }
  SECTION("the respondent's pace corrects the time left")
  {
    double clock = 0;
    assess::RunHooks hooks;
    hooks.now = [&clock] { return clock += 30; }; // every question takes 30 s
    assess::ScriptedPrompter prompter({act(ActionKind::start), pick(1), pick(1), pick(1), pick(1)});
    assess::Session session(bank, empty_response(), {});
    assess::run_session(session, prompter, hooks);
    const auto& shown = prompter.shown();
    REQUIRE(shown.size() == 6);
    // Three questions in, the pace is known: the last question, estimated
    // at 4 s + 9 words at 3.5 words/s, now counts at the observed ratio
    // (capped at three times the estimate).
    const double last = assess::question_seconds(bank.questions[4]);
    CHECK(shown[5].seconds_left == Approx(last * 3));
    CHECK(shown[1].seconds_left > shown[2].seconds_left);
  }
}

TEST_CASE("assess::run_session, range questions answered by typing the number")
{
  const auto dir = assess_test::temp_dir("ranges");
  const std::string path = (dir / "answers.yaml").string();
  const auto bank = bank::load_valid_bank(CENTRICITY_TEST_DATA "/ranges/ranges.yaml");
  answers::Response response;
  response.answers.assign(bank.questions.size(), answers::Answer{});
  assess::Session session(bank, std::move(response), {});
  assess::ScriptedPrompter prompter({
    act(ActionKind::start),
    assess::type("7"),               // recommend: 7
    assess::type("11"),              // return: refused, not on 0..10
    assess::type("10"),              // return: 10
    act(ActionKind::not_applicable), // data-share: Not applicable
    assess::type("-20"),             // inward: -20
    act(ActionKind::finish),
  });
  int saves = 0;
  CHECK(assess::run_session(session, prompter, saving_to(path, saves)));
  const auto& shown = prompter.shown();
  REQUIRE(shown.size() == 7);
  CHECK(shown[2].question == "return");
  CHECK(shown[3].question == "return");
  CHECK(shown[3].notice == "There is no option 13 here.");
  CHECK(assess::answer_label(*bank.find_scale("nps"), session.response().answers[0]) == "7");
  CHECK(assess::answer_label(*bank.find_scale("nps"), session.response().answers[1]) == "10");
  CHECK(session.response().answers[2].kind == answers::AnswerKind::not_applicable);
  CHECK(assess::answer_label(*bank.find_scale("balance"), session.response().answers[3]) == "-20");
  // The answers file holds the values; read back, they are the same answers.
  const std::string text = assess_test::slurp(path);
  CHECK(text.find("  recommend: 7  # 7\n") != std::string::npos);
  CHECK(text.find("  inward: -20  # -20\n") != std::string::npos);
}
