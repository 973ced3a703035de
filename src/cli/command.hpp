#pragma once

// The shape every subcommand follows (CLI11's subcom_in_files): an options
// struct, setup_<name>() registering the subcommand and binding flags, and
// run_<name>() returning an exit code. main() runs the one that was parsed.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace centricity::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run; // called after a successful parse
};

// "Examples:" footer text for `--help`, one example per line.
[[nodiscard]] std::string examples(std::initializer_list<const char*> lines);

} // namespace centricity::cli
