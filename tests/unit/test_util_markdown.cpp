#include <centricity/util/markdown.hpp>

#include <catch2/catch.hpp>

using namespace centricity::util;

TEST_CASE("util::md_inline escapes markup")
{
  CHECK(md_inline("plain text, fine.") == "plain text, fine.");
  CHECK(md_inline("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
  CHECK(md_inline("[click](http://x)") == "\\[click\\](http://x)");
  CHECK(md_inline("a | b") == "a \\| b");
  CHECK(md_inline("*bold* _it_ `code` ~x~ $5") == "\\*bold\\* \\_it\\_ \\`code\\` \\~x\\~ \\$5");
  CHECK(md_inline("&lt; & &#60;") == "&amp;lt; & &amp;#60;");
  CHECK(md_inline("{{name}}") == "\\{{name}}");
  CHECK(md_inline("two\nlines") == "two lines");
  CHECK(md_inline("version 1.0 - # 2") == "version 1.0 - # 2");
}

TEST_CASE("util::md_text keeps lines, escapes block starts")
{
  CHECK(md_text("First line\n# second\n    indented\n\nlast\n")
        == "First line\n\\# second\nindented\n\nlast");
  CHECK(md_text("> quote") == "\\> quote");
  CHECK(md_text("2) item") == "2\\) item");
}
