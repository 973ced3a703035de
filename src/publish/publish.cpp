#include <centricity/import/formats.hpp>
#include <centricity/publish/google_forms.hpp>
#include <centricity/publish/html.hpp>
#include <centricity/publish/limesurvey.hpp>
#include <centricity/publish/publish.hpp>
#include <centricity/publish/qualtrics.hpp>
#include <centricity/publish/surveyjs.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace centricity::publish {

namespace {

struct TargetName {
  Target target;
  std::string_view name;
  std::string_view extension;
};

constexpr std::array<TargetName, 5> k_targets = {{
  {Target::qualtrics, "qualtrics", ".qsf"},
  {Target::limesurvey, "limesurvey", ".txt"},
  {Target::surveyjs, "surveyjs", ".json"},
  {Target::google_forms, "google-forms", ".gs"},
  {Target::html, "html", ".html"},
}};

} // namespace

std::string_view target_name(Target target)
{
  for (const auto& t : k_targets) {
    if (t.target == target) {
      return t.name;
    }
  }
  return "html";
}

std::optional<Target> parse_target(std::string_view name)
{
  for (const auto& t : k_targets) {
    if (t.name == name) {
      return t.target;
    }
  }
  return std::nullopt;
}

std::string target_names()
{
  std::string out;
  for (const auto& t : k_targets) {
    out += out.empty() ? "" : ", ";
    out += t.name;
  }
  return out;
}

std::string_view target_extension(Target target)
{
  for (const auto& t : k_targets) {
    if (t.target == target) {
      return t.extension;
    }
  }
  return ".html";
}

bool has_grids(Target target)
{
  return target != Target::html;
}

std::vector<Limitation> limitations(const bank::Questionnaire& bank, Target target)
{
  std::vector<Limitation> out;
  if (target == Target::html) {
    return out;
  }
  const std::string platform(target_name(target));
  const Survey survey = plan_survey(bank, {}, true);
  for (const auto& section : survey.sections) {
    for (const auto& item : section.items) {
      if (item.scale != nullptr && entered_as_number(*item.scale)) {
        for (const auto& option : item.scale->options) {
          if (option.kind == bank::OptionKind::value) {
            continue;
          }
          const bank::Question& question = bank.questions[item.questions.front()];
          out.push_back({Limitation::Kind::range_special, question.loc,
                         fmt::format("on {}, question '{}' is entered as a number from {}, "
                                     "which leaves no place for the option '{}' of scale '{}': "
                                     "respondents leave the question blank instead",
                                     platform, question.id, item.scale->range->text(), option.label,
                                     item.scale->id)});
        }
      }
      if (!item.grid()) {
        continue;
      }
      std::string ids;
      std::size_t helped = 0;
      for (const std::size_t q : item.questions) {
        const bank::Question& question = bank.questions[q];
        ids += fmt::format("{}'{}'", ids.empty() ? "" : ", ", question.id);
        helped += question.help.empty() ? 0U : 1U;
        // Google Forms exports name a grid row's column "Grid title [row text]".
        if (target == Target::google_forms
            && question.text.find_first_of("[]") != std::string::npos) {
          out.push_back({Limitation::Kind::brackets, question.loc,
                         fmt::format("on {}, question '{}' is a grid row with square brackets in "
                                     "its text; exports name its column \"{} [row text]\", so it "
                                     "cannot be matched by its text",
                                     platform, question.id, section.title)});
        }
      }
      if (helped > 0) {
        out.push_back({Limitation::Kind::grid_help, bank.questions[item.questions.front()].loc,
                       fmt::format("on {}, questions {} share scale '{}' in one grid, whose rows "
                                   "have no help text of their own: their help texts are shown "
                                   "together in the grid's description",
                                   platform, ids, item.scale != nullptr ? item.scale->id : "")});
      }
    }
  }
  // Google Forms exports carry no ids: columns are matched by question text.
  if (target == Target::google_forms) {
    std::map<std::string, std::size_t> first_with;
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const auto [it, fresh] =
        first_with.emplace(import::normalize_text(bank.questions[q].text), q);
      if (!fresh) {
        out.push_back({Limitation::Kind::same_text, bank.questions[q].loc,
                       fmt::format("on {}, question '{}' has the same text as '{}': exports name "
                                   "columns by question text, so the two cannot be told apart",
                                   platform, bank.questions[q].id, bank.questions[it->second].id)});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Limitation& a, const Limitation& b) {
    return a.loc.line < b.loc.line || (a.loc.line == b.loc.line && a.loc.column < b.loc.column);
  });
  return out;
}

std::vector<std::string> summarize_limitations(const std::vector<Limitation>& limits, Target target)
{
  std::map<Limitation::Kind, std::size_t> count;
  for (const auto& limit : limits) {
    ++count[limit.kind];
  }
  const std::string_view platform = target_name(target);
  std::vector<std::string> out;
  for (const auto& [kind, n] : count) {
    switch (kind) {
    case Limitation::Kind::grid_help:
      out.push_back(fmt::format("{} grid rows have no help text: the help texts of the questions "
                                "in {} {} are shown in the grid's description",
                                platform, n, n == 1 ? "grid" : "grids"));
      break;
    case Limitation::Kind::same_text:
      out.push_back(fmt::format("{} exports name columns by question text: {} {} the text of an "
                                "earlier question and cannot be told apart from it",
                                platform, n, n == 1 ? "question has" : "questions have"));
      break;
    case Limitation::Kind::brackets:
      out.push_back(fmt::format("{} exports name grid rows \"title [row]\": {} grid {} square "
                                "brackets in {} text and cannot be matched by it",
                                platform, n, n == 1 ? "row has" : "rows have",
                                n == 1 ? "its" : "their"));
      break;
    case Limitation::Kind::range_special:
      out.push_back(fmt::format("{} enters a range of more than {} points as a number: {} "
                                "special {} (not applicable, don't know) cannot be offered "
                                "beside it",
                                platform, k_max_choice_points, n, n == 1 ? "option" : "options"));
      break;
    }
  }
  return out;
}

std::string publish(const bank::Questionnaire& bank, Target target,
                    const std::vector<GroupQuestion>& ask)
{
  const Survey survey = plan_survey(bank, ask, has_grids(target));
  switch (target) {
  case Target::qualtrics:
    return to_qualtrics(survey);
  case Target::limesurvey:
    return to_limesurvey(survey);
  case Target::surveyjs:
    return to_surveyjs(survey);
  case Target::google_forms:
    return to_google_forms(survey);
  case Target::html:
    return to_html(survey);
  }
  return {};
}

} // namespace centricity::publish
