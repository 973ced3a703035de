#include "cmd_assess.hpp"

#include "report_output.hpp"

#include <centricity/answers/bank_ref.hpp>
#include <centricity/answers/loader.hpp>
#include <centricity/assess/answers_file.hpp>
#include <centricity/assess/answers_lock.hpp>
#include <centricity/assess/flow.hpp>
#include <centricity/assess/results_screen.hpp>
#include <centricity/assess/terminal.hpp>
#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/report/render.hpp>
#include <centricity/score/assessment.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

namespace centricity::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* k_default_answers = "centricity-answers.yaml";
constexpr const char* k_default_report = "centricity-report.md";
// `q` (or Ctrl-D) on a question: the person chose to stop, which is neither
// success (no report was written) nor an interrupt (no signal came).
constexpr int k_exit_paused = 5;

struct AssessOptions {
  std::string bank = bank::k_default_bank;
  std::string answers = k_default_answers;
  bool resume = false;
  std::vector<std::string> targets;
  std::string respondent;
  std::string role;
  std::string output = k_default_report;
  std::string to; // --to: md or html
  report::Format format = report::Format::markdown;
  bool quiet = false;
  bool answers_given = false; // --answers was on the command line
  bool output_given = false;  // -o was on the command line
  bool bank_given = false;    // --bank was on the command line
};

// `word` quoted for a POSIX shell when it needs it, for commands we print.
std::string shell_word(const std::string& word)
{
  const bool plain = !word.empty()
                     && word.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                               "0123456789-_./:=+@%,")
                          == std::string::npos;
  if (plain) {
    return word;
  }
  std::string out = "'";
  for (const char c : word) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// The command that continues this assessment: the answers file names its
// bank, so the file is all it needs, unless it was written before the bank
// was recorded (`with_bank`).
std::string resume_command(const AssessOptions& options, bool with_bank = false)
{
  std::string command = "centricity assess";
  if (with_bank) {
    command += " --bank " + shell_word(options.bank);
  }
  if (options.answers != k_default_answers) {
    command += " --answers " + shell_word(options.answers);
  }
  return command + " --resume";
}

// The bank file to use: --bank, else the one the answers file records (when
// it is read), else the default bank.
std::string choose_bank(const AssessOptions& options, const std::vector<answers::BankRef>& refs)
{
  if (options.bank_given || refs.empty()) {
    return bank::resolve_bank(options.bank);
  }
  return answers::recorded_bank(refs);
}

// How the answers file records `bank_path`: "" for a bundled bank (its id
// and version say it all), else the path from the answers file's folder.
std::string bank_path_to_record(const std::string& bank_path, const std::string& answers_path)
{
  for (const auto& bundled : bank::bundled_banks()) {
    if (bundled.path == bank_path) {
      return {};
    }
  }
  return answers::recorded_path(bank_path, answers_path);
}

// Where the Result goes: beside the report, with the extension .json.
std::string result_path(const std::string& report_path)
{
  return fs::path(report_path).replace_extension(".json").string();
}

// The report's format by the one rule (--to, else the extension of -o),
// and the default report name that goes with it.
void choose_output(AssessOptions& options)
{
  if (options.output != "-" && fs::path(options.output).extension() == ".json") {
    throw Error(fmt::format("-o {}: name the report (.md or .html); the Result is written beside "
                            "it as .json",
                            options.output),
                ExitCode::usage);
  }
  options.format =
    choose_format("assess", options.to, options.output_given ? options.output : "",
                  {report::Format::markdown, report::Format::html}, report::Format::markdown);
  if (!options.output_given && options.format == report::Format::html) {
    options.output = fs::path(k_default_report).replace_extension(".html").string();
  }
}

void check_paths(const AssessOptions& options, const std::string& bank_path)
{
  for (const auto& output : {options.output, result_path(options.output)}) {
    if (options.output != "-"
        && (util::same_file(output, options.answers)
            || fs::path(output) == fs::path(options.answers))) {
      throw Error(fmt::format("the report '{}' would overwrite the answers file", output),
                  ExitCode::usage);
    }
  }
  if (util::same_file(options.answers, bank_path)) {
    throw Error(fmt::format("--answers {}: that is the bank itself", options.answers),
                ExitCode::usage);
  }
}

// Scores, writes the report and the Result, prints the summary.
int finish(const score::CompiledBank& bank, const answers::Response& response,
           const std::vector<score::Target>& targets, const AssessOptions& options)
{
  const auto result = assess::score_response(bank, response, targets, generated_at(""));
  std::ostringstream report_text;
  report::render(result, options.format, report_text);
  if (options.output == "-") {
    util::write_file_atomic("-", report_text.str());
    return static_cast<int>(ExitCode::ok);
  }
  const std::string json_path = result_path(options.output);
  util::write_file_atomic(options.output, report_text.str());
  util::write_file_atomic(json_path, result.dump(2) + "\n");
  if (options.quiet) {
    return static_cast<int>(ExitCode::ok);
  }
  const assess::Style style = assess::terminal_style(STDOUT_FILENO);
  std::string out = assess::render_summary(result, style);
  out +=
    fmt::format("\n  The full report is in {}, the Result in {}.\n", options.output, json_path);
  util::write_file_atomic("-", out);
  return static_cast<int>(ExitCode::ok);
}

