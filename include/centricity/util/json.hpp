#pragma once

// Parsing untrusted JSON with bounds checked while parsing: nesting depth
// and the number of values are counted as nlohmann's SAX parser reports
// them, so a document of a million brackets stops at the first bracket over
// the limit instead of building (and later recursing through) a deep tree.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace centricity::util {

// Bounds for one JSON document.
struct JsonLimits {
  std::size_t max_depth = 64;          // arrays and objects inside each other
  std::size_t max_values = 10'000'000; // values of any kind, containers included
};

// A document that is not JSON or is over a limit: what() says what is wrong
// without a position ("invalid JSON: syntax error ...", "JSON nested more
// than 64 levels deep (the depth limit)"), offset() is the byte of the
// text where it was found.
class JsonError : public std::runtime_error {
public:
  JsonError(const std::string& reason, std::size_t offset)
    : std::runtime_error(reason)
    , m_offset(offset)
  {
  }
  [[nodiscard]] std::size_t offset() const { return m_offset; }

private:
  std::size_t m_offset;
};

// Parses `text` as one JSON document within `limits`. Throws JsonError on a
// syntax error, a number too large for a double, or a limit exceeded.
[[nodiscard]] nlohmann::json parse_json(std::string_view text, const JsonLimits& limits);
[[nodiscard]] nlohmann::ordered_json parse_ordered_json(std::string_view text,
                                                        const JsonLimits& limits);

// parse_ordered_json for `text`, the contents of `file`: errors become
// centricity::Error (ExitCode::data) "file:line:column: " and the reason.
[[nodiscard]] nlohmann::ordered_json read_json_file(std::string_view text, const std::string& file,
                                                    const JsonLimits& limits);

} // namespace centricity::util
