#include "test_score_bank.hpp"

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
  SECTION("every problem is listed, and nothing is kept from a bad respondent")
  {
    const auto result = parse("answers:\n  contact-1: 9\n  nope: 1\n");
    CHECK(result.diagnostics.error_count() == 2);
    CHECK(result.responses.empty());
  }
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
