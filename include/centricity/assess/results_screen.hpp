#pragma once

// The end of the assessment: one respondent's answers scored into a Result
// (the same document `score` writes), and the summary shown in the terminal.

#include <centricity/answers/response.hpp>
#include <centricity/assess/screen.hpp>
#include <centricity/score/assessment.hpp>
#include <centricity/score/compiled.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace centricity::assess {

// The Result for `response` alone on `bank` with `targets` (one per ladder,
// from score::resolve_targets; empty: the bank's). Pure: `generated_at` is
// written as given.
[[nodiscard]] nlohmann::ordered_json score_response(const score::CompiledBank& bank,
                                                    const answers::Response& response,
                                                    const std::vector<score::Target>& targets,
                                                    const std::string& generated_at);

// The terminal summary of `result`: the stage on every ladder (with target
// and skipped-step risks), a bar per dimension, the three biggest gaps, the
// three next steps and the say-do gap, wrapped to `style.width`.
[[nodiscard]] std::string render_summary(const nlohmann::ordered_json& result, const Style& style);

} // namespace centricity::assess
