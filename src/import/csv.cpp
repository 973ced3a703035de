// Why one file of ~860 lines: the CSV dialect sniffer, the block splitter
// (CsvSplitter) and the field parser (CsvParser) share one quoting state
// machine and its SIMD scans; split apart, the quote-parity rules would have
// to be kept equal in three places. The plain-record fast path is already in
// csv_split_*.cpp, one translation unit per instruction set.

#include "csv_split.hpp"
#include "labels_match.hpp"

#include <centricity/import/csv.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstring>

namespace centricity::import {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// Windows-1252's 0x80-0x9F; 0 marks the five undefined bytes.
constexpr std::array<char16_t, 32> k_cp1252_high = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
  0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
  0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(char32_t c, std::string& out)
{
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0U | (c >> 6U));
    out += static_cast<char>(0x80U | (c & 0x3FU));
  } else {
    out += static_cast<char>(0xE0U | (c >> 12U));
    out += static_cast<char>(0x80U | ((c >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (c & 0x3FU));
  }
}

bool has_high_byte(const char* data, std::size_t size)
{
  // Word-at-a-time: labels are ASCII, so this is the common exit.
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, data + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) {
      return true;
    }
  }
  for (; i < size; ++i) {
    if ((static_cast<unsigned char>(data[i]) & 0x80U) != 0) {
      return true;
    }
  }
  return false;
}

// How many bytes from `begin` to `end` are `c`: 16 at a time where SSE2 is
// there, several times faster than std::count on a 400 MB export.
std::uint64_t count_byte(const char* begin, const char* end, char c)
{
  std::uint64_t n = 0;
#if defined(__SSE2__)
  const __m128i wanted = _mm_set1_epi8(c);
  const __m128i zero = _mm_setzero_si128();
  while (end - begin >= 16) {
    // Per-byte counters of up to 255 blocks of 16, then summed.
    __m128i counts = _mm_setzero_si128();
    const std::ptrdiff_t blocks = std::min<std::ptrdiff_t>((end - begin) / 16, 255);
    for (std::ptrdiff_t i = 0; i < blocks; ++i, begin += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, wanted));
    }
    const __m128i sums = _mm_sad_epu8(counts, zero);
    n += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums))
         + static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  return n + static_cast<std::uint64_t>(std::count(begin, end, c));
}

// Code points from `begin` to `end` (continuation bytes do not count).
std::size_t code_points(const char* begin, const char* end)
{
  std::size_t n = 0;
  for (const char* p = begin; p < end; ++p) {
    if ((static_cast<unsigned char>(*p) & 0xC0U) != 0x80U) {
      ++n;
    }
  }
  return n;
}

// Where the field whose view into the block is `view` starts, in a record
// of the fast path starting at `start`: a quoted field's view starts after
// its quote (an unquoted field follows a delimiter or starts the record).
std::size_t view_offset(const char* data, std::size_t start, std::string_view view)
{
  const auto offset = static_cast<std::size_t>(view.data() - data);
  return offset > start && data[offset - 1] == '"' ? offset - 1 : offset;
}

std::string mib(std::size_t bytes)
{
  if (bytes % (std::size_t{1} << 20U) == 0) {
    return fmt::format("{} MiB", bytes >> 20U);
  }
  return fmt::format("{} bytes", bytes);
}

// The first byte at or after `pos` that ends an unquoted field's plain run:
// the delimiter, CR, LF, a quote or NUL. 16 bytes at a time where SSE2 is
// there (every x86-64), so short label cells cost a compare or two.
std::size_t scan_plain(const char* data, std::size_t pos, std::size_t size, char delimiter,
                       const std::array<bool, 256>& plain)
{
#if defined(__SSE2__)
  const __m128i d = _mm_set1_epi8(delimiter);
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i nul = _mm_setzero_si128();
  while (pos + 16 <= size) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos));
    const __m128i hit =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, lf)),
                   _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)),
                                _mm_cmpeq_epi8(v, nul)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) {
      return pos + static_cast<std::size_t>(__builtin_ctz(mask));
    }
    pos += 16;
  }
#else
  (void)delimiter;
#endif
  while (pos < size && !plain[static_cast<unsigned char>(data[pos])]) {
    ++pos;
  }
  return pos;
}

} // namespace

