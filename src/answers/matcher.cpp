#include <centricity/answers/matcher.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace centricity::answers {

namespace {

// Values on a scale are compared with this tolerance, so "2.5" in a file
// matches an option written as 2.5 whatever the decimal round trip did.
constexpr double k_value_tolerance = 1e-9;

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

// Parses a plain decimal number ("5", "-1", "2.5") spanning all of `text`.
std::optional<double> parse_number(std::string_view text)
{
  if (text.empty()) {
    return std::nullopt;
  }
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (*begin == '+') {
    ++begin;
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::fixed);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// The length of the number at the start of `text` ("12", "-1", "2.5"), 0 if
// none. A trailing "." is not part of the number: "5. Agree" numbers with 5.
std::size_t number_prefix(std::string_view text)
{
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    ++i;
  }
  const std::size_t digits_start = i;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  if (i == digits_start) {
    return 0;
  }
  if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
  }
  return i;
}

// The number of LimeSurvey answer code `token` (folded): "a4" as publish
// writes codes, "ao04" as LimeSurvey numbers its own; else nullopt.
std::optional<double> code_number(std::string_view token)
{
  if (token.size() < 2 || token[0] != 'a') {
    return std::nullopt;
  }
  token.remove_prefix(token[1] == 'o' ? 2 : 1);
  if (token.empty() || !std::all_of(token.begin(), token.end(), is_digit)) {
    return std::nullopt;
  }
  return parse_number(token);
}

// The length of the LimeSurvey answer code at the start of `text`, 0 if none.
std::size_t code_prefix(std::string_view text)
{
  std::size_t i = 0;
  while (i < text.size() && i < 2 && text[i] >= 'a' && text[i] <= 'z') {
    ++i;
  }
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  return code_number(text.substr(0, i)) ? i : 0;
}

// The number `token` stands for in a numbered form, else nullopt.
std::optional<double> token_number(std::string_view token, bool codes)
{
  token = util::trim(token);
  if (auto number = parse_number(token)) {
    return number;
  }
  return codes ? code_number(token) : std::nullopt;
}

constexpr std::string_view k_open = "([{<";
constexpr std::string_view k_close = ")]}>";

// Removes one separator at the start of `text` (after spaces) and the spaces
// after it; true if there was one. Dashes are all '-' once folded.
bool strip_leading_separator(std::string_view& text)
{
  text = util::trim(text);
  if (!text.empty() && std::string_view("-=.):|/").find(text.front()) != std::string_view::npos) {
    text.remove_prefix(1);
    text = util::trim(text);
    return true;
  }
  return false;
}

// The same at the end of `text`, for a number that follows its label.
void strip_trailing_separator(std::string_view& text)
{
  text = util::trim(text);
  if (!text.empty() && std::string_view("-=:|/,").find(text.back()) != std::string_view::npos) {
    text.remove_suffix(1);
    text = util::trim(text);
  }
}

} // namespace

OptionMatcher::OptionMatcher(const bank::Scale& scale)
  : m_scale(&scale)
  , m_value_position(scale.options.size(), 0)
{
  std::size_t position = 0;
  for (std::size_t i = 0; i < scale.options.size(); ++i) {
    const auto& option = scale.options[i];
    if (option.kind == bank::OptionKind::value) {
      m_value_position[i] = ++position;
    }
    // The first spelling wins; the bank validator rejects duplicates anyway.
    m_labels.emplace(util::fold_answer(option.label), i);
    m_label_list.push_back(util::fold_answer(option.label));
    for (const auto& alias : option.aliases) {
      m_labels.emplace(util::fold_answer(alias), i);
      m_label_list.push_back(util::fold_answer(alias));
    }
  }
}

bool OptionMatcher::number_fits(std::size_t option, double number) const
{
  const auto same = [&](double a) { return std::fabs(a - number) <= k_value_tolerance; };
  // Platforms number options by their position in the list, specials too
  // (LimeSurvey's "Not Applicable (8)"), or by the value they record.
  if (same(static_cast<double>(option + 1))) {
    return true;
  }
  const auto& chosen = m_scale->options[option];
  return chosen.kind == bank::OptionKind::value
         && (same(chosen.value) || same(static_cast<double>(m_value_position[option])));
}

