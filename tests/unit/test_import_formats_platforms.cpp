// The platform fixtures of tests/data/exports-small, each scored with no
// flags and the bank a user writes (platforms-bank.yaml): every respondent's
// scores are worked out here from the answers, independently of the scorer.

#include "test_import_bank.hpp"

#include <centricity/bank/loader.hpp>
#include <centricity/import/formats.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

using namespace centricity;
using namespace centricity::import;
using test::slurp;

namespace {

std::string small(const std::string& file)
{
  return std::string(CENTRICITY_TEST_DATA) + "/exports-small/" + file;
}

const score::CompiledBank& platforms_bank()
{
  static const score::CompiledBank bank(bank::load_valid_bank(small("platforms-bank.yaml")));
  return bank;
}

// One respondent's answers to listen-1, listen-2, decide-1, decide-2 (0:
// not answered), and the expected "listening,decisions" cells of the
// respondents file: item score (v - 1) / 4 * 100, decide-2 reverse-keyed,
// the dimension the mean of its answered items.
std::string expected_scores(std::array<int, 4> answers)
{
  const auto item = [&](std::size_t i) -> std::optional<double> {
    if (answers[i] == 0) {
      return std::nullopt;
    }
    const double v = i == 3 ? 6 - answers[i] : answers[i];
    return (v - 1) / 4 * 100;
  };
  const auto mean = [&](std::size_t a, std::size_t b) {
    double sum = 0;
    int n = 0;
    for (const std::size_t i : {a, b}) {
      if (const auto s = item(i)) {
        sum += *s;
        ++n;
      }
    }
    if (n == 0) {
      return std::string();
    }
    std::ostringstream out;
    out << sum / n;
    return out.str();
  };
  return mean(0, 1) + "," + mean(2, 3);
}

struct Outcome {
  ScoreRun run;
  std::string csv; // the respondents file
};

Outcome score_file(const std::string& file, ImportOptions options)
{
  // CTest runs the test cases of this file side by side: one folder each.
  const auto dir = test::import_temp_dir("platforms-" + std::to_string(::getpid()));
  options.respondents_path = (dir / "out.csv").string();
  ScoreRun run = run_exports({small(file)}, platforms_bank(), options);
  CHECK_FALSE(run.diagnostics.has_errors());
  std::string csv = slurp(dir / "out.csv");
  return {std::move(run), std::move(csv)};
}

std::vector<std::string> messages(const ScoreRun& run)
{
  std::vector<std::string> out;
  for (const auto& d : run.diagnostics.all()) {
    out.push_back(util::format_diagnostic(d));
  }
  return out;
}

// Strongly disagree .. Strongly agree as 1..5.
constexpr int SD = 1, D = 2, N = 3, A = 4, SA = 5, none = 0;

} // namespace

TEST_CASE("platform fixtures: SurveyMonkey with one header row, scored with no flags")
{
  const auto [run, csv] = score_file("surveymonkey-one-row.csv", {});
  REQUIRE(run.files.size() == 1);
  CHECK(run.files[0].platform == Platform::surveymonkey);
  CHECK(run.files[0].variant == "one header row");
  CHECK(run.files[0].rows == 4);
  CHECK(run.files[0].scored == 4);
  CHECK(csv
        == "respondent,listening,decisions\n"
           "114921307651,"
             + expected_scores({SA, A, A, D}) + "\n114921311874," + expected_scores({D, N, SD, SA})
             + "\n114921330265," + expected_scores({A, none, A, N}) + "\n114921352010,"
             + expected_scores({SD, SD, none, A}) + "\n");
  // The department and the comment box: one summary line, not one per column.
  CHECK(messages(run)
        == std::vector<std::string>{
          small("surveymonkey-one-row.csv")
          + ": note: 2 columns not mapped to a question (metadata and open-ended); --verbose "
            "lists them, --write-map writes them to a mapping"});
}