void append_cp1252_as_utf8(std::string_view text, std::string& out)
{
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x80) {
      out += ch;
    } else if (byte < 0xA0) {
      const char16_t mapped = k_cp1252_high[byte - 0x80U];
      append_utf8(mapped == 0 ? char32_t{0xFFFD} : char32_t{mapped}, out);
    } else {
      append_utf8(byte, out);
    }
  }
}

void ByteBuffer::resize(std::size_t size)
{
  if (size > m_capacity) {
    const std::size_t capacity = std::max(size, 2 * m_capacity);
    auto bytes = std::make_unique_for_overwrite<char[]>(capacity);
    if (m_size != 0) {
      std::memcpy(bytes.get(), m_bytes.get(), m_size);
    }
    m_bytes = std::move(bytes);
    m_capacity = capacity;
  }
  m_size = size;
}

void ByteBuffer::assign(std::string_view bytes)
{
  m_size = 0;
  resize(bytes.size());
  if (!bytes.empty()) {
    std::memmove(m_bytes.get(), bytes.data(), bytes.size());
  }
}

void ByteBuffer::erase_front(std::size_t count)
{
  count = std::min(count, m_size);
  if (count == 0) {
    return;
  }
  std::memmove(m_bytes.get(), m_bytes.get() + count, m_size - count);
  m_size -= count;
}

void ByteBuffer::swap(ByteBuffer& other) noexcept
{
  std::swap(m_bytes, other.m_bytes);
  std::swap(m_size, other.m_size);
  std::swap(m_capacity, other.m_capacity);
}

CsvSplitter::CsvSplitter(ByteSource& source, std::string file, CsvLimits limits,
                         std::size_t chunk_bytes)
  : m_source(&source)
  , m_file(std::move(file))
  , m_limits(limits)
  , m_chunk(std::max<std::size_t>(chunk_bytes, 64))
{
  fill(m_chunk);
  const std::string_view prefix = m_pending;
  if (prefix.empty()) {
    throw Error(fmt::format("{}: the file is empty", m_file));
  }
  if (prefix.substr(0, 2) == "\xFF\xFE" || prefix.substr(0, 2) == "\xFE\xFF") {
    throw Error(fmt::format(
      "{}: the file is UTF-16 text; save or export it as UTF-8 CSV and try again", m_file));
  }
  // An OLE2 compound file: what Excel writes for a password-protected
  // workbook (the zip is encrypted inside it) and for old .xls files. It was
  // reported as binary data, "not a CSV text file".
  if (prefix.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    const std::string_view encrypted("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e", 32);
    if (std::string_view(m_pending).find(encrypted) != std::string_view::npos) {
      throw Error(
        fmt::format("{}: an encrypted (password-protected) XLSX workbook, which cannot be "
                    "read without its password; save a copy without the password (Excel: "
                    "File > Info > Protect Workbook) or export the sheet as CSV",
                    m_file));
    }
    throw Error(fmt::format("{}: an OLE2 compound file: an old Excel .xls workbook or a "
                            "password-protected XLSX, neither of which can be read; save it as an "
                            "XLSX workbook without a password, or export the sheet as CSV",
                            m_file));
  }
  // A file named as a workbook that is no zip archive: damaged (cut short,
  // overwritten) or another format renamed. Reading it as CSV would only say
  // "binary data".
  if ((m_file.ends_with(".xlsx") || m_file.ends_with(".xlsm") || m_file.ends_with(".XLSX"))
      && prefix.substr(0, 2) != "PK") {
    std::string start;
    for (std::size_t i = 0; i < std::min<std::size_t>(prefix.size(), 4); ++i) {
      start += fmt::format("{}0x{:02X}", i == 0 ? "" : " ", static_cast<unsigned char>(prefix[i]));
    }
    throw Error(fmt::format("{}: named as an XLSX workbook, but it is not one (a workbook is a zip "
                            "archive, starting with 'PK'; this file starts with {}): it is damaged "
                            "or another kind of file renamed",
                            m_file, start));
  }
  if (prefix.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    throw Error(
      fmt::format("{}: the file is a zip archive (an XLSX workbook?), not CSV text", m_file));
  }
  if (prefix.substr(0, 3) == k_utf8_bom) {
    m_dialect.bom = true;
    m_pending.erase_front(3);
    m_offset = 3;
  }
  const std::string_view text = m_pending;
  // Binary data: a NUL byte, or many control characters, in the first chunk.
  if (const void* nul = std::memchr(text.data(), 0, text.size())) {
    const util::SourceLoc at = util::locate(
      m_file, text, static_cast<std::size_t>(static_cast<const char*>(nul) - text.data()));
    throw Error(fmt::format("{}:{}:{}: NUL byte: this is binary data, not a CSV text file", at.file,
                            at.line, at.column));
  }
  // No branch per byte, so the compiler can count sixteen or more at once:
  // this runs over the whole first chunk before any worker starts.
  std::size_t controls = 0;
  const char* const bytes = text.data();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    controls += static_cast<unsigned>(byte < 0x20U) & static_cast<unsigned>(byte != '\t')
                & static_cast<unsigned>(byte != '\n') & static_cast<unsigned>(byte != '\r');
  }
  if (controls * 100 > text.size() && controls > 2) {
    throw Error(fmt::format("{}: {} control characters in the first {} bytes: this is binary "
                            "data, not a CSV text file",
                            m_file, controls, text.size()));
  }
  // The first line end decides the kind (a line end of the other kind later
  // is refused where it appears): a bare CR makes a file of CR lines.
  if (const std::size_t end = text.find_first_of("\r\n");
      end != std::string_view::npos && text[end] == '\r'
      && (end + 1 < text.size() ? text[end + 1] != '\n' : m_eof)) {
    m_dialect.newline = '\r';
  }
  // The delimiter is the most frequent of , ; TAB outside quotes on line 1.
  std::array<std::size_t, 3> counts{};
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      break;
    } else if (!quoted) {
      counts[0] += c == ',' ? 1 : 0;
      counts[1] += c == ';' ? 1 : 0;
      counts[2] += c == '\t' ? 1 : 0;
    }
  }
  if (counts[1] > counts[0] && counts[1] >= counts[2]) {
    m_dialect.delimiter = ';';
  } else if (counts[2] > counts[0] && counts[2] > counts[1]) {
    m_dialect.delimiter = '\t';
  }
  if (!m_dialect.bom) {
    if (const auto bad = util::find_invalid_utf8(text)) {
      // A multi-byte sequence cut by the chunk end is not evidence.
      if (m_eof || *bad + 4 < text.size()) {
        m_dialect.encoding = Encoding::cp1252;
        m_diagnostics.warning(
          util::locate(m_file, text, *bad, m_dialect.newline),
          fmt::format("not valid UTF-8 (byte 0x{:02X}); reading the file as Windows-1252",
                      static_cast<unsigned char>(text[*bad])));
      }
    }
  }
  m_bytes_read = m_offset;
}

