#include <centricity/util/diagnostics.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace centricity::util {

namespace {

const char* severity_name(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::note:
    return "note";
  }
  return "error";
}

// Quoted lines are cut to this many bytes around the column, so a 10 MB line
// does not flood the terminal.
constexpr std::size_t k_max_quote = 160;

// Length of the valid UTF-8 sequence at the start of `text`, or 0.
std::size_t utf8_length(std::string_view text)
{
  const auto lead = static_cast<unsigned char>(text[0]);
  std::size_t length = 0;
  if ((lead & 0xE0U) == 0xC0U && lead >= 0xC2U) {
    length = 2;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
  } else if ((lead & 0xF8U) == 0xF0U && lead <= 0xF4U) {
    length = 4;
  } else {
    return 0;
  }
  if (text.size() < length) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[k]) & 0xC0U) != 0x80U) {
      return 0;
    }
  }
  return length;
}

// C1 controls (U+0080-U+009F: some terminals act on U+009B as on ESC [) and
// the bidirectional controls that reorder what is shown ("Trojan Source").
bool invisible_control(std::string_view sequence)
{
  if (sequence.size() == 2) {
    return static_cast<unsigned char>(sequence[0]) == 0xC2U
           && static_cast<unsigned char>(sequence[1]) < 0xA0U;
  }
  if (sequence.size() == 3 && static_cast<unsigned char>(sequence[0]) == 0xE2U) {
    const auto b1 = static_cast<unsigned char>(sequence[1]);
    const auto b2 = static_cast<unsigned char>(sequence[2]);
    return (b1 == 0x80U && b2 >= 0xAAU && b2 <= 0xAEU)
           || (b1 == 0x81U && b2 >= 0xA6U && b2 <= 0xA9U);
  }
  return false;
}

// `message` with the same characters shown as escapes ("\x01", "\u202E"):
// messages quote names from the file, which may hold anything.
std::string printable(std::string_view message)
{
  std::string out;
  std::size_t i = 0;
  while (i < message.size()) {
    const auto c = static_cast<unsigned char>(message[i]);
    std::size_t length = c >= 0x80U ? utf8_length(message.substr(i)) : 1;
    if (length == 0) {
      length = 1; // invalid UTF-8: shown as a byte
      out += fmt::format("\\x{:02X}", c);
    } else if ((c < 0x20U && c != '\t' && c != '\n') || c == 0x7FU) {
      out += fmt::format("\\x{:02X}", c);
    } else if (invisible_control(message.substr(i, length))) {
      const std::string_view s = message.substr(i, length);
      const unsigned code = length == 2 ? ((static_cast<unsigned char>(s[0]) & 0x1FU) << 6U)
                                            | (static_cast<unsigned char>(s[1]) & 0x3FU)
                                        : ((static_cast<unsigned char>(s[0]) & 0x0FU) << 12U)
                                            | ((static_cast<unsigned char>(s[1]) & 0x3FU) << 6U)
                                            | (static_cast<unsigned char>(s[2]) & 0x3FU);
      out += fmt::format("\\u{:04X}", code);
    } else {
      out.append(message.substr(i, length));
    }
    i += length;
  }
  return out;
}

} // namespace

void SourceMap::add(const std::string& file, std::string text)
{
  m_texts[file] = Text{std::move(text), {}};
}

std::string_view SourceMap::line(const std::string& file, std::size_t line) const
{
  const auto it = m_texts.find(file);
  if (it == m_texts.end() || line == 0) {
    return {};
  }
  // Lines end with LF, CR LF or a bare CR, as in YAML (the parser reads a
  // CR-only file line by line too).
  const std::string_view text = it->second.text;
  const auto line_end = [&](std::size_t from) {
    const std::size_t end = text.find_first_of("\r\n", from);
    return end == std::string_view::npos ? text.size() : end;
  };
  auto& starts = it->second.starts;
  if (starts.empty()) {
    std::size_t start = 0;
    starts.push_back(start);
    for (;;) {
      const std::size_t end = line_end(start);
      if (end == text.size()) {
        break;
      }
      start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
      starts.push_back(start);
    }
  }
  if (line > starts.size()) {
    return {};
  }
  const std::size_t start = starts[line - 1];
  return text.substr(start, line_end(start) - start);
}

