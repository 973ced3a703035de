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
    // Never between a character and what joins it: a combining mark or a
    // variation selector (no width of its own), or the one after U+200D.
    const bool joined = glyph_width == 0 || piece.ends_with("\u200D");
    if (piece_width + glyph_width > width && !piece.empty() && !joined) {
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

namespace {

// The smallest screen a question is shown on: narrower, and lines would
// wrap in the terminal and break the layout; lower, and not even a question
// line, two options and the keys fit.
constexpr std::size_t k_min_height = 6;

// A screen as blocks of lines, for fitting it to the terminal's height: the
// blocks a small terminal can do without are dropped (highest `drop` first),
// or replaced by a shorter `fallback`.
struct Block {
  std::vector<std::string> lines;
  int drop = 0;                        // 0: always shown
  std::vector<std::string> fallback{}; // shown instead when dropped, if any
  bool dropped = false;
};

std::size_t height_of(const std::vector<Block>& blocks)
{
  std::size_t rows = 0;
  for (const auto& block : blocks) {
    rows += block.dropped ? block.fallback.size() : block.lines.size();
  }
  return rows;
}

// Drops blocks, highest `drop` first, until `blocks` fit in `height` rows
// (0: no limit) or nothing is left to drop. Returns true if they fit.
bool fit_blocks(std::vector<Block>& blocks, std::size_t height)
{
  if (height == 0) {
    return true;
  }
  for (;;) {
    if (height_of(blocks) <= height) {
      return true;
    }
    Block* next = nullptr;
    for (auto& block : blocks) {
      if (!block.dropped && block.drop > 0 && (next == nullptr || block.drop > next->drop)) {
        next = &block;
      }
    }
    if (next == nullptr) {
      return false;
    }
    next->dropped = true;
  }
}

std::string join_blocks(const std::vector<Block>& blocks)
{
  std::string out;
  for (const auto& block : blocks) {
    for (const auto& line : block.dropped ? block.fallback : block.lines) {
      out += line + "\n";
    }
  }
  return out;
}

// `text` as lines of a paragraph: wrapped, indented, painted.
std::vector<std::string> lines_of(std::string_view text, std::size_t indent, const Style& style,
                                  const char* code = nullptr)
{
  const std::size_t width = screen_width(style);
  const std::size_t room = width > indent + 1 ? width - indent : 1;
  std::vector<std::string> out;
  for (const auto& line : wrap(printable(text), room)) {
    out.push_back(std::string(indent, ' ') + paint(line, code, style));
  }
  return out;
}

// A key and what it does, in two columns; what it does wraps under itself.
std::vector<std::string> key_rows(const std::vector<std::pair<std::string, std::string>>& keys,
                                  const Style& style)
{
  constexpr std::size_t k_key_column = 12; // "    " + 8 for the key
  const std::size_t width = screen_width(style);
  const std::size_t room = width > k_key_column + 8 ? width - k_key_column : 8;
  std::vector<std::string> out;
  for (const auto& [key, what] : keys) {
    const auto lines = wrap(what, room);
    for (std::size_t l = 0; l < lines.size(); ++l) {
      out.push_back(l == 0 ? "    " + paint(pad(key, 8), k_cyan, style) + lines[l]
                           : std::string(k_key_column, ' ') + lines[l]);
    }
  }
  return out;
}

// The screen for a terminal too small for the one that was asked for:
// `columns` x `rows` is what it would need.
std::string too_small(std::size_t columns, std::size_t rows, const Style& style)
{
  const std::string times = style.unicode ? "×" : "x";
  const std::string need = fmt::format("{}{}{}", columns, times, rows);
  // The longest message that fits, wrapped to the real width however
  // narrow: nothing here may wrap again or scroll.
  const std::vector<std::string> messages = {
    fmt::format("This window is {}{}{}: make it at least {} to see the question and its "
                "answers. q saves and quits.",
                style.width, times, style.height, need),
    fmt::format("Make the window at least {}. q saves and quits.", need),
    fmt::format("Window too small: {}", need),
    need,
  };
  const std::size_t indent = style.width >= 12 ? 2 : 0;
  const std::size_t room = style.width > indent ? style.width - indent : 1;
  std::vector<std::string> lines;
  for (const auto& message : messages) {
    lines = wrap(message, room);
    if (style.height == 0 || lines.size() <= style.height) {
      break;
    }
  }
  if (style.height > 0 && lines.size() > style.height) {
    lines.resize(style.height);
  }
  std::string out;
  for (const auto& line : lines) {
    out += std::string(indent, ' ') + line + "\n";
  }
  return out;
}

// The last line of a screen ends where the terminal does: a newline there
// would scroll the first line away.
std::string without_last_newline(std::string text, const Style& style)
{
  if (style.height > 0 && !text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  return text;
}

} // namespace

std::string render_intro(const IntroView& view, const Style& style)
{
  const std::string arrows_ud = style.unicode ? "↑↓" : "up/down";
  const std::string left = style.unicode ? "← " : "";
  const std::string right = style.unicode ? "→ " : "";
  std::vector<Block> blocks;
  blocks.push_back({{""}, 6});
  blocks.push_back({lines_of(view.title, 2, style, k_bold)});
  if (!view.description.empty()) {
    auto lines = lines_of(view.description, 2, style);
    lines.insert(lines.begin(), "");
    blocks.push_back({std::move(lines), 3});
  }
  blocks.push_back({{""}, 5});
  const double minutes = view.seconds;
  std::string what;
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
    what = fmt::format("Welcome back: {} of {} questions answered. {}", view.answered,
                       view.questions, where);
  } else {
    what = fmt::format("{} questions in {} sections, {}. There are no right answers: answer for "
                       "the organisation as it is today, not as it should be.",
                       view.questions, view.sections, format_duration(minutes));
  }
  blocks.push_back({lines_of(what, 2, style)});
  {
    auto lines = lines_of("Every answer is saved at once to", 2, style);
    lines.insert(lines.begin(), "");
    const auto path = lines_of(view.answers_path, 4, style, k_cyan);
    lines.insert(lines.end(), path.begin(), path.end());
    blocks.push_back({std::move(lines), 1});
  }
  blocks.push_back({lines_of("so you can stop whenever you like (q or Ctrl-C) and continue later "
                             "with --resume.",
                             2, style),
                    2});
  {
    auto lines = lines_of("How to answer", 2, style, k_bold);
    lines.insert(lines.begin(), "");
    const auto keys = key_rows(
      {
        {"1-5", "choose an answer (or " + arrows_ud + " and Enter)"},
        {left + "b", "go back and change an answer"},
        {right + "s", "skip a question"},
        {"n  d", "not applicable, don't know (where offered)"},
        {"?", "why a question matters"},
        {"q", "save and quit"},
      },
      style);
    lines.insert(lines.end(), keys.begin(), keys.end());
    blocks.push_back({std::move(lines), 4});
  }
  blocks.push_back({{""}, 7});
  blocks.push_back({lines_of("Press Enter to start, q to quit.", 2, style, k_bold)});
  if (style.height > 0 && (style.width < k_min_width || !fit_blocks(blocks, style.height))) {
    // The title, what it holds and how to start: nothing less will do.
    return without_last_newline(
      too_small(std::max(style.width, k_min_width), height_of(blocks), style), style);
  }
  return without_last_newline(join_blocks(blocks), style);
}

QuestionScreen layout_question(const QuestionView& view, std::size_t cursor, const Style& style)
{
  const std::size_t width = screen_width(style);
  const Progress& p = view.progress;
  const std::vector<std::string> gap = {""};

  // From the question down: the header and the key legend give way first,
  // the question never; the options page when they must.
  const std::size_t bar_width = std::min<std::size_t>(width - 8, 60);
  const double fraction =
    p.total == 0 ? 0.0 : static_cast<double>(p.seen) / static_cast<double>(p.total);
  const std::string bar = "  "
                          + paint(progress_bar(fraction, bar_width, style.unicode), k_cyan, style)
                          + fmt::format(" {:3}%", static_cast<int>(std::lround(fraction * 100)));

  auto question = lines_of(view.question->text, 2, style, k_bold);
  if (view.skipped) {
    const auto skipped = lines_of("(skipped earlier)", 2, style, k_dim);
    question.insert(question.end(), skipped.begin(), skipped.end());
  }

  // Each option as its lines, so a window of them can be shown.
  const std::string marker = style.unicode ? "›" : ">";
  const std::string tick = style.unicode ? "✓ your answer" : "* your answer";
  const bool typed = view.scale != nullptr && view.scale->range;
  if (typed) {
    // A range is answered by typing its number, not by a list of a hundred
    // rows: a prompt, the number typed so far, and a number given earlier.
    // It is part of the question, which is always shown whole.
    question.emplace_back();
    const auto prompt = lines_of(
      fmt::format("Type a number from {}, then press Enter.", view.scale->range->text()), 2, style);
    question.insert(question.end(), prompt.begin(), prompt.end());
    const bool here = cursor >= view.options.size();
    std::string line = fmt::format("  {} {}", here ? marker : " ",
                                   paint(printable(view.entry) + "_", k_reverse, style));
    if (!view.answer.empty() && view.current_row >= view.options.size()) {
      line += "  " + paint(fmt::format("{}: {}", tick, printable(view.answer)), k_green, style);
    }
    question.push_back(line);
  }
  const std::size_t label_room = width > 12 ? width - 9 : 3;
  std::vector<std::vector<std::string>> options;
  for (std::size_t r = 0; r < view.options.size(); ++r) {
    const OptionRow& row = view.options[r];
    const bool here = r == cursor;
    const auto lines = wrap(printable(row.label), label_room);
    std::vector<std::string> rows;
    for (std::size_t l = 0; l < lines.size(); ++l) {
      std::string line =
        l == 0 ? fmt::format("  {} {:<2} ", here ? marker : " ", row.key.empty() ? " " : row.key)
               : std::string(7, ' ');
      line += here ? paint(lines[l], k_reverse, style) : lines[l];
      if (row.current && l + 1 == lines.size()) {
        // The mark goes beside the label if it fits, else below it.
        if (7 + util::display_width(lines[l]) + 2 + util::display_width(tick) <= width) {
          line += "  " + paint(tick, k_green, style);
        } else {
          rows.push_back(line);
          line = std::string(7, ' ') + paint(tick, k_green, style);
        }
      }
      rows.push_back(line);
    }
    options.push_back(std::move(rows));
  }

  std::vector<std::string> help;
  if (view.show_help) {
    help = lines_of("Why this matters", 2, style, k_bold);
    const auto text =
      lines_of(view.question->help.empty() ? "(The bank gives no help for this question.)"
                                           : view.question->help,
               2, style);
    help.insert(help.end(), text.begin(), text.end());
  }

  std::vector<std::string> keys;
  const std::string numbers = typed ? "number Enter" : value_keys(view.options);
  if (!numbers.empty()) {
    keys.push_back(numbers + " answer");
  }
  if (!view.options.empty()) {
    keys.push_back(style.unicode ? "↑↓ Enter choose" : "up/down Enter choose");
  }
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
  // The short legend of a small terminal: the keys to answer, move and stop.
  std::vector<std::string> short_keys;
  if (!numbers.empty()) {
    short_keys.push_back(numbers);
  }
  short_keys.insert(short_keys.end(), {"b back", "s skip", "? why", "q quit"});
  const auto painted = [&](const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const auto& line : lines) {
      out.push_back("  " + paint(line, k_dim, style));
    }
    return out;
  };

  // The blocks in screen order; `drop` says which give way first.
  enum Part : std::size_t {
    top_part,
    title_part,
    section_part,
    bar_part,
    count_part,
    gap1,
    text_part,
    gap2,
    options_part,
    gap3,
    help_part,
    help_rest_part,
    gap4,
    notice_part,
    gap5,
    legend_part
  };
  std::vector<Block> blocks(legend_part + 1);
  blocks[top_part] = {gap, 10};
  blocks[title_part] = {lines_of(p.section_title, 2, style, k_bold), 4};
  blocks[section_part] = {
    lines_of(fmt::format("Section {} of {}{}question {} of {} in this section", p.section,
                         p.sections, dot(style), p.in_section, p.section_size),
             2, style, k_dim),
    8};
  blocks[bar_part] = {{bar}, 5};
  blocks[count_part] = {
    lines_of(fmt::format("Question {} of {}{}{} left", p.question, p.total, dot(style),
                         format_duration(view.seconds_left)),
             2, style, k_dim),
    3, lines_of(fmt::format("Question {} of {}", p.question, p.total), 2, style, k_dim)};
  blocks[gap1] = {gap, 7};
  blocks[text_part] = {question};
  blocks[gap2] = {gap, 6};
  for (const auto& rows : options) {
    blocks[options_part].lines.insert(blocks[options_part].lines.end(), rows.begin(), rows.end());
  }
  blocks[gap3] = {gap, 7};
  if (view.show_help) {
    // On a small terminal the rest of the help gives way first, then the
    // heading and its first line.
    const auto head = std::min<std::ptrdiff_t>(2, std::ssize(help));
    blocks[help_part] = {std::vector<std::string>(help.begin(), help.begin() + head), 1};
    blocks[help_rest_part] = {std::vector<std::string>(help.begin() + head, help.end()), 2};
    blocks[gap4] = {gap, 7};
  }
  if (!view.notice.empty()) {
    blocks[notice_part] = {lines_of(view.notice, 2, style, k_yellow), 3};
    blocks[gap5] = {gap, 7};
  }
  blocks[legend_part] = {painted(legend(keys, dot(style), width - 2)), 9,
                         painted(legend(short_keys, dot(style), width - 2))};

  // The help cut short says so.
  const auto mark_cut_help = [&] {
    if (blocks[help_rest_part].dropped && !blocks[help_rest_part].lines.empty()
        && !blocks[help_part].dropped && !blocks[help_part].lines.empty()) {
      // Whole words give way to the mark, so the line stays within the width.
      std::string& line = blocks[help_part].lines.back();
      const std::string mark = style.unicode ? " …" : " ...";
      while (util::display_width(line) + util::display_width(mark) > width) {
        const auto space = line.find_last_of(' ');
        if (space == std::string::npos || space <= 2) {
          break;
        }
        line.erase(space);
      }
      line += mark;
    }
  };
  QuestionScreen screen;
  const bool narrow = style.height > 0 && style.width < k_min_width;
  if (!narrow && (style.height == 0 || fit_blocks(blocks, style.height))) {
    mark_cut_help();
    screen.text = without_last_newline(join_blocks(blocks), style);
    return screen;
  }
  // Still too tall with only the question, its options and the short
  // legend: show a window of the options around the cursor (or the answer
  // given), with how many more there are above and below.
  fit_blocks(blocks, style.height); // everything but the question and options given way
  const std::size_t others = height_of(blocks) - blocks[options_part].lines.size();
  const std::size_t room = style.height > others ? style.height - others : 0;
  std::size_t focus = cursor < options.size() ? cursor : view.current_row;
  if (focus >= options.size()) {
    focus = 0;
  }
  // The options [first, last) that fit in `rows` lines around the focus,
  // growing below first (the next options), then above.
  std::size_t first = focus;
  std::size_t last = focus;
  const auto window_of = [&](std::size_t rows) {
    first = focus;
    last = focus;
    if (options.empty() || options[focus].size() > rows) {
      return;
    }
    std::size_t used = options[focus].size();
    last = focus + 1;
    for (bool grew = true; grew;) {
      grew = false;
      if (last < options.size() && used + options[last].size() <= rows) {
        used += options[last].size();
        ++last;
        grew = true;
      } else if (first > 0 && used + options[first - 1].size() <= rows) {
        --first;
        used += options[first].size();
        grew = true;
      }
    }
  };
  // All of them, else a window and one line saying how many more there are
  // above and below.
  window_of(room);
  if (first > 0 || last < options.size()) {
    window_of(room > 0 ? room - 1 : 0);
  }
  // Room for two options and the "more" line, or for all of them if that
  // is less.
  std::size_t two = options.size() > 2 ? 1 : 0;
  for (std::size_t r = 0; r < std::min<std::size_t>(2, options.size()); ++r) {
    two += options[r].size();
  }
  if (last == first || room < two || style.height < k_min_height || style.width < k_min_width) {
    // Say how big the window must be, rather than show a question without
    // its answers.
    screen.text = without_last_newline(
      too_small(std::max(style.width, k_min_width), std::max(k_min_height, others + two), style),
      style);
    screen.too_small = true;
    return screen;
  }
  const std::string up = style.unicode ? "↑" : "^";
  const std::string down = style.unicode ? "↓" : "v";
  std::vector<std::string> window;
  for (std::size_t r = first; r < last; ++r) {
    window.insert(window.end(), options[r].begin(), options[r].end());
  }
  std::vector<std::string> more;
  if (first > 0) {
    more.push_back(fmt::format("{} {} more", up, first));
  }
  if (last < options.size()) {
    more.push_back(fmt::format("{} {} more", down, options.size() - last));
  }
  if (!more.empty()) {
    window.push_back("  " + paint(join(more, dot(style)), k_dim, style));
  }
  blocks[options_part].lines = std::move(window);
  mark_cut_help();
  screen.text = without_last_newline(join_blocks(blocks), style);
  return screen;
}

