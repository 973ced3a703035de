#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity completions bash|zsh|fish` (hidden): the shell completion
// script for `app`, generated from its command definitions, so completions
// never lag behind the options. The build writes all three and installs them.
Command setup_completions(CLI::App& app);

} // namespace centricity::cli
