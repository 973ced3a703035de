// Why one file of ~800 lines: the mergeable aggregate's fields, its exact
// merge and its save/load as a partial file must change together (a field
// added to one and not the others breaks shard merging); the unit test
// (test_score_aggregate.cpp) merges saved and loaded shards against one run.

#include <centricity/score/aggregate.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace centricity::score {

namespace {

void add_counts(std::vector<std::uint64_t>& into, const std::vector<std::uint64_t>& from)
{
  for (std::size_t i = 0; i < into.size(); ++i) {
    into[i] += from[i];
  }
}

using Json = nlohmann::ordered_json;

constexpr const char* k_aggregate_schema = "centricity.aggregate/1";

// Messages of Accumulator::load name the field; Aggregate::load says which
// accumulator ("total", a group) it was.
const Json& field(const Json& object, const char* key)
{
  if (!object.is_object() || !object.contains(key)) {
    throw Error(fmt::format("\"{}\" is missing", key));
  }
  return object.at(key);
}

// A count of at most `max`; `what` says what the bound is.
std::uint64_t checked_count(const Json& value, const std::string& name, std::uint64_t max,
                            const char* what)
{
  if (!value.is_number_unsigned()) {
    throw Error(fmt::format("\"{}\" must be a whole number of at least 0, not {}", name,
                            value.is_number() ? value.dump() : value.type_name()));
  }
  const auto count = value.get<std::uint64_t>();
  if (count > max) {
    throw Error(fmt::format("\"{}\" is {}, more than {}", name, count, what));
  }
  return count;
}

void read_counts(const Json& object, const char* key, std::vector<std::uint64_t>& into,
                 std::uint64_t respondents)
{
  const Json& list = field(object, key);
  if (!list.is_array() || list.size() != into.size()) {
    throw Error(fmt::format("\"{}\" does not fit this bank", key));
  }
  for (std::size_t i = 0; i < into.size(); ++i) {
    into[i] = checked_count(list[i], fmt::format("{}[{}]", key, i), respondents,
                            "the respondents it counts");
  }
}

Json save_moments(const Moments& m)
{
  return Json::array({m.count(), m.sum_text(), m.sum_squares_text()});
}

Moments load_moments(const Json& value, const std::string& name, std::uint64_t respondents)
{
  if (!value.is_array() || value.size() != 3 || !value[1].is_string() || !value[2].is_string()) {
    throw Error(fmt::format("\"{}\" is not [count, \"sum\", \"sum of squares\"]", name));
  }
  const auto count =
    checked_count(value[0], name + "[0]", respondents, "the respondents it counts");
  try {
    return Moments::from_parts(count, value[1].get<std::string>(), value[2].get<std::string>());
  } catch (const Error& e) {
    throw Error(fmt::format("\"{}\": {}", name, e.what()));
  }
}

} // namespace

namespace {
// Pattern tables in all for one accumulator (4 bytes each).
constexpr std::size_t k_max_accumulator_patterns = std::size_t{1} << 17U;
} // namespace

Accumulator::Accumulator(const CompiledBank& bank, bool count_patterns)
  : m_bank(&bank)
{
  const auto& dimensions = bank.dimensions();
  const auto& questions = bank.questions();
  m_dimensions.resize(dimensions.size());
  m_insufficient.resize(dimensions.size());
  m_item_kinds.resize(questions.size() * k_kinds);
  std::size_t options = 0;
  for (const auto& question : questions) {
    options += question.option_count;
  }
  m_item_options.resize(options);
  std::size_t pairs = 0;
  std::size_t widest = 0;
  for (const auto& dimension : dimensions) {
    const std::size_t k = dimension.questions.size();
    widest = std::max(widest, k);
    std::vector<std::size_t> offsets(k * k, 0);
    for (std::size_t i = 0; i < k; ++i) {
      for (std::size_t j = i + 1; j < k; ++j) {
        offsets[i * k + j] = pairs;
        pairs += std::size_t{questions[dimension.questions[i]].option_count}
                 * questions[dimension.questions[j]].option_count;
      }
    }
    m_pair_offsets.push_back(std::move(offsets));
  }
  m_pairs.resize(pairs);
  for (const auto& ladder : bank.ladders()) {
    m_stage_offsets.push_back(m_stage_counts.size());
    m_stage_counts.resize(m_stage_counts.size() + ladder.criteria.size());
  }
  m_limited.resize(bank.ladders().size());
  m_scratch.resize(widest);
  m_patterns.resize(dimensions.size());
  std::size_t budget = count_patterns ? k_max_accumulator_patterns : 0;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const std::size_t size = dimensions[d].patterns;
    if (size != 0 && size <= budget) {
      m_patterns[d].size = size;
      budget -= size;
    }
  }
}

