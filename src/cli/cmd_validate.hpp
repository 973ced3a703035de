#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity validate BANK...`: checks banks and lists every problem.
Command setup_validate(CLI::App& app);

} // namespace centricity::cli
