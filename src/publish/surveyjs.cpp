#include <centricity/publish/surveyjs.hpp>

#include <fmt/format.h>

#include <map>

namespace centricity::publish {

namespace {

using Json = nlohmann::ordered_json;

Json choices_of(const bank::Scale& scale)
{
  Json out = Json::array();
  for (const auto& option : scale.options) {
    out.push_back({{"value", answer_value(option)}, {"text", option.label}});
  }
  return out;
}

// `value` as a JSON integer when whole (a step of 1 written "1", not "1.0").
Json number(double value)
{
  bank::ScaleOption option;
  option.value = value;
  return answer_value(option);
}

// A SurveyJS expression holding `text` as a string constant.
std::string string_constant(const std::string& text)
{
  const char quote = text.find('\'') == std::string::npos ? '\'' : '"';
  std::string out(1, quote);
  for (const char c : text) {
    if (c != quote) {
      out += c;
    }
  }
  return out + quote;
}

} // namespace

std::string to_surveyjs(const Survey& survey)
{
  const bank::Questionnaire& bank = *survey.bank;
  Json doc;
  doc["title"] = bank.title;
  if (!bank.description.empty()) {
    doc["description"] = bank.description;
  }
  if (!bank.language.empty() && bank.language != "en") {
    doc["locale"] = bank.language.substr(0, bank.language.find('-'));
  }
  // Kept with the definition, not with the results (no includeIntoResult).
  doc["calculatedValues"] = Json::array({
    {{"name", "centricityBank"}, {"expression", string_constant(bank.id)}},
    {{"name", "centricityBankVersion"}, {"expression", string_constant(bank.version)}},
  });
  doc["showProgressBar"] = "top";
  doc["progressBarType"] = "questions";
  doc["showQuestionNumbers"] = "off";
  Json pages = Json::array();
  if (!survey.ask.empty()) {
    Json elements = Json::array();
    for (const auto& group : survey.ask) {
      elements.push_back({{"type", "radiogroup"},
                          {"name", group.name},
                          {"title", group.name},
                          {"isRequired", true},
                          {"choices", group.options}});
    }
    pages.push_back({{"name", "centricity-about-you"}, {"elements", elements}});
  }
  const auto names = grid_names(survey);
  std::map<std::string, int> page_count;
  for (std::size_t s = 0; s < survey.sections.size(); ++s) {
    const Section& section = survey.sections[s];
    Json page;
    const int n = ++page_count[section.key];
    page["name"] = n == 1 ? section.key : fmt::format("{}-{}", section.key, n);
    page["title"] = section.title;
    if (!section.description.empty()) {
      page["description"] = section.description;
    }
    Json elements = Json::array();
    for (std::size_t i = 0; i < section.items.size(); ++i) {
      const Item& item = section.items[i];
      if (item.grid()) {
        Json rows = Json::array();
        for (const std::size_t q : item.questions) {
          rows.push_back({{"value", bank.questions[q].id}, {"text", bank.questions[q].text}});
        }
        Json matrix = {{"type", "matrix"}, {"name", names[s][i]}, {"title", section.title}};
        if (const std::string help = grid_help(survey, item); !help.empty()) {
          matrix["description"] = help;
        }
        matrix["columns"] = choices_of(*item.scale);
        matrix["rows"] = rows;
        elements.push_back(matrix);
        continue;
      }
      const bank::Question& question = bank.questions[item.questions.front()];
      const bank::Scale& scale = *item.scale;
      // A range: a row of rating buttons when small and without special
      // options (NPS 0-10), a number field when large; else the choices.
      const bool rating = scale.range && !entered_as_number(scale)
                          && scale.options.size() == scale.value_options().size();
      Json element = {{"type", rating                     ? "rating"
                               : entered_as_number(scale) ? "text"
                                                          : "radiogroup"},
                      {"name", question.id},
                      {"title", question.text}};
      if (!question.help.empty()) {
        element["description"] = question.help;
      }
      if (rating) {
        element["rateMin"] = answer_value(scale.options.front());
        element["rateMax"] = answer_value(*scale.value_options().back());
        element["rateStep"] = number(scale.range->step);
      } else if (entered_as_number(scale)) {
        element["inputType"] = "number";
        element["min"] = answer_value(scale.options.front());
        element["max"] = answer_value(*scale.value_options().back());
        element["step"] = number(scale.range->step);
      } else {
        element["choices"] = choices_of(scale);
      }
      elements.push_back(element);
    }
    page["elements"] = elements;
    pages.push_back(page);
  }
  doc["pages"] = pages;
  return doc.dump(2) + "\n";
}

} // namespace centricity::publish
