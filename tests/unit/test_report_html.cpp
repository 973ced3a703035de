#include <centricity/report/charts.hpp>
#include <centricity/report/html.hpp>
#include <centricity/report/render.hpp>
#include <centricity/report/result_file.hpp>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <sstream>
#include <string>

using namespace centricity;
using Json = nlohmann::ordered_json;

namespace {

// A Result with five respondents in three role groups, two of them with
// enough answers to compare.
Json sample_result()
{
  return report::load_result(CENTRICITY_TEST_DATA "/score/result-after.json");
}

std::string html(const Json& result)
{
  std::ostringstream out;
  report::render(result, report::Format::html, out);
  return out.str();
}

std::string markdown(const Json& result)
{
  std::ostringstream out;
  report::render(result, report::Format::markdown, out);
  return out.str();
}

void parse_xml(pugi::xml_document& document, const std::string& text)
{
  const auto parsed = document.load_string(text.c_str(), pugi::parse_default | pugi::parse_doctype);
  INFO(parsed.description() << " at byte " << parsed.offset);
  REQUIRE(parsed);
}

std::size_t count_elements(const pugi::xml_node& root, const char* name)
{
  std::size_t n = 0;
  for (const auto& node :
       root.select_nodes((std::string(".//*[local-name()='") + name + "']").c_str())) {
    (void)node;
    ++n;
  }
  return n;
}

// Every attribute of every element: none may be an event handler and no link
// may lead anywhere.
void require_inert(const pugi::xml_node& root)
{
  CHECK(count_elements(root, "script") == 0);
  CHECK(count_elements(root, "a") == 0);
  CHECK(count_elements(root, "img") == 0);
  CHECK(count_elements(root, "b") == 0);
  for (const auto& found : root.select_nodes(".//*")) {
    for (const auto& attribute : found.node().attributes()) {
      const std::string name = attribute.name();
      INFO(found.node().name() << " @" << name);
      CHECK(name.rfind("on", 0) != 0);
      CHECK(name != "href");
      CHECK(name != "src");
    }
  }
}

// A "{{" that is not backslash-escaped, which a template engine downstream
// could read as a tag.
bool has_bare_braces(const std::string& text)
{
  for (auto at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 1)) {
    if (at == 0 || text[at - 1] != '\\') {
      return true;
    }
  }
  return false;
}

const char* const k_evil = "<script>alert(1)</script> [click](http://evil.example) "
                           "&amp; &lt;b&gt; <b>bold</b> {{bank.title}} \"q\" 'a' ";

// `result` with the hostile text prepended to every text that came from a
// bank, an answers file or an export.
void poison(Json& node)
{
  if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      if (value.is_string()
          && (key == "title" || key == "text" || key == "description" || key == "value"
              || key == "field" || key == "version")) {
        value = std::string(k_evil) + value.get<std::string>();
      } else {
        poison(value);
      }
    }
  } else if (node.is_array()) {
    for (auto& item : node) {
      poison(item);
    }
  }
}

} // namespace

TEST_CASE("report::render_html, structure")
{
  const Json result = sample_result();
  const std::string text = html(result);
  pugi::xml_document document;
  parse_xml(document, text);

  SECTION("one self-contained page")
  {
    CHECK(text.rfind("<!DOCTYPE html>\n", 0) == 0);
    // Nothing to fetch: the only URLs are the XHTML and SVG namespace names.
    for (const char* fetch : {"src=", "href=", "url(", "@import", "https://"}) {
      INFO(fetch);
      CHECK(text.find(fetch) == std::string::npos);
    }
    CHECK(count_elements(document, "link") == 0);
    CHECK(count_elements(document, "style") == 1);
    CHECK(text.find("@media print") != std::string::npos);
    CHECK(text.find("<h1>Customer-centricity report: Test bank</h1>") != std::string::npos);
  }

  SECTION("the markdown report's sections are all there")
  {
    for (const char* heading :
         {"Summary", "Roadmap", "The lenses in detail", "Beliefs, practice and findings",
          "Who says what", "Dimension profile", "Data quality", "Method and statistics"}) {
      INFO(heading);
      CHECK(text.find(std::string("<h2>") + heading + "</h2>") != std::string::npos);
    }
    CHECK(count_elements(document, "table") >= 5);
  }

  SECTION("every chart is inline, with a title and a text equivalent")
  {
    const auto charts = report::build_charts(result);
    // Profile; the ladder and its distribution; the role groups.
    REQUIRE(charts.size() == 4);
    CHECK(charts[0].id == "profile");
    CHECK(charts[1].id == "ladder-maturity");
    CHECK(charts[2].id == "distribution-maturity");
    CHECK(charts[3].id == "groups-1");
    CHECK(count_elements(document, "svg") == charts.size());
    for (const auto& chart : charts) {
      INFO(chart.id);
      const auto figure =
        document.select_node(("//*[local-name()='figure'][@id='chart-" + chart.id + "']").c_str());
      REQUIRE(figure);
      CHECK(count_elements(figure.node(), "title") == 1);
      CHECK(count_elements(figure.node(), "li") == chart.text.size());
      CHECK_FALSE(chart.text.empty());
    }
  }
}