void CsvSplitter::fill(std::size_t wanted)
{
  while (!m_eof && m_pending.size() < wanted) {
    const std::size_t old = m_pending.size();
    const std::size_t step = std::max(wanted - old, std::size_t{4096});
    m_pending.resize(old + step);
    const std::size_t got = m_source->read(m_pending.data() + old, step);
    m_pending.resize(old + got);
    if (got == 0) {
      m_eof = true;
    }
  }
}

void CsvSplitter::scan()
{
  // Only quote parity matters here: CsvParser rejects a quote that does not
  // open or close a field, so parity and the parser always agree on where a
  // record ends. memchr/memrchr keep this pass far cheaper than parsing.
  const char* data = m_pending.data();
  const std::size_t end = m_pending.size();
  const char newline = m_dialect.newline;
  std::size_t pos = m_scanned;
  while (pos < end) {
    const void* found = std::memchr(data + pos, '"', end - pos);
    const std::size_t quote =
      found == nullptr ? end : static_cast<std::size_t>(static_cast<const char*>(found) - data);
    if (!m_in_quotes) {
      if (const void* last = ::memrchr(data + pos, newline, quote - pos)) {
        m_cut = static_cast<std::size_t>(static_cast<const char*>(last) - data) + 1;
        m_cut_records += count_byte(data + pos, data + quote, newline);
        m_quoted_lines_at_cut = m_quoted_lines;
      }
    } else {
      // Line breaks inside quotes: lines, but no record ends.
      m_quoted_lines += count_byte(data + pos, data + quote, newline);
    }
    if (found == nullptr) {
      break;
    }
    m_in_quotes = !m_in_quotes;
    pos = quote + 1;
  }
  m_scanned = end;
}

