#include "test_score_bank.hpp"

#include <centricity/score/assessment.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace centricity;
using score::GapScope;
using score::Status;

namespace {

constexpr double k_none = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> step_ids(const score::CompiledBank& bank,
                                  const score::Assessment& assessment)
{
  std::vector<std::string> ids;
  for (const auto& step : assessment.next_steps) {
    ids.push_back(bank.bank().recommendations[step.recommendation].id);
  }
  return ids;
}

} // namespace

TEST_CASE("score::assess, gating with skipped steps")
{
  // contact 18.75, metrics 100, culture 75: engaged fails on contact, so the
  // stage is the starting point, yet every criterion of "leading" holds
  // (culture exactly on its threshold of 75): a skipped-step risk.
  const score::CompiledBank bank(test::test_bank());
  const std::vector<double> scores{18.75, 100, 75};
  const auto targets = score::resolve_targets(bank, {});
  const auto result = score::assess(bank, scores, targets);
  REQUIRE(result.ladders.size() == 1);
  const auto& ladder = result.ladders[0];
  CHECK(ladder.stage == 0);
  CHECK_FALSE(ladder.limited);
  CHECK(ladder.target.stage == 2u);
  CHECK(ladder.target.source == score::TargetSource::bank);

  SECTION("the trace says which criteria held and by how much")
  {
    REQUIRE(ladder.trace.size() == 3);
    CHECK_FALSE(ladder.trace[0].met);
    CHECK(ladder.trace[0].criteria[0].status == Status::unmet);
    CHECK(*ladder.trace[0].criteria[0].margin == -31.25);
    CHECK_FALSE(ladder.trace[1].met);
    CHECK(*ladder.trace[1].criteria[0].margin == -41.25);
    CHECK(ladder.trace[1].criteria[1].status == Status::met);
    CHECK(*ladder.trace[1].criteria[1].margin == 30);
    CHECK(ladder.trace[2].met);
    CHECK(*ladder.trace[2].criteria[0].margin == 0);
    CHECK(*ladder.trace[2].criteria[1].margin == 20);
  }
  SECTION("risks")
  {
    REQUIRE(ladder.risks.size() == 1);
    CHECK(ladder.risks[0].stage == 3);
    CHECK(ladder.risks[0].unmet_below == std::vector<std::size_t>{1, 2});
  }
  SECTION("gaps to the next and to the target stage")
  {
    REQUIRE(result.gaps.size() == 2);
    CHECK(result.gaps[0].scope == GapScope::next);
    CHECK(result.gaps[0].stage == 1);
    CHECK(result.gaps[0].criterion.dimension == 0);
    CHECK(*result.gaps[0].gap == 31.25);
    // The target (measured) needs contact >= 60; metrics >= 70 already holds.
    CHECK(result.gaps[1].scope == GapScope::target);
    CHECK(result.gaps[1].stage == 2);
    CHECK(*result.gaps[1].gap == 41.25);
  }
  SECTION("next steps ranked by gap x weight / effort")
  {
    // Each stage up to the horizon (the target, measured) weighs 1 divided
    // by its distance, shared among the dimensions that block it: contact
    // alone blocks engaged (1) and measured (1/2): weight 1.5, gap 41.25,
    // effort 2: 30.9375. Contact alone keeps measured from holding, so
    // reach-measured is the same work: folded into contact-low.
    // culture-low's band [0, 75) excludes 75; reach-leading lies beyond the
    // target.
    CHECK(step_ids(bank, result) == std::vector<std::string>{"contact-low"});
    CHECK(result.next_steps[0].gap == 41.25);
    CHECK(result.next_steps[0].weight == 1.5);
    CHECK(result.next_steps[0].priority == 30.9375);
    CHECK(result.next_steps[0].lens == 0);
    CHECK(result.next_steps[0].phase == 1);
    REQUIRE(result.next_steps[0].merged.size() == 1);
    CHECK(bank.bank().recommendations[result.next_steps[0].merged[0]].id == "reach-measured");
    // metrics (100) is above every threshold on it (80): its recommendation
    // is a "keep" step. Culture 75 meets its highest threshold, but no band
    // of culture covers 75.
    REQUIRE(result.keep.size() == 1);
    CHECK(bank.bank().recommendations[result.keep[0].recommendation].id == "metrics-any");
  }
}

