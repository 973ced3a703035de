#pragma once

// A bank resolved once into index-based tables, so scoring a respondent is a
// few array walks with no id look-ups and no allocation. Every score/ function
// takes a CompiledBank; indices follow the Questionnaire's vectors.

#include <centricity/bank/model.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace centricity::score {

// Scores within this distance of a threshold count as on it, so a score that
// is exactly on a threshold in exact arithmetic belongs to the higher stage
// whatever order the floating-point sums ran in. Scores are rationals whose
// distinct values lie far more than 1e-9 points apart (docs/scoring.md).
inline constexpr double k_tolerance = 1e-9;

// True if `score` reaches `threshold` (score >= threshold, with k_tolerance).
[[nodiscard]] inline bool reaches(double score, double threshold)
{
  return score >= threshold - k_tolerance;
}

// A question's part in the say-do gap (docs/scoring.md): a belief that
// professes a dimension, or a practice question of a dimension, where that
// dimension has both (it is "measured"); anything else takes no part.
enum class SayDo : std::uint8_t { none, say, does };

// Dimension index of a question that belongs to none (a choice question).
inline constexpr std::uint32_t k_no_dimension = ~std::uint32_t{0};

struct CompiledQuestion {
  std::uint32_t dimension = 0;    // k_no_dimension for a choice question
  std::uint32_t first_option = 0; // offset of its options in option_scores
  std::uint32_t option_count = 0; // options of its scale, special ones included
  double weight = 1;
  bool belief = false; // QuestionKind::belief
  bool reverse = false;
  SayDo say_do = SayDo::none;
};

// Dimensions of a few small-scale questions number their answer patterns:
// a mixed-radix code with one digit per question, 0 for no answer and
// 1 + option for a value. Respondents are counted by pattern (see
// Accumulator), one increment instead of one per item, pair and score.
inline constexpr std::size_t k_max_dimension_patterns = std::size_t{1} << 14U;
inline constexpr std::uint32_t k_no_pattern = ~std::uint32_t{0};

// What scoring a respondent needs of one question of a dimension, packed
// for the hot loop.
struct DimensionItem {
  std::uint32_t question = 0;
  std::uint32_t first_option = 0; // into CompiledBank::weighted_scores()
  std::uint32_t stride = 0;       // its pattern digit's weight; 0 without patterns
  SayDo say_do = SayDo::none;
  double weight = 1;
};

struct CompiledDimension {
  std::vector<std::uint32_t> questions; // in bank order
  std::vector<DimensionItem> items;     // the same questions
  std::size_t min_answered = 1;
  std::optional<double> pass_mark;
  bool gates = false;    // some stage criterion tests it
  bool measured = false; // the say-do gap compares its beliefs and practice
  // Patterns: at most k_max_dimension_patterns, and only for dimensions of
  // two or more questions; 0 otherwise. One stride per question.
  std::size_t patterns = 0;
  std::vector<std::uint32_t> pattern_strides;
};

struct CompiledCriterion {
  bank::Criterion::Kind kind = bank::Criterion::Kind::dimension;
  std::uint32_t dimension = 0; // Kind::dimension
  double threshold = 0;        // Kind::dimension
  std::uint32_t ladder = 0;    // Kind::ladder_stage: the other ladder
  std::uint32_t stage = 0;     // Kind::ladder_stage: the stage it must reach
};

struct CompiledLadder {
  // criteria[s] are the criteria of stage s; criteria[0] is empty.
  std::vector<std::vector<CompiledCriterion>> criteria;
  std::optional<std::size_t> target; // from the bank
};

struct CompiledRecommendation {
  bank::Recommendation::Kind kind = bank::Recommendation::Kind::dimension;
  std::uint32_t dimension = 0; // Kind::dimension
  std::uint32_t ladder = 0;    // Kind::stage
  std::uint32_t stage = 0;     // Kind::stage
  std::uint32_t finding = 0;   // Kind::finding
  double band_min = 0;
  double band_max = 100;
  int effort = 3;
};

// A choice question: its answer chooses a stage of `ladder` as the target.
struct CompiledChoice {
  std::uint32_t question = 0;
  std::uint32_t ladder = 0;
  // Per option of its scale: the stage it chooses, nullopt for "not decided"
  // (a special option).
  std::vector<std::optional<std::uint32_t>> stages;
};

struct CompiledCondition {
  bank::Condition::Kind kind = bank::Condition::Kind::dimension;
  std::uint32_t index = 0;                  // the dimension, question or ladder
  double at_least = -1;                     // -1: no lower bound (scores are 0-100)
  double below = 1000;                      // 1000: no upper bound
  std::uint32_t reached = 0;                // Kind::ladder: at least this stage
  std::optional<std::uint32_t> below_stage; // Kind::ladder: below this stage
};

