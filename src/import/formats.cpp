// The platforms a survey export may come from, and the layout of a file:
// detect_layout() tries each platform's reader on the first records (the
// readers are in formats_hosted.cpp and formats_open.cpp), else reads the
// header as question ids; normalize_text() and the SurveyJS results sniff
// serve the matching that follows.
#include "format_helpers.hpp"

#include <centricity/import/formats.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/json.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <map>
#include <set>

namespace centricity::import {

using namespace detail;

namespace {

struct PlatformName {
  Platform platform;
  std::string_view name;
};

constexpr std::array<PlatformName, 11> k_platforms = {{
  {Platform::csv, "csv"},
  {Platform::jsonl, "jsonl"},
  {Platform::google_forms, "google-forms"},
  {Platform::ms_forms, "ms-forms"},
  {Platform::qualtrics, "qualtrics"},
  {Platform::surveymonkey, "surveymonkey"},
  {Platform::typeform, "typeform"},
  {Platform::limesurvey, "limesurvey"},
  {Platform::surveyjs, "surveyjs"},
  {Platform::alchemer, "alchemer"},
  {Platform::kobotoolbox, "kobotoolbox"},
}};

// A SurveyJS matrix answer flattens to "matrix.row"; publish names a row by
// its question id. The row part of `header` if it is a question id (and the
// whole is not), else "". Ids may hold dots, so every dot is tried.
std::string row_of_matrix(std::string_view header, const std::vector<std::string>& question_ids)
{
  const auto is_id = [&](std::string_view text) {
    const std::string k = util::to_lower(text);
    return std::any_of(question_ids.begin(), question_ids.end(),
                       [&](const std::string& id) { return util::to_lower(id) == k; });
  };
  if (is_id(header)) {
    return {};
  }
  for (std::size_t dot = header.find('.'); dot != std::string_view::npos;
       dot = header.find('.', dot + 1)) {
    if (is_id(header.substr(dot + 1))) {
      return std::string(header.substr(dot + 1));
    }
  }
  return {};
}

constexpr std::size_t k_sniff_bytes = std::size_t{1} << 20U;

// Collects the first response record of a JSON document as SAX events come:
// its keys, the keys of its object values ("key", "key/row") and its string
// values, then stops. The record is the root object, the first object of a
// root array, or the first object of a root "responses"/"results"/"data"
// array (which replaces the root object's keys once seen).
class FirstRecord : public nlohmann::json_sax<nlohmann::json> {
public:
  std::vector<std::vector<std::string>> paths; // keys from the record, up to two deep
  std::map<std::string, std::string> strings;  // string values of the record's keys
  std::set<std::string> objects;               // the record's keys whose values are objects

  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool string(string_t& value) override
  {
    if (in_record() && m_stack.size() == m_record) {
      strings[m_keys.back()] = value;
    }
    return true;
  }
  bool start_object(std::size_t /*size*/) override
  {
    const bool root_list = m_stack.size() == 1 && m_stack[0];
    const bool wrapped_list =
      m_stack.size() == 2 && m_stack[1] && !m_stack[0]
      && (m_keys[0] == "responses" || m_keys[0] == "results" || m_keys[0] == "data");
    if (m_stack.empty() || ((root_list || wrapped_list) && !m_in_list_record)) {
      if (!m_stack.empty()) {
        m_in_list_record = true;
        paths.clear();
        strings.clear();
        objects.clear();
      }
      m_record = m_stack.size() + 1;
    } else if (in_record() && m_stack.size() == m_record) {
      objects.insert(m_keys.back());
    }
    m_stack.push_back(false);
    m_keys.emplace_back();
    return true;
  }
  bool key(string_t& value) override
  {
    m_keys.back() = value;
    if (in_record() && m_stack.size() <= m_record + 1) {
      paths.emplace_back(m_keys.begin() + static_cast<std::ptrdiff_t>(m_record - 1), m_keys.end());
    }
    return true;
  }
  bool end_object() override
  {
    m_stack.pop_back();
    m_keys.pop_back();
    // The first record of a list is complete: nothing more is needed.
    return !(m_in_list_record && m_stack.size() + 1 == m_record);
  }
  bool start_array(std::size_t /*size*/) override
  {
    m_stack.push_back(true);
    m_keys.emplace_back();
    return true;
  }
  bool end_array() override
  {
    m_stack.pop_back();
    m_keys.pop_back();
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& /*error*/) override
  {
    return false; // cut at k_sniff_bytes, or not JSON: keep what was seen
  }

private:
  [[nodiscard]] bool in_record() const { return m_record != 0 && m_stack.size() >= m_record; }

