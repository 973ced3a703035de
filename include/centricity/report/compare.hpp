#pragma once

// Movement between two Results (the journey over time): per ladder, per
// dimension and per gap. Works across bank versions: what changed definition
// between the two is flagged as not comparable instead of being compared.

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace centricity::report {

// Why two entries cannot be compared, if they cannot.
enum class Comparability {
  comparable,
  changed, // same id, different definition (questions, weights, thresholds)
  added,   // only in the new Result
  removed, // only in the old Result
  other_bank,
};

struct StageRef {
  std::size_t index = 0;
  std::string id;
  std::string title;
};

struct LadderMove {
  std::string id;
  std::string title;
  std::optional<StageRef> before;
  std::optional<StageRef> after;
  std::size_t stages = 0; // stages above the starting point (new Result, else old)
  Comparability comparability = Comparability::comparable;
};

struct DimensionMove {
  std::string id;
  std::string title;
  std::optional<double> before; // score; nullopt: insufficient data or absent
  std::optional<double> after;
  Comparability comparability = Comparability::comparable;
  // after - before when both exist and the dimension is comparable.
  [[nodiscard]] std::optional<double> delta() const;
};

// The largest gap per ladder and dimension, before and after (nullopt: no
// gap, i.e. closed or not yet open).
struct GapMove {
  std::string ladder;
  std::string dimension;
  std::string ladder_title;
  std::string title; // the dimension's title
  std::optional<double> before;
  std::optional<double> after;
  Comparability comparability = Comparability::comparable;
};

// A finding of the bank, before and after ("holds", "absent",
// "not_enough_data"; empty when the Result lacks it).
struct FindingMove {
  std::string id;
  std::string title;
  std::string before;
  std::string after;
};

struct Comparison {
  std::string bank_before; // "id version"
  std::string bank_after;
  std::string generated_before;
  std::string generated_after;
  std::uint64_t respondents_before = 0;
  std::uint64_t respondents_after = 0;
  bool same_bank = true;
  bool same_version = true;
  std::vector<LadderMove> ladders;
  std::vector<DimensionMove> dimensions;
  std::vector<GapMove> gaps;
  std::optional<double> say_do_before;
  std::optional<double> say_do_after;
  std::optional<bool> empty_shell_before; // nullopt: not measured, or an older Result
  std::optional<bool> empty_shell_after;
  std::vector<FindingMove> findings; // in either Result, the new Result's order first
};

// Compares Result `before` with Result `after` (both as read by
// load_result). Entries are matched by id and compared only when their
// definition fingerprints agree and both come from the same bank id.
[[nodiscard]] Comparison compare_results(const nlohmann::ordered_json& before,
                                         const nlohmann::ordered_json& after);

// The comparison as markdown (readable on a terminal too).
void render_comparison_markdown(const Comparison& comparison, std::ostream& out);

// A few bullet lines for a report's first screen: stage moves, the largest
// score changes, closed gaps and what could not be compared.
void render_movement_bullets(const Comparison& comparison, std::ostream& out);

// The comparison as JSON, for scripts.
[[nodiscard]] nlohmann::ordered_json comparison_to_json(const Comparison& comparison);

} // namespace centricity::report
