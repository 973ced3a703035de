#include "report_output.hpp"

#include <centricity/report/charts.hpp>
#include <centricity/report/html.hpp>
#include <centricity/report/template.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <sstream>

namespace centricity::cli {

report::Format output_format(const std::string& format, const std::string& output)
{
  if (!format.empty()) {
    return report::parse_format(format);
  }
  const auto by_path = output == "-" ? report::Format::json : report::format_for_path(output);
  if (!by_path) {
    throw Error(fmt::format("cannot tell the format of '{}' from its extension; add --to md "
                            "or --to json",
                            output),
                ExitCode::usage);
  }
  return *by_path;
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
