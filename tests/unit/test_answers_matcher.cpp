#include "test_score_bank.hpp"

#include <centricity/answers/matcher.hpp>

#include <catch2/catch.hpp>

using centricity::answers::OptionMatcher;

TEST_CASE("answers::OptionMatcher, labels and aliases")
{
  const auto scale = centricity::test::agree_scale();
  const OptionMatcher matcher(scale);

  SECTION("labels compare folded")
  {
    CHECK(matcher.match_text("Strongly agree").option == 4u);
    CHECK(matcher.match_text("  strongly   AGREE ").option == 4u);
    CHECK(matcher.match_text("Neither agree nor disagree").option == 2u);
    CHECK(matcher.match_text("sa").option == 4u);
  }
  SECTION("special options")
  {
    CHECK(matcher.match_text("N/A").option == 5u);
    CHECK(matcher.match_text("not applicable").option == 5u);
    CHECK(matcher.match_text("DK").option == 6u);
  }
  SECTION("numbered forms agree with the value or the position")
  {
    CHECK(matcher.match_text("5 - Strongly agree").option == 4u);
    CHECK(matcher.match_text("5. Strongly agree").option == 4u);
    CHECK(matcher.match_text("5) strongly agree").option == 4u);
    CHECK(matcher.match_text("4 \xE2\x80\x93 Agree").option == 3u);
    CHECK(matcher.match_text("Agree (4)").option == 3u);
    CHECK(matcher.match_text("2 = Disagree").option == 1u);
  }
  SECTION("a numbered form whose number disagrees is refused")
  {
    const auto match = matcher.match_text("3 - Strongly agree");
    CHECK_FALSE(match.option);
    CHECK(match.error == "'3 - Strongly agree' matches no option of scale 'agree'");
  }
  SECTION("numbers as text")
  {
    CHECK(matcher.match_text("4").option == 3u);
    CHECK(matcher.match_text("7").error
          == "value 7 is not on scale 'agree' (values: 1, 2, 3, 4, 5)");
  }
  SECTION("unknown labels suggest the closest option")
  {
    CHECK(matcher.match_text("Strongly agre").error
          == "'Strongly agre' matches no option of scale 'agree', did you mean 'Strongly agree'?");
    CHECK(matcher.match_text("Maybe").error == "'Maybe' matches no option of scale 'agree'");
  }
  SECTION("values")
  {
    CHECK(matcher.match_value(1).option == 0u);
    CHECK(matcher.match_value(5.0000000000001).option == 4u);
    CHECK(matcher.match_value(2.5).error
          == "value 2.5 is not on scale 'agree' (values: 1, 2, 3, 4, 5)");
  }
}
