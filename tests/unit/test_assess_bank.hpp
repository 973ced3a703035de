#pragma once

// The small bank of the assess tests (tests/data/assess/small.yaml) and a
// temp folder that is kept, and named, when a test fails.

#include <centricity/answers/response.hpp>
#include <centricity/bank/loader.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace assess_test {

// Five questions: listen-calls (scale `count`: 4 values + don't know, no
// N/A), listen-visits, listen-reports (reverse), act-fix, act-budget
// (belief) on `agree` (5 values, N/A, don't know). Sections: listening (3),
// acting (2).
inline const centricity::bank::Questionnaire& small_bank()
{
  static const centricity::bank::Questionnaire bank =
    centricity::bank::load_valid_bank(CENTRICITY_TEST_DATA "/assess/small.yaml");
  return bank;
}

// True if `a` and `b` hold the same answers (answers::Answer has no ==).
inline bool same_answers(const std::vector<centricity::answers::Answer>& a,
                         const std::vector<centricity::answers::Answer>& b)
{
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].option != b[i].option) {
      return false;
    }
  }
  return true;
}

inline std::string slurp(const std::filesystem::path& path)
{
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh folder under the system temp folder for one test.
inline std::filesystem::path temp_dir(const std::string& name)
{
  const auto dir = std::filesystem::temp_directory_path() / ("centricity-test-assess-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

} // namespace assess_test