TEST_CASE("score::assess, insufficient data")
{
  const score::CompiledBank bank(test::test_bank());
  const std::vector<double> scores{k_none, 40, k_none};
  const auto result = score::assess(bank, scores, score::resolve_targets(bank, {}));
  const auto& ladder = result.ladders[0];
  CHECK(ladder.stage == 0);
  CHECK(ladder.limited);
  CHECK(ladder.trace[0].criteria[0].status == Status::no_data);
  CHECK_FALSE(ladder.trace[0].criteria[0].margin);
  // The gap on contact is unknown, not 50.
  REQUIRE(result.gaps.size() == 3);
  CHECK_FALSE(result.gaps[0].gap);
  // metrics fails measured's 70 by 30, two stages up (weight 1/2), and its
  // pass mark of 60 now (the only failed check: weight 1); it takes the
  // larger weight, not the sum: gap 30, weight 1, effort 3: 10. Nothing is
  // recommended for contact, which has no score; reach-measured is folded
  // into metrics-any, the one dimension with data that blocks it.
  CHECK(step_ids(bank, result) == std::vector<std::string>{"metrics-any"});
  CHECK(result.next_steps[0].priority == 10);
  CHECK(result.next_steps[0].distance == 1);
}

TEST_CASE("score::assess, exact thresholds")
{
  const score::CompiledBank bank(test::test_bank());
  const auto targets = score::resolve_targets(bank, {});
  // 50 - 1e-12 is 50 in exact arithmetic give or take rounding noise.
  CHECK(score::assess(bank, std::vector<double>{50 - 1e-12, 0, 0}, targets).ladders[0].stage == 1);
  CHECK(score::assess(bank, std::vector<double>{50 - 1e-6, 0, 0}, targets).ladders[0].stage == 0);
  CHECK(score::assess(bank, std::vector<double>{60, 70, 0}, targets).ladders[0].stage == 2);
}

TEST_CASE("score::assess, ranking ties break by id")
{
  auto source = test::test_bank();
  source.recommendations.push_back(test::for_dimension("z-contact", "contact", 0, 50, 2));
  source.recommendations.push_back(test::for_dimension("a-contact", "contact", 0, 50, 2));
  const score::CompiledBank bank(source);
  const auto result =
    score::assess(bank, std::vector<double>{18.75, 100, 75}, score::resolve_targets(bank, {}));
  // Three recommendations of equal priority; the stage's folds into the first.
  CHECK(step_ids(bank, result)
        == std::vector<std::string>{"a-contact", "contact-low", "z-contact"});
}

TEST_CASE("score::resolve_targets, --target")
{
  const score::CompiledBank bank(test::test_bank());
  SECTION("by stage id or ladder:stage")
  {
    CHECK(score::resolve_targets(bank, {"leading"})[0].stage == 3u);
    CHECK(score::resolve_targets(bank, {"maturity:engaged"})[0].stage == 1u);
    CHECK(score::resolve_targets(bank, {"leading"})[0].source == score::TargetSource::command_line);
  }
  SECTION("a target beyond the next stage widens the gaps")
  {
    const auto targets = score::resolve_targets(bank, {"leading"});
    const auto result = score::assess(bank, std::vector<double>{55, 65, 70}, targets);
    CHECK(result.ladders[0].stage == 1);
    // next (measured): contact 60 - 55, metrics 70 - 65; target (leading):
    // contact 60 - 55 (stage measured), metrics 80 - 65, culture 75 - 70.
    REQUIRE(result.gaps.size() == 5);
    CHECK(*result.gaps[2].gap == 5);
    CHECK(result.gaps[3].stage == 3);
    CHECK(*result.gaps[3].gap == 15);
    CHECK(*result.gaps[4].gap == 5);
  }
  SECTION("errors")
  {
    REQUIRE_THROWS_WITH(score::resolve_targets(bank, {"leadng"}),
                        "--target leadng: no ladder has a stage 'leadng', did you mean 'leading'?");
    REQUIRE_THROWS_WITH(score::resolve_targets(bank, {"maturty:leading"}),
                        "--target maturty:leading: unknown ladder 'maturty', did you mean "
                        "'maturity'?");
    REQUIRE_THROWS_WITH(score::resolve_targets(bank, {"maturity:top"}),
                        "--target maturity:top: ladder 'maturity' has no stage 'top'");
  }
}

