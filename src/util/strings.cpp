#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace centricity::util {

namespace {

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Decodes one UTF-8 sequence at `pos`; returns its length or 0 if invalid.
std::size_t utf8_sequence(std::string_view text, std::size_t pos, char32_t& code_point)
{
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  char32_t min = 0;
  if (lead < 0x80U) {
    code_point = lead;
    return 1;
  }
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    code_point = lead & 0x1FU;
    min = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    code_point = lead & 0x0FU;
    min = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    code_point = lead & 0x07U;
    min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0U) != 0x80U) {
      return 0;
    }
    code_point = (code_point << 6U) | (byte(i) & 0x3FU);
  }
  if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

void append_utf8(std::string& out, char32_t code_point)
{
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0U | (code_point >> 6U));
    out += static_cast<char>(0x80U | (code_point & 0x3FU));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0U | (code_point >> 12U));
    out += static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (code_point & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (code_point >> 18U));
    out += static_cast<char>(0x80U | ((code_point >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (code_point & 0x3FU));
  }
}

enum class Fold { other, space, invisible, dash, single_quote, double_quote };

// How fold_label() treats a non-ASCII code point, from Unicode's general
// categories (utf8proc's tables): spaces and line separators, format
// characters, dash punctuation and the minus sign; quotes by code point.
Fold fold_class(char32_t code_point)
{
  switch (code_point) {
  case 0x2018: // left single quote
  case 0x2019: // right single quote, the apostrophe word processors write
  case 0x201A:
  case 0x201B:
  case 0x2032: // prime
  case 0x02BC: // modifier letter apostrophe
    return Fold::single_quote;
  case 0x201C:
  case 0x201D:
  case 0x201E:
  case 0x201F:
  case 0x2033: // double prime
    return Fold::double_quote;
  case 0x2212: // minus sign
    return Fold::dash;
  case 0x0085: // next line
    return Fold::space;
  default:
    break;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(code_point))) {
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
    return Fold::space;
  case UTF8PROC_CATEGORY_CF:
    return Fold::invisible;
  case UTF8PROC_CATEGORY_PD:
    return Fold::dash;
  default:
    return Fold::other;
  }
}

// Whether a message can show `code_point` as itself: not a control, not a
// format character, not a space other than U+0020.
bool visible(char32_t code_point)
{
  if (code_point == 0x20) {
    return true;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(code_point))) {
  case UTF8PROC_CATEGORY_CC:
  case UTF8PROC_CATEGORY_CF:
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CN: // unassigned, noncharacters
  case UTF8PROC_CATEGORY_CO: // private use
    return false;
  default:
    return true;
  }
}

} // namespace

std::string_view trim(std::string_view text)
{
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string to_lower(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::string fold_label(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  const auto flush_space = [&] {
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
  };
  const auto put = [&](char c) {
    flush_space();
    out += c;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (static_cast<unsigned char>(c) < 0x80U) {
      ++pos;
      if (is_space(c)) {
        pending_space = !out.empty();
      } else {
        put((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
      }
      continue;
    }
    char32_t code_point = 0;
    const std::size_t length = utf8_sequence(text, pos, code_point);
    if (length == 0) {
      put(c); // not UTF-8: kept, so a Windows-1252 byte still compares with itself
      ++pos;
      continue;
    }
    const std::string_view sequence = text.substr(pos, length);
    pos += length;
    switch (fold_class(code_point)) {
    case Fold::space:
      pending_space = !out.empty();
      break;
    case Fold::invisible:
      break;
    case Fold::dash:
      put('-');
      break;
    case Fold::single_quote:
      put('\'');
      break;
    case Fold::double_quote:
      put('"');
      break;
    case Fold::other: {
      const auto lower =
        static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(code_point)));
      flush_space();
      if (lower == code_point) {
        out.append(sequence);
      } else {
        append_utf8(out, lower);
      }
      break;
    }
    }
  }
  return out;
}

std::string fold_answer(std::string_view text)
{
  std::string out = fold_label(text);
  std::size_t end = out.size();
  while (end > 0) {
    const char last = out[end - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?'
        || last == ' ') {
      --end;
    } else if (end >= 3 && std::string_view(out).substr(end - 3, 3) == "\xE2\x80\xA6") {
      end -= 3;
    } else {
      break;
    }
  }
  if (end > 0) {
    out.resize(end);
  }
  return out;
}

std::string escape_invisible(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x20U && byte < 0x7FU) {
      out += text[pos++];
      continue;
    }
    char32_t code_point = 0;
    const std::size_t length = byte < 0x80U ? 1 : utf8_sequence(text, pos, code_point);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", byte);
      ++pos;
      continue;
    }
    if (byte < 0x80U) {
      code_point = byte;
    }
    if (visible(code_point)) {
      out.append(text.substr(pos, length));
    } else if (code_point > 0xFFFF) {
      out += fmt::format("\\U{:08x}", static_cast<std::uint32_t>(code_point));
    } else {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(code_point));
    }
    pos += length;
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max_distance)
{
  // Optimal string alignment: insertions, deletions, substitutions and
  // transpositions of neighbours ("tpo" -> "top") each cost one.
  const std::size_t m = a.size();
  const std::size_t n = b.size();
  if ((m > n ? m - n : n - m) > max_distance) {
    return max_distance + 1;
  }
  std::vector<std::size_t> before(n + 1);
  std::vector<std::size_t> previous(n + 1);
  std::vector<std::size_t> row(n + 1);
  for (std::size_t j = 0; j <= n; ++j) {
    previous[j] = j;
  }
  for (std::size_t i = 1; i <= m; ++i) {
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= n; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
      best = std::min(best, row[j]);
    }
    if (best > max_distance) {
      return max_distance + 1;
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[n];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates)
{
  // Allow about one edit per three characters, at least one, at most three.
  const std::size_t max_distance = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = max_distance + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate, max_distance);
    // A suggestion that replaces the whole word is no suggestion ('m' -> 'l').
    if (distance < best_distance && distance < word.size() && distance < candidate.size()) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
  const auto match = closest_match(word, candidates);
  return match ? fmt::format(", did you mean '{}'?", *match) : std::string();
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text)
{
  std::size_t pos = 0;
  while (pos < text.size()) {
    // ASCII, nearly all of a survey export, eight bytes at a time.
    std::uint64_t word = 0;
    if (pos + sizeof word <= text.size()) {
      std::memcpy(&word, text.data() + pos, sizeof word);
      if ((word & 0x8080808080808080U) == 0) {
        pos += sizeof word;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[pos]) < 0x80U) {
      ++pos;
      continue;
    }
    char32_t code_point = 0;
    const std::size_t length = utf8_sequence(text, pos, code_point);
    if (length == 0) {
      return pos;
    }
    pos += length;
  }
  return std::nullopt;
}