bool CsvSplitter::next(CsvBlock& block, std::size_t min_records)
{
  while (true) {
    scan();
    const bool enough = m_cut > 0 && m_cut_records >= min_records && m_pending.size() >= m_chunk;
    if (enough || (m_eof && (m_cut > 0 || !m_pending.empty()))) {
      std::size_t take = m_cut;
      std::uint64_t records = m_cut_records;
      // Every line break before the cut: the record ends plus those quoted.
      std::uint64_t lines = m_cut_records + m_quoted_lines_at_cut;
      block.last = false;
      if (m_eof && !enough) {
        take = m_pending.size();
        records += take > m_cut ? 1 : 0;
        lines = m_cut_records + m_quoted_lines;
        block.last = true;
      }
      m_quoted_lines -= lines - m_cut_records;
      m_quoted_lines_at_cut = 0;
      block.oversized = false;
      // Hand over the buffer itself and keep only the tail (part of a
      // record) in the block's old one: no copy of the block.
      block.data.swap(m_pending);
      m_pending.assign(std::string_view(block.data).substr(take));
      block.data.resize(take);
      block.seq = m_seq++;
      block.first_line = m_line;
      block.first_record = m_record;
      block.offset = m_offset;
      m_line += lines;
      m_record += records;
      m_offset += take;
      m_bytes_read += take;
      m_scanned = m_pending.size();
      m_cut = 0;
      m_cut_records = 0;
      if (block.last) {
        m_pending.clear();
      }
      return true;
    }
    if (m_eof) {
      return false;
    }
    if (m_pending.size() > m_limits.max_record_bytes && m_cut == 0) {
      // No record end in sight: hand over what there is; parsing it finds the
      // cell over the limit or the quote that never closes.
      block.data.assign(m_pending);
      block.seq = m_seq++;
      block.first_line = m_line;
      block.first_record = m_record;
      block.offset = m_offset;
      block.last = false;
      block.oversized = true;
      m_pending.clear();
      m_eof = true;
      return true;
    }
    fill(m_pending.size() + m_chunk);
  }
}

CsvParser::CsvParser(std::string file, CsvDialect dialect, CsvLimits limits)
  : m_file(std::move(file))
  , m_dialect(dialect)
  , m_limits(limits)
{
  use_simd(best_simd_level());
}

void CsvParser::fail(const CsvBlock& block, std::size_t offset, std::uint64_t line,
                     std::size_t line_start, const std::string& message) const
{
  const std::size_t column =
    1 + code_points(block.data.data() + line_start, block.data.data() + offset);
  throw Error(fmt::format("{}:{}:{}: {}", m_file, line, column, message));
}

void CsvParser::check_line_end(const CsvBlock& block, std::size_t pos, std::uint64_t line,
                               std::size_t line_start) const
{
  // Outside quotes every CR, LF and CR LF ends a record for the tools that
  // wrote or will read the file (Excel, pandas, Python's csv). Reading only
  // the file's own kind glued rows together (40 respondents became 20), so
  // a line end of the other kind is refused where it appears. LF and CR LF
  // mix safely; a bare CR at the very end of the file ends the last line.
  const char* data = block.data.data();
  const std::size_t size = block.data.size();
  if (m_dialect.newline == '\n') {
    if (data[pos] == '\r' && (pos + 1 < size ? data[pos + 1] != '\n' : !block.last)) {
      fail(block, pos, line, line_start,
           "mixed line ends: this line ends with a bare CR (classic Mac), the lines before with "
           "LF or CR LF, so rows would run together; save the file with one kind of line end");
    }
  } else if (data[pos] == '\n' || (pos + 1 < size && data[pos + 1] == '\n')) {
    fail(block, pos, line, line_start,
         "mixed line ends: this line ends with LF or CR LF, the lines before with a bare CR "
         "(classic Mac), so rows would run together; save the file with one kind of line end");
  }
}

util::SourceLoc CsvParser::where(const CsvBlock& block, const CsvRecord& record,
                                 std::size_t field) const
{
  const char* data = block.data.data();
  // Records of the fast path have no offsets: every field is a view into
  // the block. A field past the last is placed at the last field's start.
  std::size_t offset = record.start;
  if (!record.offsets.empty()) {
    offset = field < record.offsets.size() ? record.offsets[field] : record.offsets.back();
  } else if (!record.fields.empty()) {
    offset =
      view_offset(data, record.start, record.fields[std::min(field, record.fields.size() - 1)]);
  }
  std::uint64_t line = record.line;
  std::size_t line_start = record.start;
  for (std::size_t i = record.start; i < offset; ++i) {
    if (data[i] == m_dialect.newline) {
      ++line;
      line_start = i + 1;
    }
  }
  // Lines before the record start inside the block: find the line start.
  if (line_start == record.start) {
    while (line_start > 0 && data[line_start - 1] != m_dialect.newline) {
      --line_start;
    }
  }
  return {m_file, line, 1 + code_points(data + line_start, data + offset)};
}

