#include "command.hpp"

#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <regex>

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

void one_value_per_option(CLI::App& app)
{
  for (CLI::App* command : app.get_subcommands({})) {
    for (CLI::Option* option : command->get_options()) {
      if (!option->get_positional() && option->get_items_expected_max() > 1) {
        option->allow_extra_args(false);
      }
    }
  }
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

// "2024-05-01T12:00:00Z" for `seconds` since the epoch.
namespace {

std::string utc_timestamp(std::time_t seconds)
{
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

} // namespace

// The Result's generated_at: --generated-at, else $SOURCE_DATE_EPOCH (the
// reproducible-builds convention), else now. The engine reads no clock.
void refuse_overwrite(const std::string& output, const std::vector<std::string>& inputs)
{
  if (output.empty() || output == "-") {
    return;
  }
  for (const auto& input : inputs) {
    if (!input.empty() && input != "-" && util::same_file(output, input)) {
      throw Error(fmt::format("refusing to write '{}': it is one of the inputs", output),
                  ExitCode::usage);
    }
  }
}

std::string generated_at(const std::string& pinned)
{
  if (!pinned.empty()) {
    static const std::regex rfc3339(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
    if (!std::regex_match(pinned, rfc3339)) {
      throw Error(fmt::format("--generated-at {}: use an RFC 3339 time such as "
                              "2024-05-01T12:00:00Z",
                              pinned),
                  ExitCode::usage);
    }
    return pinned;
  }
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end == '\0' && seconds >= 0) {
      return utc_timestamp(static_cast<std::time_t>(seconds));
    }
  }
  return utc_timestamp(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
}

} // namespace centricity::cli
