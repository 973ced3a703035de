#include "test_assess_bank.hpp"

#include <centricity/assess/terminal.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using assess::KeyKind;

namespace {

// The kinds of the keys in `bytes`, with "?" where more bytes are needed.
std::vector<KeyKind> keys(std::string_view bytes)
{
  std::vector<KeyKind> out;
  while (!bytes.empty()) {
    std::size_t used = 0;
    const auto key = assess::decode_key(bytes, used);
    if (!key) {
      break;
    }
    out.push_back(key->kind);
    bytes.remove_prefix(used);
  }
  return out;
}

} // namespace

TEST_CASE("assess::decode_key")
{
  using K = KeyKind;
  SECTION("arrows in normal and application mode, with modifiers")
  {
    CHECK(keys("\x1b[A\x1b[B\x1b[C\x1b[D") == std::vector<K>{K::up, K::down, K::right, K::left});
    CHECK(keys("\x1bOA\x1bOD") == std::vector<K>{K::up, K::left});
    CHECK(keys("\x1b[1;5C") == std::vector<K>{K::right});
  }
  SECTION("Enter as CR, LF or CRLF; backspace; Ctrl-D; characters")
  {
    CHECK(keys("\r\n\r\n") == std::vector<K>{K::enter, K::enter});
    CHECK(keys("\r\r\n") == std::vector<K>{K::enter, K::enter});
    CHECK(keys("\x7f\b\x04q")
          == std::vector<K>{K::backspace, K::backspace, K::end_of_input, K::character});
  }
  SECTION("an unfinished escape sequence waits for more")
  {
    std::size_t used = 99;
    CHECK_FALSE(assess::decode_key("\x1b", used).has_value());
    CHECK_FALSE(assess::decode_key("\x1b[", used).has_value());
    CHECK_FALSE(assess::decode_key("\x1b[1;", used).has_value());
    CHECK(used == 0);
  }
  SECTION("unknown sequences are dropped whole")
  {
    std::size_t used = 0;
    const auto key = assess::decode_key("\x1b[3~x", used);
    REQUIRE(key);
    CHECK(key->kind == K::escape);
    CHECK(used == 4);
    CHECK(keys("\x1bx") == std::vector<K>{K::escape, K::character});
  }
}

TEST_CASE("assess::parse_answer_line")
{
  const auto& bank = assess_test::small_bank();
  const bank::Scale& count = *bank.find_scale("count");
  const bank::Scale& agree = *bank.find_scale("agree");
  const auto count_rows = assess::option_rows(count, {});
  const auto agree_rows = assess::option_rows(agree, {});
  std::string error;
  const auto option = [&](std::string_view line, const bank::Scale& scale,
                          const std::vector<assess::OptionRow>& rows) {
    const auto action = assess::parse_answer_line(line, scale, rows, error);
    REQUIRE(action);
    CHECK(action->kind == assess::ActionKind::choose);
    return action->option;
  };
  SECTION("a number is the option's number on screen, not its value")
  {
    CHECK(option("1", count, count_rows) == 0); // "Not once", value 0
    CHECK(option(" 4 ", count, count_rows) == 3);
    CHECK(option("5", agree, agree_rows) == 4);
  }
  SECTION("labels and aliases, the special options included")
  {
    CHECK(option("2-3 times", count, count_rows) == 2);
    CHECK(option("neutral", agree, agree_rows) == 2);
    CHECK(option("N/A", agree, agree_rows) == 5);
    CHECK(option("Don't know", count, count_rows) == 4);
  }
  SECTION("an empty line skips")
  {
    const auto action = assess::parse_answer_line("  ", agree, agree_rows, error);
    REQUIRE(action);
    CHECK(action->kind == assess::ActionKind::skip);
  }
  SECTION("errors")
  {
    CHECK_FALSE(assess::parse_answer_line("6", agree, agree_rows, error));
    CHECK(error == "there is no option 6: the options are numbered 1 to 5");
    CHECK_FALSE(assess::parse_answer_line("N/A", count, count_rows, error));
    CHECK(error.find("N/A") != std::string::npos);
  }
}

TEST_CASE("assess::option_rows")
{
  const auto& bank = assess_test::small_bank();
  const auto rows =
    assess::option_rows(*bank.find_scale("agree"), {answers::AnswerKind::not_applicable, 5});
  REQUIRE(rows.size() == 7);
  CHECK(rows[0].key == "1");
  CHECK(rows[4].key == "5");
  CHECK(rows[5].key == "n");
  CHECK(rows[5].current);
  CHECK(rows[6].key == "d");
  CHECK_FALSE(rows[0].current);
}

TEST_CASE("assess::parse_answer_line and typed_option, range scales")
{
  const auto bank = bank::load_valid_bank(CENTRICITY_TEST_DATA "/ranges/ranges.yaml");
  const bank::Scale& percent = *bank.find_scale("percent");
  const bank::Scale& balance = *bank.find_scale("balance");
  const auto rows = assess::option_rows(percent, {});
  std::string error;
  SECTION("the number typed is the answer, not a position")
  {
    const auto action = assess::parse_answer_line("55", percent, rows, error);
    REQUIRE(action);
    CHECK(action->kind == assess::ActionKind::choose);
    CHECK(action->option == 55);
    CHECK(assess::parse_answer_line("0", percent, rows, error)->option == 0);
    CHECK(assess::parse_answer_line("100.0", percent, rows, error)->option == 100);
    CHECK(assess::typed_option(balance, "-20", error) == 6u);
  }
  SECTION("the special options by label, anchor text as in answers files")
  {
    CHECK(assess::parse_answer_line("n/a", percent, rows, error)->option == 101);
    CHECK(assess::parse_answer_line("100 - all of them", percent, rows, error)->option == 100);
    CHECK_FALSE(assess::parse_answer_line("most", percent, rows, error));
    CHECK(error == "'most' matches no option of scale 'percent'");
  }
  SECTION("numbers off the range or its step")
  {
    CHECK_FALSE(assess::parse_answer_line("101", percent, rows, error));
    CHECK(error == "101 is not a number from 0 to 100");
    CHECK_FALSE(assess::typed_option(balance, "-22", error));
    CHECK(error == "-22 is not a number from -50 to 50 in steps of 5");
    CHECK_FALSE(assess::typed_option(balance, "-", error));
    CHECK(error == "'-' is not a number from -50 to 50 in steps of 5");
  }
  SECTION("only the special options are rows")
  {
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].key == "n");
    CHECK(rows[0].option == 101);
  }
}
