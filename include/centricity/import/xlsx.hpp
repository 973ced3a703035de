#pragma once

// Reading the first worksheet of an XLSX workbook (Google Sheets and
// Microsoft Forms downloads) through libzip and pugixml: shared strings,
// inline strings, numbers, booleans; missing (sparse) cells are blank. Every
// part is inflated with a size cap, so a zip bomb fails with a clear error
// instead of exhausting memory.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import {

// Parts of a workbook larger than this once inflated are refused.
inline constexpr std::size_t k_max_xlsx_part = std::size_t{256} << 20U;

// The cells of the first worksheet of the workbook `bytes` (read from
// `file`), row by row; rows are as wide as their last non-empty cell, and
// empty rows are kept so row numbers stay true. Numbers are written the
// shortest way that reads back the same ("4" for 4.0). Throws
// centricity::Error "file: message" for a damaged or unsupported workbook.
[[nodiscard]] std::vector<std::vector<std::string>>
read_xlsx(std::string_view bytes, const std::string& file, std::size_t max_part = k_max_xlsx_part);

// True if `bytes` start like a zip archive.
[[nodiscard]] bool looks_like_zip(std::string_view bytes);

} // namespace centricity::import
