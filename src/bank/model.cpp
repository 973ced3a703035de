#include <centricity/bank/model.hpp>

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

} // namespace centricity::bank
