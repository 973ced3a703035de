#include "test_import_bank.hpp"

#include <centricity/bank/loader.hpp>
#include <centricity/import/formats.hpp>
#include <centricity/import/mapping.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/import/xlsx.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>

using namespace centricity;
using namespace centricity::import;
using test::data_path;
using test::k_rels;
using test::k_workbook;
using test::make_zip;
using test::slurp;

namespace {

bank::Scale yes_no()
{
  return test::import_scale("yes-no", {{0, "No"}, {1, "Yes"}});
}

} // namespace

TEST_CASE("import::detect_layout, every platform's signature")
{
  const std::vector<std::string> ids = {"q1"};
  const auto detect = [&](std::vector<std::vector<std::string>> rows) {
    Preview preview;
    preview.file = "x.csv";
    preview.rows = std::move(rows);
    return detect_layout(preview, std::nullopt, ids, false);
  };
  CHECK(detect({{"V1", "V2", "Q1", ""}, {"ResponseID", "ResponseSet", "Text", ""}}).variant
        == "legacy");
  CHECK(
    detect({{"StartDate", "Q1"}, {"Start", "T"}, {"{\"ImportId\":\"startDate\"}", "{}"}}).variant
    == "modern");
  CHECK(detect({{"ResponseID", "Q1"}, {"R", "T"}, {"{'ImportId': 'responseId'}", "{}"}}).variant
        == "2016");
  CHECK(detect({{"StartDate", "ResponseId", "Q1"}, {"2024", "R_1", "2"}}).variant
        == "single-header");
  CHECK(detect({{"Respondent ID", "Q"}, {"", "Response"}}).platform == Platform::surveymonkey);
  CHECK(detect({{"Timestamp", "Q"}}).platform == Platform::google_forms);
  CHECK(detect({{"Marca temporal", "Q"}}).platform == Platform::google_forms);
  CHECK(detect({{"ID", "Start time", "Completion time", "Email", "Name", "Q"}}).platform
        == Platform::ms_forms);
  CHECK(detect({{"#", "Q", "Submit Date (UTC)"}}).platform == Platform::typeform);
  CHECK(detect({{"id", "submitdate", "lastpage", "Q1"}}).platform == Platform::limesurvey);
  CHECK(detect({{"respondent", "q1"}}).platform == Platform::csv);
}

TEST_CASE("import::normalize_text")
{
  CHECK(normalize_text("Consider: <br>In Lottery A,&nbsp;you win.  ")
        == "consider: in lottery a, you win");
  CHECK(normalize_text("The content isn\xE2\x80\x99t \xE2\x80\x9Cgood\xE2\x80\x9D\xE2\x80\xA6")
        == "the content isn't \"good\"");
  CHECK(normalize_text("How likely is {{field:7d95}} to recommend us?")
        == "how likely is to recommend us");
}

TEST_CASE("import::map_columns, by id, text, fuzzy and ambiguous")
{
  const auto bank = test::import_bank(
    {test::agree5()}, {{"lead-1", "Our leaders listen to customer calls every month."},
                       {"lead-2", "Customer complaints reach the people who can fix them."},
                       {"twin-a", "Same words."},
                       {"twin-b", "Same words."}});
  ExportLayout layout;
  const auto add = [&](std::string header) {
    ExportColumn column;
    column.index = layout.columns.size();
    column.header = header;
    column.texts = {header};
    layout.columns.push_back(column);
  };
  add("LEAD-1");
  add("Customer complaints reach the people who can fix them");
  add("Our leaders listen to custmer calls every month");
  add("Same words");
  add("Department");
  const auto matches = map_columns(layout, bank, nullptr);
  CHECK(matches[0].status == MatchStatus::mapped);
  CHECK(matches[0].how == MatchHow::id);
  CHECK(matches[1].status == MatchStatus::mapped);
  CHECK(matches[1].how == MatchHow::text);
  CHECK(*matches[1].question == 1);
  // Column 3 is a fuzzy match for lead-1, but column 1 has lead-1 by id.
  CHECK(matches[2].status == MatchStatus::unmapped);
  CHECK(matches[2].rivals == std::vector<std::size_t>{0});
  CHECK(matches[3].status == MatchStatus::ambiguous);
  CHECK(matches[3].rivals == std::vector<std::size_t>{2, 3});
  CHECK(matches[4].status == MatchStatus::unmapped);

  layout.columns.erase(layout.columns.begin());
  const auto fuzzy = map_columns(layout, bank, nullptr);
  CHECK(fuzzy[1].status == MatchStatus::mapped);
  CHECK(fuzzy[1].how == MatchHow::fuzzy);
  CHECK(fuzzy[1].confidence == Approx(1 - 1.0 / 48));
  CHECK(describe_match(fuzzy[1]) == "fuzzy text match, confidence 0.98");
}

