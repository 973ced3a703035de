#include <centricity/publish/qualtrics.hpp>
#include <centricity/util/markup.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace centricity::publish {

namespace {

using Json = nlohmann::ordered_json;

// Qualtrics ids are a prefix and 15 letters and digits ("SV_6mudEEycYo5zehT").
// Derived from the bank so that publishing twice gives the same file.
std::string stable_id(std::string_view prefix, std::string_view seed)
{
  std::uint64_t hash = 14695981039346656037ULL; // FNV-1a
  for (const char c : seed) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  static constexpr std::string_view k_digits =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out = std::string(prefix) + "_";
  for (int i = 0; i < 15; ++i) {
    out += k_digits[hash % k_digits.size()];
    hash = hash / k_digits.size() + (hash % 7919) * 104729 + static_cast<std::uint64_t>(i);
  }
  return out;
}

std::string html_escape(std::string_view text)
{
  return util::escape_markup(
    text, {.quote = true, .apostrophe = false, .newline = "<br>", .tabs_as_space = false});
}

// The question text as shown: the text, then the help text in smaller type
// (Qualtrics has no help text of its own).
std::string question_html(std::string_view text, std::string_view help)
{
  std::string out = html_escape(text);
  if (!help.empty()) {
    out += "<br><br><span style=\"font-size:smaller\">" + html_escape(help) + "</span>";
  }
  return out;
}

// Qualtrics language codes are upper case: "EN", "DE" ("de-CH" -> "DE").
std::string language_code(const std::string& language)
{
  std::string out = language.substr(0, language.find('-'));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out.empty() ? "EN" : out;
}

// A number as Qualtrics writes recode values: "4", "2.5".
std::string recode(double value)
{
  return util::format_number(value);
}

// Recode values of the scale's options, by choice number: the value of a
// value option, and for not-applicable and don't-know numbers below every
// value, so that a numeric export shows them as no value of the scale
// rather than as another option's value (export choice text instead).
Json recodes_of(const bank::Scale& scale)
{
  Json out = Json::object();
  double below = scale.min;
  for (std::size_t i = 0; i < scale.options.size(); ++i) {
    const auto& option = scale.options[i];
    const std::string key = std::to_string(i + 1);
    if (option.kind == bank::OptionKind::value) {
      out[key] = recode(option.value);
    } else {
      below = std::floor(below) - 1;
      out[key] = recode(below);
    }
  }
  return out;
}

Json numbered(const std::vector<std::string>& labels)
{
  Json out = Json::object();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    out[std::to_string(i + 1)] = {{"Display", labels[i]}};
  }
  return out;
}

Json order(std::size_t n)
{
  Json out = Json::array();
  for (std::size_t i = 1; i <= n; ++i) {
    out.push_back(std::to_string(i));
  }
  return out;
}

std::vector<std::string> labels_of(const bank::Scale& scale)
{
  std::vector<std::string> out;
  for (const auto& option : scale.options) {
    out.push_back(option.label);
  }
  return out;
}

Json validation(bool required)
{
  return {
    {"Settings",
     {{"ForceResponse", required ? "ON" : "OFF"}, {"ForceResponseType", "ON"}, {"Type", "None"}}}};
}

class Builder {
public:
  explicit Builder(const Survey& survey)
    : m_survey(&survey)
    , m_seed(survey.bank->id + "@" + survey.bank->version)
    , m_survey_id(stable_id("SV", m_seed))
  {
  }

