#include <centricity/util/markdown.hpp>

#include <cctype>

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

void append_escaped(std::string& out, std::string_view text)
{
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '&' && i + 1 < text.size()
        && (std::isalpha(static_cast<unsigned char>(text[i + 1])) != 0 || text[i + 1] == '#')) {
      out += "&amp;";
    } else if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      out += "\\{"; // keeps "{{" from reading as a template tag downstream
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

std::string md_text(std::string_view text)
{
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
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
