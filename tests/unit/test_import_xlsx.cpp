#include "test_import_bank.hpp"

#include <centricity/import/pipeline.hpp>
#include <centricity/import/xlsx.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

using namespace centricity;
using namespace centricity::import;
using test::k_rels;
using test::k_workbook;
using test::make_zip;
using test::slurp;

namespace {

using Rows = std::vector<std::pair<std::uint64_t, std::vector<std::string>>>;

std::string book_of(const std::string& sheet, const std::string& shared = "<sst/>")
{
  return make_zip({{"xl/workbook.xml", k_workbook},
                   {"xl/_rels/workbook.xml.rels", k_rels},
                   {"xl/sharedStrings.xml", shared},
                   {"xl/worksheets/sheet1.xml", sheet}});
}

// Every row read_xlsx_rows() hands on, with its number, until it throws;
// the error's text, if any, goes to `error`.
Rows rows_of(const std::string& book, std::string* error = nullptr)
{
  Rows rows;
  try {
    read_xlsx_rows(
      book, "b.xlsx", [&](std::uint64_t number, std::span<const std::string_view> cells) {
        rows.emplace_back(number, std::vector<std::string>(cells.begin(), cells.end()));
      });
  } catch (const centricity::Error& e) {
    if (error == nullptr) {
      throw;
    }
    *error = e.what();
  }
  return rows;
}

std::string xml_escape(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else {
      out += c;
    }
  }
  return out;
}

// `rows` as a CSV file and as a workbook the way Excel writes one: blank
// cells left out, the others with `r=` references, text in the shared
// strings table in even columns and inline in odd ones, numbers as numbers.
std::pair<std::string, std::string> csv_and_xlsx(const std::vector<std::vector<std::string>>& rows)
{
  std::string csv;
  std::string sheet = "<worksheet><sheetData>";
  std::vector<std::string> shared;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string number = std::to_string(r + 1);
    sheet += "<row r=\"" + number + "\">";
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& text = rows[r][c];
      csv += c == 0 ? "\"" : ",\"";
      for (const char ch : text) {
        csv += ch == '"' ? "\"\"" : std::string(1, ch);
      }
      csv += "\"";
      if (text.empty()) {
        continue;
      }
      const std::string ref = std::string(1, static_cast<char>('A' + c)) + number;
      if (text.find_first_not_of("0123456789") == std::string::npos) {
        sheet += "<c r=\"" + ref + "\"><v>" + text + "</v></c>";
      } else if (c % 2 == 0) {
        sheet += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(shared.size()) + "</v></c>";
        shared.push_back(text);
      } else {
        sheet +=
          "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + xml_escape(text) + "</t></is></c>";
      }
    }
    sheet += "</row>";
    csv += "\n";
  }
  sheet += "</sheetData></worksheet>";
  std::string sst = "<sst>";
  for (const auto& text : shared) {
    sst += "<si><t>" + xml_escape(text) + "</t></si>";
  }
  sst += "</sst>";
  return {csv, book_of(sheet, sst)};
}

} // namespace

TEST_CASE("import::read_xlsx_rows, rows handed on in order as they are parsed")
{
  // Sparse cells with references, a missing row, shared and inline strings
  // (rich text, with a phonetic hint that is not text), numbers, booleans,
  // formula strings, a row without `r` and cells without references.
  const std::string sheet =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>q1</t></is>"
    "</c><c r=\"D1\" t=\"s\"><v>0</v></c></row>"
    "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><r><t>Ag</t></r><rPh><t>x</t></rPh>"
    "<r><t>ree</t></r></is></c></row>"
    "<row><c><v>4.0</v></c><c t=\"b\"><v>1</v></c><c t=\"str\"><v>=x</v></c>"
    "<c><v>0.25</v></c><c r=\"F4\" t=\"s\"><v>0</v></c></row>"
    "<row r=\"5\"/>"
    "</sheetData></worksheet>";
  const Rows rows = rows_of(book_of(sheet, "<sst><si><t>q2</t></si><si><t>id</t></si></sst>"));
  REQUIRE(rows.size() == 5);
  CHECK(rows[0] == Rows::value_type{1, {"id", "q1", "", "q2"}});
  CHECK(rows[1] == Rows::value_type{2, {}});                    // not in the sheet
  CHECK(rows[2] == Rows::value_type{3, {"", "Agree", "", ""}}); // padded to row 1
  CHECK(rows[3] == Rows::value_type{4, {"4", "TRUE", "=x", "0.25", "", "q2"}});
  CHECK(rows[4] == Rows::value_type{5, {}}); // empty rows stay empty
  CHECK(read_xlsx(book_of(sheet, "<sst><si><t>q2</t></si><si><t>id</t></si></sst>"), "b.xlsx")
        == std::vector<std::vector<std::string>>{{"id", "q1", "", "q2"},
                                                 {},
                                                 {"", "Agree", "", ""},
                                                 {"4", "TRUE", "=x", "0.25", "", "q2"},
                                                 {}});
}

