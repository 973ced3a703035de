#include "test_import_bank.hpp"

#include <centricity/import/pipeline.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

using namespace centricity;
using namespace centricity::import;
using test::MemoryFiles;
using test::slurp;

namespace {

std::vector<std::string> messages(const ScoreRun& run)
{
  std::vector<std::string> out;
  for (const auto& d : run.diagnostics.all()) {
    out.push_back(util::format_diagnostic(d));
  }
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& wanted)
{
  return std::find(list.begin(), list.end(), wanted) != list.end();
}

// Three questions in two dimensions; q2 reverse-keyed.
bank::Questionnaire forms_bank()
{
  return test::import_bank({test::agree5()},
                           {{"q1", "Leaders hear customers first-hand."},
                            {"q2", "Complaints reach the right people.", "agree", "d", true},
                            {"q3", "We track loyalty like revenue.", "agree", "m"}});
}

const std::string k_forms_header = "Timestamp,Role,Leaders hear customers first-hand.,"
                                   "Complaints reach the right people.,"
                                   "We track loyalty like revenue.\r\n";

} // namespace

TEST_CASE("import::run_exports, Google Forms labels to scores and per-respondent rows")
{
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  files.add("f.csv", k_forms_header
                       + "4/22/2016 19:57:50,Executive,Strongly agree,Disagree,Agree\r\n"
                         "4/22/2016 19:58:00,=cmd|' /C calc'!A0,5 - Strongly agree,Strongly "
                         "disagree,\r\n"
                         "4/22/2016 19:59:00,Frontline,Disagree,N/A,Not applicable");
  const auto dir = test::import_temp_dir("forms");
  ImportOptions options;
  options.open = files.opener();
  options.group_by = {"Role"};
  options.respondents_path = (dir / "out.csv").string();
  const ScoreRun run = run_exports({"f.csv"}, bank, options);

  REQUIRE(run.files.size() == 1);
  CHECK(run.files[0].platform == Platform::google_forms);
  CHECK(run.files[0].rows == 3);
  CHECK(run.files[0].scored == 3);
  CHECK(run.aggregate.total().respondents() == 3);
  // d: (100 + 75) / 2, (100 + 100) / 2, 25 -> mean 70.833...
  CHECK(run.aggregate.total().dimension(0).mean().value() == Approx(212.5 / 3));
  CHECK(run.aggregate.total().dimension(1).count() == 1);
  CHECK(run.respondents_written);
  CHECK(slurp(dir / "out.csv")
        == "respondent,Role,d,m,stage:level\n"
           "1,Executive,87.5,75,high\n"
           "2,\"'=cmd|' /C calc'!A0\",100,,high\n"
           "3,Frontline,25,,base\n");
  const auto list = messages(run);
  // Role is the --group-by column, not an unmapped question: no note.
  CHECK(list
        == std::vector<std::string>{"f.csv: note: column 4 'Complaints reach the right people.': "
                                    "1 answer like 'N/A' counted as not answered"});
  CHECK(has(list, "f.csv: note: column 4 'Complaints reach the right people.': 1 answer like "
                  "'N/A' counted as not answered"));
  CHECK_FALSE(run.diagnostics.has_errors());
}

TEST_CASE("import::run_exports, the respondents file is created like any other output")
{
  // Written through util::AtomicFile: readable as the umask allows (a
  // named temporary from mkstemp would have left it 0600), and a failed
  // run leaves no file behind.
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  files.add("f.csv", k_forms_header + "4/22/2016 19:57:50,Executive,Agree,Agree,Agree\n");
  files.add("bad.csv", k_forms_header + "4/22/2016 19:57:50,Executive,\"Agree\n");
  const auto dir = test::import_temp_dir("respondents-mode");
  ImportOptions options;
  options.open = files.opener();
  options.respondents_path = (dir / "out.csv").string();
  const mode_t mask = ::umask(027);
  const ScoreRun run = run_exports({"f.csv"}, bank, options);
  CHECK(run.respondents_written);
  options.respondents_path = (dir / "failed.csv").string();
  CHECK_THROWS_WITH((void)run_exports({"bad.csv"}, bank, options),
                    "bad.csv:2:30: unterminated quoted field: its closing quote is missing");
  ::umask(mask);
  CHECK((std::filesystem::status(dir / "out.csv").permissions() & std::filesystem::perms::all)
        == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write
            | std::filesystem::perms::group_read));
  CHECK(
    std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator())
    == 1);
}