  std::string build()
  {
    const bank::Questionnaire& bank = *m_survey->bank;
    Json blocks = Json::array();
    Json flow = Json::array();
    // The introduction and the group questions open the survey.
    Json intro = Json::array();
    if (!bank.description.empty()) {
      intro.push_back(descriptive(
        fmt::format("<b>{}</b><br><br>{}", html_escape(bank.title), html_escape(bank.description)),
        "intro"));
    }
    for (const auto& group : m_survey->ask) {
      intro.push_back(single(group.name, group.name, "", group.options, Json(), true, false));
    }
    if (!intro.empty()) {
      add_block("Introduction", intro, blocks, flow);
    }
    const auto names = grid_names(*m_survey);
    for (std::size_t s = 0; s < m_survey->sections.size(); ++s) {
      const Section& section = m_survey->sections[s];
      Json elements = Json::array();
      if (!section.description.empty()) {
        elements.push_back(descriptive(fmt::format("<b>{}</b><br>{}", html_escape(section.title),
                                                   html_escape(section.description)),
                                       section.title));
      }
      for (std::size_t i = 0; i < section.items.size(); ++i) {
        const Item& item = section.items[i];
        if (item.grid()) {
          elements.push_back(matrix(item, names[s][i], section.title));
        } else if (entered_as_number(*item.scale)) {
          elements.push_back(slider(bank.questions[item.questions.front()], *item.scale));
        } else {
          const bank::Question& question = bank.questions[item.questions.front()];
          elements.push_back(single(question.id, question.text, question.help,
                                    labels_of(*item.scale), recodes_of(*item.scale), false,
                                    item.scale->range.has_value()));
        }
      }
      add_block(section.title, elements, blocks, flow);
    }
    blocks.push_back({{"Type", "Trash"},
                      {"Description", "Trash / Unused Questions"},
                      {"ID", stable_id("BL", m_seed + "#trash")},
                      {"BlockElements", Json::array()}});

    Json elements = Json::array();
    elements.push_back(element("BL", "Survey Blocks", nullptr, blocks));
    elements.push_back(element("FL", "Survey Flow", nullptr,
                               {{"Flow", flow},
                                {"Properties", {{"Count", flow.size() + 1}}},
                                {"FlowID", "FL_1"},
                                {"Type", "Root"}}));
    elements.push_back(element("SO", "Survey Options", nullptr,
                               {{"BackButton", "true"},
                                {"SaveAndContinue", "true"},
                                {"SurveyProtection", "PublicSurvey"},
                                {"BallotBoxStuffingPrevention", "false"},
                                {"NoIndex", "Yes"},
                                {"SecureResponseFiles", "true"},
                                {"SurveyExpiration", "None"},
                                {"SurveyTermination", "DefaultMessage"},
                                {"Header", ""},
                                {"Footer", ""},
                                {"ProgressBarDisplay", "Text"},
                                {"PartialData", "+1 week"},
                                {"ValidationMessage", ""},
                                {"PreviousButton", ""},
                                {"NextButton", ""},
                                {"SurveyTitle", bank.title},
                                {"SurveyMetaDescription", bank.description},
                                {"NewScoring", 1}}));
    elements.push_back(element("SCO", "Scoring", nullptr,
                               {{"ScoringCategories", Json::array()},
                                {"ScoringCategoryGroups", Json::array()},
                                {"ScoringSummaryCategory", nullptr},
                                {"ScoringSummaryAfterQuestions", 0},
                                {"ScoringSummaryAfterSurvey", 0},
                                {"DefaultScoringCategory", nullptr},
                                {"AutoScoringCategory", nullptr}}));
    Json project =
      element("PROJ", "CORE", nullptr, {{"ProjectCategory", "CORE"}, {"SchemaVersion", "1.1.0"}});
    project["TertiaryAttribute"] = "1.1.0";
    elements.push_back(project);
    elements.push_back(element("STAT", "Survey Statistics", nullptr,
                               {{"MobileCompatible", true}, {"ID", "Survey Statistics"}}));
    elements.push_back(
      element("QC", "Survey Question Count", std::to_string(m_questions.size()), nullptr));
    for (auto& question : m_questions) {
      elements.push_back(std::move(question));
    }
    const std::string response_set = stable_id("RS", m_seed + "#responses");
    Json rs = element("RS", response_set, "Default Response Set", nullptr);
    elements.push_back(rs);

    Json doc;
    doc["SurveyEntry"] = {
      {"SurveyID", m_survey_id},
      {"SurveyName", bank.title},
      {"SurveyDescription", fmt::format("centricity bank {}, version {}", bank.id, bank.version)},
      {"SurveyOwnerID", ""},
      {"SurveyBrandID", ""},
      {"DivisionID", nullptr},
      {"SurveyLanguage", language_code(bank.language)},
      {"SurveyActiveResponseSet", response_set},
      {"SurveyStatus", "Inactive"},
      {"SurveyStartDate", "0000-00-00 00:00:00"},
      {"SurveyExpirationDate", "0000-00-00 00:00:00"},
      {"SurveyCreationDate", "0000-00-00 00:00:00"},
      {"CreatorID", ""},
      {"LastModified", "0000-00-00 00:00:00"},
      {"LastAccessed", "0000-00-00 00:00:00"},
      {"LastActivated", "0000-00-00 00:00:00"},
      {"Deleted", nullptr}};
    doc["SurveyElements"] = elements;
    return doc.dump(2) + "\n";
  }

private:
  Json element(std::string_view kind, const std::string& primary, const Json& secondary,
               const Json& payload) const
  {
    return {{"SurveyID", m_survey_id},      {"Element", kind},
            {"PrimaryAttribute", primary},  {"SecondaryAttribute", secondary},
            {"TertiaryAttribute", nullptr}, {"Payload", payload}};
  }

