#pragma once

// Terminal I/O of the assessment goes through a Prompter (ninja's Status):
// it shows one screen and returns what the respondent did. The terminal
// prompter (terminal.hpp) reads keys, the line prompter reads one answer per
// line from a pipe, and ScriptedPrompter plays a script in tests.

#include <centricity/assess/session.hpp>
#include <centricity/bank/model.hpp>
#include <centricity/util/error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::assess {

// One option as a screen shows it.
struct OptionRow {
  std::size_t option = 0; // index into Scale::options
  std::string key;        // "1".."9" for value options, "n" N/A, "d" don't know; "" none
  std::string label;
  bool current = false; // the answer given so far
};

// Everything a prompter needs to show the intro screen.
struct IntroView {
  std::string title;
  std::string description;
  std::size_t questions = 0;
  std::size_t sections = 0;
  std::size_t answered = 0; // from an earlier session (--resume)
  std::size_t seen = 0;     // answered or skipped in an earlier session
  std::size_t start = 0;    // 1-based question the session starts at; questions + 1: the end
  double seconds = 0;       // estimated time for the questions not seen yet
  std::string answers_path;
};

// Everything a prompter needs to show one question.
struct QuestionView {
  std::string bank_title;
  const bank::Question* question = nullptr;
  const bank::Scale* scale = nullptr;
  std::vector<OptionRow> options;
  std::size_t current_row = 0; // row of the answer given so far; options.size() if none
  std::string answer;          // label of the answer given so far, "" if none
  std::string entry;           // on a range scale: the number typed so far
  bool skipped = false;        // seen before without an answer
  bool show_help = false;
  Progress progress;
  double seconds_left = 0;
  std::string notice; // why the last key did nothing, or ""
};

// The end screen: everything seen, finish or go back.
struct EndView {
  std::size_t total = 0;
  std::size_t answered = 0; // with a value
  std::size_t not_applicable = 0;
  std::size_t dont_know = 0;
  std::size_t skipped = 0;
  std::string answers_path;
  std::string notice;
};

// The rows of `scale` with their keys, the row of `answer` marked current.
// A range scale's numbers are typed, not listed: only its special options
// are rows.
[[nodiscard]] std::vector<OptionRow> option_rows(const bank::Scale& scale,
                                                 const answers::Answer& answer);

// The value option of range scale `scale` that typed `text` names ("55",
// "55.0", "-2.5"); else nullopt, and `error` says why ("101 is not a number
// from 0 to 100").
[[nodiscard]] std::optional<std::size_t> typed_option(const bank::Scale& scale,
                                                      std::string_view text, std::string& error);

class Prompter {
public:
  virtual ~Prompter() = default;
  // Shows the intro; returns start or quit.
  virtual Action intro(const IntroView& view) = 0;
  // Shows one question; returns what the respondent did.
  virtual Action ask(const QuestionView& view) = 0;
  // Shows the end screen; returns finish, back, first_skipped or quit.
  virtual Action review(const EndView& view) = 0;
};

// Thrown by a prompter when SIGINT, SIGTERM or SIGHUP arrives or the
// terminal goes away. Every answer is saved already; the command exits 130.
class Interrupted : public Error {
public:
  explicit Interrupted(int signal_number);
  // The signal (SIGINT, SIGTERM, SIGHUP; SIGHUP also for a closed terminal).
  [[nodiscard]] int signal_number() const { return m_signal; }

private:
  int m_signal;
};

// Plays a script of actions and records every screen it was shown, so tests
// drive a Session exactly as a person would.
class ScriptedPrompter : public Prompter {
public:
  // One step of the script: an action, or a simulated signal.
  struct Step {
    Action action;
    std::string key;       // non-empty: choose the row with this key instead
    std::string typed;     // non-empty: type this number on a range scale instead
    int signal_number = 0; // non-zero: throw Interrupted(signal_number) instead
  };
  // What one screen showed.
  struct Shown {
    enum class Screen { intro, question, end };
    Screen screen = Screen::question;
    std::string question; // id, for Screen::question
    bool show_help = false;
    std::string help; // the help text when shown
    std::string notice;
    std::string answer; // label of the current answer, "" if none
    Progress progress;
    double seconds_left = 0;
  };

  // A prompter that plays `steps` in order, then quits.
  explicit ScriptedPrompter(std::vector<Step> steps);

  Action intro(const IntroView& view) override;
  Action ask(const QuestionView& view) override;
  Action review(const EndView& view) override;

  [[nodiscard]] const std::vector<Shown>& shown() const { return m_shown; }
  [[nodiscard]] const IntroView& last_intro() const { return m_intro; }
  [[nodiscard]] const EndView& last_end() const { return m_end; }

private:
  Action next();

  std::vector<Step> m_steps;
  std::size_t m_next = 0;
  std::vector<Shown> m_shown;
  IntroView m_intro;
  EndView m_end;
};

// Script helpers: choose the option numbered `number` on screen (the key a
// person presses), any other action, and a signal arriving.
[[nodiscard]] ScriptedPrompter::Step pick(std::size_t number);
// Type `number` and Enter, on a range scale.
[[nodiscard]] ScriptedPrompter::Step type(std::string number);
[[nodiscard]] ScriptedPrompter::Step act(ActionKind kind);
[[nodiscard]] ScriptedPrompter::Step signal_step(int signal_number);

} // namespace centricity::assess
