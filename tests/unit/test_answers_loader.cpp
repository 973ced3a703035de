#include "test_score_bank.hpp"

#include <centricity/answers/bank_ref.hpp>
#include <centricity/answers/loader.hpp>
#include <centricity/util/file_reader.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace centricity;
using answers::AnswerKind;

namespace {

// Every diagnostic as "file:line:column: error: message", one per line.
std::string messages(const util::Diagnostics& diagnostics)
{
  std::string out;
  for (const auto& d : diagnostics.all()) {
    out += util::format_diagnostic(d) + "\n";
  }
  return out;
}

answers::AnswersResult parse(const std::string& text, const std::string& file = "a.yaml")
{
  const auto bank = test::test_bank();
  answers::AnswersResult out;
  answers::parse_answers(text, file, bank, out);
  return out;
}

} // namespace

TEST_CASE("answers::parse_answers, one respondent")
{
  const auto result = parse("respondent: alice\n"
                            "role: Executive\n"
                            "department: Sales\n"
                            "answers:\n"
                            "  contact-1: 4\n"
                            "  contact-2: Strongly agree\n"
                            "  contact-3: 5 - Strongly agree\n"
                            "  metrics-1: N/A\n"
                            "  metrics-2: dk\n"
                            "  culture-1: ~\n");
  REQUIRE(messages(result.diagnostics).empty());
  REQUIRE(result.responses.size() == 1);
  const auto& response = result.responses[0];
  CHECK(response.respondent == "alice");
  REQUIRE(response.fields.size() == 2);
  CHECK(response.fields[0].name == "role");
  CHECK(response.fields[0].value == "Executive");
  CHECK(*response.field("department") == "Sales");
  CHECK(response.field("region") == nullptr);
  REQUIRE(response.answers.size() == 7);
  CHECK(response.answers[0].kind == AnswerKind::value);
  CHECK(response.answers[0].option == 3);
  CHECK(response.answers[1].option == 4);
  CHECK(response.answers[2].option == 4);
  CHECK(response.answers[3].kind == AnswerKind::not_applicable);
  CHECK(response.answers[4].kind == AnswerKind::dont_know);
  CHECK(response.answers[5].kind == AnswerKind::missing);
  CHECK(response.answers[6].kind == AnswerKind::missing);
  CHECK(response.loc.line == 1);
}

TEST_CASE("answers::parse_answers, lists, JSON and default names")
{
  SECTION("a list of respondents is named after the file")
  {
    const auto result = parse("- answers: {contact-1: 1}\n"
                              "- respondent: bob\n"
                              "  answers: {contact-1: 2}\n",
                              "data/team.yaml");
    REQUIRE(messages(result.diagnostics).empty());
    REQUIRE(result.responses.size() == 2);
    CHECK(result.responses[0].respondent == "team#1");
    CHECK(result.responses[1].respondent == "bob");
  }
  SECTION("JSON, with a quoted number as a label")
  {
    const auto result = parse(
      "{\"respondent\": \"c\", \"answers\": {\"contact-1\": \"3\", \"metrics-1\": 5}}", "c.json");
    REQUIRE(messages(result.diagnostics).empty());
    CHECK(result.responses[0].answers[0].option == 2);
    CHECK(result.responses[0].answers[3].option == 4);
  }
  SECTION("empty answers leave everything unanswered")
  {
    const auto result = parse("answers:\n");
    REQUIRE(messages(result.diagnostics).empty());
    CHECK(result.responses[0].answers[0].kind == AnswerKind::missing);
    CHECK(result.responses[0].respondent == "a");
  }
}

