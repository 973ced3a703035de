#include "table_scorer.hpp"

#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <utility>

namespace centricity::import::detail {

TableScorer::TableScorer(std::string file, bool spreadsheet, const TableRun& run)
  : m_file(std::move(file))
  , m_spreadsheet(spreadsheet)
  , m_run(run)
{
}

void TableScorer::add(std::span<const std::string_view> cells)
{
  ++m_line;
  if (m_plan) {
    score(cells, m_line);
    return;
  }
  if (m_held.empty()) {
    if (cells.empty()) {
      return; // leading empty rows are not headers
    }
    m_first_line = m_line;
  }
  m_held.emplace_back(cells.begin(), cells.end());
  if (m_held.size() == k_preview_rows) {
    start();
  }
}

void TableScorer::finish()
{
  if (!m_plan) {
    if (m_held.empty()) {
      throw Error(
        fmt::format("{}: the {} is empty", m_file, m_spreadsheet ? "first worksheet" : "file"));
    }
    start();
  }
  hand_on();
  if (m_run.report->rows == 0) {
    throw Error(fmt::format("{}: no responses: the file has only its header {}", m_file,
                            m_plan->header_records == 1 ? "row" : "rows"));
  }
}

// Plans the file from the rows held, then scores those after the header.
void TableScorer::start()
{
  Preview preview;
  preview.file = m_file;
  preview.workbook = m_spreadsheet;
  preview.rows = std::move(m_held);
  m_held.clear();
  m_plan.emplace(
    m_run.planner->plan(preview, m_run.from, m_run.row_base, *m_run.report, *m_run.diagnostics));
  m_rows = std::make_unique<RowScorer>(*m_plan, *m_run.aggregate);
  m_batch.reset(m_plan->answers.size());
  std::vector<std::string_view> cells;
  for (std::size_t r = m_plan->header_records; r < preview.rows.size(); ++r) {
    cells.assign(preview.rows[r].begin(), preview.rows[r].end());
    score(cells, m_first_line + r);
  }
}

void TableScorer::score(std::span<const std::string_view> cells, std::uint64_t line)
{
  if (cells.empty()) {
    return;
  }
  m_rows->score_row(m_file, cells, line, m_spreadsheet,
                    m_run.row_base + m_data_rows + m_batch.rows + 1, m_batch);
  if (m_batch.rows == k_table_batch) {
    hand_on();
  }
}

// Adds the batch to the file's report and writes its respondents, as the
// CSV writer thread does block by block.
void TableScorer::hand_on()
{
  m_run.tally->absorb(m_batch, *m_run.report, *m_plan);
  m_run.out->write(m_batch.output);
  m_data_rows += m_batch.rows;
  m_batch.reset(m_plan->answers.size());
}

} // namespace centricity::import::detail
