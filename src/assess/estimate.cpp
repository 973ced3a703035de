#include <centricity/assess/estimate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace centricity::assess {

namespace {

constexpr double k_words_per_second = 210.0 / 60.0;
constexpr double k_decision_seconds = 4.0;
constexpr std::size_t k_min_records = 3;

} // namespace

double question_seconds(const bank::Question& question)
{
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : question.text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) {
      ++words;
    }
    in_word = !space;
  }
  return k_decision_seconds + static_cast<double>(words) / k_words_per_second;
}

void Pace::record(double estimated, double actual)
{
  if (!(estimated > 0) || !(actual >= 0)) {
    return;
  }
  m_estimated += estimated;
  m_actual += std::min(actual, 3 * estimated);
  ++m_count;
}

double Pace::factor() const
{
  if (m_count < k_min_records) {
    return 1.0;
  }
  return std::clamp(m_actual / m_estimated, 0.4, 3.0);
}

double seconds_left(const Session& session, const Pace& pace)
{
  double total = 0;
  const auto& questions = session.bank().questions;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    if (!session.seen()[q]) {
      total += question_seconds(questions[q]);
    }
  }
  return total * pace.factor();
}

std::string format_duration(double seconds)
{
  if (!(seconds >= 45)) {
    return "less than a minute";
  }
  const auto minutes = static_cast<long>(std::lround(seconds / 60));
  if (minutes <= 1) {
    return "about 1 minute";
  }
  if (minutes < 60) {
    return fmt::format("about {} minutes", minutes);
  }
  // Beyond an hour, five-minute steps: the estimate is not better than that.
  const long rounded = (minutes + 2) / 5 * 5;
  if (rounded % 60 == 0) {
    return fmt::format("about {} h", rounded / 60);
  }
  return fmt::format("about {} h {} min", rounded / 60, rounded % 60);
}

} // namespace centricity::assess
