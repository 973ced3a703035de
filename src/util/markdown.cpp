#include <centricity/util/markdown.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>

namespace centricity::util {

namespace {

bool needs_backslash(char c)
{
  switch (c) {
  case '\\':
  case '`':
  case '*':
  case '_':
  case '[':
  case ']':
  case '<':
  case '>':
  case '|':
  case '~':
  case '$': // pandoc's tex_math_dollars
    return true;
  default:
    return false;
  }
}

// The ASCII letters just before `pos` in `text`, lower-cased (at most 8).
std::string word_before(std::string_view text, std::size_t pos)
{
  std::size_t start = pos;
  while (start > 0 && pos - start < 8
         && std::isalpha(static_cast<unsigned char>(text[start - 1])) != 0) {
    --start;
  }
  std::string word;
  for (std::size_t i = start; i < pos; ++i) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  return word;
}

bool ends_with_any(const std::string& word, std::initializer_list<std::string_view> endings)
{
  return std::any_of(endings.begin(), endings.end(),
                     [&](std::string_view ending) { return word.ends_with(ending); });
}

bool email_local_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '+' || c == '-'
         || c == '_';
}

// U+2060 WORD JOINER: invisible, and not a character of an e-mail address,
// so "bob<WJ>@example.com" is no address to an autolinker.
constexpr std::string_view k_word_joiner = "\xE2\x81\xA0";

void append_escaped(std::string& out, std::string_view text)
{
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '&' && i + 1 < text.size()
        && (std::isalpha(static_cast<unsigned char>(text[i + 1])) != 0 || text[i + 1] == '#')) {
      out += "&amp;";
    } else if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      out += "\\{"; // keeps "{{" from reading as a template tag downstream
    } else if (static_cast<unsigned char>(c) < 0x20U && c != '\t' && c != '\n') {
      out += "\xEF\xBF\xBD"; // U+FFFD for NUL and other control characters
    } else if (c == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else if ((c == ':'
                && ends_with_any(word_before(text, i), {"http", "https", "ftp", "mailto", "xmpp"}))
               || (c == '.' && word_before(text, i).ends_with("www"))) {
      // GFM's extended autolinks (GitHub, GitLab, pandoc's gfm, md4c):
      // "http://", "www." and friends are no link once escaped.
      out += '\\';
      out += c;
    } else if (c == '@' && i > 0 && i + 1 < text.size() && email_local_char(text[i - 1])
               && std::isalnum(static_cast<unsigned char>(text[i + 1])) != 0) {
      // An escaped '@' still makes an address for cmark-gfm (GitHub): only
      // a character that cannot be part of one keeps it text.
      out += k_word_joiner;
      out += c;
    } else {
      if (needs_backslash(c)) {
        out += '\\';
      }
      out += c;
    }
  }
}

// Escapes what would make a line start a block: "# ", "- ", "+ ", "1. ",
// "1) ", "=" and "-" setext underlines, and four-space indentation.
std::string escape_line_start(std::string_view line)
{
  std::size_t lead = 0;
  while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) {
    ++lead;
  }
  std::string out;
  std::string_view rest = line.substr(lead); // indentation is dropped: no code blocks
  if (rest.empty()) {
    return out;
  }
  const char first = rest.front();
  if (first == '#' || first == '-' || first == '+' || first == '=') {
    out += '\\';
  } else if (std::isdigit(static_cast<unsigned char>(first)) != 0) {
    std::size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])) != 0) {
      ++digits;
    }
    if (digits < rest.size() && (rest[digits] == '.' || rest[digits] == ')')) {
      append_escaped(out, rest.substr(0, digits));
      out += '\\';
      rest.remove_prefix(digits);
    }
  }
  append_escaped(out, rest);
  return out;
}

} // namespace

std::string md_inline(std::string_view text)
{
  std::string flat;
  flat.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !flat.empty()) {
      flat += ' ';
    }
    space = false;
    flat += c;
  }
  // Inline text never starts a line of its own (callers put a marker, a cell
  // border or a label first), so only inline markup needs escaping.
  std::string out;
  append_escaped(out, flat);
  return out;
}

std::string md_text(std::string_view input)
{
  // A bare CR ends a line in markdown too: make every line end an LF, so
  // each line's start is escaped (a raw CR then "# x" would be a heading).
  std::string lines;
  lines.reserve(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '\r') {
      if (i + 1 < input.size() && input[i + 1] == '\n') {
        continue;
      }
      lines += '\n';
    } else {
      lines += input[i];
    }
  }
  const std::string_view text = lines;
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(start, end - start);
    out += escape_line_start(line);
    if (end == text.size()) {
      break;
    }
    out += '\n';
    start = end + 1;
  }
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return out;
}

} // namespace centricity::util
