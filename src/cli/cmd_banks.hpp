#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity banks`: the bundled banks with id, title, version, questions.
Command setup_banks(CLI::App& app);

} // namespace centricity::cli
