#pragma once

// The interactive self-assessment as a pure state machine: which question is
// on screen, what has been answered, and how each action moves through the
// bank. It does no I/O and reads no clock; a Prompter (prompter.hpp) turns
// keys or lines into Actions and run_session() (flow.hpp) saves the answers
// after every change.

#include <centricity/answers/response.hpp>
#include <centricity/bank/model.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace centricity::assess {

// What the respondent did on one screen.
enum class ActionKind : std::uint8_t {
  choose,         // pick option `Action::option` (an index into Scale::options)
  not_applicable, // pick the scale's not-applicable option
  dont_know,      // pick the scale's don't-know option
  skip,           // move on; an existing answer is kept, none is given
  back,           // go to the previous question (from the end: the last one)
  help,           // show or hide the help text of the current question
  first_skipped,  // go to the first question without an answer
  start,          // leave the intro screen
  finish,         // end the assessment now (on the end screen, or input ended)
  quit,           // stop; everything given so far is saved for --resume
};

struct Action {
  ActionKind kind = ActionKind::skip;
  std::size_t option = 0; // ActionKind::choose only
};

// A run of consecutive questions on one dimension: what the screen calls a
// section, titled by the dimension.
struct Section {
  std::size_t dimension = 0; // index into Questionnaire::dimensions
  std::size_t first = 0;     // index of its first question
  std::size_t count = 0;
};

// Where the respondent stands, for the progress line.
struct Progress {
  std::size_t question = 0; // 1-based position of the current question
  std::size_t total = 0;
  std::size_t seen = 0;     // questions answered or deliberately skipped
  std::size_t answered = 0; // questions with an answer (N/A and don't know included)
  std::size_t section = 0;  // 1-based
  std::size_t sections = 0;
  std::size_t in_section = 0; // 1-based position within the section
  std::size_t section_size = 0;
  std::string section_title;
};

// What apply() did.
struct Outcome {
  bool changed = false; // the answers or the seen marks changed: save them
  std::string notice;   // why the action was refused, for the screen ("" if it was not)
};

class Session {
public:
  // A session over `bank` (which must outlive it) starting from `response`
  // (one answer per question) and `seen` (per question: answered or skipped
  // in an earlier session; empty means none). Starts at the intro screen.
  Session(const bank::Questionnaire& bank, answers::Response response, std::vector<bool> seen);

  [[nodiscard]] const bank::Questionnaire& bank() const { return *m_bank; }
  [[nodiscard]] const answers::Response& response() const { return m_response; }
  [[nodiscard]] const std::vector<bool>& seen() const { return m_seen; }
  [[nodiscard]] const std::vector<Section>& sections() const { return m_sections; }

  // True before the first question is shown.
  [[nodiscard]] bool at_intro() const { return m_intro; }
  // True after the last question: the end screen (finish, or go back).
  [[nodiscard]] bool at_end() const { return !m_intro && m_position == m_response.answers.size(); }
  [[nodiscard]] bool finished() const { return m_finished; }
  [[nodiscard]] bool quit() const { return m_quit; }
  [[nodiscard]] bool help_visible() const { return m_help; }

  // The index of the current question (== question count at the end screen).
  [[nodiscard]] std::size_t position() const { return m_position; }
  // The current question and its scale; only when neither at_intro() nor at_end().
  [[nodiscard]] const bank::Question& question() const;
  [[nodiscard]] const bank::Scale& scale() const;
  [[nodiscard]] const answers::Answer& answer() const { return m_response.answers[m_position]; }

  // Moves to question `index` (question count: the end screen) and leaves the intro.
  void go_to(std::size_t index);
  // The question a resumed session continues at: the first never seen, else
  // the first skipped one, else the end screen.
  [[nodiscard]] std::size_t resume_position() const;
  // The first question without an answer (skipped or never seen), or the question count.
  [[nodiscard]] std::size_t first_unanswered() const;

  // Applies `action` to the current screen. Refused actions (N/A on a scale
  // without it, back on the first question, an option out of range) change
  // nothing and say why in Outcome::notice.
  Outcome apply(const Action& action);

  [[nodiscard]] Progress progress() const;
  // Counts over all questions.
  [[nodiscard]] std::size_t answered_count() const;
  [[nodiscard]] std::size_t seen_count() const;
  // The index into sections() of the section holding `question`.
  [[nodiscard]] std::size_t section_of(std::size_t question) const;

  // Metadata written into the answers file ("respondent", "role").
  void set_field(const std::string& name, const std::string& value);

private:
  Outcome choose(std::size_t option);
  Outcome choose_special(bank::OptionKind kind);

  const bank::Questionnaire* m_bank;
  answers::Response m_response;
  std::vector<bool> m_seen;
  std::vector<std::size_t> m_scale_of; // per question: index into bank.scales
  std::vector<Section> m_sections;
  std::vector<std::size_t> m_section_of; // per question: index into m_sections
  std::size_t m_position = 0;
  bool m_intro = true;
  bool m_help = false;
  bool m_finished = false;
  bool m_quit = false;
};

// The label of `answer` on `scale` ("Agree", "Not applicable"), or "" when missing.
[[nodiscard]] std::string answer_label(const bank::Scale& scale, const answers::Answer& answer);

} // namespace centricity::assess
