#pragma once

// Reading a saved Result back: the input of `report` and `compare`.

#include <centricity/util/json.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace centricity::report {

// Bounds of a Result document while it is parsed (docs/security.md).
inline constexpr util::JsonLimits k_result_json_limits{64, 2'000'000};

// Parses `text` (the contents of `path`) as a Result and checks every field
// the renderers read: types, ranges (scores 0-100, counts whole and at most
// the respondents), stage indexes within their ladder. Unknown keys are
// allowed. Throws centricity::Error (ExitCode::data) naming `path` and the
// field if it is not JSON, not a centricity Result, a Result of a schema
// version this build does not read, or damaged.
[[nodiscard]] nlohmann::ordered_json parse_result(std::string_view text, const std::string& path);

// Reads and parses the Result at `path` ("-" is standard input).
[[nodiscard]] nlohmann::ordered_json load_result(const std::string& path);

} // namespace centricity::report
