#pragma once

// The shape every subcommand follows (CLI11's subcom_in_files): an options
// struct, setup_<name>() registering the subcommand and binding flags, and
// run_<name>() returning an exit code. main() runs the one that was parsed.

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace centricity::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run; // called after a successful parse
};

// Makes every repeatable option of `app`'s commands take one value per use
// (`--group-by a --group-by b`): CLI11 lets a vector option swallow every
// following word, so `score --group-by Role export.csv` lost its INPUT.
void one_value_per_option(CLI::App& app);

// "Examples:" footer text for `--help`, one example per line.
[[nodiscard]] std::string examples(std::initializer_list<const char*> lines);

// If the first non-option argument is not a subcommand of `app`, the message
// to print ("centricity: error: unknown command 'x', did you mean 'y'?").
[[nodiscard]] std::optional<std::string> unknown_command(const CLI::App& app, int argc,
                                                         char** argv);

// The time a Result records: `pinned` (from --generated-at; must be RFC
// 3339, else centricity::Error with ExitCode::usage), else
// $SOURCE_DATE_EPOCH (reproducible output), else now, as
// "2024-05-01T12:00:00Z". The scoring engine reads no clock; commands do.
[[nodiscard]] std::string generated_at(const std::string& pinned);

// Throws centricity::Error (ExitCode::usage) if `output` is the same file as
// one of `inputs`: no command replaces a file it reads. "" and "-" (standard
// output or input) never match.
void refuse_overwrite(const std::string& output, const std::vector<std::string>& inputs);

} // namespace centricity::cli