TEST_CASE("import fixtures: Qualtrics modern and legacy exports of one response agree")
{
  const score::CompiledBank bank(
    test::import_bank({test::import_scale("choice", {{1, "One"}, {2, "Two"}, {3, "Three"}})},
                      {{"Q1", "This is a multiple choice question.", "choice"}}));
  ImportOptions options;
  const ScoreRun modern = run_exports({data_path("qualtrics_qualtRics_sample.csv")}, bank, options);
  const ScoreRun legacy =
    run_exports({data_path("qualtrics_qualtRics_sample_legacy.csv")}, bank, options);
  CHECK(modern.files[0].variant == "modern");
  CHECK(legacy.files[0].variant == "legacy");
  CHECK(legacy.files[0].columns.size() == 15); // the trailing empty column is dropped
  CHECK(modern.files[0].scored == 1);
  CHECK(legacy.files[0].scored == 1);
  CHECK(modern.aggregate.total().dimension(0).mean().value() == Approx(50));
  CHECK(modern.aggregate == legacy.aggregate);
}

TEST_CASE("import fixtures: Qualtrics 2016 Insights and legacy twins, test responses, recodes")
{
  // Q2 uses recodes 1-4, Q4 custom recodes 10-13; every row is a "Survey Test".
  std::vector<test::QuestionSpec> questions;
  for (const char* id : {"Q2_1", "Q2_2", "Q2_3"}) {
    questions.push_back({id, std::string("matrix ") + id, "four", "q2"});
  }
  for (const char* id : {"Q4_1", "Q4_2", "Q4_3"}) {
    questions.push_back({id, std::string("matrix ") + id, "recoded", "q4"});
  }
  const score::CompiledBank bank(
    test::import_bank({test::import_scale("four", {{1, "a"}, {2, "b"}, {3, "c"}, {4, "d"}}),
                       test::import_scale("recoded", {{10, "a"}, {11, "b"}, {12, "c"}, {13, "d"}})},
                      questions));
  ImportOptions options;
  const std::string insights =
    data_path("qualtrics_QualtricsTools_Single_Answer_Matrix_Questions_Insights.csv");
  const std::string legacy =
    data_path("qualtrics_QualtricsTools_Single_Answer_Matrix_Questions_Legacy.csv");
  SECTION("test responses are excluded by default")
  {
    const ScoreRun run = run_exports({insights}, bank, options);
    CHECK(run.files[0].variant == "2016");
    CHECK(run.files[0].rows == 5);
    CHECK(run.files[0].preview == 5);
    CHECK(run.files[0].scored == 0);
  }
  SECTION("kept, the two layouts give the same aggregate")
  {
    options.include_preview = true;
    const ScoreRun a = run_exports({insights}, bank, options);
    const ScoreRun b = run_exports({legacy}, bank, options);
    CHECK(a.files[0].scored == 5);
    CHECK(b.files[0].scored == 5);
    CHECK(a.aggregate.total().dimension(1).count() == 5);
    CHECK(a.aggregate == b.aggregate);
    // Repeated legacy tags (question_one x3) are kept apart by position.
    std::size_t repeated = 0;
    for (const auto& column : b.files[0].columns) {
      repeated += column.column.header == "question_one" ? 1U : 0U;
    }
    CHECK(repeated == 3);
  }
}

TEST_CASE("import fixtures: Qualtrics choice-text matrix, mapped by row text")
{
  const score::CompiledBank bank(test::import_bank(
    {test::agree5()},
    {{"build", "I can build the kind of questions necessary to collect the feedback I need using "
               "Qualtrics"},
     {"flexible", "Qualtrics provides a flexible survey tool that can be configured to meet my "
                  "needs"},
     {"types", "I can use a variety of question types to accomplish my research goals"}}));
  ImportOptions options;
  options.missing_values.clear();
  const ScoreRun run =
    run_exports({data_path("qualtrics_EasyQualtrics_developer_data.csv")}, bank, options);
  CHECK(run.files[0].variant == "modern");
  CHECK(run.files[0].rows == 20);
  CHECK(run.files[0].scored == 20); // Status "Imported" is a real response
  std::size_t by_text = 0;
  for (const auto& column : run.files[0].columns) {
    by_text +=
      column.match.how == MatchHow::text && column.match.status == MatchStatus::mapped ? 1U : 0U;
  }
  CHECK(by_text == 3);
  // "Neither agree nor disagree" is no option of this scale: reported, not guessed.
  CHECK(run.diagnostics.has_errors());
  CHECK(run.files[0].columns[33].unknown_examples.front().text == "Neither agree nor disagree");
}

