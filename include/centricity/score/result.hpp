#pragma once

// The Result: one versioned JSON document holding everything a report needs
// (docs/result.schema.json). `score` and `assess` produce it; `report` and
// `compare` read it and never re-score.

#include <centricity/score/aggregate.hpp>
#include <centricity/score/assessment.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace centricity::score {

// The value of the Result's "schema" key; bumped on incompatible changes.
inline constexpr const char* k_result_schema = "centricity.result/1";

// Below this many respondents a Result flags a small sample.
inline constexpr std::uint64_t k_small_sample = 10;
// Cronbach's alpha below this is flagged as low internal consistency.
inline constexpr double k_low_alpha = 0.7;

struct ResultOptions {
  std::string generated_at;           // written as is; the engine reads no clock
  std::vector<Target> targets;        // one per ladder (resolve_targets); empty: the bank's
  std::size_t max_disagreements = 10; // per group field, largest first
  // Pairs of group values to contrast ("Executive", "Frontline"), each for
  // the group field that has both values; a field without one contrasts
  // its two largest groups.
  std::vector<std::pair<std::string, std::string>> contrasts;
  // Respondents left out as careless (--exclude-careless), for the record.
  std::uint64_t careless_excluded = 0;
};

// A misconception counts as held by the organisation when the mean item
// score of those who answered it is below this: on average they agree.
inline constexpr double k_misconception_held = 50;

// The Result for `aggregate`: the organisation's stage on every ladder (from
// the mean dimension scores) with trace, risks, gaps and next steps; the
// dimension statistics; groups and their largest disagreements; data quality.
[[nodiscard]] nlohmann::ordered_json make_result(const Aggregate& aggregate,
                                                 const ResultOptions& options);

// The organisation's dimension scores in `accumulator`: each dimension's
// mean over the respondents who have a score, NaN where nobody has one.
[[nodiscard]] std::vector<double> mean_scores(const Accumulator& accumulator,
                                              std::size_t dimensions);

} // namespace centricity::score
