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

// Header names compare without case, spaces and underscores: "Respondent ID",
// "RespondentID" and "respondent_id" are one name.
std::string key(std::string_view text)
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

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> names)
{
  const std::string k = key(text);
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return key(n) == k; });
}

const std::vector<std::string>& row(const Preview& preview, std::size_t r)
{
  static const std::vector<std::string> k_empty;
  return r < preview.rows.size() ? preview.rows[r] : k_empty;
}

std::string cell(const Preview& preview, std::size_t r, std::size_t c)
{
  const auto& fields = row(preview, r);
  return c < fields.size() ? fields[c] : std::string();
}

bool row_has(const Preview& preview, std::size_t r, std::initializer_list<std::string_view> names)
{
  const auto& fields = row(preview, r);
  return std::any_of(fields.begin(), fields.end(),
                     [&](const std::string& f) { return is_one_of(f, names); });
}

// Drops a last column whose header is empty in every header row (the
// trailing delimiter of legacy Qualtrics rows).
void drop_trailing_empty(ExportLayout& layout)
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
std::string after_last(std::string_view text, std::string_view separator)
{
  const std::size_t at = text.rfind(separator);
  return at == std::string_view::npos ? std::string()
                                      : std::string(text.substr(at + separator.size()));
}

// "Title [Row]" -> "Row" (Google Forms grids, LimeSurvey full-text headings).
std::string bracketed(std::string_view text)
{
  const std::string_view t = util::trim(text);
  if (t.empty() || t.back() != ']') {
    return {};
  }
  const std::size_t open = t.rfind('[');
  return open == std::string_view::npos ? std::string()
                                        : std::string(t.substr(open + 1, t.size() - open - 2));
}

void add_text(ExportColumn& column, std::string text)
{
  if (!util::trim(text).empty()
      && std::find(column.texts.begin(), column.texts.end(), text) == column.texts.end()) {
    column.texts.push_back(std::move(text));
  }
}

// Qualtrics row 3: {"ImportId":"QID2_1"} or the 2016 Python-dict form
// {'ImportId': 'QID2-1'}. Tolerant on purpose: only the ImportId is needed.
std::string import_id(std::string_view text)
{
  const std::size_t at = text.find("ImportId");
  if (at == std::string_view::npos) {
    return {};
  }
  std::size_t i = at + 8;
  while (i < text.size()
         && (text[i] == '"' || text[i] == '\'' || text[i] == ':' || text[i] == ' ')) {
    ++i;
  }
  std::size_t j = i;
  while (j < text.size() && text[j] != '"' && text[j] != '\'') {
    ++j;
  }
  return std::string(text.substr(i, j - i));
}

ColumnRole qualtrics_role(std::string_view name)
{
  if (is_one_of(name, {"ResponseId", "ResponseID", "V1"})) {
    return ColumnRole::respondent_id;
  }
  if (is_one_of(name, {"Status"})) {
    return ColumnRole::status;
  }
  if (is_one_of(name, {"Finished"})) {
    return ColumnRole::finished;
  }
  if (is_one_of(name, {"Progress"})) {
    return ColumnRole::progress;
  }
  if (is_one_of(name, {"StartDate",
                       "EndDate",
                       "IPAddress",
                       "Duration (in seconds)",
                       "RecordedDate",
                       "RecipientLastName",
                       "RecipientFirstName",
                       "RecipientEmail",
                       "ExternalReference",
                       "ExternalDataReference",
                       "LocationLatitude",
                       "LocationLongitude",
                       "LocationAccuracy",
                       "DistributionChannel",
                       "UserLanguage",
                       "ResponseSet",
                       "Name",
                       "EmailAddress",
                       "Q_RecaptchaScore",
                       "Q_RelevantIDDuplicate",
                       "Q_BallotBoxStuffing",
                       "SC0"})) {
    return ColumnRole::metadata;
  }
  // Display order, timing, Text iQ topics and meta-info columns are not
  // answers, nor the group (promoter, passive, detractor) Qualtrics adds
  // after an NPS question.
  if (name.ends_with("_DO") || name.find("_DO_") != std::string_view::npos
      || name.ends_with("_NPS_GROUP")) {
    return ColumnRole::metadata;
  }
  if (name.find(" - Topics") != std::string_view::npos || name.starts_with("Q_")
      || name.starts_with("FL_")) {
    return ColumnRole::metadata;
  }
  return ColumnRole::answer;
}

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

