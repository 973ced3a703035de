#include <centricity/assess/estimate.hpp>
#include <centricity/assess/screen.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace centricity::assess {

namespace {

// The widest a screen gets: long lines are hard to read on wide terminals.
constexpr std::size_t k_max_width = 100;
constexpr std::size_t k_min_width = 24;

const char* const k_bold = "\x1b[1m";
const char* const k_dim = "\x1b[2m";
const char* const k_green = "\x1b[32m";
const char* const k_yellow = "\x1b[33m";
const char* const k_cyan = "\x1b[36m";
const char* const k_reverse = "\x1b[7m";
const char* const k_reset = "\x1b[0m";

std::string paint(const std::string& text, const char* code, const Style& style)
{
  if (!style.color || text.empty() || code == nullptr) {
    return text;
  }
  return code + text + k_reset;
}

std::size_t screen_width(const Style& style)
{
  return std::clamp(style.width, k_min_width, k_max_width);
}

// The byte length of the UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead)
{
  if (lead >= 0xF0 && lead <= 0xF4) {
    return 4;
  }
  if (lead >= 0xE0) {
    return lead <= 0xEF ? 3 : 1;
  }
  if (lead >= 0xC2) {
    return 2;
  }
  return 1;
}

// Appends `word` to `lines`, cutting it between code points where it is
// wider than `width`.
void cut_word(std::string_view word, std::size_t width, std::vector<std::string>& lines)
{
  std::string piece;
  std::size_t piece_width = 0;
  std::size_t pos = 0;
  while (pos < word.size()) {
    const std::size_t length =
      std::min(sequence_length(static_cast<unsigned char>(word[pos])), word.size() - pos);
    const std::string_view glyph = word.substr(pos, length);
    const std::size_t glyph_width = util::display_width(glyph);
    if (piece_width + glyph_width > width && !piece.empty()) {
      lines.push_back(std::move(piece));
      piece.clear();
      piece_width = 0;
    }
    piece += glyph;
    piece_width += glyph_width;
    pos += length;
  }
  if (!piece.empty()) {
    lines.push_back(std::move(piece));
  }
}

// `lines` each prefixed with `indent` and painted, newline-terminated.
std::string block(const std::vector<std::string>& lines, const std::string& indent,
                  const char* code, const Style& style)
{
  std::string out;
  for (const auto& line : lines) {
    out += indent + paint(line, code, style) + "\n";
  }
  return out;
}

std::string paragraph(std::string_view text, std::size_t indent, const Style& style,
                      const char* code = nullptr)
{
  const std::size_t width = screen_width(style);
  const std::size_t room = width > indent + 1 ? width - indent : 1;
  return block(wrap(printable(text), room), std::string(indent, ' '), code, style);
}

std::string dot(const Style& style)
{
  return style.unicode ? " · " : " - ";
}

std::string join(const std::vector<std::string>& items, const std::string& separator)
{
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

// The key legend as lines of at most `width` columns, items kept whole.
std::vector<std::string> legend(const std::vector<std::string>& items, const std::string& separator,
                                std::size_t width)
{
  std::vector<std::string> lines;
  std::string line;
  for (const auto& item : items) {
    std::string candidate = line;
    if (!candidate.empty()) {
      candidate += separator;
    }
    candidate += item;
    if (!line.empty() && util::display_width(candidate) > width) {
      lines.push_back(line);
      line = item;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) {
    lines.push_back(line);
  }
  return lines;
}

std::string value_keys(const std::vector<OptionRow>& rows)
{
  std::string first;
  std::string last;
  for (const auto& row : rows) {
    if (!row.key.empty() && row.key[0] >= '1' && row.key[0] <= '9') {
      if (first.empty()) {
        first = row.key;
      }
      last = row.key;
    }
  }
  if (first.empty()) {
    return {};
  }
  return first == last ? first : first + "-" + last;
}

// A key column entry padded to `width` columns.
std::string pad(const std::string& text, std::size_t width)
{
  const std::size_t used = util::display_width(text);
  return used >= width ? text + " " : text + std::string(width - used, ' ');
}

} // namespace

bool want_color(bool is_tty, const char* term, const char* no_color)
{
  if (!is_tty) {
    return false;
  }
  if (no_color != nullptr && *no_color != '\0') {
    return false;
  }
  return term != nullptr && *term != '\0' && std::string_view(term) != "dumb";
}

std::string printable(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7F) {
      c = ' ';
    }
  }
  return out;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width)
{
  width = std::max<std::size_t>(width, 1);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    // Each newline-separated paragraph wraps on its own.
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view paragraph = text.substr(start, end - start);
    std::string line;
    std::size_t line_width = 0;
    std::size_t pos = 0;
    bool any = false;
    while (pos < paragraph.size()) {
      while (pos < paragraph.size()
             && (paragraph[pos] == ' ' || paragraph[pos] == '\t' || paragraph[pos] == '\r')) {
        ++pos;
      }
      const std::size_t word_end =
        std::min(paragraph.find_first_of(" \t\r", pos), paragraph.size());
      if (word_end == pos) {
        break;
      }
      const std::string_view word = paragraph.substr(pos, word_end - pos);
      pos = word_end;
      any = true;
      const std::size_t word_width = util::display_width(word);
      if (line_width > 0 && line_width + 1 + word_width <= width) {
        line += ' ';
        line += word;
        line_width += 1 + word_width;
        continue;
      }
      if (line_width > 0) {
        lines.push_back(std::move(line));
        line.clear();
        line_width = 0;
      }
      if (word_width <= width) {
        line = word;
        line_width = word_width;
        continue;
      }
      cut_word(word, width, lines);
      // Continue after the last piece of the cut word on its line.
      line = std::move(lines.back());
      lines.pop_back();
      line_width = util::display_width(line);
    }
    if (line_width > 0 || !any) {
      lines.push_back(std::move(line));
    }
    if (end >= text.size()) {
      break;
    }
    start = end + 1;
  }
  // A trailing empty line from a text that ended in a newline says nothing.
  while (lines.size() > 1 && lines.back().empty()) {
    lines.pop_back();
  }
  return lines;
}

