#include <centricity/score/respondent.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace centricity::score {

namespace {

struct DimensionSums {
  double sum = 0;    // of weight x score over the answered questions
  double weight = 0; // of their weights
  std::uint32_t answered = 0;
  std::uint32_t pattern = k_no_pattern;
};

// The sums of dimension `d` over its questions answered with a value, in
// question order, and its pattern code; `each(item, weighted score)` sees
// every answered question. One loop for score_respondent() and
// score_dimension(), so both do the same arithmetic.
template <typename Each>
DimensionSums sum_dimension(const CompiledBank& bank, std::size_t d,
                            std::span<const answers::Answer> answers, Each&& each)
{
  const CompiledDimension& dimension = bank.dimensions()[d];
  const double* const weighted_scores = bank.weighted_scores().data();
  // Plain locals, not the struct's fields: GCC paired the two sums in one
  // vector register kept on the stack, a store-to-load stall per question.
  double sum = 0;
  double weight = 0;
  std::uint32_t answered = 0;
  std::uint32_t code = 0; // strides are 0 without patterns
  bool plain = true;      // no N/A or don't know
  for (const DimensionItem& item : dimension.items) {
    const answers::Answer answer = answers[item.question];
    if (answer.kind != answers::AnswerKind::value) {
      plain = plain && answer.kind == answers::AnswerKind::missing;
      continue;
    }
    const double weighted = weighted_scores[item.first_option + answer.option];
    sum += weighted;
    weight += item.weight;
    ++answered;
    code += (std::uint32_t{answer.option} + 1U) * item.stride;
    each(item, weighted, answer.option);
  }
  return {sum, weight, answered, dimension.patterns != 0 && plain ? code : k_no_pattern};
}

double mean_or_none(const CompiledDimension& dimension, const DimensionSums& sums)
{
  return sums.answered >= dimension.min_answered ? sums.sum / sums.weight : k_no_score;
}

// What the careless-answer check (respondent.hpp) counts while the
// dimensions are summed, in registers: how many answers repeat the option of
// the answer before, and four 16-bit counters in one word
// (CompiledBank::option_tallies(): answered and agreed, for statements and
// for their reverse-keyed opposites).
struct CarelessCounts {
  std::uint32_t previous = ~std::uint32_t{0};
  std::uint32_t repeats = 0;
  std::uint64_t tallies = 0;

  void add(const DimensionItem& item, std::uint16_t option, const std::uint64_t* option_tallies)
  {
    repeats += option == previous ? 1U : 0U;
    previous = option;
    tallies += option_tallies[item.first_option + option];
  }
};

// The careless bits from `counts`. Straight-lining (one option on at least
// 90% of the answers) leaves at most 2 of every 10 neighbours unequal, so
// only a respondent with that many repeats is counted option by option: a
// considered respondent costs nothing more.
std::uint8_t careless_bits(const CompiledBank& bank, std::span<const answers::Answer> answers,
                           const CarelessCounts& counts)
{
  const auto field = [&](unsigned which) {
    return static_cast<std::uint32_t>((counts.tallies >> (16U * which)) & 0xffffU);
  };
  const std::uint32_t answered = field(0);
  const std::uint32_t agreed = field(1);
  const std::uint32_t answered_reverse = field(2);
  const std::uint32_t agreed_reverse = field(3);
  const std::uint32_t values = answered + answered_reverse;
  std::uint8_t out = 0;
  if (values >= 10 && std::uint64_t{counts.repeats} * 10 + 10 >= std::uint64_t{values} * 8)
    [[unlikely]] {
    constexpr std::uint32_t k_positions = 16; // options further down are never a "line"
    std::array<std::uint32_t, k_positions + 1> positions{};
    for (const auto& dimension : bank.dimensions()) {
      for (const DimensionItem& item : dimension.items) {
        const answers::Answer answer = answers[item.question];
        if (answer.kind == answers::AnswerKind::value) {
          ++positions[std::min<std::uint32_t>(answer.option, k_positions)];
        }
      }
    }
    const std::uint32_t most = *std::max_element(positions.begin(), positions.end() - 1);
    if (std::uint64_t{most} * 10 >= std::uint64_t{values} * 9) {
      out |= k_straight_lining;
    }
  }
  if (answered_reverse >= 3 && answered >= 3
      && std::uint64_t{agreed} * 5 >= std::uint64_t{answered} * 4
      && std::uint64_t{agreed_reverse} * 5 >= std::uint64_t{answered_reverse} * 4) {
    out |= k_acquiescent;
  }
  return out;
}

} // namespace

