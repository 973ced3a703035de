#pragma once

// Drawing the assessment's screens as text: pure functions of a view and a
// Style, so they are tested on strings and the terminal prompter only
// clears the screen and writes what they return.

#include <centricity/assess/prompter.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::assess {

// How to draw: decided once per output (terminal_style() in terminal.hpp).
struct Style {
  bool color = false;  // ANSI colours and bold
  bool unicode = true; // box drawing, arrows and bars; else ASCII only
  std::size_t width = 80;
  std::size_t height = 0; // terminal rows; 0: no limit (the screen is not fitted)
};

// The one place colour is decided (ninja's LinePrinter): only on a terminal,
// only if $TERM is set and not "dumb", and never when $NO_COLOR is set to a
// non-empty value (no-color.org). `term` and `no_color` may be nullptr.
[[nodiscard]] bool want_color(bool is_tty, const char* term, const char* no_color);

// Splits `text` into lines of at most `width` terminal columns, breaking at
// spaces (runs of white space fold to one; a newline always breaks). Words
// wider than `width` are cut between code points. Columns are counted with
// util::display_width, so accents and wide characters wrap correctly.
[[nodiscard]] std::vector<std::string> wrap(std::string_view text, std::size_t width);

// A bar of `width` cells for `fraction` (0..1): "█████░░░░░", or "#####-----".
[[nodiscard]] std::string progress_bar(double fraction, std::size_t width, bool unicode);

// The screens. Each returns newline-separated lines, none wider than
// `style.width` columns (escape sequences excluded). With a `style.height`,
// a screen is fitted to it, from the top down: blank lines, the longer key
// legend, the section and progress lines give way first; the question is
// always shown whole and the options page around the cursor ("↓ 3 more");
// where even that does not fit, a screen saying how large the window must
// be. The last line then has no newline, so nothing scrolls.
[[nodiscard]] std::string render_intro(const IntroView& view, const Style& style);

// A question screen, and whether the terminal was too small to show the
// question and at least two of its options (the text then says so, and
// answer keys must not be taken: the person cannot see what they answer).
struct QuestionScreen {
  std::string text;
  bool too_small = false;
};
// `cursor` is the highlighted row (from the arrow keys); options.size() for none.
[[nodiscard]] QuestionScreen layout_question(const QuestionView& view, std::size_t cursor,
                                             const Style& style);
// layout_question(...).text.
[[nodiscard]] std::string render_question(const QuestionView& view, std::size_t cursor,
                                          const Style& style);
[[nodiscard]] std::string render_end(const EndView& view, const Style& style);

// `text` without control characters (escape sequences from a bank or an
// answers file must not reach the terminal): each becomes a space.
[[nodiscard]] std::string printable(std::string_view text);

} // namespace centricity::assess
