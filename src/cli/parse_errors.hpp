#pragma once

// The command line's own mistakes in the tool's voice: CLI11 reports them in
// its words ("The following argument was not expected: --frm"), and this
// turns each into "centricity: error: ..." with a suggestion and a hint.

#include <CLI/CLI.hpp>

#include <string>

namespace centricity::cli {

// The full text to print for parse error `error` of `app` (the top-level
// app): one "centricity: error: ..." line, then a hint, newline-terminated.
// An unknown option is reported first whatever CLI11 stopped on, with a
// did-you-mean from the options of the command it was given to.
[[nodiscard]] std::string parse_error_message(const CLI::App& app, const CLI::ParseError& error);

} // namespace centricity::cli
