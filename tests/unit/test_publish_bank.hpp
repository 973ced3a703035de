#pragma once

// The bank of the publish tests (tests/data/publish/small.yaml): two
// dimensions, a grid, N/A and don't know, a value that is not whole, a choice
// question, a grid row with square brackets and two questions with one text.

#include <centricity/bank/loader.hpp>
#include <centricity/bank/model.hpp>

#include <string>

namespace centricity::test {

inline const bank::Questionnaire& publish_bank()
{
  static const bank::Questionnaire bank =
    bank::load_valid_bank(std::string(CENTRICITY_TEST_DATA) + "/publish/small.yaml");
  return bank;
}

// The range scales' bank (tests/data/ranges/ranges.yaml): NPS 0-10 on
// `recommend`, NPS 0-10 with "Don't know" on `return`, a 0-100 slider with
// "Not applicable" on `data-share`, -50..50 in steps of 5 on `inward`.
inline const bank::Questionnaire& range_bank()
{
  static const bank::Questionnaire bank =
    bank::load_valid_bank(std::string(CENTRICITY_TEST_DATA) + "/ranges/ranges.yaml");
  return bank;
}

} // namespace centricity::test