void Accumulator::settle() const
{
  if (m_unsettled == 0) {
    return;
  }
  const auto& dimensions = m_bank->dimensions();
  const auto& questions = m_bank->questions();
  std::vector<answers::Answer> answers(questions.size()); // one pattern's, for its score
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const Patterns& patterns = m_patterns[d];
    if (patterns.counts.empty()) {
      continue;
    }
    const auto& members = dimensions[d].questions;
    const std::size_t k = members.size();
    const std::size_t* const offsets = m_pair_offsets[d].data();
    // The digits of the pattern code, counted up with the code (an odometer
    // rather than a division per digit): 0 for not answered, else 1 + option.
    std::vector<std::uint32_t> state(k, 0);
    std::vector<std::uint32_t> base(k);
    for (std::size_t i = 0; i < k; ++i) {
      base[i] = questions[members[i]].option_count + 1;
    }
    for (std::size_t code = 0; code < patterns.size; ++code) {
      if (code != 0) {
        for (std::size_t i = 0; i < k && ++state[i] == base[i]; ++i) {
          state[i] = 0;
        }
      }
      const std::uint64_t count = patterns.counts[code];
      if (count == 0) {
        continue;
      }
      for (std::size_t i = 0; i < k; ++i) {
        const std::uint32_t q = members[i];
        const auto kind = state[i] == 0 ? answers::AnswerKind::missing : answers::AnswerKind::value;
        m_item_kinds[std::size_t{q} * k_kinds + static_cast<std::size_t>(kind)] += count;
        if (state[i] != 0) {
          m_item_options[questions[q].first_option + state[i] - 1] += count;
        }
        answers[q] = {kind, static_cast<std::uint16_t>(state[i] == 0 ? 0 : state[i] - 1)};
      }
      // Everyone with this pattern has the same score.
      const double score = score_dimension(*m_bank, d, answers);
      if (std::isnan(score)) {
        m_insufficient[d] += count;
      } else {
        m_dimensions[d].add(score, count);
      }
      for (std::size_t i = 0; i < k; ++i) {
        if (state[i] == 0) {
          continue;
        }
        for (std::size_t j = i + 1; j < k; ++j) {
          if (state[j] != 0) {
            m_pairs[offsets[i * k + j]
                    + std::size_t{state[i] - 1} * questions[members[j]].option_count + state[j]
                    - 1] += count;
          }
        }
      }
    }
    std::fill(patterns.counts.begin(), patterns.counts.end(), 0U);
  }
  m_unsettled = 0;
}

namespace {

// Asks for the cache line at `p`. GCC 12 deleted __builtin_prefetch() here
// as dead code once Aggregate::prefetch() had inlined this, and it has no
// write form (prefetchw) in baseline x86-64; the asm stays.
void prefetch_line(const void* p)
{
#if defined(__x86_64__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p, 0);
#endif
}

} // namespace

void Accumulator::prefetch(const RespondentScores& scores) const
{
  for (std::size_t d = 0; d < m_patterns.size(); ++d) {
    const Patterns& patterns = m_patterns[d];
    if (scores.patterns[d] < patterns.counts.size()) {
      prefetch_line(&patterns.counts[scores.patterns[d]]);
    }
  }
}

