#include "test_assess_bank.hpp"

#include <centricity/assess/flow.hpp>
#include <centricity/assess/screen.hpp>
#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/util/strings.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using assess::wrap;
using Lines = std::vector<std::string>;

namespace {

assess::Session session_at(std::size_t question)
{
  const auto& bank = assess_test::small_bank();
  answers::Response response;
  response.answers.assign(bank.questions.size(), answers::Answer{});
  assess::Session session(bank, std::move(response), {});
  session.go_to(question);
  return session;
}

// The widest line of `text`, escape sequences included in the count (so a
// coloured screen must not be measured with this).
std::size_t widest(const std::string& text)
{
  std::size_t most = 0;
  for (const auto& line : util::split(text, '\n')) {
    most = std::max(most, util::display_width(line));
  }
  return most;
}

// `text` with its wrapped lines joined again by single spaces.
std::string flat(const std::string& text)
{
  std::string out;
  for (const auto& line : util::split(text, '\n')) {
    const auto start = line.find_first_not_of(' ');
    if (start != std::string::npos) {
      out += (out.empty() ? "" : " ") + line.substr(start);
    }
  }
  return out;
}

} // namespace

TEST_CASE("assess::wrap")
{
  SECTION("at spaces, folding runs of white space")
  {
    CHECK(wrap("one two  three four", 9) == Lines{"one two", "three", "four"});
    CHECK(wrap("exactly nine", 12) == Lines{"exactly nine"});
    CHECK(wrap("", 10) == Lines{""});
  }
  SECTION("newlines always break")
  {
    CHECK(wrap("a\nb c", 10) == Lines{"a", "b c"});
    CHECK(wrap("a\n\nb", 10) == Lines{"a", "", "b"});
  }
  SECTION("words wider than the line are cut between code points")
  {
    CHECK(wrap("abcdefghij xy", 4) == Lines{"abcd", "efgh", "ij", "xy"});
    CHECK(wrap("ééééé", 2) == Lines{"éé", "éé", "é"});
  }
  SECTION("columns, not bytes: accents count one, East Asian wide characters two")
  {
    CHECK(wrap("café crème brûlée", 10) == Lines{"café crème", "brûlée"});
    CHECK(wrap("顧客 中心 経営", 5) == Lines{"顧客", "中心", "経営"});
    CHECK(wrap("顧客中心", 5) == Lines{"顧客", "中心"});
    CHECK(wrap("🚀🚀🚀", 4) == Lines{"🚀🚀", "🚀"});
  }
  SECTION("a cut word keeps combining marks and joined emoji with their character")
  {
    CHECK(wrap("e\u0301e\u0301e\u0301", 2) == Lines{"e\u0301e\u0301", "e\u0301"});
    CHECK(wrap("a\U0001F469\u200D\U0001F4BB", 3) == Lines{"a\U0001F469\u200D\U0001F4BB"});
  }
}

TEST_CASE("assess::want_color, decided in one place")
{
  CHECK(assess::want_color(true, "xterm-256color", nullptr));
  CHECK(assess::want_color(true, "xterm", ""));
  CHECK_FALSE(assess::want_color(false, "xterm", nullptr));
  CHECK_FALSE(assess::want_color(true, "xterm", "1"));
  CHECK_FALSE(assess::want_color(true, "dumb", nullptr));
  CHECK_FALSE(assess::want_color(true, nullptr, nullptr));
  CHECK_FALSE(assess::want_color(true, "", nullptr));
}

TEST_CASE("assess::progress_bar")
{
  CHECK(assess::progress_bar(0.5, 10, false) == "#####-----");
  CHECK(assess::progress_bar(0.0, 4, true) == "░░░░");
  CHECK(assess::progress_bar(1.0, 3, true) == "███");
  CHECK(assess::progress_bar(2.0, 3, false) == "###");
}

