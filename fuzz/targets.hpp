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

// The target named `name` ("bank_loader", "answers_loader"), or nullptr.
using Target = void (*)(const std::uint8_t*, std::size_t);
[[nodiscard]] Target find_target(std::string_view name);

} // namespace centricity::fuzz
