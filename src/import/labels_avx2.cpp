// The label matcher with AVX2: one 32-byte compare per cell. Built with
// -mavx2 (CMakeLists.txt), run only where the processor has AVX2.

#include "labels_match.hpp"

#if defined(__AVX2__) && !defined(CENTRICITY_LABELS_ASAN)
#include <immintrin.h>
#endif

namespace centricity::import::detail {

#if defined(__AVX2__) && !defined(CENTRICITY_LABELS_ASAN)
namespace {

struct Avx2Equal {
  static bool same(const DirectLabel& label, const char* text)
  {
    if (!whole_load_safe(text)) {
      return false;
    }
    const __m256i cell = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text));
    const __m256i want = _mm256_load_si256(reinterpret_cast<const __m256i*>(label.bytes.data()));
    const auto equal =
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(cell, want)));
    return (equal & label.need) == label.need;
  }
};

} // namespace

std::size_t match_labels_avx2(const LabelInput& in, std::size_t from)
{
  return match_labels<Avx2Equal>(in, from);
}

#else

// Not built for AVX2 (or built with AddressSanitizer, which would report
// the load past a cell): the SSE2 matcher, which has its own fallback.
std::size_t match_labels_avx2(const LabelInput& in, std::size_t from)
{
  return match_labels_sse2(in, from);
}

#endif

} // namespace centricity::import::detail
