#pragma once

// The bank an answers file was answered on, recorded in the file as data:
//
//   bank:
//     id: four-tough-questions
//     version: "1.0"
//     path: ../banks/mine.yaml   # only for a bank file, from the answers file's folder
//
// so `score` and `assess --resume` find the bank without --bank, and refuse
// a --bank that names another one. A bare `bank: ID` is read as the id.

#include <centricity/bank/model.hpp>
#include <centricity/util/diagnostics.hpp>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::answers {

// One recorded bank.
struct BankRef {
  std::string id;
  std::string version; // "" when not recorded
  std::string path;    // as recorded, "" for a bundled bank
  std::string answers; // the answers file it was read from ("-": standard input)
  util::SourceLoc loc; // where it is recorded
  // Read from the header comment of a file written before the bank was
  // recorded as data; `path` is then the --bank argument as it was typed.
  bool from_comment = false;
};

// Reads the value of a `bank` key of answers file `file` (a mapping of `id`,
// `version` and `path`, or a bare id). Problems are errors in `out`; nullopt
// then.
[[nodiscard]] std::optional<BankRef> parse_bank_ref(const YAML::Node& node, const std::string& file,
                                                    util::Diagnostics& out);

// The banks recorded in answers file `file` whose contents are `text`, one
// per respondent that records one. A file written by `assess` before the
// bank was data gives the bank named in its header comment. Problems in the
// file are left for parse_answers() to report: this reads what it can.
[[nodiscard]] std::vector<BankRef> read_bank_refs(std::string_view text, const std::string& file);

// The bank file `ref` names: its path, relative to the answers file's folder,
// if that file exists, else the bundled bank with its id. Throws
// centricity::Error (ExitCode::data) saying what was looked for if neither.
[[nodiscard]] std::string locate_bank(const BankRef& ref);

// The bank file the answers files of `refs` record, for a command given no
// --bank. Throws centricity::Error (ExitCode::usage) if `refs` is empty or
// they name different banks, and as locate_bank() does.
[[nodiscard]] std::string recorded_bank(const std::vector<BankRef>& refs);

// Checks `bank` against every ref. A different id throws centricity::Error
// (ExitCode::usage) naming `given`, the --bank argument ("" when the bank
// came from the files themselves); a different version adds a warning to
// `out` at the ref's position.
void check_bank_refs(const bank::Questionnaire& bank, const std::vector<BankRef>& refs,
                     const std::string& given, util::Diagnostics& out);

// `bank_file` as answers file `answers_path` records it: relative to the
// answers file's folder where possible, else absolute.
[[nodiscard]] std::string recorded_path(const std::string& bank_file,
                                        const std::string& answers_path);

} // namespace centricity::answers
