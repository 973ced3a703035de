#include "json_table.hpp"
#include "peek_source.hpp"
#include "plan.hpp"
#include "respondents.hpp"
#include "score_rows.hpp"
#include "table_scorer.hpp"
#include "tally.hpp"
#include "work_queue.hpp"

#include <centricity/import/pipeline.hpp>
#include <centricity/import/xlsx.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <span>
#include <string_view>
#include <thread>
#include <utility>

namespace centricity::import {

namespace {

using namespace detail;

// A block on its way through the pipeline: read, scored by a worker, then
// written; recycled once written.
struct Job {
  CsvBlock block;
  Tally tally;
  std::exception_ptr error;
};

// Runs the stages over the files of one run: it only wires them (threads,
// queues, what goes where), each stage lives in its own file.
class Runner {
public:
  Runner(const score::CompiledBank& bank, const ImportOptions& options, ScoreRun& run)
    : m_bank(&bank)
    , m_options(&options)
    , m_run(&run)
    , m_planner(bank, options)
  {
    if (!options.respondents_path.empty()) {
      m_out.open(options.respondents_path);
      if (!is_jsonl_path(options.respondents_path)) {
        m_out.write(respondents_csv_header(bank.bank(), options.group_by));
      }
    }
  }

  void run_file(const std::string& path)
  {
    auto source = m_options->open ? m_options->open(path) : open_file(path);
    const std::string prefix = peek(*source);
    PeekSource peeked(*source, prefix);
    FileReport report;
    report.path = path;
    try {
      read_file(path, prefix, peeked, report);
    } catch (...) {
      // Kept for --write-map: the columns of a file that failed after it was read.
      if (!report.columns.empty()) {
        m_run->files.push_back(std::move(report));
      }
      throw;
    }
    m_run->files.push_back(std::move(report));
  }

  void read_file(const std::string& path, const std::string& prefix, PeekSource& peeked,
                 FileReport& report)
  {
    std::size_t skip = 0;
    while (skip < prefix.size()
           && (prefix[skip] == ' ' || prefix[skip] == '\t' || prefix[skip] == '\n'
               || prefix[skip] == '\r')) {
      ++skip;
    }
    if (prefix.substr(0, 3) == "\xEF\xBB\xBF") {
      skip = 3;
    }
    const bool json_platform =
      m_options->from == Platform::jsonl || m_options->from == Platform::surveyjs;
    if (looks_like_zip(prefix)) {
      report.format = "XLSX";
      const std::string bytes = read_all(peeked, path, m_options->max_document_bytes);
      run_xlsx(path, bytes, report);
    } else if (json_platform
               || (!m_options->from && skip < prefix.size()
                   && (prefix[skip] == '{' || prefix[skip] == '['))) {
      run_json(path, read_all(peeked, path, m_options->max_document_bytes), report);
    } else {
      report.format = "CSV";
      run_csv(path, peeked, report);
    }
  }

  void finish(bool write_map)
  {
    for (auto& aggregate : m_worker_aggregates) {
      m_run->aggregate.merge(*aggregate);
    }
    if (write_map) {
      std::vector<ExportLayout> layouts;
      std::vector<std::vector<ColumnMatch>> matches;
      for (const auto& file : m_run->files) {
        ExportLayout layout;
        std::vector<ColumnMatch> match;
        for (const auto& column : file.columns) {
          layout.columns.push_back(column.column);
          match.push_back(column.match);
        }
        layouts.push_back(std::move(layout));
        matches.push_back(std::move(match));
      }
      m_map_text = format_map(layouts, matches, m_bank->bank());
    }
  }

