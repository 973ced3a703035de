#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity score ANSWERS... --bank BANK`: scores answers files into a
// Result, a markdown report or a terminal summary.
Command setup_score(CLI::App& app);

} // namespace centricity::cli
