#pragma once

// The one exception type that stops a command. Thrown by the core, caught once
// in main(), printed as "centricity: error: <message>" and turned into `exit_code`.

#include <stdexcept>
#include <string>

namespace centricity {

// Documented exit codes (docs/manual.md, "Exit status").
enum class ExitCode : int {
  ok = 0,
  findings = 1,     // the command ran and found problems (e.g. an invalid bank)
  usage = 2,        // bad command line
  data = 3,         // unreadable or invalid input data
  output = 4,       // an output file could not be written
  interrupted = 130 // stopped by a signal; answers given so far are saved
};

class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::data)
    : std::runtime_error(message)
    , m_code(code)
  {
  }

  [[nodiscard]] ExitCode code() const { return m_code; }

private:
  ExitCode m_code;
};

} // namespace centricity