TEST_CASE("import::read_xlsx_rows, error handling")
{
  std::string error;
  SECTION("a bad cell reference: the rows before it are handed on first")
  {
    const Rows rows = rows_of(book_of("<worksheet><sheetData>"
                                      "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                                      "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"
                                      "<row r=\"3\"><c r=\"A2\"><v>3</v></c></row>"
                                      "</sheetData></worksheet>"),
                              &error);
    CHECK(rows == Rows{{1, {"1"}}, {2, {"2"}}});
    CHECK(error == "b.xlsx: bad cell reference 'A2' in worksheet row 3");
  }
  SECTION("damaged XML mid-sheet, named with its part, line and column")
  {
    const Rows rows = rows_of(book_of("<worksheet><sheetData>\n"
                                      "<row r=\"1\"><c><v>1</v></c></row>\n"
                                      "<row r=\"2\"><c><v>2</v></c></row>\n"
                                      "<row r=\"3\"><c><v>3</v></row>\n"
                                      "</sheetData></worksheet>"),
                              &error);
    CHECK(rows == Rows{{1, {"1"}}, {2, {"2"}}});
    CHECK(error
          == "b.xlsx: damaged workbook part 'xl/worksheets/sheet1.xml': mismatched tag at "
             "line 4, column 25");
  }
  SECTION("rows out of order, a shared string that is not there")
  {
    CHECK(rows_of(book_of("<worksheet><sheetData><row r=\"2\"/><row r=\"2\"/></sheetData>"
                          "</worksheet>"),
                  &error)
          == Rows{{1, {}}});
    CHECK(error == "b.xlsx: worksheet row 2 is out of order");
    CHECK(rows_of(book_of("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                          "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>7</v></c></row></sheetData>"
                          "</worksheet>"),
                  &error)
          == Rows{{1, {"1"}}});
    CHECK(error == "b.xlsx: cell B2 refers to shared string 7 of 0");
  }
  SECTION("an exception from the sink stops the reading")
  {
    std::vector<std::uint64_t> seen;
    CHECK_THROWS_WITH(read_xlsx_rows(book_of("<worksheet><sheetData><row/><row/><row/></sheetData>"
                                             "</worksheet>"),
                                     "b.xlsx",
                                     [&](std::uint64_t number, std::span<const std::string_view>) {
                                       seen.push_back(number);
                                       if (number == 2) {
                                         throw std::runtime_error("enough");
                                       }
                                     }),
                      "enough");
    CHECK(seen == std::vector<std::uint64_t>{1, 2});
  }
}