TEST_CASE("import fixtures: Qualtrics NPS and slider columns on range scales")
{
  const score::CompiledBank bank(bank::load_valid_bank(CENTRICITY_TEST_DATA "/ranges/ranges.yaml"));
  const ScoreRun run =
    run_exports({CENTRICITY_TEST_DATA "/ranges/qualtrics-sliders.csv"}, bank, ImportOptions{});
  REQUIRE(run.files.size() == 1);
  CHECK(run.files[0].scored == 5);
  CHECK_FALSE(run.diagnostics.has_errors());
  // Q1, Q1_NPS_GROUP, Q2, Q2_NPS_GROUP, Q3_1, Q4_1, Q5 after 11 metadata columns.
  const auto& columns = run.files[0].columns;
  REQUIRE(columns.size() == 18);
  const auto mapped_by_text = [&](std::size_t c, std::size_t question) {
    CHECK(columns[c].match.status == MatchStatus::mapped);
    CHECK(columns[c].match.how == MatchHow::text);
    CHECK(columns[c].match.question == question);
  };
  mapped_by_text(11, 0); // NPS: the question text
  mapped_by_text(13, 1);
  // A slider's one statement, "Question - Statement": by the question's text.
  mapped_by_text(15, 2);
  mapped_by_text(16, 3);
  // The promoter groups Qualtrics adds are not answers.
  CHECK(columns[12].match.status == MatchStatus::metadata);
  CHECK(columns[14].match.status == MatchStatus::metadata);
  CHECK(columns[15].answered == 4); // one slider left blank
  CHECK(columns[15].unknown == 0);
}

TEST_CASE("import fixtures: SurveyMonkey two header rows, HTML in question text")
{
  const score::CompiledBank bank(test::import_bank(
    {yes_no(), test::import_scale("lottery", {{0, "Lottery A"}, {1, "Lottery B"}})},
    {{"smoke", "Do you ever smoke cigarettes?", "yes-no"},
     {"lottery",
      "Consider the following hypothetical situations: In Lottery A, you have a 50% chance of "
      "success, with a payout of $100. In Lottery B, you have a 90% chance of success, with a "
      "payout of $20. Assuming you have $10 to bet, would you play Lottery A or Lottery B?",
      "lottery", "l"}}));
  ImportOptions options;
  const ScoreRun run =
    run_exports({data_path("surveymonkey_fivethirtyeight_steak-risk-survey.csv")}, bank, options);
  CHECK(run.files[0].platform == Platform::surveymonkey);
  CHECK(run.files[0].rows == 550);
  CHECK(run.files[0].columns[1].match.status == MatchStatus::mapped);
  CHECK(run.aggregate.total().answers_of(0, answers::AnswerKind::value) == 537);
  CHECK(run.aggregate.total().dimension(0).mean().value() == Approx(100.0 * 84 / 537));
}

TEST_CASE("import fixtures: Google Forms CSV with multi-line cells and no final newline")
{
  const score::CompiledBank bank(test::import_bank(
    {test::import_scale("experience", {{0, "Complete novice (no experience)"},
                                       {1, "Novice (~1 semester of experience)"},
                                       {2, "Intermediate (a year of experience)"},
                                       {3, "Advanced (2-3 years of experience)"}})},
    {{"experience",
      "What is the minimum level of programming experience that your students are expected to be "
      "at?",
      "experience"}}));
  ImportOptions options;
  const ScoreRun run = run_exports(
    {data_path("google_forms_jupyter_2016-05-education-survey_responses.csv")}, bank, options);
  CHECK(run.files[0].platform == Platform::google_forms);
  CHECK(run.files[0].rows == 125);
  CHECK(run.files[0].scored == 125);
  CHECK_FALSE(run.diagnostics.has_errors());
}

TEST_CASE("import fixtures: Google Forms spring25 CSV, curly quotes and emoji")
{
  const score::CompiledBank bank(test::import_bank(
    {yes_no()}, {{"hotdog", "Do you believe that a hotdog falls under the category of a sandwich?",
                  "yes-no"}}));
  ImportOptions options;
  const ScoreRun run = run_exports(
    {data_path("google_forms_UVADS_hot_dog_survey_spring25_Form_Responses_1.csv")}, bank, options);
  CHECK(run.files[0].rows == 64);
  // Typed answers: case and spaces fold ("YES", "No "), the rest is reported.
  CHECK(run.aggregate.total().answers_of(0, answers::AnswerKind::value) == 56);
  CHECK(run.files[0].columns[1].unknown == 8);
  REQUIRE(run.files[0].columns[1].unknown_examples.size() == 3);
  CHECK(run.files[0].columns[1].unknown_examples[0].text == "Yesss");
  CHECK(run.diagnostics.error_count() == 1);
}

