#include "targets.hpp"

#include <centricity/answers/loader.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/bank/render.hpp>

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

} // namespace

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
  static const bank::Questionnaire library = [] {
    util::MemoryFileReader reader;
    reader.add("lib.yaml", k_library);
    bank::LoadOptions options;
    options.reader = &reader;
    return bank::load_valid_bank("lib.yaml", options);
  }();
  answers::AnswersResult out;
  answers::parse_answers(std::string_view(reinterpret_cast<const char*>(data), size),
                         "answers.yaml", library, out);
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
  return nullptr;
}

} // namespace centricity::fuzz