TEST_CASE("import::run_exports, labels that differ only in one byte are told apart")
{
  // The cached labels are compared 32 bytes at a time with a length mask:
  // a cell as long as a label but different in its last or first byte, or
  // longer than 32 bytes, must not match it.
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  std::string rows = k_forms_header;
  for (int i = 0; i < 3; ++i) { // the first row caches the labels, the rest hit the cache
    rows += "t,A,Strongly agree,Strongly agreX,Agree\n"
            "t,B,strongly agree,Agreee,Agre\n"
            "t,C,Strongly agree"
            + std::string(40, ' ') + "x,Disagree,Neutral\n";
  }
  files.add("f.csv", rows);
  ImportOptions options;
  options.open = files.opener();
  options.allow_unknown_labels = true;
  const ScoreRun run = run_exports({"f.csv"}, bank, options);
  REQUIRE(run.files.size() == 1);
  const auto& columns = run.files[0].columns;
  // Column 3: "Strongly agree" twice a round answers, "strongly agree"
  // (case is folded when first matched) too; the 55-byte cell does not.
  CHECK(columns[2].answered == 6);
  CHECK(columns[2].unknown == 3);
  CHECK(columns[3].answered == 3); // "Disagree"
  CHECK(columns[3].unknown == 6);  // "Strongly agreX" is not "Strongly agree"; "Agreee"
  CHECK(columns[4].answered == 6); // "Agree", "Neutral"
  CHECK(columns[4].unknown == 3);  // "Agre"
}

TEST_CASE("import::run_exports, a row too long for the row buffer is written the same way")
{
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  const std::string role(1500, 'r');
  files.add("f.csv", k_forms_header + "t,-" + role + ",Agree,Agree,\nt,+short,Agree,Agree,\n");
  const auto dir = test::import_temp_dir("long-row");
  ImportOptions options;
  options.open = files.opener();
  options.group_by = {"Role"};
  options.respondents_path = (dir / "out.csv").string();
  const ScoreRun run = run_exports({"f.csv"}, bank, options);
  CHECK(slurp(dir / "out.csv")
        == "respondent,Role,d,m,stage:level\n"
           "1,\"'-"
             + role
             + "\",50,,high\n"
               "2,\"'+short\",50,,high\n");
}

TEST_CASE("import::run_exports, JSON lines respondents output")
{
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  files.add("f.csv", k_forms_header + "t,\"Exec \"\"A\"\"\",Agree,Agree,\n");
  const auto dir = test::import_temp_dir("jsonl");
  ImportOptions options;
  options.open = files.opener();
  options.group_by = {"Role"};
  options.respondents_path = (dir / "out.jsonl").string();
  const ScoreRun run = run_exports({"f.csv"}, bank, options);
  CHECK(slurp(dir / "out.jsonl")
        == "{\"respondent\":\"1\",\"Role\":\"Exec \\\"A\\\"\",\"d\":50,\"m\":null,"
           "\"stage:level\":\"high\"}\n");
}

TEST_CASE("import::run_exports, unknown labels are errors with examples, never blanks")
{
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  files.add("f.csv",
            k_forms_header + "t,A,Agreee,Agree,7\nt,B,Agreee,Agree,Agree\nt,C,Agree,Agree,x\n");
  const auto dir = test::import_temp_dir("unknown");
  ImportOptions options;
  options.open = files.opener();
  options.respondents_path = (dir / "out.csv").string();
  SECTION("by default: errors, and no respondents file")
  {
    const ScoreRun run = run_exports({"f.csv"}, bank, options);
    const auto list = messages(run);
    CHECK(run.diagnostics.error_count() == 2);
    CHECK(has(list, "f.csv:2:5: error: column 3 'Leaders hear customers first-hand.': 2 answers "
                    "matched no option of the question's scale (e.g. 'Agreee'); add them as "
                    "aliases to the scale, or pass --allow-unknown-labels to count them as not "
                    "answered"));
    CHECK(has(list, "f.csv:2:18: error: column 5 'We track loyalty like revenue.': 2 answers "
                    "matched no option of the question's scale (e.g. '7', 'x'); add them as "
                    "aliases to the scale, or pass --allow-unknown-labels to count them as not "
                    "answered"));
    CHECK_FALSE(run.respondents_written);
    CHECK_FALSE(std::filesystem::exists(dir / "out.csv"));
    CHECK(std::filesystem::is_empty(dir));
  }
  SECTION("--allow-unknown-labels: warnings, counted as not answered")
  {
    options.allow_unknown_labels = true;
    const ScoreRun run = run_exports({"f.csv"}, bank, options);
    CHECK_FALSE(run.diagnostics.has_errors());
    CHECK(run.diagnostics.warning_count() == 2);
    CHECK(run.files[0].columns[2].unknown == 2);
    CHECK(run.files[0].columns[2].answered == 1);
    CHECK(run.aggregate.total().answers_of(0, answers::AnswerKind::missing) == 2);
  }
}

