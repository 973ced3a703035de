#include <centricity/import/csv.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace centricity;
using namespace centricity::import;

namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Parsed {
  std::vector<std::string> fields;
  std::uint64_t line = 0;
  std::uint64_t index = 0;
  std::string places; // "line:column " per field, when asked for
};

class Collect : public RecordSink {
public:
  bool record(const CsvRecord& record) override
  {
    out.push_back({{record.fields.begin(), record.fields.end()}, record.line, record.index, {}});
    if (parser != nullptr) {
      // Every field's position, and one past the last (a missing column).
      for (std::size_t f = 0; f <= record.fields.size(); ++f) {
        const auto loc = parser->where(*block, record, f);
        out.back().places += std::to_string(loc.line) + ":" + std::to_string(loc.column) + " ";
      }
    }
    return true;
  }
  std::vector<Parsed> out;
  const CsvParser* parser = nullptr; // set: record positions too
  const CsvBlock* block = nullptr;
};

// Splits and parses `text` with chunks of `chunk` bytes, one parser.
std::vector<Parsed> parse_all(const std::string& text, std::size_t chunk, CsvLimits limits = {},
                              CsvDialect* dialect = nullptr, bool fast_path = true,
                              bool places = false, std::optional<SimdLevel> simd = std::nullopt)
{
  auto source = string_source(text);
  CsvSplitter splitter(*source, "f.csv", limits, chunk);
  CsvParser parser("f.csv", splitter.dialect(), limits);
  parser.use_fast_path(fast_path);
  if (simd) {
    parser.use_simd(*simd);
  }
  Collect collect;
  CsvBlock block;
  if (places) {
    collect.parser = &parser;
    collect.block = &block;
  }
  while (splitter.next(block)) {
    parser.parse(block, collect);
  }
  if (dialect != nullptr) {
    *dialect = splitter.dialect();
  }
  return collect.out;
}

bool same(const std::vector<Parsed>& a, const std::vector<Parsed>& b)
{
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].fields != b[i].fields || a[i].line != b[i].line || a[i].index != b[i].index) {
      return false;
    }
  }
  return true;
}

} // namespace

TEST_CASE("import::read_csv, RFC 4180 quoting")
{
  const Rows rows = read_csv("a,\"b,c\",\"d \"\"q\"\"\"\n1,\"line1\nline2\",3\n", "f.csv");
  CHECK(rows == Rows{{"a", "b,c", "d \"q\""}, {"1", "line1\nline2", "3"}});
  // Empty quoted fields and empty unquoted fields.
  CHECK(read_csv("x,\"\",,y\n", "f.csv") == Rows{{"x", "", "", "y"}});
}

TEST_CASE("import::read_csv, line endings, BOM and trailing delimiters")
{
  CsvDialect dialect;
  SECTION("CRLF, no newline after the last record")
  {
    CHECK(read_csv("a,b\r\n1,2\r\n3,4", "f.csv", &dialect)
          == Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}});
    CHECK(dialect.newline == '\n');
  }
  SECTION("bare CR")
  {
    CHECK(read_csv("a,b\r1,2\r", "f.csv", &dialect) == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(dialect.newline == '\r');
  }
  SECTION("a UTF-8 BOM is not part of the first header")
  {
    CHECK(read_csv("\xEF\xBB\xBFStartDate,Q1\n1,2\n", "f.csv", &dialect)
          == Rows{{"StartDate", "Q1"}, {"1", "2"}});
    CHECK(dialect.bom);
  }
  SECTION("a trailing delimiter is an empty last field")
  {
    CHECK(read_csv("V1,Q1,\n1,2,\n", "f.csv") == Rows{{"V1", "Q1", ""}, {"1", "2", ""}});
    CHECK(read_csv("V1,Q1,\n1,2,", "f.csv") == Rows{{"V1", "Q1", ""}, {"1", "2", ""}});
  }
  SECTION("a CRLF inside quotes is data, the record ends at the next CRLF")
  {
    CHECK(read_csv("a\r\n\"x\r\ny\"\r\n", "f.csv") == Rows{{"a"}, {"x\r\ny"}});
  }
}

