// The readers of the self-hosted, open-source platforms' exports: LimeSurvey
// (four heading styles) and KoboToolbox (formpack). SurveyJS results are
// JSON and sniffed in formats.cpp.
#include "format_helpers.hpp"

#include <centricity/import/formats.hpp>
#include <centricity/util/strings.hpp>

#include <algorithm>
#include <array>

namespace centricity::import {

using namespace detail;

namespace {

bool is_alnum(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The length of the LimeSurvey field code at the start of `text`: letters,
// digits and '_', then any bracketed sub-question codes ("G01Q05[SQ002]",
// "Q3[SQ1][A2]"); 0 if `text` does not start with one.
std::size_t limesurvey_code_length(std::string_view text)
{
  std::size_t i = 0;
  while (i < text.size() && (is_alnum(text[i]) || text[i] == '_')) {
    ++i;
  }
  while (i > 0 && i < text.size() && text[i] == '[') {
    const std::size_t close = text.find(']', i);
    if (close == std::string_view::npos || close == i + 1
        || !std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                        text.begin() + static_cast<std::ptrdiff_t>(close),
                        [](char c) { return is_alnum(c) || c == '_'; })) {
      break;
    }
    i = close + 1;
  }
  return i;
}

// A LimeSurvey heading split into its code and its text. In the "question
// code & question text" style, every heading is the code, the separator the
// user chose (". " by default) and the text; the first heading, "id" and the
// separator, tells the separator. `separator` empty: no code in the
// headings (text styles) or no text (code style): `heading` is both.
struct LimeHeading {
  std::string code;
  std::string text;
};

LimeHeading split_limesurvey(std::string_view heading, std::string_view separator)
{
  if (!separator.empty()) {
    const std::size_t length = limesurvey_code_length(heading);
    if (length > 0 && heading.substr(length, separator.size()) == separator
        && length + separator.size() < heading.size()) {
      return {std::string(heading.substr(0, length)),
              std::string(heading.substr(length + separator.size()))};
    }
  }
  return {std::string(heading), std::string(heading)};
}

// The separator of "id. Response ID" (". "): the characters between the
// code "id" and the text, neither letters nor digits. Empty when the first
// heading is a code or a text alone.
std::string limesurvey_separator(std::string_view first)
{
  if (first.size() < 4 || key(first.substr(0, 2)) != "id" || is_alnum(first[2])) {
    return {};
  }
  std::size_t i = 2;
  while (i < first.size() && !is_alnum(first[i])) {
    ++i;
  }
  return i < first.size() ? std::string(first.substr(2, i - 2)) : std::string();
}

// A text LimeSurvey abbreviated, without its mark: the "abbreviated" style
// cuts the question and each sub-question to their first 15 characters and
// adds ".. " ("How far do you .. [Senior leaders h.. ]"). The result ends in
// "...", which mapping reads as a truncated text to match by prefix; empty
// when `text` is not cut.
std::string limesurvey_abbreviation(std::string_view text)
{
  std::string_view t = util::trim(text);
  if (!t.ends_with("..") || t.ends_with("...")) {
    return {};
  }
  t.remove_suffix(2);
  return std::string(util::trim(t)) + "...";
}

// XLSForm metadata questions: no label, so their names head the columns.
constexpr std::array<std::string_view, 11> k_kobo_metadata = {
  "start",       "end",      "today", "deviceid", "subscriberid", "simserial",
  "phonenumber", "username", "email", "audit",    "instanceID"};

} // namespace

std::optional<ExportLayout> try_read_limesurvey(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.size() < 3) {
    return std::nullopt;
  }
  // Codes when the headings carry them (the code style, or code and text),
  // else the English texts of the text styles.
  const std::string separator = limesurvey_separator(r1[0]);
  const auto code_or_text = [&](std::size_t c) {
    const LimeHeading heading = split_limesurvey(r1[c], separator);
    return separator.empty() ? heading.text : heading.code;
  };
  if (!is_one_of(code_or_text(0), {"id", "Response ID"})
      || !is_one_of(code_or_text(1), {"submitdate", "Date submitted", "Completed"})
      || !is_one_of(code_or_text(2), {"lastpage", "Last page", "Last page seen"})) {
    return std::nullopt;
  }
  ExportLayout layout =
    layout_of_headings(Platform::limesurvey, r1, [&](ExportColumn& column, std::size_t c) {
      const LimeHeading heading = split_limesurvey(r1[c], separator);
      column.code = heading.code;
      if (c == 0) {
        column.role = ColumnRole::respondent_id;
      } else if (c == 1) {
        column.role = ColumnRole::submit_date;
      } else if (is_one_of(heading.code,
                           {"lastpage", "Last page", "Last page seen", "startlanguage",
                            "Start language", "seed", "startdate", "Date started", "datestamp",
                            "Date last action", "Date last actio..", "token", "ipaddr",
                            "IP address", "refurl", "Referrer URL", "interviewtime", "Total time"})
                 || heading.code.starts_with("groupTime") || heading.text.starts_with("Group time")
                 || heading.text.starts_with("Question time")) {
        column.role = ColumnRole::metadata;
      } else {
        const std::string row_text = bracketed(heading.text);
        add_text(column, heading.text);
        add_text(column, row_text);
        add_text(column, limesurvey_abbreviation(row_text));
        if (row_text.empty()) {
          add_text(column, limesurvey_abbreviation(heading.text));
        }
      }
    });
  layout.variant = separator.empty() ? "" : "code and text";
  return layout;
}

// KoboToolbox (formpack): one header row of question labels (or XML names),
// "group/question" when groups are included in headers, and the submission
// fields after them, all named with a leading "_" (_id, _uuid,
// _submission_time, _validation_status, _index...).
std::optional<ExportLayout> try_read_kobotoolbox(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  const auto has = [&](std::string_view name) {
    return std::any_of(r1.begin(), r1.end(),
                       [&](const std::string& h) { return util::trim(h) == name; });
  };
  if (!has("_uuid") || !has("_submission_time")) {
    return std::nullopt;
  }
  ExportLayout layout =
    layout_of_headings(Platform::kobotoolbox, r1, [&](ExportColumn& column, std::size_t c) {
      const std::string_view name = util::trim(r1[c]);
      const std::size_t slash = name.rfind('/');
      const std::string_view last = slash == std::string_view::npos ? name : name.substr(slash + 1);
      if (name == "_id") {
        column.role = ColumnRole::respondent_id;
      } else if (name.starts_with("_") || last.starts_with("_") || name.starts_with("meta/")
                 || name.starts_with("formhub/")
                 || std::find(k_kobo_metadata.begin(), k_kobo_metadata.end(), name)
                      != k_kobo_metadata.end()) {
        column.role = ColumnRole::metadata;
      } else {
        // The question's label (or XML name) after each group in the path.
        add_text(column, std::string(name));
        for (std::size_t at = name.find('/'); at != std::string_view::npos;
             at = name.find('/', at + 1)) {
          add_text(column, std::string(name.substr(at + 1)));
        }
        column.code = std::string(last);
      }
    });
  return layout;
}

} // namespace centricity::import
