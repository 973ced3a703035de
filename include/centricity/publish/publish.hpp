#pragma once

// `centricity publish`: a bank written as a survey definition that a survey
// platform imports (or, for `html`, a page that is the survey), so answers
// come back as exports `score` reads with no mapping. One entry point
// dispatching to a writer per platform, like report::render.

#include <centricity/bank/model.hpp>
#include <centricity/publish/survey.hpp>
#include <centricity/util/diagnostics.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::publish {

enum class Target {
  qualtrics,    // a .qsf survey file; export tags are question ids
  limesurvey,   // the tab-separated survey structure (.txt)
  surveyjs,     // a SurveyJS survey JSON
  google_forms, // a Google Apps Script creating the form
  html,         // one self-contained offline page that saves an answers file
};

// The --to spelling of `target` ("google-forms").
[[nodiscard]] std::string_view target_name(Target target);
// The target named `name`, else nullopt.
[[nodiscard]] std::optional<Target> parse_target(std::string_view name);
// Every --to value, comma-separated, for help and messages.
[[nodiscard]] std::string target_names();
// The usual file extension of `target`'s output, with its dot (".qsf").
[[nodiscard]] std::string_view target_extension(Target target);
// True if `target` shows questions sharing a scale as one grid (matrix).
[[nodiscard]] bool has_grids(Target target);

// A bank feature a platform cannot represent as the bank has it, at the
// bank position concerned.
struct Limitation {
  enum class Kind {
    grid_help,     // help texts of questions in a grid, whose rows have none
    same_text,     // a question text shared by two questions, where exports name columns by text
    brackets,      // square brackets in a grid row, where exports name columns "title [row]"
    range_special, // a special option on a range entered as a number (slider, number field)
  };
  Kind kind = Kind::grid_help;
  util::SourceLoc loc;
  std::string message; // a full sentence naming the platform and the questions
};

// The bank features `target` cannot represent, in bank order; empty for
// html, which shows everything.
[[nodiscard]] std::vector<Limitation> limitations(const bank::Questionnaire& bank, Target target);

// One line per kind of limitation in `limits` (as limitations() returned
// them for `target`), with how many places it concerns, for `publish`.
[[nodiscard]] std::vector<std::string> summarize_limitations(const std::vector<Limitation>& limits,
                                                             Target target);

// The survey definition for `target`: `bank` laid out with plan_survey()
// (grids where the platform has them) and group questions `ask`. Throws
// centricity::Error (ExitCode::data) when the bank cannot be published
// there (e.g. two questions left with one LimeSurvey code).
[[nodiscard]] std::string publish(const bank::Questionnaire& bank, Target target,
                                  const std::vector<GroupQuestion>& ask);

} // namespace centricity::publish
