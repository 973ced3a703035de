#include "test_score_bank.hpp"

#include <centricity/report/render.hpp>
#include <centricity/score/result.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace centricity;
using test::answers_for;

namespace {

// The skipped-step respondent of test_score_assessment.cpp: contact 18.75,
// metrics 100, culture 75.
nlohmann::ordered_json skipped_step_result(bank::Questionnaire source = test::test_bank())
{
  const score::CompiledBank bank(std::move(source));
  score::Aggregate aggregate(bank, {});
  answers::Response response;
  response.answers = answers_for(bank.bank(), {{"contact-1", 2},
                                               {"contact-2", 5},
                                               {"contact-3", 2},
                                               {"metrics-1", 5},
                                               {"metrics-2", 5},
                                               {"culture-1", 4},
                                               {"culture-2", 4}});
  aggregate.add(response);
  score::ResultOptions options;
  options.generated_at = "2024-05-01T12:00:00Z";
  return score::make_result(aggregate, options);
}

std::string markdown(const nlohmann::ordered_json& result,
                     const nlohmann::ordered_json* previous = nullptr)
{
  std::ostringstream out;
  report::render_markdown(result, out, previous);
  return out.str();
}

// The text from the line starting with `from` up to (not including) the
// line starting with `to`.
std::string between(const std::string& text, const std::string& from, const std::string& to)
{
  const auto start = text.find("\n" + from);
  const auto end = text.find("\n" + to, start + 1);
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  return text.substr(start + 1, end - start);
}

} // namespace

TEST_CASE("report::render_markdown, the first screen")
{
  const std::string text = markdown(skipped_step_result());
  CHECK(text.rfind("# Customer-centricity report: Test bank\n\n"
                   "1 respondent · bank `test-bank` version 1.0 · generated "
                   "2024-05-01T12:00:00Z\n\n",
                   0)
        == 0);
  // Every number below is the hand computation of test_score_assessment.cpp.
  CHECK(between(text, "## At a glance", "## The ladders in detail")
        == "## At a glance\n"
           "\n"
           "| Lens | Stage reached | Target |\n"
           "|---|---|---|\n"
           "| Maturity | **0 · Starting point** of 3 | Measured (2 stages to go) |\n"
           "\n"
           "### Verdict\n"
           "\n"
           "On Maturity the organisation stands at **Starting point** (stage 0 of 3), 2 stages "
           "short of its target of Measured. Watch the foundations: Leading already holds while "
           "Engaged beneath it does not, a step taken out of order. The largest shortfall is "
           "Direct contact, 41.2 points below what Measured requires. With one respondent, this "
           "is one person's view.\n"
           "\n"
           "### The three biggest gaps\n"
           "\n"
           "1. **Direct contact** is at 18.8; *Measured* on Maturity needs 60: **41.2 points "
           "short**.\n"
           "\n"
           "### The three next steps\n"
           "\n"
           "1. Do contact-low. *(Direct contact; effort: about a month)*\n"
           "2. Do reach-measured. *(reaching Measured; effort: about a quarter)*\n"
           "\n"
           "### Since last time\n"
           "\n"
           "No earlier assessment was given. Keep this Result and render the next report with "
           "`--compare` to see the movement.\n"
           "\n");
}

TEST_CASE("report::render_markdown, the ladder with its trace and risks")
{
  const std::string text = markdown(skipped_step_result());
  CHECK(between(text, "### Maturity", "## Dimension profile")
        == "### Maturity\n"
           "\n"
           "| Step | Stage | Requires | Status |\n"
           "|---:|---|---|---|\n"
           "| 3 | Leading | Culture ≥ 75 · Customer metrics ≥ 80 | ⚠ holds, but a step below is "
           "missing |\n"
           "| 2 | Measured | Direct contact ≥ 60 · Customer metrics ≥ 70 | ✘ not met ◎ target |\n"
           "| 1 | Engaged | Direct contact ≥ 50 | ✘ not met |\n"
           "| 0 | Starting point | — | ◀ **reached** |\n"
           "\n"
           "#### Why this stage\n"
           "\n"
           "- **Engaged** (not met):\n"
           "  - ✘ Direct contact 18.8, needs 50: 31.2 short\n"
           "- **Measured** (not met):\n"
           "  - ✘ Direct contact 18.8, needs 60: 41.2 short\n"
           "  - ✔ Customer metrics 100.0 ≥ 70 (+30.0)\n"
           "- **Leading** (holds, but does not count):\n"
           "  - ✔ Culture 75.0 ≥ 75 (exactly on it)\n"
           "  - ✔ Customer metrics 100.0 ≥ 80 (+20.0)\n"
           "\n"
           "#### Skipped-step risks\n"
           "\n"
           "- **Leading** holds on its own, but **Engaged** and **Measured** beneath it do not. "
           "A later step on missing foundations is a risk, not progress: build the lower steps "
           "first.\n"
           "\n");
}

TEST_CASE("report::render_markdown, text from the bank is escaped")
{
  auto source = test::test_bank();
  source.title = "Ops <script>alert(1)</script> | *team*";
  source.dimensions[0].title = "Contact [link](http://x) # 1";
  source.recommendations[0].text = "1. Call _every_ customer & more";
  const std::string text = markdown(skipped_step_result(source));
  CHECK(text.find("<script>") == std::string::npos);
  CHECK(text.find("# Customer-centricity report: Ops \\<script\\>alert(1)\\</script\\> \\| "
                  "\\*team\\*\n")
        != std::string::npos);
  CHECK(text.find("**Contact \\[link\\](http\\://x) # 1** is at 18.8") != std::string::npos);
  CHECK(text.find("1. 1. Call \\_every\\_ customer & more *(") != std::string::npos);
}

TEST_CASE("report::text_bar, eighths of a cell")
{
  CHECK(report::text_bar(0, 4) == "░░░░");
  CHECK(report::text_bar(100, 4) == "████");
  CHECK(report::text_bar(55, 10) == "█████▌░░░░");
  CHECK(report::text_bar(18.75, 20) == "███▊░░░░░░░░░░░░░░░░");
  CHECK(report::text_bar(150, 2) == "██");
}

TEST_CASE("report::render, formats")
{
  CHECK(report::parse_format("md") == report::Format::markdown);
  CHECK(report::parse_format("json") == report::Format::json);
  REQUIRE_THROWS_WITH(report::parse_format("pdf"), "unknown format 'pdf' (use md, html or json)");
  CHECK(report::format_for_path("out/report.md") == report::Format::markdown);
  CHECK(report::format_for_path("result.json") == report::Format::json);
  CHECK_FALSE(report::format_for_path("report.txt"));

  SECTION("a damaged Result is a data error, not a crash")
  {
    auto result = skipped_step_result();
    result["ladders"][0].erase("stage");
    std::ostringstream out;
    REQUIRE_THROWS_WITH(report::render(result, report::Format::markdown, out),
                        "the Result is incomplete or damaged: [json.exception.out_of_range.403] "
                        "key 'stage' not found");
  }
}
