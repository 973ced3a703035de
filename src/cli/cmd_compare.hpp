#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity compare OLD.json NEW.json`: movement between two assessments.
Command setup_compare(CLI::App& app);

} // namespace centricity::cli