std::string progress_bar(double fraction, std::size_t width, bool unicode)
{
  if (!(fraction >= 0)) {
    fraction = 0;
  }
  fraction = std::min(fraction, 1.0);
  const auto full = static_cast<std::size_t>(std::floor(fraction * static_cast<double>(width)));
  std::string out;
  for (std::size_t i = 0; i < width; ++i) {
    out += i < full ? (unicode ? "█" : "#") : (unicode ? "░" : "-");
  }
  return out;
}

std::string render_intro(const IntroView& view, const Style& style)
{
  const std::string arrows_ud = style.unicode ? "↑↓" : "up/down";
  const std::string left = style.unicode ? "← " : "";
  const std::string right = style.unicode ? "→ " : "";
  std::string out = "\n";
  out += paragraph(view.title, 2, style, k_bold);
  if (!view.description.empty()) {
    out += "\n" + paragraph(view.description, 2, style);
  }
  out += "\n";
  const double minutes = view.seconds;
  if (view.seen > 0) {
    std::string where;
    if (view.start > view.questions) {
      where = "Every question has been answered: press Enter to review and finish.";
    } else if (view.seen == view.questions) {
      where = fmt::format("You continue at question {}, the first one skipped.", view.start);
    } else {
      where = fmt::format("You continue at question {}; what is left takes {}.", view.start,
                          format_duration(minutes));
    }
    out += paragraph(fmt::format("Welcome back: {} of {} questions answered. {}", view.answered,
                                 view.questions, where),
                     2, style);
  } else {
    out += paragraph(fmt::format("{} questions in {} sections, {}. There are no right answers: "
                                 "answer for the organisation as it is today, not as it "
                                 "should be.",
                                 view.questions, view.sections, format_duration(minutes)),
                     2, style);
  }
  out += "\n";
  out += paragraph("Every answer is saved at once to", 2, style);
  out += paragraph(view.answers_path, 4, style, k_cyan);
  out += paragraph("so you can stop whenever you like (q or Ctrl-C) and continue later with "
                   "--resume.",
                   2, style);
  out += "\n" + paragraph("How to answer", 2, style, k_bold);
  const std::vector<std::pair<std::string, std::string>> keys = {
    {"1-5", "choose an answer (or " + arrows_ud + " and Enter)"},
    {left + "b", "go back and change an answer"},
    {right + "s", "skip a question"},
    {"n  d", "not applicable, don't know (where offered)"},
    {"?", "why a question matters"},
    {"q", "save and quit"},
  };
  for (const auto& [key, what] : keys) {
    out += "    " + paint(pad(key, 8), k_cyan, style) + what + "\n";
  }
  out += "\n" + paragraph("Press Enter to start, q to quit.", 2, style, k_bold);
  return out;
}