TEST_CASE("assess::render_question")
{
  auto session = session_at(2);
  session.apply({assess::ActionKind::choose, 1}); // listen-reports: Disagree
  session.apply({assess::ActionKind::back, 0});
  session.apply({assess::ActionKind::help, 0});
  const auto view = assess::make_question_view(session, assess::Pace{}, "Some notice.");
  assess::Style style;
  style.color = false;
  style.unicode = false;
  style.width = 60;

  SECTION("the whole screen, ASCII, 60 columns")
  {
    CHECK(assess::render_question(view, 0, style)
          == "\n"
             "  Listening to customers\n"
             "  Section 1 of 2 - question 3 of 3 in this section\n"
             "  ##########------------------------------------------  20%\n"
             "  Question 3 of 5 - less than a minute left\n"
             "\n"
             "  Customer feedback reaches executives only as summary\n"
             "  reports.\n"
             "\n"
             "  > 1  Strongly disagree\n"
             "    2  Disagree  * your answer\n"
             "    3  Neither agree nor disagree\n"
             "    4  Agree\n"
             "    5  Strongly agree\n"
             "    n  Not applicable\n"
             "    d  Don't know\n"
             "\n"
             "  Why this matters\n"
             "  Summaries filter out the surprises that change decisions.\n"
             "\n"
             "  Some notice.\n"
             "\n"
             "  1-5 answer - up/down Enter choose - b back - s skip\n"
             "  n not applicable - d don't know - ? hide help\n"
             "  q save and quit\n");
  }
  SECTION("Unicode glyphs, and colour only when asked for")
  {
    style.unicode = true;
    const std::string plain = assess::render_question(view, 7, style);
    CHECK(plain.find("✓ your answer") != std::string::npos);
    CHECK(plain.find("← b back") != std::string::npos);
    CHECK(plain.find("██████████░░░") != std::string::npos);
    CHECK(plain.find('\x1b') == std::string::npos);
    style.color = true;
    CHECK(assess::render_question(view, 7, style).find("\x1b[1m") != std::string::npos);
  }
  SECTION("no line wider than the terminal, down to narrow ones")
  {
    for (const std::size_t width : {24UL, 30UL, 41UL, 80UL, 200UL}) {
      style.width = width;
      style.unicode = width % 2 == 0;
      CHECK(widest(assess::render_question(view, 0, style)) <= std::max<std::size_t>(width, 24));
    }
  }
}

TEST_CASE("assess::render_intro and render_end")
{
  assess::Style style;
  style.unicode = false;
  style.width = 80;
  SECTION("a first session: what is measured, how long, where answers go")
  {
    const auto session = session_at(0);
    const std::string intro =
      assess::render_intro(assess::make_intro_view(session, "my answers.yaml"), style);
    CHECK(intro.find("  Small assessment\n") != std::string::npos);
    CHECK(intro.find("Five questions on listening to customers") != std::string::npos);
    CHECK(intro.find("5 questions in 2 sections, less than a minute.") != std::string::npos);
    CHECK(intro.find("    my answers.yaml\n") != std::string::npos);
    CHECK(intro.find("Press Enter to start, q to quit.") != std::string::npos);
  }
  SECTION("a resumed session says where it continues")
  {
    const auto& bank = assess_test::small_bank();
    answers::Response response;
    response.answers.assign(bank.questions.size(), answers::Answer{});
    response.answers[0] = {answers::AnswerKind::value, 1};
    const assess::Session session(bank, response, {true, true});
    const std::string intro =
      assess::render_intro(assess::make_intro_view(session, "a.yaml"), style);
    CHECK(intro.find("Welcome back: 1 of 5 questions answered. You continue at question 3;")
          != std::string::npos);
    const assess::Session skipped(bank, response, std::vector<bool>(5, true));
    CHECK(flat(assess::render_intro(assess::make_intro_view(skipped, "a.yaml"), style))
            .find("Welcome back: 1 of 5 questions answered. You continue at question 2, the "
                  "first one skipped.")
          != std::string::npos);
    for (auto& answer : response.answers) {
      answer = {answers::AnswerKind::dont_know, 6};
    }
    const assess::Session done(bank, response, {});
    CHECK(flat(assess::render_intro(assess::make_intro_view(done, "a.yaml"), style))
            .find("Welcome back: 5 of 5 questions answered. Every question has been answered: "
                  "press Enter to review and finish.")
          != std::string::npos);
  }
  SECTION("the end screen counts and offers the first skipped question")
  {
    assess::EndView view;
    view.total = 5;
    view.answered = 2;
    view.not_applicable = 1;
    view.skipped = 2;
    view.answers_path = "a.yaml";
    CHECK(assess::render_end(view, style)
          == "\n"
             "  All questions done\n"
             "\n"
             "  2 answered - 1 not applicable - 2 skipped (of 5)\n"
             "  Your answers are saved in a.yaml.\n"
             "\n"
             "    Enter   see your results and write the report\n"
             "    b       go back and change an answer\n"
             "    u       go to the first skipped question\n"
             "    q       save and quit (finish later with --resume)\n");
  }
}

