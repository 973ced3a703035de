#include "cmd_report.hpp"

#include "report_output.hpp"

#include <centricity/report/charts.hpp>
#include <centricity/report/html.hpp>
#include <centricity/report/render.hpp>
#include <centricity/report/result_file.hpp>
#include <centricity/report/template.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <memory>
#include <sstream>

namespace centricity::cli {

namespace {

struct ReportOptions {
  std::string result;
  std::string output = "-";
  std::string format;
  std::string compare;
  std::string charts;
  std::string template_file;
};

int run_report(const ReportOptions& options)
{
  refuse_overwrite(options.output, {options.result, options.compare, options.template_file});
  const report::Format format =
    choose_format("report", options.format, options.output,
                  {report::Format::markdown, report::Format::html, report::Format::json},
                  report::Format::markdown);
  if (!options.compare.empty() && format == report::Format::json) {
    // The JSON output is the Result itself, which has no place for the
    // movement: dropping it silently would look like success.
    throw Error("--compare shows the movement in a report (md or html); a Result (json) has no "
                "place for it: use 'centricity compare PREVIOUS.json RESULT.json --to json' for "
                "the movement as JSON",
                ExitCode::usage);
  }
  if (!options.template_file.empty() && format == report::Format::json) {
    throw Error("--template makes a report: use it with md or html, not json", ExitCode::usage);
  }
  const auto result = report::load_result(options.result);
  std::optional<nlohmann::ordered_json> previous;
  if (!options.compare.empty()) {
    previous = report::load_result(options.compare);
  }
  write_report(result, previous ? &*previous : nullptr, format,
               {options.output, options.template_file, options.charts});
  return static_cast<int>(ExitCode::ok);
}

} // namespace

Command setup_report(CLI::App& app)
{
  auto options = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand("report", "Render a saved result as a leadership report");
  sub->add_option("RESULT", options->result, "A Result file from `score` (- for standard input)")
    ->required();
  sub->add_option("-o,--output", options->output,
                  "Write the report here (default: standard output)");
  sub->add_option("--to,--format", options->format,
                  "md, html or json (default: by the extension of -o; md on standard output)");
  sub->add_option("--template", options->template_file,
                  "Render the report through this Mustache template (see templates.md in the "
                  "documentation, man centricity)");
  sub->add_option("--charts", options->charts,
                  "Also write the charts as SVG files into this folder (the markdown links them)");
  sub->add_option("--compare", options->compare,
                  "The Result of the previous assessment, for the movement since then");
  sub->footer(examples({"centricity report result.json -o report.md",
                        "centricity report result.json --compare last-year.json -o report.md",
                        "centricity report result.json -o report.html",
                        "centricity report result.json -o report.md --charts charts"})
              + "\nExit status: 0 written, 2 usage error, 3 unreadable Result, 4 the report could "
                "not be written.\n");
  return {sub, [options] { return run_report(*options); }};
}

} // namespace centricity::cli
