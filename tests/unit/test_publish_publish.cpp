#include "test_publish_bank.hpp"

#include <centricity/publish/publish.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace centricity;
using namespace centricity::publish;
using test::publish_bank;
using test::range_bank;

TEST_CASE("publish::parse_target, target_name, target_extension")
{
  CHECK(target_names() == "qualtrics, limesurvey, surveyjs, google-forms, html");
  for (const auto target : {Target::qualtrics, Target::limesurvey, Target::surveyjs,
                            Target::google_forms, Target::html}) {
    CHECK(parse_target(target_name(target)) == target);
  }
  CHECK_FALSE(parse_target("Qualtrics"));
  CHECK_FALSE(parse_target("google_forms"));
  CHECK(target_extension(Target::qualtrics) == ".qsf");
  CHECK(target_extension(Target::limesurvey) == ".txt");
  CHECK(target_extension(Target::google_forms) == ".gs");
  CHECK(has_grids(Target::surveyjs));
  CHECK_FALSE(has_grids(Target::html));
}

TEST_CASE("publish::limitations")
{
  const auto& bank = publish_bank();
  SECTION("google-forms: grid help texts, brackets in a grid row, one text twice")
  {
    const auto limits = limitations(bank, Target::google_forms);
    REQUIRE(limits.size() == 3);
    CHECK(limits[0].kind == Limitation::Kind::grid_help);
    CHECK(limits[0].loc.line == 37);
    CHECK(limits[0].message
          == "on google-forms, questions 'contact-calls', 'contact-visits' share scale 'agree' in "
             "one grid, whose rows have no help text of their own: their help texts are shown "
             "together in the grid's description");
    CHECK(limits[1].kind == Limitation::Kind::brackets);
    CHECK(limits[1].loc.line == 47);
    CHECK(limits[1].message
          == "on google-forms, question 'contact-visits' is a grid row with square brackets in "
             "its text; exports name its column \"Customer contact [row text]\", so it cannot be "
             "matched by its text");
    CHECK(limits[2].kind == Limitation::Kind::same_text);
    CHECK(limits[2].loc.line == 62);
    CHECK(limits[2].message
          == "on google-forms, question 'metrics-reviewed' has the same text as 'metrics-bonus': "
             "exports name columns by question text, so the two cannot be told apart");
    CHECK(summarize_limitations(limits, Target::google_forms)
          == std::vector<std::string>{
            "google-forms grid rows have no help text: the help texts of the questions in 1 grid "
            "are shown in the grid's description",
            "google-forms exports name columns by question text: 1 question has the text of an "
            "earlier question and cannot be told apart from it",
            "google-forms exports name grid rows \"title [row]\": 1 grid row has square brackets "
            "in its text and cannot be matched by it"});
  }
  SECTION("platforms with ids in their exports: only the grid help texts")
  {
    for (const auto target : {Target::qualtrics, Target::limesurvey, Target::surveyjs}) {
      const auto limits = limitations(bank, target);
      REQUIRE(limits.size() == 1);
      CHECK(limits[0].kind == Limitation::Kind::grid_help);
      CHECK(limits[0].message.starts_with("on " + std::string(target_name(target)) + ", "));
    }
  }
  SECTION("html shows everything")
  {
    CHECK(limitations(bank, Target::html).empty());
    CHECK(summarize_limitations({}, Target::html).empty());
  }
}

TEST_CASE("publish::limitations, special options of a range entered as a number")
{
  // data-share: a 0-100 slider with "Not applicable"; return's 0-10 range
  // with "Don't know" is a choice, where the option has its place.
  for (const auto target :
       {Target::qualtrics, Target::limesurvey, Target::surveyjs, Target::google_forms}) {
    const auto limits = limitations(range_bank(), target);
    REQUIRE(limits.size() == 1);
    CHECK(limits[0].kind == Limitation::Kind::range_special);
    CHECK(limits[0].loc.line == 47);
    CHECK(limits[0].message
          == fmt::format("on {}, question 'data-share' is entered as a number from 0 to 100, "
                         "which leaves no place for the option 'Not applicable' of scale "
                         "'percent': respondents leave the question blank instead",
                         target_name(target)));
    CHECK(summarize_limitations(limits, target)
          == std::vector<std::string>{fmt::format(
            "{} enters a range of more than 11 points as a number: 1 special option (not "
            "applicable, don't know) cannot be offered beside it",
            target_name(target))});
  }
  CHECK(limitations(range_bank(), Target::html).empty());
}

TEST_CASE("publish::publish, one writer per target")
{
  const auto& bank = publish_bank();
  CHECK(publish::publish(bank, Target::qualtrics, {}).starts_with("{\n  \"SurveyEntry\""));
  CHECK(publish::publish(bank, Target::limesurvey, {})
          .starts_with("\xEF\xBB\xBF"
                       "class\t"));
  CHECK(publish::publish(bank, Target::surveyjs, {}).starts_with("{\n  \"title\""));
  CHECK(publish::publish(bank, Target::google_forms, {}).starts_with("// Creates"));
  CHECK(publish::publish(bank, Target::html, {}).starts_with("<!DOCTYPE html>"));
}
