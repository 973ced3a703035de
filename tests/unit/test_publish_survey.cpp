#include "test_publish_bank.hpp"

#include <centricity/publish/survey.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using namespace centricity::publish;
using test::publish_bank;

TEST_CASE("publish::plan_survey")
{
  const auto& bank = publish_bank();
  SECTION("sections per run of a dimension; questions sharing a scale in one grid")
  {
    const Survey survey = plan_survey(bank, {}, true);
    REQUIRE(survey.sections.size() == 3);
    CHECK(survey.sections[0].key == "contact");
    CHECK(survey.sections[0].title == "Customer contact");
    CHECK(survey.sections[0].description == "Leaders hear customers first-hand.");
    REQUIRE(survey.sections[0].items.size() == 2);
    CHECK(survey.sections[0].items[0].questions == std::vector<std::size_t>{0, 2});
    CHECK(survey.sections[0].items[0].grid());
    CHECK(survey.sections[0].items[0].scale->id == "agree");
    CHECK(survey.sections[0].items[1].questions == std::vector<std::size_t>{1});
    CHECK_FALSE(survey.sections[0].items[1].grid());
    CHECK(survey.sections[1].key == "choice");
    CHECK(survey.sections[1].title == "The leadership's choice");
    CHECK(survey.sections[1].items[0].questions == std::vector<std::size_t>{3});
    // Two questions with one text are never rows of one grid.
    REQUIRE(survey.sections[2].items.size() == 2);
    CHECK(survey.sections[2].items[0].questions == std::vector<std::size_t>{4});
    CHECK(survey.sections[2].items[1].questions == std::vector<std::size_t>{5});
  }
  SECTION("without grids every question is an item of its own, in bank order")
  {
    const Survey survey = plan_survey(bank, {}, false);
    std::vector<std::size_t> order;
    for (const auto& section : survey.sections) {
      for (const auto& item : section.items) {
        REQUIRE(item.questions.size() == 1);
        order.push_back(item.questions.front());
      }
    }
    CHECK(order == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
  }
}

TEST_CASE("publish::parse_ask")
{
  const auto& bank = publish_bank();
  const auto ask = parse_ask({"role=Executive, Manager,Front line", "site=North,South,"}, bank);
  REQUIRE(ask.size() == 2);
  CHECK(ask[0].name == "role");
  CHECK(ask[0].options == std::vector<std::string>{"Executive", "Manager", "Front line"});
  CHECK(ask[1].options == std::vector<std::string>{"North", "South"});
}

TEST_CASE("publish::parse_ask, error handling")
{
  const auto& bank = publish_bank();
  const auto usage = [&](const std::string& spec, const std::string& message) {
    try {
      (void)parse_ask({spec}, bank);
      FAIL("no error for " << spec);
    } catch (const Error& e) {
      CHECK(std::string(e.what()) == message);
      CHECK(e.code() == ExitCode::usage);
    }
  };
  SECTION("no options")
  {
    usage("role", "--ask role: give a name and its options, for example --ask "
                  "'role=Executive,Manager,Front line'");
  }
  SECTION("a name that is not a plain word")
  {
    usage("job title=A,B", "--ask job title=A,B: the name 'job title' must be letters and "
                           "digits, starting with a letter, at most 20 (every platform keeps it "
                           "as the column name)");
    usage("=A,B", "--ask =A,B: the name '' must be letters and digits, starting with a letter, "
                  "at most 20 (every platform keeps it as the column name)");
  }
  SECTION("the id of a question")
  {
    try {
      (void)parse_ask({"role=A,B", "Contact-calls=A,B"}, bank);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what())
            == "--ask Contact-calls=A,B: the name 'Contact-calls' must be "
               "letters and digits, starting with a letter, at most 20 "
               "(every platform keeps it as the column name)");
    }
    const auto clash = test::publish_bank();
    auto copy = clash;
    copy.questions[0].id = "role";
    try {
      (void)parse_ask({"Role=A,B"}, copy);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what())
            == "--ask Role=A,B: 'Role' is a question of bank 'publish-small'; choose another name");
    }
  }
  SECTION("asked twice")
  {
    try {
      (void)parse_ask({"role=A,B", "ROLE=C,D"}, bank);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()) == "--ask ROLE=C,D: 'ROLE' is asked twice");
    }
  }
  SECTION("options repeated or too few")
  {
    usage("role=A,b, a", "--ask role=A,b, a: option 'a' is given twice");
    usage("role=Only", "--ask role=Only: give at least two options, separated by commas");
    usage("role=,", "--ask role=,: give at least two options, separated by commas");
  }
}

TEST_CASE("publish::answer_value, grid_names, grid_help")
{
  const auto& bank = publish_bank();
  const auto& agree = *bank.find_scale("agree");
  CHECK(answer_value(agree.options[0]).dump() == "1");
  CHECK(answer_value(agree.options[1]).dump() == "2.5");
  CHECK(answer_value(agree.options[3]).dump() == "\"Not applicable\"");
  CHECK(answer_value(agree.options[4]).dump() == "\"Don't know\"");

  const Survey survey = plan_survey(bank, {{"gridcontact", {"a", "b"}}}, true);
  const auto names = grid_names(survey);
  // "grid-contact" is free (the group name has no dash); items that are no
  // grids get no name.
  CHECK(names[0] == std::vector<std::string>{"grid-contact", ""});
  CHECK(names[2] == std::vector<std::string>{"", ""});
  CHECK(grid_help(survey, survey.sections[0].items[0])
        == "Why these questions matter:\n"
           "- Our executives listen to customer calls. \u2014 Leaders who hear customers decide "
           "differently.\n"
           "- Executives visit customers [in person] every quarter. \u2014 Visits show what "
           "reports hide.");

  auto copy = bank;
  copy.questions[1].id = "grid-contact";
  const Survey taken = plan_survey(copy, {}, true);
  CHECK(grid_names(taken)[0][0] == "grid-contact-2");
}
