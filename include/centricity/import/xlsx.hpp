#pragma once

// Reading the first worksheet of an XLSX workbook (Google Sheets and
// Microsoft Forms downloads) through libzip, pugixml (the small workbook
// parts) and expat (shared strings and the sheet, streamed): shared strings,
// inline strings, numbers, booleans; missing (sparse) cells are blank. Every
// part is inflated with a size cap, so a zip bomb fails with a clear error
// instead of exhausting memory, and the sheet is handed on row by row:
// memory holds the shared strings and one row, never the sheet.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import {

// Parts of a workbook larger than this once inflated are refused.
inline constexpr std::size_t k_max_xlsx_part = std::size_t{256} << 20U;

// Takes row `number` (1-based) of a sheet and its `cells`, which live only
// during the call.
using XlsxRowSink =
  std::function<void(std::uint64_t number, std::span<const std::string_view> cells)>;

// Hands each row of the first worksheet of the workbook `bytes` (read from
// `file`) to `sink` as it is parsed, rows 1 to the last in order, those the
// sheet leaves out as empty rows. A row is as wide as its last non-empty
// cell, or as row 1 if that is wider; numbers are written the shortest way
// that reads back the same ("4" for 4.0). Throws centricity::Error "file:
// message" for a damaged or unsupported workbook, after the rows before the
// damage; an exception from `sink` stops the reading and goes on up.
void read_xlsx_rows(std::string_view bytes, const std::string& file, const XlsxRowSink& sink,
                    std::size_t max_part = k_max_xlsx_part);

// The rows read_xlsx_rows() hands on, kept whole (for small workbooks).
[[nodiscard]] std::vector<std::vector<std::string>>
read_xlsx(std::string_view bytes, const std::string& file, std::size_t max_part = k_max_xlsx_part);

// True if `bytes` start like a zip archive.
[[nodiscard]] bool looks_like_zip(std::string_view bytes);

} // namespace centricity::import
