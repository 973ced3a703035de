// Scale means, SDs and Cronbach's alpha against an established statistics
// package: R 4.2.2 with psych 2.2.9 (psych::alpha), on the first 200
// respondents of the published `bfi` data set. The data, the R script and
// its output are in tests/data/score/ (bfi-200.csv, bfi-reference.R,
// bfi-reference.txt); docs/scoring.md describes the check.

#include <centricity/score/aggregate.hpp>
#include <centricity/util/strings.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

using namespace centricity;

namespace {

bank::Questionnaire bfi_bank()
{
  bank::Questionnaire b;
  b.id = "bfi";
  b.title = "bfi";
  b.version = "1";
  bank::Scale scale;
  scale.id = "six";
  for (int v = 1; v <= 6; ++v) {
    scale.options.push_back(
      {bank::OptionKind::value, static_cast<double>(v), std::to_string(v), {}, {}, {}, {}});
  }
  b.scales = {scale};
  b.dimensions = {{"agreeableness", "Agreeableness", "", 1, true, std::nullopt, "", {}},
                  {"conscientiousness", "Conscientiousness", "", 1, true, std::nullopt, "", {}}};
  for (const char* id : {"A1", "A2", "A3", "A4", "A5", "C1", "C2", "C3", "C4", "C5"}) {
    bank::Question q;
    q.id = id;
    q.dimension = id[0] == 'A' ? "agreeableness" : "conscientiousness";
    q.scale = "six";
    q.reverse = std::string(id) == "A1" || std::string(id) == "C4" || std::string(id) == "C5";
    b.questions.push_back(q);
  }
  return b;
}

} // namespace

TEST_CASE("score::Accumulator, agrees with psych::alpha on published data")
{
  const score::CompiledBank bank(bfi_bank());
  score::Aggregate aggregate(bank, {});
  std::ifstream in(CENTRICITY_TEST_DATA "/score/bfi-200.csv");
  REQUIRE(in);
  std::string line;
  std::getline(in, line); // header: id,A1..A5,C1..C5,gender
  int rows = 0;
  while (std::getline(in, line)) {
    const auto cells = util::split(line, ',');
    REQUIRE(cells.size() == 12);
    answers::Response response;
    response.answers.resize(10);
    for (std::size_t i = 0; i < 10; ++i) {
      if (!cells[i + 1].empty()) {
        const int value = std::stoi(cells[i + 1]);
        response.answers[i] = {answers::AnswerKind::value, static_cast<std::uint16_t>(value - 1)};
      }
    }
    aggregate.add(response);
    ++rows;
  }
  REQUIRE(rows == 200);
  const auto& all = aggregate.total();
  // Scores are 0-100: the raw 1-6 scale mean is 1 + score * 5 / 100.
  const auto raw_mean = [&](std::size_t d) { return 1 + *all.dimension(d).mean() * 5 / 100; };
  const auto raw_sd = [&](std::size_t d) { return *all.dimension(d).sd() * 5 / 100; };

  CHECK(std::fabs(*all.alpha(0) - 0.71358336057472826) < 1e-9);
  CHECK(std::fabs(raw_mean(0) - 4.5642500000000004) < 1e-9);
  CHECK(std::fabs(raw_sd(0) - 0.91044162761070635) < 1e-9);
  CHECK(std::fabs(*all.alpha(1) - 0.72532617353084472) < 1e-9);
  CHECK(std::fabs(raw_mean(1) - 4.0807500000000001) < 1e-9);
  CHECK(std::fabs(raw_sd(1) - 0.96383965049135456) < 1e-9);
  CHECK(all.dimension_answers_of(0, answers::AnswerKind::missing) == 3);
  CHECK(all.dimension_answers_of(1, answers::AnswerKind::missing) == 3);
}