void Accumulator::add(std::span<const answers::Answer> answers, const RespondentScores& scores)
{
  const auto& dimensions = m_bank->dimensions();
  const auto& questions = m_bank->questions();
  std::uint64_t* const kinds = m_item_kinds.data();
  std::uint64_t* const options = m_item_options.data();
  std::uint64_t* const pairs = m_pairs.data();
  Answered* const answered = m_scratch.data();
  ++m_respondents;
  if (m_unsettled == std::numeric_limits<std::uint32_t>::max()) {
    settle(); // before a pattern count could overflow
  }
  bool patterned = false;
  bool complete = true;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const std::uint32_t* const members = dimensions[d].questions.data();
    const std::size_t k = dimensions[d].questions.size();
    // A small dimension counts its answer pattern: one increment instead of
    // one per item and per answered pair (settle() spreads them later). N/A
    // and don't know are rare: a pattern holding one is counted directly.
    // score_respondent() gave the pattern's code (none when an answer is
    // N/A or don't know, which are rare: counted directly). Its items,
    // pairs and score are counted when settle() spreads the pattern.
    const Patterns& patterns = m_patterns[d];
    if (patterns.size != 0 && scores.patterns[d] != k_no_pattern) {
      if (patterns.counts.empty()) {
        patterns.counts.resize(patterns.size);
      }
      ++patterns.counts[scores.patterns[d]];
      patterned = true;
      complete = complete && scores.answered[d] == k; // only values and blanks
      continue;
    }
    std::size_t n = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const std::uint32_t q = members[i];
      const answers::Answer answer = answers[q];
      ++kinds[std::size_t{q} * k_kinds + static_cast<std::size_t>(answer.kind)];
      if (answer.kind == answers::AnswerKind::missing) {
        complete = false;
      }
      if (answer.kind == answers::AnswerKind::value) {
        const CompiledQuestion& question = questions[q];
        ++options[question.first_option + answer.option];
        answered[n++] = {static_cast<std::uint32_t>(i), answer.option, question.option_count};
      }
    }
    // One increment per answered pair: the inner loop touches only the
    // scratch entries and the pair block, nothing of the bank.
    const std::size_t* const offsets = m_pair_offsets[d].data();
    for (std::size_t a = 0; a + 1 < n; ++a) {
      const Answered first = answered[a];
      const std::size_t* const row = offsets + std::size_t{first.local} * k;
      for (std::size_t b = a + 1; b < n; ++b) {
        const Answered second = answered[b];
        ++pairs[row[second.local] + std::size_t{first.option} * second.width + second.option];
      }
    }
    if (std::isnan(scores.dimensions[d])) {
      ++m_insufficient[d];
    } else {
      m_dimensions[d].add(scores.dimensions[d]);
    }
  }
  // Choice questions belong to no dimension: their answers are counted
  // here, so the organisation's choice is known from the counts.
  for (const auto& choice : m_bank->choices()) {
    const answers::Answer answer = answers[choice.question];
    ++kinds[std::size_t{choice.question} * k_kinds + static_cast<std::size_t>(answer.kind)];
    if (answer.kind == answers::AnswerKind::value) {
      ++options[questions[choice.question].first_option + answer.option];
    }
  }
  if (complete) {
    ++m_complete;
  }
  if (patterned) {
    ++m_unsettled;
  }
  m_straight_lining += (scores.careless & k_straight_lining) != 0 ? 1U : 0U;
  m_acquiescent += (scores.careless & k_acquiescent) != 0 ? 1U : 0U;
  for (std::size_t l = 0; l < scores.stages.size(); ++l) {
    ++m_stage_counts[m_stage_offsets[l] + scores.stages[l]];
    m_limited[l] += scores.limited[l];
  }
  if (!std::isnan(scores.belief)) {
    m_belief.add(scores.belief);
  }
  if (!std::isnan(scores.practice)) {
    m_practice.add(scores.practice);
  }
  if (!std::isnan(scores.belief) && !std::isnan(scores.practice)) {
    m_say_do.add(scores.belief - scores.practice);
  }
}

void Accumulator::merge(const Accumulator& other)
{
  settle();
  other.settle();
  m_respondents += other.m_respondents;
  m_complete += other.m_complete;
  m_straight_lining += other.m_straight_lining;
  m_acquiescent += other.m_acquiescent;
  for (std::size_t d = 0; d < m_dimensions.size(); ++d) {
    m_dimensions[d].merge(other.m_dimensions[d]);
  }
  add_counts(m_insufficient, other.m_insufficient);
  add_counts(m_item_kinds, other.m_item_kinds);
  add_counts(m_item_options, other.m_item_options);
  add_counts(m_pairs, other.m_pairs);
  add_counts(m_stage_counts, other.m_stage_counts);
  add_counts(m_limited, other.m_limited);
  m_belief.merge(other.m_belief);
  m_practice.merge(other.m_practice);
  m_say_do.merge(other.m_say_do);
}