  [[nodiscard]] const std::string& map_text() const { return m_map_text; }
  RespondentsFile& out() { return m_out; }
  void report_problems() { m_tally.report_problems(*m_run, m_bank->bank(), *m_options); }

private:
  void run_csv(const std::string& path, ByteSource& source, FileReport& report)
  {
    CsvSplitter splitter(source, path, m_options->limits, m_options->chunk_bytes);
    report.dialect = splitter.dialect();
    m_run->diagnostics.append(splitter.diagnostics());
    std::size_t threads = m_options->threads != 0
                            ? m_options->threads
                            : std::max(1U, std::thread::hardware_concurrency());
    threads = std::min<std::size_t>(threads, 64);
    const std::size_t in_flight = 2 * threads + 2;
    std::vector<std::unique_ptr<Job>> jobs;
    Queue<Job*> free_jobs;
    for (std::size_t i = 0; i < in_flight; ++i) {
      jobs.push_back(std::make_unique<Job>());
      free_jobs.push(jobs.back().get());
    }
    Job* first = *free_jobs.pop();
    if (!splitter.next(first->block, k_preview_rows + 1)) {
      throw Error(fmt::format("{}: the file is empty", path));
    }
    Preview preview;
    preview.file = path;
    {
      PreviewSink sink;
      CsvParser parser(path, splitter.dialect(), m_options->limits);
      parser.parse(first->block, sink);
      preview.rows = std::move(sink.rows);
    }
    if (preview.rows.empty()) {
      throw Error(fmt::format("{}: the file is empty", path));
    }
    const Plan plan =
      m_planner.plan(preview, m_options->from, m_rows_before, report, m_run->diagnostics);
    if (preview.rows.size() <= plan.header_records && first->block.last) {
      throw Error(fmt::format("{}: no responses: the file has only its header {}", path,
                              plan.header_records == 1 ? "row" : "rows"));
    }

    while (m_worker_aggregates.size() < threads) {
      m_worker_aggregates.push_back(
        std::make_unique<score::Aggregate>(*m_bank, m_options->group_by));
    }
    Queue<Job*> work;
    Reorder<Job> done;
    std::atomic<bool> abort{false};
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < threads; ++w) {
      workers.emplace_back([&, w] {
        CsvParser parser(path, splitter.dialect(), m_options->limits);
        RowScorer rows(plan, *m_worker_aggregates[w]);
        while (const auto job = work.pop()) {
          Job& j = **job;
          j.tally.reset(plan.answers.size());
          j.error = nullptr;
          if (!abort.load()) {
            try {
              rows.score_block(parser, j.block, j.tally);
            } catch (...) {
              j.error = std::current_exception();
            }
          }
          done.put(j.block.seq, &j);
        }
        // In parallel here rather than one after another in the merge.
        m_worker_aggregates[w]->settle();
      });
    }
    std::exception_ptr failure;
    std::thread writer([&] {
      const auto started = std::chrono::steady_clock::now();
      auto last_report = started;
      for (std::uint64_t seq = 0;; ++seq) {
        Job* job = done.take(seq);
        if (job == nullptr) {
          break;
        }
        if (job->error && !failure) {
          failure = job->error;
          abort = true;
        }
        if (!abort.load()) {
          try {
            m_tally.absorb(job->tally, report, plan);
            m_out.write(job->tally.output);
          } catch (...) {
            failure = std::current_exception();
            abort = true;
          }
        }
        const std::uint64_t end_offset = job->block.offset + job->block.data.size();
        free_jobs.push(job);
        if (m_options->progress) {
          const auto now = std::chrono::steady_clock::now();
          if (now - last_report > std::chrono::milliseconds(200)) {
            last_report = now;
            m_options->progress({path, end_offset, source.size(), m_rows_before + report.rows});
          }
        }
      }
      // The rows are all written: flush them to disk now, while the workers
      // settle their aggregates, rather than in the commit after them.
      if (!abort.load()) {
        try {
          m_out.sync();
        } catch (...) {
          failure = std::current_exception();
          abort = true;
        }
      }
    });
    std::uint64_t blocks = 1;
    // A job is recycled as soon as it is pushed: read its flags first.
    bool more = !first->block.last;
    work.push(first);
    std::exception_ptr read_failure;
    try {
      while (more && !abort.load()) {
        Job* job = *free_jobs.pop();
        if (!splitter.next(job->block)) {
          free_jobs.push(job);
          break;
        }
        ++blocks;
        more = !job->block.last && !job->block.oversized;
        work.push(job);
      }
    } catch (...) {
      read_failure = std::current_exception();
    }
    done.finish(blocks);
    work.close();
    for (auto& worker : workers) {
      worker.join();
    }
    writer.join();
    if (failure) {
      std::rethrow_exception(failure);
    }
    if (read_failure) {
      std::rethrow_exception(read_failure);
    }
    if (report.rows == 0) {
      throw Error(fmt::format("{}: no responses: the file has only its header {}", path,
                              plan.header_records == 1 ? "row" : "rows"));
    }
    m_rows_before += report.rows;
  }

  // A table that comes row by row (an XLSX sheet, JSON records): one
  // thread, which `read` feeds to the TableScorer it is given.
  template <typename Read>
  void run_table(const std::string& path, bool spreadsheet, FileReport& report,
                 std::optional<Platform> from, Read&& read)
  {
    if (m_worker_aggregates.empty()) {
      m_worker_aggregates.push_back(
        std::make_unique<score::Aggregate>(*m_bank, m_options->group_by));
    }
    TableRun run;
    run.planner = &m_planner;
    run.from = from;
    run.row_base = m_rows_before;
    run.aggregate = m_worker_aggregates.front().get();
    run.report = &report;
    run.diagnostics = &m_run->diagnostics;
    run.tally = &m_tally;
    run.out = &m_out;
    TableScorer table(path, spreadsheet, run);
    read(table);
    table.finish();
    m_rows_before += report.rows;
  }

  void run_xlsx(const std::string& path, const std::string& bytes, FileReport& report)
  {
    run_table(path, true, report, m_options->from, [&](TableScorer& table) {
      read_xlsx_rows(
        bytes, path,
        [&](std::uint64_t /*number*/, std::span<const std::string_view> cells) {
          table.add(cells);
        },
        m_options->max_document_bytes);
    });
  }

