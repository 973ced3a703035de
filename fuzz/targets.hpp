#pragma once

// The fuzz targets' bodies, shared by the libFuzzer executables (built with
// -DCENTRICITY_FUZZ=ON and clang) and by the unit test that replays every
// input in tests/data/fuzz-regressions/ in the normal build.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace centricity::fuzz {

// Loads `data` as a bank (it may include "lib.yaml", which holds a small
// valid bank) and, when it is valid, renders it as markdown and JSON.
void bank_loader(const std::uint8_t* data, std::size_t size);

// Parses `data` as an answers file against a small fixed bank.
void answers_loader(const std::uint8_t* data, std::size_t size);

// Scores `data` as a survey export against a small fixed bank, all in
// memory: as a CSV-like file (every platform's detection, the CSV reader,
// mapping, labels, scoring), as an XLSX file, or as SurveyJS JSON / JSONL
// (the first byte chooses).
void export_csv(const std::uint8_t* data, std::size_t size);
void export_xlsx(const std::uint8_t* data, std::size_t size);
void export_json(const std::uint8_t* data, std::size_t size);

// Renders `data` as a Mustache template over a fixed Result (with itself as
// the previous Result).
void template_renderer(const std::uint8_t* data, std::size_t size);

// Reads `data` as a saved Result (the bounded JSON reader and the field
// checks), and renders what passes as markdown, HTML, the terminal summary,
// a template and a comparison with itself.
void result_reader(const std::uint8_t* data, std::size_t size);

// Reads `data` as an aggregate saved by score --partial for the fixed bank
// and merges it with itself and with a real one, as merge does.
void aggregate_loader(const std::uint8_t* data, std::size_t size);

// The target named `name` ("bank_loader", "answers_loader", "export_csv", ...), or nullptr.
using Target = void (*)(const std::uint8_t*, std::size_t);
[[nodiscard]] Target find_target(std::string_view name);

} // namespace centricity::fuzz