void CsvParser::fix_encoding(const CsvBlock& block, std::size_t first_field)
{
  for (std::size_t f = first_field; f < m_pieces.size(); ++f) {
    Piece& piece = m_pieces[f];
    const char* base = piece.scratch ? m_scratch.data() : block.data.data();
    const std::string_view text(base + piece.offset, piece.size);
    if (!has_high_byte(text.data(), text.size())) {
      continue;
    }
    if (m_dialect.encoding == Encoding::utf8 && !util::find_invalid_utf8(text)) {
      continue;
    }
    if (m_dialect.encoding == Encoding::utf8) {
      if (m_transcoded++ == 0) {
        m_first_transcoded = where(block, m_record, f);
      }
    }
    std::string converted;
    append_cp1252_as_utf8(text, converted);
    piece = {true, static_cast<std::uint32_t>(m_scratch.size()),
             static_cast<std::uint32_t>(converted.size())};
    m_scratch += converted;
  }
}

// Splits the record at `pos` if it is plain, the usual case: no NUL, no CR
// except one just before its LF, quotes only around whole fields that hold
// no quote or line break themselves ("Legal, Risk & Compliance"), at most
// max_columns fields, each at most max_cell_bytes, and it ends with a line
// break 64 or more bytes before the end of the block. One pass 64 bytes at a
// time finds every delimiter and the line end as bit masks, so a field
// costs a few instructions rather than a scan of its own. Writes the fields
// (views into the block, without their quotes) to m_fields, which grows 64
// at a time so the inner loop has no capacity check, leaves
// m_record.offsets empty (where() takes a field's position from its view),
// sets `high` if any byte is above 0x7F, and returns the position after the
// line break; on anything else returns npos having changed nothing that
// matters, and the general loop parses the record (and reports what is
// wrong with it). The caller checks the dialect allows the fast path.
std::size_t CsvParser::split_plain(const CsvBlock& block, std::size_t pos, bool& high)
{
  detail::SplitInput in;
  in.data = block.data.data();
  in.size = block.data.size();
  in.pos = pos;
  in.delimiter = m_dialect.delimiter;
  in.max_columns = m_limits.max_columns;
  in.max_cell_bytes = m_limits.max_cell_bytes;
  detail::SplitOutput out;
  out.fields = &m_fields;
  const std::size_t next = m_split(in, out);
  if (next != std::string_view::npos) {
    m_record.fields = std::span<const std::string_view>(m_fields.data(), out.count);
    high = out.high;
  }
  return next;
}

namespace {

// Whether a std::string_view is laid out as its size, then its data
// pointer, as the AVX-512 fast path writes them (libstdc++'s layout).
bool string_view_is_size_then_data()
{
  static const char text[] = "probe";
  const std::string_view probe(text, 5);
  static_assert(sizeof probe == 2 * sizeof(std::uint64_t));
  std::array<std::uint64_t, 2> words{};
  std::memcpy(words.data(), &probe, sizeof probe);
  return words[0] == 5 && words[1] == reinterpret_cast<std::uintptr_t>(text);
}

} // namespace

std::vector<SimdLevel> available_simd_levels()
{
  std::vector<SimdLevel> levels;
#if defined(__SSE2__)
  levels.push_back(SimdLevel::sse2);
#endif
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  if (detail::split_plain_avx2_built() && __builtin_cpu_supports("avx2")) {
    levels.push_back(SimdLevel::avx2);
  }
  if (detail::split_plain_avx512_built() && __builtin_cpu_supports("avx512bw")
      && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi2")
      && string_view_is_size_then_data()) {
    levels.push_back(SimdLevel::avx512);
  }
#endif
  return levels;
}

SimdLevel best_simd_level()
{
  // Found once: the processor does not change.
  static const SimdLevel best = [] {
    const auto levels = available_simd_levels();
    return levels.empty() ? SimdLevel::sse2 : levels.back();
  }();
  return best;
}

detail::MatchLabels detail::match_labels_for(SimdLevel level)
{
  switch (level) {
  case SimdLevel::avx2:
    return match_labels_avx2;
  case SimdLevel::avx512:
    return match_labels_avx512;
  case SimdLevel::sse2:
    break;
  }
  return match_labels_sse2;
}

