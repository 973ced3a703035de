#include <centricity/import/mapping.hpp>
#include <centricity/publish/limesurvey.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/markup.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <set>

namespace centricity::publish {

namespace {

// The columns LimeSurvey's TSV import reads by name; the rest of its own
// export's columns (question attributes) may be left out.
constexpr std::array<std::string_view, 12> k_columns = {
  "class",    "type/scale", "name",      "relevance", "text",    "help",
  "language", "validation", "mandatory", "other",     "default", "same_default"};

// Question attributes of a numerical input ("N"), as extra columns.
constexpr std::array<std::string_view, 3> k_number_columns = {"min_num_value_n", "max_num_value_n",
                                                              "num_value_int_only"};

struct Row {
  std::string_view row_class;
  std::string type;
  std::string name;
  std::string text;
  std::string help;
  std::string mandatory;
  std::array<std::string, 3> number{}; // k_number_columns, on a numerical input
};

// LimeSurvey reads the file with PHP's fgetcsv (tab, '"'): a field with a
// tab, a line break or a quote is quoted, quotes doubled.
std::string field(std::string_view text)
{
  if (text.find_first_of("\t\r\n\"") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

// Question, group and help texts are HTML in LimeSurvey. Answer labels are
// kept as written: a "Full answers" export must give them back unchanged.
std::string html_text(std::string_view text)
{
  return util::escape_markup(
    text, {.quote = false, .apostrophe = false, .newline = "<br />", .tabs_as_space = true});
}

// A plain-text answer label on one line.
std::string one_line(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  return out;
}

class Writer {
public:
  // With `numbers`, the columns of numerical inputs' attributes follow the
  // usual ones (only then: other surveys' files stay as they were).
  Writer(std::string language, bool numbers)
    : m_language(std::move(language))
    , m_numbers(numbers)
  {
    m_out = "\xEF\xBB\xBF";
    for (std::size_t i = 0; i < k_columns.size(); ++i) {
      m_out += i == 0 ? "" : "\t";
      m_out += k_columns[i];
    }
    for (const auto column : k_number_columns) {
      m_out += m_numbers ? fmt::format("\t{}", column) : "";
    }
    m_out += '\n';
  }

  void setting(std::string_view name, const std::string& value) { raw("S", name, value, false); }

  void language_setting(std::string_view name, const std::string& value)
  {
    raw("SL", name, value, true);
  }

  void add(const Row& row)
  {
    const std::array<std::string, 12> cells = {std::string(row.row_class),
                                               row.type,
                                               row.name,
                                               row.row_class == "Q" || row.row_class == "SQ" ? "1"
                                                                                             : "",
                                               row.text,
                                               row.help,
                                               m_language,
                                               "",
                                               row.mandatory,
                                               row.row_class == "Q" ? "N" : "",
                                               "",
                                               row.row_class == "Q" ? "0" : ""};
    line(cells, row.number);
  }

  [[nodiscard]] const std::string& text() const { return m_out; }

private:
  void raw(std::string_view row_class, std::string_view name, const std::string& value,
           bool with_language)
  {
    std::array<std::string, 12> cells{};
    cells[0] = row_class;
    cells[2] = name;
    cells[4] = value;
    cells[6] = with_language ? m_language : "";
    line(cells, {});
  }

  void line(const std::array<std::string, 12>& cells, const std::array<std::string, 3>& number)
  {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      m_out += i == 0 ? "" : "\t";
      m_out += field(cells[i]);
    }
    for (const auto& cell : number) {
      m_out += m_numbers ? "\t" + field(cell) : "";
    }
    m_out += '\n';
  }

  std::string m_language;
  bool m_numbers = false;
  std::string m_out;
};

// Answer rows for `labels`: codes A1, A2... (at most five letters and digits
// in LimeSurvey); a "Full answers" export writes the labels.
void add_answers(Writer& writer, const std::vector<std::string>& labels)
{
  for (std::size_t i = 0; i < labels.size(); ++i) {
    writer.add({"A", "0", fmt::format("A{}", i + 1), one_line(labels[i]), "", ""});
  }
}

std::vector<std::string> labels_of(const bank::Scale& scale)
{
  std::vector<std::string> out;
  for (const auto& option : scale.options) {
    out.push_back(option.label);
  }
  return out;
}

// An array's code: "grid" and the letters and digits of its section key,
// numbered when taken; array codes share the namespace of question codes.
std::string array_code(const std::string& key, std::set<std::string>& taken)
{
  std::string base = "grid";
  for (const char c : key) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      base += c;
    }
  }
  base = base.substr(0, 17);
  std::string code = base;
  for (int n = 2; taken.count(util::to_lower(code)) != 0; ++n) {
    code = fmt::format("{}{}", base, n);
  }
  taken.insert(util::to_lower(code));
  return code;
}

} // namespace

