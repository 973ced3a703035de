#include "cmd_score.hpp"

#include "report_output.hpp"
#include "score_exports.hpp"

#include <centricity/answers/bank_ref.hpp>
#include <centricity/answers/loader.hpp>
#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/import/formats.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/import/source.hpp>
#include <centricity/report/charts.hpp>
#include <centricity/report/html.hpp>
#include <centricity/report/render.hpp>
#include <centricity/report/respondents.hpp>
#include <centricity/report/template.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <utility>

namespace centricity::cli {

namespace {

struct ScoreOptions {
  std::vector<std::string> answers; // answers files or survey exports
  ExportCliOptions exports;
  std::string bank;
  std::string output;
  std::string format;
  std::vector<std::string> targets;
  std::vector<std::string> group_by;
  std::string respondents;
  std::string generated_at;
  std::string charts;
  std::string template_file;
  std::vector<std::string> contrasts; // --contrast A:B
  bool exclude_careless = false;
};

// --contrast "Executive:Front line" as a pair; the values may hold spaces but
// not a colon.
std::vector<std::pair<std::string, std::string>>
parse_contrasts(const std::vector<std::string>& specs)
{
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& spec : specs) {
    const auto colon = spec.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()
        || spec.find(':', colon + 1) != std::string::npos) {
      throw Error(fmt::format("--contrast {}: give two group values as A:B, for example "
                              "--contrast 'Executive:Front line'",
                              spec),
                  ExitCode::usage);
    }
    out.emplace_back(spec.substr(0, colon), spec.substr(colon + 1));
  }
  return out;
}

// The value of field `name` of `response`, compared after folding case and
// white space as export columns are, or nullptr.
const std::string* folded_field(const answers::Response& response, const std::string& name)
{
  const std::string wanted = util::fold_label(name);
  for (const auto& field : response.fields) {
    if (util::fold_label(field.name) == wanted) {
      return &field.value;
    }
  }
  return nullptr;
}

// Group fields must exist on some respondent: a typo would otherwise put
// everyone in one "(not given)" group without a word. Case and white space
// do not matter (--group-by role finds Role), as for export columns.
void check_group_fields(const std::vector<std::string>& fields,
                        const std::vector<answers::Response>& responses)
{
  std::vector<std::string> known;
  for (const auto& response : responses) {
    for (const auto& field : response.fields) {
      if (std::find(known.begin(), known.end(), field.name) == known.end()) {
        known.push_back(field.name);
      }
    }
  }
  for (const auto& field : fields) {
    const bool found = std::any_of(known.begin(), known.end(), [&](const std::string& name) {
      return util::fold_label(name) == util::fold_label(field);
    });
    if (!found) {
      std::string list;
      for (const auto& name : known) {
        list += list.empty() ? name : ", " + name;
      }
      throw Error(fmt::format("--group-by {}: no respondent has this field{}{}", field,
                              util::did_you_mean(field, known),
                              known.empty() ? std::string(" (the answers have no fields)")
                                            : fmt::format(" (fields: {})", list)),
                  ExitCode::usage);
    }
  }
}

// The --where filters of answers files read the respondents' fields, as
// --group-by does; a field no respondent has is a usage error naming the
// files, as a column an export lacks is.
std::vector<import::ColumnFilter> answer_filters(const std::vector<std::string>& specs,
                                                 const std::vector<answers::Response>& responses)
{
  auto filters = import::parse_row_filters(specs);
  std::vector<std::string> known;
  std::vector<std::string> files;
  for (const auto& response : responses) {
    if (std::find(files.begin(), files.end(), response.loc.file) == files.end()) {
      files.push_back(response.loc.file);
    }
    for (const auto& field : response.fields) {
      if (std::find(known.begin(), known.end(), field.name) == known.end()) {
        known.push_back(field.name);
      }
    }
  }
  for (const auto& filter : filters) {
    const std::string wanted = util::fold_label(filter.column);
    if (std::any_of(known.begin(), known.end(),
                    [&](const std::string& name) { return util::fold_label(name) == wanted; })) {
      continue;
    }
    std::string names;
    for (const auto& file : files) {
      names += fmt::format("{}'{}'", names.empty() ? "" : ", ", file);
    }
    std::string list;
    for (const auto& name : known) {
      list += list.empty() ? name : ", " + name;
    }
    throw Error(fmt::format("--where '{}': no respondent in {} has this field{}{}", filter.column,
                            names, util::did_you_mean(filter.column, known),
                            known.empty() ? std::string(" (the answers have no fields)")
                                          : fmt::format(" (fields: {})", list)),
                ExitCode::usage);
  }
  return filters;
}