TEST_CASE("import fixtures: Google Sheets XLSX with numeric cells and shared strings")
{
  const score::CompiledBank bank(test::import_bank(
    {yes_no(),
     test::import_scale("year", {{1, "First"}, {2, "Second"}, {3, "Third"}, {4, "Fourth"}})},
    {{"hotdog", "Is hotdog a sandwich?", "yes-no"},
     {"year", "What year are you in?", "year", "y"}}));
  ImportOptions options;
  const ScoreRun run = run_exports(
    {data_path("google_forms_UVADS_fa25_Is_hotdog_a_sandwich_Responses.xlsx")}, bank, options);
  CHECK(run.files[0].format == "XLSX");
  CHECK(run.files[0].platform == Platform::google_forms);
  CHECK(run.files[0].rows == 207);
  CHECK(run.aggregate.total().answers_of(1, answers::AnswerKind::value) > 0);
  const auto rows = read_xlsx(
    slurp(data_path("google_forms_UVADS_fa25_Is_hotdog_a_sandwich_Responses.xlsx")), "f.xlsx");
  CHECK(rows[0]
        == std::vector<std::string>{"Timestamp", "What year are you in?", "Is hotdog a sandwich?"});
  CHECK(rows[1][1] == "4"); // stored as the number 4.0
}

TEST_CASE("import fixtures: Microsoft Forms CSV re-saved by Excel in Windows-1252")
{
  const score::CompiledBank bank(
    test::import_bank({yes_no()}, {{"hotdog", "Is a hotdog a sandwich", "yes-no"},
                                   {"uva", "Are you a UVA undergraduate student", "yes-no"}}));
  ImportOptions options;
  const ScoreRun run =
    run_exports({data_path("microsoft_forms_UVADS_Hot-Dog-Form-Fa24.csv")}, bank, options);
  CHECK(run.files[0].platform == Platform::ms_forms);
  CHECK(run.files[0].dialect.encoding == Encoding::cp1252);
  CHECK(run.files[0].rows == 187);
  CHECK(run.files[0].scored == 187);
  CHECK(run.diagnostics.warning_count() == 1);
  CHECK(run.diagnostics.all()[0].message
        == "not valid UTF-8 (byte 0x92); reading the file as Windows-1252");
}

TEST_CASE("import quirks: matrix rows, forward-filled headers, metadata columns, -99")
{
  const score::CompiledBank bank(
    test::import_bank({test::agree5()}, {{"fast", "Service is fast"}, {"kind", "Staff are kind"}}));
  test::MemoryFiles files;
  ImportOptions options;
  options.open = files.opener();
  const auto mapped = [](const ScoreRun& run) {
    std::vector<std::string> out;
    for (const auto& column : run.files[0].columns) {
      if (column.match.status == MatchStatus::mapped) {
        out.push_back(column.column.header);
      }
    }
    return out;
  };
  SECTION("SurveyMonkey: a matrix question's rows are in row 2 under an empty row-1 cell")
  {
    files.add("sm.csv", "Respondent ID,Collector ID,How do you rate us?,,Comments\n"
                        ",,Service is fast,Staff are kind,Open-Ended Response\n"
                        "11111111111,222,Agree,Strongly agree,fine\n");
    const ScoreRun run = run_exports({"sm.csv"}, bank, options);
    CHECK(mapped(run)
          == std::vector<std::string>{"How do you rate us? - Service is fast",
                                      "How do you rate us? - Staff are kind"});
    CHECK(run.aggregate.total().dimension(0).mean().value() == Approx(87.5));
  }
  SECTION("Google Forms grid: 'Question [Row]'")
  {
    files.add("g.csv", "Timestamp,Email Address,How do you rate us? [Service is fast],"
                       "How do you rate us? [Staff are kind]\n"
                       "1/1/2024 10:00:00,a@b.c,Agree,Agree\n");
    const ScoreRun run = run_exports({"g.csv"}, bank, options);
    CHECK(mapped(run).size() == 2);
    CHECK(run.files[0].columns[1].match.status == MatchStatus::metadata);
  }
  SECTION("Microsoft Forms quiz: points and feedback columns are metadata")
  {
    files.add("ms.csv", "ID,Start time,Completion time,Email,Name,Total points,Quiz feedback,"
                        "Service is fast,Points - Service is fast,Feedback - Service is fast\n"
                        "3,1/1/24 10:00,1/1/24 10:05,anonymous,,1,,Agree,1,\n");
    const ScoreRun run = run_exports({"ms.csv"}, bank, options);
    CHECK(mapped(run) == std::vector<std::string>{"Service is fast"});
    CHECK(run.files[0].columns[8].match.status == MatchStatus::metadata);
  }
  SECTION("Qualtrics numeric export: recodes, -99 seen-but-unanswered, display-order columns")
  {
    files.add("q.csv", "StartDate,ResponseId,Q1_DO,fast,kind\n"
                       "2024-01-01,R_1,1|2,4,-99\n");
    const ScoreRun run = run_exports({"q.csv"}, bank, options);
    CHECK(run.files[0].variant == "single-header");
    CHECK(run.files[0].columns[2].match.status == MatchStatus::metadata);
    CHECK(run.files[0].columns[4].missing_tokens == 1);
    CHECK(run.aggregate.total().dimension(0).mean().value() == Approx(75));
  }
  SECTION("LimeSurvey full-text headings: 'Question [Subquestion]'")
  {
    files.add("ls.csv", "\"Response ID\",\"Date submitted\",\"Last page\",\"Rate us [Service is "
                        "fast]\"\n\"1\",\"2024-01-01\",\"1\",\"Strongly agree\"\n");
    const ScoreRun run = run_exports({"ls.csv"}, bank, options);
    CHECK(run.files[0].platform == Platform::limesurvey);
    CHECK(mapped(run).size() == 1);
  }
}