TEST_CASE("platform fixtures: Alchemer SurveyExport.csv, Partial and Disqualified left out")
{
  const auto [run, csv] = score_file("alchemer-SurveyExport.csv", {});
  REQUIRE(run.files.size() == 1);
  CHECK(run.files[0].platform == Platform::alchemer);
  CHECK(run.files[0].rows == 5);
  CHECK(run.files[0].incomplete == 2);
  CHECK(run.files[0].scored == 3);
  CHECK(csv
        == "respondent,listening,decisions\n12," + expected_scores({SA, A, A, D}) + "\n14,"
             + expected_scores({D, N, SD, SA}) + "\n16," + expected_scores({A, none, A, N}) + "\n");
  CHECK(messages(run).front()
        == small("alchemer-SurveyExport.csv")
             + ": note: excluded 2 incomplete responses (--include-incomplete keeps them)");

  ImportOptions keep;
  keep.include_incomplete = true;
  const auto [all, kept] = score_file("alchemer-SurveyExport.csv", keep);
  CHECK(all.files[0].scored == 5); // the Disqualified row answered nothing: no scores
  CHECK(kept
        == "respondent,listening,decisions\n12," + expected_scores({SA, A, A, D}) + "\n13,"
             + expected_scores({D, none, none, none}) + "\n14," + expected_scores({D, N, SD, SA})
             + "\n15," + expected_scores({none, none, none, none}) + "\n16,"
             + expected_scores({A, none, A, N}) + "\n");
}

TEST_CASE("platform fixtures: Google Forms grid questions, Question [Row]")
{
  const auto [run, csv] = score_file("google-forms-grid.csv", {});
  CHECK(run.files[0].platform == Platform::google_forms);
  CHECK(csv
        == "respondent,listening,decisions\n1," + expected_scores({SA, A, A, D}) + "\n2,"
             + expected_scores({D, N, SD, SA}) + "\n3," + expected_scores({A, none, A, N}) + "\n");
}

TEST_CASE("import --where: rows kept by a column's value, counted per file")
{
  ImportOptions options;
  options.where = {"which team are you in?=sales"};
  const auto [run, csv] = score_file("alchemer-SurveyExport.csv", options);
  CHECK(run.files[0].filtered == 1); // the Support row; the Partial rows went first
  CHECK(run.files[0].incomplete == 2);
  CHECK(csv
        == "respondent,listening,decisions\n12," + expected_scores({SA, A, A, D}) + "\n16,"
             + expected_scores({A, none, A, N}) + "\n");
  CHECK(messages(run)[1]
        == small("alchemer-SurveyExport.csv")
             + ": note: excluded 1 row by --where 'which team are you in?=sales'");

  options.where = {"Status!=Disqualified", "Which team are you in? != Sales"};
  options.include_incomplete = true;
  const auto [other, rest] = score_file("alchemer-SurveyExport.csv", options);
  CHECK(other.files[0].filtered == 3);
  CHECK(rest
        == "respondent,listening,decisions\n13," + expected_scores({D, none, none, none}) + "\n14,"
             + expected_scores({D, N, SD, SA}) + "\n");

  CHECK(messages(other)[0]
        == small("alchemer-SurveyExport.csv")
             + ": note: excluded 3 rows by --where 'Status!=Disqualified' --where 'Which team are "
               "you in? != Sales'");

  // Two values for one column: either will do; other columns must hold too.
  options.where = {"which team are you in?=Sales", "WHICH TEAM ARE YOU IN?=support"};
  const auto [either, either_csv] = score_file("alchemer-SurveyExport.csv", options);
  CHECK(either.files[0].filtered == 1); // the Contractor
  CHECK(either.files[0].scored == 4);
  options.where.push_back("Status=complete");
  const auto [both, both_csv] = score_file("alchemer-SurveyExport.csv", options);
  CHECK(both.files[0].filtered == 2); // the Contractor, the Partial Support row
  CHECK(both_csv
        == "respondent,listening,decisions\n12," + expected_scores({SA, A, A, D}) + "\n14,"
             + expected_scores({D, N, SD, SA}) + "\n16," + expected_scores({A, none, A, N}) + "\n");
  // An empty value: the rows whose cell is empty.
  options.where = {"Date Submitted="};
  const auto [empty, empty_csv] = score_file("alchemer-SurveyExport.csv", options);
  CHECK(empty.files[0].scored == 1);
  CHECK(empty_csv
        == "respondent,listening,decisions\n13," + expected_scores({D, none, none, none}) + "\n");

  const auto error_for = [&](const std::string& spec) {
    options.where = {spec};
    try {
      (void)run_exports({small("alchemer-SurveyExport.csv")}, platforms_bank(), options);
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::usage);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_for("Team=Sales")
        == "--where 'Team': file '" + small("alchemer-SurveyExport.csv")
             + "' has no such column, did you mean 'Which team are you in?'?");
  CHECK(error_for("status?=Complete")
        == "--where 'status?': file '" + small("alchemer-SurveyExport.csv")
             + "' has no such column, did you mean 'Status'?");
  for (const std::string spec : {"Team", "=Sales", "!=Sales", " = Sales", ""}) {
    try {
      (void)parse_row_filter(spec);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what())
            == "--where '" + spec
                 + "': give COLUMN=VALUE or COLUMN!=VALUE, for example --where 'Status=Complete'");
    }
  }
  const RowFilter filter = parse_row_filter(" Role != a=b ");
  CHECK(filter.column == "Role");
  CHECK(filter.value == "a=b");
  CHECK_FALSE(filter.equal);
}

