#pragma once

// Writing a rendered report, shared by `score` and `report`: the built-in
// renderer or a Mustache template, HTML around either, the SVG charts, and
// the atomic write of the result.

#include <centricity/report/render.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace centricity::cli {

struct ReportOutput {
  std::string output;        // file to write; "" or "-" for standard output
  std::string template_file; // --template, or ""
  std::string charts;        // --charts folder, or ""
};

// The format `format` (--to) names, else the one the extension of `output`
// (-o) implies, JSON for "-". Throws centricity::Error (ExitCode::usage)
// when neither tells. Shared by `score` and `merge`.
[[nodiscard]] report::Format output_format(const std::string& format, const std::string& output);

// Renders `result` (with `previous`, the earlier Result, or nullptr) as
// `format` and writes it, plus the chart files when asked. Throws
// centricity::Error as the renderers and the writer do.
void write_report(const nlohmann::ordered_json& result, const nlohmann::ordered_json* previous,
                  report::Format format, const ReportOutput& options);

} // namespace centricity::cli
