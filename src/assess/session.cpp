#include <centricity/assess/session.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace centricity::assess {

namespace {

std::string special_name(bank::OptionKind kind)
{
  return kind == bank::OptionKind::not_applicable ? "Not applicable" : "Don't know";
}

} // namespace

Session::Session(const bank::Questionnaire& bank, answers::Response response,
                 std::vector<bool> seen)
  : m_bank(&bank)
  , m_response(std::move(response))
  , m_seen(std::move(seen))
{
  const std::size_t count = bank.questions.size();
  if (m_response.answers.size() != count) {
    throw Error(
      fmt::format("internal error: {} answers for {} questions", m_response.answers.size(), count));
  }
  m_seen.resize(count, false);
  // An answer counts as seen even if the file did not say so.
  for (std::size_t q = 0; q < count; ++q) {
    if (m_response.answers[q].kind != answers::AnswerKind::missing) {
      m_seen[q] = true;
    }
  }
  m_scale_of.reserve(count);
  for (const auto& question : bank.questions) {
    const auto it = std::find_if(bank.scales.begin(), bank.scales.end(),
                                 [&](const bank::Scale& s) { return s.id == question.scale; });
    if (it == bank.scales.end()) {
      throw Error(fmt::format("question '{}' has no scale '{}'", question.id, question.scale));
    }
    m_scale_of.push_back(static_cast<std::size_t>(it - bank.scales.begin()));
  }
  // Sections are runs of one dimension in question order, so the screen title
  // changes exactly when the subject does.
  m_section_of.reserve(count);
  for (std::size_t q = 0; q < count; ++q) {
    const auto& id = bank.questions[q].dimension;
    const auto dimension = std::find_if(bank.dimensions.begin(), bank.dimensions.end(),
                                        [&](const bank::Dimension& d) { return d.id == id; });
    const auto d = static_cast<std::size_t>(dimension - bank.dimensions.begin());
    if (m_sections.empty() || m_sections.back().dimension != d) {
      m_sections.push_back({d, q, 0});
    }
    ++m_sections.back().count;
    m_section_of.push_back(m_sections.size() - 1);
  }
}

const bank::Question& Session::question() const
{
  return m_bank->questions.at(m_position);
}

const bank::Scale& Session::scale() const
{
  return m_bank->scales[m_scale_of.at(m_position)];
}

void Session::go_to(std::size_t index)
{
  m_position = std::min(index, m_response.answers.size());
  m_intro = false;
  m_help = false;
}

std::size_t Session::resume_position() const
{
  const auto never = std::find(m_seen.begin(), m_seen.end(), false);
  if (never != m_seen.end()) {
    return static_cast<std::size_t>(never - m_seen.begin());
  }
  return first_unanswered();
}

std::size_t Session::first_unanswered() const
{
  const auto& all = m_response.answers;
  const auto it = std::find_if(all.begin(), all.end(), [](const answers::Answer& a) {
    return a.kind == answers::AnswerKind::missing;
  });
  return static_cast<std::size_t>(it - all.begin());
}

Outcome Session::choose(std::size_t option)
{
  const bank::Scale& s = scale();
  if (option >= s.options.size()) {
    return {false, fmt::format("There is no option {} here.", option + 1)};
  }
  answers::Answer chosen;
  switch (s.options[option].kind) {
  case bank::OptionKind::value:
    chosen.kind = answers::AnswerKind::value;
    break;
  case bank::OptionKind::not_applicable:
    chosen.kind = answers::AnswerKind::not_applicable;
    break;
  case bank::OptionKind::dont_know:
    chosen.kind = answers::AnswerKind::dont_know;
    break;
  }
  chosen.option = static_cast<std::uint16_t>(option);
  answers::Answer& current = m_response.answers[m_position];
  const bool changed =
    !m_seen[m_position] || current.kind != chosen.kind || current.option != chosen.option;
  current = chosen;
  m_seen[m_position] = true;
  go_to(m_position + 1);
  return {changed, {}};
}

Outcome Session::choose_special(bank::OptionKind kind)
{
  const auto& options = scale().options;
  const auto it = std::find_if(options.begin(), options.end(),
                               [&](const bank::ScaleOption& o) { return o.kind == kind; });
  if (it == options.end()) {
    return {false, fmt::format("This question has no \"{}\" option.", special_name(kind))};
  }
  return choose(static_cast<std::size_t>(it - options.begin()));
}

Outcome Session::apply(const Action& action)
{
  if (action.kind == ActionKind::quit) {
    m_quit = true;
    return {};
  }
  if (action.kind == ActionKind::finish) {
    m_finished = true;
    return {};
  }
  if (m_intro) {
    if (action.kind == ActionKind::start) {
      go_to(0);
      return {};
    }
    return {false, "Press Enter to start."};
  }
  if (action.kind == ActionKind::first_skipped) {
    const std::size_t target = first_unanswered();
    if (target == m_response.answers.size()) {
      return {false, "Every question has an answer."};
    }
    go_to(target);
    return {};
  }
  if (action.kind == ActionKind::back) {
    if (m_position == 0) {
      return {false, "This is the first question."};
    }
    go_to(m_position - 1);
    return {};
  }
  if (at_end()) {
    return {false, "All questions are done: finish, or go back to change an answer."};
  }
  switch (action.kind) {
  case ActionKind::choose:
    return choose(action.option);
  case ActionKind::not_applicable:
    return choose_special(bank::OptionKind::not_applicable);
  case ActionKind::dont_know:
    return choose_special(bank::OptionKind::dont_know);
  case ActionKind::skip: {
    // Skipping records that the question was seen, so --resume does not
    // come back to it before the questions never reached.
    const bool changed = !m_seen[m_position];
    m_seen[m_position] = true;
    go_to(m_position + 1);
    return {changed, {}};
  }
  case ActionKind::help:
    m_help = !m_help;
    return {};
  default:
    return {};
  }
}

std::size_t Session::answered_count() const
{
  return static_cast<std::size_t>(
    std::count_if(m_response.answers.begin(), m_response.answers.end(),
                  [](const answers::Answer& a) { return a.kind != answers::AnswerKind::missing; }));
}

std::size_t Session::seen_count() const
{
  return static_cast<std::size_t>(std::count(m_seen.begin(), m_seen.end(), true));
}

std::size_t Session::section_of(std::size_t question) const
{
  return m_section_of.at(question);
}

Progress Session::progress() const
{
  Progress out;
  out.total = m_response.answers.size();
  out.seen = seen_count();
  out.answered = answered_count();
  out.sections = m_sections.size();
  if (m_position < out.total) {
    out.question = m_position + 1;
    const std::size_t s = m_section_of[m_position];
    const Section& section = m_sections[s];
    out.section = s + 1;
    out.in_section = m_position - section.first + 1;
    out.section_size = section.count;
    if (section.dimension < m_bank->dimensions.size()) {
      out.section_title = m_bank->dimensions[section.dimension].title;
    } else if (m_bank->questions[section.first].is_choice()) {
      out.section_title = "The leadership's choice"; // sets a target, is not scored
    }
  } else {
    out.question = out.total;
    out.section = out.sections;
  }
  return out;
}

void Session::set_field(const std::string& name, const std::string& value)
{
  for (auto& field : m_response.fields) {
    if (field.name == name) {
      field.value = value;
      return;
    }
  }
  m_response.fields.push_back({name, value});
}

std::string answer_label(const bank::Scale& scale, const answers::Answer& answer)
{
  if (answer.kind == answers::AnswerKind::missing || answer.option >= scale.options.size()) {
    return {};
  }
  return scale.options[answer.option].label;
}

} // namespace centricity::assess
