#include "values.hpp"

#include <centricity/util/strings.hpp>

#include <map>
#include <string_view>

namespace centricity::cli {

namespace {

struct Entry {
  const char* type_name;
  ValueKind kind;
};

// By the option's first long name, or a positional's name.
const std::map<std::string, Entry, std::less<>>& table()
{
  static const std::map<std::string, Entry, std::less<>> entries = {
    {"bank", {"BANK", ValueKind::bank}},
    {"BANK", {"BANK", ValueKind::bank}},
    {"output", {"FILE", ValueKind::file}},
    {"answers", {"FILE", ValueKind::file}},
    {"template", {"FILE", ValueKind::file}},
    {"map", {"FILE", ValueKind::file}},
    {"write-map", {"FILE", ValueKind::file}},
    {"respondents", {"FILE", ValueKind::file}},
    {"partial", {"FILE", ValueKind::file}},
    {"compare", {"FILE", ValueKind::file}},
    {"INPUT", {"FILE", ValueKind::file}},
    {"RESULT", {"FILE", ValueKind::file}},
    {"OLD", {"FILE", ValueKind::file}},
    {"NEW", {"FILE", ValueKind::file}},
    {"PARTIAL", {"FILE", ValueKind::file}},
    {"charts", {"FOLDER", ValueKind::folder}},
    {"to", {"FORMAT", ValueKind::format}},
    {"from", {"PLATFORM", ValueKind::choice}},
    {"COMMAND", {"COMMAND", ValueKind::command}},
    {"target", {"STAGE", ValueKind::other}},
    {"group-by", {"FIELD", ValueKind::other}},
    {"respondent", {"NAME", ValueKind::other}},
    {"role", {"ROLE", ValueKind::other}},
    {"id-column", {"COLUMN", ValueKind::other}},
    {"where", {"COLUMN=VALUE", ValueKind::other}},
    {"missing-value", {"VALUE", ValueKind::other}},
    {"generated-at", {"TIME", ValueKind::other}},
    {"threads", {"N", ValueKind::other}},
    {"max-cell-mib", {"MIB", ValueKind::other}},
  };
  return entries;
}

std::string key_of(const CLI::Option& option)
{
  if (option.get_positional()) {
    return option.get_name();
  }
  const auto& names = option.get_lnames();
  return names.empty() ? std::string() : names.front();
}

// The formats each command writes (report_output.hpp's rule refuses others).
std::vector<std::string> formats_of(const std::string& command)
{
  if (command == "compare" || command == "show") {
    return {"md", "json"};
  }
  if (command == "assess") {
    return {"md", "html"};
  }
  return {"md", "html", "json"};
}

} // namespace

Value value_of(const CLI::App& command, const CLI::Option& option)
{
  Value value;
  if (!option.get_positional() && option.get_expected_max() == 0) {
    return value; // a flag
  }
  const auto it = table().find(key_of(option));
  value.kind = it == table().end() ? ValueKind::other : it->second.kind;
  if (value.kind == ValueKind::format) {
    value.choices = formats_of(command.get_name());
  }
  if (value.kind == ValueKind::choice) {
    // CLI11 shows an IsMember check as "TYPE:{a,b,c}".
    const std::string type = option.get_type_name();
    const auto open = type.find('{');
    const auto close = type.rfind('}');
    if (open != std::string::npos && close != std::string::npos && close > open) {
      for (const auto& choice : util::split(type.substr(open + 1, close - open - 1), ',')) {
        value.choices.emplace_back(util::trim(choice));
      }
    }
  }
  return value;
}

void name_values(CLI::App& app)
{
  for (CLI::App* command : app.get_subcommands({})) {
    for (CLI::Option* option : command->get_options()) {
      if (!option->get_positional() && option->get_expected_max() == 0) {
        continue;
      }
      const auto it = table().find(key_of(*option));
      if (it != table().end()) {
        option->type_name(it->second.type_name);
      }
    }
  }
}

} // namespace centricity::cli
