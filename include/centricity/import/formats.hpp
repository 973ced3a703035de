#pragma once

// Survey-platform exports, bloaty-style: one try_read_<platform>() per
// platform looks at the first records of a file and returns "not mine"
// (nullopt) or the file's layout; detect_layout() tries them in one place.
// Layout facts come from docs in ../shared/fixtures/exports/FORMATS.md.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import {

enum class Platform {
  csv, // generic: one header row whose names are question ids
  jsonl,
  google_forms,
  ms_forms,
  qualtrics,
  surveymonkey,
  typeform,
  limesurvey,
  surveyjs,
  alchemer, // Alchemer, formerly SurveyGizmo
  kobotoolbox,
};

// The --from spelling of `platform` ("google-forms").
[[nodiscard]] std::string_view platform_name(Platform platform);
// The platform named `name` (as platform_name spells it), else nullopt.
[[nodiscard]] std::optional<Platform> parse_platform(std::string_view name);
// Every --from value, comma-separated, for help and messages.
[[nodiscard]] std::string platform_names();

// What a column holds, as far as the platform layout tells.
enum class ColumnRole {
  answer,        // may be a question: mapped against the bank
  metadata,      // platform metadata (dates, IP, e-mail, points...)
  respondent_id, // the platform's response id
  status,        // Qualtrics response type (preview/test/spam)
  finished,      // Qualtrics Finished
  progress,      // Qualtrics Progress
  response_type, // Typeform completed/partial
  submit_date,   // LimeSurvey submitdate (empty: incomplete)
  completion,    // Alchemer Status (anything but Complete: incomplete)
};

struct ExportColumn {
  std::size_t index = 0;          // 0-based field position in a record
  std::string header;             // display name: the header cell (filled forward)
  std::string code;               // a platform id (Qualtrics ImportId, LimeSurvey code)
  std::vector<std::string> texts; // question wordings to match, best first
  ColumnRole role = ColumnRole::answer;
};

struct ExportLayout {
  Platform platform = Platform::csv;
  std::string variant;            // "modern", "2016", "legacy", "single-header"...
  std::size_t header_records = 1; // records before the first response
  std::vector<ExportColumn> columns;
  std::vector<std::string> notes; // layout remarks worth a warning
  bool strip_apostrophe = false;  // Typeform: "'+44..." is "+44..."
};

// The first records of a file, enough to tell platforms apart.
struct Preview {
  std::string file;
  std::vector<std::vector<std::string>> rows; // up to k_preview_rows, BOM stripped
  bool workbook = false;                      // read from an XLSX sheet
};

inline constexpr std::size_t k_preview_rows = 4;

// Each returns the layout if `preview` is that platform's export, else nullopt.
[[nodiscard]] std::optional<ExportLayout> try_read_qualtrics(const Preview& preview);
[[nodiscard]] std::optional<ExportLayout> try_read_surveymonkey(const Preview& preview);
[[nodiscard]] std::optional<ExportLayout> try_read_google_forms(const Preview& preview);
[[nodiscard]] std::optional<ExportLayout> try_read_ms_forms(const Preview& preview);
[[nodiscard]] std::optional<ExportLayout> try_read_typeform(const Preview& preview);
[[nodiscard]] std::optional<ExportLayout> try_read_limesurvey(const Preview& preview);
[[nodiscard]] std::optional<ExportLayout> try_read_alchemer(const Preview& preview);
[[nodiscard]] std::optional<ExportLayout> try_read_kobotoolbox(const Preview& preview);
// The generic CSV: accepted when `forced`, or when a header cell is one of
// `question_ids` (exactly or ignoring case). A header "name.row" whose row
// part is a question id (a flattened SurveyJS matrix) gets it as its code.
[[nodiscard]] std::optional<ExportLayout>
try_read_generic(const Preview& preview, const std::vector<std::string>& question_ids, bool forced);

// True if `text` is survey results JSON rather than an answers file: a
// response object (or an array of them, or {"responses"|"results"|"data":
// [...]}, records possibly wrapped as run_exports reads them) with neither
// an "answers" nor a "respondent" key and with a key that is one of
// `question_ids`, or an
// object value (a SurveyJS matrix) with such a key; a key may also be one
// of `question_texts` (normalised: a matrix whose rows are plain strings).
// `score` reads a .json file as an export when this holds, so SurveyJS
// results need no --from.
[[nodiscard]] bool is_survey_results_json(std::string_view text,
                                          const std::vector<std::string>& question_ids,
                                          const std::vector<std::string>& question_texts = {});

// The layout of `preview`: the platform `from` if given (throws
// centricity::Error "file 'x' is not a <platform> export" when it does not
// fit), else the first platform whose try_read_ accepts it. Throws
// "unknown export format for file 'x'" plus a hint when none does.
// `have_map`: a --map file is given, so a plain CSV is acceptable as is.
[[nodiscard]] ExportLayout detect_layout(const Preview& preview, std::optional<Platform> from,
                                         const std::vector<std::string>& question_ids,
                                         bool have_map);

// Question text normalised for matching: HTML tags and entities, curly
// quotes, dashes, "..." truncation marks, Typeform recall placeholders and
// trailing punctuation removed; case and white space folded.
[[nodiscard]] std::string normalize_text(std::string_view text);

} // namespace centricity::import
