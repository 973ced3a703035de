#include <centricity/answers/matcher.hpp>
#include <centricity/assess/prompter.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <charconv>
#include <csignal>

namespace centricity::assess {

std::vector<OptionRow> option_rows(const bank::Scale& scale, const answers::Answer& answer)
{
  std::vector<OptionRow> rows;
  std::size_t number = 0;
  for (std::size_t i = 0; i < scale.options.size(); ++i) {
    const auto& option = scale.options[i];
    if (scale.range && option.kind == bank::OptionKind::value) {
      continue;
    }
    OptionRow row;
    row.option = i;
    row.label = option.label;
    switch (option.kind) {
    case bank::OptionKind::value:
      // Number keys only go to 9; larger scales are chosen with the arrows.
      ++number;
      row.key = number <= 9 ? std::to_string(number) : std::string();
      break;
    case bank::OptionKind::not_applicable:
      row.key = "n";
      break;
    case bank::OptionKind::dont_know:
      row.key = "d";
      break;
    }
    row.current = answer.kind != answers::AnswerKind::missing && answer.option == i;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<std::size_t> typed_option(const bank::Scale& scale, std::string_view text,
                                        std::string& error)
{
  const std::string_view number = util::trim(text);
  const std::string range = scale.range ? scale.range->text() : std::string();
  double value = 0;
  const auto [end, ec] =
    std::from_chars(number.data(), number.data() + number.size(), value, std::chars_format::fixed);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size()) {
    error = fmt::format("'{}' is not a number from {}", util::escape_invisible(number), range);
    return std::nullopt;
  }
  if (const auto option = answers::OptionMatcher(scale).match_value(value).option) {
    return option;
  }
  error = fmt::format("{} is not a number from {}", util::format_number(value), range);
  return std::nullopt;
}

namespace {

std::string signal_message(int signal_number)
{
  switch (signal_number) {
  case SIGINT:
    return "interrupted (Ctrl-C)";
  case SIGTERM:
    return "interrupted (SIGTERM)";
  case SIGHUP:
    return "interrupted (the terminal was closed)";
  default:
    return fmt::format("interrupted (signal {})", signal_number);
  }
}

} // namespace

Interrupted::Interrupted(int signal_number)
  : Error(signal_message(signal_number), ExitCode::interrupted)
  , m_signal(signal_number)
{
}

ScriptedPrompter::ScriptedPrompter(std::vector<Step> steps)
  : m_steps(std::move(steps))
{
}

Action ScriptedPrompter::next()
{
  if (m_next >= m_steps.size()) {
    return {ActionKind::quit, 0};
  }
  const Step& step = m_steps[m_next++];
  if (step.signal_number != 0) {
    throw Interrupted(step.signal_number);
  }
  return step.action;
}

Action ScriptedPrompter::intro(const IntroView& view)
{
  m_intro = view;
  m_shown.push_back({Shown::Screen::intro, {}, false, {}, {}, {}, {}, view.seconds});
  return next();
}

Action ScriptedPrompter::ask(const QuestionView& view)
{
  Shown shown;
  shown.screen = Shown::Screen::question;
  shown.question = view.question->id;
  shown.show_help = view.show_help;
  shown.help = view.show_help ? view.question->help : std::string();
  shown.notice = view.notice;
  shown.answer = view.answer;
  shown.progress = view.progress;
  shown.seconds_left = view.seconds_left;
  m_shown.push_back(std::move(shown));
  if (m_next < m_steps.size() && !m_steps[m_next].typed.empty()) {
    // Resolve the number as the terminal does on Enter; a number not on
    // the scale picks an option that does not exist, refused by the session.
    std::string error;
    const auto option = typed_option(*view.scale, m_steps[m_next++].typed, error);
    return {ActionKind::choose, option.value_or(view.scale->options.size())};
  }
  const bool keyed = m_next < m_steps.size() && !m_steps[m_next].key.empty();
  if (keyed) {
    // Resolve the key against the screen, as a keypress would be.
    const std::string key = m_steps[m_next++].key;
    for (const auto& row : view.options) {
      if (row.key == key) {
        return {ActionKind::choose, row.option};
      }
    }
    // A key that is not on the screen picks an option that does not exist,
    // which the session refuses with a notice.
    return {ActionKind::choose, view.options.size()};
  }
  return next();
}

Action ScriptedPrompter::review(const EndView& view)
{
  m_end = view;
  Shown shown;
  shown.screen = Shown::Screen::end;
  shown.notice = view.notice;
  m_shown.push_back(std::move(shown));
  return next();
}

ScriptedPrompter::Step pick(std::size_t number)
{
  ScriptedPrompter::Step step;
  step.key = std::to_string(number);
  return step;
}

ScriptedPrompter::Step type(std::string number)
{
  ScriptedPrompter::Step step;
  step.typed = std::move(number);
  return step;
}

ScriptedPrompter::Step act(ActionKind kind)
{
  ScriptedPrompter::Step step;
  step.action.kind = kind;
  return step;
}

ScriptedPrompter::Step signal_step(int signal_number)
{
  ScriptedPrompter::Step step;
  step.signal_number = signal_number;
  return step;
}

} // namespace centricity::assess
