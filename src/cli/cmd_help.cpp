#include "cmd_help.hpp"

#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace centricity::cli {

namespace {

int run_help(const CLI::App& app, const std::string& command)
{
  if (command.empty()) {
    // Not app.help(): that shows the help of the command given, this one.
    std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
    return static_cast<int>(ExitCode::ok);
  }
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == command && !sub->get_group().empty()) {
      std::cout << sub->help(app.get_name());
      return static_cast<int>(ExitCode::ok);
    }
    if (!sub->get_group().empty()) {
      names.push_back(sub->get_name());
    }
  }
  std::cerr << fmt::format("centricity: error: unknown command '{}'{}\nRun 'centricity --help' "
                           "for the list of commands.\n",
                           command, util::did_you_mean(command, names));
  return static_cast<int>(ExitCode::usage);
}

} // namespace

Command setup_help(CLI::App& app)
{
  auto command = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("help", "Show the help of centricity or of one command");
  sub->add_option("COMMAND", *command, "The command to explain (default: all of centricity)");
  sub->footer(examples({"centricity help", "centricity help score"}));
  return {sub, [&app, command] { return run_help(app, *command); }};
}

} // namespace centricity::cli
