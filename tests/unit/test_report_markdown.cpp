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
  CHECK(between(text, "## Summary", "## Roadmap")
        == "## Summary\n"
           "\n"
           "On Maturity, the organisation has not taken the first step yet: **Engaged** is where "
           "to start (Direct contact is at 18.8, needs 50).\n"
           "\n"
           "| Lens | Where it stands | What comes next |\n"
           "|---|---|---|\n"
           "| Maturity | **Starting point** | next: Engaged — Direct contact is at 18.8, needs 50; "
           "target Measured (the bank's default) |\n"
           "\n"
           "### What to do first\n"
           "\n"
           "1. **Direct contact** — Do contact-low.  \n"
           "   *Effort: about a month*\n"
           "\n"
           "### What the answers show\n"
           "\n"
           "- **Step out of order on Maturity.** Leading holds while Engaged and Measured beneath "
           "it do not: a later step on missing foundations is a risk, not progress.\n"
           "- **One respondent.** This is one person's view, not the organisation's: ask others, "
           "above all customer-facing staff, before acting on it.\n"
           "\n");
  // No earlier assessment: no movement section, and no groups: no filler.
  CHECK(text.find("Since last time") == std::string::npos);
  CHECK(text.find("## Who says what") == std::string::npos);
}

TEST_CASE("report::render_markdown, the roadmap")
{
  const std::string text = markdown(skipped_step_result());
  CHECK(between(text, "## Roadmap", "## The lenses in detail")
        == "## Roadmap\n"
           "\n"
           "Every step the answers call for, in order. A phase holds what a leadership team can "
           "drive at once; each step names who leads it.\n"
           "\n"
           "### First 100 days\n"
           "\n"
           "| # | Step | About | Owner | Effort |\n"
           "|---:|---|---|---|---|\n"
           "| 1 | Do contact-low. | Direct contact | — | about a month |\n"
           "\n"
           "### Keep what works\n"
           "\n"
           "What is in place, and how to keep it there.\n"
           "\n"
           "| In place | How to keep it | Owner | Effort |\n"
           "|---|---|---|---|\n"
           "| Customer metrics | Do metrics-any. | — | about a quarter |\n"
           "\n");
}

TEST_CASE("report::render_markdown, the ladder with its trace and risks")
{
  const std::string text = markdown(skipped_step_result());
  CHECK(between(text, "### Maturity", "## Beliefs, practice and findings")
        == "### Maturity\n"
           "\n"
           "Target: **Measured** (the bank's default: the leadership has not chosen).\n"
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
  CHECK(text.find("(Contact \\[link\\](http\\://x) # 1 is at 18.8, needs 50)")
        != std::string::npos);
  CHECK(text.find("1. **Contact \\[link\\](http\\://x) # 1** — 1. Call \\_every\\_ customer & "
                  "more  \n")
        != std::string::npos);
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
