// The CSV fast path with AVX-512BW: one 64-byte compare per byte class,
// straight into a 64-bit mask. Built with -mavx512bw (CMakeLists.txt), run
// only where the processor has it (csv.cpp).

#include "csv_split.hpp"

#if defined(__AVX512BW__)
#include <immintrin.h>
#endif

namespace centricity::import::detail {

#if defined(__AVX512BW__)
namespace {

class Avx512Bytes {
public:
  Avx512Bytes(const char* p, char delimiter)
    : m_delimiter(_mm512_set1_epi8(delimiter))
    , m_v(_mm512_loadu_si512(p))
  {
  }
  [[nodiscard]] std::uint64_t delimiters() const { return equal(m_delimiter); }
  [[nodiscard]] std::uint64_t line_feeds() const { return equal(_mm512_set1_epi8('\n')); }
  [[nodiscard]] std::uint64_t rare() const
  {
    return carriage_returns() | quotes() | nuls() | high();
  }
  [[nodiscard]] std::uint64_t carriage_returns() const { return equal(_mm512_set1_epi8('\r')); }
  [[nodiscard]] std::uint64_t quotes() const { return equal(_mm512_set1_epi8('"')); }
  [[nodiscard]] std::uint64_t nuls() const { return equal(_mm512_setzero_si512()); }
  [[nodiscard]] std::uint64_t high() const { return _mm512_movepi8_mask(m_v); }

private:
  [[nodiscard]] std::uint64_t equal(__m512i byte) const
  {
    return _mm512_cmpeq_epi8_mask(m_v, byte);
  }

  __m512i m_delimiter;
  __m512i m_v;
};

} // namespace

bool split_plain_avx512_built()
{
  return true;
}

std::size_t split_plain_avx512(const SplitInput& in, SplitOutput& out)
{
  return split_plain<Avx512Bytes>(in, out);
}

#else

bool split_plain_avx512_built()
{
  return false;
}

std::size_t split_plain_avx512(const SplitInput& /*in*/, SplitOutput& /*out*/)
{
  return std::string_view::npos;
}

#endif

} // namespace centricity::import::detail
