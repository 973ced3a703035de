// One libFuzzer executable per target: CENTRICITY_FUZZ_TARGET names the
// function in targets.cpp at compile time.

#include "targets.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const auto target = centricity::fuzz::find_target(CENTRICITY_FUZZ_TARGET);
  target(data, size);
  return 0;
}
