#include "cmd_show.hpp"

#include "report_output.hpp"

#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/bank/render.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <memory>
#include <sstream>

namespace centricity::cli {

namespace {

struct ShowOptions {
  std::string bank;
  std::string to;
  std::string output = "-";
};

int run_show(const ShowOptions& options)
{
  // The bank file itself first: "-o my-bank.yaml" is a slip, not a format.
  if (options.output != "-" && util::same_file(options.output, options.bank)) {
    throw Error("refusing to overwrite the bank '" + options.bank + "' with its own rendering",
                ExitCode::usage);
  }
  const report::Format format =
    choose_format("show", options.to, options.output,
                  {report::Format::markdown, report::Format::json}, report::Format::markdown);
  const std::string path = bank::resolve_bank(options.bank);
  const bank::Questionnaire questionnaire = bank::load_valid_bank(path);
  std::ostringstream out;
  if (format == report::Format::json) {
    out << bank::to_json(questionnaire).dump(2) << "\n";
  } else {
    bank::render_markdown(questionnaire, out);
  }
  util::write_file_atomic(options.output, out.str());
  return 0;
}

} // namespace

Command setup_show(CLI::App& app)
{
  auto options = std::make_shared<ShowOptions>();
  CLI::App* sub = app.add_subcommand("show", "Print a bank as a readable questionnaire or as JSON");
  sub->add_option("BANK", options->bank, "A bank file or a bundled bank id")->required();
  sub->add_option("--to,--format", options->to,
                  "md (the questionnaire) or json (the resolved bank); default: by the extension "
                  "of -o, md on standard output");
  sub->add_option("-o,--output", options->output, "Write to this file ('-' for standard output)")
    ->capture_default_str();
  sub->footer(examples({"centricity show customer-centricity",
                        "centricity show customer-centricity -o workshop.md",
                        "centricity show my-bank.yaml --to json"}));
  return {sub, [options] { return run_show(*options); }};
}

} // namespace centricity::cli
