#include <centricity/answers/matcher.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

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

// Removes a separator between a leading number and its label: "-", "–", "—",
// "=", ".", ")", ":" with the spaces around it. False if there is none.
bool strip_separator(std::string_view& text)
{
  text = util::trim(text);
  for (const std::string_view separator :
       {"-", "\xE2\x80\x93", "\xE2\x80\x94", "=", ".", ")", ":"}) {
    if (text.substr(0, separator.size()) == separator) {
      text.remove_prefix(separator.size());
      text = util::trim(text);
      return !text.empty();
    }
  }
  return false;
}

} // namespace

OptionMatcher::OptionMatcher(const bank::Scale& scale)
  : m_scale(&scale)
{
  for (std::size_t i = 0; i < scale.options.size(); ++i) {
    const auto& option = scale.options[i];
    // The first spelling wins; the bank validator rejects duplicates anyway.
    m_labels.emplace(util::fold_label(option.label), i);
    m_label_list.push_back(util::fold_label(option.label));
    for (const auto& alias : option.aliases) {
      m_labels.emplace(util::fold_label(alias), i);
      m_label_list.push_back(util::fold_label(alias));
    }
  }
}

bool OptionMatcher::number_fits(std::size_t option, double number) const
{
  const auto& chosen = m_scale->options[option];
  if (chosen.kind != bank::OptionKind::value) {
    return false;
  }
  if (std::fabs(chosen.value - number) <= k_value_tolerance) {
    return true;
  }
  std::size_t position = 0;
  for (std::size_t i = 0; i <= option; ++i) {
    if (m_scale->options[i].kind == bank::OptionKind::value) {
      ++position;
    }
  }
  return std::fabs(static_cast<double>(position) - number) <= k_value_tolerance;
}

std::optional<std::size_t> OptionMatcher::match_numbered(std::string_view folded) const
{
  // "5 - strongly agree", "5. strongly agree", "5) strongly agree"...
  if (const std::size_t length = number_prefix(folded); length > 0) {
    const auto number = parse_number(folded.substr(0, length));
    std::string_view rest = folded.substr(length);
    if (number && strip_separator(rest)) {
      const auto it = m_labels.find(std::string(rest));
      if (it != m_labels.end() && number_fits(it->second, *number)) {
        return it->second;
      }
    }
  }
  // "strongly agree (5)"
  if (!folded.empty() && folded.back() == ')') {
    const std::size_t open = folded.rfind('(');
    if (open != std::string_view::npos && open > 0) {
      const auto number = parse_number(folded.substr(open + 1, folded.size() - open - 2));
      const std::string label(util::trim(folded.substr(0, open)));
      const auto it = m_labels.find(label);
      if (number && it != m_labels.end() && number_fits(it->second, *number)) {
        return it->second;
      }
    }
  }
  return std::nullopt;
}

Match OptionMatcher::match_text(std::string_view text) const
{
  const std::string folded = util::fold_label(text);
  if (const auto it = m_labels.find(folded); it != m_labels.end()) {
    return {it->second, {}};
  }
  if (const auto option = match_numbered(folded)) {
    return {option, {}};
  }
  if (const auto number = parse_number(folded)) {
    return match_value(*number);
  }
  std::string hint;
  if (const auto close = util::closest_match(folded, m_label_list)) {
    hint = fmt::format(", did you mean '{}'?", m_scale->options[m_labels.at(*close)].label);
  }
  return {std::nullopt, fmt::format("'{}' matches no option of scale '{}'{}", util::trim(text),
                                    m_scale->id, hint)};
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
