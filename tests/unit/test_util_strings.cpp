#include <centricity/util/strings.hpp>

#include <catch2/catch.hpp>

using namespace centricity::util;

TEST_CASE("util::fold_label")
{
  CHECK(fold_label("  Strongly   Agree ") == "strongly agree");
  CHECK(fold_label("5 -\tStrongly agree\r\n") == "5 - strongly agree");
  CHECK(fold_label("") == "");
  CHECK(fold_label("Ünïcode KEEPS bytes") == "ünïcode keeps bytes");
  CHECK(fold_label("a\xC2\xA0\xE2\x80\x89 b\xE3\x80\x80") == "a b");
  CHECK(fold_label("N/A \xE2\x80\x93 skip \xE2\x88\x92 1") == "n/a - skip - 1");
  CHECK(fold_label("\xE2\x80\x9C"
                   "Don\xE2\x80\x99t\xE2\x80\x9D")
        == "\"don't\"");
  CHECK(fold_label("soft\xC2\xADhyphen\xEF\xBB\xBF") == "softhyphen");
  CHECK(fold_label("caf\xe9") == "caf\xe9"); // not UTF-8: kept
}

TEST_CASE("util::fold_answer and escape_invisible")
{
  CHECK(fold_answer("N/A - skip, don't know.") == "n/a - skip, don't know");
  CHECK(fold_answer("Agree!?\xE2\x80\xA6 ") == "agree");
  CHECK(fold_answer("...") == "...");
  CHECK(escape_invisible("(1)\xC2\xA0Trivial.") == "(1)\\u00a0Trivial.");
  CHECK(escape_invisible("a\tb\xE2\x80\x8B\xEF\xBB\xBF") == "a\\u0009b\\u200b\\ufeff");
  CHECK(escape_invisible("caf\xe9 \xc3\xa9") == "caf\\xe9 \xc3\xa9");
}

TEST_CASE("util::edit_distance and did_you_mean")
{
  CHECK(edit_distance("kitten", "sitting", 5) == 3);
  CHECK(edit_distance("kitten", "sitting", 2) == 3); // gave up: more than 2
  CHECK(edit_distance("", "abc", 5) == 3);
  CHECK(did_you_mean("wieght", {"weight", "help"}) == ", did you mean 'weight'?");
  CHECK(did_you_mean("zzz", {"weight", "help"}) == "");
  CHECK(did_you_mean("a", {}) == "");
}

TEST_CASE("util::find_invalid_utf8")
{
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK(find_invalid_utf8("caf\xe9") == 3u);          // Latin-1
  CHECK(find_invalid_utf8("ab\xc0\xaf") == 2u);       // overlong '/'
  CHECK(find_invalid_utf8("\xed\xa0\x80") == 0u);     // surrogate
  CHECK(find_invalid_utf8("x\xe2\x82") == 1u);        // truncated
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0u); // above U+10FFFF
}

TEST_CASE("util::display_width")
{
  CHECK(display_width("abc") == 3);
  CHECK(display_width("caf\xc3\xa9") == 4);
  CHECK(display_width("\xe6\x97\xa5\xe6\x9c\xac") == 4); // two CJK characters
  CHECK(display_width("e\xcc\x81") == 1);                // combining accent
  // Beyond the hand-written subset this used to be: emoji outside U+1F300 to
  // U+1F64F, emoji-presentation symbols, combining marks of other scripts.
  CHECK(display_width("\xf0\x9f\x9a\x80") == 2);           // U+1F680 rocket
  CHECK(display_width("\xe2\x8c\x9a") == 2);               // U+231A watch
  CHECK(display_width("\xf0\x9f\xa9\xb7") == 2);           // U+1FA77 pink heart (Unicode 15)
  CHECK(display_width("\xe0\xb8\x81\xe0\xb8\xb1") == 1);   // Thai KO KAI + MAI HAN-AKAT
  CHECK(display_width("\xe2\x9d\xa4") == 1);               // U+2764 heart, text style
  CHECK(display_width("\xe2\x9d\xa4\xef\xb8\x8f") == 2);   // ... with VS16: emoji style
  CHECK(display_width("a\u200Bb") == 2);                   // zero width space
  CHECK(display_width(std::string_view("\xff\x41")) == 2); // an invalid byte, then 'A'
}

TEST_CASE("util::format_number and split")
{
  CHECK(format_number(3) == "3");
  CHECK(format_number(2.5) == "2.5");
  CHECK(format_number(1.0 / 3) == "0.333333");
  CHECK(format_number(-0.25) == "-0.25");
  CHECK(split("a:b::c", ':') == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(split("", ':') == std::vector<std::string>{""});
}

TEST_CASE("util::append_csv_field")
{
  const auto field = [](std::string_view text, char delimiter = ',') {
    std::string out = "|";
    append_csv_field(out, text, delimiter);
    return out;
  };
  CHECK(field("plain") == "|plain");
  CHECK(field("") == "|");
  CHECK(field("a,b") == "|\"a,b\"");
  CHECK(field("a,b", '\t') == "|a,b");
  CHECK(field("a\tb", '\t') == "|\"a\tb\"");
  CHECK(field("say \"hi\"") == "|\"say \"\"hi\"\"\"");
  CHECK(field("two\nlines") == "|\"two\nlines\"");
  CHECK(field("carriage\rreturn") == "|\"carriage\rreturn\"");
  CHECK(field("last,") == "|\"last,\"");
  // What Excel, LibreOffice and Sheets would evaluate becomes text.
  CHECK(field("=1+1") == "|\"'=1+1\"");
  CHECK(field("+44 20") == "|\"'+44 20\"");
  CHECK(field("-2") == "|\"'-2\"");
  CHECK(field("@SUM(A1)") == "|\"'@SUM(A1)\"");
  CHECK(field("\tx") == "|\"'\tx\"");
  CHECK(field("\rx") == "|\"'\rx\"");
  CHECK(field("a=b") == "|a=b");
}

TEST_CASE("util::append_score")
{
  const auto text = [](double score) {
    std::string out;
    append_score(out, score);
    return out;
  };
  CHECK(text(0) == "0");
  CHECK(text(60) == "60");
  CHECK(text(100) == "100");
  CHECK(text(43.75) == "43.75");
  CHECK(text(200.0 / 3) == "66.6666666667");
  CHECK(text(100.0 / 3) == "33.3333333333");
  CHECK(text(59.99999999999999) == "60");
  CHECK(text(0.00000000004) == "0");
  CHECK(text(0.00000000006) == "0.0000000001");
  CHECK(text(-12.5) == "-12.5");
}

TEST_CASE("util::same_text, every length and every differing byte")
{
  // Lengths around each word size the compare switches on, with the two
  // texts differing at each position in turn (and cut from a longer buffer,
  // so a read past the end would see equal bytes and hide nothing).
  const std::string base = "Strongly disagree, or nearly so: forty-odd bytes";
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string a = base.substr(0, n);
    std::string b = a;
    CHECK(same_text(a, b));
    CHECK_FALSE(same_text(a, base.substr(0, n + 1)));
    for (std::size_t i = 0; i < n; ++i) {
      b[i] ^= 0x01;
      INFO("length " << n << ", byte " << i);
      CHECK_FALSE(same_text(a, b));
      b[i] ^= 0x01;
    }
  }
}
