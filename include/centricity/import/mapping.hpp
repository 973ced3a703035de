#pragma once

// Which export column answers which question of the bank. Automatic by
// question id, else by question text (normalised), else by a fuzzy text
// match reported with its confidence; a mapping file (YAML) written with
// --write-map and read back with --map overrides all of it. Columns that
// match nothing, or more than one thing, are listed, never dropped silently.

#include <centricity/bank/model.hpp>
#include <centricity/import/formats.hpp>
#include <centricity/util/diagnostics.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import {

enum class MatchHow { id, text, fuzzy, map };

enum class MatchStatus {
  mapped,    // `question` answers it
  metadata,  // a platform metadata column
  unmapped,  // nothing matched
  ambiguous, // several questions (or columns) matched equally well
  ignored,   // the mapping file says to ignore it
};

// The mapping of one column of an ExportLayout (same order).
struct ColumnMatch {
  MatchStatus status = MatchStatus::unmapped;
  std::optional<std::size_t> question; // index into Questionnaire::questions
  MatchHow how = MatchHow::id;
  double confidence = 0;           // 1 except for fuzzy matches
  std::vector<std::size_t> rivals; // ambiguous: the questions in contention
};

// Fuzzy matches below this similarity (1 - edit distance / length) are not used.
inline constexpr double k_min_fuzzy = 0.85;

// One entry of a mapping file.
struct MapEntry {
  std::string header;                  // the column header as written in the export
  std::optional<std::size_t> column;   // 1-based position, for repeated headers
  std::optional<std::string> question; // nullopt: ignore the column
  util::SourceLoc loc;
};

struct ColumnMapFile {
  std::string path;
  std::vector<MapEntry> entries;
};

// Parses mapping file `text` (read from `path`) against `bank`; problems
// (structure, unknown question ids with a did-you-mean) are errors in `out`.
[[nodiscard]] std::optional<ColumnMapFile> parse_map(std::string_view text, const std::string& path,
                                                     const bank::Questionnaire& bank,
                                                     util::Diagnostics& out);

// Maps every column of `layout` to `bank`'s questions, `map` (may be
// nullptr) first.
[[nodiscard]] std::vector<ColumnMatch>
map_columns(const ExportLayout& layout, const bank::Questionnaire& bank, const ColumnMapFile* map);

// A mapping file for the columns of `layouts` (matches in the same order),
// commented with how each column was matched, for the user to edit.
[[nodiscard]] std::string format_map(const std::vector<ExportLayout>& layouts,
                                     const std::vector<std::vector<ColumnMatch>>& matches,
                                     const bank::Questionnaire& bank);

// The LimeSurvey question code of each question of `bank` (same order), as
// `centricity publish --to limesurvey` writes them and the importer maps them
// back: LimeSurvey codes are letters and digits, at most 20, starting with a
// letter. An id becomes camelCase ("dc-listen-calls" -> "dcListenCalls",
// "q" first if it starts with a digit); one that is longer than 20, or that
// would read the same as another's (ignoring case), is cut to 15 and gets
// five letters and digits hashed from the id. Empty where two codes would
// still coincide (then neither can be published or mapped).
[[nodiscard]] std::vector<std::string> limesurvey_codes(const bank::Questionnaire& bank);

// "by id", "by text", "fuzzy 0.91", "from the map".
[[nodiscard]] std::string describe_match(const ColumnMatch& match);

} // namespace centricity::import
