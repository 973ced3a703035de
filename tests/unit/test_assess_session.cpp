#include "test_assess_bank.hpp"

#include <centricity/assess/session.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using answers::AnswerKind;
using assess::Action;
using assess::ActionKind;

namespace {

assess::Session fresh_session()
{
  answers::Response response;
  response.answers.assign(assess_test::small_bank().questions.size(), answers::Answer{});
  return assess::Session(assess_test::small_bank(), std::move(response), {});
}

Action choose(std::size_t option)
{
  return {ActionKind::choose, option};
}

Action act(ActionKind kind)
{
  return {kind, 0};
}

} // namespace

TEST_CASE("assess::Session, answering and moving")
{
  auto session = fresh_session();
  REQUIRE(session.at_intro());
  CHECK(session.apply(act(ActionKind::skip)).notice == "Press Enter to start.");
  session.apply(act(ActionKind::start));
  REQUIRE_FALSE(session.at_intro());
  REQUIRE(session.position() == 0);
  CHECK(session.question().id == "listen-calls");
  CHECK(session.scale().id == "count");

  SECTION("an answer is stored and moves on; answering again the same way changes nothing")
  {
    const auto first = session.apply(choose(2));
    CHECK(first.changed);
    CHECK(first.notice.empty());
    CHECK(session.position() == 1);
    CHECK(session.response().answers[0].kind == AnswerKind::value);
    CHECK(session.response().answers[0].option == 2);
    session.apply(act(ActionKind::back));
    CHECK(session.position() == 0);
    CHECK_FALSE(session.apply(choose(2)).changed);
    session.apply(act(ActionKind::back));
    CHECK(session.apply(choose(1)).changed);
    CHECK(session.response().answers[0].option == 1);
  }
  SECTION("skip leaves no answer but marks the question seen, and keeps an earlier answer")
  {
    CHECK(session.apply(act(ActionKind::skip)).changed);
    CHECK(session.response().answers[0].kind == AnswerKind::missing);
    CHECK(session.seen()[0]);
    session.apply(choose(3)); // listen-visits: Agree
    session.apply(act(ActionKind::back));
    CHECK_FALSE(session.apply(act(ActionKind::skip)).changed);
    CHECK(session.response().answers[1].kind == AnswerKind::value);
    CHECK(session.response().answers[1].option == 3);
  }
  SECTION("N/A only where the scale has it; don't know maps to the scale's option")
  {
    const auto refused = session.apply(act(ActionKind::not_applicable));
    CHECK_FALSE(refused.changed);
    CHECK(refused.notice == "This question has no \"Not applicable\" option.");
    CHECK(session.position() == 0);
    CHECK(session.apply(act(ActionKind::dont_know)).changed);
    CHECK(session.response().answers[0].kind == AnswerKind::dont_know);
    CHECK(session.response().answers[0].option == 4);
    CHECK(session.apply(act(ActionKind::not_applicable)).changed);
    CHECK(session.response().answers[1].kind == AnswerKind::not_applicable);
    CHECK(session.response().answers[1].option == 5);
  }
  SECTION("choosing the special option by index is the same as its key")
  {
    session.apply(choose(1));
    session.apply(choose(5));
    CHECK(session.response().answers[1].kind == AnswerKind::not_applicable);
  }
  SECTION("an option that does not exist is refused")
  {
    const auto refused = session.apply(choose(5));
    CHECK_FALSE(refused.changed);
    CHECK(refused.notice == "There is no option 6 here.");
    CHECK(session.position() == 0);
  }
  SECTION("help toggles and is hidden again on the next question")
  {
    session.apply(act(ActionKind::help));
    CHECK(session.help_visible());
    session.apply(act(ActionKind::help));
    CHECK_FALSE(session.help_visible());
    session.apply(act(ActionKind::help));
    session.apply(choose(0));
    CHECK_FALSE(session.help_visible());
  }
  SECTION("back on the first question says so")
  {
    CHECK(session.apply(act(ActionKind::back)).notice == "This is the first question.");
    CHECK(session.position() == 0);
  }
  SECTION("the end screen: no answers there, back to the last question, first skipped")
  {
    session.apply(choose(0));
    session.apply(act(ActionKind::skip));
    session.apply(choose(0));
    session.apply(choose(0));
    session.apply(choose(0));
    REQUIRE(session.at_end());
    CHECK(session.apply(choose(0)).notice
          == "All questions are done: finish, or go back to change an answer.");
    session.apply(act(ActionKind::back));
    CHECK(session.position() == 4);
    session.apply(act(ActionKind::skip));
    session.apply(act(ActionKind::first_skipped));
    CHECK(session.position() == 1);
    session.apply(choose(4));
    session.go_to(5);
    CHECK(session.apply(act(ActionKind::first_skipped)).notice == "Every question has an answer.");
    session.apply(act(ActionKind::finish));
    CHECK(session.finished());
  }
  SECTION("quit")
  {
    session.apply(act(ActionKind::quit));
    CHECK(session.quit());
    CHECK_FALSE(session.finished());
  }
}

TEST_CASE("assess::Session, progress and sections")
{
  auto session = fresh_session();
  REQUIRE(session.sections().size() == 2);
  CHECK(session.sections()[0].first == 0);
  CHECK(session.sections()[0].count == 3);
  CHECK(session.sections()[1].first == 3);
  CHECK(session.sections()[1].count == 2);
  session.go_to(3);
  session.apply(choose(3));
  const auto progress = session.progress();
  CHECK(progress.question == 5);
  CHECK(progress.total == 5);
  CHECK(progress.seen == 1);
  CHECK(progress.answered == 1);
  CHECK(progress.section == 2);
  CHECK(progress.sections == 2);
  CHECK(progress.in_section == 2);
  CHECK(progress.section_size == 2);
  CHECK(progress.section_title == "Acting on what customers say");
}

TEST_CASE("assess::Session, where a resumed session continues")
{
  const auto& bank = assess_test::small_bank();
  answers::Response response;
  response.answers.assign(bank.questions.size(), answers::Answer{});
  SECTION("the first question never seen, before questions skipped earlier")
  {
    assess::Session session(bank, response, {true, false, true, false, false});
    CHECK(session.resume_position() == 1);
    CHECK(session.first_unanswered() == 0);
  }
  SECTION("a question with an answer counts as seen whatever `seen` says")
  {
    response.answers[0] = {AnswerKind::value, 1};
    assess::Session session(bank, response, {});
    CHECK(session.seen()[0]);
    CHECK(session.resume_position() == 1);
  }
  SECTION("everything seen: the first skipped question, else the end")
  {
    response.answers[0] = {AnswerKind::value, 1};
    response.answers[2] = {AnswerKind::not_applicable, 5};
    assess::Session skipped(bank, response, std::vector<bool>(5, true));
    CHECK(skipped.resume_position() == 1);
    for (auto& answer : response.answers) {
      answer = {AnswerKind::dont_know, 4};
    }
    response.answers[0] = {AnswerKind::value, 0};
    assess::Session done(bank, response, {});
    CHECK(done.resume_position() == 5);
  }
}

TEST_CASE("assess::Session, metadata fields")
{
  auto session = fresh_session();
  session.set_field("role", "CEO");
  session.set_field("role", "CFO");
  REQUIRE(session.response().fields.size() == 1);
  CHECK(session.response().fields[0].value == "CFO");
}