void CsvParser::use_simd(SimdLevel level)
{
  switch (level) {
  case SimdLevel::sse2:
    m_split = detail::split_plain_sse2;
    break;
  case SimdLevel::avx2:
    m_split = detail::split_plain_avx2;
    break;
  case SimdLevel::avx512:
    m_split = detail::split_plain_avx512;
    break;
  }
}

void CsvParser::fields_from_pieces(const char* data)
{
  if (m_fields.size() < m_pieces.size()) {
    m_fields.resize(m_pieces.size());
  }
  for (std::size_t f = 0; f < m_pieces.size(); ++f) {
    const Piece& piece = m_pieces[f];
    m_fields[f] =
      std::string_view((piece.scratch ? m_scratch.data() : data) + piece.offset, piece.size);
  }
  m_record.fields = std::span<const std::string_view>(m_fields.data(), m_pieces.size());
}

void CsvParser::parse(const CsvBlock& block, RecordSink& sink)
{
  // Byte classes for unquoted and quoted scanning: one table lookup per byte.
  std::array<bool, 256> plain{};
  plain[static_cast<unsigned char>(m_dialect.delimiter)] = true;
  plain['\n'] = true;
  plain['\r'] = true;
  plain['"'] = true;
  plain[0] = true;
  std::array<bool, 256> quoted{};
  quoted['"'] = true;
  quoted[static_cast<unsigned char>(m_dialect.newline)] = true;
  quoted[0] = true;

  const char* const data = block.data.data();
  const std::size_t size = block.data.size();
  const char newline = m_dialect.newline;
  const char delimiter = m_dialect.delimiter;
  std::uint64_t line = block.first_line;
  std::size_t line_start = 0;
  std::uint64_t index = block.first_record;
  // The fast path needs LF line ends and a delimiter that is no other
  // special byte.
  const bool fast = m_fast_path && newline == '\n' && delimiter != '"' && delimiter != '\r'
                    && delimiter != '\n' && delimiter != 0;
  std::size_t pos = 0;
  while (pos < size) {
    m_record.line = line;
    m_record.index = index++;
    m_record.start = static_cast<std::uint32_t>(pos);
    m_record.offsets.clear();
    bool high = false;
    if (const std::size_t next = fast ? split_plain(block, pos, high) : std::string_view::npos;
        next != std::string_view::npos) {
      pos = next;
      ++line;
      line_start = pos;
      if (m_record.fields.size() == 1 && m_record.fields[0].empty()) {
        --index; // a blank line
        continue;
      }
      if (m_dialect.encoding == Encoding::cp1252 || high) {
        // Transcoded cells move to m_scratch: positions from the block.
        m_pieces.clear();
        m_scratch.clear();
        for (const std::string_view field : m_record.fields) {
          const auto at = static_cast<std::uint32_t>(field.data() - data);
          m_pieces.push_back({false, at, static_cast<std::uint32_t>(field.size())});
          m_record.offsets.push_back(
            static_cast<std::uint32_t>(view_offset(data, m_record.start, field)));
        }
        fix_encoding(block, 0);
        fields_from_pieces(data);
      }
      if (!sink.record(m_record)) {
        return;
      }
      continue;
    }
    m_pieces.clear();
    m_scratch.clear();
    bool record_done = false;
    while (!record_done) {
      const std::size_t field_start = pos;
      Piece piece;
      if (pos < size && data[pos] == '"') {
        const std::uint64_t open_line = line;
        const std::size_t open_line_start = line_start;
        ++pos;
        std::size_t segment = pos;
        bool escaped = false;
        while (true) {
          while (pos < size && !quoted[static_cast<unsigned char>(data[pos])]) {
            ++pos;
          }
          if (pos - field_start > m_limits.max_cell_bytes + 2) {
            fail(block, field_start, open_line, open_line_start,
                 fmt::format("cell larger than {}", mib(m_limits.max_cell_bytes)));
          }
          if (pos >= size) {
            fail(block, field_start, open_line, open_line_start,
                 block.oversized
                   ? fmt::format("quoted field longer than {} (is its closing quote missing?)",
                                 mib(m_limits.max_record_bytes))
                   : std::string("unterminated quoted field: its closing quote is missing"));
          }
          const char c = data[pos];
          if (c == newline) {
            ++line;
            line_start = ++pos;
            continue;
          }
          if (c == 0) {
            fail(block, pos, line, line_start,
                 "NUL byte: this is binary data, not a CSV text file");
          }
          // A quote: escaped ("") or closing.
          if (pos + 1 < size && data[pos + 1] == '"') {
            if (!escaped) {
              piece = {true, static_cast<std::uint32_t>(m_scratch.size()), 0};
              escaped = true;
            }
            m_scratch.append(data + segment, pos + 1 - segment);
            pos += 2;
            segment = pos;
            continue;
          }
          break;
        }
        if (escaped) {
          m_scratch.append(data + segment, pos - segment);
          piece.size = static_cast<std::uint32_t>(m_scratch.size() - piece.offset);
        } else {
          piece = {false, static_cast<std::uint32_t>(segment),
                   static_cast<std::uint32_t>(pos - segment)};
        }
        ++pos; // the closing quote
        if (pos < size && data[pos] != delimiter && data[pos] != '\n' && data[pos] != '\r') {
          fail(block, pos, line, line_start,
               "unexpected text after a closing quote (a quote inside a field must be doubled)");
        }
        if (piece.size > m_limits.max_cell_bytes) {
          fail(block, field_start, open_line, open_line_start,
               fmt::format("cell larger than {}", mib(m_limits.max_cell_bytes)));
        }
      } else {
        pos = scan_plain(data, pos, size, delimiter, plain);
        if (pos - field_start > m_limits.max_cell_bytes) {
          fail(block, field_start, line, line_start,
               fmt::format("cell larger than {}", mib(m_limits.max_cell_bytes)));
        }
        if (pos < size && data[pos] == '"') {
          fail(block, pos, line, line_start,
               "quote inside an unquoted field (a field containing quotes must be quoted)");
        }
        if (pos < size && data[pos] == 0) {
          fail(block, pos, line, line_start, "NUL byte: this is binary data, not a CSV text file");
        }
        piece = {false, static_cast<std::uint32_t>(field_start),
                 static_cast<std::uint32_t>(pos - field_start)};
      }
      m_pieces.push_back(piece);
      m_record.offsets.push_back(static_cast<std::uint32_t>(field_start));
      if (m_pieces.size() > m_limits.max_columns) {
        fail(block, field_start, line, line_start,
             fmt::format("more than {} columns in one record", m_limits.max_columns));
      }
      if (pos >= size) {
        record_done = true;
      } else if (data[pos] == delimiter) {
        ++pos;
        if (pos >= size) {
          // "a,b," at the very end: the trailing empty field.
          m_pieces.push_back({false, static_cast<std::uint32_t>(pos), 0});
          m_record.offsets.push_back(static_cast<std::uint32_t>(pos));
          record_done = true;
        }
      } else {
        check_line_end(block, pos, line, line_start);
        if (data[pos] == '\r' && pos + 1 < size && data[pos + 1] == '\n') {
          ++pos;
        }
        ++pos;
        ++line;
        line_start = pos;
        record_done = true;
      }
    }
    if (m_pieces.size() == 1 && m_pieces[0].size == 0) {
      --index; // a blank line is no record (LimeSurvey ends files with one)
      continue;
    }
    if (m_dialect.encoding == Encoding::cp1252
        || has_high_byte(data + m_record.start, pos - m_record.start)) {
      fix_encoding(block, 0);
    }
    fields_from_pieces(data);
    if (!sink.record(m_record)) {
      return;
    }
  }
  if (block.oversized) {
    fail(block, size, line, line_start,
         fmt::format("record longer than {}", mib(m_limits.max_record_bytes)));
  }
}

std::vector<std::vector<std::string>> read_csv(std::string text, const std::string& file,
                                               CsvDialect* dialect)
{
  class Collect : public RecordSink {
  public:
    bool record(const CsvRecord& record) override
    {
      rows.emplace_back(record.fields.begin(), record.fields.end());
      return true;
    }
    std::vector<std::vector<std::string>> rows;
  };
  auto source = string_source(std::move(text));
  CsvSplitter splitter(*source, file, {}, std::size_t{1} << 20U);
  CsvParser parser(file, splitter.dialect(), {});
  Collect collect;
  CsvBlock block;
  while (splitter.next(block)) {
    parser.parse(block, collect);
  }
  if (dialect != nullptr) {
    *dialect = splitter.dialect();
  }
  return std::move(collect.rows);
}

} // namespace centricity::import
