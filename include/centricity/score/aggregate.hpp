#pragma once

// Many respondents as mergeable state. Everything is a count or an integer
// sum (see stats.hpp), so an Aggregate built from shards on other threads,
// processes or machines and merged equals, field for field, the Aggregate
// built from all respondents at once, and so gives the same Result.

#include <centricity/answers/response.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/score/respondent.hpp>
#include <centricity/score/stats.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::score {

// The most respondents a saved state (and a merge of them) may count: sums
// of scores stay exact in 128 bits well beyond it (see Moments).
inline constexpr std::uint64_t k_max_respondents = 1'000'000'000'000;

// The state of one set of respondents (everyone, or one group).
class Accumulator {
public:
  // An empty accumulator for `bank`, which must outlive it. With
  // `count_patterns`, add() counts each small dimension's answer pattern
  // once instead of every item and pair (see add()): much faster for
  // millions of respondents, at up to 512 KiB of tables, so an Aggregate
  // gives it to a few accumulators only. The state and results are the same
  // either way.
  explicit Accumulator(const CompiledBank& bank, bool count_patterns = false);

  // Adds one respondent: their `answers` and the `scores` score_respondent()
  // gave them. Allocates nothing.
  void add(std::span<const answers::Answer> answers, const RespondentScores& scores);
  // Asks the CPU for the pattern counters add() would increment for
  // `scores`, so a call to add() a little later finds them in cache.
  void prefetch(const RespondentScores& scores) const;
  // Adds every respondent of `other` (same bank).
  void merge(const Accumulator& other);
  // Spreads the answer-pattern counts into the item, pair and score counts
  // now; reading them does it anyway.
  void settle() const;
  // Equal state (the bank is not compared).
  [[nodiscard]] bool operator==(const Accumulator& other) const;
  // The exact state as JSON (counts as numbers, 128-bit sums as decimal text).
  [[nodiscard]] nlohmann::ordered_json save() const;
  // Replaces the state with one saved by save() for the same bank layout.
  // Throws centricity::Error naming the field if `state` does not fit or a
  // count is impossible (above k_max_respondents, or above the respondents).
  void load(const nlohmann::ordered_json& state);

  [[nodiscard]] std::uint64_t respondents() const { return m_respondents; }
  // Respondents who left no question unanswered (N/A and don't know count as answers).
  [[nodiscard]] std::uint64_t complete() const { return m_complete; }
  // Respondents whose answers look careless (RespondentScores::careless):
  // the same option on nearly every question, or agreeing with statements
  // and their reverse-keyed opposites alike.
  [[nodiscard]] std::uint64_t straight_lining() const { return m_straight_lining; }
  [[nodiscard]] std::uint64_t acquiescent() const { return m_acquiescent; }
  // The mean 0-100 item score of question `q` over those who answered it
  // with a value, and how many did; nullopt when nobody did.
  [[nodiscard]] std::optional<double> item_mean(std::size_t q) const;
  // How many chose option `option` of question `q`.
  [[nodiscard]] std::uint64_t option_count(std::size_t q, std::size_t option) const;
  // The respondents' scores on dimension `d` (those with a score only).
  [[nodiscard]] const Moments& dimension(std::size_t d) const
  {
    settle();
    return m_dimensions[d];
  }
  // Respondents without a score on dimension `d` (insufficient data).
  [[nodiscard]] std::uint64_t insufficient(std::size_t d) const
  {
    settle();
    return m_insufficient[d];
  }
  // How often question `q` got an answer of `kind`.
  [[nodiscard]] std::uint64_t answers_of(std::size_t q, answers::AnswerKind kind) const
  {
    settle();
    return m_item_kinds[q * k_kinds + static_cast<std::size_t>(kind)];
  }
  // Answers of `kind` on all questions of dimension `d`.
  [[nodiscard]] std::uint64_t dimension_answers_of(std::size_t d, answers::AnswerKind kind) const;
  // Cronbach's alpha of dimension `d` from the pairwise-complete covariance
  // of its questions' 0-100 scores; nullopt with fewer than two questions,
  // fewer than two answers to some question or pair, or no total variance.
  [[nodiscard]] std::optional<double> alpha(std::size_t d) const;
  // Respondents whose stage on ladder `l` is `stage`.
  [[nodiscard]] std::uint64_t stage_count(std::size_t l, std::size_t stage) const
  {
    return m_stage_counts[m_stage_offsets[l] + stage];
  }
  // Respondents whose stage on ladder `l` may be too low for lack of answers.
  [[nodiscard]] std::uint64_t limited(std::size_t l) const { return m_limited[l]; }
  [[nodiscard]] const Moments& belief() const { return m_belief; }
  [[nodiscard]] const Moments& practice() const { return m_practice; }
  // Belief minus practice, for respondents who have both.
  [[nodiscard]] const Moments& say_do() const { return m_say_do; }

private:
  static constexpr std::size_t k_kinds = 4; // values of answers::AnswerKind