TEST_CASE("import::CsvSplitter, delimiter sniffing")
{
  CsvDialect dialect;
  SECTION("LimeSurvey: semicolons, every field quoted, BOM, extra CRLF at the end")
  {
    const Rows rows =
      read_csv("\xEF\xBB\xBF\"id\";\"submitdate\";\"lastpage\"\r\n\"1\";\"\";\"2\"\r\n\r\n",
               "f.csv", &dialect);
    CHECK(rows == Rows{{"id", "submitdate", "lastpage"}, {"1", "", "2"}});
    CHECK(dialect.delimiter == ';');
  }
  SECTION("tabs")
  {
    CHECK(read_csv("a\tb\n1\t2\n", "f.csv", &dialect) == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(dialect.delimiter == '\t');
  }
  SECTION("commas inside quotes do not count")
  {
    CHECK(read_csv("\"a,b,c\";d\n1;2\n", "f.csv", &dialect) == Rows{{"a,b,c", "d"}, {"1", "2"}});
    CHECK(dialect.delimiter == ';');
  }
}

TEST_CASE("import::CsvParser, physical lines")
{
  const auto records = parse_all("h1,h2\n1,\"x\ny\nz\"\n\n2,w\n", 1 << 20);
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 1);
  CHECK(records[1].line == 2);
  CHECK(records[1].fields[1] == "x\ny\nz");
  CHECK(records[2].line == 6); // after the blank line, which is no record
  CHECK(records[2].index == 2);
}

TEST_CASE("import::CsvSplitter, chunk boundaries never change the records")
{
  std::mt19937 random(7);
  std::string text = "id,text,value\r\n";
  for (int i = 0; i < 400; ++i) {
    text += std::to_string(i) + ",";
    switch (random() % 4) {
    case 0:
      text += "plain";
      break;
    case 1:
      text += "\"with, comma\"";
      break;
    case 2:
      text += "\"two\r\nlines and \"\"quotes\"\"\"";
      break;
    default:
      text += "\"\"";
    }
    text += "," + std::to_string(random() % 5) + "\r\n";
  }
  const auto reference = parse_all(text, 1 << 20);
  REQUIRE(reference.size() == 401);
  for (const std::size_t chunk : {64UL, 100UL, 257UL, 1000UL, 4096UL}) {
    INFO("chunk " << chunk);
    CHECK(same(parse_all(text, chunk), reference));
  }
}

