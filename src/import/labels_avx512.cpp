// The label matcher with AVX-512BW/VL: a masked 32-byte load reads exactly
// the cell's bytes, so there is nothing to check about where the cell lies
// and one compare says whether it is the label. Built with -mavx512bw and
// -mavx512vl (CMakeLists.txt), run only where the processor has both.

#include "labels_match.hpp"

#if defined(__AVX512BW__) && defined(__AVX512VL__)
#include <immintrin.h>
#endif

namespace centricity::import::detail {

#if defined(__AVX512BW__) && defined(__AVX512VL__)
namespace {

struct Avx512Equal {
  static bool same(const DirectLabel& label, const char* text)
  {
    // Bytes outside `need` are neither read (no fault, nothing for a
    // sanitizer to report) nor compared: they load as zero, as the label's
    // padding is.
    const __m256i cell = _mm256_maskz_loadu_epi8(label.need, text);
    const __m256i want = _mm256_load_si256(reinterpret_cast<const __m256i*>(label.bytes.data()));
    return _mm256_cmpneq_epi8_mask(cell, want) == 0;
  }
};

} // namespace

std::size_t match_labels_avx512(const LabelInput& in, std::size_t from)
{
  return match_labels<Avx512Equal>(in, from);
}

#else

std::size_t match_labels_avx512(const LabelInput& in, std::size_t from)
{
  return match_labels_sse2(in, from);
}

#endif

} // namespace centricity::import::detail
