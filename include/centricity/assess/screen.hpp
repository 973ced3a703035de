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
// `style.width` columns (escape sequences excluded).
[[nodiscard]] std::string render_intro(const IntroView& view, const Style& style);
// `cursor` is the highlighted row (from the arrow keys); options.size() for none.
[[nodiscard]] std::string render_question(const QuestionView& view, std::size_t cursor,
                                          const Style& style);
[[nodiscard]] std::string render_end(const EndView& view, const Style& style);

// `text` without control characters (escape sequences from a bank or an
// answers file must not reach the terminal): each becomes a space.
[[nodiscard]] std::string printable(std::string_view text);

} // namespace centricity::assess