std::string render_question(const QuestionView& view, std::size_t cursor, const Style& style)
{
  return layout_question(view, cursor, style).text;
}

std::string render_end(const EndView& view, const Style& style)
{
  std::vector<Block> blocks;
  blocks.push_back({{""}, 4});
  blocks.push_back({lines_of("All questions done", 2, style, k_bold)});
  blocks.push_back({{""}, 3});
  std::vector<std::string> counts = {fmt::format("{} answered", view.answered)};
  if (view.not_applicable > 0) {
    counts.push_back(fmt::format("{} not applicable", view.not_applicable));
  }
  if (view.dont_know > 0) {
    counts.push_back(fmt::format("{} don't know", view.dont_know));
  }
  counts.push_back(fmt::format("{} skipped", view.skipped));
  blocks.push_back(
    {lines_of(join(counts, dot(style)) + fmt::format(" (of {})", view.total), 2, style)});
  blocks.push_back(
    {lines_of(fmt::format("Your answers are saved in {}.", view.answers_path), 2, style), 1});
  blocks.push_back({{""}, 2});
  std::vector<std::pair<std::string, std::string>> keys = {
    {"Enter", "see your results and write the report"},
    {style.unicode ? "← b" : "b", "go back and change an answer"},
  };
  if (view.skipped > 0) {
    keys.emplace_back("u", "go to the first skipped question");
  }
  keys.emplace_back("q", "save and quit (finish later with --resume)");
  blocks.push_back({key_rows(keys, style)});
  if (!view.notice.empty()) {
    auto lines = lines_of(view.notice, 2, style, k_yellow);
    lines.insert(lines.begin(), "");
    blocks.push_back({std::move(lines), 5});
  }
  if (style.height > 0 && (style.width < k_min_width || !fit_blocks(blocks, style.height))) {
    return without_last_newline(
      too_small(std::max(style.width, k_min_width), height_of(blocks), style), style);
  }
  return without_last_newline(join_blocks(blocks), style);
}

} // namespace centricity::assess
