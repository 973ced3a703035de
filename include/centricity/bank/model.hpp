#pragma once

// The in-memory model of a question bank (a "Questionnaire"): what the loader
// produces from YAML or JSON and what scoring, assessment and reports consume.
// Every entity keeps the position it was read from, so later checks can point
// at the exact place in the user's file.

#include <centricity/util/diagnostics.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace centricity::bank {

// What an option on a scale means beyond its value.
enum class OptionKind {
  value,          // an ordinary answer with a numeric `value`
  not_applicable, // "not applicable": excluded from scoring
  dont_know,      // "don't know": excluded from scoring, counted separately
};

// One answer option of a scale. `value` is meaningful only for
// OptionKind::value; `aliases` are other spellings that map to this option
// (e.g. "5 - Strongly agree" exported by a survey platform).
struct ScaleOption {
  OptionKind kind = OptionKind::value;
  double value = 0;
  std::string label;
  std::vector<std::string> aliases;
  // On the scale of a choice question (Question::target_of): the id of the
  // stage this option chooses as the ladder's target.
  std::string stage;
  util::SourceLoc loc;
  util::SourceLoc stage_loc;
};

// A numeric scale as written, `range: [min, max]` with `step`: the loader
// expands it into the value options min, min + step, ..., max, each labelled
// with its number, ahead of the scale's special options.
struct ScaleRange {
  double min = 0;
  double max = 0;
  double step = 1;
  util::SourceLoc loc;

  // In words: "0 to 100", "0 to 10 in steps of 0.5".
  [[nodiscard]] std::string text() const;
};

// An answer scale. `min` and `max` are the smallest and largest values among
// its value options; a value v normalises to 100 * (v - min) / (max - min).
struct Scale {
  std::string id;
  std::string title;
  std::vector<ScaleOption> options; // in display order
  double min = 0;
  double max = 0;
  // Set when the bank wrote `range` (even a broken one, so that no second
  // error says the scale lacks options).
  std::optional<ScaleRange> range;
  util::SourceLoc loc;

  // True if the scale has a not-applicable or a don't-know option.
  [[nodiscard]] bool allows(OptionKind kind) const;
  // The value options only, in display order.
  [[nodiscard]] std::vector<const ScaleOption*> value_options() const;
};

// A scored dimension. `min_answered` is how many of its questions must be
// answered (not skipped, N/A or don't know) for the dimension to have a score.
// `pass_mark`, when set, makes the dimension a pass/fail check (score >= mark)
// and brings a dimension that gates no stage into the next steps.
struct Dimension {
  std::string id;
  std::string title;
  std::string description;
  std::size_t min_answered = 1;
  bool min_answered_explicit = false; // false: the loader derived the default
  std::optional<double> pass_mark;
  std::string source;
  util::SourceLoc loc;
};

enum class QuestionKind {
  practice,      // what demonstrably happens
  belief,        // what people believe or claim: professed commitment
  misconception, // a mistaken view to disagree with (always reverse-keyed)
};

// A question. A scored question belongs to a dimension. A choice question
// (`target_of` set) belongs to none: its answer, an option naming a stage,
// records the stage the organisation has chosen as that ladder's target.
struct Question {
  std::string id;
  std::string text;
  std::string help;
  std::string dimension; // Dimension::id; empty for a choice question
  std::string scale;     // Scale::id
  double weight = 1;
  bool reverse = false;
  QuestionKind kind = QuestionKind::practice;
  // kind belief: the dimension whose practice this belief professes, for the
  // say-do gap; empty: its own dimension.
  std::string says;
  std::string target_of; // Ladder::id of a choice question
  std::string source;
  util::SourceLoc loc;
  util::SourceLoc dimension_loc;
  util::SourceLoc scale_loc;
  util::SourceLoc says_loc;
  util::SourceLoc target_of_loc;

  [[nodiscard]] bool is_choice() const { return !target_of.empty(); }
};

// One criterion of a stage: either a threshold on a dimension score (0-100,
// met when score >= threshold) or a minimum stage reached on another ladder.
struct Criterion {
  enum class Kind { dimension, ladder_stage };
  Kind kind = Kind::dimension;
  std::string dimension; // Kind::dimension
  double threshold = 0;  // Kind::dimension, 0-100
  std::string ladder;    // Kind::ladder_stage
  std::string stage;     // Kind::ladder_stage: Stage::id on `ladder`
  util::SourceLoc loc;
  util::SourceLoc ref_loc;   // where the dimension or ladder id was written
  util::SourceLoc stage_loc; // where the stage id was written
};

struct Stage {
  std::string id;
  std::string title;
  std::string description;
  std::vector<Criterion> criteria; // all must hold; empty for the base stage
  util::SourceLoc loc;
};

