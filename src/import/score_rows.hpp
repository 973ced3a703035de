#pragma once

// Matching and scoring rows, the hot stage of the import pipeline: each
// worker thread parses its blocks into records, matches the answer cells to
// their scales' options, scores the respondent into its own aggregate,
// counts what it saw in the block's Tally and formats the respondent's row.
// Private to src/import.

#include "plan.hpp"
#include "tally.hpp"

#include <centricity/import/csv.hpp>
#include <centricity/score/aggregate.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace centricity::import::detail {

// Scores the rows of one file with its Plan. One per worker thread: it
// keeps the labels each scale has seen, so most cells take one compare.
class RowScorer {
public:
  // Scores rows as `plan` (which must outlive it) says, into `aggregate`.
  RowScorer(const Plan& plan, score::Aggregate& aggregate);
  RowScorer(const RowScorer&) = delete;
  RowScorer& operator=(const RowScorer&) = delete;
  ~RowScorer();

  // Parses `block` with `parser` and scores its data records (those after
  // the plan's header records) into `tally`, which counts the cells the
  // parser transcoded too. Throws centricity::Error for malformed CSV.
  void score_block(CsvParser& parser, const CsvBlock& block, Tally& tally);

  // Scores the rows of an in-memory table from `rows[first]` on (empty rows
  // are skipped), numbered after `row_base` data rows; row r is line r + 1
  // of `file`, and cells have columns when it is a `spreadsheet`.
  void score_table(const std::string& file, const std::vector<std::vector<std::string>>& rows,
                   std::size_t first, bool spreadsheet, std::uint64_t row_base, Tally& tally);

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace centricity::import::detail
