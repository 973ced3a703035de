#pragma once

// LimeSurvey's tab-separated survey structure (.txt, "Tab Separated Values
// format" under Import survey): a group per section, a List (radio) question
// per bank question and an Array per grid, with question codes derived from
// the bank's ids by import::limesurvey_codes(), which the importer uses to
// map "code" and "array[code]" headings back to ids.

#include <centricity/publish/survey.hpp>

#include <string>

namespace centricity::publish {

// `survey` as LimeSurvey TSV (UTF-8 with a byte order mark, LF line ends).
// Throws centricity::Error if two questions end up with one code.
[[nodiscard]] std::string to_limesurvey(const Survey& survey);

} // namespace centricity::publish