TEST_CASE("import --write-map: every column, also when the run fails")
{
  const auto dir = test::import_temp_dir("write-map");
  ImportOptions options;
  options.write_map_path = (dir / "map.yaml").string();
  // No platform, no column a question id: the mapping is still written.
  std::ofstream(dir / "plain.csv") << "Name,Cost wins over what customers need.,Comment\n"
                                      "Ana,Agree,fine\n";
  try {
    (void)run_exports({(dir / "plain.csv").string()}, platforms_bank(), options);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).starts_with("unknown export format for file"));
  }
  CHECK(slurp(dir / "map.yaml")
        == "# Column mapping for `centricity score --map`. Set `question` to a question id of\n"
           "# the bank, or ~ to ignore the column. `column` (1-based) tells repeated headers\n"
           "# apart. Comments say how each column was matched.\n"
           "format: centricity.column-map/1\n"
           "bank: \"platforms-check\"\n"
           "columns:\n"
           "  - header: \"Name\"\n"
           "    question: ~  # unmapped\n"
           "  - header: \"Cost wins over what customers need.\"\n"
           "    question: decide-2  # by text\n"
           "  - header: \"Comment\"\n"
           "    question: ~  # unmapped\n"
           "# Questions of the bank no column is mapped to (put one of these ids in place of\n"
           "# the ~ of the column that holds its answers):\n"
           "#   listen-1: Our leaders hear customers first-hand at least once a month.\n"
           "#   listen-2: Customer complaints reach the people who can fix their cause.\n"
           "#   decide-1: Customer impact is weighed in every major decision.\n");

  // A platform file whose columns match nothing: metadata listed too.
  std::ofstream(dir / "forms.csv") << "Timestamp,Role\n2025/11/03 9:12:44 AM GMT+1,Sales\n";
  try {
    (void)run_exports({(dir / "forms.csv").string()}, platforms_bank(), options);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).starts_with("file '"));
  }
  const std::string map = slurp(dir / "map.yaml");
  CHECK(map.find("  - header: \"Timestamp\"\n    question: ~  # platform metadata\n"
                 "  - header: \"Role\"\n    question: ~  # unmapped\n")
        != std::string::npos);
  CHECK(map.find("#   decide-2: Cost wins over what customers need.\n") != std::string::npos);
}

TEST_CASE("import: unmapped columns in one note; --verbose names them; options' columns none")
{
  ImportOptions options;
  options.verbose = true;
  const auto [run, csv_run] = score_file("surveymonkey-one-row.csv", options);
  const std::string file = small("surveymonkey-one-row.csv");
  CHECK(messages(run)
        == std::vector<std::string>{
          file + ": note: column 10 'What is your department?' matches no question; not scored",
          file
            + ": note: column 15 'Anything else you would like to tell us?' matches no question; "
              "not scored"});
  options.verbose = false;
  options.group_by = {"what is your department?"};
  options.where = {"Anything else you would like to tell us?!=x"};
  const auto [quiet, csv_quiet] = score_file("surveymonkey-one-row.csv", options);
  CHECK(messages(quiet).empty());
}
