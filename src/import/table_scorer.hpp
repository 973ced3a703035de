#pragma once

// Scoring a table that arrives row by row (an XLSX sheet as it is parsed,
// the records of a JSON export): the first rows are held until the file can
// be planned from them, then every row is scored as it comes, and its counts
// and per-respondent rows are handed on every k_table_batch rows, so memory
// holds a batch, never the table. One thread. Private to src/import.

#include "plan.hpp"
#include "respondents.hpp"
#include "score_rows.hpp"
#include "tally.hpp"

#include <centricity/import/formats.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/score/aggregate.hpp>
#include <centricity/util/diagnostics.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import::detail {

// Rows scored between two hand-overs to the run's tally and respondents file.
inline constexpr std::size_t k_table_batch = 4096;

// Where a table's rows go: the run's parts it plans with and adds to. All
// are kept by reference and must outlive the TableScorer.
struct TableRun {
  const Planner* planner = nullptr;
  std::optional<Platform> from; // the platform, else detected
  std::uint64_t row_base = 0;   // data rows in earlier files
  score::Aggregate* aggregate = nullptr;
  FileReport* report = nullptr;
  util::Diagnostics* diagnostics = nullptr;
  RunTally* tally = nullptr;
  RespondentsFile* out = nullptr;
};

// Scores the rows of the table `file` handed to add(), in order. Row r
// (1-based) is line r of the file; leading empty rows are no headers, and
// empty rows are skipped.
class TableScorer {
public:
  // For the table `file` into `run`; its cells have columns when it is a
  // `spreadsheet` (a worksheet, named so in errors).
  TableScorer(std::string file, bool spreadsheet, const TableRun& run);

  // The next row, whose `cells` need to live only during the call. Throws
  // centricity::Error when the file cannot be planned (planning waits for
  // the first rows that can show the layout).
  void add(std::span<const std::string_view> cells);

  // After the last row: plans a table shorter than the preview and hands
  // the last rows on. Throws centricity::Error for a table with no rows or
  // no data rows.
  void finish();

private:
  void start();
  void score(std::span<const std::string_view> cells, std::uint64_t line);
  void hand_on();

  std::string m_file;
  bool m_spreadsheet;
  TableRun m_run;
  std::uint64_t m_line = 0;                     // of the last row added
  std::uint64_t m_first_line = 0;               // of the first held row
  std::vector<std::vector<std::string>> m_held; // the first rows, until planned
  std::optional<Plan> m_plan;
  std::unique_ptr<RowScorer> m_rows;
  Tally m_batch;
  std::uint64_t m_data_rows = 0; // rows given to m_rows in earlier batches
};

} // namespace centricity::import::detail