bool Accumulator::operator==(const Accumulator& other) const
{
  settle();
  other.settle();
  return m_respondents == other.m_respondents && m_complete == other.m_complete
         && m_straight_lining == other.m_straight_lining && m_acquiescent == other.m_acquiescent
         && m_dimensions == other.m_dimensions && m_insufficient == other.m_insufficient
         && m_item_kinds == other.m_item_kinds && m_item_options == other.m_item_options
         && m_pairs == other.m_pairs && m_stage_counts == other.m_stage_counts
         && m_limited == other.m_limited && m_belief == other.m_belief
         && m_practice == other.m_practice && m_say_do == other.m_say_do;
}

nlohmann::ordered_json Accumulator::save() const
{
  settle();
  Json dimensions = Json::array();
  for (const auto& m : m_dimensions) {
    dimensions.push_back(save_moments(m));
  }
  return Json{{"respondents", m_respondents},
              {"complete", m_complete},
              {"straight_lining", m_straight_lining},
              {"acquiescent", m_acquiescent},
              {"dimensions", std::move(dimensions)},
              {"insufficient", m_insufficient},
              {"item_kinds", m_item_kinds},
              {"item_options", m_item_options},
              {"pairs", m_pairs},
              {"stage_counts", m_stage_counts},
              {"limited", m_limited},
              {"belief", save_moments(m_belief)},
              {"practice", save_moments(m_practice)},
              {"say_do", save_moments(m_say_do)}};
}

void Accumulator::load(const nlohmann::ordered_json& state)
{
  settle(); // drops nothing: everything below is replaced
  // Every other count is bounded by the respondents, and they by
  // k_max_respondents, so no sum of loaded states can overflow (merge adds
  // counts in 64 bits and sums in 128).
  m_respondents = checked_count(field(state, "respondents"), "respondents", k_max_respondents,
                                "the limit of 10^12 respondents");
  m_complete =
    checked_count(field(state, "complete"), "complete", m_respondents, "the respondents");
  m_straight_lining = checked_count(field(state, "straight_lining"), "straight_lining",
                                    m_respondents, "the respondents");
  m_acquiescent =
    checked_count(field(state, "acquiescent"), "acquiescent", m_respondents, "the respondents");
  const Json& dimensions = field(state, "dimensions");
  if (!dimensions.is_array() || dimensions.size() != m_dimensions.size()) {
    throw Error("\"dimensions\" does not fit this bank");
  }
  for (std::size_t d = 0; d < m_dimensions.size(); ++d) {
    m_dimensions[d] = load_moments(dimensions[d], fmt::format("dimensions[{}]", d), m_respondents);
  }
  read_counts(state, "insufficient", m_insufficient, m_respondents);
  read_counts(state, "item_kinds", m_item_kinds, m_respondents);
  read_counts(state, "item_options", m_item_options, m_respondents);
  read_counts(state, "pairs", m_pairs, m_respondents);
  read_counts(state, "stage_counts", m_stage_counts, m_respondents);
  read_counts(state, "limited", m_limited, m_respondents);
  m_belief = load_moments(field(state, "belief"), "belief", m_respondents);
  m_practice = load_moments(field(state, "practice"), "practice", m_respondents);
  m_say_do = load_moments(field(state, "say_do"), "say_do", m_respondents);
}

std::uint64_t Accumulator::dimension_answers_of(std::size_t d, answers::AnswerKind kind) const
{
  std::uint64_t total = 0;
  for (const std::uint32_t q : m_bank->dimensions()[d].questions) {
    total += answers_of(q, kind);
  }
  return total;
}

std::uint64_t Accumulator::option_count(std::size_t q, std::size_t option) const
{
  settle();
  return m_item_options[m_bank->questions()[q].first_option + option];
}