// A hint when standard input failed as an answers file but looks like a CSV
// export (a first line of several commas or tabs that starts no YAML
// comment, mapping or list): "-" is read as YAML unless --from says otherwise.
std::string stdin_hint(const std::vector<answers::AnswersText>& texts,
                       const util::Diagnostics& diagnostics)
{
  const bool stdin_failed =
    std::any_of(diagnostics.all().begin(), diagnostics.all().end(), [](const auto& d) {
      return d.severity == util::Severity::error && d.loc.file == "-";
    });
  for (const auto& text : texts) {
    if (text.path != "-" || !text.text || !stdin_failed) {
      continue;
    }
    const std::string_view first =
      std::string_view(*text.text).substr(0, std::min(text.text->find('\n'), text.text->size()));
    const auto separators =
      std::count(first.begin(), first.end(), ',') + std::count(first.begin(), first.end(), '\t');
    if (separators >= 2 && first.find_first_of("#{[-") != 0) {
      return " (standard input is read as an answers file; for a CSV export add --from csv)";
    }
  }
  return {};
}

// True if `path` is a survey export rather than an answers file: by --from,
// else by extension (.csv .tsv .txt .xlsx .jsonl). A .json file is an answers
// file unless it holds survey results (SurveyJS: question ids, or a matrix's
// statements, as keys, no "answers" mapping) or --from says otherwise.
bool is_export(const std::string& path, const std::string& from,
               const std::vector<std::string>& question_ids,
               const std::vector<std::string>& question_texts)
{
  if (from != "auto") {
    return true;
  }
  const auto dot = path.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : util::to_lower(path.substr(dot));
  if (ext == ".json" && path != "-") {
    try {
      // The first record decides, and it is in the first MiB.
      auto source = import::open_file(path);
      std::string head(std::size_t{1} << 20U, '\0');
      std::size_t got = 0;
      while (got < head.size()) {
        const std::size_t n = source->read(head.data() + got, head.size() - got);
        if (n == 0) {
          break;
        }
        got += n;
      }
      head.resize(got);
      return import::is_survey_results_json(head, question_ids, question_texts);
    } catch (const Error&) {
      return false; // unreadable: the answers loader reports it
    }
  }
  return ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".xlsx" || ext == ".jsonl";
}

// Writes the mergeable state of `aggregate` to --partial (if given), then
// the summary, the report or the Result for it. A shard run with --partial
// and neither -o nor --to writes the partial only: its summary would be one
// shard's, not the organisation's.
int emit(const ScoreOptions& options, const std::optional<report::Format>& format,
         const score::Aggregate& aggregate, const score::ResultOptions& result_options)
{
  if (!options.exports.partial.empty()) {
    util::write_file_atomic(options.exports.partial, aggregate.save().dump() + "\n");
    if (!format) {
      return static_cast<int>(ExitCode::ok);
    }
  }
  const auto result = score::make_result(aggregate, result_options);
  if (!format && options.respondents == "-") {
    return static_cast<int>(ExitCode::ok); // standard output holds the rows
  }
  if (!format) {
    std::ostringstream out;
    report::render_summary(result, out);
    util::write_file_atomic("-", out.str());
  } else {
    write_report(result, nullptr, *format, {options.output, options.template_file, options.charts});
  }
  return static_cast<int>(ExitCode::ok);
}