TEST_CASE("import::run_exports, identical results for 1, 2 and 8 threads")
{
  const score::CompiledBank bank(forms_bank());
  std::mt19937 random(11);
  const char* labels[] = {"",      "Strongly disagree", "Disagree", "Neutral",
                          "Agree", "Strongly agree"};
  const char* roles[] = {"Executive", "Manager", "\"Front, line\""};
  std::string text = k_forms_header;
  for (int i = 0; i < 3000; ++i) {
    text += "t," + std::string(roles[random() % 3]);
    for (int q = 0; q < 3; ++q) {
      text += ",";
      text += labels[random() % 6];
    }
    text += "\r\n";
  }
  MemoryFiles files;
  files.add("f.csv", text);
  const auto dir = test::import_temp_dir("threads");
  std::vector<std::string> outputs;
  std::vector<std::unique_ptr<ScoreRun>> runs;
  for (const unsigned threads : {1U, 2U, 8U}) {
    ImportOptions options;
    options.open = files.opener();
    options.group_by = {"Role"};
    options.threads = threads;
    options.chunk_bytes = 4096; // many blocks, so threads really interleave
    options.respondents_path = (dir / ("out" + std::to_string(threads) + ".csv")).string();
    runs.push_back(std::make_unique<ScoreRun>(run_exports({"f.csv"}, bank, options)));
    outputs.push_back(slurp(options.respondents_path));
  }
  CHECK(runs[0]->aggregate.total().respondents() == 3000);
  CHECK(runs[0]->aggregate.groups(0).size() == 3);
  CHECK(runs[0]->aggregate == runs[1]->aggregate);
  CHECK(runs[0]->aggregate == runs[2]->aggregate);
  CHECK(outputs[0] == outputs[1]);
  CHECK(outputs[0] == outputs[2]);
  CHECK(std::count(outputs[0].begin(), outputs[0].end(), '\n') == 3001);
}

TEST_CASE("import::run_exports, bad files")
{
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  ImportOptions options;
  options.open = files.opener();
  SECTION("header only")
  {
    files.add("h.csv", k_forms_header);
    CHECK_THROWS_WITH(run_exports({"h.csv"}, bank, options),
                      "h.csv: no responses: the file has only its header row");
  }
  SECTION("empty")
  {
    files.add("e.csv", "");
    CHECK_THROWS_WITH(run_exports({"e.csv"}, bank, options), "e.csv: the file is empty");
  }
  SECTION("unknown format")
  {
    files.add("u.csv", "foo,bar\n1,2\n");
    CHECK_THROWS_WITH(run_exports({"u.csv"}, bank, options),
                      "unknown export format for file 'u.csv'\nhint: no platform's header "
                      "matched and no column is a question id of the bank; name the platform "
                      "with --from (csv, jsonl, google-forms, ms-forms, qualtrics, surveymonkey, "
                      "typeform, limesurvey, surveyjs, alchemer, kobotoolbox) or map the columns "
                      "with --map "
                      "(--write-map writes a mapping to edit)");
  }
  SECTION("--from that does not fit")
  {
    files.add("f.csv", k_forms_header + "t,A,Agree,Agree,Agree\n");
    options.from = Platform::qualtrics;
    CHECK_THROWS_WITH(run_exports({"f.csv"}, bank, options),
                      "file 'f.csv' is not a qualtrics export (its header rows do not match)");
  }
  SECTION("unterminated quote in the data")
  {
    files.add("q.csv", k_forms_header + "t,A,Agree,Agree,Agree\nt,\"B,Agree,Agree,Agree\n");
    CHECK_THROWS_WITH(run_exports({"q.csv"}, bank, options),
                      "q.csv:3:3: unterminated quoted field: its closing quote is missing");
  }
  SECTION("--group-by a column that is not there")
  {
    files.add("f.csv", k_forms_header + "t,A,Agree,Agree,Agree\n");
    options.group_by = {"Rol"};
    CHECK_THROWS_WITH(run_exports({"f.csv"}, bank, options),
                      "--group-by 'Rol': file 'f.csv' has no such column, did you mean 'Role'?");
  }
  SECTION("a missing file")
  {
    CHECK_THROWS_WITH(run_exports({"/nonexistent/x.csv"}, bank, options),
                      "cannot open '/nonexistent/x.csv': No such file or directory");
  }
}

