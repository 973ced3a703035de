#pragma once

// The survey-export half of `centricity score`: the options it adds and the
// call that runs them, so cmd_score wires exports in with two calls:
//
//   ExportCliOptions exports;                 // lives as long as the App
//   add_export_options(*sub, exports);        // in setup_score
//   exports.import.group_by = options.group_by;           // if score owns
//   exports.import.respondents_path = options.respondents; // these options
//   auto run = run_score_exports(paths, compiled, exports);   // in run_score
//   ... score::make_result(run.aggregate, result_options) ...
//
// Options `command` already has (score's own --group-by, --respondents) are
// not added again; copy their values into `import` as above.

#include <centricity/import/pipeline.hpp>
#include <centricity/score/compiled.hpp>

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace centricity::cli {

struct ExportCliOptions {
  import::ImportOptions import;
  std::string from = "auto"; // --from; parsed into import.from
  std::string partial;       // --partial: write the mergeable aggregate state here
  bool quiet = false;        // no summary or progress on stderr
};

// Adds --from, --map, --write-map, --id-column, --group-by, --respondents,
// --partial, --threads, --include-preview, --include-spam,
// --include-incomplete, --allow-unknown-labels, --missing-value and
// --max-cell-mib to `command`, bound to `options`, skipping any option name
// `command` already has.
void add_export_options(CLI::App& command, ExportCliOptions& options);

// Scores the exports `paths` against `bank`: prints a per-file summary and
// every diagnostic to stderr (and a progress line when stderr is a TTY),
// then returns the run (the caller writes --partial from its aggregate). Throws centricity::Error
// (ExitCode::data) when the data has errors, such as labels that match no
// option; nothing is written then.
[[nodiscard]] import::ScoreRun run_score_exports(const std::vector<std::string>& paths,
                                                 const score::CompiledBank& bank,
                                                 ExportCliOptions& options);

} // namespace centricity::cli
