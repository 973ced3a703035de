#include <centricity/util/markup.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace centricity::util;

TEST_CASE("util::escape_markup, the defaults: & < > and double quotes")
{
  CHECK(escape_markup("Tom & Jerry <b>\"hi\"</b> it's")
        == "Tom &amp; Jerry &lt;b&gt;&quot;hi&quot;&lt;/b&gt; it's");
  CHECK(escape_markup("&amp;") == "&amp;amp;");
  CHECK(escape_markup("two\nlines\tand\rtabs") == "two\nlines\tand\rtabs");
  CHECK(escape_markup("Caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x99\x82")
        == "Caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x99\x82");
  CHECK(escape_markup("") == "");
}

TEST_CASE("util::escape_markup drops the controls XML cannot carry")
{
  const std::string text = std::string("a") + '\0' + "b\x01\x1F\x7F" + "c";
  CHECK(escape_markup(text)
        == "ab\x7F"
           "c");
}

TEST_CASE("util::escape_markup, the options")
{
  CHECK(escape_markup("say \"it's\"",
                      {.quote = false, .apostrophe = false, .newline = {}, .tabs_as_space = false})
        == "say \"it's\"");
  CHECK(escape_markup("say \"it's\"",
                      {.quote = true, .apostrophe = true, .newline = {}, .tabs_as_space = false})
        == "say &quot;it&#39;s&quot;");
  CHECK(
    escape_markup("one\ntwo",
                  {.quote = true, .apostrophe = false, .newline = "<br>", .tabs_as_space = false})
    == "one<br>two");
  CHECK(
    escape_markup("a\tb\r\nc",
                  {.quote = true, .apostrophe = false, .newline = "<br />", .tabs_as_space = true})
    == "a b <br />c");
}
