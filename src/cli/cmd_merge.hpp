#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity merge PARTIAL... --bank B -o result.json`: combines aggregate
// states written by `score --partial` (shards scored in other processes or on
// other machines) into the Result a single run over all of them gives.
Command setup_merge(CLI::App& app);

} // namespace centricity::cli
