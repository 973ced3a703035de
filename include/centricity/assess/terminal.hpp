#pragma once

// The real terminal: signals, raw mode and keys (TerminalPrompter), and the
// line-per-answer mode for a pipe (LinePrompter). POSIX only.
//
// Exit paths: the terminal is put back (termios, cursor, main screen) by
// the destructor on return and exceptions, and by the signal handler itself
// for SIGINT, SIGTERM and SIGHUP, which then interrupts the prompter so the
// command exits 130 with every answer saved.

#include <centricity/assess/prompter.hpp>
#include <centricity/assess/screen.hpp>

#include <termios.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace centricity::assess {

// The Style for output descriptor `fd`: colour per want_color() with the
// environment, Unicode when the locale's character set is UTF-8, the width
// from the terminal (else $COLUMNS, else 80) and, on a terminal, its height
// (else $LINES, else 0: no fitting).
[[nodiscard]] Style terminal_style(int fd);

// Catches SIGINT, SIGTERM and SIGHUP (stop) and SIGWINCH and SIGCONT
// (redraw) while it lives, through a self-pipe, and puts the previous
// handlers back when destroyed. One at a time per process.
class SignalWatch {
public:
  SignalWatch();
  ~SignalWatch();
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

  // Readable when a signal has arrived; poll it beside the input.
  [[nodiscard]] int fd() const;
  // The stop signal caught (SIGINT, SIGTERM, SIGHUP), or 0.
  [[nodiscard]] static int stop_signal();
  // Empties the pipe; true if a redraw signal came.
  bool drain();
  // From now on the handler of a stop signal (and of Ctrl-Z) first writes
  // `saved` back to terminal `in_fd` (tcsetattr is async-signal-safe) and
  // `reset` (escape sequences) to `out_fd`.
  static void protect_terminal(int in_fd, int out_fd, const termios& saved, std::string_view reset);
  // The terminal is back to normal: the handler leaves it alone.
  static void unprotect_terminal();
};

// A key from the terminal.
enum class KeyKind {
  character,
  up,
  down,
  left,
  right,
  enter,
  backspace,
  escape,
  end_of_input, // Ctrl-D
  resize,       // not a key: the terminal was resized or the process continued; redraw
};
struct Key {
  KeyKind kind = KeyKind::character;
  char character = 0; // KeyKind::character
};

// Decodes the first key in `bytes`: returns it and sets `used` to the bytes
// it took, or nullopt when `bytes` ends inside an escape sequence that may
// still be completed. Unknown escape sequences decode as escape.
[[nodiscard]] std::optional<Key> decode_key(std::string_view bytes, std::size_t& used);

// Number keys, arrows and Enter, b/left, s/right, n, d, ?, q on a terminal
// in raw mode (no echo, no line buffering; Ctrl-C still raises SIGINT). The
// screen is redrawn on every key and on resize.
class TerminalPrompter : public Prompter {
public:
  // Takes over terminal `in_fd` (keys) and `out_fd` (screens): raw mode, the
  // alternate screen, hidden cursor. Throws centricity::Error if `in_fd` is
  // not a terminal. `signals` must outlive the prompter.
  TerminalPrompter(int in_fd, int out_fd, SignalWatch& signals);
  ~TerminalPrompter() override;
  TerminalPrompter(const TerminalPrompter&) = delete;
  TerminalPrompter& operator=(const TerminalPrompter&) = delete;

  Action intro(const IntroView& view) override;
  Action ask(const QuestionView& view) override;
  Action review(const EndView& view) override;

  // Puts the terminal back now (also done by the destructor); idempotent.
  void restore();

private:
  void enter_raw();
  void draw(const std::string& screen);
  // The next key, or KeyKind::resize. Throws Interrupted on a stop signal
  // or when the terminal is gone.
  Key wait_key();
  void write_all(std::string_view text) const;

  int m_in;
  int m_out;
  SignalWatch* m_signals;
  termios m_saved{};
  bool m_active = false;
  bool m_redraw = false;
  Style m_style;
  std::string m_pending; // bytes read but not decoded yet
};

// One answer per line, in question order, for a pipe: a number chooses the
// option with that number on screen, anything else is matched against the
// labels and aliases of the question's scale ("Agree", "N/A", "Don't
// know"), and an empty line skips. End of input finishes the assessment.
// Nothing is printed per question.
class LinePrompter : public Prompter {
public:
  // Reads from `in_fd`, watching `signals`; `input_name` names the input in
  // errors ("<stdin>").
  LinePrompter(int in_fd, SignalWatch& signals, std::string input_name);

  Action intro(const IntroView& view) override;
  Action ask(const QuestionView& view) override;
  Action review(const EndView& view) override;

  // Lines read so far.
  [[nodiscard]] std::size_t lines_read() const { return m_line; }
  // True once the input has ended.
  [[nodiscard]] bool at_end_of_input() const { return m_eof; }

private:
  // The next line without its newline; nullopt at end of input. Throws Interrupted.
  std::optional<std::string> read_line();

  int m_in;
  SignalWatch* m_signals;
  std::string m_name;
  std::string m_buffer;
  std::size_t m_line = 0;
  bool m_eof = false;
};

// Parses one line of line mode for a question on `scale` with `rows` (see
// LinePrompter). Returns the action, or sets `error` to why the line is not
// an answer.
[[nodiscard]] std::optional<Action> parse_answer_line(std::string_view line,
                                                      const bank::Scale& scale,
                                                      const std::vector<OptionRow>& rows,
                                                      std::string& error);

} // namespace centricity::assess
