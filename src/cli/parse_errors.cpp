#include "parse_errors.hpp"

#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <regex>
#include <vector>

namespace centricity::cli {

namespace {

// The subcommand given on the command line, or `app` itself.
const CLI::App& command_of(const CLI::App& app)
{
  const auto given = app.get_subcommands();
  return given.empty() ? app : *given.front();
}

std::string command_name(const CLI::App& app, const CLI::App& command)
{
  return &command == &app ? std::string("centricity") : "centricity " + command.get_name();
}

// Every spelling of every option of `command`: "--group-by", "-o".
std::vector<std::string> option_names(const CLI::App& command)
{
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) {
      names.push_back("--" + name);
    }
    for (const auto& name : option->get_snames()) {
      names.push_back("-" + name);
    }
  }
  return names;
}

// The first word CLI11 left over that looks like an option ("--frm",
// "--frm=x" as "--frm"), or "".
std::string unknown_option(const CLI::App& app, const CLI::App& command)
{
  for (const CLI::App* where : {&command, &app}) {
    for (const auto& word : where->remaining()) {
      if (word.size() > 1 && word[0] == '-' && word != "--") {
        return word.substr(0, word.find('='));
      }
    }
  }
  return {};
}

// The "Usage: ..." line of `command`'s help ("Usage: centricity score ...").
std::string usage_line(const CLI::App& app, const CLI::App& command)
{
  const std::string help = &command == &app ? app.help() : command.help(app.get_name());
  const auto start = help.find("Usage: ");
  if (start == std::string::npos) {
    return {};
  }
  return help.substr(start, help.find('\n', start) - start) + "\n";
}

const CLI::Option* find_option(const CLI::App& command, const std::string& name)
{
  for (const CLI::Option* option : command.get_options()) {
    if (option->check_name(name)) {
      return option;
    }
  }
  return nullptr;
}

// "0.001000" as "0.001", "64" as "64".
std::string trim_number(std::string number)
{
  if (number.find('.') != std::string::npos) {
    while (!number.empty() && number.back() == '0') {
      number.pop_back();
    }
    if (!number.empty() && number.back() == '.') {
      number.pop_back();
    }
  }
  return number;
}

// What went wrong, in our words, from CLI11's message `what` (CLI11 2.1's
// wording; the golden cases in tests/cli/cases/usage-* pin every one).
std::string rephrase(const CLI::App& app, const CLI::App& command, const CLI::ParseError& error,
                     std::string& hint)
{
  const std::string what = error.what();
  const std::string name = command_name(app, command);
  std::smatch match;
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    static const std::regex required(R"(^(.+) is required$)");
    if (&command == &app || what.find("subcommand") != std::string::npos) {
      std::string list;
      for (const CLI::App* sub : app.get_subcommands({})) {
        if (!sub->get_group().empty()) { // not the hidden ones
          list += (list.empty() ? "" : ", ") + sub->get_name();
        }
      }
      hint = "Run 'centricity --help' for what each does.\n";
      return fmt::format("no command given; the commands are {}", list);
    }
    if (std::regex_match(what, match, required)) {
      hint =
        usage_line(app, command) + fmt::format("Run '{} --help' for more information.\n", name);
      return fmt::format("missing {}", match[1].str());
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    static const std::regex missing(R"(^(\S+): \d+ required \S+ missing$)");
    static const std::regex repeated(R"(^(\S+): At Most \d+ required but received (\d+)$)");
    if (std::regex_match(what, match, missing)) {
      return fmt::format("{} needs a value", match[1].str());
    }
    if (std::regex_match(what, match, repeated)) {
      return fmt::format("{} given {} times; it takes one value", match[1].str(), match[2].str());
    }
  }
  if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
    static const std::regex convert(R"(^Could not convert: (\S+) = (.*)$)");
    if (std::regex_match(what, match, convert)) {
      const CLI::Option* option = find_option(command, match[1].str());
      if (option != nullptr && option->get_expected_max() == 0) { // a flag
        return fmt::format("{} takes no value (it was given '{}')", match[1].str(), match[2].str());
      }
      return fmt::format("{}: '{}' is not a valid value", match[1].str(), match[2].str());
    }
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
    static const std::regex member(R"(^(\S+): (.*) not in \{(.*)\}$)");
    static const std::regex range(R"(^(\S+): Value (.*) not in range (\S+) to (\S+)$)");
    if (std::regex_match(what, match, member)) {
      const auto choices = util::split(match[3].str(), ',');
      std::string list;
      for (const auto& choice : choices) {
        list += (list.empty() ? "" : ", ") + choice;
      }
      return fmt::format("{} {}: use one of {}{}", match[1].str(), match[2].str(), list,
                         util::did_you_mean(match[2].str(), choices));
    }
    if (std::regex_match(what, match, range)) {
      return fmt::format("{} {}: use a number from {} to {}", match[1].str(), match[2].str(),
                         trim_number(match[3].str()), trim_number(match[4].str()));
    }
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    const auto extra = command.remaining().empty() ? app.remaining() : command.remaining();
    if (!extra.empty()) {
      hint =
        usage_line(app, command) + fmt::format("Run '{} --help' for more information.\n", name);
      return fmt::format("unexpected argument '{}'", extra.front());
    }
  }
  return what;
}

} // namespace

std::string parse_error_message(const CLI::App& app, const CLI::ParseError& error)
{
  const CLI::App& command = command_of(app);
  const std::string name = command_name(app, command);
  std::string hint = fmt::format("Run '{} --help' for more information.\n", name);
  std::string message;
  if (const std::string option = unknown_option(app, command); !option.empty()) {
    message = fmt::format("unknown option '{}'{}{}", option,
                          &command == &app ? "" : fmt::format(" for '{}'", name),
                          util::did_you_mean(option, option_names(command)));
    hint = fmt::format("Run '{} --help' for its options.\n", name);
  } else {
    message = rephrase(app, command, error, hint);
  }
  return fmt::format("centricity: error: {}\n{}", message, hint);
}

} // namespace centricity::cli
