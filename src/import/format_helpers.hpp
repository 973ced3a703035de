// Internal to src/import/: the small helpers the platform readers
// (formats.cpp, formats_hosted.cpp, formats_open.cpp) share to read a
// preview's header rows into an ExportLayout.
#pragma once

#include <centricity/import/formats.hpp>
#include <centricity/util/strings.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import::detail {

// Header names compare without case, spaces and underscores: "Respondent ID",
// "RespondentID" and "respondent_id" are one name.
inline std::string key(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (c == ' ' || c == '_' || c == '\t') {
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

inline bool is_one_of(std::string_view text, std::initializer_list<std::string_view> names)
{
  const std::string k = key(text);
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return key(n) == k; });
}

inline const std::vector<std::string>& row(const Preview& preview, std::size_t r)
{
  static const std::vector<std::string> k_empty;
  return r < preview.rows.size() ? preview.rows[r] : k_empty;
}

inline std::string cell(const Preview& preview, std::size_t r, std::size_t c)
{
  const auto& fields = row(preview, r);
  return c < fields.size() ? fields[c] : std::string();
}

inline bool row_has(const Preview& preview, std::size_t r,
                    std::initializer_list<std::string_view> names)
{
  const auto& fields = row(preview, r);
  return std::any_of(fields.begin(), fields.end(),
                     [&](const std::string& f) { return is_one_of(f, names); });
}

// Drops a last column whose header is empty in every header row (the
// trailing delimiter of legacy Qualtrics rows).
inline void drop_trailing_empty(ExportLayout& layout)
{
  while (!layout.columns.empty()) {
    const auto& last = layout.columns.back();
    const bool empty = last.header.empty() && last.code.empty()
                       && std::all_of(last.texts.begin(), last.texts.end(),
                                      [](const std::string& t) { return t.empty(); });
    if (!empty) {
      return;
    }
    layout.columns.pop_back();
  }
}

// "Question - Row" -> "Row": the statement of a matrix row.
inline std::string after_last(std::string_view text, std::string_view separator)
{
  const std::size_t at = text.rfind(separator);
  return at == std::string_view::npos ? std::string()
                                      : std::string(text.substr(at + separator.size()));
}

// "Title [Row]" -> "Row" (Google Forms grids, LimeSurvey full-text headings).
inline std::string bracketed(std::string_view text)
{
  const std::string_view t = util::trim(text);
  if (t.empty() || t.back() != ']') {
    return {};
  }
  const std::size_t open = t.rfind('[');
  return open == std::string_view::npos ? std::string()
                                        : std::string(t.substr(open + 1, t.size() - open - 2));
}

inline void add_text(ExportColumn& column, std::string text)
{
  if (!util::trim(text).empty()
      && std::find(column.texts.begin(), column.texts.end(), text) == column.texts.end()) {
    column.texts.push_back(std::move(text));
  }
}

// A layout of one column per heading of a one-row header: each column gets
// its index and heading, then its role, texts and code from
// `fill(column, index)`.
template <class Fill>
ExportLayout layout_of_headings(Platform platform, const std::vector<std::string>& headings,
                                Fill fill)
{
  ExportLayout layout;
  layout.platform = platform;
  layout.columns.reserve(headings.size());
  for (std::size_t c = 0; c < headings.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = headings[c];
    fill(column, c);
    layout.columns.push_back(std::move(column));
  }
  return layout;
}

} // namespace centricity::import::detail