  std::vector<bool> m_stack;       // open containers, true for arrays
  std::vector<std::string> m_keys; // the current key of each open object
  std::size_t m_record = 0;        // the depth of the record's object (1 = root)
  bool m_in_list_record = false;   // the record is an element of a list
};

} // namespace

bool is_survey_results_json(std::string_view text, const std::vector<std::string>& question_ids,
                            const std::vector<std::string>& question_texts)
{
  // Only the first record decides, and only the first MiB is read for it:
  // a 60 MB answers file must not be parsed twice.
  FirstRecord first;
  (void)nlohmann::json::sax_parse(text.substr(0, k_sniff_bytes), &first,
                                  nlohmann::json::input_format_t::json, false);
  std::vector<std::vector<std::string>> paths = first.paths;
  // Hosts wrap a response ({"data": {...}}, {"json": "..."}), as run.cpp reads them.
  for (const char* wrapper : {"data", "json", "results", "result"}) {
    if (const auto it = first.strings.find(wrapper); it != first.strings.end()) {
      try {
        const auto inner = util::parse_json(it->second, {});
        paths.clear();
        if (!inner.is_object()) {
          return false;
        }
        for (const auto& [key, value] : inner.items()) {
          paths.push_back({key});
          if (value.is_object()) {
            for (const auto& [row, cell] : value.items()) {
              paths.push_back({key, row});
            }
          }
        }
      } catch (const util::JsonError&) {
        return false;
      }
      break;
    }
    if (first.objects.count(wrapper) != 0) {
      std::vector<std::vector<std::string>> inner;
      for (const auto& path : paths) {
        if (path.size() > 1 && path.front() == wrapper) {
          inner.emplace_back(path.begin() + 1, path.end());
        }
      }
      paths = std::move(inner);
      break;
    }
  }
  // A matrix whose rows are plain strings keys each answer by the row's
  // text: a statement of the bank.
  std::set<std::string> texts;
  for (const auto& question_text : question_texts) {
    texts.insert(normalize_text(question_text));
  }
  const auto is_id = [&](const std::string& key) {
    return std::find(question_ids.begin(), question_ids.end(), key) != question_ids.end()
           || (!texts.empty() && texts.count(normalize_text(key)) != 0);
  };
  bool any_id = false;
  for (const auto& path : paths) {
    // An answers file keeps its answers under "answers" and may name its
    // respondent; SurveyJS results do neither.
    if (path.size() == 1 && (path[0] == "answers" || path[0] == "respondent")) {
      return false;
    }
    any_id = any_id || (path.size() <= 2 && is_id(path.back()));
  }
  return any_id;
}

std::string_view platform_name(Platform platform)
{
  for (const auto& p : k_platforms) {
    if (p.platform == platform) {
      return p.name;
    }
  }
  return "csv";
}

std::optional<Platform> parse_platform(std::string_view name)
{
  for (const auto& p : k_platforms) {
    if (p.name == name) {
      return p.platform;
    }
  }
  return std::nullopt;
}

std::string platform_names()
{
  std::string out;
  for (const auto& p : k_platforms) {
    out += out.empty() ? "" : ", ";
    out += p.name;
  }
  return out;
}

std::string normalize_text(std::string_view text)
{
  std::string plain;
  plain.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      // An HTML tag ("<br>", "<strong>"): dropped, as a space.
      const std::size_t close = text.find('>', i);
      if (close != std::string_view::npos && close - i < 200) {
        plain += ' ';
        i = close;
        continue;
      }
    }
    if (c == '&') {
      static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> k_entities = {
        {{"&amp;", "&"},
         {"&nbsp;", " "},
         {"&quot;", "\""},
         {"&#39;", "'"},
         {"&apos;", "'"},
         {"&lt;", "<"},
         {"&gt;", ">"}}};
      bool replaced = false;
      for (const auto& [entity, value] : k_entities) {
        if (text.substr(i, entity.size()) == entity) {
          plain += value;
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) {
        continue;
      }
    }
    if (c == '{' && text.substr(i, 2) == "{{") {
      // Typeform recall placeholders ("{{field:7d95...}}") carry no wording.
      const std::size_t close = text.find("}}", i);
      if (close != std::string_view::npos) {
        plain += ' ';
        i = close + 1;
        continue;
      }
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> k_unicode = {{
      {"\xE2\x80\x98", "'"},  // left single quote
      {"\xE2\x80\x99", "'"},  // right single quote
      {"\xE2\x80\x9C", "\""}, // left double quote
      {"\xE2\x80\x9D", "\""}, // right double quote
      {"\xE2\x80\x93", "-"},  // en dash
      {"\xE2\x80\x94", "-"},  // em dash
      {"\xC2\xA0", " "},      // no-break space
      {"\xE2\x80\xA6", "..."},
      {"\xE2\x80\x8B", ""}, // zero-width space
    }};
    bool replaced = false;
    if ((static_cast<unsigned char>(c) & 0x80U) != 0) {
      for (const auto& [from, to] : k_unicode) {
        if (text.substr(i, from.size()) == from) {
          plain += to;
          i += from.size() - 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      plain += c;
    }
  }
  std::string out = util::fold_label(plain);
  // Truncation marks and trailing punctuation do not distinguish questions.
  while (!out.empty()) {
    const char last = out.back();
    if (last == '.' || last == '?' || last == '!' || last == ':' || last == ' ' || last == '*') {
      out.pop_back();
    } else {
      break;
    }
  }
  return out;
}

std::optional<ExportLayout>
try_read_generic(const Preview& preview, const std::vector<std::string>& question_ids, bool forced)
{
  const auto& r1 = row(preview, 0);
  if (r1.empty()) {
    return std::nullopt;
  }
  bool any_id = false;
  for (const auto& name : r1) {
    const std::string k = util::to_lower(util::trim(name));
    any_id = any_id
             || std::any_of(question_ids.begin(), question_ids.end(),
                            [&](const std::string& id) { return util::to_lower(id) == k; });
  }
  if (!any_id && !forced) {
    return std::nullopt;
  }
  ExportLayout layout =
    layout_of_headings(Platform::csv, r1, [&](ExportColumn& column, std::size_t c) {
      if (is_one_of(r1[c], {"respondent", "respondent id", "respondent_id", "id", "response id"})) {
        column.role = ColumnRole::respondent_id;
      } else {
        add_text(column, r1[c]);
        column.code = row_of_matrix(r1[c], question_ids);
        // A SurveyJS matrix row keyed by its text ("matrix.Statement"): the
        // part after any dot is a wording too.
        for (std::size_t dot = r1[c].find('.'); dot != std::string::npos;
             dot = r1[c].find('.', dot + 1)) {
          add_text(column, r1[c].substr(dot + 1));
        }
      }
    });
  drop_trailing_empty(layout);
  return layout;
}

ExportLayout detect_layout(const Preview& preview, std::optional<Platform> from,
                           const std::vector<std::string>& question_ids, bool have_map)
{
  using TryRead = std::optional<ExportLayout> (*)(const Preview&);
  struct Candidate {
    Platform platform;
    TryRead try_read;
  };
  // Most specific signatures first: a Qualtrics file also has a StartDate,
  // a Google Forms file is anything starting with "Timestamp".
  static constexpr std::array<Candidate, 8> k_candidates = {{
    {Platform::qualtrics, &try_read_qualtrics},
    {Platform::surveymonkey, &try_read_surveymonkey},
    {Platform::alchemer, &try_read_alchemer},
    {Platform::ms_forms, &try_read_ms_forms},
    {Platform::typeform, &try_read_typeform},
    {Platform::limesurvey, &try_read_limesurvey},
    {Platform::kobotoolbox, &try_read_kobotoolbox},
    {Platform::google_forms, &try_read_google_forms},
  }};
  if (from) {
    if (*from == Platform::csv) {
      return *try_read_generic(preview, question_ids, true);
    }
    for (const auto& candidate : k_candidates) {
      if (candidate.platform == *from) {
        if (auto layout = candidate.try_read(preview)) {
          return *layout;
        }
        throw Error(fmt::format("file '{}' is not a {} export (its header rows do not match)",
                                preview.file, platform_name(*from)));
      }
    }
    throw Error(fmt::format("file '{}' is not a {} export", preview.file, platform_name(*from)));
  }
  for (const auto& candidate : k_candidates) {
    if (auto layout = candidate.try_read(preview)) {
      return *layout;
    }
  }
  if (auto layout = try_read_generic(preview, question_ids, have_map)) {
    return *layout;
  }
  throw Error(fmt::format(
    "unknown export format for file '{}'\nhint: no platform's header matched and no column is a "
    "question id of the bank; name the platform with --from ({}) or map the columns with --map "
    "(--write-map writes a mapping to edit)",
    preview.file, platform_names()));
}

} // namespace centricity::import