TEST_CASE("import::run_exports, ragged rows are reported, never shift columns")
{
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  files.add("r.csv", k_forms_header
                       + "t,A,Agree,Agree,Agree\n"
                         "t,B,Agree\n"
                         "t,C,Agree,Agree,Agree,extra\n"
                         "t,D,Agree,Agree,Agree,,\n");
  ImportOptions options;
  options.open = files.opener();
  const ScoreRun run = run_exports({"r.csv"}, bank, options);
  CHECK(run.files[0].rows == 4);
  CHECK(run.files[0].scored == 3);
  CHECK(run.files[0].malformed == 1);
  CHECK(run.files[0].short_rows == 1);
  const auto list = messages(run);
  CHECK(has(list, "r.csv:4:23: warning: skipped 1 row with more fields than the header (first "
                  "here)"));
  CHECK(has(list, "r.csv:3:5: warning: 1 row has fewer fields than the header; the missing "
                  "cells count as not answered (first here)"));
}

TEST_CASE("import::run_exports, Qualtrics preview, spam, incomplete and duplicate responses")
{
  const score::CompiledBank bank(test::import_bank({test::agree5()}, {{"Q1", "How much?"}}));
  MemoryFiles files;
  files.add("t.csv",
            "StartDate,Status,Progress,Finished,ResponseId,Q1\n"
            "Start Date,Response Type,Progress,Finished,Response ID,How much?\n"
            "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\","
            "\"{\"\"ImportId\"\":\"\"progress\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\","
            "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n"
            "2024-01-01,IP Address,100,True,R_1,Agree\n"
            "2024-01-01,Survey Preview,100,True,R_2,Agree\n"
            "2024-01-01,Spam,100,True,R_3,Agree\n"
            "2024-01-01,IP Address,50,False,R_4,Agree\n"
            "2024-01-01,IP Address,100,True,R_1,Disagree\n");
  ImportOptions options;
  options.open = files.opener();
  SECTION("excluded by default, with counts")
  {
    const ScoreRun run = run_exports({"t.csv"}, bank, options);
    const FileReport& file = run.files[0];
    CHECK(file.variant == "modern");
    CHECK(file.rows == 5);
    CHECK(file.scored == 2);
    CHECK(file.preview == 1);
    CHECK(file.spam == 1);
    CHECK(file.incomplete == 1);
    CHECK(file.duplicates == 1);
    const auto list = messages(run);
    CHECK(has(list, "t.csv: note: excluded 1 preview/test response and 1 spam response "
                    "(--include-preview, --include-spam keep them)"));
    CHECK(has(list, "t.csv: note: excluded 1 incomplete response (--include-incomplete keeps "
                    "them)"));
    CHECK(has(list, "t.csv: warning: 1 respondent id was seen before (e.g. 'R_1'); all were "
                    "scored"));
  }
  SECTION("kept on request")
  {
    options.include_preview = true;
    options.include_spam = true;
    options.include_incomplete = true;
    const ScoreRun run = run_exports({"t.csv"}, bank, options);
    CHECK(run.files[0].scored == 5);
  }
}

TEST_CASE("import::run_exports, Typeform and LimeSurvey")
{
  const score::CompiledBank bank(test::import_bank({test::agree5()}, {{"q1", "Rate us"}}));
  MemoryFiles files;
  ImportOptions options;
  options.open = files.opener();
  SECTION("Typeform: partial responses, apostrophe-protected cells")
  {
    files.add("tf.csv", "#,Rate us,Response Type,Start Date (UTC),Submit Date (UTC),Network ID\n"
                        "a1b2,Agree,completed,2024-01-01 10:00:00,2024-01-01 10:01:00,n1\n"
                        "c3d4,'-Agree,partial,2024-01-01 10:00:00,,n2\n");
    const ScoreRun run = run_exports({"tf.csv"}, bank, options);
    CHECK(run.files[0].platform == Platform::typeform);
    CHECK(run.files[0].scored == 1);
    CHECK(run.files[0].incomplete == 1);
  }
  SECTION("LimeSurvey: BOM, semicolons, every field quoted, empty submitdate is incomplete")
  {
    files.add("ls.csv",
              "\xEF\xBB\xBF\"id\";\"submitdate\";\"lastpage\";\"startlanguage\";\"q1\"\r\n"
              "\"1\";\"2024-01-01 10:00:00\";\"2\";\"en\";\"Strongly agree\"\r\n"
              "\"2\";\"\";\"1\";\"en\";\"Agree\"\r\n\r\n");
    const ScoreRun run = run_exports({"ls.csv"}, bank, options);
    CHECK(run.files[0].platform == Platform::limesurvey);
    CHECK(run.files[0].dialect.delimiter == ';');
    CHECK(run.files[0].scored == 1);
    CHECK(run.files[0].incomplete == 1);
    CHECK(run.aggregate.total().dimension(0).mean().value() == Approx(100));
  }
}