  // Registers question `payload` (given its type fields) and returns the
  // block element that places it.
  Json add_question(Json payload, const std::string& tag, const std::string& label)
  {
    const std::string qid = fmt::format("QID{}", m_questions.size() + 1);
    payload["DataExportTag"] = tag;
    payload["QuestionID"] = qid;
    payload["QuestionDescription"] = label;
    payload["Language"] = Json::array();
    payload["DataVisibility"] = {{"Private", false}, {"Hidden", false}};
    m_questions.push_back(element("SQ", qid, label, payload));
    return {{"Type", "Question"}, {"QuestionID", qid}};
  }

  Json descriptive(const std::string& html, const std::string& label)
  {
    Json payload = {{"QuestionText", html},
                    {"DefaultChoices", false},
                    {"QuestionType", "DB"},
                    {"Selector", "TB"},
                    {"Configuration", {{"QuestionDescriptionOption", "UseText"}}},
                    {"ChoiceOrder", Json::array()},
                    {"Validation", {{"Settings", {{"Type", "None"}}}}},
                    {"GradingData", Json::array()}};
    // Upper case and "_": no question id (lower case) or group name (letters
    // and digits) has that form. Text has no column in exports anyway.
    return add_question(payload, fmt::format("TEXT_{}", ++m_texts), label);
  }

  // A single-choice question exported as `tag`, its data-export label
  // (row 2 of an export) the plain `text`; `across` lays the choices out in
  // a row, as for an NPS 0-10 question.
  Json single(const std::string& tag, const std::string& text, const std::string& help,
              const std::vector<std::string>& labels, const Json& recodes, bool required,
              bool across)
  {
    Json payload = {{"QuestionText", question_html(text, help)},
                    {"DefaultChoices", false},
                    {"QuestionType", "MC"},
                    {"Selector", across ? "SAHR" : "SAVR"},
                    {"SubSelector", "TX"},
                    {"Configuration", {{"QuestionDescriptionOption", "SpecifyLabel"}}},
                    {"Choices", numbered(labels)},
                    {"ChoiceOrder", order(labels.size())},
                    {"Validation", validation(required)},
                    {"GradingData", Json::array()},
                    {"NextChoiceId", labels.size() + 1},
                    {"NextAnswerId", 1}};
    if (!recodes.is_null()) {
      payload["RecodeValues"] = recodes;
    }
    return add_question(payload, tag, text);
  }