std::optional<double> Accumulator::item_mean(std::size_t q) const
{
  settle();
  const CompiledQuestion& question = m_bank->questions()[q];
  std::uint64_t n = 0;
  double sum = 0;
  for (std::uint32_t o = 0; o < question.option_count; ++o) {
    const std::uint64_t count = m_item_options[question.first_option + o];
    if (count != 0) {
      n += count;
      sum += static_cast<double>(count) * m_bank->option_score(q, o);
    }
  }
  if (n == 0) {
    return std::nullopt;
  }
  return sum / static_cast<double>(n);
}

std::optional<double> Accumulator::alpha(std::size_t d) const
{
  settle();
  const auto& members = m_bank->dimensions()[d].questions;
  const auto& questions = m_bank->questions();
  const std::size_t k = members.size();
  if (k < 2) {
    return std::nullopt;
  }
  // Item variances over everyone who answered the item; covariances over
  // everyone who answered both (R's cov(use = "pairwise.complete.obs"), the
  // default of psych::alpha). Two passes over the counts: means first, then
  // centred products, so nothing cancels.
  double item_variances = 0;
  for (const std::uint32_t q : members) {
    const std::size_t first = questions[q].first_option;
    double n = 0;
    double sum = 0;
    for (std::uint32_t o = 0; o < questions[q].option_count; ++o) {
      const auto count = static_cast<double>(m_item_options[first + o]);
      if (count > 0) {
        n += count;
        sum += count * m_bank->option_score(q, o);
      }
    }
    if (n < 2) {
      return std::nullopt;
    }
    const double mean = sum / n;
    double squares = 0;
    for (std::uint32_t o = 0; o < questions[q].option_count; ++o) {
      const auto count = static_cast<double>(m_item_options[first + o]);
      if (count > 0) {
        const double deviation = m_bank->option_score(q, o) - mean;
        squares += count * deviation * deviation;
      }
    }
    item_variances += squares / (n - 1);
  }
  double covariances = 0;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = i + 1; j < k; ++j) {
      const std::uint32_t qi = members[i];
      const std::uint32_t qj = members[j];
      const std::size_t rows = questions[qi].option_count;
      const std::size_t cols = questions[qj].option_count;
      const std::uint64_t* block = m_pairs.data() + m_pair_offsets[d][i * k + j];
      double n = 0;
      double sum_i = 0;
      double sum_j = 0;
      for (std::size_t a = 0; a < rows; ++a) {
        for (std::size_t b = 0; b < cols; ++b) {
          const auto count = static_cast<double>(block[a * cols + b]);
          if (count > 0) {
            n += count;
            sum_i += count * m_bank->option_score(qi, a);
            sum_j += count * m_bank->option_score(qj, b);
          }
        }
      }
      if (n < 2) {
        return std::nullopt;
      }
      const double mean_i = sum_i / n;
      const double mean_j = sum_j / n;
      double products = 0;
      for (std::size_t a = 0; a < rows; ++a) {
        for (std::size_t b = 0; b < cols; ++b) {
          const auto count = static_cast<double>(block[a * cols + b]);
          if (count > 0) {
            products += count * (m_bank->option_score(qi, a) - mean_i)
                        * (m_bank->option_score(qj, b) - mean_j);
          }
        }
      }
      covariances += products / (n - 1);
    }
  }
  const double total = item_variances + 2 * covariances;
  if (!(total > 0)) {
    return std::nullopt;
  }
  const double kd = static_cast<double>(k);
  return kd / (kd - 1) * (1 - item_variances / total);
}

Aggregate::Aggregate(const CompiledBank& bank, std::vector<std::string> group_fields)
  : m_bank(&bank)
  , m_fields(std::move(group_fields))
  , m_total(bank, true)
  , m_groups(m_fields.size())
  , m_recent(m_fields.size())
{
  m_values.resize(m_fields.size());
}

Accumulator* Aggregate::find_group(std::size_t f, std::string_view value) const
{
  RecentGroups& recent = m_recent[f];
  for (std::size_t i = 0; i < recent.size; ++i) {
    if (util::same_text(recent.entries[i].value, value)) {
      return recent.entries[i].accumulator;
    }
  }
  auto& groups = m_groups[f];
  const auto it = groups.find(value);
  if (it == groups.end()) {
    return nullptr;
  }
  // The map's nodes are not const: the const of this function is the
  // caller's view of the state, which the index does not change.
  auto* const accumulator = const_cast<Accumulator*>(&it->second);
  if (recent.size < RecentGroups::k_size) {
    recent.entries[recent.size++] = {it->first, accumulator};
  }
  return accumulator;
}

