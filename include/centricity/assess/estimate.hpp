#pragma once

// How long the rest of the assessment will take: a reading-time estimate per
// question, corrected by the respondent's own pace once a few answers are in.
// Pure: the caller measures the time and passes it in.

#include <centricity/assess/session.hpp>
#include <centricity/bank/model.hpp>

#include <cstddef>
#include <string>

namespace centricity::assess {

// The seconds `question` takes before anything is known about the reader:
// reading its text at 210 words a minute plus four seconds to decide.
[[nodiscard]] double question_seconds(const bank::Question& question);

// The respondent's pace relative to question_seconds().
class Pace {
public:
  // Records that a question estimated at `estimated` seconds took `actual`
  // seconds. Long pauses count as three times the estimate, so a coffee
  // break does not make the rest look endless.
  void record(double estimated, double actual);
  // actual / estimated over the recorded questions, between 0.4 and 3; 1
  // until three questions are recorded.
  [[nodiscard]] double factor() const;

private:
  double m_estimated = 0;
  double m_actual = 0;
  std::size_t m_count = 0;
};

// The estimated seconds left: every question not seen yet, at `pace`.
[[nodiscard]] double seconds_left(const Session& session, const Pace& pace);

// `seconds` for people: "less than a minute", "about 1 minute", "about 25
// minutes", "about 1 h 10 min".
[[nodiscard]] std::string format_duration(double seconds);

} // namespace centricity::assess