TEST_CASE("answers::parse_answers, error handling")
{
  SECTION("unknown question id")
  {
    CHECK(messages(parse("answers:\n  contct-1: 4\n").diagnostics)
          == "a.yaml:2:3: error: unknown question 'contct-1', did you mean 'contact-1'?\n");
  }
  SECTION("value not on the scale")
  {
    CHECK(messages(parse("answers:\n  contact-1: 6\n").diagnostics)
          == "a.yaml:2:14: error: question 'contact-1': value 6 is not on scale 'agree' "
             "(values: 1, 2, 3, 4, 5)\n");
  }
  SECTION("label matching no option")
  {
    CHECK(messages(parse("answers:\n  contact-1: Agre\n").diagnostics)
          == "a.yaml:2:14: error: question 'contact-1': 'Agre' matches no option of scale "
             "'agree', did you mean 'Agree'?\n");
  }
  SECTION("answered twice")
  {
    CHECK(messages(parse("answers:\n  contact-1: 4\n  contact-1: 5\n").diagnostics)
          == "a.yaml:3:3: error: question 'contact-1' is answered twice\n");
  }
  SECTION("a list as an answer")
  {
    CHECK(messages(parse("answers:\n  contact-1: [4, 5]\n").diagnostics)
          == "a.yaml:2:14: error: the answer to question 'contact-1' must be a single value, "
             "not a list\n");
  }
  SECTION("answers not a mapping")
  {
    CHECK(messages(parse("answers: [1, 2]\n").diagnostics)
          == "a.yaml:1:10: error: 'answers' must be a mapping of question id to answer, not a "
             "list\n");
  }
  SECTION("a misspelt answers key")
  {
    CHECK(messages(parse("answer:\n  contact-1: 4\n").diagnostics)
          == "a.yaml:2:3: error: respondent field 'answer' must be a single value, not a "
             "mapping, did you mean 'answers'?\n");
  }
  SECTION("a question at the top level")
  {
    CHECK(messages(parse("contact-1: 4\nanswers: {}\n").diagnostics)
          == "a.yaml:1:1: error: 'contact-1' is a question: put answers under 'answers:'\n");
  }
  SECTION("no answers at all")
  {
    CHECK(messages(parse("respondent: x\n").diagnostics)
          == "a.yaml:1:1: error: missing required field 'answers'\n");
  }
  SECTION("not a mapping")
  {
    CHECK(messages(parse("just text\n").diagnostics)
          == "a.yaml:1:1: error: an answers file must be a mapping or a list of mappings, not a "
             "string\n");
  }
  SECTION("syntax errors come from the YAML reader")
  {
    CHECK(messages(parse("answers: {contact-1: 4\n").diagnostics)
          == "a.yaml:2:1: error: syntax error: end of map flow not found\n");
  }
  SECTION("a bank that is not the one scored")
  {
    CHECK(messages(parse("bank: {id: other-bank, version: '1.0'}\nanswers: {}\n").diagnostics)
          == "a.yaml:1:7: error: answered on bank 'other-bank', not on bank 'test-bank'\n");
  }
  SECTION("a bank with an unknown field, a list, or no id")
  {
    CHECK(messages(parse("bank: {id: test-bank, verison: '1.0'}\nanswers: {}\n").diagnostics)
          == "a.yaml:1:23: error: unknown field 'verison' in bank, did you mean 'version'?\n");
    CHECK(messages(parse("bank: [test-bank]\nanswers: {}\n").diagnostics)
          == "a.yaml:1:7: error: 'bank' must be a mapping of id, version and path, not a list\n");
    CHECK(messages(parse("bank: {version: '1.0'}\nanswers: {}\n").diagnostics)
          == "a.yaml:1:7: error: 'bank' must give the bank's id\n");
    CHECK(messages(parse("bank: {id: [a]}\nanswers: {}\n").diagnostics)
          == "a.yaml:1:12: error: 'bank: id' must be a single value, not a list\n");
  }
  SECTION("every problem is listed, and nothing is kept from a bad respondent")
  {
    const auto result = parse("answers:\n  contact-1: 9\n  nope: 1\n");
    CHECK(result.diagnostics.error_count() == 2);
    CHECK(result.responses.empty());
  }
}

TEST_CASE("answers::parse_answers, the bank recorded as data is not a group field")
{
  const auto result = parse("bank:\n  id: test-bank\n  version: \"1.0\"\n  path: ../b.yaml\n"
                            "role: CEO\nanswers: {contact-1: 4}\n");
  REQUIRE(messages(result.diagnostics).empty());
  REQUIRE(result.responses.size() == 1);
  REQUIRE(result.responses[0].fields.size() == 1);
  CHECK(result.responses[0].fields[0].name == "role");
}