void score_respondent(const CompiledBank& bank, std::span<const answers::Answer> answers,
                      RespondentScores& out)
{
  const auto& dimensions = bank.dimensions();
  // Sized on first use; an object reused for the same bank (a million times
  // in a batch run) is checked once, not vector by vector.
  if (out.dimensions.size() != dimensions.size() || out.answered.size() != dimensions.size()
      || out.patterns.size() != dimensions.size() || out.stages.size() != bank.ladders().size()
      || out.limited.size() != bank.ladders().size()) [[unlikely]] {
    out.dimensions.resize(dimensions.size());
    out.answered.resize(dimensions.size());
    out.patterns.resize(dimensions.size());
    out.stages.resize(bank.ladders().size());
    out.limited.resize(bank.ladders().size());
  }
  double* const scores = out.dimensions.data();
  std::uint32_t* const answered = out.answered.data();
  std::uint32_t* const patterns = out.patterns.data();

  // Plain locals: sums kept in an array indexed by the part went through
  // memory, a store-to-load chain per question.
  double belief_sum = 0;
  double belief_weight = 0;
  double practice_sum = 0;
  double practice_weight = 0;
  CarelessCounts careless;
  const std::uint64_t* const option_tallies = bank.option_tallies().data();
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const DimensionSums sums = sum_dimension(
      bank, d, answers, [&](const DimensionItem& item, double weighted, std::uint16_t option) {
        if (item.say_do == SayDo::say) {
          belief_sum += weighted;
          belief_weight += item.weight;
        } else if (item.say_do == SayDo::does) {
          practice_sum += weighted;
          practice_weight += item.weight;
        }
        careless.add(item, option, option_tallies);
      });
    answered[d] = sums.answered;
    patterns[d] = sums.pattern;
    scores[d] = mean_or_none(dimensions[d], sums);
  }
  out.belief = belief_weight > 0 ? belief_sum / belief_weight : k_no_score;
  out.practice = practice_weight > 0 ? practice_sum / practice_weight : k_no_score;
  out.careless = careless_bits(bank, answers, careless);
  reach_stages(bank, out.dimensions, out.stages, out.limited);
}

double score_dimension(const CompiledBank& bank, std::size_t d,
                       std::span<const answers::Answer> answers)
{
  return mean_or_none(
    bank.dimensions()[d],
    sum_dimension(bank, d, answers, [](const DimensionItem&, double, std::uint16_t) {}));
}

void reach_stages(const CompiledBank& bank, std::span<const double> scores,
                  std::span<std::uint32_t> stages, std::span<std::uint8_t> limited)
{
  const auto& ladders = bank.ladders();
  for (const std::uint32_t l : bank.ladder_order()) {
    const auto& criteria = ladders[l].criteria;
    std::uint32_t reached = 0;
    std::uint8_t lacked_data = 0;
    for (std::size_t s = 1; s < criteria.size(); ++s) {
      bool met = true;
      for (const auto& criterion : criteria[s]) {
        if (criterion.kind == bank::Criterion::Kind::dimension) {
          const double score = scores[criterion.dimension];
          if (std::isnan(score)) {
            met = false;
            lacked_data = 1;
          } else if (!reaches(score, criterion.threshold)) {
            met = false;
          }
        } else if (stages[criterion.ladder] < criterion.stage) {
          // ladder_order() put the other ladder first, so its stage is known.
          met = false;
          lacked_data = std::max(lacked_data, limited[criterion.ladder]);
        }
      }
      if (!met) {
        break;
      }
      reached = static_cast<std::uint32_t>(s);
      lacked_data = 0;
    }
    stages[l] = reached;
    limited[l] = lacked_data;
  }
}

} // namespace centricity::score