TEST_CASE("import::is_survey_results_json")
{
  const std::vector<std::string> ids = {"contact-1", "contact-2"};
  SECTION("SurveyJS results: question ids as keys, or as rows of a matrix")
  {
    CHECK(is_survey_results_json(R"([{"contact-1": 4, "role": "CEO"}])", ids));
    CHECK(is_survey_results_json(R"([{"grid-contact": {"contact-2": "Agree"}}])", ids));
    CHECK(is_survey_results_json(R"({"contact-1": 2})", ids));
    CHECK(is_survey_results_json(R"({"data": [{"contact-1": 2}]})", ids));
    CHECK(is_survey_results_json(R"([{"id": 1, "json": "{\"contact-1\": 2}"}])", ids));
    CHECK(is_survey_results_json(R"([{"daysAgo": 3, "data": {"contact-2": 5}}])", ids));
  }
  SECTION("answers files and anything else are not")
  {
    CHECK_FALSE(is_survey_results_json(R"({"respondent": "a", "answers": {"contact-1": 4}})", ids));
    CHECK_FALSE(is_survey_results_json(
      R"([{"role": "CEO", "answers": {"contact-1": 4}, "contact-1": 1}])", ids));
    CHECK_FALSE(
      is_survey_results_json(R"([{"respondent": "a", "answer": {"contact-1": 4}}])", ids));
    CHECK_FALSE(is_survey_results_json(R"([{"other": 1}])", ids));
    CHECK_FALSE(is_survey_results_json(R"([])", ids));
    CHECK_FALSE(is_survey_results_json(R"([1, 2])", ids));
    CHECK_FALSE(is_survey_results_json("respondent: a\nanswers: {}\n", ids));
    CHECK_FALSE(is_survey_results_json(R"([{"id": 1, "json": "not json"}])", ids));
  }
}

TEST_CASE("import::try_read_generic, a SurveyJS matrix row is coded by its question id")
{
  Preview preview;
  preview.file = "results.json";
  preview.rows = {{"grid-a.b.contact-1", "grid.x", "contact-2", "grid.contact-2.extra"}};
  const auto layout = try_read_generic(preview, {"contact-1", "contact-2", "b.contact-1"}, true);
  REQUIRE(layout);
  // The first dot whose remainder is an id wins: "b.contact-1" is one too.
  CHECK(layout->columns[0].code == "b.contact-1");
  CHECK(layout->columns[1].code.empty());
  CHECK(layout->columns[2].code.empty()); // an id itself: matched by its header
  CHECK(layout->columns[3].code.empty());
}