void Aggregate::add(const answers::Response& response)
{
  score_respondent(*m_bank, response.answers, m_scratch);
  for (std::size_t f = 0; f < m_fields.size(); ++f) {
    const std::string* value = response.field(m_fields[f]);
    m_values[f] = value == nullptr ? std::string_view() : std::string_view(*value);
  }
  add(response.answers, m_values, m_scratch);
}

void Aggregate::add(std::span<const answers::Answer> answers,
                    std::span<const std::string_view> group_values, const RespondentScores& scores)
{
  m_found.resize(m_fields.size());
  groups_of(group_values, m_found);
  add(answers, m_found, scores);
}

void Aggregate::groups_of(std::span<const std::string_view> group_values,
                          std::span<Accumulator*> groups)
{
  for (std::size_t f = 0; f < m_fields.size(); ++f) {
    Accumulator* group = find_group(f, group_values[f]);
    if (group == nullptr) {
      // The first few groups count patterns (fast); more would cost memory
      // for every value of a field with many.
      const bool patterns = m_pattern_groups < k_max_pattern_groups;
      m_pattern_groups += patterns ? 1 : 0;
      m_groups[f].emplace(std::string(group_values[f]), Accumulator(*m_bank, patterns));
      group = find_group(f, group_values[f]);
    }
    groups[f] = group;
  }
}

void Aggregate::prefetch(std::span<Accumulator* const> groups, const RespondentScores& scores) const
{
  if (m_fields.empty()) {
    m_total.prefetch(scores);
    return;
  }
  for (const Accumulator* group : groups) {
    group->prefetch(scores);
  }
}

void Aggregate::add(std::span<const answers::Answer> answers, std::span<Accumulator* const> groups,
                    const RespondentScores& scores)
{
  if (m_fields.empty()) {
    m_total.add(answers, scores);
    return;
  }
  m_total_stale = true;
  for (Accumulator* group : groups) {
    group->add(answers, scores);
  }
}

void Aggregate::settle() const
{
  m_total.settle();
  for (const auto& groups : m_groups) {
    for (const auto& [value, accumulator] : groups) {
      accumulator.settle();
    }
  }
}

void Aggregate::merge(const Aggregate& other)
{
  if (other.m_fields != m_fields) {
    throw Error("cannot merge results grouped by different fields");
  }
  if (m_fields.empty()) {
    m_total.merge(other.m_total);
    return;
  }
  m_total_stale = true;
  for (std::size_t f = 0; f < m_fields.size(); ++f) {
    for (const auto& [value, accumulator] : other.m_groups[f]) {
      auto it = m_groups[f].find(value);
      if (it == m_groups[f].end()) {
        it = m_groups[f].emplace(value, Accumulator(*m_bank)).first;
      }
      it->second.merge(accumulator);
    }
  }
}

nlohmann::ordered_json Aggregate::save() const
{
  Json groups = Json::array();
  for (std::size_t f = 0; f < m_fields.size(); ++f) {
    Json values = Json::array();
    for (const auto& [value, accumulator] : m_groups[f]) {
      values.push_back(Json{{"value", value}, {"state", accumulator.save()}});
    }
    groups.push_back(Json{{"field", m_fields[f]}, {"values", std::move(values)}});
  }
  const auto& b = m_bank->bank();
  return Json{
    {"schema", k_aggregate_schema},
    {"bank", Json{{"id", b.id}, {"version", b.version}, {"fingerprint", m_bank->fingerprint()}}},
    {"group_by", m_fields},
    {"total", total().save()},
    {"groups", std::move(groups)}};
}

