#pragma once

// The words of the leadership report, shared by its sections (markdown.cpp)
// and defined in report_words.cpp: reading a Result's fields without
// throwing, numbers and titles as text, each lens in plain words, the
// headline, the findings as bullet points, the facts of a step. Internal to
// src/report/; every text from a bank or answers file comes back escaped.

#include <centricity/report/fields.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace centricity::report::words {

using Json = nlohmann::ordered_json;

// `object[key]` as a count, 0 when absent or not an unsigned number.
[[nodiscard]] std::uint64_t count(const Json& object, const char* key);

// The array at `object[key]`, or an empty one: Results written before a
// field existed still render.
[[nodiscard]] const Json& list(const Json& object, const char* key);

// The element of `items` whose "id" is `id`, or nullptr.
[[nodiscard]] const Json* find_id(const Json& items, const std::string& id);

// The escaped title of dimension `id` (the id itself if the Result lacks it).
[[nodiscard]] std::string dimension_title(const Json& result, const std::string& id);

// The escaped title of ladder `id` (the id itself if the Result lacks it).
[[nodiscard]] std::string ladder_title(const Json& result, const std::string& id);

// A stage's "index" (0 is "none reached").
[[nodiscard]] std::size_t index_of(const Json& stage);

// A threshold as the bank wrote it: 50, 62.5.
[[nodiscard]] std::string plain_number(double value);

// A score with one decimal, or "—" when there is none.
[[nodiscard]] std::string score_or_dash(std::optional<double> value);

// A share in [0, 1] as a whole percentage: "42%".
[[nodiscard]] std::string percent(double share);

// "1 respondent" / "3 respondents".
[[nodiscard]] std::string plural(std::uint64_t n, const char* one, const char* many);

// Conventional labels for the size of a standardised difference.
[[nodiscard]] const char* magnitude(double g);

// A group value escaped, "(not given)" for the empty one.
[[nodiscard]] std::string group_value(const std::string& value);

// "3 · Teams": the stage's index and escaped title.
[[nodiscard]] std::string stage_label(const Json& stage);

// "A", "A and B", "A, B and C".
[[nodiscard]] std::string join_titles(const std::vector<std::string>& titles);

// `text` with its first ASCII letter upper-cased.
[[nodiscard]] std::string capitalised(std::string text);

// A dimension score in words, by the bank's usual bands.
[[nodiscard]] const char* score_words(double score);

// "Direct contact ≥ 50" / "Journey at least Teams".
[[nodiscard]] std::string criterion_rule(const Json& result, const Json& criterion);

// "95% interval 55.0–64.0" for a dimension with one, else "".
[[nodiscard]] std::string interval_text(const Json& result, const std::string& dimension_id);

// "✔ Direct contact 62.5 ≥ 50 (+12.5)" and friends, for "why this stage".
[[nodiscard]] std::string criterion_trace(const Json& result, const Json& criterion);

// Ladders in the order the report tells them: the headline first.
[[nodiscard]] std::vector<const Json*> lenses(const Json& result);

// The first of lenses(): the bank's headline ladder; nullptr if none.
[[nodiscard]] const Json* headline_ladder(const Json& result);

// A ladder with one stage of several criteria is a test of independent
// checks ("passed 2 of 4"), not a sequence of steps.
[[nodiscard]] bool is_test(const Json& ladder);

// The criteria of the first stage above the one reached, or nullptr.
[[nodiscard]] const Json* next_stage(const Json& ladder);

// The criterion that most keeps `stage` from holding: the largest shortfall,
// else one without data.
[[nodiscard]] const Json* main_blocker(const Json& stage);

// "Coordinator is at 31.5, needs 60" in words, for one criterion; the
// dimension is "it" when `it` names it already.
[[nodiscard]] std::string blocker_words(const Json& result, const Json& criterion,
                                        const std::string& it = {});

// Where the target came from, in words; `brief` for a table cell.
[[nodiscard]] std::string target_origin(const Json& target, bool brief = false);

// Whether the ladder has a target and stands at or above it.
[[nodiscard]] bool target_reached(const Json& ladder);

// One row of the lens table: where the ladder stands and what is next.
[[nodiscard]] std::pair<std::string, std::string> lens_words(const Json& result,
                                                             const Json& ladder);

// The report's first sentence: where the headline ladder stands.
[[nodiscard]] std::string headline_sentence(const Json& result);

// The contrast of a group field as one sentence, or "".
[[nodiscard]] std::string contrast_sentence(const Json& field);

// The bullet points of the first screen: findings that hold, the empty
// shell, misconceptions held, the group story, warnings about the data.
[[nodiscard]] std::vector<std::string> finding_bullets(const Json& result);

// What a step is about, in a few words ("Coordinator", "reaching Step 3").
[[nodiscard]] std::string step_about(const Json& result, const Json& step);

// Who a step falls to, escaped; "—" when the bank names no owner.
[[nodiscard]] std::string owner_of(const Json& step);

// The step's effort in words (the bank's label, else low/medium/high), or "—".
[[nodiscard]] std::string effort_of(const Json& step);

// The source a step cites (its citation, else the source id), escaped.
[[nodiscard]] std::string cite_of(const Json& step);

} // namespace centricity::report::words
