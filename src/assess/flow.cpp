#include <centricity/assess/flow.hpp>

#include <algorithm>

namespace centricity::assess {

IntroView make_intro_view(const Session& session, const std::string& answers_path)
{
  const auto& bank = session.bank();
  IntroView view;
  view.title = bank.title;
  view.description = bank.description;
  view.questions = bank.questions.size();
  view.sections = session.sections().size();
  view.answered = session.answered_count();
  view.seen = session.seen_count();
  view.start = session.resume_position() + 1;
  view.seconds = seconds_left(session, Pace{});
  view.answers_path = answers_path;
  return view;
}

QuestionView make_question_view(const Session& session, const Pace& pace, std::string notice)
{
  QuestionView view;
  view.bank_title = session.bank().title;
  view.question = &session.question();
  view.scale = &session.scale();
  view.options = option_rows(session.scale(), session.answer());
  view.current_row = view.options.size();
  for (std::size_t r = 0; r < view.options.size(); ++r) {
    if (view.options[r].current) {
      view.current_row = r;
    }
  }
  view.answer = answer_label(session.scale(), session.answer());
  view.skipped =
    session.seen()[session.position()] && session.answer().kind == answers::AnswerKind::missing;
  view.show_help = session.help_visible();
  view.progress = session.progress();
  view.seconds_left = seconds_left(session, pace);
  view.notice = std::move(notice);
  return view;
}

EndView make_end_view(const Session& session, const std::string& answers_path, std::string notice)
{
  EndView view;
  view.total = session.bank().questions.size();
  for (const auto& answer : session.response().answers) {
    switch (answer.kind) {
    case answers::AnswerKind::value:
      ++view.answered;
      break;
    case answers::AnswerKind::not_applicable:
      ++view.not_applicable;
      break;
    case answers::AnswerKind::dont_know:
      ++view.dont_know;
      break;
    case answers::AnswerKind::missing:
      ++view.skipped;
      break;
    }
  }
  view.answers_path = answers_path;
  view.notice = std::move(notice);
  return view;
}

bool run_session(Session& session, Prompter& prompter, const RunHooks& hooks)
{
  Pace pace;
  std::string notice;
  if (session.at_intro()) {
    if (hooks.show_intro) {
      const Action action = prompter.intro(make_intro_view(session, hooks.answers_path));
      if (action.kind == ActionKind::quit) {
        session.apply(action);
        return false;
      }
    }
    session.go_to(session.resume_position());
  }
  while (!session.finished() && !session.quit()) {
    if (session.at_end()) {
      const Action action = prompter.review(make_end_view(session, hooks.answers_path, notice));
      notice = session.apply(action).notice;
      continue;
    }
    const std::size_t position = session.position();
    const bool first_time = !session.seen()[position];
    const double shown_at = hooks.now ? hooks.now() : 0;
    const Action action = prompter.ask(make_question_view(session, pace, notice));
    const Outcome outcome = session.apply(action);
    notice = outcome.notice;
    if (outcome.changed && hooks.save) {
      hooks.save(session);
    }
    // Only first answers teach the pace: changing an answer is quicker than
    // reading a question for the first time.
    const bool answered = session.response().answers[position].kind != answers::AnswerKind::missing;
    if (hooks.now && first_time && answered && outcome.notice.empty()) {
      pace.record(question_seconds(session.bank().questions[position]), hooks.now() - shown_at);
    }
  }
  return session.finished();
}

} // namespace centricity::assess
