#pragma once

// SVG charts of a Result, drawn by the project: the dimension profile against
// the target, each ladder with its current and target stage, the spread of
// individual stages per ladder and the groups side by side. Every chart has a
// <title> and a plain-text equivalent; colours come from the Okabe–Ito
// palette, which stays distinguishable under the common colour-vision
// deficiencies.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace centricity::report {

// One chart: `id` is a file stem safe on every file system ("profile",
// "ladder-maturity"), `title` plain text, `svg` a complete standalone SVG
// document, `text` the chart's content as plain-text lines (its text
// equivalent, one line per bar or stage).
struct Chart {
  std::string id;
  std::string title;
  std::string svg;
  std::vector<std::string> text;
};

// Every chart for `result`, in report order: the profile, the movement since
// `previous` (when given), then per ladder its stages and (with more than one
// respondent) the distribution of individual stages, then one chart per
// group-by field.
[[nodiscard]] std::vector<Chart> build_charts(const nlohmann::ordered_json& result,
                                              const nlohmann::ordered_json* previous = nullptr);

// `text` escaped for XML character data and attribute values (& < > " '),
// with control characters XML 1.0 forbids dropped.
[[nodiscard]] std::string xml_escape(std::string_view text);

// Writes each chart of `charts` to `dir`/<id>.svg, creating `dir`. Throws
// centricity::Error (ExitCode::output) when a file cannot be written.
void write_charts(const std::vector<Chart>& charts, const std::string& dir);

// A markdown section "## Charts" linking each chart as an image under
// `link_dir` (a path relative to the markdown file, or absolute).
void render_chart_links(const std::vector<Chart>& charts, const std::string& link_dir,
                        std::ostream& out);

// The folder `charts_dir` as a markdown file written to `output` should link
// it: relative to the folder of `output` ("-" and relative paths: as given).
[[nodiscard]] std::string chart_link_dir(const std::string& charts_dir, const std::string& output);

} // namespace centricity::report
