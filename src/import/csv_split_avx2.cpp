// The CSV fast path with AVX2: two 32-byte compares per byte class for each
// 64 bytes. Built with -mavx2 (CMakeLists.txt), run only where the
// processor has AVX2 (csv.cpp).

#include "csv_split.hpp"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace centricity::import::detail {

#if defined(__AVX2__)
namespace {

class Avx2Bytes {
public:
  Avx2Bytes(const char* p, char delimiter)
    : m_delimiter(_mm256_set1_epi8(delimiter))
    , m_low(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)))
    , m_high(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32)))
  {
  }
  [[nodiscard]] std::uint64_t delimiters() const { return equal(m_delimiter); }
  [[nodiscard]] std::uint64_t line_feeds() const { return equal(_mm256_set1_epi8('\n')); }
  [[nodiscard]] std::uint64_t rare() const
  {
    const __m256i cr = _mm256_set1_epi8('\r');
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i nul = _mm256_setzero_si256();
    return mask([&](__m256i x) {
      return _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(x, cr), _mm256_cmpeq_epi8(x, quote)),
                             _mm256_or_si256(_mm256_cmpeq_epi8(x, nul), x));
    });
  }
  [[nodiscard]] std::uint64_t carriage_returns() const { return equal(_mm256_set1_epi8('\r')); }
  [[nodiscard]] std::uint64_t quotes() const { return equal(_mm256_set1_epi8('"')); }
  [[nodiscard]] std::uint64_t nuls() const { return equal(_mm256_setzero_si256()); }
  [[nodiscard]] std::uint64_t high() const
  {
    return mask([](__m256i x) { return x; });
  }

private:
  template <typename Test>
  [[nodiscard]] std::uint64_t mask(Test&& test) const
  {
    const auto low = static_cast<std::uint32_t>(_mm256_movemask_epi8(test(m_low)));
    const auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(test(m_high)));
    return std::uint64_t{low} | std::uint64_t{high} << 32U;
  }
  [[nodiscard]] std::uint64_t equal(__m256i byte) const
  {
    return mask([&](__m256i x) { return _mm256_cmpeq_epi8(x, byte); });
  }

  __m256i m_delimiter;
  __m256i m_low;
  __m256i m_high;
};

} // namespace

bool split_plain_avx2_built()
{
  return true;
}

std::size_t split_plain_avx2(const SplitInput& in, SplitOutput& out)
{
  return split_plain<Avx2Bytes>(in, out);
}

#else

bool split_plain_avx2_built()
{
  return false;
}

std::size_t split_plain_avx2(const SplitInput& /*in*/, SplitOutput& /*out*/)
{
  return std::string_view::npos;
}

#endif

} // namespace centricity::import::detail
