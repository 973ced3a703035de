#include "cmd_compare.hpp"

#include "report_output.hpp"

#include <centricity/report/compare.hpp>
#include <centricity/report/render.hpp>
#include <centricity/report/result_file.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <memory>
#include <sstream>

namespace centricity::cli {

namespace {

struct CompareOptions {
  std::string before;
  std::string after;
  std::string output = "-";
  std::string format;
};

int run_compare(const CompareOptions& options)
{
  const report::Format format =
    choose_format("compare", options.format, options.output,
                  {report::Format::markdown, report::Format::json}, report::Format::markdown);
  refuse_overwrite(options.output, {options.before, options.after});
  const auto before = report::load_result(options.before);
  const auto after = report::load_result(options.after);
  std::ostringstream out;
  try {
    const auto comparison = report::compare_results(before, after);
    if (format == report::Format::json) {
      out << report::comparison_to_json(comparison).dump(2) << '\n';
    } else {
      report::render_comparison_markdown(comparison, out);
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("a Result is incomplete or damaged: {}", e.what()));
  }
  util::write_file_atomic(options.output, out.str());
  return static_cast<int>(ExitCode::ok);
}

} // namespace

Command setup_compare(CLI::App& app)
{
  auto options = std::make_shared<CompareOptions>();
  CLI::App* sub = app.add_subcommand("compare", "Show the movement between two assessments");
  sub->add_option("OLD", options->before, "The earlier Result")->required();
  sub->add_option("NEW", options->after, "The later Result")->required();
  sub->add_option("-o,--output", options->output, "Write here (default: standard output)");
  sub->add_option("--to,--format", options->format,
                  "md or json (default: by the extension of -o; md on standard output)");
  sub->footer(examples({"centricity compare 2023.json 2024.json",
                        "centricity compare 2023.json 2024.json --to json"})
              + "\nEntries whose definition changed between bank versions are flagged, not "
                "compared.\nExit status: 0 written, 2 usage error, 3 unreadable Result.\n");
  return {sub, [options] { return run_compare(*options); }};
}

} // namespace centricity::cli
