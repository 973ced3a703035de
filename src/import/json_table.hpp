#pragma once

// Reading JSON exports (SurveyJS and other JSON arrays of responses, and
// JSON lines) into a table of text cells, handed to the TableScorer row by
// row as XLSX sheets are. JSON documents are read whole (a column is any key
// of any record); CSV and XLSX stream. Private to src/import.

#include <centricity/import/formats.hpp>

#include <optional>
#include <string>
#include <vector>

namespace centricity::import::detail {

// A JSON export as rows: the header row of keys, then one row per response.
struct JsonTable {
  std::vector<std::vector<std::string>> rows;
  bool lines = false; // read as JSON lines (one object per line)
};

// The responses of `text`, the whole of the file `path`: JSON lines when
// `from` says so or the first line is an object, else one document (an
// array of responses, one response, or {"responses"|"results"|"data": [...]};
// SurveyJS wrappers are unwrapped). Keys become columns in first-seen order,
// objects flatten to "key.row". Throws centricity::Error "path:line:column:
// invalid JSON: ..." or naming a response that is not an object.
[[nodiscard]] JsonTable read_json_table(const std::string& path, const std::string& text,
                                        std::optional<Platform> from);

} // namespace centricity::import::detail
