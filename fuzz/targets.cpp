#include "targets.hpp"

#include <centricity/answers/loader.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/bank/render.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/report/charts.hpp>
#include <centricity/report/compare.hpp>
#include <centricity/report/render.hpp>
#include <centricity/report/result_file.hpp>
#include <centricity/report/template.hpp>
#include <centricity/score/aggregate.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/json.hpp>

#include <optional>
#include <sstream>
#include <string>

namespace centricity::fuzz {

namespace {

const char* const k_library = R"(id: lib
title: Library
version: "1"
scales:
  - id: agree
    options:
      - { value: 1, label: Disagree, aliases: ["1 - Disagree"] }
      - { value: 3, label: Neutral }
      - { value: 5, label: Agree }
      - { special: not-applicable, label: N/A }
      - { special: dont-know, label: Don't know }
dimensions:
  - { id: d, title: D }
  - { id: e, title: E, pass_mark: 50 }
questions:
  - { id: q1, dimension: d, scale: agree, text: One, help: h }
  - { id: q2, dimension: d, scale: agree, text: Two, help: h, reverse: true }
  - { id: q3, dimension: e, scale: agree, text: Three, help: h, kind: belief, weight: 2 }
  - { id: q4, dimension: e, scale: agree, text: Four, help: h }
ladders:
  - id: l
    title: L
    target: s2
    stages:
      - { id: s0, title: Start }
      - { id: s1, title: One, criteria: [{ dimension: d, min: 50 }] }
      - { id: s2, title: Two, criteria: [{ dimension: e, min: 75 }] }
recommendations:
  - { id: r1, dimension: d, band: [0, 50], text: Low }
  - { id: r2, dimension: d, band: [50, 100], text: High }
  - { id: r3, dimension: e, text: All }
  - { id: r4, ladder: l, stage: s2, text: Climb }
)";

const bank::Questionnaire& library_bank()
{
  static const bank::Questionnaire library = [] {
    util::MemoryFileReader reader;
    reader.add("lib.yaml", k_library);
    bank::LoadOptions options;
    options.reader = &reader;
    return bank::load_valid_bank("lib.yaml", options);
  }();
  return library;
}

// Scores `data` as the survey export `name` (its extension decides how it is
// read, unless `from` is given) with one worker thread, all in memory. Data
// errors are expected and end in centricity::Error; anything else is a bug.
void score_export(const std::uint8_t* data, std::size_t size, const std::string& name,
                  std::optional<import::Platform> from)
{
  static const score::CompiledBank compiled(library_bank());
  import::ImportOptions options;
  options.from = from;
  options.threads = 1;
  options.chunk_bytes = 4096; // small chunks: exercise records across chunk boundaries
  options.limits.max_cell_bytes = 1u << 16U;
  options.max_document_bytes = 1u << 22U;
  std::string text(reinterpret_cast<const char*>(data), size);
  options.open = [&text](const std::string&) { return import::string_source(text); };
  try {
    const auto run = import::run_exports({name}, compiled, options);
    (void)import::summarize(run, compiled.bank());
  } catch (const Error&) {
    // a clear, positioned error for bad input: what the target expects
  }
}

} // namespace

void export_csv(const std::uint8_t* data, std::size_t size)
{
  score_export(data, size, "export.csv", std::nullopt);
}

void export_xlsx(const std::uint8_t* data, std::size_t size)
{
  score_export(data, size, "export.xlsx", std::nullopt);
}

void export_json(const std::uint8_t* data, std::size_t size)
{
  // The first byte picks the reader, so one corpus covers both JSON forms.
  if (size == 0) {
    return;
  }
  const auto from = (data[0] & 1U) != 0 ? import::Platform::jsonl : import::Platform::surveyjs;
  score_export(data + 1, size - 1, "export.json", from);
}

namespace {

// A Result of three respondents in two groups, with hostile text in a
// group value, and its aggregate, built once.
const score::Aggregate& fixed_aggregate()
{
  static const score::Aggregate aggregate = [] {
    static const score::CompiledBank compiled(library_bank());
    answers::AnswersResult parsed;
    answers::parse_answers(R"(- respondent: a
  role: "<script>{{x}}</script>"
  answers: { q1: Agree, q2: Disagree, q3: Agree, q4: Neutral }
- respondent: b
  role: lead
  answers: { q1: Neutral, q2: N/A, q3: Disagree, q4: Agree }
- respondent: c
  role: lead
  answers: { q1: Disagree, q3: Agree }
)",
                           "fuzz-answers.yaml", compiled.bank(), parsed);
    score::Aggregate out(compiled, {"role"});
    for (const auto& response : parsed.responses) {
      out.add(response);
    }
    return out;
  }();
  return aggregate;
}

const nlohmann::ordered_json& fixed_result()
{
  static const nlohmann::ordered_json result = [] {
    static const score::CompiledBank compiled(library_bank());
    score::ResultOptions options;
    options.generated_at = "2026-01-01T00:00:00Z";
    options.targets = score::resolve_targets(compiled, {});
    return score::make_result(fixed_aggregate(), options);
  }();
  return result;
}

} // namespace