std::optional<std::size_t> OptionMatcher::numbered_label(std::string_view label,
                                                         std::optional<double> number) const
{
  if (!number || util::trim(label).empty()) {
    return std::nullopt;
  }
  // The label part may end in punctuation of its own: "agree. (6)".
  const auto it = m_labels.find(util::fold_answer(label));
  if (it != m_labels.end()) {
    return number_fits(it->second, *number) ? std::optional(it->second) : std::nullopt;
  }
  // On a range the number is the answer and words beside it are the
  // platform's anchor text ("10 - Extremely likely", "Not at all likely (0)").
  if (m_scale->range && std::any_of(label.begin(), label.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
      })) {
    return match_value(*number).option;
  }
  return std::nullopt;
}

std::optional<std::size_t> OptionMatcher::match_numbered(std::string_view folded, bool codes) const
{
  if (folded.empty()) {
    return std::nullopt;
  }
  // The number first: "(4) critical", "[4] critical", "4 - agree", "4. agree", "4) agree".
  {
    std::string_view rest;
    std::optional<double> number;
    bool delimited = false;
    if (const std::size_t open = k_open.find(folded.front()); open != std::string_view::npos) {
      const std::size_t close = folded.find(k_close[open], 1);
      if (close != std::string_view::npos) {
        number = token_number(folded.substr(1, close - 1), codes);
        rest = folded.substr(close + 1);
        delimited = true;
      }
    } else {
      std::size_t length = number_prefix(folded);
      if (length == 0 && codes) {
        length = code_prefix(folded);
      }
      if (length > 0) {
        number = token_number(folded.substr(0, length), codes);
        rest = folded.substr(length);
        delimited = !rest.empty() && rest.front() == ' ';
      }
    }
    delimited = strip_leading_separator(rest) || delimited;
    if (number && delimited) {
      if (const auto option = numbered_label(rest, number)) {
        return option;
      }
    }
  }
  // The number last: "agree (6)", "agree [6]", "agree - 6", "agree: 6", "disagree -1".
  std::string_view label;
  std::optional<double> number;
  if (const std::size_t close = k_close.find(folded.back()); close != std::string_view::npos) {
    const std::size_t open = folded.rfind(k_open[close]);
    if (open != std::string_view::npos && open > 0) {
      number = token_number(folded.substr(open + 1, folded.size() - open - 2), codes);
      label = folded.substr(0, open);
    }
  } else if (std::size_t at = folded.find_last_of(" -=:|/,"); at != std::string_view::npos) {
    if (folded[at] == '-' && at > 0 && folded[at - 1] == ' ') {
      --at; // a minus sign, not a separator
    }
    number = token_number(folded.substr(at + 1), codes);
    label = folded.substr(0, at + 1);
  }
  strip_trailing_separator(label);
  return numbered_label(label, number);
}

Match OptionMatcher::match_text(std::string_view text, bool codes) const
{
  const std::string folded = util::fold_answer(text);
  if (const auto it = m_labels.find(folded); it != m_labels.end()) {
    return {it->second, {}};
  }
  if (const auto option = match_numbered(folded, codes)) {
    return {option, {}};
  }
  if (const auto number = parse_number(folded)) {
    return match_value(*number);
  }
  // A bare LimeSurvey answer code names the option at its position.
  if (const auto number = codes ? code_number(folded) : std::nullopt;
      number && *number >= 1 && *number <= static_cast<double>(m_scale->options.size())) {
    return {static_cast<std::size_t>(*number) - 1, {}};
  }
  std::string hint;
  if (const auto close = util::closest_match(folded, m_label_list)) {
    hint = fmt::format(", did you mean '{}'?", m_scale->options[m_labels.at(*close)].label);
  }
  return {std::nullopt, fmt::format("'{}' matches no option of scale '{}'{}",
                                    util::escape_invisible(util::trim(text)), m_scale->id, hint)};
}

Match OptionMatcher::match_value(double value) const
{
  for (std::size_t i = 0; i < m_scale->options.size(); ++i) {
    const auto& option = m_scale->options[i];
    if (option.kind == bank::OptionKind::value
        && std::fabs(option.value - value) <= k_value_tolerance) {
      return {i, {}};
    }
  }
  if (m_scale->range) {
    return {std::nullopt,
            fmt::format("value {} is not on scale '{}' (a number from {})",
                        util::format_number(value), m_scale->id, m_scale->range->text())};
  }
  std::string values;
  for (const auto& option : m_scale->options) {
    if (option.kind == bank::OptionKind::value) {
      values += values.empty() ? "" : ", ";
      values += util::format_number(option.value);
    }
  }
  return {std::nullopt, fmt::format("value {} is not on scale '{}' (values: {})",
                                    util::format_number(value), m_scale->id, values)};
}

} // namespace centricity::answers