  const CompiledBank* m_bank;
  std::uint64_t m_respondents = 0;
  std::uint64_t m_complete = 0;
  std::uint64_t m_straight_lining = 0;
  std::uint64_t m_acquiescent = 0;
  // These and the item and pair counts below are mutable: settle() spreads
  // the pattern counts into them when they are read.
  mutable std::vector<Moments> m_dimensions;
  mutable std::vector<std::uint64_t> m_insufficient;
  mutable std::vector<std::uint64_t> m_item_kinds;   // question * k_kinds + kind
  mutable std::vector<std::uint64_t> m_item_options; // first_option + option: value answers
  // Joint counts of the options chosen on every pair of questions of a
  // dimension, the sufficient statistic of the pairwise covariances (answers
  // take few values, so counting is exact and cheap).
  mutable std::vector<std::uint64_t> m_pairs;
  // Per dimension, respondents by answer pattern (CompiledDimension), for
  // the dimensions small enough; not yet in the counts and sums above.
  // Empty `counts`: counted directly.
  struct Patterns {
    std::size_t size = 0; // patterns; 0: the dimension is counted directly
    mutable std::vector<std::uint32_t> counts;
  };
  std::vector<Patterns> m_patterns;
  mutable std::uint32_t m_unsettled = 0;                // respondents with patterns not yet spread
  std::vector<std::vector<std::size_t>> m_pair_offsets; // per dimension, i * k + j
  std::vector<std::size_t> m_stage_offsets;
  std::vector<std::uint64_t> m_stage_counts;
  std::vector<std::uint64_t> m_limited;
  Moments m_belief;
  Moments m_practice;
  Moments m_say_do;
  // Scratch for add(): the answered questions of one dimension.
  struct Answered {
    std::uint32_t local;  // position within the dimension
    std::uint32_t option; // option chosen
    std::uint32_t width;  // options on its scale (the column count of its pair blocks)
  };
  std::vector<Answered> m_scratch;
};

// Everyone plus groups by metadata fields (--group-by).
class Aggregate {
public:
  // An empty aggregate for `bank` (which must outlive it), grouping by each
  // of `group_fields`.
  Aggregate(const CompiledBank& bank, std::vector<std::string> group_fields);

  // Scores `response` and adds it; a field it lacks groups it under "".
  void add(const answers::Response& response);
  // Adds a respondent scored already. `group_values[i]` is its value of
  // group_fields()[i]. Allocates only for a group value not seen before.
  void add(std::span<const answers::Answer> answers, std::span<const std::string_view> group_values,
           const RespondentScores& scores);
  // The same in steps, for a hot loop that looks its groups up once:
  // groups_of() puts the accumulator of each group value in `groups` (one
  // per group field; made if new), prefetch() asks for the counters the
  // scores will touch (Accumulator::prefetch), add() adds to them.
  void groups_of(std::span<const std::string_view> group_values, std::span<Accumulator*> groups);
  void prefetch(std::span<Accumulator* const> groups, const RespondentScores& scores) const;
  void add(std::span<const answers::Answer> answers, std::span<Accumulator* const> groups,
           const RespondentScores& scores);
  // Adds every respondent of `other`. Throws centricity::Error if `other`
  // groups by different fields.
  void merge(const Aggregate& other);
  // Spreads the answer-pattern counts of every accumulator into its item,
  // pair and score counts now rather than when first read, so worker
  // threads can do it in parallel before their aggregates are merged.
  void settle() const;
  [[nodiscard]] bool operator==(const Aggregate& other) const;

  // The exact state as a JSON document ("centricity.aggregate/1") with the
  // bank's fingerprint and the group fields: shards scored in other processes
  // or on other machines are saved, loaded and merged into exactly the
  // Aggregate of all respondents.
  [[nodiscard]] nlohmann::ordered_json save() const;
  // An Aggregate saved by save(), for `bank` (which must outlive it). Throws
  // centricity::Error if it was saved for another bank or is damaged.
  [[nodiscard]] static Aggregate load(const CompiledBank& bank,
                                      const nlohmann::ordered_json& state);

  [[nodiscard]] const CompiledBank& bank() const { return *m_bank; }
  // Everyone. With group fields it is the merge of the first field's groups
  // (every respondent is in exactly one of them), made when first asked for:
  // adding each respondent once rather than twice halves the cost of add().
  [[nodiscard]] const Accumulator& total() const;
  [[nodiscard]] const std::vector<std::string>& group_fields() const { return m_fields; }
  // The groups of field `f` by value, in byte order of the value.
  [[nodiscard]] const std::map<std::string, Accumulator, std::less<>>& groups(std::size_t f) const
  {
    return m_groups[f];
  }

private:
  const CompiledBank* m_bank;
  std::vector<std::string> m_fields;
  static constexpr std::size_t k_max_pattern_groups = 8;
  std::size_t m_pattern_groups = 0;   // groups made with count_patterns
  mutable Accumulator m_total;        // see total()
  mutable bool m_total_stale = false; // groups changed since m_total was made
  std::vector<std::map<std::string, Accumulator, std::less<>>> m_groups;
  // Per field, the first groups looked up, checked before the map: a field
  // of a few values (roles, regions) finds its group by a short scan rather
  // than a walk of the tree. It points into the map's nodes, which stay
  // where they are while the map lives, moves included; a copy starts empty.
  struct RecentGroups {
    struct Entry {
      std::string_view value; // the map's key
      Accumulator* accumulator = nullptr;
    };
    static constexpr std::size_t k_size = 8;
    std::array<Entry, k_size> entries{};
    std::size_t size = 0;

    RecentGroups() = default;
    RecentGroups(const RecentGroups& /*other*/) {}
    RecentGroups& operator=(const RecentGroups& /*other*/)
    {
      size = 0;
      return *this;
    }
    RecentGroups(RecentGroups&&) noexcept = default;
    RecentGroups& operator=(RecentGroups&&) noexcept = default;
    ~RecentGroups() = default;
  };
  mutable std::vector<RecentGroups> m_recent;
  // The group of value `value` of field `f`; nullptr if there is none yet.
  Accumulator* find_group(std::size_t f, std::string_view value) const;
  RespondentScores m_scratch;
  std::vector<std::string_view> m_values;
  std::vector<Accumulator*> m_found; // groups_of()'s answer for add(..., group_values, ...)
};

} // namespace centricity::score
