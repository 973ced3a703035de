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

} // namespace centricity::test