Aggregate Aggregate::load(const CompiledBank& bank, const nlohmann::ordered_json& state)
{
  if (!state.is_object() || state.value("schema", "") != k_aggregate_schema) {
    throw Error(fmt::format("not a saved aggregate (schema '{}')", k_aggregate_schema));
  }
  // Context for the messages of the helpers above.
  const auto in = [](const std::string& where, const auto& load) {
    try {
      load();
    } catch (const Error& e) {
      throw Error(fmt::format("saved aggregate, {}: {}", where, e.what()));
    }
  };
  const Json* saved_bank = nullptr;
  in("\"bank\"", [&] { saved_bank = &field(state, "bank"); });
  const auto text = [&](const char* key) {
    const auto it = saved_bank->find(key);
    return it != saved_bank->end() && it->is_string() ? it->get<std::string>() : std::string("?");
  };
  if (text("fingerprint") != bank.fingerprint()) {
    const std::string id = text("id");
    const std::string version = text("version");
    if (id == bank.bank().id && version == bank.bank().version) {
      // Same name and version, other content: say what the fingerprint covers.
      throw Error(fmt::format(
        "the saved aggregate was scored with another definition of bank '{}' version {}: its "
        "questions, scales, weights, reverse keys, min_answered or ladder criteria differ from "
        "this bank's (fingerprint {} there, {} here); score the shards again with this bank",
        id, version, text("fingerprint"), bank.fingerprint()));
    }
    throw Error(fmt::format("the saved aggregate was scored with bank '{}' version {}, which "
                            "differs from bank '{}' version {}",
                            id, version, bank.bank().id, bank.bank().version));
  }
  std::vector<std::string> names;
  in("\"group_by\"", [&] {
    const Json& list = field(state, "group_by");
    if (!list.is_array()) {
      throw Error("not a list of names");
    }
    for (const auto& name : list) {
      if (!name.is_string()) {
        throw Error("holds something other than names");
      }
      names.push_back(name.get<std::string>());
    }
  });
  Aggregate out(bank, names);
  Accumulator total(bank);
  in("\"total\"", [&] { total.load(field(state, "total")); });
  const Json* groups = nullptr;
  in("\"groups\"", [&] {
    groups = &field(state, "groups");
    if (!groups->is_array() || groups->size() != names.size()) {
      throw Error("does not match \"group_by\"");
    }
  });
  for (std::size_t f = 0; f < names.size(); ++f) {
    const Json* values = nullptr;
    in(fmt::format("\"groups[{}]\"", f), [&] {
      values = &field((*groups)[f], "values");
      if (!values->is_array()) {
        throw Error("\"values\" is not a list");
      }
    });
    for (std::size_t v = 0; v < values->size(); ++v) {
      const Json& entry = (*values)[v];
      in(fmt::format("\"groups[{}].values[{}]\"", f, v), [&] {
        const Json& value = field(entry, "value");
        if (!value.is_string()) {
          throw Error("\"value\" is not text");
        }
        Accumulator accumulator(bank);
        accumulator.load(field(entry, "state"));
        out.m_groups[f].insert_or_assign(value.get<std::string>(), std::move(accumulator));
      });
    }
  }
  if (names.empty()) {
    out.m_total = std::move(total);
  } else {
    out.m_total_stale = true;
    // Every group field partitions the same respondents: each field's groups
    // add up to the total, or the file was edited or damaged. Stop as soon as
    // they pass it, before any sum could overflow.
    const auto damaged = [&](std::size_t f) {
      return Error(fmt::format("saved aggregate: the groups of '{}' do not add up to the total "
                               "(the file was edited or damaged)",
                               names[f]));
    };
    for (std::size_t f = 0; f < names.size(); ++f) {
      Accumulator sum(bank);
      for (const auto& [value, accumulator] : out.m_groups[f]) {
        if (accumulator.respondents() > total.respondents() - sum.respondents()) {
          throw damaged(f);
        }
        sum.merge(accumulator);
      }
      if (!(sum == total)) {
        throw damaged(f);
      }
    }
  }
  return out;
}

const Accumulator& Aggregate::total() const
{
  if (m_total_stale) {
    Accumulator sum(*m_bank);
    for (const auto& [value, accumulator] : m_groups.front()) {
      sum.merge(accumulator);
    }
    m_total = std::move(sum);
    m_total_stale = false;
  }
  return m_total;
}

bool Aggregate::operator==(const Aggregate& other) const
{
  return m_fields == other.m_fields && total() == other.total() && m_groups == other.m_groups;
}

} // namespace centricity::score