TEST_CASE("assess::printable")
{
  CHECK(assess::printable("a\x1b[2Jb\tc\nd") == "a [2Jb c\nd");
}

TEST_CASE("assess::layout_question, fitted to the terminal from the question down")
{
  auto session = session_at(2);
  session.apply({assess::ActionKind::choose, 1}); // listen-reports: Disagree
  session.apply({assess::ActionKind::back, 0});
  const auto view = assess::make_question_view(session, assess::Pace{}, "");
  assess::Style style;
  style.unicode = false;
  style.width = 40;
  SECTION("12 rows: header lines, blank lines and the long legend give way")
  {
    style.height = 12;
    const auto screen = assess::layout_question(view, 7, style);
    CHECK_FALSE(screen.too_small);
    CHECK(screen.text
          == "  Question 3 of 5 - less than a minute\n"
             "  left\n"
             "  Customer feedback reaches executives\n"
             "  only as summary reports.\n"
             "    1  Strongly disagree\n"
             "    2  Disagree  * your answer\n"
             "    3  Neither agree nor disagree\n"
             "    4  Agree\n"
             "    5  Strongly agree\n"
             "    n  Not applicable\n"
             "    d  Don't know\n"
             "  1-5 - b back - s skip - ? why - q quit");
  }
  SECTION("9 rows: the options page around the answer given")
  {
    style.height = 9;
    CHECK(assess::render_question(view, 7, style)
          == "  Question 3 of 5\n"
             "  Customer feedback reaches executives\n"
             "  only as summary reports.\n"
             "    2  Disagree  * your answer\n"
             "    3  Neither agree nor disagree\n"
             "    4  Agree\n"
             "    5  Strongly agree\n"
             "  ^ 1 more - v 2 more\n"
             "  1-5 - b back - s skip - ? why - q quit");
  }
  SECTION("5 rows: how large the window must be, and no answer taken")
  {
    style.height = 5;
    const auto screen = assess::layout_question(view, 7, style);
    CHECK(screen.too_small);
    CHECK(screen.text
          == "  This window is 40x5: make it at least\n"
             "  40x7 to see the question and its\n"
             "  answers. q saves and quits.");
  }
  SECTION("any size: no row too wide, no more rows than the terminal, the question whole")
  {
    for (std::size_t width = 10; width <= 100; width += 3) {
      for (std::size_t height = 3; height <= 40; ++height) {
        INFO(width << " x " << height);
        style.width = width;
        style.height = height;
        style.unicode = (width + height) % 2 == 0;
        const auto screen = assess::layout_question(view, height % 8, style);
        const auto rows = util::split(screen.text, '\n');
        CHECK(rows.size() <= height);
        CHECK(widest(screen.text) <= width);
        if (!screen.too_small) {
          CHECK(flat(screen.text)
                  .find("Customer feedback reaches executives only as summary "
                        "reports.")
                != std::string::npos);
        }
      }
    }
  }
}

