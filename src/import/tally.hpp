#pragma once

// Merging what the blocks found: a worker counts what it saw in a block (or
// an in-memory table) in a Tally; the writer thread adds the tallies to the
// file reports in input order (RunTally::absorb), finds respondent ids seen
// twice across blocks and files, and at the end turns the totals into the
// run's diagnostics. Private to src/import.

#include "id_set.hpp"

#include <centricity/import/pipeline.hpp>
#include <centricity/util/diagnostics.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace centricity::import::detail {

struct Plan;

// Distinct unknown labels kept as examples per column.
inline constexpr std::size_t k_max_examples = 3;

// A respondent id as a worker read it: its hash, where its text is in
// Tally::id_text, and where it is in the file.
struct IdEntry {
  std::uint64_t hash = 0;
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
  util::SourceLoc loc;
};

// One answer column's counts in a block.
struct ColumnTally {
  std::uint64_t blank = 0;
  std::uint64_t unknown = 0;
  std::uint64_t missing_tokens = 0;
  std::vector<LabelExample> examples;
};

// What one block (or one table) contributed, merged in input order.
struct Tally {
  std::uint64_t rows = 0;
  std::uint64_t scored = 0;
  std::uint64_t preview = 0;
  std::uint64_t spam = 0;
  std::uint64_t incomplete = 0;
  std::uint64_t filtered = 0;
  std::uint64_t careless = 0;
  std::uint64_t malformed = 0;
  std::uint64_t short_rows = 0;
  std::uint64_t transcoded = 0;
  std::optional<util::SourceLoc> first_malformed;
  std::optional<util::SourceLoc> first_short;
  std::optional<util::SourceLoc> first_transcoded;
  std::vector<ColumnTally> columns;
  std::string id_text;
  std::vector<IdEntry> ids;
  std::string output; // the block's per-respondent rows

  // Empties the tally for a block of a plan with `answer_columns` columns,
  // keeping the capacity of its buffers.
  void reset(std::size_t answer_columns)
  {
    rows = scored = preview = spam = incomplete = filtered = careless = malformed = short_rows =
      transcoded = 0;
    first_malformed.reset();
    first_short.reset();
    first_transcoded.reset();
    columns.assign(answer_columns, {});
    id_text.clear();
    ids.clear();
    output.clear();
  }
};

// The run's tallies added up: the file reports' counts, the duplicate-id
// check over every file, and the first place of each problem.
class RunTally {
public:
  // Adds `tally`, a block of the file of `report` scored with `plan`, to
  // `report`. Blocks must come in input order, so examples and duplicates
  // are the first in the file.
  void absorb(const Tally& tally, FileReport& report, const Plan& plan);

  // Adds to `run.diagnostics` what is worth knowing about each file of
  // `run` scored against `questionnaire` with `options`: transcoded cells,
  // exclusions, ragged rows, unmapped, fuzzy and ambiguous columns, unknown
  // labels (errors unless options.allow_unknown_labels) and duplicate ids.
  void report_problems(ScoreRun& run, const bank::Questionnaire& questionnaire,
                       const ImportOptions& options);

private:
  IdHashSet m_ids;
  std::vector<std::pair<std::string, util::SourceLoc>> m_duplicates; // the first few
  std::map<std::string, util::SourceLoc> m_first_malformed;          // by file
  std::map<std::string, util::SourceLoc> m_first_short;
  std::map<std::string, util::SourceLoc> m_first_transcoded;
};

} // namespace centricity::import::detail
