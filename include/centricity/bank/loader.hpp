#pragma once

// Loading a bank from YAML or JSON (both read by yaml-cpp, so every problem
// carries a line and column), expanding includes and checking it.

#include <centricity/bank/model.hpp>
#include <centricity/util/diagnostics.hpp>
#include <centricity/util/file_reader.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace centricity::bank {

// Resource limits for untrusted bank files (docs/security.md).
struct Limits {
  std::size_t max_file_bytes = 16u * 1024u * 1024u; // per file
  std::size_t max_nodes = 250'000;                  // YAML nodes visited, aliases expanded
  std::size_t max_include_depth = 16;
  std::size_t max_includes = 256; // files in one bank, the bank itself included
};

struct LoadOptions {
  const util::FileReader* reader = nullptr; // nullptr: the real file system
  // Folders includes may point into besides the including bank's own folder
  // tree (the bundled banks folder).
  std::vector<std::string> include_roots;
  Limits limits;
};

struct LoadResult {
  // Set when the bank could be read far enough to build a model; it may still
  // carry errors (see `diagnostics`), so check has_errors() before using it.
  std::optional<Questionnaire> bank;
  util::Diagnostics diagnostics;
  util::SourceMap sources; // the text of every file read, for caret display
};

// Loads the bank at `path` with its includes, then runs every check in
// validate.hpp. Never throws for problems in the data: they are diagnostics.
[[nodiscard]] LoadResult load_bank(const std::string& path, const LoadOptions& options = {});

// Loads `path` and throws centricity::Error listing the errors (with source
// lines) if it is not valid. Warnings are ignored.
[[nodiscard]] Questionnaire load_valid_bank(const std::string& path,
                                            const LoadOptions& options = {});

} // namespace centricity::bank
