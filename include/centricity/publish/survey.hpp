#pragma once

// A bank laid out as a survey, the same for every platform: sections (one per
// run of questions on a dimension, or of choice questions), each holding
// items, an item being one question or a grid of the section's questions that
// share a scale. The platform writers (qualtrics.hpp, limesurvey.hpp, ...)
// only spell this layout in their own format.

#include <centricity/bank/model.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace centricity::publish {

// A question the bank does not have, asked so that exports can be grouped:
// `--ask role=Executive,Manager,Front line` becomes a required single choice
// named `name` whose column `score --group-by name` finds.
struct GroupQuestion {
  std::string name;
  std::vector<std::string> options;
};

// One thing a respondent answers: a single question, or a grid (matrix) of
// questions answered on one scale. `questions` index Questionnaire::questions.
struct Item {
  const bank::Scale* scale = nullptr;
  std::vector<std::size_t> questions;
  [[nodiscard]] bool grid() const { return questions.size() > 1; }
};

// A page of the survey: the questions of one dimension (titled by it), or the
// choice questions that set targets ("The leadership's choice").
struct Section {
  std::string key; // the dimension id, or "choice" for choice questions
  std::string title;
  std::string description;
  std::vector<Item> items;
};

struct Survey {
  const bank::Questionnaire* bank = nullptr;
  std::vector<GroupQuestion> ask;
  std::vector<Section> sections;
};

// The section title of choice questions, as `assess` shows it.
inline constexpr const char* k_choice_section = "The leadership's choice";

// The most points a range scale is asked as a choice among its numbers
// (an NPS 0-10 question); a larger range is entered as a number.
inline constexpr std::size_t k_max_choice_points = 11;

// True if questions on `scale` are answered by entering a number (a slider,
// a number field): a range of more than k_max_choice_points points.
[[nodiscard]] bool entered_as_number(const bank::Scale& scale);

// Parses `--ask` values ("role=Executive,Manager,Front line"). Throws
// centricity::Error (ExitCode::usage) with the offending value when a name is
// not letters and digits starting with a letter (at most 20), names a question
// of `bank` or another --ask, or has fewer than two distinct options.
[[nodiscard]] std::vector<GroupQuestion> parse_ask(const std::vector<std::string>& specs,
                                                   const bank::Questionnaire& bank);

// Lays `bank` out as a survey with group questions `ask` first. Sections
// follow the bank's question order; within a section, questions sharing a
// scale form one grid at the place of the first of them when `grids` is
// true and there are at least two of them (a question with the text of one
// of the grid's rows, or on a range scale, stays out of it).
[[nodiscard]] Survey plan_survey(const bank::Questionnaire& bank, std::vector<GroupQuestion> ask,
                                 bool grids);

// The help texts of the questions of grid `item`, as one text for a grid's
// description: "Why these questions matter:" and one "- statement — help"
// line per question with a help text; empty if none has one.
[[nodiscard]] std::string grid_help(const Survey& survey, const Item& item);

// How platforms store an answer on `option`: its value (a JSON integer when
// whole, so that exports write "4", not "4.0") or, for not-applicable and
// don't-know, its label. Either reads back through the scale's matcher.
[[nodiscard]] nlohmann::ordered_json answer_value(const bank::ScaleOption& option);

// Names for grids: "grid-<section key>", with "-2", "-3"... for the second
// and later grids of a key, never equal to a question id or group name.
// One per item of every section, empty for items that are not grids.
[[nodiscard]] std::vector<std::vector<std::string>> grid_names(const Survey& survey);

} // namespace centricity::publish
