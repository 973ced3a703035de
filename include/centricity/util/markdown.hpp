#pragma once

// Escaping text that came from a bank, an answers file or an export before it
// goes into markdown, so it renders as the words it is (never as a link, an
// HTML tag, a heading or a table break) on GitHub and through pandoc.

#include <string>
#include <string_view>

namespace centricity::util {

// `text` as inline markdown on one line: markup characters are
// backslash-escaped, a possible HTML entity's '&' becomes "&amp;", line
// breaks become spaces. Safe inside headings, list items and table cells;
// not at the very start of a line (use md_text there).
[[nodiscard]] std::string md_inline(std::string_view text);

// `text` as markdown paragraphs: like md_inline, but line breaks are kept
// and markers that would start a heading, list, quote or code block at the
// start of a line are escaped.
[[nodiscard]] std::string md_text(std::string_view text);

} // namespace centricity::util
