#pragma once

// The leadership report as one self-contained HTML page: the markdown report
// converted by md4c, the SVG charts inline beside their text equivalents, and
// inline CSS for screen and print. The page makes no network requests.

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace centricity::report {

// Renders `result` (and the movement since `previous`, when given) as an HTML
// document into `out`. The output is well-formed XML (XHTML syntax) so it can
// be checked and post-processed with any XML tool.
void render_html(const nlohmann::ordered_json& result, std::ostream& out,
                 const nlohmann::ordered_json* previous = nullptr);

// Like render_html, but the report's text is `markdown` (e.g. from a custom
// template) instead of the built-in markdown report; `previous` adds the
// movement chart.
void render_html_from_markdown(const nlohmann::ordered_json& result, const std::string& markdown,
                               std::ostream& out, const nlohmann::ordered_json* previous = nullptr);

// `markdown` converted to an HTML fragment by md4c (tables on, raw HTML
// rendered as text). Throws centricity::Error if md4c fails.
[[nodiscard]] std::string markdown_to_html(const std::string& markdown);

} // namespace centricity::report