TEST_CASE("report::build_charts, well-formed SVG")
{
  const Json result = sample_result();
  for (const auto& chart : report::build_charts(result)) {
    INFO(chart.id);
    pugi::xml_document document;
    parse_xml(document, chart.svg);
    const auto svg = document.document_element();
    CHECK(std::string(svg.name()) == "svg");
    CHECK(std::string(svg.attribute("xmlns").value()) == "http://www.w3.org/2000/svg");
    CHECK(std::string(svg.child("title").text().get()) == chart.title);
  }

  SECTION("the profile marks the target and the text says so")
  {
    const auto profile = report::build_charts(result).front();
    REQUIRE(profile.text.size() == 3);
    CHECK(profile.text[0] == "Direct contact: 48.8 (target requires 60)");
  }

  SECTION("the ladder marks the current stage and the target")
  {
    const auto ladder = report::build_charts(result)[1];
    CHECK(
      ladder.text
      == std::vector<std::string>{"3 · Leading: not reached", "2 · Measured: not reached (target)",
                                  "1 · Engaged: not reached", "0 · Starting point: current stage"});
  }
}

TEST_CASE("report::build_charts, movement since the previous Result")
{
  const Json after = sample_result();
  const Json before = report::load_result(CENTRICITY_TEST_DATA "/score/result-before.json");
  const auto charts = report::build_charts(after, &before);
  REQUIRE(charts.size() == 5);
  CHECK(charts[1].id == "movement");
  CHECK(charts[1].text
        == std::vector<std::string>{"Direct contact: 18.8 → 48.8 (+30.0)",
                                    "Customer metrics: 100.0 → 66.7 (-33.3)",
                                    "Culture: 75.0 → 62.5 (-12.5)"});
  pugi::xml_document document;
  parse_xml(document, charts[1].svg);
  CHECK(count_elements(document, "circle") == 2 + 2 * 3);

  SECTION("inline in the HTML")
  {
    std::ostringstream out;
    report::render(after, report::Format::html, out, &before);
    pugi::xml_document page;
    parse_xml(page, out.str());
    CHECK(page.select_node("//*[local-name()='figure'][@id='chart-movement']"));
  }
}

TEST_CASE("report, escaping of hostile text in every format")
{
  Json result = sample_result();
  poison(result);

  SECTION("HTML")
  {
    const std::string text = html(result);
    pugi::xml_document document;
    parse_xml(document, text);
    require_inert(document);
    // The words are still there, as text.
    CHECK(text.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(text.find("{{bank.title}}") != std::string::npos);
  }

  SECTION("SVG")
  {
    Json previous = sample_result();
    poison(previous);
    for (const auto& chart : report::build_charts(result, &previous)) {
      INFO(chart.id);
      pugi::xml_document document;
      parse_xml(document, chart.svg);
      require_inert(document);
    }
  }

  SECTION("markdown")
  {
    const std::string text = markdown(result);
    CHECK(text.find("<script>") == std::string::npos);
    CHECK(text.find("<b>") == std::string::npos);
    CHECK(text.find("[click](") == std::string::npos);
    CHECK_FALSE(has_bare_braces(text));
    CHECK(text.find(" &amp; ") == std::string::npos);
    // Converted by md4c, nothing becomes markup either.
    pugi::xml_document document;
    parse_xml(document, "<body>" + report::markdown_to_html(text) + "</body>");
    require_inert(document);
  }

  SECTION("markdown with chart links")
  {
    std::ostringstream out;
    report::render_chart_links(report::build_charts(result), "charts", out);
    const std::string text = out.str();
    CHECK(text.find("<script>") == std::string::npos);
    CHECK_FALSE(has_bare_braces(text));
    CHECK(text.find("](<charts/profile.svg>)") != std::string::npos);
  }
}

TEST_CASE("report::chart_link_dir")
{
  CHECK(report::chart_link_dir("charts", "-") == "charts");
  CHECK(report::chart_link_dir("out/charts", "out/report.md") == "charts");
  CHECK(report::chart_link_dir("charts", "out/report.md") == "../charts");
}