std::optional<ExportLayout> try_read_qualtrics(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.empty()) {
    return std::nullopt;
  }
  ExportLayout layout;
  layout.platform = Platform::qualtrics;
  const std::string r3c1 = cell(preview, 2, 0);
  if (key(r1[0]) == "v1" && row_has(preview, 1, {"ResponseID"})) {
    // Legacy: row 1 export tags (V1..V10 for metadata), row 2 labels.
    layout.variant = "legacy";
    layout.header_records = 2;
    for (std::size_t c = 0; c < r1.size(); ++c) {
      ExportColumn column;
      column.index = c;
      const std::string label = cell(preview, 1, c);
      const bool meta = r1[c].size() >= 2 && r1[c][0] == 'V'
                        && std::all_of(r1[c].begin() + 1, r1[c].end(),
                                       [](char ch) { return ch >= '0' && ch <= '9'; });
      column.header = meta ? label : r1[c];
      column.code = r1[c];
      column.role = qualtrics_role(meta ? label : r1[c]);
      if (column.role == ColumnRole::answer) {
        add_text(column, label);
        add_text(column, after_last(label, "-"));
      }
      layout.columns.push_back(std::move(column));
    }
    drop_trailing_empty(layout);
    layout.notes.emplace_back("legacy Qualtrics export: sub-question tags may repeat; columns are "
                              "told apart by position");
    return layout;
  }
  const bool modern = r3c1.starts_with("{\"ImportId\"");
  const bool insights = r3c1.starts_with("{'ImportId'");
  const bool single = !modern && !insights && row_has(preview, 0, {"StartDate"})
                      && row_has(preview, 0, {"ResponseId", "ResponseID"});
  if (!modern && !insights && !single) {
    return std::nullopt;
  }
  layout.variant = modern ? "modern" : insights ? "2016" : "single-header";
  layout.header_records = single ? 1 : 3;
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
    column.code = single ? std::string() : import_id(cell(preview, 2, c));
    column.role = qualtrics_role(r1[c]);
    if (column.role == ColumnRole::answer && !single) {
      std::string label = cell(preview, 1, c);
      for (const std::string_view suffix : {" - Selected Choice", "-Selected Choice"}) {
        if (label.ends_with(suffix)) {
          label.resize(label.size() - suffix.size());
        }
      }
      add_text(column, label);
      add_text(column, after_last(label, modern ? " - " : "-"));
      // A slider's one statement: "Question - Statement" is the question.
      if (const std::size_t at = label.rfind(" - "); modern && at != std::string::npos) {
        add_text(column, label.substr(0, at));
      }
    }
    layout.columns.push_back(std::move(column));
  }
  drop_trailing_empty(layout);
  return layout;
}

bool is_surveymonkey_metadata(std::string_view name)
{
  return is_one_of(name,
                   {"Collector ID", "CollectorID", "Start Date", "StartDate", "End Date", "EndDate",
                    "IP Address", "Email Address", "First Name", "FirstName", "Last Name",
                    "LastName", "Custom Data", "Custom Data 1", "Custom Data 2", "Custom Data 3"});
}