TEST_CASE("import::CsvParser, the fast path gives what the general parser gives")
{
  // Random texts from the bytes that matter to either path: delimiters, CR,
  // LF, quotes, NUL, UTF-8 and Windows-1252 bytes, long and short fields;
  // both paths must give the same records, lines and positions, or the
  // same error.
  const std::vector<std::string> pieces = {"a",
                                           "Strongly agree",
                                           ",",
                                           ",",
                                           ",",
                                           "\n",
                                           "\n",
                                           "\r\n",
                                           "\r",
                                           "\"",
                                           "\"q,\"\"x\"\"\"",
                                           "\"Legal, Risk & Compliance\"",
                                           "\"\"",
                                           " ",
                                           "\t",
                                           "\xc3\xa9",
                                           "\xe9",
                                           std::string(1, '\0'),
                                           "0123456789abcdef",
                                           ";"};
  std::mt19937 random(42);
  CsvLimits limits;
  limits.max_columns = 24;
  limits.max_cell_bytes = 100;
  // Every instruction set this processor runs takes its turn.
  const std::vector<SimdLevel> levels = available_simd_levels();
#if defined(__x86_64__)
  REQUIRE(!levels.empty());
#endif
  const auto outcome = [&](const std::string& text, std::optional<SimdLevel> fast) {
    std::string out;
    try {
      for (const auto& record :
           parse_all(text, 256, limits, nullptr, fast.has_value(), true, fast)) {
        out += std::to_string(record.line) + "/" + std::to_string(record.index) + ":";
        for (const auto& field : record.fields) {
          out += "[" + field + "]";
        }
        out += " at " + record.places + "\n";
      }
    } catch (const Error& e) {
      out += std::string("error: ") + e.what();
    }
    return out;
  };
  int fast_records = 0;
  for (int round = 0; round < 3000; ++round) {
    // Every fifth text is of CR lines (header and line ends), so the
    // line-end checks of both kinds of file meet the fast path's fallback.
    const bool cr_file = round % 5 == 4;
    std::string text = cr_file ? "h1,h2,h3,h4\r" : round % 2 == 0 ? "h1,h2,h3,h4\n" : "";
    const std::size_t n = random() % 120;
    // Half the texts are plain (letters, delimiters, line ends, UTF-8), so
    // the fast path is taken often; the rest mix in everything.
    const bool plain = round % 4 < 2;
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t k = random() % 10 < 7 ? random() % 3 : random() % pieces.size();
      if (plain && k > 7) {
        // UTF-8, a long field, or a quoted field the fast path takes
        // (between delimiters, so it stays a whole field).
        const std::size_t easy[] = {11, 12, 15, 18};
        k = easy[k % 4];
        if (k == 11 || k == 12) {
          text += "," + pieces[k] + ",";
          continue;
        }
      }
      const std::string& piece = pieces[k == 2 ? 2 + random() % 4 : k];
      text += cr_file && piece == "\n" && random() % 4 != 0 ? std::string("\r") : piece;
    }
    INFO("text: " << text);
    const std::string general = outcome(text, std::nullopt);
    for (const SimdLevel level : levels) {
      INFO("instruction set " << static_cast<int>(level));
      CHECK(outcome(text, level) == general);
    }
    fast_records += general.find("error") == std::string::npos ? 1 : 0;
  }
  CHECK(fast_records > 1000); // the comparison saw many texts that parse
}

TEST_CASE("import::CsvParser, mixed line ends are refused where they change, never glued")
{
  // 40 respondents became 20 before: a bare CR in a file of LF lines was
  // read as data inside the first field of the next row.
  SECTION("a bare CR in a file of LF lines")
  {
    CHECK_THROWS_WITH(
      read_csv("id,q\n1,a\n2,b\r3,c\n4,d\n", "f.csv"),
      "f.csv:3:4: mixed line ends: this line ends with a bare CR (classic Mac), the "
      "lines before with LF or CR LF, so rows would run together; save the file "
      "with one kind of line end");
    // After a quoted field too (that ended the record without counting it).
    CHECK_THROWS_WITH(
      read_csv("id,q\n1,\"a\"\r2,b\n", "f.csv"),
      "f.csv:2:6: mixed line ends: this line ends with a bare CR (classic Mac), the "
      "lines before with LF or CR LF, so rows would run together; save the file "
      "with one kind of line end");
  }
  SECTION("LF in a file of CR lines")
  {
    CHECK_THROWS_WITH(read_csv("id,q\r1,a\r2,b\n3,c\r", "f.csv"),
                      "f.csv:3:4: mixed line ends: this line ends with LF or CR LF, the lines "
                      "before with a bare CR (classic Mac), so rows would run together; save the "
                      "file with one kind of line end");
    CHECK_THROWS_WITH(read_csv("id,q\r1,a\r\n2,b\r", "f.csv"),
                      "f.csv:2:4: mixed line ends: this line ends with LF or CR LF, the lines "
                      "before with a bare CR (classic Mac), so rows would run together; save the "
                      "file with one kind of line end");
  }
  SECTION("what is not mixed reads as before")
  {
    // LF and CR LF together; line breaks of any kind inside quotes; a bare
    // CR at the very end of the file.
    CHECK(read_csv("id,q\r\n1,\"a\rb\nc\"\n2,b\r", "f.csv")
          == Rows{{"id", "q"}, {"1", "a\rb\nc"}, {"2", "b"}});
  }
  SECTION("far into the file, whatever the chunk size")
  {
    std::string text = "id,q\n";
    for (int i = 0; i < 2000; ++i) {
      text += std::to_string(i) + (i == 1500 ? ",x\r" : ",x\n");
    }
    for (const std::size_t chunk : {64UL, 257UL, 4096UL}) {
      INFO("chunk " << chunk);
      CHECK_THROWS_WITH(parse_all(text, chunk),
                        "f.csv:1502:7: mixed line ends: this line ends with a bare CR (classic "
                        "Mac), the lines before with LF or CR LF, so rows would run together; save "
                        "the file with one kind of line end");
    }
  }
}

