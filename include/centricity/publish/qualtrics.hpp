#pragma once

// Qualtrics survey files (.qsf, the JSON of Survey > Tools > Import/Export):
// a block per section, a multiple-choice question per bank question whose
// export tag is the question id, a Likert matrix per grid whose statements'
// export tags are the question ids. Exports of responses then have the bank's
// ids as their column names (row 1), so `score` matches them by id.

#include <centricity/publish/survey.hpp>

#include <string>

namespace centricity::publish {

// `survey` as a QSF document (indented JSON, newline-terminated). Ids of
// the survey, blocks and response set derive from the bank id and version,
// so the same bank always gives the same file. The bank id and version are
// the survey's description (SurveyEntry.SurveyDescription).
[[nodiscard]] std::string to_qualtrics(const Survey& survey);

} // namespace centricity::publish
