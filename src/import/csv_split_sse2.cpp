// The CSV fast path with SSE2, which every x86-64 processor has: four
// 16-byte compares per byte class for each 64 bytes.

#include "csv_split.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace centricity::import::detail {

#if defined(__SSE2__)
namespace {

class Sse2Bytes {
public:
  Sse2Bytes(const char* p, char delimiter)
    : m_delimiter(_mm_set1_epi8(delimiter))
  {
    for (int i = 0; i < 4; ++i) {
      m_v[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    }
  }
  [[nodiscard]] std::uint64_t delimiters() const { return equal(m_delimiter); }
  [[nodiscard]] std::uint64_t line_feeds() const { return equal(_mm_set1_epi8('\n')); }
  [[nodiscard]] std::uint64_t rare() const
  {
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i nul = _mm_setzero_si128();
    // A byte's top bit is its own mask: OR the bytes in.
    return mask([&](__m128i x) {
      return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, quote)),
                          _mm_or_si128(_mm_cmpeq_epi8(x, nul), x));
    });
  }
  [[nodiscard]] std::uint64_t carriage_returns() const { return equal(_mm_set1_epi8('\r')); }
  [[nodiscard]] std::uint64_t quotes() const { return equal(_mm_set1_epi8('"')); }
  [[nodiscard]] std::uint64_t nuls() const { return equal(_mm_setzero_si128()); }
  [[nodiscard]] std::uint64_t high() const
  {
    return mask([](__m128i x) { return x; });
  }

private:
  template <typename Test>
  [[nodiscard]] std::uint64_t mask(Test&& test) const
  {
    std::uint64_t m = 0;
    for (int i = 0; i < 4; ++i) {
      m |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(test(m_v[i]))))
           << (16 * i);
    }
    return m;
  }
  [[nodiscard]] std::uint64_t equal(__m128i byte) const
  {
    return mask([&](__m128i x) { return _mm_cmpeq_epi8(x, byte); });
  }

  __m128i m_delimiter;
  __m128i m_v[4];
};

} // namespace

std::size_t split_plain_sse2(const SplitInput& in, SplitOutput& out)
{
  return split_plain<Sse2Bytes>(in, out);
}

#else

// No SSE2 (not x86-64): every record takes the general path.
std::size_t split_plain_sse2(const SplitInput& /*in*/, SplitOutput& /*out*/)
{
  return std::string_view::npos;
}

#endif

} // namespace centricity::import::detail
