#include <centricity/score/respondent.hpp>

#include <algorithm>
#include <cmath>

namespace centricity::score {

void score_respondent(const CompiledBank& bank, std::span<const answers::Answer> answers,
                      RespondentScores& out)
{
  const auto& dimensions = bank.dimensions();
  const auto& questions = bank.questions();
  // resize() is a no-op when the object is reused for the same bank.
  out.dimensions.resize(dimensions.size());
  out.answered.resize(dimensions.size());
  out.stages.resize(bank.ladders().size());
  out.limited.resize(bank.ladders().size());

  double belief_sum = 0;
  double belief_weight = 0;
  double practice_sum = 0;
  double practice_weight = 0;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    double sum = 0;
    double weight = 0;
    std::uint32_t answered = 0;
    for (const std::uint32_t q : dimensions[d].questions) {
      const answers::Answer answer = answers[q];
      if (answer.kind != answers::AnswerKind::value) {
        continue;
      }
      const double score = bank.option_score(q, answer.option);
      const double w = questions[q].weight;
      sum += w * score;
      weight += w;
      ++answered;
      if (questions[q].belief) {
        belief_sum += w * score;
        belief_weight += w;
      } else {
        practice_sum += w * score;
        practice_weight += w;
      }
    }
    out.answered[d] = answered;
    out.dimensions[d] = answered >= dimensions[d].min_answered ? sum / weight : k_no_score;
  }
  out.belief = belief_weight > 0 ? belief_sum / belief_weight : k_no_score;
  out.practice = practice_weight > 0 ? practice_sum / practice_weight : k_no_score;
  reach_stages(bank, out.dimensions, out.stages, out.limited);
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