void Diagnostics::error(SourceLoc loc, std::string message)
{
  add({Severity::error, std::move(loc), std::move(message)});
}

void Diagnostics::warning(SourceLoc loc, std::string message)
{
  add({Severity::warning, std::move(loc), std::move(message)});
}

void Diagnostics::note(SourceLoc loc, std::string message)
{
  add({Severity::note, std::move(loc), std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic)
{
  m_items.push_back(std::move(diagnostic));
}

void Diagnostics::append(const Diagnostics& other)
{
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

std::size_t Diagnostics::error_count() const
{
  return static_cast<std::size_t>(std::count_if(
    m_items.begin(), m_items.end(), [](const auto& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const
{
  return static_cast<std::size_t>(std::count_if(
    m_items.begin(), m_items.end(), [](const auto& d) { return d.severity == Severity::warning; }));
}

void Diagnostics::sort()
{
  std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.file, a.loc.line, a.loc.column)
           < std::tie(b.loc.file, b.loc.line, b.loc.column);
  });
}

SourceLoc locate(std::string file, std::string_view text, std::size_t offset, char newline,
                 std::size_t first_line)
{
  const std::string_view before = text.substr(0, std::min(offset, text.size()));
  const std::size_t line_start = before.rfind(newline) + 1; // npos + 1 == 0
  const auto line =
    first_line + static_cast<std::size_t>(std::count(before.begin(), before.end(), newline));
  const auto column = 1
                      + static_cast<std::size_t>(std::count_if(
                        before.begin() + static_cast<std::ptrdiff_t>(line_start), before.end(),
                        [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
  return {std::move(file), line, column};
}

std::string format_diagnostic(const Diagnostic& diagnostic)
{
  const auto& loc = diagnostic.loc;
  std::string position;
  if (!loc.file.empty() && loc.known()) {
    position = fmt::format("{}:{}:{}: ", loc.file, loc.line, loc.column);
  } else if (!loc.file.empty()) {
    position = loc.file + ": ";
  }
  return fmt::format("{}{}: {}", position, severity_name(diagnostic.severity),
                     printable(diagnostic.message));
}

std::string format_diagnostic(const Diagnostic& diagnostic, const SourceMap& sources)
{
  std::string out = format_diagnostic(diagnostic);
  out += '\n';
  const auto& loc = diagnostic.loc;
  if (!loc.known()) {
    return out;
  }
  std::string_view line = sources.line(loc.file, loc.line);
  if (line.empty()) {
    return out;
  }
  // Columns count bytes. Quote a window of the line around the column, with
  // control characters and invalid UTF-8 shown as '?', and pad the caret with
  // one space per displayed character (tabs kept so the caret lines up).
  const std::size_t column = std::min(loc.column == 0 ? 0 : loc.column - 1, line.size());
  std::size_t start = 0;
  if (line.size() > k_max_quote) {
    start = column > k_max_quote / 2 ? column - k_max_quote / 2 : 0;
  }
  const std::size_t end = std::min(line.size(), start + k_max_quote);
  std::string quoted;
  std::string pad;
  std::size_t i = start;
  while (i < end) {
    const auto c = static_cast<unsigned char>(line[i]);
    std::size_t length = 1;
    if (c >= 0x80U) {
      length = utf8_length(line.substr(i));
    }
    const bool before_caret = i < column;
    if (length == 0 || i + length > end) {
      quoted += '?'; // invalid, or cut by the window
      length = 1;
    } else if ((c < 0x20U && c != '\t') || c == 0x7FU
               || invisible_control(line.substr(i, length))) {
      quoted += '?'; // control, C1 control or bidirectional override: never raw
    } else {
      quoted.append(line.substr(i, length));
    }
    if (before_caret) {
      pad += c == '\t' ? '\t' : ' ';
    }
    i += length;
  }
  out += "    ";
  out += quoted;
  out += "\n    ";
  out += pad;
  out += "^\n";
  return out;
}

} // namespace centricity::util
