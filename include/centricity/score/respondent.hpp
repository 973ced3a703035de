#pragma once

// Scoring one respondent: dimension scores and the stage reached on every
// ladder. The hot path of batch scoring, so it allocates nothing once `out`
// has been sized by a first call.

#include <centricity/answers/response.hpp>
#include <centricity/score/compiled.hpp>

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace centricity::score {

inline constexpr double k_no_score = std::numeric_limits<double>::quiet_NaN();

// RespondentScores::careless bits.
// The same option (by position on its scale) on at least 90% of at least
// 10 questions answered with a value.
inline constexpr std::uint8_t k_straight_lining = 1;
// Agreeing (the top quarter of the scale, before reverse keying) with at
// least 80% of the statements and at least 80% of their reverse-keyed
// opposites, with at least 3 of each answered.
inline constexpr std::uint8_t k_acquiescent = 2;

// One respondent's scores. Reuse one object across respondents.
struct RespondentScores {
  // Per dimension: the weighted mean of the 0-100 scores of its answered
  // questions, or NaN ("insufficient data") below the dimension's
  // min_answered. Check with std::isnan, never compare with 0.
  std::vector<double> dimensions;
  std::vector<std::uint32_t> answered; // per dimension: questions answered with a value
  // Per dimension: the code of its answer pattern (CompiledDimension), or
  // k_no_pattern when it has no pattern codes or an answer is N/A or don't
  // know.
  std::vector<std::uint32_t> patterns;
  std::vector<std::uint32_t> stages; // per ladder: the stage reached (0 = starting point)
  // Per ladder: 1 if the first stage not reached failed on a dimension
  // without a score, so more answers might have placed the respondent higher.
  std::vector<std::uint8_t> limited;
  // The say-do pair (docs/scoring.md): the weighted mean over the answered
  // beliefs that profess a measured dimension, and over the answered
  // practice questions of measured dimensions.
  double belief = k_no_score;
  double practice = k_no_score;
  std::uint8_t careless = 0; // k_straight_lining | k_acquiescent
};

// Scores `answers` (one per question, indexed like the bank's questions)
// into `out`. Not-applicable, don't-know and missing answers are left out;
// reverse keys and weights are applied.
void score_respondent(const CompiledBank& bank, std::span<const answers::Answer> answers,
                      RespondentScores& out);

// Dimension `d`'s score from `answers` (indexed like the bank's questions),
// exactly as score_respondent() gives it.
[[nodiscard]] double score_dimension(const CompiledBank& bank, std::size_t d,
                                     std::span<const answers::Answer> answers);

// The stage reached on every ladder (in `stages`, with `limited` flags) for
// the dimension scores `scores` (NaN = no score): the highest stage whose
// criteria and those of every stage below it hold. Used for respondents and
// for the organisation alike, so both follow the same rule.
void reach_stages(const CompiledBank& bank, std::span<const double> scores,
                  std::span<std::uint32_t> stages, std::span<std::uint8_t> limited);

} // namespace centricity::score
