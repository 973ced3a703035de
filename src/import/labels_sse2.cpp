// The label matcher with SSE2, which every x86-64 processor has: two 16-byte
// compares per cell. Elsewhere, and in builds with AddressSanitizer (which
// would report the loads past a cell), a memcmp of the cell.

#include "labels_match.hpp"

#include <cstring>

#if defined(__SSE2__) && !defined(CENTRICITY_LABELS_ASAN)
#include <emmintrin.h>
#endif

namespace centricity::import::detail {

namespace {

struct Sse2Equal {
  static bool same(const DirectLabel& label, const char* text)
  {
#if defined(__SSE2__) && !defined(CENTRICITY_LABELS_ASAN)
    if (!whole_load_safe(text)) {
      return false;
    }
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text));
    const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + 16));
    const __m128i want_low = _mm_load_si128(reinterpret_cast<const __m128i*>(label.bytes.data()));
    const __m128i want_high =
      _mm_load_si128(reinterpret_cast<const __m128i*>(label.bytes.data() + 16));
    const auto equal =
      static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(low, want_low)))
      | static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(high, want_high))) << 16U;
    return (equal & label.need) == label.need;
#else
    // need is 2^size - 1 (or all ones), so its population is the length.
    return std::memcmp(label.bytes.data(), text,
                       static_cast<std::size_t>(__builtin_popcount(label.need)))
           == 0;
#endif
  }
};

} // namespace

std::size_t match_labels_sse2(const LabelInput& in, std::size_t from)
{
  return match_labels<Sse2Equal>(in, from);
}

} // namespace centricity::import::detail
