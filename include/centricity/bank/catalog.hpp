#pragma once

// Finding bundled banks: in the build tree, installed, or in
// $CENTRICITY_BANK_PATH, and resolving a BANK argument (a path or a bundled id).

#include <string>
#include <vector>

namespace centricity::bank {

struct BundledBank {
  std::string id;   // the file name without extension
  std::string path; // full path of the bank file
};

// The folders searched for bundled banks, in order: if $CENTRICITY_BANK_PATH
// is set, its colon-separated entries and nothing else; otherwise
// `<exe dir>/share/centricity/questionnaires` (build tree),
// `<exe dir>/../share/centricity/questionnaires` (installed), then the
// compiled-in install folder. Only folders that exist.
[[nodiscard]] std::vector<std::string> bank_folders();

// Every bundled bank (*.yaml, *.yml, *.json directly in a bank folder), sorted
// by id; the first folder wins when two hold the same id.
[[nodiscard]] std::vector<BundledBank> bundled_banks();

// The id of the bank `assess` uses when none is given.
inline constexpr const char* k_default_bank = "customer-centricity";

// `bank` as a file path if such a file exists, else the path of the bundled
// bank with that id, or whose id alone starts with `bank`. Throws
// centricity::Error naming the available ids (or the ambiguous ones).
[[nodiscard]] std::string resolve_bank(const std::string& bank);

} // namespace centricity::bank
