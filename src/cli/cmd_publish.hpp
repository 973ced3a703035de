#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity publish BANK --to FORMAT`: the bank as a survey definition for
// a survey platform (or a self-contained survey page).
Command setup_publish(CLI::App& app);

} // namespace centricity::cli