TEST_CASE("import::run_exports, LimeSurvey's heading and answer styles scored with no flags")
{
  // tests/data/exports-small/limesurvey-*.csv: one survey exported four
  // ways. What each respondent answered, as values of the 1-5 scale (6: not
  // applicable, 0: no answer); respondent 4 did not submit.
  const std::map<int, std::vector<int>> answered = {
    {1, {5, 4, 2, 3}}, {2, {4, 6, 5, 4}}, {3, {1, 2, 6, 1}}, {5, {2, 5, 4, 5}}};
  // Questions 1-2 are "listening", 3-4 "decisions": the mean of the answered
  // values, each 100 * (v - 1) / 4.
  const auto expected = [&](int respondent, std::size_t first) -> std::optional<double> {
    double sum = 0;
    int count = 0;
    for (std::size_t q = first; q < first + 2; ++q) {
      const int value = answered.at(respondent)[q];
      if (value >= 1 && value <= 5) {
        sum += 100.0 * (value - 1) / 4;
        ++count;
      }
    }
    return count == 0 ? std::nullopt : std::optional<double>(sum / count);
  };
  // The bank as a user writes it: the labels the survey showed, the
  // statements respondents read; for code headings, the same bank with the
  // survey's codes as question ids.
  const score::CompiledBank by_text(
    bank::load_valid_bank(data_path("../exports-small/limesurvey-bank.yaml")));
  const score::CompiledBank by_code(
    bank::load_valid_bank(data_path("../exports-small/limesurvey-bank-codes.yaml")));
  const auto dir = test::import_temp_dir("limesurvey-styles");
  for (const std::string style : {"codes", "abbreviated", "full", "codetext"}) {
    INFO(style);
    ImportOptions options;
    options.respondents_path = (dir / (style + ".csv")).string();
    const ScoreRun run = run_exports({data_path("../exports-small/limesurvey-" + style + ".csv")},
                                     style == "codes" ? by_code : by_text, options);
    REQUIRE(run.files.size() == 1);
    CHECK(run.files[0].platform == Platform::limesurvey);
    CHECK(run.files[0].rows == 5);
    CHECK(run.files[0].scored == 4);
    CHECK_FALSE(run.diagnostics.has_errors());
    std::size_t mapped = 0;
    for (const auto& column : run.files[0].columns) {
      mapped += column.match.status == MatchStatus::mapped ? 1 : 0;
    }
    CHECK(mapped == 4);
    std::istringstream lines(slurp(options.respondents_path));
    std::string line;
    std::getline(lines, line);
    CHECK(line == "respondent,listening,decisions");
    std::size_t rows = 0;
    while (std::getline(lines, line)) {
      std::vector<std::string> cells;
      std::istringstream fields(line);
      for (std::string cell; std::getline(fields, cell, ',');) {
        cells.push_back(cell);
      }
      cells.resize(3);
      INFO(line);
      const int respondent = std::stoi(cells[0]);
      REQUIRE(answered.count(respondent) == 1);
      for (std::size_t d = 0; d < 2; ++d) {
        const auto want = expected(respondent, 2 * d);
        if (want) {
          REQUIRE_FALSE(cells[1 + d].empty());
          CHECK(std::stod(cells[1 + d]) == Approx(*want));
        } else {
          CHECK(cells[1 + d].empty());
        }
      }
      ++rows;
    }
    CHECK(rows == answered.size());
  }
}

TEST_CASE("import::try_read_limesurvey, heading styles")
{
  const auto layout = [](std::vector<std::string> headings) {
    Preview preview;
    preview.file = "ls.csv";
    preview.rows = {std::move(headings)};
    return try_read_limesurvey(preview);
  };
  SECTION("code and text with any separator: the first heading tells it")
  {
    for (const std::string separator : {". ", " - ", ": ", "|", " "}) {
      INFO(separator);
      const auto found =
        layout({"id" + separator + "Response ID", "submitdate" + separator + "Date submitted",
                "lastpage" + separator + "Last page", "startlanguage" + separator + "Langue",
                "G01Q05[SQ002]" + separator + "Rate us [Service is fast]"});
      REQUIRE(found);
      CHECK(found->variant == "code and text");
      CHECK(found->columns[3].role == ColumnRole::metadata);
      CHECK(found->columns[4].code == "G01Q05[SQ002]");
      CHECK(found->columns[4].texts
            == std::vector<std::string>{"Rate us [Service is fast]", "Service is fast"});
    }
  }
  SECTION("codes of the metadata in any language")
  {
    const auto found = layout({"id. ID de respuesta", "submitdate. Fecha de env\xC3\xADo",
                               "lastpage. \xC3\x9Altima p\xC3\xA1gina", "Q1. Pregunta"});
    REQUIRE(found);
    CHECK(found->columns[3].code == "Q1");
    CHECK(found->columns[3].texts == std::vector<std::string>{"Pregunta"});
  }
  SECTION("abbreviated texts are read as truncated")
  {
    const auto found = layout({"Response ID", "Date submitted", "Last page", "Date last actio.. ",
                               "How far do you ..  [Senior leaders .. ]", "Our budget deci.. "});
    REQUIRE(found);
    CHECK(found->variant.empty());
    CHECK(found->columns[3].role == ColumnRole::metadata);
    CHECK(found->columns[4].texts
          == std::vector<std::string>{"How far do you ..  [Senior leaders .. ]",
                                      "Senior leaders .. ", "Senior leaders..."});
    CHECK(found->columns[5].texts
          == std::vector<std::string>{"Our budget deci.. ", "Our budget deci..."});
  }
  SECTION("not LimeSurvey")
  {
    CHECK_FALSE(layout({"idx", "submitdate", "lastpage"}));
    CHECK_FALSE(layout({"Respondent ID", "Date submitted", "Last page"}));
  }
}

