#pragma once

// Answers files: YAML or JSON (both read by yaml-cpp, so every problem has a
// line and column). One respondent is a mapping; a file may also hold a list
// of them:
//
//   bank: { id: my-bank, version: "1.0", path: my-bank.yaml }  # optional
//   respondent: alice          # optional; default: the file name (+ "#2"...)
//   role: Executive            # any other scalar key is a group field
//   answers:
//     contact-1: 4             # a value on the question's scale
//     contact-2: Strongly agree  # or a label / alias / "5 - Strongly agree"
//     metrics-1: N/A           # the scale's special options
//     metrics-2: ~             # null: not answered

#include <centricity/answers/response.hpp>
#include <centricity/bank/model.hpp>
#include <centricity/util/diagnostics.hpp>
#include <centricity/util/file_reader.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::answers {

struct AnswersResult {
  std::vector<Response> responses; // in file order; only those without errors
  util::Diagnostics diagnostics;
  util::SourceMap sources;
};

// Parses `text`, the contents of `file`, against `bank`. Every problem is a
// diagnostic: unknown question ids (with a did-you-mean), values not on the
// question's scale, labels matching no option, metadata that is not a scalar,
// duplicate keys. Never throws for problems in the data.
void parse_answers(std::string_view text, const std::string& file, const bank::Questionnaire& bank,
                   AnswersResult& out);

// Reads every file in `paths` ("-" is standard input) and parses it into
// `out`; a respondent id used twice across all files is an error. Unreadable
// files are diagnostics too. `reader` nullptr reads the real file system.
[[nodiscard]] AnswersResult load_answers(const std::vector<std::string>& paths,
                                         const bank::Questionnaire& bank,
                                         const util::FileReader* reader = nullptr);

// One answers file read into memory: its text, or why it could not be read.
struct AnswersText {
  std::string path;
  std::optional<std::string> text;
  std::string error;
};

// load_answers() in two steps, so a command can read which bank the files
// record (answers/bank_ref.hpp) before it loads one: reading every file of
// `paths` once (standard input included), then parsing them against `bank`.
[[nodiscard]] std::vector<AnswersText> read_answers_files(const std::vector<std::string>& paths,
                                                          const util::FileReader* reader = nullptr);
[[nodiscard]] AnswersResult parse_answers_files(const std::vector<AnswersText>& files,
                                                const bank::Questionnaire& bank);

// The largest answers file read (bytes), so a stray multi-GB file is refused.
inline constexpr std::size_t k_max_answers_bytes = 64u * 1024u * 1024u;

} // namespace centricity::answers