std::string render_question(const QuestionView& view, std::size_t cursor, const Style& style)
{
  const std::size_t width = screen_width(style);
  const Progress& p = view.progress;
  std::string out = "\n";
  out += paragraph(p.section_title, 2, style, k_bold);
  out += paragraph(fmt::format("Section {} of {}{}question {} of {} in this section", p.section,
                               p.sections, dot(style), p.in_section, p.section_size),
                   2, style, k_dim);
  const std::size_t bar_width = std::min<std::size_t>(width - 8, 60);
  const double fraction =
    p.total == 0 ? 0.0 : static_cast<double>(p.seen) / static_cast<double>(p.total);
  out += "  " + paint(progress_bar(fraction, bar_width, style.unicode), k_cyan, style)
         + fmt::format(" {:3}%\n", static_cast<int>(std::lround(fraction * 100)));
  out += paragraph(fmt::format("Question {} of {}{}{} left", p.question, p.total, dot(style),
                               format_duration(view.seconds_left)),
                   2, style, k_dim);
  out += "\n";

  out += paragraph(view.question->text, 2, style, k_bold);
  if (view.skipped) {
    out += paragraph("(skipped earlier)", 2, style, k_dim);
  }
  out += "\n";
  const std::string marker = style.unicode ? "›" : ">";
  const std::string tick = style.unicode ? "✓ your answer" : "* your answer";
  const std::size_t label_room = width > 12 ? width - 9 : 3;
  for (std::size_t r = 0; r < view.options.size(); ++r) {
    const OptionRow& row = view.options[r];
    const bool here = r == cursor;
    const auto lines = wrap(printable(row.label), label_room);
    for (std::size_t l = 0; l < lines.size(); ++l) {
      std::string line =
        l == 0 ? fmt::format("  {} {:<2} ", here ? marker : " ", row.key.empty() ? " " : row.key)
               : std::string(7, ' ');
      std::string label = lines[l];
      if (here) {
        label = paint(label, k_reverse, style);
      }
      line += label;
      if (row.current && l + 1 == lines.size()) {
        // The mark goes beside the label if it fits, else below it.
        if (7 + util::display_width(lines[l]) + 2 + util::display_width(tick) <= width) {
          line += "  " + paint(tick, k_green, style);
        } else {
          line += "\n" + std::string(7, ' ') + paint(tick, k_green, style);
        }
      }
      out += line + "\n";
    }
  }
  out += "\n";
  if (view.show_help) {
    out += paragraph("Why this matters", 2, style, k_bold);
    out += paragraph(view.question->help.empty() ? "(The bank gives no help for this question.)"
                                                 : view.question->help,
                     2, style);
    out += "\n";
  }
  if (!view.notice.empty()) {
    out += paragraph(view.notice, 2, style, k_yellow);
    out += "\n";
  }
  std::vector<std::string> keys;
  const std::string numbers = value_keys(view.options);
  if (!numbers.empty()) {
    keys.push_back(numbers + " answer");
  }
  keys.push_back(style.unicode ? "↑↓ Enter choose" : "up/down Enter choose");
  keys.push_back(style.unicode ? "← b back" : "b back");
  keys.push_back(style.unicode ? "→ s skip" : "s skip");
  const auto has = [&](const char* key) {
    return std::any_of(view.options.begin(), view.options.end(),
                       [&](const OptionRow& row) { return row.key == key; });
  };
  if (has("n")) {
    keys.emplace_back("n not applicable");
  }
  if (has("d")) {
    keys.emplace_back("d don't know");
  }
  keys.emplace_back(view.show_help ? "? hide help" : "? why this matters");
  keys.emplace_back("q save and quit");
  out += block(legend(keys, dot(style), width - 2), "  ", k_dim, style);
  return out;
}

std::string render_end(const EndView& view, const Style& style)
{
  std::string out = "\n";
  out += paragraph("All questions done", 2, style, k_bold);
  out += "\n";
  std::vector<std::string> counts = {fmt::format("{} answered", view.answered)};
  if (view.not_applicable > 0) {
    counts.push_back(fmt::format("{} not applicable", view.not_applicable));
  }
  if (view.dont_know > 0) {
    counts.push_back(fmt::format("{} don't know", view.dont_know));
  }
  counts.push_back(fmt::format("{} skipped", view.skipped));
  out += paragraph(join(counts, dot(style)) + fmt::format(" (of {})", view.total), 2, style);
  out += paragraph(fmt::format("Your answers are saved in {}.", view.answers_path), 2, style);
  out += "\n";
  std::vector<std::pair<std::string, std::string>> keys = {
    {"Enter", "see your results and write the report"},
    {style.unicode ? "← b" : "b", "go back and change an answer"},
  };
  if (view.skipped > 0) {
    keys.emplace_back("u", "go to the first skipped question");
  }
  keys.emplace_back("q", "save and quit (finish later with --resume)");
  for (const auto& [key, what] : keys) {
    out += "    " + paint(pad(key, 8), k_cyan, style) + what + "\n";
  }
  if (!view.notice.empty()) {
    out += "\n" + paragraph(view.notice, 2, style, k_yellow);
  }
  return out;
}

} // namespace centricity::assess