TEST_CASE("answers::read_bank_refs")
{
  SECTION("a mapping, a bare id, one per respondent of a list")
  {
    const auto refs = answers::read_bank_refs(
      "- {bank: {id: a, version: '2', path: x/a.yaml}, answers: {}}\n- {bank: b, answers: {}}\n"
      "- {answers: {}}\n",
      "dir/list.yaml");
    REQUIRE(refs.size() == 2);
    CHECK(refs[0].id == "a");
    CHECK(refs[0].version == "2");
    CHECK(refs[0].path == "x/a.yaml");
    CHECK(refs[0].answers == "dir/list.yaml");
    CHECK(refs[0].loc.line == 1);
    CHECK(refs[1].id == "b");
    CHECK(refs[1].path.empty());
  }
  SECTION("the header comment of a file written before the bank was data")
  {
    const auto refs = answers::read_bank_refs(
      "# centricity answers for \"T\" (bank my-bank, version 1.2)\n"
      "# Saved by 'centricity assess' after every answer; continue with\n"
      "#   centricity assess --bank banks/my-bank.yaml --answers a.yaml --resume\n"
      "answers: {}\n",
      "a.yaml");
    REQUIRE(refs.size() == 1);
    CHECK(refs[0].id == "my-bank");
    CHECK(refs[0].version == "1.2");
    CHECK(refs[0].path == "banks/my-bank.yaml");
    CHECK(refs[0].from_comment);
  }
  SECTION("a file that records nothing, or does not parse")
  {
    CHECK(answers::read_bank_refs("answers: {}\n", "a.yaml").empty());
    CHECK(answers::read_bank_refs("bank: [\n", "a.yaml").empty());
  }
}

TEST_CASE("answers::check_bank_refs and recorded_bank, error handling")
{
  const auto bank = test::test_bank();
  answers::BankRef ref;
  ref.id = "test-bank";
  ref.version = "0.9";
  ref.answers = "a.yaml";
  ref.loc = {"a.yaml", 2, 3};
  SECTION("another version is a warning")
  {
    util::Diagnostics out;
    answers::check_bank_refs(bank, {ref}, "", out);
    CHECK(messages(out)
          == "a.yaml:2:3: warning: answered on version 0.9 of bank 'test-bank'; "
             "scoring on version 1.0\n");
  }
  SECTION("another bank given with --bank is a usage error")
  {
    ref.id = "other";
    util::Diagnostics out;
    CHECK_THROWS_WITH(answers::check_bank_refs(bank, {ref}, "my.yaml", out),
                      "--bank my.yaml is bank 'test-bank', but 'a.yaml' was answered on bank "
                      "'other'; leave out --bank to use that one (or edit the file's 'bank:' to "
                      "score it on another bank)");
    CHECK_THROWS_WITH(answers::check_bank_refs(bank, {ref}, "", out),
                      "'a.yaml' was answered on bank 'other', but the file it names holds bank "
                      "'test-bank'; give the right bank with --bank");
  }
  SECTION("nothing recorded, a bank that is not here")
  {
    CHECK_THROWS_WITH(answers::recorded_bank({}),
                      "--bank is required: the answers do not say which bank they answer (files "
                      "written by 'centricity assess' do)");
    ref.path = "no/such/bank.yaml";
    ref.id = "no-such-bank";
    ref.answers = "dir/a.yaml";
    CHECK_THROWS_WITH(answers::recorded_bank({ref}),
                      "'dir/a.yaml' was answered on bank 'no-such-bank' 0.9, which is not here "
                      "('dir/no/such/bank.yaml' does not exist and no bundled bank has that id); "
                      "give the bank's file with --bank");
    ref.answers = "-";
    ref.path.clear();
    CHECK_THROWS_WITH(answers::recorded_bank({ref}),
                      "standard input was answered on bank 'no-such-bank' 0.9, which is not here "
                      "(no bundled bank has that id); give the bank's file with --bank");
  }
}

TEST_CASE("answers::recorded_path")
{
  CHECK(answers::recorded_path("/srv/proj/banks/b.yaml", "/srv/proj/answers/a.yaml")
        == "../banks/b.yaml");
  CHECK(answers::recorded_path("/srv/proj/b.yaml", "/srv/proj/a.yaml") == "b.yaml");
  // Across top folders a relative path would only climb to the root.
  CHECK(answers::recorded_path("/work/banks/b.yaml", "/tmp/a.yaml") == "/work/banks/b.yaml");
}

TEST_CASE("answers::load_answers, files and duplicate respondents")
{
  util::MemoryFileReader files;
  files.add("a.yaml", "respondent: same\nanswers: {contact-1: 4}\n");
  files.add("b.yaml", "respondent: same\nanswers: {contact-1: 5}\n");
  const auto bank = test::test_bank();

  SECTION("the same respondent in two files")
  {
    const auto result = answers::load_answers({"a.yaml", "b.yaml"}, bank, &files);
    CHECK(messages(result.diagnostics)
          == "b.yaml:1:1: error: respondent 'same' appears twice (first at a.yaml:1:1)\n");
  }
  SECTION("a missing file")
  {
    const auto result = answers::load_answers({"a.yaml", "gone.yaml"}, bank, &files);
    CHECK(messages(result.diagnostics)
          == "gone.yaml: error: cannot read answers: No such file or directory\n");
    CHECK(result.responses.size() == 1);
  }
}
