#pragma once

// A streaming RFC 4180 CSV reader in two halves, so parsing can run on many
// threads: CsvSplitter reads the input in chunks and cuts it into blocks of
// whole records (tracking only quote parity, which is cheap), and CsvParser
// turns one block into records with physical line numbers. Quoted fields may
// span lines; lines count physical line breaks, so positions match what an
// editor shows. Memory is bounded by the chunk size and the record limit,
// never by the file size.

#include <centricity/import/source.hpp>
#include <centricity/util/diagnostics.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import {

enum class Encoding {
  utf8,   // with or without a BOM
  cp1252, // Windows-1252 (Excel's "CSV" on Windows), transcoded to UTF-8
};

// How a CSV file is written, as sniffed from its first chunk.
struct CsvDialect {
  char delimiter = ',';
  char newline = '\n'; // '\r' for files whose lines end with a bare CR
  Encoding encoding = Encoding::utf8;
  bool bom = false; // a UTF-8 BOM was skipped
};

// Guards against files that would exhaust memory.
struct CsvLimits {
  std::size_t max_cell_bytes = std::size_t{1} << 20U;    // 1 MiB
  std::size_t max_columns = 16384;                       // fields per record
  std::size_t max_record_bytes = std::size_t{16} << 20U; // 16 MiB
};

// Bytes read from a file: like std::string, but growing it leaves the new
// bytes uninitialised, for a read() to fill, so an export of hundreds of
// megabytes is not zero-filled first.
class ByteBuffer {
public:
  [[nodiscard]] const char* data() const { return m_bytes.get(); }
  [[nodiscard]] char* data() { return m_bytes.get(); }
  [[nodiscard]] std::size_t size() const { return m_size; }
  [[nodiscard]] bool empty() const { return m_size == 0; }
  operator std::string_view() const { return {m_bytes.get(), m_size}; } // NOLINT: like std::string
  // Grows (new bytes uninitialised) or shrinks to `size` bytes.
  void resize(std::size_t size);
  void clear() { m_size = 0; }
  void assign(std::string_view bytes);
  // Drops the first `count` bytes.
  void erase_front(std::size_t count);
  void swap(ByteBuffer& other) noexcept;

private:
  std::unique_ptr<char[]> m_bytes;
  std::size_t m_size = 0;
  std::size_t m_capacity = 0;
};

// A piece of the input that holds whole records only.
struct CsvBlock {
  ByteBuffer data;
  std::uint64_t seq = 0;          // 0-based block number in the file
  std::uint64_t first_line = 1;   // physical line of data[0], 1-based
  std::uint64_t first_record = 0; // 0-based file index of its first record
  std::uint64_t offset = 0;       // byte offset of data[0] in the file
  bool last = false;              // ends at the end of the file
  // No record ended within CsvLimits::max_record_bytes; parsing it reports why.
  bool oversized = false;
};

// Cuts a byte source into blocks of whole records.
class CsvSplitter {
public:
  // Reads from `source` (named `file` in messages) in chunks of about
  // `chunk_bytes`. Reads and sniffs the first chunk at once; throws
  // centricity::Error for an empty file, UTF-16 text or binary data.
  CsvSplitter(ByteSource& source, std::string file, CsvLimits limits, std::size_t chunk_bytes);

  [[nodiscard]] const CsvDialect& dialect() const { return m_dialect; }
  // Warnings found while sniffing (an encoding fallback).
  [[nodiscard]] const util::Diagnostics& diagnostics() const { return m_diagnostics; }
  // Fills `block` with the next block holding at least `min_records` records
  // (fewer at the end of the file); false when the input is exhausted.
  // `block`'s string capacity is reused.
  bool next(CsvBlock& block, std::size_t min_records = 1);
  // Bytes consumed from the source so far.
  [[nodiscard]] std::uint64_t bytes_read() const { return m_bytes_read; }

private:
  void fill(std::size_t wanted);
  void scan();

  ByteSource* m_source;
  std::string m_file;
  CsvLimits m_limits;
  std::size_t m_chunk;
  CsvDialect m_dialect;
  util::Diagnostics m_diagnostics;
  ByteBuffer m_pending; // unread bytes; starts at a record boundary
  std::size_t m_scanned = 0;
  bool m_in_quotes = false;
  std::size_t m_cut = 0;                   // just after the last record end found
  std::uint64_t m_cut_records = 0;         // record ends before m_cut
  std::uint64_t m_quoted_lines = 0;        // line breaks inside quotes in m_pending
  std::uint64_t m_quoted_lines_at_cut = 0; // ... of them before m_cut
  std::uint64_t m_line = 1;
  std::uint64_t m_record = 0;
  std::uint64_t m_offset = 0;
  std::uint64_t m_seq = 0;
  std::uint64_t m_bytes_read = 0;
  bool m_eof = false;
};

