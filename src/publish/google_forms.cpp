#include <centricity/publish/google_forms.hpp>

#include <fmt/format.h>

namespace centricity::publish {

namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> labels_of(const bank::Scale& scale)
{
  std::vector<std::string> out;
  for (const auto& option : scale.options) {
    out.push_back(option.label);
  }
  return out;
}

// A range Google Forms shows as a linear scale: whole steps from 0 or 1 up
// to 3..10 (what ScaleItem.setBounds accepts), with no special options,
// which a linear scale cannot offer.
bool linear_scale(const bank::Scale& scale)
{
  const bank::ScaleRange& range = *scale.range;
  return range.step == 1 && (range.min == 0 || range.min == 1) && range.max >= 3 && range.max <= 10
         && range.max == static_cast<int>(range.max)
         && scale.options.size() == scale.value_options().size();
}

// `text` on one line, for a comment in the script.
std::string comment(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return out;
}

// The script's code: the same for every bank, driven by SURVEY. Plain
// ES5 so that it runs in either Apps Script runtime.
constexpr std::string_view k_code = R"js(
function createForm() {
  var form = FormApp.create(SURVEY.title);
  form.setDescription(SURVEY.description);
  form.setProgressBar(true);
  for (var i = 0; i < SURVEY.items.length; i++) {
    var item = SURVEY.items[i];
    if (item.kind === 'page') {
      form.addPageBreakItem().setTitle(item.title).setHelpText(item.help);
    } else if (item.kind === 'scale') {
      form.addScaleItem().setTitle(item.title).setHelpText(item.help)
        .setBounds(item.min, item.max).setRequired(false);
    } else if (item.kind === 'number') {
      form.addTextItem().setTitle(item.title).setHelpText(item.help)
        .setValidation(FormApp.createTextValidation().setHelpText(item.hint)
          .requireNumberBetween(item.min, item.max).build())
        .setRequired(false);
    } else if (item.kind === 'grid') {
      form.addGridItem().setTitle(item.title).setHelpText(item.help)
        .setRows(item.rows).setColumns(item.columns).setRequired(false);
    } else {
      form.addMultipleChoiceItem().setTitle(item.title).setHelpText(item.help)
        .setChoiceValues(item.choices).setRequired(item.required);
    }
  }
  Logger.log('Send respondents to: ' + form.getPublishedUrl());
  Logger.log('Edit the form at: ' + form.getEditUrl());
  return form.getPublishedUrl();
}
)js";

} // namespace

std::string to_google_forms(const Survey& survey)
{
  const bank::Questionnaire& bank = *survey.bank;
  Json items = Json::array();
  for (const auto& group : survey.ask) {
    items.push_back({{"kind", "choice"},
                     {"title", group.name},
                     {"help", ""},
                     {"choices", group.options},
                     {"required", true}});
  }
  for (const auto& section : survey.sections) {
    items.push_back({{"kind", "page"}, {"title", section.title}, {"help", section.description}});
    for (const auto& item : section.items) {
      if (item.grid()) {
        Json rows = Json::array();
        for (const std::size_t q : item.questions) {
          rows.push_back(bank.questions[q].text);
        }
        items.push_back({{"kind", "grid"},
                         {"title", section.title},
                         {"help", grid_help(survey, item)},
                         {"rows", rows},
                         {"columns", labels_of(*item.scale)}});
        continue;
      }
      const bank::Question& question = bank.questions[item.questions.front()];
      if (const auto& range = item.scale->range; range && linear_scale(*item.scale)) {
        items.push_back({{"kind", "scale"},
                         {"title", question.text},
                         {"help", question.help},
                         {"min", answer_value(item.scale->options.front())},
                         {"max", answer_value(*item.scale->value_options().back())}});
        continue;
      }
      if (entered_as_number(*item.scale)) {
        // The step is not checked by the form; a number off it is refused
        // when scored, naming the cell.
        items.push_back({{"kind", "number"},
                         {"title", question.text},
                         {"help", question.help},
                         {"hint", fmt::format("A number from {}", item.scale->range->text())},
                         {"min", answer_value(item.scale->options.front())},
                         {"max", answer_value(*item.scale->value_options().back())}});
        continue;
      }
      items.push_back({{"kind", "choice"},
                       {"title", question.text},
                       {"help", question.help},
                       {"choices", labels_of(*item.scale)},
                       {"required", false}});
    }
  }
  std::string description = bank.description;
  description += fmt::format("{}Question bank: {}, version {} (centricity).",
                             description.empty() ? "" : "\n\n", bank.id, bank.version);
  const Json data = {{"title", bank.title},
                     {"description", description},
                     {"bank", bank.id},
                     {"version", bank.version},
                     {"items", items}};
  std::string out;
  out += fmt::format("// Creates \"{}\" as a Google Form (centricity bank {}, version {}).\n",
                     comment(bank.title), comment(bank.id), comment(bank.version));
  out += "// Written by 'centricity publish --to google-forms'. To use it:\n";
  out += "//   1. open script.google.com, start a new project and paste this file over its "
         "code;\n";
  out += "//   2. save, choose createForm next to Run, run it and allow access to your forms;\n";
  out += "//   3. the execution log shows the form's address for respondents and its edit "
         "address.\n";
  out += "// Responses > Download responses (.csv) gives the file 'centricity score' reads.\n";
  out += "var SURVEY = " + data.dump(2) + ";\n";
  out += k_code;
  return out;
}

} // namespace centricity::publish
