#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity assess`: the interactive self-assessment (docs/assess.md).
Command setup_assess(CLI::App& app);

} // namespace centricity::cli