// One record as parsed: fields are views into the block or into the
// parser's scratch space, valid until the next record.
struct CsvRecord {
  std::span<const std::string_view> fields; // in the parser's storage
  // Each field's first byte in the block; empty when every field is a view
  // into the block (the fast path), whose position is then the view's.
  std::vector<std::uint32_t> offsets;
  std::uint64_t line = 0;  // physical line where the record starts
  std::uint64_t index = 0; // 0-based record index in the file
  std::uint32_t start = 0; // the record's first byte in the block
};

// Receives the records of a block.
class RecordSink {
public:
  virtual ~RecordSink() = default;
  // Called once per record (blank lines are skipped); return false to stop.
  virtual bool record(const CsvRecord& record) = 0;
};

namespace detail {
struct SplitInput;
struct SplitOutput;
} // namespace detail

// The instruction sets the CSV fast path is built for, worst first.
enum class SimdLevel : std::uint8_t { sse2, avx2, avx512 };
// Those this build and this processor can run, worst first (empty where
// there is no SIMD fast path: every record then takes the general path).
[[nodiscard]] std::vector<SimdLevel> available_simd_levels();
// The last of them, or sse2 when there are none (the code for sse2 then
// takes no SIMD path).
[[nodiscard]] SimdLevel best_simd_level();

// Parses blocks into records. One parser per thread.
class CsvParser {
public:
  CsvParser(std::string file, CsvDialect dialect, CsvLimits limits);

  // Parses `block` into `sink`. Throws centricity::Error "file:line:column:
  // message" for malformed input: an unterminated quote, a quote inside an
  // unquoted field, text after a closing quote, a NUL byte, a cell or record
  // over the limits.
  void parse(const CsvBlock& block, RecordSink& sink);

  // The position of field `field` of `record` in `block` (1-based line and
  // column in code points).
  [[nodiscard]] util::SourceLoc where(const CsvBlock& block, const CsvRecord& record,
                                      std::size_t field) const;
  // Plain records take a fast path (one SIMD pass per record). Tests turn
  // it off to check both paths give the same records and errors.
  void use_fast_path(bool on) { m_fast_path = on; }
  // The fast path's instruction set: the best of available_simd_levels()
  // unless told otherwise (tests try each). `level` must be available.
  void use_simd(SimdLevel level);
  // Cells that were not valid UTF-8 and were read as Windows-1252 in a UTF-8
  // file, and where the first of them is.
  [[nodiscard]] std::uint64_t transcoded_cells() const { return m_transcoded; }
  [[nodiscard]] const util::SourceLoc& first_transcoded() const { return m_first_transcoded; }
  // Starts counting transcoded cells afresh (per block, so counts are exact
  // whichever thread parsed which block).
  void reset_counts()
  {
    m_transcoded = 0;
    m_first_transcoded = {};
  }

private:
  struct Piece {
    bool scratch = false;
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };
  [[noreturn]] void fail(const CsvBlock& block, std::size_t offset, std::uint64_t line,
                         std::size_t line_start, const std::string& message) const;
  // Refuses the line end at `pos` (outside quotes) if it is not of the
  // file's kind (a bare CR in a file of LF lines, or the reverse).
  void check_line_end(const CsvBlock& block, std::size_t pos, std::uint64_t line,
                      std::size_t line_start) const;
  void fix_encoding(const CsvBlock& block, std::size_t first_field);
  // m_record.fields from m_pieces (views into the block `data` or m_scratch).
  void fields_from_pieces(const char* data);
  // The fast path for the common record: see csv.cpp.
  std::size_t split_plain(const CsvBlock& block, std::size_t pos, bool& high);

  std::string m_file;
  CsvDialect m_dialect;
  CsvLimits m_limits;
  CsvRecord m_record;
  std::vector<std::string_view> m_fields; // m_record.fields' storage; only grows
  std::vector<Piece> m_pieces;
  std::string m_scratch;
  std::uint64_t m_transcoded = 0;
  util::SourceLoc m_first_transcoded;
  bool m_fast_path = true;
  std::size_t (*m_split)(const detail::SplitInput&, detail::SplitOutput&) = nullptr;
};

// Windows-1252 `text` as UTF-8 (undefined bytes become U+FFFD), appended to `out`.
void append_cp1252_as_utf8(std::string_view text, std::string& out);

// Reads a whole small CSV text into rows of fields (for tests and headers).
// Throws like CsvParser::parse.
[[nodiscard]] std::vector<std::vector<std::string>>
read_csv(std::string text, const std::string& file, CsvDialect* dialect = nullptr);

} // namespace centricity::import
