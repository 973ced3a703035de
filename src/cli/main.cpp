// centricity: how customer-centric is your organisation, really?
// Registers the subcommands, parses, runs the chosen one and maps every
// failure to a documented exit code (docs/manual.md).

#include "cmd_assess.hpp"
#include "cmd_banks.hpp"
#include "cmd_compare.hpp"
#include "cmd_completions.hpp"
#include "cmd_help.hpp"
#include "cmd_merge.hpp"
#include "cmd_publish.hpp"
#include "cmd_report.hpp"
#include "cmd_score.hpp"
#include "cmd_show.hpp"
#include "cmd_validate.hpp"
#include "parse_errors.hpp"
#include "values.hpp"

#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <exception>
#include <iostream>
#include <vector>

int main(int argc, char** argv)
{
  using namespace centricity;
  CLI::App app{"centricity: how customer-centric is your organisation, really?", "centricity"};
  app.set_version_flag("-V,--version", "centricity " CENTRICITY_VERSION);
  app.require_subcommand(1);
  app.footer(
    cli::examples({"centricity assess",
                   "centricity score answers/*.yaml --bank customer-centricity -o report.md",
                   "centricity score responses.csv --bank customer-centricity --group-by Role",
                   "centricity report result.json --compare last-year.json -o report.html",
                   "centricity show four-tough-questions -o workshop.md"})
    + "\nRun 'centricity help COMMAND' for a command's options and examples; the manual is "
      "'man centricity'.\n");

  const std::vector<cli::Command> commands = {
    cli::setup_assess(app),  cli::setup_score(app),       cli::setup_report(app),
    cli::setup_compare(app), cli::setup_merge(app),       cli::setup_validate(app),
    cli::setup_banks(app),   cli::setup_show(app),        cli::setup_publish(app),
    cli::setup_help(app),    cli::setup_completions(app),
  };

  cli::one_value_per_option(app);
  cli::name_values(app);
  if (const auto unknown = cli::unknown_command(app, argc, argv)) {
    std::cerr << *unknown;
    return static_cast<int>(ExitCode::usage);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive as "errors" with exit code 0; everything
    // else is a usage error with our documented code and prefix.
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    std::cerr << cli::parse_error_message(app, e);
    return static_cast<int>(ExitCode::usage);
  }
  try {
    for (const auto& command : commands) {
      if (command.app->parsed()) {
        return command.run();
      }
    }
  } catch (const Error& e) {
    std::cerr << fmt::format("centricity: error: {}\n", e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::cerr << fmt::format("centricity: error: internal error: {}\n", e.what());
    return static_cast<int>(ExitCode::data);
  }
  return static_cast<int>(ExitCode::usage);
}