TEST_CASE("score::CompiledBank, ladders that refer to other ladders")
{
  auto source = test::test_bank();
  bank::Ladder second;
  second.id = "second";
  second.title = "Second";
  bank::Criterion needs;
  needs.kind = bank::Criterion::Kind::ladder_stage;
  needs.ladder = "maturity";
  needs.stage = "measured";
  second.stages = {{"none", "None", "", {}, {}}, {"built", "Built", "", {needs}, {}}};
  // Listed first, evaluated second.
  source.ladders.insert(source.ladders.begin(), second);
  const score::CompiledBank bank(source);
  CHECK(bank.ladder_order() == std::vector<std::uint32_t>{1, 0});
  auto result =
    score::assess(bank, std::vector<double>{60, 70, 0}, score::resolve_targets(bank, {}));
  CHECK(result.ladders[0].stage == 1);
  result = score::assess(bank, std::vector<double>{60, 60, 0}, score::resolve_targets(bank, {}));
  CHECK(result.ladders[0].stage == 0);
  CHECK(*result.ladders[0].trace[0].criteria[0].margin == -1);

  SECTION("a cycle is refused")
  {
    source.ladders[1].stages[1].criteria.push_back(needs);
    source.ladders[1].stages[1].criteria.back().ladder = "second";
    source.ladders[1].stages[1].criteria.back().stage = "built";
    REQUIRE_THROWS_WITH(score::CompiledBank(source),
                        "cannot score with this bank: ladder 'second' depends on itself");
  }
}

TEST_CASE("score::assess, honest about the evidence")
{
  const score::CompiledBank bank(test::test_bank());
  const auto targets = score::resolve_targets(bank, {});
  score::Evidence evidence;
  evidence.respondents = 12;
  evidence.scored = {12, 12, 12};
  evidence.ci95 = {score::Interval{40, 70}, score::Interval{65, 75}, std::nullopt};
  evidence.not_applicable = {0, 0, 0};

  SECTION("the coverage rule: everyone up to three, else three or a third")
  {
    CHECK(score::minimum_coverage(1) == 1);
    CHECK(score::minimum_coverage(3) == 3);
    CHECK(score::minimum_coverage(4) == 3);
    CHECK(score::minimum_coverage(12) == 4);
    CHECK(score::minimum_coverage(52) == 18);
  }
  SECTION("a score whose interval holds the threshold is too close to call; the stage follows "
          "the score")
  {
    const auto result = score::assess(bank, std::vector<double>{55, 71, 0}, targets, evidence);
    const auto& engaged = result.ladders[0].trace[0].criteria[0];
    CHECK(engaged.status == Status::met);
    CHECK(engaged.borderline);
    CHECK(result.ladders[0].stage == 1);
    // 71 with 65-75 against 70: also too close to call.
    CHECK(result.ladders[0].trace[1].criteria[1].borderline);
  }
  SECTION("too few respondents: no verdict on their criterion")
  {
    evidence.scored = {3, 12, 12}; // 3 of 12 answered contact; 4 are needed
    const auto result = score::assess(bank, std::vector<double>{95, 100, 100}, targets, evidence);
    const auto& engaged = result.ladders[0].trace[0].criteria[0];
    CHECK(engaged.status == Status::no_data);
    CHECK(engaged.no_data == score::NoData::too_few_answered);
    CHECK(*engaged.score == 95);
    CHECK(result.ladders[0].stage == 0);
    CHECK(result.ladders[0].limited);
    // leading (culture, metrics) holds above unmet stages, but measured and
    // engaged lack data rather than fail: still reported as a risk, since
    // its own criteria hold on enough answers.
    REQUIRE(result.ladders[0].risks.size() == 1);
  }
  SECTION("\"not applicable\" on a structure that is not there is not missing data")
  {
    evidence.not_applicable = {0.8, 0, 0};
    const auto result =
      score::assess(bank, std::vector<double>{k_none, 100, 100}, targets, evidence);
    const auto& engaged = result.ladders[0].trace[0].criteria[0];
    CHECK(engaged.status == Status::not_applicable);
    CHECK_FALSE(result.ladders[0].limited);
    // The gap is the whole threshold, and the low band's step applies.
    CHECK(*result.gaps[0].gap == 50);
    REQUIRE(!result.next_steps.empty());
    CHECK(bank.bank().recommendations[result.next_steps[0].recommendation].id == "contact-low");
  }
}