TEST_CASE("import::run_exports, generic CSV, JSON lines and SurveyJS JSON")
{
  const score::CompiledBank bank(
    test::import_bank({test::agree5()}, {{"q1", "One"}, {"q2", "Two", "agree", "d", true}}));
  MemoryFiles files;
  ImportOptions options;
  options.open = files.opener();
  SECTION("generic CSV: columns are question ids")
  {
    files.add("g.csv", "respondent,q1,q2\nalice,4,2\nbob,5,\n");
    const ScoreRun run = run_exports({"g.csv"}, bank, options);
    CHECK(run.files[0].platform == Platform::csv);
    CHECK(run.aggregate.total().dimension(0).mean().value() == Approx((75.0 + 100.0) / 2));
  }
  SECTION("JSON lines")
  {
    files.add("g.jsonl", "{\"respondent\":\"alice\",\"q1\":4,\"q2\":\"Disagree\"}\n"
                         "{\"respondent\":\"bob\",\"q1\":\"5\"}\n");
    const ScoreRun run = run_exports({"g.jsonl"}, bank, options);
    CHECK(run.files[0].platform == Platform::jsonl);
    CHECK(run.aggregate.total().dimension(0).mean().value() == Approx((75.0 + 100.0) / 2));
  }
  SECTION("SurveyJS: wrapped records, string-encoded JSON, absent keys")
  {
    files.add("s.json", "[{\"daysAgo\":1,\"data\":{\"q1\":4,\"q2\":2}},"
                        "{\"id\":2,\"json\":\"{\\\"q1\\\":5}\"}]");
    const ScoreRun run = run_exports({"s.json"}, bank, options);
    CHECK(run.files[0].platform == Platform::surveyjs);
    CHECK(run.files[0].scored == 2);
    CHECK(run.aggregate.total().dimension(0).mean().value() == Approx((75.0 + 100.0) / 2));
  }
  SECTION("broken JSON")
  {
    files.add("b.jsonl", "{\"q1\":4}\n{\"q1\":\n");
    CHECK_THROWS_WITH(run_exports({"b.jsonl"}, bank, options),
                      "b.jsonl:2:7: invalid JSON: syntax error while parsing value - unexpected "
                      "end of input; expected '[', '{', or a literal");
    files.add("d.json", "[\n  {\"q1\": 4},\n  {\"q1\" 4}\n]");
    CHECK_THROWS_WITH(run_exports({"d.json"}, bank, options),
                      "d.json:3:9: invalid JSON: syntax error while parsing object separator - "
                      "unexpected number literal; expected ':'");
  }
  SECTION("a number too large for a double (found by fuzzing), long text cut")
  {
    files.add("n.json", "[{\"q1\":1e999}]");
    CHECK_THROWS_WITH(run_exports({"n.json"}, bank, options),
                      "n.json:1:8: invalid JSON: number overflow parsing '1e999'");
    files.add("m.json", "[{\"q1\":1" + std::string(300, '0') + "e999}]");
    CHECK_THROWS_WITH(run_exports({"m.json"}, bank, options),
                      "m.json:1:8: invalid JSON: number overflow parsing '1" + std::string(174, '0')
                        + "...");
  }
}