namespace {

// tests/data/exports-small/{ms-forms-likert.xlsx, kobotoolbox-labels.csv,
// surveyjs-results.json}: one small survey (pulse-bank.yaml) answered by
// five people, as each platform exports it. What respondent n (in file
// order) answered, as values of the 1-5 scale (6: not applicable, 0: no
// answer), in the bank's question order.
const std::vector<std::vector<int>> k_pulse_answers = {
  {5, 4, 2, 3}, {4, 6, 5, 4}, {1, 2, 6, 1}, {3, 3, 0, 0}, {2, 5, 4, 5}};

// Checks the respondents file of a run on a pulse fixture against scores
// recomputed here: questions 1-2 are "listening", 3-4 "decisions", each
// the mean of the answered values as 100 * (v - 1) / 4. `ids`: the
// respondent id of each row, in file order.
void check_pulse_scores(const std::string& respondents, const std::vector<std::string>& ids)
{
  std::istringstream lines(respondents);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "respondent,listening,decisions");
  std::size_t row = 0;
  while (std::getline(lines, line)) {
    INFO(line);
    REQUIRE(row < ids.size());
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) {
      cells.push_back(cell);
    }
    cells.resize(3);
    CHECK(cells[0] == ids[row]);
    for (std::size_t d = 0; d < 2; ++d) {
      double sum = 0;
      int count = 0;
      for (std::size_t q = 2 * d; q < 2 * d + 2; ++q) {
        const int value = k_pulse_answers[row][q];
        if (value >= 1 && value <= 5) {
          sum += 100.0 * (value - 1) / 4;
          ++count;
        }
      }
      if (count == 0) {
        CHECK(cells[1 + d].empty());
      } else {
        REQUIRE_FALSE(cells[1 + d].empty());
        CHECK(std::stod(cells[1 + d]) == Approx(sum / count));
      }
    }
    ++row;
  }
  CHECK(row == ids.size());
}

std::size_t mapped_columns(const ScoreRun& run)
{
  std::size_t mapped = 0;
  for (const auto& column : run.files[0].columns) {
    mapped += column.match.status == MatchStatus::mapped ? 1 : 0;
  }
  return mapped;
}

} // namespace

TEST_CASE("import::run_exports, Microsoft Forms Likert statements scored with no flags")
{
  const score::CompiledBank bank(
    bank::load_valid_bank(data_path("../exports-small/pulse-bank.yaml")));
  const auto dir = test::import_temp_dir("ms-forms-likert");
  ImportOptions options;
  options.respondents_path = (dir / "respondents.csv").string();
  const ScoreRun run =
    run_exports({data_path("../exports-small/ms-forms-likert.xlsx")}, bank, options);
  REQUIRE(run.files.size() == 1);
  CHECK(run.files[0].format == "XLSX");
  CHECK(run.files[0].platform == Platform::ms_forms);
  CHECK(run.files[0].rows == 5);
  CHECK(run.files[0].scored == 5);
  CHECK_FALSE(run.diagnostics.has_errors());
  CHECK(mapped_columns(run) == 4);
  check_pulse_scores(slurp(options.respondents_path), {"3", "4", "5", "6", "7"});
}

TEST_CASE("import::try_read_ms_forms, a Likert statement with or without its title")
{
  Preview preview;
  preview.file = "f.xlsx";
  preview.rows = {{"ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
                   "Rate us.Service is fast", "Service is fast", "Our budget is set. Then spent.",
                   "How far, e.g. in weeks?"}};
  const auto layout = try_read_ms_forms(preview);
  REQUIRE(layout);
  CHECK(layout->columns[5].role == ColumnRole::metadata);
  CHECK(layout->columns[6].texts
        == std::vector<std::string>{"Rate us.Service is fast", "Service is fast"});
  CHECK(layout->columns[7].texts == std::vector<std::string>{"Service is fast"});
  // Full stops of a sentence are no Likert title.
  CHECK(layout->columns[8].texts == std::vector<std::string>{"Our budget is set. Then spent."});
  CHECK(layout->columns[9].texts
        == std::vector<std::string>{"How far, e.g. in weeks?", "g. in weeks?"});
}