TEST_CASE("import::run_exports, an XLSX sheet streamed scores as the same rows in CSV")
{
  // Qualtrics-like: three header rows, statuses and progress that exclude
  // rows, duplicate ids, unknown labels and blanks, over several batches of
  // the table scorer.
  const score::CompiledBank bank(test::import_bank(
    {test::agree5()}, {{"q1", "Leaders hear customers first-hand."},
                       {"q2", "Complaints reach the right people.", "agree", "d", true},
                       {"q3", "We track loyalty like revenue.", "agree", "m"}}));
  std::vector<std::vector<std::string>> rows = {
    {"StartDate", "Status", "Progress", "ResponseId", "Role", "q1", "q2", "q3"},
    {"Start Date", "Response Type", "Progress", "Response ID", "Role",
     "Leaders hear customers first-hand.", "Complaints reach the right people.",
     "We track loyalty like revenue."},
    {"{\"ImportId\":\"startDate\"}", "{\"ImportId\":\"status\"}", "{\"ImportId\":\"progress\"}",
     "{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"QID9\"}", "{\"ImportId\":\"QID1\"}",
     "{\"ImportId\":\"QID2\"}", "{\"ImportId\":\"QID3\"}"}};
  std::mt19937 random(7);
  const std::vector<std::string> labels = {"",      "Strongly disagree", "Disagree", "Neutral",
                                           "Agree", "Strongly agree",    "Agreed",   "N/A"};
  const std::vector<std::string> statuses = {"IP Address", "IP Address", "IP Address",
                                             "Survey Preview", "Spam"};
  for (int i = 0; i < 10000; ++i) {
    std::vector<std::string> row = {
      "2024-01-01 10:00:00", statuses[random() % 5], random() % 20 == 0 ? "50" : "100",
      "R_" + std::to_string(random() % 9900), random() % 2 == 0 ? "Manager" : "Front line & back"};
    for (int q = 0; q < 3; ++q) {
      row.push_back(labels[random() % labels.size()]);
    }
    rows.push_back(std::move(row));
  }
  const auto [csv, book] = csv_and_xlsx(rows);
  test::MemoryFiles files;
  files.add("e.csv", csv);
  files.add("e.xlsx", book);
  const auto dir = test::import_temp_dir("xlsx-stream");
  const auto run = [&](const std::string& file, const std::string& respondents) {
    ImportOptions options;
    options.open = files.opener();
    options.group_by = {"Role"};
    options.allow_unknown_labels = true;
    options.respondents_path = (dir / respondents).string();
    return run_exports({file}, bank, options);
  };
  const ScoreRun from_csv = run("e.csv", "csv.jsonl");
  const ScoreRun from_xlsx = run("e.xlsx", "xlsx.jsonl");
  const FileReport& a = from_csv.files[0];
  const FileReport& b = from_xlsx.files[0];
  CHECK(b.format == "XLSX");
  CHECK(b.platform == Platform::qualtrics);
  CHECK(b.rows == 10000);
  CHECK(b.scored > 5000);
  CHECK(b.preview > 0);
  CHECK(b.spam > 0);
  CHECK(b.incomplete > 0);
  CHECK(b.duplicates > 0);
  CHECK(std::make_tuple(a.rows, a.scored, a.preview, a.spam, a.incomplete, a.duplicates,
                        a.short_rows, a.malformed)
        == std::make_tuple(b.rows, b.scored, b.preview, b.spam, b.incomplete, b.duplicates,
                           b.short_rows, b.malformed));
  REQUIRE(a.columns.size() == b.columns.size());
  for (std::size_t c = 0; c < a.columns.size(); ++c) {
    CHECK(a.columns[c].answered == b.columns[c].answered);
    CHECK(a.columns[c].unknown == b.columns[c].unknown);
    CHECK(a.columns[c].missing_tokens == b.columns[c].missing_tokens);
    REQUIRE(a.columns[c].unknown_examples.size() == b.columns[c].unknown_examples.size());
    for (std::size_t e = 0; e < a.columns[c].unknown_examples.size(); ++e) {
      CHECK(a.columns[c].unknown_examples[e].text == b.columns[c].unknown_examples[e].text);
      CHECK(a.columns[c].unknown_examples[e].loc.line == b.columns[c].unknown_examples[e].loc.line);
    }
  }
  CHECK(from_csv.aggregate == from_xlsx.aggregate);
  CHECK(from_csv.diagnostics.all().size() == from_xlsx.diagnostics.all().size());
  const std::string respondents = slurp(dir / "csv.jsonl");
  CHECK(static_cast<std::uint64_t>(std::count(respondents.begin(), respondents.end(), '\n'))
        == b.scored);
  CHECK(respondents == slurp(dir / "xlsx.jsonl"));
}

