#pragma once

// The CSV fast path (CsvParser::split_plain), written once over the byte
// classifier of an instruction set: SSE2 (every x86-64), AVX2 and AVX-512BW,
// each compiled in its own translation unit with that instruction set
// enabled and picked at run time (csv.cpp). Private to src/import.
//
// The template lives in an unnamed namespace on purpose: each translation
// unit that includes this header gets its own copy, compiled for its own
// instruction set, so no copy built with AVX-512 can stand in for another
// (one definition per program would allow the linker to pick any).

#include <centricity/import/csv.hpp>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace centricity::import::detail {

// What the fast path reads and writes.
struct SplitInput {
  const char* data = nullptr; // the block
  std::size_t size = 0;
  std::size_t pos = 0; // the record's first byte
  char delimiter = ',';
  std::size_t max_columns = 0;
  std::size_t max_cell_bytes = 0;
};
struct SplitOutput {
  std::vector<std::string_view>* fields = nullptr; // storage; grows, never shrinks
  std::size_t count = 0;                           // fields of the record
  bool high = false;                               // a byte above 0x7F
};

// Splits the record at in.pos (see CsvParser::split_plain); npos when it is
// not plain. One per instruction set, each in its own file.
std::size_t split_plain_sse2(const SplitInput& in, SplitOutput& out);
std::size_t split_plain_avx2(const SplitInput& in, SplitOutput& out);
std::size_t split_plain_avx512(const SplitInput& in, SplitOutput& out);
// Whether the compiler could build the AVX2 and AVX-512BW versions (x86-64
// with GCC or Clang); when not, they return npos.
bool split_plain_avx2_built();
bool split_plain_avx512_built();

