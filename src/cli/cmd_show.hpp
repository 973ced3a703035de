#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity show BANK`: a bank as a printable questionnaire or as JSON.
Command setup_show(CLI::App& app);

} // namespace centricity::cli