// An ordered, gated sequence of stages: stage k counts only when its criteria
// and those of every stage below it hold. stages[0] is the starting point.
struct Ladder {
  std::string id;
  std::string title;
  std::string description;
  std::vector<Stage> stages;
  std::string target; // Stage::id the organisation aims for; empty if unset
  util::SourceLoc loc;
  util::SourceLoc target_loc;

  // Index of the stage with id `stage_id`, or nullopt.
  [[nodiscard]] std::optional<std::size_t> stage_index(const std::string& stage_id) const;
};

// A next step. It applies to a dimension whose score lies in [band_min,
// band_max) (band_max == 100 includes 100), to a stage of a ladder when that
// stage is the next one to reach (or lies between the current and the
// target), or to a finding when the finding holds.
struct Recommendation {
  enum class Kind { dimension, stage, finding };
  std::string id;
  Kind kind = Kind::dimension;
  std::string dimension; // Kind::dimension
  std::string ladder;    // Kind::stage
  std::string stage;     // Kind::stage
  std::string finding;   // Kind::finding: Finding::id
  double band_min = 0;
  double band_max = 100;
  std::string text;
  std::string owner; // who leads it ("the CEO", "HR"); empty if unsaid
  int effort = 3;    // 1 (about a week) .. 5 (a year or more); see bank-format.md
  std::string source;
  util::SourceLoc loc;
  util::SourceLoc ref_loc;   // where the dimension, ladder or finding id was written
  util::SourceLoc stage_loc; // where the stage id was written
};

// One test of a finding's condition. Kind::dimension and Kind::question test
// a score (a dimension's score, a question's 0-100 item score, for the
// organisation their mean): `at_least` and/or `below`. Kind::ladder tests the
// stage reached: at least `reached`, or below `below_stage`.
struct Condition {
  enum class Kind { dimension, question, ladder };
  Kind kind = Kind::dimension;
  std::string ref; // the dimension, question or ladder id
  std::optional<double> at_least;
  std::optional<double> below;
  std::string reached;     // Kind::ladder
  std::string below_stage; // Kind::ladder
  util::SourceLoc loc;
  util::SourceLoc ref_loc;
};

// A pattern worth naming (for example "systems bought before behaviour
// changed"): it holds when every entry of `when` holds, an entry being one
// condition or any of several (`any`).
struct Finding {
  enum class Severity { high, medium, low };
  std::string id;
  std::string title;
  std::string message; // what it means, shown when it holds
  Severity severity = Severity::medium;
  std::vector<std::vector<Condition>> when; // all entries; each: any of its conditions
  std::string source;
  util::SourceLoc loc;
};

// "high", "medium" or "low".
[[nodiscard]] const char* severity_name(Finding::Severity severity);

// A work the bank draws on, so a `source:` field can name it by id and
// reports cite it by author and title rather than by file name.
struct Source {
  std::string id;
  std::string author; // may be empty when unknown
  std::string title;  // the work's title, or a description when it has none
  bool titled = true; // false: `title` describes an untitled work
  std::string year;
  std::string url;
  util::SourceLoc loc;
};

// How long a recommendation's `effort` (1-5) takes, in words: "about a
// week", "about a month", "about a quarter", "about half a year", "a year or
// more" (anything above 4).
[[nodiscard]] const char* effort_label(int effort);

// A fully resolved bank: includes expanded (included content first, in
// `include:` order), defaults filled in.
struct Questionnaire {
  std::string id;
  std::string title;
  std::string version;
  std::string language = "en";
  std::string description;
  std::string source;
  std::string path;                  // the file it was loaded from
  std::vector<std::string> includes; // resolved paths of included banks
  std::vector<Scale> scales;
  std::vector<Dimension> dimensions;
  std::vector<Question> questions;
  std::vector<Ladder> ladders;
  std::vector<Recommendation> recommendations;
  std::vector<Finding> findings;
  std::vector<Source> sources;
  // The ladder the report leads with (its next step comes first); empty: the
  // first ladder.
  std::string headline;
  util::SourceLoc headline_loc;

  // Lookups by id; nullptr when absent.
  [[nodiscard]] const Scale* find_scale(const std::string& wanted) const;
  [[nodiscard]] const Dimension* find_dimension(const std::string& wanted) const;
  [[nodiscard]] const Question* find_question(const std::string& wanted) const;
  [[nodiscard]] const Ladder* find_ladder(const std::string& wanted) const;
  [[nodiscard]] const Finding* find_finding(const std::string& wanted) const;
  [[nodiscard]] const Source* find_source(const std::string& wanted) const;
  // `field` (a `source:` field) as readers should see it: the works it
  // names by id cited by author and title ("Don Peppers, \"So You Think
  // You're Customer-Centric, Huh?\""), anything else as written.
  [[nodiscard]] std::string cite(const std::string& field) const;
};

} // namespace centricity::bank
