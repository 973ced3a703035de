#pragma once

// What each option's value is, in one table: it names the values in
// `--help` ("--bank BANK", "-o FILE") and tells the shell completions what
// to offer (bundled bank ids, files, folders, formats).

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace centricity::cli {

enum class ValueKind {
  none,    // a flag
  bank,    // a bundled bank id or a bank file
  file,    // a file
  folder,  // a folder
  format,  // an output format: the formats the command writes
  choice,  // one of a fixed list (CLI11's IsMember)
  command, // a command of centricity
  other,   // free text or a number: nothing to offer
};

// What `option` of `command` (a subcommand of centricity) takes, and the
// choices for ValueKind::format and ValueKind::choice.
struct Value {
  ValueKind kind = ValueKind::none;
  std::vector<std::string> choices;
};
[[nodiscard]] Value value_of(const CLI::App& command, const CLI::Option& option);

// Gives every option of `app`'s commands its value's name for --help
// (BANK, FILE, FOLDER, FORMAT, STAGE, ...), from the same table.
void name_values(CLI::App& app);

} // namespace centricity::cli