// SurveyMonkey with one header row: "Respondent ID", its metadata, then one
// column per question or matrix row ("Question - Row", "Question | Row" or
// "Question [Row]").
std::optional<ExportLayout> read_surveymonkey_one_row(const Preview& preview)
{
  if (!row_has(preview, 0, {"Collector ID", "CollectorID", "Start Date", "StartDate"})) {
    return std::nullopt;
  }
  ExportLayout layout;
  layout.platform = Platform::surveymonkey;
  layout.variant = "one header row";
  const auto& r1 = row(preview, 0);
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
    if (is_one_of(r1[c], {"Respondent ID", "RespondentID"})) {
      column.role = ColumnRole::respondent_id;
    } else if (is_surveymonkey_metadata(r1[c])) {
      column.role = ColumnRole::metadata;
    } else {
      add_text(column, r1[c]);
      add_text(column, after_last(r1[c], " - "));
      add_text(column, after_last(r1[c], " | "));
      add_text(column, bracketed(r1[c]));
    }
    layout.columns.push_back(std::move(column));
  }
  drop_trailing_empty(layout);
  return layout;
}

std::optional<ExportLayout> try_read_surveymonkey(const Preview& preview)
{
  if (!row_has(preview, 0, {"Respondent ID", "RespondentID"})) {
    return std::nullopt;
  }
  if (!row_has(preview, 1, {"Response", "Open-Ended Response"})) {
    return read_surveymonkey_one_row(preview);
  }
  ExportLayout layout;
  layout.platform = Platform::surveymonkey;
  layout.header_records = 2;
  const auto& r1 = row(preview, 0);
  const std::size_t width = std::max(r1.size(), row(preview, 1).size());
  std::string question; // row 1 filled forward
  for (std::size_t c = 0; c < width; ++c) {
    ExportColumn column;
    column.index = c;
    const std::string top = cell(preview, 0, c);
    const std::string sub = cell(preview, 1, c);
    if (!top.empty()) {
      question = top;
    }
    column.header = question;
    if (is_one_of(question, {"Respondent ID", "RespondentID"})) {
      column.role = ColumnRole::respondent_id;
    } else if (is_surveymonkey_metadata(question)) {
      column.role = ColumnRole::metadata;
    } else if (sub.empty() || is_one_of(sub, {"Response", "Open-Ended Response"})) {
      add_text(column, question);
    } else {
      // A matrix row, a multi-select option or a comment prompt.
      column.header = question + " - " + sub;
      add_text(column, sub);
      add_text(column, question + " " + sub);
      if (top.empty()) {
        add_text(column, question);
      }
    }
    layout.columns.push_back(std::move(column));
  }
  return layout;
}

std::optional<ExportLayout> try_read_google_forms(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  // The Sheets export localises "Timestamp".
  if (r1.empty()
      || !is_one_of(r1[0], {"Timestamp", "Marca temporal", "Horodateur", "Zeitstempel",
                            "Informazioni cronologiche", "Carimbo de data/hora", "Tijdstempel"})) {
    return std::nullopt;
  }
  ExportLayout layout;
  layout.platform = Platform::google_forms;
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
    if (c == 0 || is_one_of(r1[c], {"Email Address", "Email address", "Score"})) {
      column.role = ColumnRole::metadata;
    } else {
      add_text(column, r1[c]);
      add_text(column, bracketed(r1[c]));
    }
    layout.columns.push_back(std::move(column));
  }
  return layout;
}

std::optional<ExportLayout> try_read_ms_forms(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.size() < 5 || !is_one_of(r1[0], {"ID", "Id"}) || !is_one_of(r1[1], {"Start time"})
      || !is_one_of(r1[2], {"Completion time"}) || !is_one_of(r1[3], {"Email"})
      || !is_one_of(r1[4], {"Name"})) {
    return std::nullopt;
  }
  ExportLayout layout;
  layout.platform = Platform::ms_forms;
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
    if (c == 0) {
      column.role = ColumnRole::respondent_id;
    } else if (c < 5 || is_one_of(r1[c], {"Last modified time", "Total points", "Quiz feedback"})
               || r1[c].starts_with("Points - ") || r1[c].starts_with("Feedback - ")) {
      column.role = ColumnRole::metadata;
    } else {
      add_text(column, r1[c]);
      // A Likert question has one column per statement, "Title.Statement":
      // the statement after any dot that ends the title (none is followed
      // by a space, unlike the full stops of a sentence).
      const std::string& header = r1[c];
      for (std::size_t dot = header.find('.'); dot != std::string::npos;
           dot = header.find('.', dot + 1)) {
        if (dot + 1 < header.size() && header[dot + 1] != ' ' && header[dot + 1] != '.') {
          add_text(column, header.substr(dot + 1));
        }
      }
    }
    layout.columns.push_back(std::move(column));
  }
  return layout;
}

