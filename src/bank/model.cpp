#include <centricity/bank/model.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace centricity::bank {

namespace {

template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id)
{
  const auto it =
    std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

} // namespace

std::string ScaleRange::text() const
{
  std::string out = fmt::format("{} to {}", util::format_number(min), util::format_number(max));
  if (step != 1) {
    out += fmt::format(" in steps of {}", util::format_number(step));
  }
  return out;
}

const char* effort_label(int effort)
{
  switch (effort) {
  case 1:
    return "about a week";
  case 2:
    return "about a month";
  case 3:
    return "about a quarter";
  case 4:
    return "about half a year";
  default:
    return "a year or more";
  }
}

const char* severity_name(Finding::Severity severity)
{
  switch (severity) {
  case Finding::Severity::high:
    return "high";
  case Finding::Severity::medium:
    return "medium";
  case Finding::Severity::low:
    return "low";
  }
  return "medium";
}

bool Scale::allows(OptionKind kind) const
{
  return std::any_of(options.begin(), options.end(), [&](const auto& o) { return o.kind == kind; });
}

std::vector<const ScaleOption*> Scale::value_options() const
{
  std::vector<const ScaleOption*> out;
  for (const auto& option : options) {
    if (option.kind == OptionKind::value) {
      out.push_back(&option);
    }
  }
  return out;
}

std::optional<std::size_t> Ladder::stage_index(const std::string& stage_id) const
{
  for (std::size_t i = 0; i < stages.size(); ++i) {
    if (stages[i].id == stage_id) {
      return i;
    }
  }
  return std::nullopt;
}

const Scale* Questionnaire::find_scale(const std::string& wanted) const
{
  return find_by_id(scales, wanted);
}

const Dimension* Questionnaire::find_dimension(const std::string& wanted) const
{
  return find_by_id(dimensions, wanted);
}

const Question* Questionnaire::find_question(const std::string& wanted) const
{
  return find_by_id(questions, wanted);
}

const Ladder* Questionnaire::find_ladder(const std::string& wanted) const
{
  return find_by_id(ladders, wanted);
}

const Finding* Questionnaire::find_finding(const std::string& wanted) const
{
  return find_by_id(findings, wanted);
}

const Source* Questionnaire::find_source(const std::string& wanted) const
{
  return find_by_id(sources, wanted);
}

std::string Questionnaire::cite(const std::string& field) const
{
  // A `source:` field names one work or several, separated by commas.
  std::string out;
  std::size_t start = 0;
  while (start <= field.size()) {
    std::size_t end = field.find(',', start);
    if (end == std::string::npos) {
      end = field.size();
    }
    std::string part = field.substr(start, end - start);
    const auto first = part.find_first_not_of(" \t\n");
    const auto last = part.find_last_not_of(" \t\n");
    part = first == std::string::npos ? std::string() : part.substr(first, last - first + 1);
    if (!part.empty()) {
      std::string text = part;
      if (const Source* work = find_source(part)) {
        const std::string name = work->titled ? fmt::format("\"{}\"", work->title) : work->title;
        text = work->author.empty() ? name : fmt::format("{}, {}", work->author, name);
        if (!work->year.empty()) {
          text += fmt::format(" ({})", work->year);
        }
      }
      out += out.empty() ? text : "; " + text;
    }
    start = end + 1;
  }
  return out;
}

} // namespace centricity::bank
