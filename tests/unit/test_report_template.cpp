#include <centricity/report/render.hpp>
#include <centricity/report/result_file.hpp>
#include <centricity/report/template.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace centricity;
using Json = nlohmann::ordered_json;

namespace {

Json load(const char* name)
{
  return report::load_result(std::string(CENTRICITY_TEST_DATA "/score/") + name);
}

std::string built_in(const Json& result, const Json* previous)
{
  std::ostringstream out;
  report::render_markdown(result, out, previous);
  return out.str();
}

const std::string k_default_template = CENTRICITY_SOURCE_DIR "/templates/report.md.mustache";

} // namespace

TEST_CASE("report::render_template, the default template is the built-in report")
{
  const std::string text = report::read_template(k_default_template);
  const Json before = load("result-before.json");
  const Json after = load("result-after.json");

  SECTION("without movement")
  {
    CHECK(report::render_template(text, after, nullptr, "default") == built_in(after, nullptr));
    CHECK(report::render_template(text, before, nullptr, "default") == built_in(before, nullptr));
  }

  SECTION("with movement since the previous Result")
  {
    CHECK(report::render_template(text, after, &before, "default") == built_in(after, &before));
  }

  SECTION("with hostile text in the bank and the groups")
  {
    Json hostile = after;
    hostile["bank"]["title"] = "<script>x</script> {{bank.title}} [a](http://b)";
    hostile["groups"][0]["values"][0]["value"] = "{{#ladders}}&amp;";
    CHECK(report::render_template(text, hostile, nullptr, "default") == built_in(hostile, nullptr));
  }
}

TEST_CASE("report::render_markdown, the bundled template places every section")
{
  // The built-in report is the template rendered: a section the renderer
  // makes but the template leaves out would silently vanish from reports.
  const Json after = load("result-after.json");
  const Json before = load("result-before.json");
  std::ostringstream sections;
  report::render_report_sections(after, sections, &before);
  const std::string report = built_in(after, &before);
  std::size_t count = 0;
  std::istringstream lines(sections.str());
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("## ", 0) == 0) {
      INFO(line);
      CHECK(report.find("\n" + line + "\n") != std::string::npos);
      ++count;
    }
  }
  CHECK(count >= 8); // no "Sources": the test bank cites nothing
  // In the same order and with the same text: nothing added in between.
  CHECK(report == sections.str());
}

TEST_CASE("report::render_template, variables")
{
  const Json result = load("result-after.json");
  CHECK(report::render_template("{{{bank.title}}} ({{respondents}})\n"
                                "{{#ladders}}{{{title}}}: {{{stage.title}}} of {{steps}}"
                                "{{#target}}, target {{{title}}}{{/target}}\n{{/ladders}}"
                                "{{#dimensions}}{{{title}}} {{score}}\n{{/dimensions}}",
                                result, nullptr, "t")
        == "Test bank (5)\nMaturity: Starting point of 3, target Measured\n"
           "Direct contact 48.8\nCustomer metrics 66.7\nCulture 62.5\n");
}

TEST_CASE("report::render_template, error handling")
{
  const Json result = load("result-after.json");
  SECTION("an unclosed section")
  {
    REQUIRE_THROWS_WITH(report::render_template("{{#ladders}}x", result, nullptr, "mine.mustache"),
                        "template 'mine.mustache': Unclosed section \"ladders\" at 0");
  }
  SECTION("sections nested over lists multiply: refused before rendering, not rendered")
  {
    std::string bomb;
    for (int i = 0; i < 14; ++i) {
      bomb += i % 2 == 0 ? "{{#dimensions}}\n" : "{{# dimensions }}{{#ladders}}";
    }
    bomb += "{{report}}";
    for (int i = 0; i < 14; ++i) {
      bomb += i % 2 == 0 ? "{{/ladders}}{{/dimensions}}" : "{{/dimensions}}\n";
    }
    REQUIRE_THROWS_WITH(report::render_template(bomb, result, nullptr, "bomb.mustache"),
                        "template 'bomb.mustache': the report could be larger than 64 MiB "
                        "(sections nested over the ladders or dimensions multiply)");
    // Nesting as deep over the other names repeats nothing: rendered.
    std::string deep;
    for (int i = 0; i < 14; ++i) {
      deep += "{{#bank}}";
    }
    deep += "{{id}}";
    for (int i = 0; i < 14; ++i) {
      deep += "{{/bank}}";
    }
    CHECK(report::render_template(deep, result, nullptr, "deep.mustache") == "test-bank");
    REQUIRE_THROWS_WITH(report::render_template("{{=<% %>=}}<%report%>", result, nullptr, "d"),
                        "template 'd': changing the tag delimiters ({{= =}}) is not supported");
  }
  SECTION("sections nested deeper than 32: refused before kainjow parses them")
  {
    // 5,000 nested sections (120 KB) took 307 MB (kainjow copies each
    // section's text); a few thousand more overflowed the stack.
    std::string deep = "intro\n";
    for (int i = 0; i < 5000; ++i) {
      deep += i % 2 == 0 ? "{{#bank}}" : "{{^ missing}}";
    }
    REQUIRE_THROWS_WITH(report::render_template(deep, result, nullptr, "deep.mustache"),
                        "template 'deep.mustache': line 2: sections nested more than 32 deep (the "
                        "template nesting limit)");
    std::string ok;
    for (int i = 0; i < 32; ++i) {
      ok += "{{#bank}}";
    }
    ok += "{{id}}";
    for (int i = 0; i < 32; ++i) {
      ok += "{{/bank}}";
    }
    CHECK(report::render_template(ok, result, nullptr, "ok.mustache") == "test-bank");
  }
  SECTION("partials never read files: none is registered, so they render nothing")
  {
    CHECK(report::render_template("a{{> /etc/passwd}}b{{>../../secret}}c", result, nullptr, "p")
          == "abc");
  }
  SECTION("a template file over 1 MiB")
  {
    std::filesystem::path big = std::filesystem::temp_directory_path() / "centricity-big.mustache";
    std::ofstream(big, std::ios::binary) << std::string((std::size_t{1} << 20U) + 1, 'x');
    try {
      (void)report::read_template(big.string());
      FAIL("no error");
    } catch (const centricity::Error& e) {
      CHECK(std::string(e.what())
            == "the template '" + big.string()
                 + "' is larger than 1 MiB (the template size limit)");
      CHECK(e.code() == centricity::ExitCode::data); // was usage (2): it is bad input data
    }
    std::ofstream(big, std::ios::binary) << std::string(std::size_t{1} << 20U, 'x');
    CHECK(report::read_template(big.string()).size() == std::size_t{1} << 20U);
    std::filesystem::remove(big);
  }
  SECTION("a missing file")
  {
    REQUIRE_THROWS_WITH(report::read_template("/nonexistent/t.mustache"),
                        "cannot read the template '/nonexistent/t.mustache'");
  }
}