TEST_CASE("import::run_exports, KoboToolbox labels export scored with no flags")
{
  const score::CompiledBank bank(
    bank::load_valid_bank(data_path("../exports-small/pulse-bank.yaml")));
  const auto dir = test::import_temp_dir("kobotoolbox");
  ImportOptions options;
  options.respondents_path = (dir / "respondents.csv").string();
  const ScoreRun run =
    run_exports({data_path("../exports-small/kobotoolbox-labels.csv")}, bank, options);
  REQUIRE(run.files.size() == 1);
  CHECK(run.files[0].platform == Platform::kobotoolbox);
  CHECK(run.files[0].dialect.delimiter == ';');
  CHECK(run.files[0].rows == 5);
  CHECK(run.files[0].scored == 5);
  CHECK_FALSE(run.diagnostics.has_errors());
  CHECK(mapped_columns(run) == 4);
  std::size_t metadata = 0;
  for (const auto& column : run.files[0].columns) {
    metadata += column.match.status == MatchStatus::metadata ? 1 : 0;
  }
  CHECK(metadata == 12); // start, end and the ten "_" submission fields; "Which team" is not
  check_pulse_scores(slurp(options.respondents_path),
                     {"412873", "412880", "413102", "413117", "413240"});
}

TEST_CASE("import::try_read_kobotoolbox, labels or XML names, groups in headers")
{
  const auto layout = [](std::vector<std::string> headings) {
    Preview preview;
    preview.file = "kobo.csv";
    preview.rows = {std::move(headings)};
    return try_read_kobotoolbox(preview);
  };
  SECTION("XML names: the name after the group path is a code")
  {
    const auto found = layout({"start", "end", "today", "grp_agree/leaders", "meta/instanceID",
                               "_id", "_uuid", "_submission_time", "_index"});
    REQUIRE(found);
    CHECK(found->platform == Platform::kobotoolbox);
    CHECK(found->columns[2].role == ColumnRole::metadata);
    CHECK(found->columns[3].role == ColumnRole::answer);
    CHECK(found->columns[3].code == "leaders");
    CHECK(found->columns[3].texts == std::vector<std::string>{"grp_agree/leaders", "leaders"});
    CHECK(found->columns[4].role == ColumnRole::metadata);
    CHECK(found->columns[5].role == ColumnRole::respondent_id);
    CHECK(found->columns[8].role == ColumnRole::metadata);
  }
  SECTION("nested groups: every tail of the path is a wording")
  {
    const auto found = layout({"A/B/Service is fast", "_uuid", "_submission_time"});
    REQUIRE(found);
    CHECK(
      found->columns[0].texts
      == std::vector<std::string>{"A/B/Service is fast", "B/Service is fast", "Service is fast"});
  }
  SECTION("not KoboToolbox")
  {
    CHECK_FALSE(layout({"_id", "_uuid", "Q1"}));
    CHECK_FALSE(layout({"uuid", "submission_time", "Q1"}));
  }
}

TEST_CASE("import::run_exports, SurveyJS results of a hand-written survey")
{
  const score::CompiledBank bank(
    bank::load_valid_bank(data_path("../exports-small/pulse-bank.yaml")));
  const std::string results = data_path("../exports-small/surveyjs-results.json");
  std::vector<std::string> ids;
  std::vector<std::string> texts;
  for (const auto& question : bank.bank().questions) {
    ids.push_back(question.id);
    texts.push_back(question.text);
  }
  // No key is a question id: the matrix rows, keyed by their statements,
  // tell the file from an answers file.
  CHECK_FALSE(is_survey_results_json(slurp(results), ids));
  CHECK(is_survey_results_json(slurp(results), ids, texts));
  const auto dir = test::import_temp_dir("surveyjs-hand");
  SECTION("no flags: the matrix rows match by their statements; 'budget' is only a name")
  {
    ImportOptions options;
    const ScoreRun run = run_exports({results}, bank, options);
    REQUIRE(run.files.size() == 1);
    CHECK(run.files[0].platform == Platform::surveyjs);
    CHECK(run.files[0].rows == 5);
    CHECK(mapped_columns(run) == 3);
    for (const auto& column : run.files[0].columns) {
      if (column.column.header == "budget" || column.column.header == "team") {
        CHECK(column.match.status == MatchStatus::unmapped);
      }
    }
  }
  SECTION("with a mapping for the named question, every respondent scored")
  {
    ImportOptions options;
    options.map_path = data_path("../exports-small/surveyjs-map.yaml");
    options.respondents_path = (dir / "respondents.csv").string();
    const ScoreRun run = run_exports({results}, bank, options);
    REQUIRE(run.files.size() == 1);
    CHECK(run.files[0].scored == 5);
    CHECK_FALSE(run.diagnostics.has_errors());
    CHECK(mapped_columns(run) == 4);
    check_pulse_scores(slurp(options.respondents_path), {"1", "2", "3", "4", "5"});
  }
}