int run_score(ScoreOptions& options)
{
  // Usage problems first, before any file is read.
  std::optional<report::Format> format; // none: the summary only
  if (!options.format.empty() || !options.output.empty()) {
    format = choose_format("score", options.format, options.output,
                           {report::Format::markdown, report::Format::html, report::Format::json},
                           report::Format::json);
  }
  if (!options.template_file.empty() && (!format || *format == report::Format::json)) {
    throw Error("--template makes a report: add -o report.md, -o report.html or --to md",
                ExitCode::usage);
  }
  if (!options.charts.empty() && !format) {
    throw Error("--charts goes with a report or a Result: add -o report.md or -o report.html",
                ExitCode::usage);
  }
  std::optional<report::TableFormat> table;
  if (options.respondents == "-") {
    if (format && (options.output.empty() || options.output == "-")) {
      throw Error("--respondents - and the report both write to standard output: give one of "
                  "them a file (-o result.json)",
                  ExitCode::usage);
    }
    table = report::TableFormat::csv;
  } else if (!options.respondents.empty()) {
    table = report::table_format_for(options.respondents);
  }
  const std::string timestamp = generated_at(options.generated_at);

  // A .json input is a SurveyJS results export when its first record is
  // keyed by the bank's question ids, so a bank named on the command line is
  // loaded first; without one, answers files name their bank (below).
  std::unique_ptr<score::CompiledBank> compiled;
  std::vector<std::string> question_ids;
  std::vector<std::string> question_texts;
  if (!options.bank.empty()) {
    compiled = std::make_unique<score::CompiledBank>(
      bank::load_valid_bank(bank::resolve_bank(options.bank)));
    for (const auto& question : compiled->bank().questions) {
      question_ids.push_back(question.id);
      question_texts.push_back(question.text);
    }
  }
  const auto exports =
    std::count_if(options.answers.begin(), options.answers.end(), [&](const auto& p) {
      return is_export(p, options.exports.from, question_ids, question_texts);
    });
  if (exports > 0 && static_cast<std::size_t>(exports) != options.answers.size()) {
    throw Error("give either answers files or survey exports, not both (score them apart and "
                "compare the Results)",
                ExitCode::usage);
  }
  if (exports > 0 && options.bank.empty()) {
    throw Error("--bank is required for survey exports: name the bank file or a bundled bank id",
                ExitCode::usage);
  }
  // Answers files are read first: they say which bank they answer.
  std::vector<answers::AnswersText> texts;
  std::vector<answers::BankRef> refs;
  if (exports == 0) {
    texts = answers::read_answers_files(options.answers);
    for (const auto& text : texts) {
      if (text.text) {
        auto found = answers::read_bank_refs(*text.text, text.path);
        refs.insert(refs.end(), found.begin(), found.end());
      }
    }
  }
  const std::string bank_path =
    options.bank.empty() ? answers::recorded_bank(refs) : bank::resolve_bank(options.bank);
  std::vector<std::string> inputs = options.answers;
  inputs.push_back(bank_path);
  inputs.push_back(options.exports.import.map_path);
  inputs.push_back(options.template_file);
  for (const auto& output : {options.output, options.respondents, options.exports.partial,
                             options.exports.import.write_map_path}) {
    refuse_overwrite(output, inputs);
  }

  if (!compiled) {
    compiled = std::make_unique<score::CompiledBank>(bank::load_valid_bank(bank_path));
  }
  const score::CompiledBank& bank = *compiled;
  util::Diagnostics bank_notes;
  answers::check_bank_refs(bank.bank(), refs, options.bank, bank_notes);
  if (!options.exports.quiet) {
    for (const auto& note : bank_notes.all()) {
      std::cerr << util::format_diagnostic(note) << "\n";
    }
  }
  const auto targets = score::resolve_targets(bank, options.targets);
  score::ResultOptions result_options;
  result_options.generated_at = timestamp;
  result_options.targets = targets;
  result_options.contrasts = parse_contrasts(options.contrasts);
  if (!options.contrasts.empty() && options.group_by.empty()) {
    throw Error("--contrast compares two groups: add --group-by FIELD", ExitCode::usage);
  }

  if (exports > 0) {
    options.exports.import.group_by = options.group_by;
    options.exports.import.exclude_careless = options.exclude_careless;
    options.exports.import.respondents_path = options.respondents;
    const auto run = run_score_exports(options.answers, bank, options.exports);
    std::uint64_t rows = 0;
    for (const auto& file : run.files) {
      result_options.careless_excluded += file.careless;
      rows += file.rows;
    }
    if (run.aggregate.total().respondents() == 0) {
      // A Result of nobody would still place "the organisation" on every
      // ladder's starting point.
      throw Error(fmt::format("no respondent to score: {} left out of the exports (the notes "
                              "above say why)",
                              rows == 1 ? std::string("the 1 row was")
                                        : fmt::format("all {} rows were", rows)));
    }
    return emit(options, format, run.aggregate, result_options);
  }

  const auto loaded = answers::parse_answers_files(texts, bank.bank());
  for (const auto& diagnostic : loaded.diagnostics.all()) {
    if (!options.exports.quiet || diagnostic.severity == util::Severity::error) {
      std::cerr << util::format_diagnostic(diagnostic, loaded.sources);
    }
  }
  if (loaded.diagnostics.has_errors()) {
    const std::size_t errors = loaded.diagnostics.error_count();
    throw Error(fmt::format("{} error{} in the answers; nothing was scored{}", errors,
                            errors == 1 ? "" : "s", stdin_hint(texts, loaded.diagnostics)));
  }
  if (loaded.responses.empty()) {
    throw Error("no respondents to score");
  }
  check_group_fields(options.group_by, loaded.responses);
  const auto filters = answer_filters(options.exports.import.where, loaded.responses);
  // Respondents --where left out, per answers file in the order read.
  std::vector<std::pair<std::string, std::size_t>> filtered;
  std::size_t filtered_total = 0;

  score::Aggregate aggregate(bank, options.group_by);
  std::ostringstream rows;
  std::optional<report::RespondentWriter> writer;
  if (table) {
    // Every metadata field any respondent has, in order of first appearance.
    std::vector<std::string> fields;
    for (const auto& response : loaded.responses) {
      for (const auto& field : response.fields) {
        if (std::find(fields.begin(), fields.end(), field.name) == fields.end()) {
          fields.push_back(field.name);
        }
      }
    }
    writer.emplace(rows, *table, bank, std::move(fields));
  }
  score::RespondentScores scores;
  std::vector<std::string_view> values(options.group_by.size());
  for (const auto& response : loaded.responses) {
    const bool kept = std::all_of(filters.begin(), filters.end(), [&](const auto& filter) {
      const std::string* value = folded_field(response, filter.column);
      return filter.holds(value == nullptr ? std::string() : util::fold_label(*value));
    });
    if (!kept) {
      if (filtered.empty() || filtered.back().first != response.loc.file) {
        filtered.emplace_back(response.loc.file, 0);
      }
      ++filtered.back().second;
      ++filtered_total;
      continue;
    }
    score::score_respondent(bank, response.answers, scores);
    if (options.exclude_careless && scores.careless != 0) {
      ++result_options.careless_excluded;
      continue;
    }
    for (std::size_t f = 0; f < options.group_by.size(); ++f) {
      const std::string* value = folded_field(response, options.group_by[f]);
      values[f] = value == nullptr ? std::string_view() : std::string_view(*value);
    }
    aggregate.add(response.answers, values, scores);
    if (writer) {
      writer->write(response, scores);
    }
  }

  if (!options.exports.quiet) {
    for (const auto& [file, count] : filtered) {
      std::cerr << fmt::format("{}: note: excluded {} respondent{} by {}\n", file, count,
                               count == 1 ? "" : "s",
                               import::describe_row_filters(options.exports.import.where));
    }
  }
  if (filtered_total == loaded.responses.size()) {
    throw Error(fmt::format("no respondent to score: {} left out all {}",
                            import::describe_row_filters(options.exports.import.where),
                            loaded.responses.size()));
  }
  if (aggregate.total().respondents() == 0) {
    throw Error(fmt::format("all {} respondents answered carelessly and were left out "
                            "(--exclude-careless); nothing to score",
                            loaded.responses.size()));
  }
  if (table) {
    util::write_file_atomic(options.respondents, rows.str());
  }
  return emit(options, format, aggregate, result_options);
}

} // namespace

