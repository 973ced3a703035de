#pragma once

// Generic string helpers; depends on nothing else in the project.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::util {

// `text` without leading and trailing ASCII white space.
[[nodiscard]] std::string_view trim(std::string_view text);
// ASCII lower case of `text`; other bytes are kept as they are.
[[nodiscard]] std::string to_lower(std::string_view text);
// Lower case, trimmed, inner runs of white space folded to one space: the form
// in which labels are compared ("  Strongly   Agree " == "strongly agree").
// Unicode-aware: every space (U+00A0, U+2009, U+3000...) is a space, every
// dash (U+2013, U+2212...) a '-', curly quotes straight, invisible format
// characters (U+200B, U+FEFF, soft hyphen) dropped, letters lower-cased
// beyond ASCII too; bytes that are not UTF-8 are kept as they are.
[[nodiscard]] std::string fold_label(std::string_view text);
// fold_label() without trailing punctuation (. , ; : ! ? and "…"), the form
// in which answer labels are compared: "N/A - skip, don't know." is the
// label "N/A - skip, don't know". A text of punctuation only keeps it.
[[nodiscard]] std::string fold_answer(std::string_view text);
// `text` for a message: code points a reader cannot see or tell from a space
// (controls, format characters such as U+200B, spaces other than U+0020)
// written as \uXXXX, bytes that are not UTF-8 as \xNN: "(1)\u00a0Trivial.".
[[nodiscard]] std::string escape_invisible(std::string_view text);

// Whether `a` and `b` are the same bytes, compared without a library call
// for the short texts that fill survey cells (labels, group names): two or
// four overlapping loads instead of memcmp. Inline: it sits in hot loops.
inline bool same_text(std::string_view a, std::string_view b)
{
  const std::size_t n = a.size();
  if (n != b.size()) {
    return false;
  }
  const auto word = [](const char* p) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8 && n <= 16) {
    return word(x) == word(y) && word(x + n - 8) == word(y + n - 8);
  }
  if (n >= 4 && n < 8) {
    std::uint32_t p = 0;
    std::uint32_t q = 0;
    std::uint32_t r = 0;
    std::uint32_t t = 0;
    std::memcpy(&p, x, 4);
    std::memcpy(&q, y, 4);
    std::memcpy(&r, x + n - 4, 4);
    std::memcpy(&t, y + n - 4, 4);
    return p == q && r == t;
  }
  if (n > 16 && n <= 32) {
    return word(x) == word(y) && word(x + 8) == word(y + 8) && word(x + n - 16) == word(y + n - 16)
           && word(x + n - 8) == word(y + n - 8);
  }
  return a == b;
}

// Levenshtein distance between `a` and `b`, giving up (returning a value
// greater than `max_distance`) once the distance must exceed it.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b,
                                        std::size_t max_distance);
// The candidate closest to `word` within a distance proportional to its
// length (ninja's spellcheck), or nullopt.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       const std::vector<std::string>& candidates);
// ", did you mean 'x'?" or "" when nothing is close enough.
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       const std::vector<std::string>& candidates);

// The byte offset of the first invalid UTF-8 sequence in `text`, or nullopt
// if all of it is valid UTF-8 (overlong forms and surrogates are invalid).
[[nodiscard]] std::optional<std::size_t> find_invalid_utf8(std::string_view text);
// The number of terminal columns `text` takes: per code point, the width
// utf8proc gives it (two for East Asian wide and emoji, zero for combining
// and format characters), two for a symbol made an emoji by U+FE0F, one
// for each ASCII byte and each invalid byte.
[[nodiscard]] std::size_t display_width(std::string_view text);

// A number without trailing zeros: 3 -> "3", 2.5 -> "2.5", 1/3 -> "0.333333".
[[nodiscard]] std::string format_number(double value);

// Appends `text` as a double-quoted JSON string (quotes, backslashes and
// control characters escaped). The same form is a valid YAML double-quoted
// scalar, so it serves both.
void append_json_string(std::string& out, std::string_view text);

// Appends `text` as one CSV field: quoted when it holds `delimiter`, a quote
// or a line break, and made safe for spreadsheets: a value starting with
// = + - @ TAB or CR (which Excel, LibreOffice and Sheets would run as a
// formula) is quoted with a ' in front, so it shows as text.
void append_csv_field(std::string& out, std::string_view text, char delimiter = ',');
// The same written at `out`, which has room for csv_field_bound(text)
// bytes; returns the end. For rows built in a buffer, millions a run.
char* write_csv_field(char* out, std::string_view text, char delimiter = ',');
[[nodiscard]] constexpr std::size_t csv_field_bound(std::string_view text)
{
  return 2 * text.size() + 3;
}

// Appends a score (0-100, or a difference of scores) with up to 10 decimals
// and no trailing zeros: 43.75, 66.6666666667, 60. Written from integers,
// several times faster than printf-style formatting.
void append_score(std::string& out, double score);
// The same written at `out`, which has room for k_score_bound bytes;
// returns the end. |score| must be below 10^9.
inline constexpr std::size_t k_score_bound = 32;
char* write_score(char* out, double score);

// Splits `text` at every `separator`.
[[nodiscard]] std::vector<std::string> split(std::string_view text, char separator);

} // namespace centricity::util
