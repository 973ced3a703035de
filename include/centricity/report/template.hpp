#pragma once

// Custom reports: a logic-less Mustache template (kainjow's mustache) over the
// Result, so an organisation can reorder, trim and brand its report. Every
// variable is already escaped for markdown; docs/templates.md lists them.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace centricity::report {

// `template_text` rendered over `result` (and the movement since `previous`,
// when given); a final line break of `template_text` is not output. `name`
// names the template in errors. Throws
// centricity::Error (ExitCode::data) for a template that does not parse or
// render, e.g. an unclosed section.
[[nodiscard]] std::string render_template(const std::string& template_text,
                                          const nlohmann::ordered_json& result,
                                          const nlohmann::ordered_json* previous,
                                          const std::string& name);

// Limits: a template file, and the report it renders (sections nested over
// lists multiply the output).
inline constexpr std::size_t k_max_template_bytes = std::size_t{1} << 20U;
inline constexpr std::size_t k_max_report_bytes = std::size_t{64} << 20U;
// Sections inside sections; kainjow's memory and stack grow with the nesting.
inline constexpr std::size_t k_max_template_depth = 32;

// The text of the template file at `path`. Throws centricity::Error when it
// cannot be read (ExitCode::usage) or is over k_max_template_bytes
// (ExitCode::data).
[[nodiscard]] std::string read_template(const std::string& path);

} // namespace centricity::report
