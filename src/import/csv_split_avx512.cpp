// The CSV fast path with AVX-512BW and VBMI2: one 64-byte compare per byte
// class, straight into a 64-bit mask, and the fields of a chunk written
// eight at a time. Built with -mavx512bw -mavx512vbmi2 (CMakeLists.txt), run
// only where the processor has both (csv.cpp).

#include "csv_split.hpp"

#if defined(__AVX512BW__) && defined(__AVX512VBMI2__)
#include <immintrin.h>

#include <array>
#include <bit>
#endif

namespace centricity::import::detail {

#if defined(__AVX512BW__) && defined(__AVX512VBMI2__)
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

  // The fields ending at the chunk's delimiters, eight at a time, with no
  // branch per field: the delimiters' positions are compressed into a list
  // (VBMI2), widened to addresses, and each field is the span from the one
  // before's end + 1 to its own end, written as string_views (the layout
  // checked by string_view_layout_ok()).
  static void emit_fields(const char* data, std::size_t chunk, std::size_t field_start,
                          std::uint64_t delimiters, std::string_view* out)
  {
    const __m512i iota = _mm512_set_epi8(
      63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41,
      40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18,
      17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    alignas(64) std::array<std::uint8_t, 64> positions{};
    _mm512_store_si512(positions.data(), _mm512_maskz_compress_epi8(delimiters, iota));
    const auto base = static_cast<long long>(reinterpret_cast<std::uintptr_t>(data));
    const __m512i chunk_start = _mm512_set1_epi64(base + static_cast<long long>(chunk));
    const __m512i one = _mm512_set1_epi64(1);
    // Lane 7 of `before`: where the field before the next one ended.
    __m512i before = _mm512_set1_epi64(base + static_cast<long long>(field_start) - 1);
    // {size, data} pairs, fields 0-3 and 4-7 of each eight.
    const __m512i low = _mm512_set_epi64(11, 3, 10, 2, 9, 1, 8, 0);
    const __m512i high = _mm512_set_epi64(15, 7, 14, 6, 13, 5, 12, 4);
    const int fields = std::popcount(delimiters);
    for (int i = 0; i < fields; i += 8) {
      const __m512i ends =
        _mm512_add_epi64(_mm512_cvtepu8_epi64(
                           _mm_loadl_epi64(reinterpret_cast<const __m128i*>(positions.data() + i))),
                         chunk_start);
      const __m512i starts = _mm512_add_epi64(_mm512_alignr_epi64(ends, before, 7), one);
      const __m512i sizes = _mm512_sub_epi64(ends, starts);
      _mm512_storeu_si512(out + i, _mm512_permutex2var_epi64(sizes, low, starts));
      _mm512_storeu_si512(out + i + 4, _mm512_permutex2var_epi64(sizes, high, starts));
      before = ends;
    }
  }

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