TEST_CASE("import::read_xlsx, sparse cells, inline strings and limits")
{
  const std::string sheet =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c>"
    "<c r=\"C1\" t=\"s\"><v>0</v></c></row>"
    "<row r=\"3\"><c r=\"A3\"><v>7</v></c><c r=\"C3\" t=\"inlineStr\"><is><r><t>Ag</t></r>"
    "<r><t>ree</t></r></is></c></row>"
    "</sheetData></worksheet>";
  const std::string shared = "<sst><si><t>q1</t></si></sst>";
  const std::string book = make_zip({{"xl/workbook.xml", k_workbook},
                                     {"xl/_rels/workbook.xml.rels", k_rels},
                                     {"xl/sharedStrings.xml", shared},
                                     {"xl/worksheets/sheet1.xml", sheet}});
  const auto rows = read_xlsx(book, "b.xlsx");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::vector<std::string>{"id", "", "q1"});
  CHECK(rows[1].empty());
  CHECK(rows[2] == std::vector<std::string>{"7", "", "Agree"});

  SECTION("a part that inflates past the limit (a zip bomb)")
  {
    const std::string bomb = make_zip({{"xl/workbook.xml", k_workbook},
                                       {"xl/_rels/workbook.xml.rels", k_rels},
                                       {"xl/worksheets/sheet1.xml", std::string(3 << 20, ' ')}});
    CHECK(bomb.size() < 100'000);
    CHECK_THROWS_WITH(read_xlsx(bomb, "b.xlsx", std::size_t{1} << 20),
                      "b.xlsx: part 'xl/worksheets/sheet1.xml' claims 3145728 bytes inflated, more "
                      "than 1 MiB (a zip bomb?)");
    // Under the size cap but far beyond any real compression ratio: stopped
    // while inflating, after a megabyte or so, not at 256 MiB (a 258 KB bomb
    // took 26 s and 524 MB).
    const std::string dense = make_zip({{"xl/workbook.xml", k_workbook},
                                        {"xl/_rels/workbook.xml.rels", k_rels},
                                        {"xl/worksheets/sheet1.xml", std::string(40 << 20, ' ')}});
    try {
      (void)read_xlsx(dense, "b.xlsx");
      FAIL("no error");
    } catch (const centricity::Error& e) {
      CHECK_THAT(e.what(), Catch::StartsWith("b.xlsx: part 'xl/worksheets/sheet1.xml' inflates to "
                                             "more than 250 times its compressed size of "));
    }
  }
  SECTION("damaged XML is reported at its line and column")
  {
    const std::string broken =
      make_zip({{"xl/workbook.xml", k_workbook},
                {"xl/_rels/workbook.xml.rels", k_rels},
                {"xl/worksheets/sheet1.xml", "<worksheet>\n<sheetData><row>"
                                             "</sheetData>"}});
    CHECK_THROWS_WITH(read_xlsx(broken, "b.xlsx"),
                      "b.xlsx: damaged workbook part 'xl/worksheets/sheet1.xml': mismatched tag at "
                      "line 2, column 19");
  }
  SECTION("not a workbook")
  {
    CHECK_THROWS_WITH(read_xlsx(make_zip({{"a.txt", "x"}}), "b.xlsx"),
                      "b.xlsx: a zip archive, but not an XLSX workbook (no xl/workbook.xml)");
    CHECK_THROWS_WITH(read_xlsx("PK\x03\x04garbage", "b.xlsx"),
                      Catch::StartsWith("b.xlsx: not a valid XLSX workbook: "));
  }
  SECTION("scored through run_exports like a CSV")
  {
    const score::CompiledBank bank(test::import_bank({test::agree5()}, {{"q1", "One"}}));
    test::MemoryFiles files;
    files.add("b.xlsx", book);
    ImportOptions options;
    options.open = files.opener();
    const ScoreRun run = run_exports({"b.xlsx"}, bank, options);
    CHECK(run.files[0].rows == 1);
    CHECK(run.aggregate.total().dimension(0).mean().value() == Approx(75));
  }
}