TEST_CASE("import::CsvParser, error handling")
{
  SECTION("unterminated quote")
  {
    CHECK_THROWS_WITH(read_csv("a,b\n1,\"oops\n2,3\n", "f.csv"),
                      "f.csv:2:3: unterminated quoted field: its closing quote is missing");
  }
  SECTION("quote inside an unquoted field")
  {
    CHECK_THROWS_WITH(
      read_csv("a,b\n1,x\"y\n", "f.csv"),
      "f.csv:2:4: quote inside an unquoted field (a field containing quotes must be quoted)");
  }
  SECTION("text after a closing quote")
  {
    CHECK_THROWS_WITH(
      read_csv("a,b\n\"x\"y,2\n", "f.csv"),
      "f.csv:2:4: unexpected text after a closing quote (a quote inside a field must be doubled)");
  }
  SECTION("a NUL byte in the first chunk")
  {
    CHECK_THROWS_WITH(read_csv(std::string("a,b\n1,\0\n", 8), "f.csv"),
                      "f.csv:2:3: NUL byte: this is binary data, not a CSV text file");
  }
  SECTION("a NUL byte further on")
  {
    std::string text = "a,b\n";
    for (int i = 0; i < 1100; ++i) {
      text += "1,2\n";
    }
    text += std::string("3,x\0y\n", 6);
    CHECK_THROWS_WITH(parse_all(text, 64),
                      "f.csv:1102:4: NUL byte: this is binary data, not a CSV text file");
  }
  SECTION("binary junk without NUL bytes")
  {
    std::string junk;
    for (int i = 0; i < 100; ++i) {
      junk += static_cast<char>(1 + i % 8);
    }
    CHECK_THROWS_WITH(read_csv(junk, "f.csv"), "f.csv: 100 control characters in the first 100 "
                                               "bytes: this is binary data, not a CSV text file");
  }
  SECTION("empty file")
  {
    CHECK_THROWS_WITH(read_csv("", "f.csv"), "f.csv: the file is empty");
  }
  SECTION("UTF-16")
  {
    CHECK_THROWS_WITH(
      read_csv(std::string("\xFF\xFE"
                           "a\0,\0",
                           6),
               "f.csv"),
      "f.csv: the file is UTF-16 text; save or export it as UTF-8 CSV and try again");
  }
  SECTION("a workbook that is not one: encrypted, or damaged")
  {
    std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    ole += std::string(504, '\0');
    CHECK_THROWS_WITH(read_csv(ole, "f.xlsx"),
                      "f.xlsx: an OLE2 compound file: an old Excel .xls workbook or a "
                      "password-protected XLSX, neither of which can be read; save it as an XLSX "
                      "workbook without a password, or export the sheet as CSV");
    ole += std::string("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    CHECK_THROWS_WITH(read_csv(ole, "f.xlsx"),
                      "f.xlsx: an encrypted (password-protected) XLSX workbook, which cannot be "
                      "read without its password; save a copy without the password (Excel: File > "
                      "Info > Protect Workbook) or export the sheet as CSV");
    // Before: "NUL byte: this is binary data, not a CSV text file".
    CHECK_THROWS_WITH(read_csv(std::string("\x01\x02\0junk", 7), "f.xlsx"),
                      "f.xlsx: named as an XLSX workbook, but it is not one (a workbook is a zip "
                      "archive, starting with 'PK'; this file starts with 0x01 0x02 0x00 0x6A): it "
                      "is damaged or another kind of file renamed");
  }
  SECTION("a zip archive")
  {
    CHECK_THROWS_WITH(read_csv(std::string("PK\x03\x04rest", 8), "f.csv"),
                      "f.csv: the file is a zip archive (an XLSX workbook?), not CSV text");
  }
  SECTION("cell limit, unquoted and quoted")
  {
    CsvLimits limits;
    limits.max_cell_bytes = 8;
    CHECK_THROWS_WITH(parse_all("a,b\n1,123456789\n", 1 << 20, limits),
                      "f.csv:2:3: cell larger than 8 bytes");
    CHECK_THROWS_WITH(parse_all("a,b\n1,\"1234\n56789\"\n", 1 << 20, limits),
                      "f.csv:2:3: cell larger than 8 bytes");
    CHECK(parse_all("a,b\n1,12345678\n", 1 << 20, limits).size() == 2);
  }
  SECTION("column limit")
  {
    CsvLimits limits;
    limits.max_columns = 3;
    CHECK_THROWS_WITH(parse_all("a,b,c,d\n", 1 << 20, limits),
                      "f.csv:1:7: more than 3 columns in one record");
  }
}

