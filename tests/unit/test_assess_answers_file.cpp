#include "test_assess_bank.hpp"

#include <centricity/answers/loader.hpp>
#include <centricity/assess/answers_file.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

using namespace centricity;
using answers::AnswerKind;

namespace {

answers::Response response_with(std::vector<answers::Answer> answers)
{
  answers::Response response;
  response.answers = std::move(answers);
  return response;
}

const char* const k_header =
  "# centricity answers for \"Small assessment\"\n"
  "# Saved by 'centricity assess' after every answer; continue with\n"
  "#   centricity assess --answers THIS-FILE --resume\n"
  "# or edit it and score it with\n"
  "#   centricity score THIS-FILE\n"
  "# A question set to ~ was skipped; questions not listed were not reached yet.\n"
  "bank:\n"
  "  id: assess-small\n"
  "  version: \"1.0\"\n";

} // namespace

TEST_CASE("assess::format_answers")
{
  const auto& bank = assess_test::small_bank();
  SECTION("nothing answered yet is an empty mapping, not null")
  {
    const auto response = response_with(std::vector<answers::Answer>(5));
    CHECK(assess::format_answers(bank, response, {}) == std::string(k_header) + "answers: {}\n");
  }
  SECTION("values with their labels, specials by label, skipped as ~, unseen left out")
  {
    auto response = response_with({{AnswerKind::value, 0},
                                   {AnswerKind::missing, 0},
                                   {AnswerKind::missing, 0},
                                   {AnswerKind::dont_know, 6},
                                   {AnswerKind::value, 4}});
    response.respondent = "Zoë \"Z\" Ngata";
    response.fields.push_back({"role", "no"});
    response.fields.push_back({"yes", "line one\nline two"});
    const std::string text =
      assess::format_answers(bank, response, {true, true, false, true, true});
    CHECK(text
          == std::string(k_header)
               + "respondent: \"Zoë \\\"Z\\\" Ngata\"\n"
                 "role: \"no\"\n"
                 "\"yes\": \"line one\\nline two\"\n"
                 "answers:\n"
                 "  # Listening to customers\n"
                 "  listen-calls: 0  # Not once\n"
                 "  listen-visits: ~\n"
                 "  # Acting on what customers say\n"
                 "  act-fix: \"Don't know\"\n"
                 "  act-budget: 5  # Strongly agree\n");
    // It reads back as the same answers and fields.
    answers::AnswersResult parsed;
    answers::parse_answers(text, "a.yaml", bank, parsed);
    REQUIRE_FALSE(parsed.diagnostics.has_errors());
    REQUIRE(parsed.responses.size() == 1);
    CHECK(assess_test::same_answers(parsed.responses[0].answers, response.answers));
    CHECK(parsed.responses[0].respondent == response.respondent);
    REQUIRE(parsed.responses[0].fields.size() == 2);
    CHECK(parsed.responses[0].fields[0].value == "no");
    CHECK(parsed.responses[0].fields[1].name == "yes");
    CHECK(parsed.responses[0].fields[1].value == "line one\nline two");
  }
}

TEST_CASE("assess::parse_saved_answers")
{
  const auto& bank = assess_test::small_bank();
  SECTION("listed questions are seen; a missing respondent stays unnamed")
  {
    const auto saved = assess::parse_saved_answers(
      "answers:\n  listen-visits: ~\n  act-fix: Agree\n", "saved.yaml", bank);
    CHECK(saved.seen == std::vector<bool>{false, true, false, true, false});
    CHECK(saved.response.respondent.empty());
    CHECK(saved.response.answers[3].kind == AnswerKind::value);
    CHECK(saved.response.answers[3].option == 3);
  }
  SECTION("a named respondent keeps the name")
  {
    const auto saved =
      assess::parse_saved_answers("respondent: Alice\nanswers: {}\n", "saved.yaml", bank);
    CHECK(saved.response.respondent == "Alice");
  }
  SECTION("an invalid file is refused with every problem and its source line")
  {
    CHECK_THROWS_WITH(
      assess::parse_saved_answers("answers:\n  listen-visit: 4\n  act-fix: 9\n", "saved.yaml",
                                  bank),
      "cannot resume from 'saved.yaml':\n"
      "saved.yaml:2:3: error: unknown question 'listen-visit', did you mean 'listen-visits'?\n"
      "      listen-visit: 4\n"
      "      ^\n"
      "saved.yaml:3:12: error: question 'act-fix': value 9 is not on scale 'agree' (values: "
      "1, 2, 3, 4, 5)\n"
      "      act-fix: 9\n"
      "               ^\n"
      "fix the file, or start afresh with another --answers file");
  }
  SECTION("a file of several respondents is refused")
  {
    CHECK_THROWS_WITH(
      assess::parse_saved_answers("- answers: {}\n- answers: {}\n", "two.yaml", bank),
      "cannot resume from 'two.yaml': it holds 2 respondents, not one");
  }
  SECTION("a file that cannot be read")
  {
    try {
      (void)assess::load_saved_answers("/nonexistent/answers.yaml", bank);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what())
            == "cannot resume from '/nonexistent/answers.yaml': No such file or directory");
      CHECK(e.code() == ExitCode::data);
    }
  }
}

TEST_CASE("assess::save_answers, atomic and complete")
{
  const auto dir = assess_test::temp_dir("save");
  const std::string path = (dir / "answers.yaml").string();
  const auto& bank = assess_test::small_bank();
  auto response = response_with(std::vector<answers::Answer>(5));
  for (std::size_t q = 0; q < 5; ++q) {
    response.answers[q] = {AnswerKind::value, 1};
    assess::save_answers(path, bank, response, {});
    // After every save the file holds exactly the answers so far and no
    // temporary file is left beside it.
    const auto saved = assess::load_saved_answers(path, bank);
    CHECK(assess_test::same_answers(saved.response.answers, response.answers));
    CHECK(
      std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator())
      == 1);
  }
  std::filesystem::remove_all(dir);
}
