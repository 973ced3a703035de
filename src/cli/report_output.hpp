#pragma once

// Writing a rendered report, shared by `score` and `report`: the built-in
// renderer or a Mustache template, HTML around either, the SVG charts, and
// the atomic write of the result.

#include <centricity/report/render.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace centricity::cli {

struct ReportOutput {
  std::string output;        // file to write; "" or "-" for standard output
  std::string template_file; // --template, or ""
  std::string charts;        // --charts folder, or ""
};

// The one rule for output formats, shared by every command: the format `to`
// (--to) names, else the one the extension of `output` (-o) implies, else
// `fallback` when `output` is "" or "-" (standard output). Throws
// centricity::Error (ExitCode::usage) for a name or an extension that is not
// a format, and for a format `command` cannot write (not in `can_write`).
[[nodiscard]] report::Format choose_format(const std::string& command, const std::string& to,
                                           const std::string& output,
                                           const std::vector<report::Format>& can_write,
                                           report::Format fallback);

// The name --to takes for `format`: "md", "html", "json".
[[nodiscard]] const char* format_name(report::Format format);

// Renders `result` (with `previous`, the earlier Result, or nullptr) as
// `format` and writes it, plus the chart files when asked. Throws
// centricity::Error as the renderers and the writer do.
void write_report(const nlohmann::ordered_json& result, const nlohmann::ordered_json* previous,
                  report::Format format, const ReportOutput& options);

} // namespace centricity::cli
