#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity help [COMMAND]`: the help of `app`, or of one of its commands,
// the same text as `centricity COMMAND --help`.
Command setup_help(CLI::App& app);

} // namespace centricity::cli
