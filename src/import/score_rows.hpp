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
#include <span>
#include <string>
#include <string_view>

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

  // Scores `fields`, a row of a table (an XLSX sheet, a JSON record) and
  // data row `data_row` of the run, into `tally`; it is line `line` of
  // `file`, and its cells have columns when it is a `spreadsheet`.
  void score_row(const std::string& file, std::span<const std::string_view> fields,
                 std::uint64_t line, bool spreadsheet, std::uint64_t data_row, Tally& tally);

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace centricity::import::detail
