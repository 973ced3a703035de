#include <centricity/report/charts.hpp>
#include <centricity/report/html.hpp>
#include <centricity/report/render.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <md4c-html.h>

#include <sstream>

namespace centricity::report {

namespace {

using Json = nlohmann::ordered_json;

// Print (the @media print block): A4, one page break (before the detail),
// headings kept with what follows, long tables split between rows with their
// header repeated, charts whole.
constexpr const char* k_css = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.45;
  color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; border-bottom: 3px solid #0072B2; padding-bottom: .3rem; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .92rem; }
th, td { border: 1px solid #ccc; padding: .25rem .55rem; vertical-align: top; }
th { background: #f2f2f2; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
td code { color: #0072B2; }
figure.chart { margin: 1.2rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { font-size: .9rem; color: #333; }
figure.chart figcaption ul { margin: .3rem 0; }
@media print {
  /* A4 unless the person printing picks another size. */
  @page { size: A4; margin: 15mm 14mm 16mm; }
  body { margin: 0; max-width: none; font-size: 9.5pt; line-height: 1.3; }
  h1 { font-size: 1.45rem; margin: 0 0 .6rem; }
  h2 { margin: 1.2rem 0 .5rem; }
  h3 { margin: 1rem 0 .4rem; }
  /* One page break, before the detail: the first screen and the charts
     flow on from page one, the ladders in detail start a page, and
     nothing else forces one. */
  section.charts + h2 { break-before: page; margin-top: 0; }
  /* No heading alone at the foot of a page: it goes with what follows, as
     does a sentence that introduces a table or a chart. */
  h1, h2, h3, h4 { break-after: avoid; break-inside: avoid; }
  p:has(+ table), p:has(+ figure) { break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  /* Long tables split between rows, their header repeated on each page. */
  table { break-inside: auto; width: 100%; }
  tr, td, th { break-inside: avoid; }
  thead { display: table-header-group; }
  /* A chart stays whole and with its caption's heading; the text list
     under it may run on. */
  figure { break-inside: auto; }
  figure svg, pre { break-inside: avoid; }
  figure.chart svg { max-height: 110mm; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
)";

void collect(const MD_CHAR* text, MD_SIZE size, void* user)
{
  static_cast<std::string*>(user)->append(text, size);
}

std::string charts_section(const Json& result, const Json* previous)
{
  std::string out = "<section class=\"charts\">\n<h2>Charts</h2>\n";
  for (const auto& chart : build_charts(result, previous)) {
    out += fmt::format("<figure class=\"chart\" id=\"chart-{}\">\n{}<figcaption><strong>{}"
                       "</strong> (as text):\n<ul>\n",
                       chart.id, chart.svg, xml_escape(chart.title));
    for (const auto& line : chart.text) {
      out += fmt::format("<li>{}</li>\n", xml_escape(line));
    }
    out += "</ul>\n</figcaption>\n</figure>\n";
  }
  return out + "</section>\n";
}

} // namespace

std::string markdown_to_html(const std::string& markdown)
{
  std::string html;
  // No raw HTML: whatever slipped through as markup stays text. No autolinks,
  // so a URL in a bank title is not turned into a link by us.
  const int status = md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), collect, &html,
                             MD_FLAG_TABLES | MD_FLAG_NOHTML, MD_HTML_FLAG_XHTML);
  if (status != 0) {
    throw Error("the markdown report could not be converted to HTML");
  }
  return html;
}

void render_html(const Json& result, std::ostream& out, const Json* previous)
{
  std::ostringstream markdown;
  render_markdown(result, markdown, previous);
  render_html_from_markdown(result, markdown.str(), out, previous);
}

void render_html_from_markdown(const Json& result, const std::string& markdown, std::ostream& out,
                               const Json* previous)
{
  std::string body = markdown_to_html(markdown);
  // The charts go right after the first screen: leaders look before they read.
  const std::string anchor = "<h2>The lenses in detail</h2>";
  const auto at = body.find(anchor);
  const std::string charts = charts_section(result, previous);
  if (at == std::string::npos) {
    body += charts;
  } else {
    body.insert(at, charts);
  }
  const std::string title =
    "Customer-centricity report: " + result.at("bank").value("title", std::string());
  out << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
         "<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
         // Nothing may be fetched: the page must work offline and leak nothing.
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\"/>\n"
      << fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", xml_escape(title),
                     k_css)
      << body << "</body>\n</html>\n";
}

} // namespace centricity::report
