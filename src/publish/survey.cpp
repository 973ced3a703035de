#include <centricity/publish/survey.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

namespace centricity::publish {

namespace {

constexpr std::size_t k_max_name = 20;

// A group name must survive every platform unchanged as a column name:
// LimeSurvey codes allow letters and digits only, at most 20, starting with
// a letter; Qualtrics tags, SurveyJS names and answers-file keys take that.
bool plain_name(std::string_view name)
{
  if (name.empty() || name.size() > k_max_name) {
    return false;
  }
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return letter(name.front())
         && std::all_of(name.begin(), name.end(), [&](char c) { return letter(c) || digit(c); });
}

} // namespace

bool entered_as_number(const bank::Scale& scale)
{
  return scale.range && scale.value_options().size() > k_max_choice_points;
}

std::vector<GroupQuestion> parse_ask(const std::vector<std::string>& specs,
                                     const bank::Questionnaire& bank)
{
  std::vector<GroupQuestion> out;
  for (const auto& spec : specs) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos) {
      throw Error(fmt::format("--ask {}: give a name and its options, for example --ask "
                              "'role=Executive,Manager,Front line'",
                              spec),
                  ExitCode::usage);
    }
    GroupQuestion group;
    group.name = std::string(util::trim(std::string_view(spec).substr(0, equals)));
    if (!plain_name(group.name)) {
      throw Error(fmt::format("--ask {}: the name '{}' must be letters and digits, starting with "
                              "a letter, at most {} (every platform keeps it as the column name)",
                              spec, group.name, k_max_name),
                  ExitCode::usage);
    }
    for (const auto& question : bank.questions) {
      if (util::to_lower(question.id) == util::to_lower(group.name)) {
        throw Error(fmt::format("--ask {}: '{}' is a question of bank '{}'; choose another name",
                                spec, group.name, bank.id),
                    ExitCode::usage);
      }
    }
    for (const auto& other : out) {
      if (util::to_lower(other.name) == util::to_lower(group.name)) {
        throw Error(fmt::format("--ask {}: '{}' is asked twice", spec, group.name),
                    ExitCode::usage);
      }
    }
    for (const auto& raw : util::split(std::string_view(spec).substr(equals + 1), ',')) {
      const std::string option(util::trim(raw));
      if (option.empty()) {
        continue;
      }
      if (std::any_of(group.options.begin(), group.options.end(), [&](const std::string& o) {
            return util::fold_label(o) == util::fold_label(option);
          })) {
        throw Error(fmt::format("--ask {}: option '{}' is given twice", spec, option),
                    ExitCode::usage);
      }
      group.options.push_back(option);
    }
    if (group.options.size() < 2) {
      throw Error(fmt::format("--ask {}: give at least two options, separated by commas", spec),
                  ExitCode::usage);
    }
    out.push_back(std::move(group));
  }
  return out;
}

Survey plan_survey(const bank::Questionnaire& bank, std::vector<GroupQuestion> ask, bool grids)
{
  Survey survey;
  survey.bank = &bank;
  survey.ask = std::move(ask);
  const auto& questions = bank.questions;
  std::size_t q = 0;
  while (q < questions.size()) {
    // A section is a run of questions on one dimension (or of choice
    // questions), as `assess` shows them.
    const std::string key = questions[q].is_choice() ? "choice" : questions[q].dimension;
    std::size_t end = q;
    while (end < questions.size()
           && (questions[end].is_choice() ? "choice" : questions[end].dimension) == key) {
      ++end;
    }
    Section section;
    section.key = key;
    if (const bank::Dimension* dimension = bank.find_dimension(key);
        dimension != nullptr && !questions[q].is_choice()) {
      section.title = dimension->title;
      section.description = dimension->description;
    } else {
      section.title = k_choice_section;
    }
    // Questions sharing a scale gather in the item of the first of them.
    std::map<std::string, std::size_t> item_of_scale;
    for (std::size_t i = q; i < end; ++i) {
      const std::string& scale = questions[i].scale;
      const auto found = item_of_scale.find(scale);
      // Rows of one grid must read differently (Google Forms refuses
      // repeated rows); a question repeating a row's text stands alone.
      const auto repeats = [&](const Item& item) {
        return std::any_of(item.questions.begin(), item.questions.end(),
                           [&](std::size_t r) { return questions[r].text == questions[i].text; });
      };
      // A range is asked one question at a time: a grid of sliders or of
      // eleven NPS columns is a platform's exception, not its rule.
      const bank::Scale* on = bank.find_scale(scale);
      if (grids && found != item_of_scale.end() && !repeats(section.items[found->second])
          && (on == nullptr || !on->range)) {
        section.items[found->second].questions.push_back(i);
        continue;
      }
      item_of_scale.emplace(scale, section.items.size());
      section.items.push_back({on, {i}});
    }
    survey.sections.push_back(std::move(section));
    q = end;
  }
  return survey;
}

std::string grid_help(const Survey& survey, const Item& item)
{
  std::string out;
  for (const std::size_t q : item.questions) {
    const bank::Question& question = survey.bank->questions[q];
    if (question.help.empty()) {
      continue;
    }
    out += fmt::format("\n- {} \u2014 {}", question.text, question.help);
  }
  return out.empty() ? out : "Why these questions matter:" + out;
}

nlohmann::ordered_json answer_value(const bank::ScaleOption& option)
{
  if (option.kind != bank::OptionKind::value) {
    return option.label;
  }
  const double whole = std::round(option.value);
  if (whole == option.value && std::fabs(whole) < 1e15) {
    return static_cast<std::int64_t>(whole);
  }
  return option.value;
}

std::vector<std::vector<std::string>> grid_names(const Survey& survey)
{
  std::set<std::string> taken;
  for (const auto& question : survey.bank->questions) {
    taken.insert(util::to_lower(question.id));
  }
  for (const auto& group : survey.ask) {
    taken.insert(util::to_lower(group.name));
  }
  std::vector<std::vector<std::string>> out;
  for (const auto& section : survey.sections) {
    out.emplace_back();
    for (const auto& item : section.items) {
      std::string name;
      if (item.grid()) {
        const std::string base = "grid-" + section.key;
        name = base;
        for (int n = 2; taken.count(util::to_lower(name)) != 0; ++n) {
          name = fmt::format("{}-{}", base, n);
        }
        taken.insert(util::to_lower(name));
      }
      out.back().push_back(name);
    }
  }
  return out;
}

} // namespace centricity::publish
