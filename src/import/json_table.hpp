#pragma once

// Reading JSON exports (SurveyJS and other JSON arrays of responses, and
// JSON lines) as a table of text cells, handed on row by row to the
// TableScorer as XLSX sheets are. Private to src/import.

#include <centricity/import/formats.hpp>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace centricity::import::detail {

// Takes a row of a JSON export; `cells` live only during the call.
using JsonRowSink = std::function<void(std::span<const std::string_view> cells)>;

// Whether `text` is read as JSON lines: `from` says so, or its first line is
// an object and another line follows.
[[nodiscard]] bool is_json_lines(std::string_view text, std::optional<Platform> from);

// Hands the responses of `text`, the whole of the file `path`, to `sink`:
// first the header row of keys, then one row per response. JSON lines
// (is_json_lines) are parsed one line at a time, twice (the columns, then
// the rows); otherwise one document (an array of responses, one response, or
// {"responses"|"results"|"data": [...]}; SurveyJS wrappers are unwrapped) is
// parsed whole. Keys become columns in first-seen order, objects flatten to
// "key.row". Throws centricity::Error "path:line:column: invalid JSON: ..."
// or naming a response that is not an object, before any row is handed on.
void read_json_rows(const std::string& path, const std::string& text, std::optional<Platform> from,
                    const JsonRowSink& sink);

} // namespace centricity::import::detail
