#include "command.hpp"

#include <centricity/util/strings.hpp>

#include <fmt/format.h>

namespace centricity::cli {

std::string examples(std::initializer_list<const char*> lines)
{
  std::string out = "\nExamples:\n";
  for (const char* line : lines) {
    out += "  ";
    out += line;
    out += '\n';
  }
  return out;
}

std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv)
{
  if (argc < 2 || argv[1][0] == '-') {
    return std::nullopt;
  }
  const std::string word = argv[1];
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == word) {
      return std::nullopt;
    }
    names.push_back(sub->get_name());
  }
  return fmt::format("centricity: error: unknown command '{}'{}\nRun 'centricity --help' for the "
                     "list of commands.\n",
                     word, util::did_you_mean(word, names));
}

std::string usage_error(const CLI::App& app, const std::string& message)
{
  // Name the subcommand whose options were wrong, so the hint is precise.
  std::string command = "centricity";
  for (const CLI::App* sub : app.get_subcommands()) {
    command += " " + sub->get_name();
  }
  return fmt::format("centricity: error: {}\nRun '{} --help' for more information.\n", message,
                     command);
}

} // namespace centricity::cli