namespace {

// Bit i of the result is the parity of bits 0..i of `x`: with `x` the
// quotes of a 64-byte chunk, the bytes inside a quoted field (and its
// opening quote).
inline std::uint64_t prefix_xor(std::uint64_t x)
{
  for (unsigned shift = 1; shift < 64; shift *= 2) {
    x ^= x << shift;
  }
  return x;
}

// A chunk with quotes (or inside quotes from the last chunk): delimiters
// and line breaks inside quotes are data. A line break inside quotes sends
// the record to the general path (false), which counts lines in quoted
// fields.
inline bool quoted_step(std::uint64_t quotes, bool& in_quotes, std::uint64_t& delimiters,
                        std::uint64_t& ends)
{
  const std::uint64_t inside = prefix_xor(quotes) ^ (in_quotes ? ~std::uint64_t{0} : 0U);
  const std::uint64_t record_end = ends & ~inside;
  // Only what lies before the record's end matters: the next record may
  // open quotes of its own.
  const std::uint64_t before =
    record_end == 0 ? ~std::uint64_t{0} : (record_end & (~record_end + 1U)) - 1U;
  if ((ends & inside & before) != 0) {
    return false;
  }
  delimiters &= ~inside;
  ends = record_end;
  in_quotes = (inside >> 63U) != 0;
  return true;
}

// `Bytes` classifies 64 bytes at a time: Bytes(p, delimiter) loads them and
// gives bit masks (bit i for byte i) through delimiters(), line_feeds() and
// rare() (CR, quote, NUL or above 0x7F, all rare in survey data), and, only
// when rare() is not zero, carriage_returns(), quotes(), nuls() and high().
// It may also have a static emit_fields(data, chunk, field_start,
// delimiters, out): write the fields that end at the delimiters of the chunk
// at `chunk` (the first starting at field_start) to out[0], out[1]... It may
// write up to the next multiple of eight past them (the caller has room):
// the loop of one field per delimiter is then not compiled.
template <typename Bytes>
std::size_t split_plain(const SplitInput& in, SplitOutput& result)
{
  const char* const data = in.data;
  const std::size_t size = in.size;
  const std::size_t start = in.pos;
  std::size_t field_start = in.pos;
  std::uint64_t high_bits = 0;
  std::size_t count = 0;
  bool cr_pending = false; // the previous chunk ended with a CR
  bool quoted = false;     // the record has quotes (seen so far)
  bool in_quotes = false;  // the previous chunk ended inside quotes
  std::uint64_t quotes_seen = 0;
  std::uint64_t quoted_fields = 0;
  std::vector<std::string_view>& fields = *result.fields;
  for (std::size_t chunk = in.pos; chunk + 64 <= size; chunk += 64) {
    const Bytes bytes(data + chunk, in.delimiter);
    std::uint64_t delimiters = bytes.delimiters();
    std::uint64_t ends = bytes.line_feeds();
    std::uint64_t crs = 0;
    std::uint64_t quotes = 0;
    std::uint64_t bad = 0;
    std::uint64_t high_here = 0;
    if (bytes.rare() != 0) {
      crs = bytes.carriage_returns();
      quotes = bytes.quotes();
      bad = bytes.nuls();
      high_here = bytes.high();
    }
    if ((quotes != 0 || in_quotes) && !quoted_step(quotes, in_quotes, delimiters, ends)) {
      break;
    }
    std::size_t end = 0; // position of the LF, when in this chunk
    constexpr std::uint64_t k_last = std::uint64_t{1} << 63U;
    if (ends != 0) {
      const auto at = static_cast<unsigned>(__builtin_ctzll(ends));
      const std::uint64_t before = (std::uint64_t{1} << at) - 1U;
      delimiters &= before;
      bad &= before;
      high_here &= before;
      crs &= before;
      quotes &= before;
      end = chunk + at;
      // The CR of a CRLF may sit just before the LF, in this chunk or the last.
      if (at > 0 && crs == (std::uint64_t{1} << (at - 1U))) {
        crs = 0;
      } else if (at == 0 && cr_pending) {
        cr_pending = false;
      }
    } else if (crs == k_last) {
      crs = 0;
      bad |= cr_pending ? 1U : 0U;
      cr_pending = true;
    } else {
      bad |= cr_pending ? 1U : 0U;
    }
    if (ends != 0 && cr_pending) {
      bad |= 1U; // a CR at the end of the last chunk, not followed by the LF
    }
    if ((bad | crs) != 0) {
      break;
    }
    high_bits |= high_here;
    if (quotes != 0) {
      quoted = true;
      quotes_seen += static_cast<std::uint64_t>(__builtin_popcountll(quotes));
    }
    // Room for this chunk's fields (at most 64) without a check per field.
    if (fields.size() < count + 65) {
      fields.resize(count + 65);
    }
    std::string_view* const out = fields.data();
    const auto emit = [&](std::size_t stop) {
      std::string_view field(data + field_start, stop - field_start);
      // A quoted field is a view inside its quotes; the quote count below
      // checks no other quote is anywhere.
      if (quoted && !field.empty() && field.front() == '"') {
        if (field.size() < 2 || field.back() != '"') {
          return false;
        }
        field = field.substr(1, field.size() - 2);
        ++quoted_fields;
      }
      out[count++] = field;
      return true;
    };
    bool fine = true;
    if (!quoted) {
      if constexpr (requires { Bytes::emit_fields(data, chunk, field_start, delimiters, out); }) {
        // All of the chunk's fields at once, where the instruction set can.
        if (delimiters != 0) {
          Bytes::emit_fields(data, chunk, field_start, delimiters, out + count);
          count += static_cast<std::size_t>(std::popcount(delimiters));
          field_start = chunk + 64 - static_cast<std::size_t>(std::countl_zero(delimiters));
          delimiters = 0;
        }
      } else {
        while (delimiters != 0) {
          const std::size_t at = chunk + static_cast<std::size_t>(__builtin_ctzll(delimiters));
          out[count++] = std::string_view(data + field_start, at - field_start);
          field_start = at + 1;
          delimiters &= delimiters - 1;
        }
      }
    }
    while (delimiters != 0) {
      const std::size_t at = chunk + static_cast<std::size_t>(__builtin_ctzll(delimiters));
      fine = emit(at) && fine;
      field_start = at + 1;
      delimiters &= delimiters - 1;
    }
    if (ends != 0) {
      const std::size_t stop = end > field_start && data[end - 1] == '\r' ? end - 1 : end;
      fine = emit(stop) && fine;
      if (!fine || quotes_seen != 2 * quoted_fields || count > in.max_columns
          || (end - start > in.max_cell_bytes
              && std::any_of(out, out + count, [&](std::string_view field) {
                   return field.size() > in.max_cell_bytes;
                 }))) {
        break;
      }
      result.count = count;
      result.high = high_bits != 0;
      return end + 1;
    }
    if (!fine || count > in.max_columns) {
      break;
    }
  }
  return std::string_view::npos;
}

} // namespace

} // namespace centricity::import::detail