// What to tell someone who stopped before the end.
std::string stopped_message(const assess::Session& session, const AssessOptions& options,
                            bool saved)
{
  const std::size_t answered = session.answered_count();
  if (!saved && answered == 0) {
    return "Nothing answered, nothing saved.\n";
  }
  return fmt::format("{} of {} questions answered; every answer is saved in {}.\nContinue with: "
                     "{}\n",
                     answered, session.bank().questions.size(), options.answers,
                     resume_command(options));
}

int run_assess(AssessOptions& options)
{
  choose_output(options);
  const bool stdin_tty = ::isatty(STDIN_FILENO) == 1;
  const int screen_fd = ::isatty(STDOUT_FILENO) == 1   ? STDOUT_FILENO
                        : ::isatty(STDERR_FILENO) == 1 ? STDERR_FILENO
                                                       : -1;
  const bool interactive = stdin_tty && screen_fd >= 0;
  std::error_code ec;
  // No terminal and a finished answers file: just score it.
  const bool may_score_only = !interactive && options.answers_given && !options.resume;
  // Any other run writes the answers file: one session per file. The lock
  // comes before anything is read, so what is read is not changing.
  std::optional<assess::AnswersLock> lock;
  if (!may_score_only || !fs::exists(options.answers, ec)) {
    lock.emplace(options.answers);
  }
  const bool exists = fs::exists(options.answers, ec);
  const bool score_only = may_score_only && exists;

  // The answers file, when it is read, says which bank it answers.
  std::optional<answers::AnswersText> text;
  std::vector<answers::BankRef> refs;
  if (exists) {
    auto files = answers::read_answers_files({options.answers});
    text = std::move(files.front());
    if (!text->text && (options.resume || score_only)) {
      throw Error(fmt::format("cannot {} '{}': {}", options.resume ? "resume from" : "read",
                              options.answers, text->error),
                  ExitCode::data);
    }
    if (text->text) {
      refs = answers::read_bank_refs(*text->text, options.answers);
    }
  }
  if (exists && !options.resume && !score_only) {
    throw Error(fmt::format("'{}' already holds answers; continue them with '{}', or start "
                            "afresh with --answers NEW-FILE",
                            options.answers,
                            resume_command(options, refs.empty() && options.bank_given)),
                ExitCode::usage);
  }
  if (!exists && options.resume) {
    throw Error(fmt::format("nothing to resume: '{}' does not exist (start a new assessment "
                            "without --resume, or name the file with --answers)",
                            options.answers),
                ExitCode::usage);
  }

  const std::string bank_path = choose_bank(options, refs);
  check_paths(options, bank_path);
  const score::CompiledBank bank(bank::load_valid_bank(bank_path));
  util::Diagnostics notes;
  answers::check_bank_refs(bank.bank(), refs, options.bank_given ? options.bank : "", notes);
  for (const auto& note : notes.all()) {
    if (!options.quiet) {
      std::cerr << util::format_diagnostic(note) << "\n";
    }
  }
  const auto targets = score::resolve_targets(bank, options.targets);
  const auto& questionnaire = bank.bank();

  if (score_only) {
    const auto loaded = answers::parse_answers_files({*text}, questionnaire);
    for (const auto& diagnostic : loaded.diagnostics.all()) {
      std::cerr << util::format_diagnostic(diagnostic, loaded.sources);
    }
    if (loaded.diagnostics.has_errors() || loaded.responses.size() != 1) {
      throw Error(fmt::format("'{}' is not the answers of one respondent; nothing was scored",
                              options.answers));
    }
    return finish(bank, loaded.responses.front(), targets, options);
  }
  assess::SavedAnswers saved;
  if (options.resume) {
    saved = assess::parse_saved_answers(*text->text, options.answers, questionnaire);
  } else {
    saved.response.answers.assign(questionnaire.questions.size(), answers::Answer{});
  }
  if (!options.respondent.empty()) {
    saved.response.respondent = options.respondent;
  }
  assess::Session session(questionnaire, std::move(saved.response), std::move(saved.seen));
  if (!options.role.empty()) {
    session.set_field("role", options.role);
  }
  const std::string recorded = bank_path_to_record(bank_path, options.answers);

  bool wrote = options.resume;
  assess::RunHooks hooks;
  hooks.answers_path = options.answers;
  hooks.save = [&](const assess::Session& s) {
    assess::save_answers(options.answers, s.bank(), s.response(), s.seen(), recorded);
    wrote = true;
  };
  hooks.now = [] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
  };
  if (options.resume && (!options.respondent.empty() || !options.role.empty())) {
    hooks.save(session); // the new name or role, even if nothing else changes
  }

  bool finished = false;
  std::size_t lines = 0;
  try {
    assess::SignalWatch signals;
    if (interactive) {
      assess::TerminalPrompter prompter(STDIN_FILENO, screen_fd, signals);
      finished = assess::run_session(session, prompter, hooks);
    } else {
      assess::LinePrompter prompter(STDIN_FILENO, signals, "<stdin>");
      hooks.show_intro = false;
      finished = assess::run_session(session, prompter, hooks);
      lines = prompter.lines_read();
    }
  } catch (const assess::Interrupted& e) {
    if (!options.quiet) {
      std::cerr << fmt::format("centricity: {}\n{}", e.what(),
                               stopped_message(session, options, wrote));
    }
    return static_cast<int>(ExitCode::interrupted);
  }
  if (!finished) {
    if (!options.quiet) {
      std::cerr << stopped_message(session, options, wrote);
    }
    return k_exit_paused;
  }
  if (!interactive && lines == 0 && !options.resume) {
    // An empty pipe is a mistake, not an assessment with every question skipped.
    throw Error("no answers on standard input: pipe one answer per line in question order, or "
                "run 'centricity assess' in a terminal",
                ExitCode::usage);
  }
  if (!interactive && session.position() < questionnaire.questions.size() && !options.quiet) {
    const std::size_t first = session.position() + 1;
    const std::size_t last = questionnaire.questions.size();
    std::cerr << fmt::format("centricity: input ended after {} line{}: {} left unanswered\n", lines,
                             lines == 1 ? "" : "s",
                             first == last ? fmt::format("question {} is", first)
                                           : fmt::format("questions {} to {} are", first, last));
  }
  return finish(bank, session.response(), targets, options);
}

} // namespace

