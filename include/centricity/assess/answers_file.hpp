#pragma once

// The answers file `assess` keeps up to date: the answers-file format of
// answers/loader.hpp, so `centricity score` re-scores it and people can edit
// it. The bank is recorded as data (answers/bank_ref.hpp). Answers on a value
// option are written as the value with the label in a comment; not-applicable
// and don't-know as their labels; a skipped question as `~`. Questions not
// reached yet are not listed, which is how --resume tells "skipped" from "not
// reached":
//
//   bank:
//     id: four-tough-questions
//     version: "1.0"
//   respondent: Alice
//   role: CEO
//   answers:
//     # Direct customer contact
//     contact-1: 4  # Agree
//     contact-2: "Not applicable"
//     metrics-1: ~

#include <centricity/answers/response.hpp>
#include <centricity/bank/model.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace centricity::assess {

// What an answers file holds for one respondent.
struct SavedAnswers {
  answers::Response response;
  std::vector<bool> seen; // per question: listed in the file (answered or skipped)
};

// The text of the answers file for `response` on `bank`; `seen` says which
// questions are listed (answered ones always are). The bank is recorded with
// its id and version, and `bank_path` when it is a file (relative to the
// answers file's folder; "" for a bundled bank). The header comment shows how
// to resume and re-score the file, named `path` ("" for THIS-FILE).
[[nodiscard]] std::string format_answers(const bank::Questionnaire& bank,
                                         const answers::Response& response,
                                         const std::vector<bool>& seen,
                                         const std::string& bank_path = {},
                                         const std::string& path = {});

// Writes format_answers() to `path` atomically (temporary file, fsync,
// rename), so an interruption leaves the previous version or the new one.
// Throws centricity::Error (ExitCode::output) on failure.
void save_answers(const std::string& path, const bank::Questionnaire& bank,
                  const answers::Response& response, const std::vector<bool>& seen,
                  const std::string& bank_path = {});

// Parses `text`, the contents of answers file `path`, for --resume. Throws
// centricity::Error (ExitCode::data) with every problem, source lines
// included, if it is not a valid answers file for `bank` or holds more than
// one respondent.
[[nodiscard]] SavedAnswers parse_saved_answers(std::string_view text, const std::string& path,
                                               const bank::Questionnaire& bank);

// Reads `path` and parses it with parse_saved_answers().
[[nodiscard]] SavedAnswers load_saved_answers(const std::string& path,
                                              const bank::Questionnaire& bank);

} // namespace centricity::assess