std::optional<ExportLayout> try_read_typeform(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.empty() || r1[0] != "#" || !row_has(preview, 0, {"Submit Date (UTC)"})) {
    return std::nullopt;
  }
  ExportLayout layout;
  layout.platform = Platform::typeform;
  layout.strip_apostrophe = true;
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
    if (c == 0) {
      column.role = ColumnRole::respondent_id;
    } else if (is_one_of(r1[c], {"Response Type"})) {
      column.role = ColumnRole::response_type;
    } else if (is_one_of(r1[c], {"Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)",
                                 "Network ID", "Tags", "Ending"})) {
      column.role = ColumnRole::metadata;
    } else {
      add_text(column, r1[c]);
    }
    layout.columns.push_back(std::move(column));
  }
  return layout;
}

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
  ExportLayout layout;
  layout.platform = Platform::limesurvey;
  layout.variant = separator.empty() ? "" : "code and text";
  for (std::size_t c = 0; c < r1.size(); ++c) {
    const LimeHeading heading = split_limesurvey(r1[c], separator);
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
    column.code = heading.code;
    if (c == 0) {
      column.role = ColumnRole::respondent_id;
    } else if (c == 1) {
      column.role = ColumnRole::submit_date;
    } else if (is_one_of(heading.code,
                         {"lastpage", "Last page", "Last page seen", "startlanguage",
                          "Start language", "seed", "startdate", "Date started", "datestamp",
                          "Date last action", "Date last actio..", "token", "ipaddr", "IP address",
                          "refurl", "Referrer URL", "interviewtime", "Total time"})
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
    layout.columns.push_back(std::move(column));
  }
  return layout;
}

std::optional<ExportLayout> try_read_alchemer(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.size() < 4 || !is_one_of(r1[0], {"Response ID"}) || !row_has(preview, 0, {"Status"})
      || !row_has(preview, 0, {"Time Started"}) || !row_has(preview, 0, {"Date Submitted"})) {
    return std::nullopt;
  }
  ExportLayout layout;
  layout.platform = Platform::alchemer;
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
    if (c == 0) {
      column.role = ColumnRole::respondent_id;
    } else if (is_one_of(r1[c], {"Status"})) {
      column.role = ColumnRole::completion;
    } else if (is_one_of(r1[c],
                         {"Time Started", "Date Submitted", "Contact ID",   "Legacy Comments",
                          "Comments",     "Language",       "Referer",      "SessionID",
                          "User Agent",   "Tags",           "IP Address",   "Longitude",
                          "Latitude",     "Country",        "City",         "State/Region",
                          "Postal",       "Link ID",        "Link Name",    "Invite Status",
                          "Invite Link",  "Email",          "Data Quality", "Data Quality Score",
                          "Response Time"})
               || r1[c].starts_with("Extended Referer") || r1[c].starts_with("Invite ")) {
      column.role = ColumnRole::metadata;
    } else {
      // A grid row is "Row:Question" (the row's statement first).
      add_text(column, r1[c]);
      const std::size_t colon = r1[c].find(':');
      if (colon != std::string::npos) {
        add_text(column, std::string(util::trim(std::string_view(r1[c]).substr(0, colon))));
        add_text(column, std::string(util::trim(std::string_view(r1[c]).substr(colon + 1))));
      }
    }
    layout.columns.push_back(std::move(column));
  }
  drop_trailing_empty(layout);
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
  ExportLayout layout;
  layout.platform = Platform::kobotoolbox;
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
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
    layout.columns.push_back(std::move(column));
  }
  return layout;
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
  ExportLayout layout;
  layout.platform = Platform::csv;
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
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
    layout.columns.push_back(std::move(column));
  }
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