Command setup_assess(CLI::App& app)
{
  auto options = std::make_shared<AssessOptions>();
  CLI::App* sub = app.add_subcommand(
    "assess", "Take the self-assessment in the terminal, one question at a time");
  CLI::Option* bank_option =
    sub
      ->add_option("-b,--bank", options->bank,
                   "The question bank: a file or a bundled bank id (with --resume: the one the "
                   "answers file names)")
      ->capture_default_str();
  CLI::Option* answers =
    sub
      ->add_option("-a,--answers", options->answers,
                   "The answers file, saved after every answer (YAML; re-score it with "
                   "'centricity score')")
      ->capture_default_str();
  sub->add_flag("-r,--resume", options->resume,
                "Continue the answers file at the first question not answered yet");
  sub->add_option("-t,--target", options->targets,
                  "The stage to aim for: STAGE, or LADDER:STAGE (repeatable; default: the bank's)");
  sub->add_option("--respondent", options->respondent, "Your name, written into the answers file");
  sub->add_option(
    "--role", options->role,
    "Your role (e.g. Executive), written into the answers file for group comparisons");
  CLI::Option* output =
    sub
      ->add_option("-o,--output", options->output,
                   "Write the report here ('-' for standard output); the Result goes beside it "
                   "as .json")
      ->capture_default_str();
  sub->add_option("--to,--format", options->to,
                  "md or html (default: by the extension of -o; md, as centricity-report.md)");
  sub->add_flag("-q,--quiet", options->quiet,
                "Print errors only: no results summary, notes or how to continue");
  sub->footer(
    examples({"centricity assess", "centricity assess --resume",
              "centricity assess --respondent Alice --role Executive -o alice.md",
              "centricity assess --bank five-step-journey --answers journey.yaml",
              "printf '4\\n5\\n\\nN/A\\n' | centricity assess --bank my-bank.yaml",
              "centricity assess --answers done.yaml < /dev/null   # no terminal: just score"})
    + "\nKeys: 1-9 answer, arrows and Enter, b or left: back, s or right: skip, n: not "
      "applicable,\n"
      "d: don't know, ?: why this question matters, q: save and quit. Without a terminal, one\n"
      "answer per line in question order (a number, a label, or empty to skip).\n"
      "\nExit status: 0 finished and the report written, 2 usage error, 3 invalid bank or "
      "answers,\n"
      "4 a file could not be written, 5 you stopped with q before the end, 130 interrupted\n"
      "(Ctrl-C, SIGTERM, SIGHUP); every answer given is saved either way. See 'man centricity'.\n");
  return {sub, [options, answers, bank_option, output] {
            options->answers_given = answers->count() > 0;
            options->output_given = output->count() > 0;
            options->bank_given = bank_option->count() > 0;
            return run_assess(*options);
          }};
}

} // namespace centricity::cli
