#pragma once

// One respondent's answers in the bank's own index space: what answers files,
// the interactive assessment and survey-export importers all produce, and
// what scoring consumes. Indices, not ids, so scoring needs no look-ups.

#include <centricity/util/diagnostics.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace centricity::answers {

// What a respondent did with one question.
enum class AnswerKind : std::uint8_t {
  missing,        // no answer at all (skipped, blank cell)
  value,          // an option with a value: `Answer::option` says which
  not_applicable, // the scale's not-applicable option: left out of scoring
  dont_know,      // the scale's don't-know option: left out of scoring
};

// One answer. `option` is the index into the question's Scale::options (in
// display order) when `kind` is value, not_applicable or dont_know.
struct Answer {
  AnswerKind kind = AnswerKind::missing;
  std::uint16_t option = 0;
};

// A metadata field of a respondent ("role" -> "Executive"), used for groups.
struct Field {
  std::string name;
  std::string value;
};

// One respondent. `answers` has one entry per question, indexed like
// Questionnaire::questions; `fields` keeps the order they were written in.
struct Response {
  std::string respondent;
  std::vector<Field> fields;
  std::vector<Answer> answers;
  util::SourceLoc loc; // where the respondent's entry starts

  // The value of metadata field `name`, or nullptr when absent.
  [[nodiscard]] const std::string* field(std::string_view name) const;
};

} // namespace centricity::answers