std::string to_limesurvey(const Survey& survey)
{
  const bank::Questionnaire& bank = *survey.bank;
  const auto codes = import::limesurvey_codes(bank);
  for (std::size_t q = 0; q < codes.size(); ++q) {
    if (codes[q].empty()) {
      throw Error(fmt::format("cannot publish bank '{}' to limesurvey: question '{}' gets the "
                              "same LimeSurvey code as another question; rename one of them",
                              bank.id, bank.questions[q].id));
    }
  }
  std::set<std::string> taken;
  for (const auto& code : codes) {
    taken.insert(util::to_lower(code));
  }
  for (const auto& group : survey.ask) {
    taken.insert(util::to_lower(group.name));
  }
  std::string language = util::to_lower(bank.language.substr(0, bank.language.find('-')));
  if (language.empty()) {
    language = "en";
  }
  bool numbers = false;
  for (const auto& section : survey.sections) {
    for (const auto& item : section.items) {
      numbers = numbers || entered_as_number(*item.scale);
    }
  }
  Writer writer(language, numbers);
  writer.setting("language", language);
  writer.setting("format", "G"); // one group (section) per page
  writer.setting("showprogress", "Y");
  writer.setting("allowprev", "Y");
  writer.setting("showwelcome", "Y");
  writer.language_setting("surveyls_title", bank.title);
  writer.language_setting("surveyls_description",
                          fmt::format("centricity bank {}, version {}", bank.id, bank.version));
  writer.language_setting("surveyls_welcometext", html_text(bank.description));

  int group = 0;
  if (!survey.ask.empty()) {
    writer.add({"G", fmt::format("G{}", ++group), "About you", "", "", ""});
    for (const auto& ask : survey.ask) {
      writer.add({"Q", "L", ask.name, html_text(ask.name), "", "Y"});
      add_answers(writer, ask.options);
    }
  }
  for (const auto& section : survey.sections) {
    writer.add({"G", fmt::format("G{}", ++group), one_line(section.title),
                html_text(section.description), "", ""});
    for (const auto& item : section.items) {
      if (item.grid()) {
        writer.add({"Q", "F", array_code(section.key, taken), html_text(section.title),
                    html_text(grid_help(survey, item)), "N"});
        for (const std::size_t q : item.questions) {
          writer.add({"SQ", "0", codes[q], html_text(bank.questions[q].text), "", ""});
        }
      } else if (entered_as_number(*item.scale)) {
        // A numerical input, bounded; whole numbers only on a step of 1.
        // Its export column holds the number typed.
        const std::size_t q = item.questions.front();
        const bank::ScaleRange& range = *item.scale->range;
        const bool whole = range.step == 1 && range.min == std::floor(range.min);
        writer.add(
          {"Q",
           "N",
           codes[q],
           html_text(bank.questions[q].text),
           html_text(bank.questions[q].help),
           "N",
           {util::format_number(range.min), util::format_number(range.max), whole ? "1" : "0"}});
        continue;
      } else {
        const std::size_t q = item.questions.front();
        writer.add({"Q", "L", codes[q], html_text(bank.questions[q].text),
                    html_text(bank.questions[q].help), "N"});
      }
      add_answers(writer, labels_of(*item.scale));
    }
  }
  return writer.text();
}

} // namespace centricity::publish