TEST_CASE("import::CsvParser, a 50 MB cell")
{
  // Generated here, never committed: the reader must stop at its limits
  // with a position, not buffer the cell.
  const std::string big(50'000'000, 'x');
  CHECK_THROWS_WITH(parse_all("a,b\n1," + big + "\n", 1 << 20),
                    "f.csv:2:3: cell larger than 1 MiB");
  CHECK_THROWS_WITH(parse_all("a,b\n1,\"" + big + "\"\n", 1 << 20),
                    "f.csv:2:3: cell larger than 1 MiB");
}

TEST_CASE("import::CsvSplitter, encodings")
{
  SECTION("not UTF-8 from the start: Windows-1252, with a warning")
  {
    const std::string text = "name,q\nCaf\xE9 \x92"
                             "bar\x92,x\n";
    auto source = string_source(text);
    CsvSplitter splitter(*source, "f.csv", {}, 1 << 20);
    CHECK(splitter.dialect().encoding == Encoding::cp1252);
    REQUIRE(splitter.diagnostics().all().size() == 1);
    CHECK(util::format_diagnostic(splitter.diagnostics().all()[0])
          == "f.csv:2:4: warning: not valid UTF-8 (byte 0xE9); reading the file as Windows-1252");
    CHECK(read_csv(text, "f.csv")[1][0]
          == "Caf\xC3\xA9 \xE2\x80\x99"
             "bar\xE2\x80\x99");
  }
  SECTION("a bad byte after the first chunk: that cell is read as Windows-1252")
  {
    std::string text = "name,q\n";
    for (int i = 0; i < 1000; ++i) {
      text += "ok,x\n";
    }
    text += "it\x92s,y\n";
    auto source = string_source(text);
    CsvSplitter splitter(*source, "f.csv", {}, 64);
    CHECK(splitter.dialect().encoding == Encoding::utf8);
    CsvParser parser("f.csv", splitter.dialect(), {});
    Collect collect;
    CsvBlock block;
    while (splitter.next(block)) {
      parser.parse(block, collect);
    }
    CHECK(collect.out.back().fields[0] == "it\xE2\x80\x99s");
    CHECK(parser.transcoded_cells() == 1);
    CHECK(parser.first_transcoded().line == 1002);
    CHECK(parser.first_transcoded().column == 1);
  }
}