TEST_CASE("import::run_exports, mapping files")
{
  const score::CompiledBank bank(forms_bank());
  MemoryFiles files;
  files.add("f.csv", "Timestamp,Role,Leaders hear customers,Complaints,Loyalty\n"
                     "t,A,Agree,Agree,Agree\n");
  const auto dir = test::import_temp_dir("map");
  ImportOptions options;
  options.open = files.opener();
  SECTION("nothing matches: the error says how to map")
  {
    CHECK_THROWS_WITH(run_exports({"f.csv"}, bank, options),
                      "file 'f.csv' (google-forms export): no column matches a question of bank "
                      "'import-test'; map the columns with --map (--write-map writes a mapping "
                      "to edit)");
  }
  SECTION("a mapping file maps by header")
  {
    files.add("m.yaml", "columns:\n"
                        "  - { header: Leaders hear customers, question: q1 }\n"
                        "  - { header: Complaints, question: q2 }\n"
                        "  - { header: Loyalty, question: ~ }\n");
    options.map_path = "m.yaml";
    options.write_map_path = (dir / "written.yaml").string();
    const ScoreRun run = run_exports({"f.csv"}, bank, options);
    CHECK(run.files[0].columns[2].match.how == MatchHow::map);
    CHECK(run.files[0].columns[4].match.status == MatchStatus::ignored);
    CHECK(run.aggregate.total().dimension(0).mean().value() == Approx((75.0 + 25.0) / 2));
    CHECK(slurp(options.write_map_path)
          == "# Column mapping for `centricity score --map`. Set `question` to a question id of\n"
             "# the bank, or ~ to ignore the column. `column` (1-based) tells repeated headers\n"
             "# apart. Comments say how each column was matched.\n"
             "format: centricity.column-map/1\n"
             "bank: \"import-test\"\n"
             "columns:\n"
             "  - header: \"Timestamp\"\n"
             "    question: ~  # platform metadata\n"
             "  - header: \"Role\"\n"
             "    question: ~  # unmapped\n"
             "  - header: \"Leaders hear customers\"\n"
             "    question: q1  # from the mapping file\n"
             "  - header: \"Complaints\"\n"
             "    question: q2  # from the mapping file\n"
             "  - header: \"Loyalty\"\n"
             "    question: ~  # ignored by the mapping file\n"
             "# Questions of the bank no column is mapped to (put one of these ids in place of\n"
             "# the ~ of the column that holds its answers):\n"
             "#   q3: We track loyalty like revenue.\n");
  }
  SECTION("a mapping that cannot be written is an output error naming the file")
  {
    files.add("m.yaml", "columns:\n  - { header: Leaders hear customers, question: q1 }\n");
    options.map_path = "m.yaml";
    options.write_map_path = (dir / "missing" / "written.yaml").string();
    try {
      (void)run_exports({"f.csv"}, bank, options);
      FAIL("no exception");
    } catch (const Error& e) {
      CHECK(std::string(e.what())
            == "cannot write '" + options.write_map_path
                 + "': cannot create a temporary file: No such file or directory");
      CHECK(e.code() == ExitCode::output);
    }
  }
  SECTION("a broken mapping file")
  {
    files.add("bad.yaml", "columns:\n  - { header: Loyalty, question: q33 }\n");
    options.map_path = "bad.yaml";
    CHECK_THROWS_WITH(run_exports({"f.csv"}, bank, options),
                      "cannot use the mapping file 'bad.yaml':\n  bad.yaml:2:34: error: unknown "
                      "question 'q33', did you mean 'q3'?");
  }
}

TEST_CASE("import::run_exports, shards saved and merged equal one run")
{
  const score::CompiledBank bank(forms_bank());
  std::mt19937 random(5);
  const char* labels[] = {"", "Disagree", "Neutral", "Agree", "Strongly agree"};
  const char* roles[] = {"Executive", "Manager", "Frontline"};
  MemoryFiles files;
  std::string whole = k_forms_header;
  std::vector<std::string> shards(4, k_forms_header);
  for (int i = 0; i < 400; ++i) {
    std::string row = "t," + std::string(roles[random() % 3]);
    for (int q = 0; q < 3; ++q) {
      row += ",";
      row += labels[random() % 5];
    }
    row += "\n";
    whole += row;
    shards[static_cast<std::size_t>(i / 100)] += row;
  }
  files.add("all.csv", whole);
  ImportOptions options;
  options.open = files.opener();
  options.group_by = {"Role"};
  const ScoreRun single = run_exports({"all.csv"}, bank, options);
  std::optional<score::Aggregate> merged;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    const std::string name = "shard" + std::to_string(s) + ".csv";
    files.add(name, shards[s]);
    const ScoreRun run = run_exports({name}, bank, options);
    // Through text, as `score --partial` and `centricity merge` do.
    const auto state = nlohmann::ordered_json::parse(run.aggregate.save().dump());
    auto shard = score::Aggregate::load(bank, state);
    if (merged) {
      merged->merge(shard);
    } else {
      merged.emplace(std::move(shard));
    }
  }
  CHECK(merged->total().respondents() == 400);
  CHECK(*merged == single.aggregate);
}
