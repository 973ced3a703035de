#include <centricity/util/markdown.hpp>

#include <catch2/catch.hpp>

#include <md4c-html.h>

#include <string>
#include <vector>

using namespace centricity::util;

TEST_CASE("util::md_inline escapes markup")
{
  CHECK(md_inline("plain text, fine.") == "plain text, fine.");
  CHECK(md_inline("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
  CHECK(md_inline("[click](http://x)") == "\\[click\\](http\\://x)");
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

TEST_CASE("util::md_inline keeps URLs, www. names and e-mail addresses from autolinking")
{
  // GFM's extended autolinks: a scheme's ':' and the '.' after "www" are
  // escaped; an e-mail address gets an invisible U+2060 WORD JOINER before
  // its '@' (cmark-gfm, GitHub's renderer, links "bob\\@x.org" too).
  CHECK(md_inline("see http://evil.example/x") == "see http\\://evil.example/x");
  CHECK(md_inline("HTTPS://a.b ftp://c.d") == "HTTPS\\://a.b ftp\\://c.d");
  CHECK(md_inline("www.evil.example") == "www\\.evil.example");
  CHECK(md_inline("bob@evil.example") == "bob\xE2\x81\xA0@evil.example");
  CHECK(md_inline("mailto:bob@x.org xmpp:a@b.c")
        == "mailto\\:bob\xE2\x81\xA0@x.org xmpp\\:a\xE2\x81\xA0@b.c");
  // What is not an address or a link stays as it was.
  CHECK(md_inline("@handle, a @ b, 10:30, e.g. www") == "@handle, a @ b, 10:30, e.g. www");
}

TEST_CASE("util::md_inline and md_text replace control characters")
{
  CHECK(md_inline(std::string("a\0b\x1b[31mc\x7f", 10))
        == "a\xEF\xBF\xBD"
           "b\xEF\xBF\xBD\\[31mc\xEF\xBF\xBD");
  // A bare CR ends a markdown line: it must not start a heading unescaped.
  CHECK(md_text("one\r# two\r\nthree") == "one\n\\# two\nthree");
}

namespace {

void collect(const MD_CHAR* text, MD_SIZE size, void* out)
{
  static_cast<std::string*>(out)->append(text, size);
}

// `markdown` as HTML by md4c with GitHub's dialect (tables, strikethrough,
// and every permissive autolink: URLs, www. names, e-mail addresses).
std::string md4c_github(const std::string& markdown)
{
  std::string html;
  REQUIRE(md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), collect, &html,
                  MD_DIALECT_GITHUB, 0)
          == 0);
  return html;
}

} // namespace

TEST_CASE("util::md_inline, text from data never becomes a link in md4c's GitHub dialect")
{
  const std::vector<std::string> hostile = {
    "http://evil.example/login",  "https://evil.example",      "www.evil.example/path",
    "ftp://evil.example",         "bob@evil.example",          "mailto:bob@evil.example",
    "xmpp:bob@evil.example",      "<https://evil.example>",    "[x](https://evil.example)",
    "![i](https://evil.example)", "[x]: https://evil.example", "WWW.EVIL.EXAMPLE"};
  for (const auto& text : hostile) {
    INFO(text);
    // In a table cell, in a list item and as a paragraph, as the report uses them.
    const std::string markdown = "| a | b |\n|---|---|\n| " + md_inline(text) + " | x |\n\n- "
                                 + md_inline(text) + "\n\n" + md_text(text) + "\n";
    const std::string html = md4c_github(markdown);
    CHECK(html.find("<a ") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
  }
  // Before the change the same input gave links (the check above can fail).
  CHECK(md4c_github("bob@evil.example www.evil.example http://evil.example").find("<a ")
        != std::string::npos);
}
