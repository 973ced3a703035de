#include <centricity/util/diagnostics.hpp>

#include <catch2/catch.hpp>

using namespace centricity::util;

TEST_CASE("util::format_diagnostic")
{
  SourceMap sources;
  sources.add("f.yaml", "first\n\tsecond: x\r\nthird");
  SECTION("position, severity, quoted line and caret; tabs kept")
  {
    CHECK(format_diagnostic({Severity::error, {"f.yaml", 2, 10}, "bad"}, sources)
          == "f.yaml:2:10: error: bad\n    \tsecond: x\n    \t        ^\n");
  }
  SECTION("warnings and notes")
  {
    CHECK(format_diagnostic({Severity::warning, {"f.yaml", 3, 1}, "hm"})
          == "f.yaml:3:1: warning: hm");
    CHECK(format_diagnostic({Severity::note, {"f.yaml", 0, 0}, "n"}) == "f.yaml: note: n");
    CHECK(format_diagnostic({Severity::error, {"", 0, 0}, "no file"}) == "error: no file");
  }
  SECTION("a line past the end quotes nothing")
  {
    CHECK(format_diagnostic({Severity::error, {"f.yaml", 9, 1}, "eof"}, sources)
          == "f.yaml:9:1: error: eof\n");
  }
  SECTION("multi-byte characters before the column count once")
  {
    sources.add("u.yaml", "k: \xc3\xa9t\xc3\xa9 x");
    CHECK(format_diagnostic({Severity::error, {"u.yaml", 1, 10}, "here"}, sources)
          == "u.yaml:1:10: error: here\n    k: \xc3\xa9t\xc3\xa9 x\n           ^\n");
  }
  SECTION("long lines are cut to a window around the column")
  {
    sources.add("long.yaml", std::string(1000, 'a') + "X" + std::string(1000, 'b'));
    const auto text = format_diagnostic({Severity::error, {"long.yaml", 1, 1001}, "x"}, sources);
    CHECK(text
          == "long.yaml:1:1001: error: x\n    " + std::string(80, 'a') + "X" + std::string(79, 'b')
               + "\n    " + std::string(80, ' ') + "^\n");
  }
}

TEST_CASE("util::Diagnostics counts and sorts")
{
  Diagnostics d;
  d.warning({"b", 1, 1}, "w");
  d.error({"a", 2, 1}, "e2");
  d.error({"a", 1, 5}, "e1");
  CHECK(d.error_count() == 2);
  CHECK(d.warning_count() == 1);
  d.sort();
  CHECK(d.all()[0].message == "e1");
  CHECK(d.all()[1].message == "e2");
  CHECK(d.all()[2].message == "w");
}
