#pragma once

// SurveyJS survey JSON: a page per section, a radiogroup per question named
// by its id, a matrix per grid whose rows' values are question ids and whose
// choices carry the option's value (number) or, for "Not applicable" and
// "Don't know", its label. `survey.data` of a completed survey is then an
// object `score` reads without --from: {"id": 4, "grid-x": {"id2": 3}}.

#include <centricity/publish/survey.hpp>

#include <string>

namespace centricity::publish {

// `survey` as SurveyJS JSON (indented, newline-terminated). The bank id and
// version are kept as the calculated values centricityBank and
// centricityBankVersion, which are not part of the results.
[[nodiscard]] std::string to_surveyjs(const Survey& survey);

} // namespace centricity::publish