  // A range entered on a slider with one unlabelled statement, exported
  // under the question id (ChoiceDataExportTags) as the number chosen. A
  // step of 1 allows every whole number; another step snaps to grid lines
  // one step apart.
  Json slider(const bank::Question& question, const bank::Scale& scale)
  {
    const bank::ScaleRange& range = *scale.range;
    const auto steps = static_cast<int>(std::lround((range.max - range.min) / range.step));
    const bool whole = range.step == 1 && range.min == std::floor(range.min);
    Json payload = {{"QuestionText", question_html(question.text, question.help)},
                    {"DefaultChoices", false},
                    {"QuestionType", "Slider"},
                    {"Selector", "HSLIDER"},
                    {"Configuration",
                     {{"QuestionDescriptionOption", "SpecifyLabel"},
                      {"CSSliderMin", answer_value(scale.options.front())},
                      {"CSSliderMax", answer_value(*scale.value_options().back())},
                      {"GridLines", whole ? std::min(steps, 10) : steps},
                      {"SnapToGrid", !whole},
                      {"NumDecimals", std::to_string(decimals(range))},
                      {"ShowValue", true},
                      {"CustomStart", false},
                      {"MobileFirst", true}}},
                    {"Choices", numbered({""})},
                    {"ChoiceOrder", order(1)},
                    {"ChoiceDataExportTags", {{"1", question.id}}},
                    {"Validation", validation(false)},
                    {"GradingData", Json::array()},
                    {"Labels", Json::array()},
                    {"NextChoiceId", 2},
                    {"NextAnswerId", 1}};
    return add_question(payload, fmt::format("SLIDER_{}", ++m_sliders), question.text);
  }

  // Decimals a range's values need: 0 for 0-100, 1 for steps of 0.5.
  static int decimals(const bank::ScaleRange& range)
  {
    int out = 0;
    for (double scaled = range.step, low = range.min;
         out < 9
         && (std::fabs(scaled - std::round(scaled)) > 1e-9
             || std::fabs(low - std::round(low)) > 1e-9);
         scaled *= 10, low *= 10) {
      ++out;
    }
    return out;
  }

  // A Likert matrix: statements (Choices) are the questions, each exported
  // under its question id (ChoiceDataExportTags); answers are the scale.
  Json matrix(const Item& item, const std::string& tag, const std::string& title)
  {
    const bank::Questionnaire& bank = *m_survey->bank;
    std::vector<std::string> statements;
    Json tags = Json::object();
    for (std::size_t r = 0; r < item.questions.size(); ++r) {
      statements.push_back(bank.questions[item.questions[r]].text);
      tags[std::to_string(r + 1)] = bank.questions[item.questions[r]].id;
    }
    const auto labels = labels_of(*item.scale);
    Json payload = {{"QuestionText", question_html(title, grid_help(*m_survey, item))},
                    {"DefaultChoices", false},
                    {"QuestionType", "Matrix"},
                    {"Selector", "Likert"},
                    {"SubSelector", "SingleAnswer"},
                    {"Configuration",
                     {{"QuestionDescriptionOption", "SpecifyLabel"},
                      {"TextPosition", "inline"},
                      {"ChoiceColumnWidth", 25},
                      {"RepeatHeaders", "none"},
                      {"WhiteSpace", "OFF"},
                      {"MobileFirst", true}}},
                    {"Choices", numbered(statements)},
                    {"ChoiceOrder", order(statements.size())},
                    {"Validation", validation(false)},
                    {"GradingData", Json::array()},
                    {"NextChoiceId", statements.size() + 1},
                    {"NextAnswerId", labels.size() + 1},
                    {"Answers", numbered(labels)},
                    {"AnswerOrder", order(labels.size())},
                    {"ChoiceDataExportTags", tags},
                    {"RecodeValues", recodes_of(*item.scale)}};
    return add_question(payload, tag, title);
  }

  void add_block(const std::string& title, const Json& elements, Json& blocks, Json& flow)
  {
    const std::string id = stable_id("BL", fmt::format("{}#block{}", m_seed, blocks.size()));
    blocks.push_back({{"Type", blocks.empty() ? "Default" : "Standard"},
                      {"SubType", ""},
                      {"Description", title},
                      {"ID", id},
                      {"BlockElements", elements}});
    flow.push_back({{"ID", id},
                    {"Type", flow.empty() ? "Block" : "Standard"},
                    {"FlowID", fmt::format("FL_{}", flow.size() + 2)}});
  }

  const Survey* m_survey;
  std::string m_seed;
  std::string m_survey_id;
  std::vector<Json> m_questions;
  int m_texts = 0;
  int m_sliders = 0;
};

} // namespace

std::string to_qualtrics(const Survey& survey)
{
  return Builder(survey).build();
}

} // namespace centricity::publish