std::size_t display_width(std::string_view text)
{
  // Column widths come from utf8proc's tables of the Unicode version it was
  // built with (East Asian Width, emoji presentation, combining marks and
  // format characters at zero), kept up to date by Debian, not by us.
  std::size_t width = 0;
  std::size_t last = 0; // the width of the code point before, for U+FE0F
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80U) {
      // ASCII, control characters included: screens replace those with
      // spaces, so one column each is what reaches the terminal.
      ++width;
      last = 1;
      ++pos;
      continue;
    }
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t length =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &code_point);
    if (length <= 0) {
      ++width; // a stray byte: one column, as the U+FFFD a terminal shows
      last = 1;
      ++pos;
      continue;
    }
    pos += static_cast<std::size_t>(length);
    if (code_point == 0xFE0F && last == 1) {
      // VS16 asks for the emoji form of a symbol that is narrow as text
      // (U+2764 HEAVY BLACK HEART); terminals that honour it draw two
      // columns. Counting two is the safe side: a line one column short
      // of the edge, never one that wraps.
      ++width;
      last = 2;
      continue;
    }
    const auto columns = static_cast<std::size_t>(std::max(0, utf8proc_charwidth(code_point)));
    width += columns;
    if (columns > 0) {
      last = columns;
    }
  }
  return width;
}

std::string format_number(double value)
{
  if (std::isnan(value)) {
    return "nan";
  }
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  std::string out = fmt::format("{:.6f}", value);
  while (!out.empty() && out.back() == '0') {
    out.pop_back();
  }
  if (!out.empty() && out.back() == '.') {
    out.pop_back();
  }
  return out;
}

char* write_csv_field(char* out, std::string_view text, char delimiter)
{
  const bool formula = !text.empty()
                       && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'
                           || text[0] == '\t' || text[0] == '\r');
  if (!formula) {
    // Copied while looked at, in one pass: the usual field (a group name, a
    // stage id) needs no quotes, and find_first_of() would call memchr()
    // once per byte.
    char* p = out;
    bool quote = false;
    for (const char c : text) {
      quote = quote || c == '"' || c == '\n' || c == '\r' || c == delimiter;
      *p++ = c;
    }
    if (!quote) {
      return p;
    }
  }
  *out++ = '"';
  if (formula) {
    *out++ = '\'';
  }
  for (const char c : text) {
    if (c == '"') {
      *out++ = '"';
    }
    *out++ = c;
  }
  *out++ = '"';
  return out;
}

void append_csv_field(std::string& out, std::string_view text, char delimiter)
{
  const std::size_t old = out.size();
  out.resize(old + csv_field_bound(text));
  char* const end = write_csv_field(out.data() + old, text, delimiter);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

char* write_score(char* out, double score)
{
  if (score < 0) {
    *out++ = '-';
    score = -score;
  }
  const auto units = static_cast<std::uint64_t>(score * 1e10 + 0.5);
  const std::uint64_t whole = units / 10'000'000'000ULL;
  std::uint64_t fraction = units % 10'000'000'000ULL;
  out = std::to_chars(out, out + 21, whole).ptr;
  if (fraction != 0) {
    *out++ = '.';
    for (int i = 9; i >= 0; --i) {
      out[i] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    int last = 9;
    while (out[last] == '0') {
      --last;
    }
    out += last + 1;
  }
  return out;
}

void append_score(std::string& out, double score)
{
  char text[k_score_bound];
  out.append(text, static_cast<std::size_t>(write_score(text, score) - text));
}

void append_json_string(std::string& out, std::string_view text)
{
  out += '"';
  for (const char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
      } else {
        out += c;
      }
    }
  }
  out += '"';
}

std::vector<std::string> split(std::string_view text, char separator)
{
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, at - start));
    start = at + 1;
  }
}

} // namespace centricity::util
