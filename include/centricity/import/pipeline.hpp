#pragma once

// Batch scoring of survey exports: the library entry point of `centricity
// score EXPORT...`. Each file is detected (formats.hpp), its columns mapped
// (mapping.hpp), then read in chunks that worker threads parse and score
// into their own score::Aggregate. Aggregates are exact integer state, so
// merging them (in worker order) gives the same Result for any thread count.
// Per-respondent rows are written in input order by one writer thread;
// memory holds a bounded number of chunks whatever the number of rows.
// Each stage is a file of src/import/ (docs/ARCHITECTURE.md lists them).

#include <centricity/import/csv.hpp>
#include <centricity/import/formats.hpp>
#include <centricity/import/mapping.hpp>
#include <centricity/import/source.hpp>
#include <centricity/score/aggregate.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/util/diagnostics.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import {

// Where the run is, for a progress display.
struct Progress {
  std::string file;
  std::uint64_t bytes = 0;                  // of this file, read so far
  std::optional<std::uint64_t> total_bytes; // of this file, when known
  std::uint64_t rows = 0;                   // data rows processed in all files
};

struct ImportOptions {
  std::optional<Platform> from;      // --from; nullopt detects each file
  std::string map_path;              // --map: a mapping file to apply
  std::string write_map_path;        // --write-map: write the mapping used here
  std::string id_column;             // --id-column: header of the respondent id
  std::vector<std::string> group_by; // --group-by: headers whose values group respondents
  std::vector<std::string> where;    // --where: COLUMN=VALUE or COLUMN!=VALUE, all must hold
  bool verbose = false;              // --verbose: a note for every column not mapped
  std::string respondents_path; // --respondents: per-respondent .csv or .jsonl ("-": CSV to stdout)
  unsigned threads = 0;         // worker threads; 0: one per core
  bool include_preview = false; // keep Qualtrics preview and test responses
  bool include_spam = false;    // keep Qualtrics spam-flagged responses
  bool include_incomplete = false;   // keep unfinished responses
  bool allow_unknown_labels = false; // unknown labels count as not answered (warning, not error)
  bool exclude_careless = false;     // leave out straight-lining and acquiescent respondents
  // Cell values that mean "not answered" when the scale has no option for them.
  std::vector<std::string> missing_values = {"-99",
                                             "N/A",
                                             "NA",
                                             "n.a.",
                                             "Not applicable",
                                             "Prefer not to answer",
                                             "Prefer not to say",
                                             "Don't know",
                                             "-",
                                             "#N/A"};
  CsvLimits limits;
  std::size_t chunk_bytes = std::size_t{1} << 20U;
  std::size_t max_document_bytes = std::size_t{256} << 20U; // XLSX parts, JSON documents
  SourceOpener open;                                        // default: open_file
  std::function<void(const Progress&)> progress;            // called a few times a second
};

// A --where filter: rows whose `column` equals (`equal`) or differs from
// `value`, both compared ignoring case and white space.
struct RowFilter {
  std::string column;
  std::string value;
  bool equal = true;
};

// "Role=Manager" or "Status!=Partial" (split at the first "!=" or "=";
// "Role=" keeps the rows whose Role is empty). Throws centricity::Error
// (usage) when `spec` has no "=" or no column.
[[nodiscard]] RowFilter parse_row_filter(const std::string& spec);

// The --where filters on one column (names folded as util::fold_label
// folds them). A value passes when it is one of `equal` (if any: the `=`
// filters of one column are alternatives) and none of `not_equal`. Values
// are folded; compare folded cells.
struct ColumnFilter {
  std::string column;                 // as first given
  std::vector<std::string> equal;     // folded
  std::vector<std::string> not_equal; // folded
  std::vector<std::string> specs;     // the --where texts, for messages

  [[nodiscard]] bool holds(std::string_view folded_value) const;
};

// The --where specs grouped by column, in order of first mention: a row is
// kept when every group holds (AND across columns, OR among the `=` values
// of one column, `!=` values all excluded).
[[nodiscard]] std::vector<ColumnFilter> parse_row_filters(const std::vector<std::string>& specs);
// "--where 'Role=Manager' --where 'Status!=Partial'": the specs as given,
// for messages.
[[nodiscard]] std::string describe_row_filters(const std::vector<std::string>& specs);

// An answer text that matched no option, with where it first appeared.
struct LabelExample {
  std::string text;
  util::SourceLoc loc;
};

// What became of one export column.
struct ColumnReport {
  ExportColumn column;
  ColumnMatch match;
  std::uint64_t answered = 0;                 // cells that gave an answer
  std::uint64_t unknown = 0;                  // cells whose label matched no option
  std::uint64_t missing_tokens = 0;           // cells like "N/A" read as not answered
  std::vector<LabelExample> unknown_examples; // first distinct ones, in file order
};

struct FileReport {
  std::string path;
  Platform platform = Platform::csv;
  std::string variant;
  std::string format;                // "CSV", "XLSX", "JSON", "JSON lines"
  CsvDialect dialect;                // CSV files
  std::uint64_t rows = 0;            // data rows read
  std::uint64_t scored = 0;          // respondents scored
  std::uint64_t preview = 0;         // excluded: Qualtrics preview / test
  std::uint64_t spam = 0;            // excluded: Qualtrics spam
  std::uint64_t incomplete = 0;      // excluded: not finished
  std::uint64_t filtered = 0;        // excluded: a --where filter does not hold
  std::uint64_t careless = 0;        // excluded: careless answers (--exclude-careless)
  std::uint64_t malformed = 0;       // skipped: more non-empty fields than the header
  std::uint64_t short_rows = 0;      // fewer fields than the header (rest blank)
  std::uint64_t duplicates = 0;      // respondent ids seen before
  std::uint64_t transcoded = 0;      // UTF-8 file cells read as Windows-1252
  std::vector<ColumnReport> columns; // in file order
};

// The outcome of a run: the merged aggregate plus what happened to every
// file and column. `diagnostics` has an error for every unknown label
// column (unless allow_unknown_labels) and warnings for everything else
// worth knowing (unmapped columns, fuzzy matches, exclusions, duplicates).
struct ScoreRun {
  ScoreRun(const score::CompiledBank& bank, std::vector<std::string> group_fields)
    : aggregate(bank, std::move(group_fields))
  {
  }
  score::Aggregate aggregate;
  std::vector<FileReport> files;
  util::Diagnostics diagnostics;
  // True when per-respondent rows were written to options.respondents_path.
  bool respondents_written = false;
};

// Scores the exports `paths` against `bank`. Throws centricity::Error for
// what stops a file being read at all (unknown format, malformed CSV with
// file:line:column, unknown --group-by column). The per-respondent file is
// written atomically and only if the run has no errors.
[[nodiscard]] ScoreRun run_exports(const std::vector<std::string>& paths,
                                   const score::CompiledBank& bank, const ImportOptions& options);

// A one-screen summary of `run` for stderr: per file the platform, rows,
// exclusions, and the columns not mapped.
[[nodiscard]] std::string summarize(const ScoreRun& run, const bank::Questionnaire& bank);

} // namespace centricity::import