Command setup_score(CLI::App& app)
{
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* sub =
    app.add_subcommand("score", "Score answers files or survey exports into a result or a report");
  sub
    ->add_option("INPUT", options->answers,
                 "Answers files (YAML or JSON; - reads standard input) or survey exports (.csv, "
                 ".xlsx, .jsonl, or any file with --from)")
    ->required();
  sub->add_option("-b,--bank", options->bank,
                  "The question bank: a file or a bundled bank id (default for answers files: "
                  "the bank they name)");
  sub->add_option(
    "-o,--output", options->output,
    "Write the Result (.json) or the report (.md, .html) here; - for standard output. "
    "Without it, a short summary is printed");
  sub->add_option("--to,--format", options->format,
                  "md, html or json (default: by the extension of -o; json with -o -)");
  sub->add_option(
    "--target", options->targets,
    "The stage to aim for: STAGE or LADDER:STAGE (overrides the bank's target; repeatable)");
  sub->add_option("--group-by", options->group_by,
                  "Compare groups by this respondent field (e.g. role); repeatable");
  sub->add_option("--contrast", options->contrasts,
                  "Contrast two groups of a --group-by field in the report, as A:B (e.g. "
                  "'Executive:Front line'); default: the two largest groups");
  sub->add_flag("--exclude-careless", options->exclude_careless,
                "Leave out respondents who answered nearly everything alike or agreed with "
                "statements and their opposites");
  sub->add_option("--respondents", options->respondents,
                  "Also write one row per respondent to this .csv or .jsonl file ('-': CSV on "
                  "standard output)");
  sub->add_option("--generated-at", options->generated_at,
                  "The time recorded in the Result (RFC 3339), for reproducible output");
  sub->add_option("--template", options->template_file,
                  "Render the report through this Mustache template (see templates.md in the "
                  "documentation, man centricity)");
  sub->add_option("--charts", options->charts,
                  "Also write the report's charts as SVG files into this folder");
  sub->add_flag("-q,--quiet", options->exports.quiet,
                "Print errors only: no per-file summary, notes, warnings or progress");
  add_export_options(*sub, options->exports);
  sub->footer(
    examples(
      {"centricity score centricity-answers.yaml   # on the bank the file names",
       "centricity score answers/*.yaml --bank customer-centricity",
       "centricity score team.yaml --bank customer-centricity -o result.json",
       "centricity score team.yaml -b customer-centricity -o report.md --group-by role",
       "centricity score team.yaml -b customer-centricity --target journey:matrix -o report.md",
       "centricity score responses.csv -b customer-centricity --group-by Role "
       "--respondents scores.csv -o result.json",
       "centricity score part-1.csv -b my-bank.yaml --partial part-1.part.json"})
    + "\nExit status: 0 scored, 2 usage error, 3 invalid bank or answers, 4 an output "
      "could not be written.\n");
  return {sub, [options] { return run_score(*options); }};
}

} // namespace centricity::cli
