#pragma once

// Reading fields of a Result document the same way in every renderer: a
// missing or mistyped field reads as empty, never throws.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace centricity::report::fields {

// The string at `object[key]`, or "" when absent or not a string.
[[nodiscard]] std::string str(const nlohmann::ordered_json& object, const char* key);

// The number at `object[key]`, or nullopt when absent or not a number.
[[nodiscard]] std::optional<double> number(const nlohmann::ordered_json& object, const char* key);

// `value` with one decimal ("62.5"); never "-0.0".
[[nodiscard]] std::string one_decimal(double value);

} // namespace centricity::report::fields
