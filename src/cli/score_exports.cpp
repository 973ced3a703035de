#include "score_exports.hpp"

#include <centricity/import/formats.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace centricity::cli {

namespace {

// A progress line on stderr, only for a terminal (ninja's LinePrinter rule:
// a pipe or a log file gets nothing).
class ProgressLine {
public:
  ProgressLine()
    : m_started(std::chrono::steady_clock::now())
  {
    const char* term = std::getenv("TERM");
    m_enabled = ::isatty(2) != 0 && (term == nullptr || std::string_view(term) != "dumb");
  }
  [[nodiscard]] bool enabled() const { return m_enabled; }

  void update(const import::Progress& progress)
  {
    const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    const double mb = static_cast<double>(progress.bytes) / 1e6;
    const double rate = seconds > 0 ? mb / seconds : 0;
    std::string eta;
    if (progress.total_bytes && rate > 0) {
      const double left = (static_cast<double>(*progress.total_bytes) / 1e6 - mb) / rate;
      eta = fmt::format(", ETA {:.0f} s", std::max(0.0, left));
    }
    std::cerr << fmt::format("\r\x1b[K{} rows, {:.1f} MB/s{}", progress.rows, rate, eta)
              << std::flush;
    m_shown = true;
  }
  void clear()
  {
    if (m_shown) {
      std::cerr << "\r\x1b[K" << std::flush;
    }
  }

private:
  std::chrono::steady_clock::time_point m_started;
  bool m_enabled = false;
  bool m_shown = false;
};

} // namespace

void add_export_options(CLI::App& command, ExportCliOptions& options)
{
  auto& o = options.import;
  const auto has = [&command](const std::string& name) {
    return command.get_option_no_throw(name) != nullptr;
  };
  command.add_option("--from", options.from, "Export format (default: detected per file)")
    ->check(CLI::IsMember([] {
      std::vector<std::string> names = {"auto"};
      for (const auto& name : util::split(import::platform_names(), ',')) {
        names.emplace_back(util::trim(name));
      }
      return names;
    }()))
    ->capture_default_str();
  command.add_option("--map", o.map_path, "Column mapping file (YAML) to apply");
  command.add_option("--write-map", o.write_map_path,
                     "Write the column mapping used to this file, to edit and pass to --map");
  command.add_option("--id-column", o.id_column,
                     "Header of the respondent id column (default: the platform's)");
  if (!has("--group-by")) {
    command.add_option("--group-by", o.group_by, "Group respondents by this column (repeatable)");
  }
  if (!has("--respondents")) {
    command.add_option("--respondents", o.respondents_path,
                       "Write per-respondent scores and stages to this .csv or .jsonl file");
  }
  command.add_option("--partial", options.partial,
                     "Write the mergeable aggregate state to this file (for centricity merge)");
  command.add_option("--threads", o.threads, "Worker threads (default: one per core)")
    ->check(CLI::Range(1U, 64U));
  command.add_flag("--include-preview", o.include_preview,
                   "Keep Qualtrics preview and test responses");
  command.add_flag("--include-spam", o.include_spam, "Keep Qualtrics spam-flagged responses");
  command.add_flag("--include-incomplete", o.include_incomplete,
                   "Keep unfinished responses (Qualtrics, Typeform, LimeSurvey, Alchemer)");
  command.add_option("--where", o.where,
                     "Score only rows whose COLUMN=VALUE (or COLUMN!=VALUE), also answers files' "
                     "fields; repeatable: different columns must all hold, several = on one "
                     "column are alternatives");
  command.add_flag("--verbose", o.verbose,
                   "Name every column not mapped to a question (default: how many)");
  command.add_flag("--allow-unknown-labels", o.allow_unknown_labels,
                   "Count answers that match no option as not answered (a warning, not an error)");
  command.add_option("--missing-value", o.missing_values,
                     "A cell value meaning 'not answered' (repeatable; replaces the defaults)");
  command
    .add_option_function<double>(
      "--max-cell-mib",
      [&o](double mib) { o.limits.max_cell_bytes = static_cast<std::size_t>(mib * 1048576.0); },
      "Largest CSV cell accepted, in MiB (default 1)")
    ->check(CLI::Range(0.001, 1024.0));
}

import::ScoreRun run_score_exports(const std::vector<std::string>& paths,
                                   const score::CompiledBank& bank, ExportCliOptions& options){
  options.import.from = options.from == "auto" ? std::nullopt
                                               : import::parse_platform(options.from);
ProgressLine progress;
if (progress.enabled() && !options.quiet) {
  options.import.progress = [&progress](const import::Progress& p) { progress.update(p); };
}
auto run = import::run_exports(paths, bank, options.import);
progress.clear();
if (!options.quiet) {
  std::cerr << import::summarize(run, bank.bank());
}
for (const auto& diagnostic : run.diagnostics.all()) {
  if (!options.quiet || diagnostic.severity == util::Severity::error) {
    std::cerr << util::format_diagnostic(diagnostic) << "\n";
  }
}
if (run.diagnostics.has_errors()) {
  throw Error(fmt::format("{} in the exports; nothing was scored",
                          run.diagnostics.error_count() == 1
                            ? std::string("1 error")
                            : fmt::format("{} errors", run.diagnostics.error_count())));
}
return run;
} // namespace centricity::cli

} // namespace centricity::cli
