#pragma once

// Rendering a Result: one entry point, one renderer per format. Renderers
// read only the Result (and, for movement, a previous Result); they never
// re-score.

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace centricity::report {

enum class Format { markdown, json, html };

// The format named `name` ("md", "markdown", "json", "html"). Throws
// centricity::Error (ExitCode::usage) for anything else.
[[nodiscard]] Format parse_format(const std::string& name);
// The format for an output path by its extension (".md", ".markdown",
// ".json", ".html", ".htm"), or nullopt when the extension says nothing.
[[nodiscard]] std::optional<Format> format_for_path(const std::string& path);

// Renders `result` as `format` into `out`. `previous`, when given, is the
// Result of the last assessment, for "movement since last time".
void render(const nlohmann::ordered_json& result, Format format, std::ostream& out,
            const nlohmann::ordered_json* previous = nullptr);

// Every section of the leadership report, each with its `## ` heading, in
// the order the bundled template (templates/report.md.mustache) arranges
// them by default; templates pick them up as `sections.*`.
void render_report_sections(const nlohmann::ordered_json& result, std::ostream& out,
                            const nlohmann::ordered_json* previous = nullptr);

// The leadership report in markdown: the bundled template rendered over
// render_report_sections(), so the template is the one place the built-in
// report is arranged: the summary (headline, lenses, first steps, findings,
// movement), the roadmap, each lens in detail, beliefs and findings, groups,
// the dimension profile, data quality, method and sources. Every text from a
// bank or answers file is escaped.
void render_markdown(const nlohmann::ordered_json& result, std::ostream& out,
                     const nlohmann::ordered_json* previous = nullptr);

// A short plain-text summary for the terminal (`score` without -o).
void render_summary(const nlohmann::ordered_json& result, std::ostream& out);

// The verdict paragraph of the report, generated from the findings.
[[nodiscard]] std::string verdict(const nlohmann::ordered_json& result);

// A bar of `width` cells for a 0-100 `score`, in eighths of a cell
// ("█████▍░░░░"); empty cells are light shade so the scale stays visible.
[[nodiscard]] std::string text_bar(double score, std::size_t width);

} // namespace centricity::report
