#include "test_score_bank.hpp"

#include <centricity/answers/matcher.hpp>
#include <centricity/bank/loader.hpp>

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

TEST_CASE("answers::OptionMatcher, labels as platforms decorate them")
{
  const auto scale = centricity::test::agree_scale();
  const OptionMatcher matcher(scale);

  SECTION("a number in front, in any bracket or before any separator")
  {
    CHECK(matcher.match_text("(4) Agree.").option == 3u);
    CHECK(matcher.match_text("[5] Strongly agree").option == 4u);
    CHECK(matcher.match_text("{2} Disagree").option == 1u);
    CHECK(matcher.match_text("<3> Neutral").option == 2u);
    CHECK(matcher.match_text("4: Agree").option == 3u);
    CHECK(matcher.match_text("4 | Agree").option == 3u);
    CHECK(matcher.match_text("4 Agree").option == 3u);
  }
  SECTION("a number behind, in any bracket or after any separator")
  {
    CHECK(matcher.match_text("Agree [4]").option == 3u);
    CHECK(matcher.match_text("Agree - 4").option == 3u);
    CHECK(matcher.match_text("Agree: 4").option == 3u);
    CHECK(matcher.match_text("Agree. (4)").option == 3u);
  }
  SECTION("special options by their position among all options")
  {
    CHECK(matcher.match_text("Not applicable (6)").option == 5u);
    CHECK(matcher.match_text("(7) Don't know.").option == 6u);
    CHECK_FALSE(matcher.match_text("Not applicable (5)").option);
  }
  SECTION("trailing punctuation, Unicode spaces, dashes and quotes fold")
  {
    CHECK(matcher.match_text("(1)\u00a0Strongly disagree.").option == 0u);
    CHECK(matcher
            .match_text("(1)\xC2\xA0Strongly\xE2\x80\xAF"
                        "disagree.")
            .option
          == 0u);
    CHECK(matcher.match_text("1 \xE2\x80\x94 Strongly disagree").option == 0u);
    CHECK(matcher.match_text("Don\xE2\x80\x99t know!").option == 6u);
    CHECK(matcher.match_text("Agree\xE2\x80\xA6").option == 3u);
    CHECK(matcher
            .match_text("\xE2\x80\x8B"
                        "Agree")
            .option
          == 3u);
  }
  SECTION("a number that is neither value nor position is refused")
  {
    CHECK(matcher.match_text("(9) Agree").error
          == "'(9) Agree' matches no option of scale 'agree'");
  }
  SECTION("LimeSurvey answer codes only with codes")
  {
    CHECK(matcher.match_text("A4", true).option == 3u);
    CHECK(matcher.match_text("AO05", true).option == 4u);
    CHECK(matcher.match_text("Agree (A4)", true).option == 3u);
    CHECK(matcher.match_text("A6", true).option == 5u);
    CHECK_FALSE(matcher.match_text("A4").option);
    CHECK_FALSE(matcher.match_text("A9", true).option);
  }
  SECTION("messages show invisible characters escaped")
  {
    CHECK(matcher.match_text("(1)\xC2\xA0Trivial.").error
          == "'(1)\\u00a0Trivial.' matches no option of scale 'agree'");
    CHECK(matcher.match_text("Maybe\xE2\x80\x8B").error
          == "'Maybe\\u200b' matches no option of scale 'agree'");
  }
}

TEST_CASE("answers::OptionMatcher, range scales")
{
  const auto bank = centricity::bank::load_valid_bank(CENTRICITY_TEST_DATA "/ranges/ranges.yaml");
  const OptionMatcher nps(*bank.find_scale("nps"));
  const OptionMatcher percent(*bank.find_scale("percent"));
  const OptionMatcher balance(*bank.find_scale("balance"));

  SECTION("numbers as platforms write them: the number is the value, never a position")
  {
    CHECK(nps.match_text("0").option == 0u);
    CHECK(nps.match_text("7").option == 7u);
    CHECK(nps.match_text("10").option == 10u);
    CHECK(percent.match_text("55").option == 55u);
    CHECK(percent.match_text("55.0").option == 55u);
    CHECK(percent.match_text("55.0000000000").option == 55u);
    CHECK(percent.match_text(" 100 ").option == 100u);
    CHECK(balance.match_text("-20").option == 6u);
    CHECK(balance
            .match_text("\xE2\x88\x92"
                        "20")
            .option
          == 6u); // U+2212 minus sign
    CHECK(balance.match_text("+25").option == 15u);
  }
  SECTION("anchor text beside the number")
  {
    CHECK(nps.match_text("10 - Extremely likely").option == 10u);
    CHECK(nps.match_text("0 (Not at all likely)").option == 0u);
    CHECK(nps.match_text("Not at all likely 0").option == 0u);
    CHECK(nps.match_text("7 - Likely").option == 7u);
    CHECK(nps.match_text("11 - Extremely likely").error
          == "'11 - Extremely likely' matches no option of scale 'nps'");
  }
  SECTION("special options by label and alias")
  {
    CHECK(percent.match_text("Not applicable").option == 101u);
    CHECK(percent.match_text("n/a").option == 101u);
  }
  SECTION("numbers off the range or its step")
  {
    CHECK(percent.match_text("101").error
          == "value 101 is not on scale 'percent' (a number from 0 to 100)");
    CHECK(percent.match_text("55.5").error
          == "value 55.5 is not on scale 'percent' (a number from 0 to 100)");
    CHECK(balance.match_text("-22").error
          == "value -22 is not on scale 'balance' (a number from -50 to 50 in steps of 5)");
    CHECK(nps.match_text("seven").error == "'seven' matches no option of scale 'nps'");
  }
}
