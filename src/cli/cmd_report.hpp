#pragma once

#include "command.hpp"

namespace centricity::cli {

// `centricity report RESULT.json`: renders a saved Result as a report.
Command setup_report(CLI::App& app);

} // namespace centricity::cli
