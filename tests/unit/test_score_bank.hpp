#pragma once

// A small bank built in C++ for the answers, score and report tests, so they
// do not depend on the bank loader. Every number in the tests that use it is
// computed by hand from this definition.
//
//   scale agree: 1..5 (Strongly disagree .. Strongly agree), N/A, Don't know
//   dimension contact  (min_answered 2): contact-1 w1, contact-2 w1 reverse,
//                                         contact-3 w2 belief
//   dimension metrics  (min_answered 1, pass_mark 60): metrics-1 w2,
//                                         metrics-2 w1 belief
//   dimension culture  (min_answered 1): culture-1, culture-2
//   ladder maturity: starting; engaged {contact >= 50};
//                    measured {contact >= 60, metrics >= 70};
//                    leading {culture >= 75, metrics >= 80}; target: measured
//   recommendations: contact-low [0,50) e2; contact-high [50,100] e1;
//                    metrics-any [0,100] e3; culture-low [0,75) e2;
//                    reach-measured (maturity/measured) e3;
//                    reach-leading (maturity/leading) e4

#include <centricity/answers/response.hpp>
#include <centricity/bank/model.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace centricity::test {

inline bank::Scale agree_scale()
{
  using bank::OptionKind;
  bank::Scale scale;
  scale.id = "agree";
  scale.title = "Agreement";
  scale.options = {
    {OptionKind::value, 1, "Strongly disagree", {"1 - Strongly disagree"}, {}, {}, {}},
    {OptionKind::value, 2, "Disagree", {}, {}, {}, {}},
    {OptionKind::value, 3, "Neutral", {"Neither agree nor disagree"}, {}, {}, {}},
    {OptionKind::value, 4, "Agree", {}, {}, {}, {}},
    {OptionKind::value, 5, "Strongly agree", {"SA"}, {}, {}, {}},
    {OptionKind::not_applicable, 0, "Not applicable", {"N/A"}, {}, {}, {}},
    {OptionKind::dont_know, 0, "Don't know", {"DK"}, {}, {}, {}},
  };
  scale.min = 1;
  scale.max = 5;
  return scale;
}

inline bank::Question question(const std::string& id, const std::string& dimension, double weight,
                               bool reverse = false,
                               bank::QuestionKind kind = bank::QuestionKind::practice)
{
  bank::Question q;
  q.id = id;
  q.text = "Question " + id;
  q.dimension = dimension;
  q.scale = "agree";
  q.weight = weight;
  q.reverse = reverse;
  q.kind = kind;
  return q;
}

inline bank::Criterion at_least(const std::string& dimension, double threshold)
{
  bank::Criterion c;
  c.kind = bank::Criterion::Kind::dimension;
  c.dimension = dimension;
  c.threshold = threshold;
  return c;
}

inline bank::Recommendation for_dimension(const std::string& id, const std::string& dimension,
                                          double band_min, double band_max, int effort)
{
  bank::Recommendation r;
  r.id = id;
  r.kind = bank::Recommendation::Kind::dimension;
  r.dimension = dimension;
  r.band_min = band_min;
  r.band_max = band_max;
  r.effort = effort;
  r.text = "Do " + id + ".";
  return r;
}

inline bank::Recommendation for_stage(const std::string& id, const std::string& ladder,
                                      const std::string& stage, int effort)
{
  bank::Recommendation r;
  r.id = id;
  r.kind = bank::Recommendation::Kind::stage;
  r.ladder = ladder;
  r.stage = stage;
  r.effort = effort;
  r.text = "Do " + id + ".";
  return r;
}

inline bank::Questionnaire test_bank()
{
  using bank::QuestionKind;
  bank::Questionnaire b;
  b.id = "test-bank";
  b.title = "Test bank";
  b.version = "1.0";
  b.scales = {agree_scale()};
  b.dimensions = {
    {"contact", "Direct contact", "", 2, true, std::nullopt, "", {}},
    {"metrics", "Customer metrics", "", 1, true, 60.0, "", {}},
    {"culture", "Culture", "", 1, true, std::nullopt, "", {}},
  };
  b.questions = {
    question("contact-1", "contact", 1),
    question("contact-2", "contact", 1, true),
    question("contact-3", "contact", 2, false, QuestionKind::belief),
    question("metrics-1", "metrics", 2),
    question("metrics-2", "metrics", 1, false, QuestionKind::belief),
    question("culture-1", "culture", 1),
    question("culture-2", "culture", 1),
  };
  bank::Ladder ladder;
  ladder.id = "maturity";
  ladder.title = "Maturity";
  ladder.target = "measured";
  ladder.stages = {
    {"starting", "Starting point", "", {}, {}},
    {"engaged", "Engaged", "", {at_least("contact", 50)}, {}},
    {"measured", "Measured", "", {at_least("contact", 60), at_least("metrics", 70)}, {}},
    {"leading", "Leading", "", {at_least("culture", 75), at_least("metrics", 80)}, {}},
  };
  b.ladders = {ladder};
  b.recommendations = {
    for_dimension("contact-low", "contact", 0, 50, 2),
    for_dimension("contact-high", "contact", 50, 100, 1),
    for_dimension("metrics-any", "metrics", 0, 100, 3),
    for_dimension("culture-low", "culture", 0, 75, 2),
    for_stage("reach-measured", "maturity", "measured", 3),
    for_stage("reach-leading", "maturity", "leading", 4),
  };
  return b;
}

// Answer codes for answers_for(): 1..5 are the scale values.
inline constexpr int k_na = -1;
inline constexpr int k_dk = -2;

// Answers to the questions of `bank` (all on the agree scale): question id
// -> 1..5, k_na or k_dk; questions not listed are missing.
inline std::vector<answers::Answer>
answers_for(const bank::Questionnaire& bank, const std::vector<std::pair<std::string, int>>& given)
{
  std::vector<answers::Answer> out(bank.questions.size());
  for (const auto& [id, code] : given) {
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      if (bank.questions[q].id != id) {
        continue;
      }
      if (code == k_na) {
        out[q] = {answers::AnswerKind::not_applicable, 5};
      } else if (code == k_dk) {
        out[q] = {answers::AnswerKind::dont_know, 6};
      } else {
        out[q] = {answers::AnswerKind::value, static_cast<std::uint16_t>(code - 1)};
      }
    }
  }
  return out;
}

} // namespace centricity::test