TEST_CASE("score::assess, a target reached is held")
{
  const score::CompiledBank bank(test::test_bank());
  // engaged reached; the target set to engaged: nothing pushes to measured.
  const auto result =
    score::assess(bank, std::vector<double>{55, 65, 70}, score::resolve_targets(bank, {"engaged"}));
  CHECK(result.ladders[0].stage == 1);
  CHECK(step_ids(bank, result).empty());
  // Without the target the next stage is the horizon.
  CHECK_FALSE(step_ids(bank, score::assess(bank, std::vector<double>{55, 65, 70},
                                           std::vector<score::Target>{
                                             {std::nullopt, score::TargetSource::none}}))
                .empty());
}

TEST_CASE("score::tally_choice, the leadership's choice of target")
{
  score::CompiledChoice choice;
  choice.ladder = 0;
  choice.stages = {1U, 2U, 3U, std::nullopt}; // three stages and "not decided yet"
  SECTION("more than half choose one stage")
  {
    const auto tally = score::tally_choice(choice, std::vector<std::uint64_t>{1, 3, 0, 1});
    CHECK(tally.answered == 5);
    CHECK(tally.undecided == 1);
    CHECK(tally.votes == std::vector<std::uint64_t>{0, 1, 3, 0});
    REQUIRE(tally.chosen);
    CHECK(*tally.chosen == 2);
    std::vector<score::Target> targets{{3U, score::TargetSource::bank}};
    score::apply_choices(targets, std::vector<score::ChoiceTally>{tally});
    CHECK(targets[0].stage == 2U);
    CHECK(targets[0].source == score::TargetSource::answers);
    // --target wins over the answers.
    targets = {{3U, score::TargetSource::command_line}};
    score::apply_choices(targets, std::vector<score::ChoiceTally>{tally});
    CHECK(targets[0].source == score::TargetSource::command_line);
  }
  SECTION("a split or undecided leadership has not chosen")
  {
    CHECK_FALSE(score::tally_choice(choice, std::vector<std::uint64_t>{2, 2, 0, 0}).chosen);
    CHECK_FALSE(score::tally_choice(choice, std::vector<std::uint64_t>{0, 1, 0, 2}).chosen);
  }
}

TEST_CASE("score::assess, findings: true, false or not enough data")
{
  auto source = test::test_bank();
  bank::Finding finding;
  finding.id = "contact-without-culture";
  finding.title = "T";
  finding.message = "M";
  finding.severity = bank::Finding::Severity::high;
  bank::Condition high_metrics;
  high_metrics.kind = bank::Condition::Kind::dimension;
  high_metrics.ref = "metrics";
  high_metrics.at_least = 60;
  bank::Condition low_culture = high_metrics;
  low_culture.ref = "culture";
  low_culture.at_least.reset();
  low_culture.below = 40;
  finding.when = {{high_metrics}, {low_culture}};
  source.findings = {finding};
  auto rec = test::for_dimension("act-on-it", "contact", 0, 100, 1);
  rec.kind = bank::Recommendation::Kind::finding;
  rec.finding = finding.id;
  source.recommendations.push_back(rec);
  const score::CompiledBank bank(source);
  const auto targets = score::resolve_targets(bank, {});
  const auto status = [&](std::vector<double> scores) {
    return score::assess(bank, scores, targets).findings[0].status;
  };
  CHECK(status({50, 80, 20}) == score::FindingStatus::holds);
  CHECK(status({50, 50, 20}) == score::FindingStatus::absent);
  CHECK(status({50, 80, k_none}) == score::FindingStatus::not_enough_data);
  CHECK(status({50, 50, k_none}) == score::FindingStatus::absent);
  // A high-severity finding's step is among the first three, after the
  // headline ladder's own (contact-low).
  const auto result = score::assess(bank, std::vector<double>{30, 80, 20}, targets);
  const auto ids = step_ids(bank, result);
  REQUIRE(ids.size() >= 2);
  CHECK(ids[0] == "contact-low");
  CHECK(std::find(ids.begin(), ids.begin() + 3, "act-on-it") != ids.begin() + 3);
  // Its gap is the shortfall of its "below" condition: 40 - 20.
  CHECK(result.findings[0].gap == 20);
}