struct CompiledFinding {
  std::vector<std::vector<CompiledCondition>> when; // all of: any of
  bank::Finding::Severity severity = bank::Finding::Severity::medium;
};

// The compiled form of a bank. It keeps its own copy of the Questionnaire for
// ids, titles and texts.
class CompiledBank {
public:
  using IdMap = std::unordered_map<std::string, std::uint32_t>;

  // Compiles `bank`. Throws centricity::Error if it has dangling references
  // or ladders that depend on each other in a cycle (a validated bank has
  // neither).
  explicit CompiledBank(bank::Questionnaire bank);

  [[nodiscard]] const bank::Questionnaire& bank() const { return m_bank; }
  [[nodiscard]] const std::vector<CompiledQuestion>& questions() const { return m_questions; }
  [[nodiscard]] const std::vector<CompiledDimension>& dimensions() const { return m_dimensions; }
  [[nodiscard]] const std::vector<CompiledLadder>& ladders() const { return m_ladders; }
  [[nodiscard]] const std::vector<CompiledRecommendation>& recommendations() const
  {
    return m_recommendations;
  }
  // Ladders in an order where every ladder comes after the ladders its
  // criteria refer to.
  [[nodiscard]] const std::vector<std::uint32_t>& ladder_order() const { return m_ladder_order; }
  [[nodiscard]] const std::vector<CompiledChoice>& choices() const { return m_choices; }
  [[nodiscard]] const std::vector<CompiledFinding>& findings() const { return m_findings; }
  // The ladder the report leads with: the bank's `headline`, else the first.
  [[nodiscard]] std::size_t headline() const { return m_headline; }

  // The 0-100 score of option `option` of question `question`, reverse keys
  // applied: 100 (v - min) / (max - min), or 100 (max - v) / (max - min) for
  // a reverse-keyed question. NaN for a not-applicable or don't-know option.
  [[nodiscard]] double option_score(std::size_t question, std::size_t option) const
  {
    return m_option_scores[m_questions[question].first_option + option];
  }

  // Weight x option_score() of every option of every question, laid out
  // like the option scores (CompiledQuestion::first_option).
  [[nodiscard]] const std::vector<double>& weighted_scores() const { return m_weighted_scores; }
  // 1 for every option in the top quarter of its scale before reverse keys
  // (raw value at least min + 0.75 (max - min)): agreeing with the
  // statement as written. Laid out like the option scores.
  [[nodiscard]] const std::vector<std::uint8_t>& option_agrees() const { return m_option_agrees; }
  // Per option, laid out like the option scores: what answering it adds to
  // the careless check's four 16-bit counters (answered, agreed; for a
  // reverse-keyed question the upper two). A dimension has far fewer than
  // 65,536 questions, so the counters cannot carry into each other.
  [[nodiscard]] const std::vector<std::uint64_t>& option_tallies() const
  {
    return m_option_tallies;
  }

  // Indices by id; nullopt when absent.
  [[nodiscard]] std::optional<std::size_t> dimension_index(const std::string& id) const;
  [[nodiscard]] std::optional<std::size_t> ladder_index(const std::string& id) const;

  // A short fingerprint ("fnv1a64:0123456789abcdef") of everything that
  // decides dimension `index`'s score: its questions, their scales, weights,
  // reverse keys and min_answered. Two Results whose fingerprints differ do
  // not measure the same thing.
  [[nodiscard]] std::string dimension_fingerprint(std::size_t index) const;
  // The same for ladder `index`: its stages and criteria.
  [[nodiscard]] std::string ladder_fingerprint(std::size_t index) const;
  // The same for the whole layout scoring state depends on: the bank id, its
  // questions and options, every dimension and every ladder. Saved
  // aggregates only load into a bank with the same fingerprint.
  [[nodiscard]] std::string fingerprint() const;

private:
  void compile_say_do(const IdMap& dimensions);
  void compile_choices(const IdMap& ladders);
  IdMap compile_findings(const IdMap& dimensions, const IdMap& ladders);

  bank::Questionnaire m_bank;
  std::vector<CompiledQuestion> m_questions;
  std::vector<double> m_option_scores;
  std::vector<double> m_weighted_scores;
  std::vector<std::uint8_t> m_option_agrees;
  std::vector<std::uint64_t> m_option_tallies;
  std::vector<CompiledDimension> m_dimensions;
  std::vector<CompiledLadder> m_ladders;
  std::vector<CompiledRecommendation> m_recommendations;
  std::vector<std::uint32_t> m_ladder_order;
  std::vector<CompiledChoice> m_choices;
  std::vector<CompiledFinding> m_findings;
  std::size_t m_headline = 0;
};

} // namespace centricity::score