void template_renderer(const std::uint8_t* data, std::size_t size)
{
  const nlohmann::ordered_json& result = fixed_result();
  try {
    (void)report::render_template(std::string(reinterpret_cast<const char*>(data), size), result,
                                  &result, "fuzz.mustache");
  } catch (const Error&) {
    // an unclosed section or similar: reported, as expected
  }
}

void result_reader(const std::uint8_t* data, std::size_t size)
{
  try {
    const auto result =
      report::parse_result(std::string_view(reinterpret_cast<const char*>(data), size), "r.json");
    std::ostringstream out;
    for (const auto format :
         {report::Format::markdown, report::Format::html, report::Format::json}) {
      report::render(result, format, out, &result);
    }
    report::render_summary(result, out);
    (void)report::render_template("{{{report}}}{{#ladders}}{{{stage.title}}}{{/ladders}}", result,
                                  &fixed_result(), "fuzz.mustache");
    const auto comparison = report::compare_results(fixed_result(), result);
    report::render_comparison_markdown(comparison, out);
    (void)report::comparison_to_json(comparison).dump();
    (void)report::build_charts(result, &result);
  } catch (const Error&) {
    // not a Result, or a damaged one: reported, as expected
  }
}

void aggregate_loader(const std::uint8_t* data, std::size_t size)
{
  static const score::CompiledBank compiled(library_bank());
  try {
    const auto state = util::read_json_file(
      std::string_view(reinterpret_cast<const char*>(data), size), "a.part.json", {64, 2'000'000});
    score::Aggregate merged = score::Aggregate::load(compiled, state);
    merged.merge(score::Aggregate::load(compiled, state));
    merged.merge(fixed_aggregate());
    score::ResultOptions options;
    options.generated_at = "2026-01-01T00:00:00Z";
    (void)score::make_result(merged, options).dump();
  } catch (const Error&) {
    // damaged, or for another bank: reported, as expected
  }
}

void bank_loader(const std::uint8_t* data, std::size_t size)
{
  util::MemoryFileReader reader;
  reader.add("bank.yaml", std::string(reinterpret_cast<const char*>(data), size));
  reader.add("lib.yaml", k_library);
  bank::LoadOptions options;
  options.reader = &reader;
  const auto result = bank::load_bank("bank.yaml", options);
  for (const auto& diagnostic : result.diagnostics.all()) {
    (void)util::format_diagnostic(diagnostic, result.sources);
  }
  if (result.bank && !result.diagnostics.has_errors()) {
    std::ostringstream out;
    bank::render_markdown(*result.bank, out);
    (void)bank::to_json(*result.bank).dump();
  }
}

void answers_loader(const std::uint8_t* data, std::size_t size)
{
  answers::AnswersResult out;
  answers::parse_answers(std::string_view(reinterpret_cast<const char*>(data), size),
                         "answers.yaml", library_bank(), out);
  for (const auto& diagnostic : out.diagnostics.all()) {
    (void)util::format_diagnostic(diagnostic, out.sources);
  }
}

Target find_target(std::string_view name)
{
  if (name == "bank_loader") {
    return bank_loader;
  }
  if (name == "answers_loader") {
    return answers_loader;
  }
  if (name == "export_csv") {
    return export_csv;
  }
  if (name == "export_xlsx") {
    return export_xlsx;
  }
  if (name == "export_json") {
    return export_json;
  }
  if (name == "template_renderer") {
    return template_renderer;
  }
  if (name == "result_reader") {
    return result_reader;
  }
  if (name == "aggregate_loader") {
    return aggregate_loader;
  }
  return nullptr;
}

} // namespace centricity::fuzz