  void run_json(const std::string& path, const std::string& text, FileReport& report)
  {
    const bool lines = is_json_lines(text, m_options->from);
    report.format = lines ? "JSON lines" : "JSON";
    const Platform platform = m_options->from ? *m_options->from
                              : lines         ? Platform::jsonl
                                              : Platform::surveyjs;
    // JSON keys are question names: the generic layout always applies.
    run_table(path, false, report, Platform::csv, [&](TableScorer& table) {
      read_json_rows(path, text, m_options->from,
                     [&](std::span<const std::string_view> cells) { table.add(cells); });
    });
    report.platform = platform;
  }

  const score::CompiledBank* m_bank;
  const ImportOptions* m_options;
  ScoreRun* m_run;
  Planner m_planner;
  std::vector<std::unique_ptr<score::Aggregate>> m_worker_aggregates;
  RespondentsFile m_out;
  std::uint64_t m_rows_before = 0;
  RunTally m_tally;
  std::string m_map_text;
};

} // namespace

ScoreRun run_exports(const std::vector<std::string>& paths, const score::CompiledBank& bank,
                     const ImportOptions& options)
{
  ScoreRun run(bank, options.group_by);
  Runner runner(bank, options, run);
  try {
    for (const auto& path : paths) {
      runner.run_file(path);
    }
  } catch (...) {
    // The mapping of what could be read: fixing it is the way out.
    if (!options.write_map_path.empty()) {
      runner.finish(true);
      util::write_file_atomic(options.write_map_path, runner.map_text());
    }
    throw;
  }
  runner.finish(!options.write_map_path.empty());
  runner.report_problems();
  if (!options.write_map_path.empty()) {
    // Written even when the run has errors: fixing the mapping is the way out.
    util::write_file_atomic(options.write_map_path, runner.map_text());
  }
  if (run.diagnostics.has_errors()) {
    runner.out().discard();
  } else if (runner.out().is_open()) {
    runner.out().commit();
    run.respondents_written = true;
  }
  return run;
}

RowFilter parse_row_filter(const std::string& spec)
{
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || (eq == 1 && spec[0] == '!')) {
    throw Error(fmt::format("--where '{}': give COLUMN=VALUE or COLUMN!=VALUE, for example "
                            "--where 'Status=Complete'",
                            spec),
                ExitCode::usage);
  }
  RowFilter filter;
  filter.equal = spec[eq - 1] != '!';
  filter.column = std::string(util::trim(spec.substr(0, filter.equal ? eq : eq - 1)));
  filter.value = std::string(util::trim(spec.substr(eq + 1)));
  if (filter.column.empty()) {
    throw Error(fmt::format("--where '{}': give COLUMN=VALUE or COLUMN!=VALUE, for example "
                            "--where 'Status=Complete'",
                            spec),
                ExitCode::usage);
  }
  return filter;
}

bool ColumnFilter::holds(std::string_view folded_value) const
{
  const auto same = [&](const std::string& value) { return value == folded_value; };
  return (equal.empty() || std::any_of(equal.begin(), equal.end(), same))
         && std::none_of(not_equal.begin(), not_equal.end(), same);
}

std::vector<ColumnFilter> parse_row_filters(const std::vector<std::string>& specs)
{
  std::vector<ColumnFilter> out;
  for (const auto& spec : specs) {
    const RowFilter filter = parse_row_filter(spec);
    const std::string column = util::fold_label(filter.column);
    auto it = std::find_if(out.begin(), out.end(), [&](const ColumnFilter& f) {
      return util::fold_label(f.column) == column;
    });
    if (it == out.end()) {
      out.push_back({filter.column, {}, {}, {}});
      it = out.end() - 1;
    }
    (filter.equal ? it->equal : it->not_equal).push_back(util::fold_label(filter.value));
    it->specs.push_back(spec);
  }
  return out;
}

std::string describe_row_filters(const std::vector<std::string>& specs)
{
  std::string out;
  for (const auto& spec : specs) {
    out += fmt::format("{}--where '{}'", out.empty() ? "" : " ", spec);
  }
  return out;
}

std::string summarize(const ScoreRun& run, const bank::Questionnaire& bank)
{
  std::string out;
  for (const auto& file : run.files) {
    std::size_t mapped = 0;
    std::size_t questions = 0;
    for (const auto& column : file.columns) {
      mapped += column.match.status == MatchStatus::mapped ? 1 : 0;
    }
    questions = bank.questions.size();
    std::string excluded;
    const std::uint64_t dropped =
      file.preview + file.spam + file.incomplete + file.filtered + file.careless + file.malformed;
    if (dropped > 0) {
      excluded = fmt::format(", {} excluded", dropped);
    }
    out += fmt::format("{}: {} {}{}, {} rows, {} scored{}; {} of {} questions mapped\n", file.path,
                       platform_name(file.platform), file.format,
                       file.variant.empty() ? "" : " (" + file.variant + ")", file.rows,
                       file.scored, excluded, mapped, questions);
  }
  return out;
}

} // namespace centricity::import
