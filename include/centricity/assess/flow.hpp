#pragma once

// The assessment loop: show the screen the Session is on through a
// Prompter, apply what came back, save after every change.

#include <centricity/assess/estimate.hpp>
#include <centricity/assess/prompter.hpp>
#include <centricity/assess/session.hpp>

#include <functional>
#include <string>

namespace centricity::assess {

struct RunHooks {
  // Called after every action that changed the answers; must save them
  // (save_answers) before returning, so no answer is ever only in memory.
  std::function<void(const Session&)> save;
  // Monotonic seconds, for the respondent's pace; nullptr: no pace, the
  // estimate stays at reading time.
  std::function<double()> now;
  std::string answers_path; // shown on the intro and end screens
  bool show_intro = true;   // false: start at once (line mode)
};

// Runs `session` through `prompter` from the intro (a resumed session
// starts at Session::resume_position()) until it is finished or quit.
// Returns true if finished. Interrupted and save errors propagate; answers
// given before them are saved already.
bool run_session(Session& session, Prompter& prompter, const RunHooks& hooks);

// The views of the screen `session` is on.
[[nodiscard]] IntroView make_intro_view(const Session& session, const std::string& answers_path);
[[nodiscard]] QuestionView make_question_view(const Session& session, const Pace& pace,
                                              std::string notice);
[[nodiscard]] EndView make_end_view(const Session& session, const std::string& answers_path,
                                    std::string notice);

} // namespace centricity::assess
