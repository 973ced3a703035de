// Replays every input the fuzzers ever found a problem with
// (tests/data/fuzz-regressions/<target>/*) through the same target function,
// in the normal build: none may crash, hang or trip a sanitizer.

#include "../../fuzz/targets.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("fuzz regressions replay without failure")
{
  const fs::path root = fs::path(CENTRICITY_TEST_DATA) / "fuzz-regressions";
  std::size_t replayed = 0;
  for (const auto& folder : fs::directory_iterator(root)) {
    if (!folder.is_directory()) {
      continue;
    }
    const auto target = centricity::fuzz::find_target(folder.path().filename().string());
    INFO(folder.path().string());
    REQUIRE(target != nullptr);
    for (const auto& file : fs::directory_iterator(folder.path())) {
      std::ifstream in(file.path(), std::ios::binary);
      const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
      INFO(file.path().string());
      target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  CHECK(replayed > 0);
}
