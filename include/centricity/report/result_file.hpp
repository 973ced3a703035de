#pragma once

// Reading a saved Result back: the input of `report` and `compare`.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace centricity::report {

// Parses `text` (the contents of `path`) as a Result. Throws
// centricity::Error (ExitCode::data) if it is not JSON, not a centricity
// Result, or a Result of a schema version this build does not read.
[[nodiscard]] nlohmann::ordered_json parse_result(std::string_view text, const std::string& path);

// Reads and parses the Result at `path` ("-" is standard input).
[[nodiscard]] nlohmann::ordered_json load_result(const std::string& path);

} // namespace centricity::report
