// The bundled banks, scored: answers at the top of every scale reach the top
// stage of every ladder, answers at the bottom stay at the starting point, a
// hand-computed answer set lands on the stage computed by hand (one dimension
// exactly on its threshold), and a skipped step is reported as a risk.

#include <centricity/answers/loader.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/score/assessment.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/score/respondent.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;
using namespace centricity;

namespace {

score::CompiledBank compile(const std::string& id)
{
  const auto path = fs::path(CENTRICITY_SOURCE_DIR) / "questionnaires" / (id + ".yaml");
  return score::CompiledBank(bank::load_valid_bank(path.string()));
}

// Every question answered with the option that scores `target` (0 or 100),
// reverse keys included.
std::vector<answers::Answer> extreme(const score::CompiledBank& bank, double target)
{
  std::vector<answers::Answer> out(bank.questions().size());
  for (std::size_t q = 0; q < out.size(); ++q) {
    for (std::uint32_t o = 0; o < bank.questions()[q].option_count; ++o) {
      if (bank.option_score(q, o) == target) {
        out[q] = {answers::AnswerKind::value, static_cast<std::uint16_t>(o)};
      }
    }
    REQUIRE(out[q].kind == answers::AnswerKind::value);
  }
  return out;
}

score::Assessment assess(const score::CompiledBank& bank, const std::vector<answers::Answer>& a)
{
  score::RespondentScores scores;
  score::score_respondent(bank, a, scores);
  const auto targets = score::resolve_targets(bank, {});
  return score::assess(bank, scores.dimensions, targets);
}

} // namespace

TEST_CASE("questionnaires, extremes reach the top and the bottom of every ladder")
{
  for (const char* id :
       {"customer-centricity", "five-step-journey", "four-tough-questions", "focus-positions"}) {
    INFO(id);
    const auto bank = compile(id);
    REQUIRE_FALSE(bank.ladders().empty());
    const auto top = assess(bank, extreme(bank, 100));
    const auto bottom = assess(bank, extreme(bank, 0));
    for (std::size_t l = 0; l < bank.ladders().size(); ++l) {
      INFO(bank.bank().ladders[l].id);
      CHECK(top.ladders[l].stage == bank.ladders()[l].criteria.size() - 1);
      CHECK(top.ladders[l].risks.empty());
      CHECK(bottom.ladders[l].stage == 0);
      CHECK(bottom.ladders[l].risks.empty());
    }
    for (double s : top.scores) {
      CHECK(s == 100);
    }
    for (double s : bottom.scores) {
      CHECK(s == 0);
    }
  }
}

TEST_CASE("questionnaires, five-step journey scored by hand")
{
  const auto bank = compile("five-step-journey");
  // By hand (weights from the bank: the first item of each step weighs 2):
  // networks = (2*75 + 50 + 75 + 75 + 75 + 75) / 7 = 500/7 = 71.43 >= 60;
  // teams = (2*50 + 75 + 75 + 50) / 5 = 60 exactly (two items N/A), so the
  // step counts; coordinator = 0 stops the climb at step 2, while matrix =
  // 100 meets step 4's criterion above the unmet step 3: a skipped step.
  answers::AnswersResult parsed;
  answers::parse_answers(R"(respondent: by-hand
answers:
  networks-known: Agree
  networks-mapped: Partly
  networks-staff-views: Often
  networks-time-counts: Agree
  networks-despite-rules: Disagree
  networks-channel: Agree
  teams-formal: Partly
  teams-resources: Agree
  teams-from-networks: Not applicable
  teams-way-of-working: Agree
  teams-measured-together: Neither agree nor disagree
  teams-pulled-back: Not applicable
  coordinator-role: No
  coordinator-single-view: Strongly disagree
  coordinator-strategy: No
  coordinator-coherent-experience: Strongly disagree
  coordinator-meetings-only: Strongly agree
  coordinator-roles-clear: Strongly disagree
  matrix-dual-reporting: Yes
  matrix-conflicts-resolved: Always
  matrix-two-bosses: Strongly disagree
  matrix-targets-aligned: Strongly agree
  matrix-decision-rights: Strongly agree
  matrix-built-on-steps: Strongly agree
)",
                         "by-hand.yaml", bank.bank(), parsed);
  std::string problems;
  for (const auto& d : parsed.diagnostics.all()) {
    problems += util::format_diagnostic(d) + "\n";
  }
  REQUIRE(problems.empty());
  REQUIRE(parsed.responses.size() == 1);
  const auto result = assess(bank, parsed.responses[0].answers);

  const auto index = [&](const char* id) { return *bank.dimension_index(id); };
  CHECK(result.scores[index("networks")] == Approx(500.0 / 7).epsilon(1e-12));
  CHECK(result.scores[index("teams")] == Approx(60).epsilon(1e-12));
  CHECK(result.scores[index("coordinator")] == 0);
  CHECK(result.scores[index("matrix")] == 100);
  CHECK(std::isnan(result.scores[index("segment-managers")])); // not answered
  CHECK(std::isnan(result.scores[index("micro-foundations")]));

  const auto& journey = result.ladders[*bank.ladder_index("journey")];
  CHECK(journey.stage == 2); // cross-functional teams
  REQUIRE(journey.risks.size() == 1);
  CHECK(journey.risks[0].stage == 4); // matrix reporting
  CHECK(journey.risks[0].unmet_below == std::vector<std::size_t>{3});
}
