#include "report_output.hpp"

#include <centricity/report/charts.hpp>
#include <centricity/report/html.hpp>
#include <centricity/report/template.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>

namespace centricity::cli {

namespace fs = std::filesystem;

namespace {

std::optional<report::Format> format_named(const std::string& name)
{
  if (name == "md" || name == "markdown") {
    return report::Format::markdown;
  }
  if (name == "html") {
    return report::Format::html;
  }
  if (name == "json") {
    return report::Format::json;
  }
  return std::nullopt;
}

std::optional<report::Format> format_of_extension(const std::string& path)
{
  const std::string ext = util::to_lower(fs::path(path).extension().string());
  if (ext == ".md" || ext == ".markdown") {
    return report::Format::markdown;
  }
  if (ext == ".html" || ext == ".htm") {
    return report::Format::html;
  }
  if (ext == ".json") {
    return report::Format::json;
  }
  return std::nullopt;
}

// "md or json", "md, html or json".
std::string joined(const std::vector<std::string>& words, const std::string& last)
{
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    out += i == 0 ? "" : i + 1 == words.size() ? " " + last + " " : ", ";
    out += words[i];
  }
  return out;
}

} // namespace

const char* format_name(report::Format format)
{
  switch (format) {
  case report::Format::markdown:
    return "md";
  case report::Format::html:
    return "html";
  case report::Format::json:
    return "json";
  }
  return "md";
}

report::Format choose_format(const std::string& command, const std::string& to,
                             const std::string& output,
                             const std::vector<report::Format>& can_write, report::Format fallback)
{
  std::vector<std::string> names;
  std::vector<std::string> with_to;
  for (const auto format : can_write) {
    names.emplace_back(format_name(format));
    with_to.push_back(fmt::format("--to {}", format_name(format)));
  }
  const std::string writes = fmt::format("'centricity {}' writes {}", command, joined(names, "or"));
  const auto writable = [&](report::Format format) {
    return std::find(can_write.begin(), can_write.end(), format) != can_write.end();
  };
  if (!to.empty()) {
    const auto named = format_named(util::to_lower(to));
    if (!named || !writable(*named)) {
      throw Error(fmt::format("--to {}: {}{}", to, writes,
                              named ? std::string() : util::did_you_mean(to, names)),
                  ExitCode::usage);
    }
    return *named;
  }
  if (output.empty() || output == "-") {
    return fallback;
  }
  const auto by_extension = format_of_extension(output);
  if (!by_extension) {
    throw Error(fmt::format("cannot tell the format of '{}' from its extension; add {}", output,
                            joined(with_to, "or")),
                ExitCode::usage);
  }
  if (!writable(*by_extension)) {
    throw Error(fmt::format("-o {}: {}, not {}", output, writes, format_name(*by_extension)),
                ExitCode::usage);
  }
  return *by_extension;
}

void write_report(const nlohmann::ordered_json& result, const nlohmann::ordered_json* previous,
                  report::Format format, const ReportOutput& options)
{
  std::ostringstream out;
  if (!options.template_file.empty()) {
    const std::string text = report::render_template(report::read_template(options.template_file),
                                                     result, previous, options.template_file);
    if (format == report::Format::html) {
      report::render_html_from_markdown(result, text, out, previous);
    } else {
      out << text;
    }
  } else {
    report::render(result, format, out, previous);
  }
  if (!options.charts.empty()) {
    const auto charts = report::build_charts(result, previous);
    report::write_charts(charts, options.charts);
    if (format == report::Format::markdown) {
      report::render_chart_links(charts, report::chart_link_dir(options.charts, options.output),
                                 out);
    }
  }
  util::write_file_atomic(options.output.empty() ? "-" : options.output, out.str());
}

} // namespace centricity::cli