TEST_CASE("assess::render_intro and render_end, fitted to the terminal")
{
  const auto session = session_at(0);
  const auto intro = assess::make_intro_view(session, "my answers.yaml");
  assess::EndView end;
  end.total = 5;
  end.answered = 3;
  end.skipped = 2;
  end.answers_path = "a.yaml";
  end.notice = "Press Enter to see your results.";
  assess::Style style;
  for (std::size_t width = 10; width <= 100; width += 3) {
    for (std::size_t height = 3; height <= 40; ++height) {
      INFO(width << " x " << height);
      style.width = width;
      style.height = height;
      for (const auto& text :
           {assess::render_intro(intro, style), assess::render_end(end, style)}) {
        CHECK(util::split(text, '\n').size() <= height);
        CHECK(widest(text) <= width);
      }
    }
  }
  style.width = 40;
  style.height = 12;
  const std::string text = assess::render_intro(intro, style);
  CHECK(text.find("Small assessment") != std::string::npos);
  CHECK(text.ends_with("Press Enter to start, q to quit."));
}

// docs/assess.md promises this: at 40 x 12 every question of the default
// bank is shown whole with at least two of its options.
TEST_CASE("assess::layout_question, every question of the default bank at 40 x 12")
{
  const auto questionnaire = bank::load_valid_bank(bank::resolve_bank(bank::k_default_bank));
  answers::Response response;
  response.answers.assign(questionnaire.questions.size(), answers::Answer{});
  assess::Session session(questionnaire, std::move(response), {});
  assess::Style style;
  style.width = 40;
  style.height = 12;
  for (std::size_t q = 0; q < questionnaire.questions.size(); ++q) {
    session.go_to(q);
    const auto view = assess::make_question_view(session, assess::Pace{}, "");
    INFO(questionnaire.questions[q].id);
    const auto screen = assess::layout_question(view, view.options.size(), style);
    CHECK_FALSE(screen.too_small);
    CHECK(util::split(screen.text, '\n').size() <= 12);
  }
}

TEST_CASE("assess::render_question, a range is typed, not listed")
{
  const auto bank = bank::load_valid_bank(CENTRICITY_TEST_DATA "/ranges/ranges.yaml");
  answers::Response response;
  response.answers.assign(bank.questions.size(), answers::Answer{});
  assess::Session session(bank, std::move(response), {});
  session.go_to(2); // data-share: percent 0..100 with Not applicable
  session.apply({assess::ActionKind::choose, 55});
  session.apply({assess::ActionKind::back, 0});
  auto view = assess::make_question_view(session, assess::Pace{}, "");
  assess::Style style;
  style.color = false;
  style.unicode = false;
  style.width = 60;

  SECTION("the number given so far, the special option as a row")
  {
    CHECK(view.options.size() == 1);
    CHECK(view.answer == "55");
    CHECK(assess::render_question(view, view.options.size(), style)
          == "\n"
             "  Reach\n"
             "  Section 2 of 2 - question 1 of 2 in this section\n"
             "  #############---------------------------------------  25%\n"
             "  Question 3 of 4 - less than a minute left\n"
             "\n"
             "  What share of your decisions start from customer data, in\n"
             "  percent?\n"
             "\n"
             "  Type a number from 0 to 100, then press Enter.\n"
             "  > _  * your answer: 55\n"
             "\n"
             "    n  Not applicable\n"
             "\n"
             "  number Enter answer - up/down Enter choose - b back\n"
             "  s skip - n not applicable - ? why this matters\n"
             "  q save and quit\n");
  }
  SECTION("what is typed shows on the entry line; no up/down without rows")
  {
    session.go_to(0); // recommend: nps 0..10, no special options
    view = assess::make_question_view(session, assess::Pace{}, "");
    view.entry = "7";
    const std::string screen = assess::render_question(view, 0, style);
    CHECK(view.options.empty());
    CHECK(screen.find("  Type a number from 0 to 10, then press Enter.\n  > 7_\n")
          != std::string::npos);
    CHECK(screen.find("number Enter answer - b back - s skip") != std::string::npos);
  }
  SECTION("no line wider than the terminal")
  {
    for (const std::size_t width : {24UL, 30UL, 41UL, 80UL}) {
      style.width = width;
      CHECK(widest(assess::render_question(view, 1, style)) <= std::max<std::size_t>(width, 24));
    }
  }
}
