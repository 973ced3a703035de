#pragma once

// The label matcher of include/centricity/import/labels.hpp, written once
// over the compare of an instruction set and compiled in one file per
// instruction set (labels_sse2.cpp, labels_avx2.cpp, labels_avx512.cpp),
// like the CSV fast path (csv_split.hpp). Private to src/import.

#include <centricity/import/labels.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SANITIZE_ADDRESS__)
#define CENTRICITY_LABELS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CENTRICITY_LABELS_ASAN 1
#endif
#endif

namespace centricity::import::detail {

std::size_t match_labels_sse2(const LabelInput& in, std::size_t from);
std::size_t match_labels_avx2(const LabelInput& in, std::size_t from);
std::size_t match_labels_avx512(const LabelInput& in, std::size_t from);

namespace {

// Whether a 32-byte load from `text` stays inside one 4 KiB page, which
// memory protection never splits, so it cannot fault even where it reads
// past the cell (the technique of glibc's string functions); bytes past the
// cell are left out of the compare. A cell nearer a page end takes the
// careful path.
inline bool whole_load_safe(const char* text)
{
  return (reinterpret_cast<std::uintptr_t>(text) & 4095U) <= 4096U - k_direct_bytes;
}

// `Equal::same(label, text)`: whether the label.need-masked bytes at
// `text` are the label's, false when that cannot be told cheaply.
template <typename Equal, bool check_fields>
std::size_t match_run(const LabelInput& in, std::size_t i)
{
  // Locals: a store to `answers` could, for all the compiler knows, change
  // `in`, which it would then read again on every cell.
  const std::string_view* const cells = in.cells;
  const std::size_t cell_count = in.cell_count;
  const LabelColumn* const columns = in.columns;
  const std::size_t column_count = in.column_count;
  answers::Answer* const answers = in.answers;
  for (; i < column_count; ++i) {
    const LabelColumn column = columns[i];
    if (check_fields && column.field >= cell_count) [[unlikely]] {
      return i;
    }
    // The view's parts one by one: copied whole, GCC sends it through the
    // stack.
    const char* const text = cells[column.field].data();
    const std::size_t size = cells[column.field].size();
    // Empty (size - 1 wraps round) or longer than a direct label: one test.
    if (size - 1 >= k_direct_bytes) [[unlikely]] {
      return i;
    }
    const DirectLabel& label = column.direct[size - 1];
    if (!Equal::same(label, text) || label.outcome.kind != LabelKind::answer) [[unlikely]] {
      return i;
    }
    answers[column.question] = label.outcome.answer;
  }
  return i;
}

// A record with every column's field (nearly all) takes the loop without a
// test of the field per cell.
template <typename Equal>
std::size_t match_labels(const LabelInput& in, std::size_t i)
{
  return in.cell_count >= in.field_limit ? match_run<Equal, false>(in, i)
                                         : match_run<Equal, true>(in, i);
}

} // namespace

} // namespace centricity::import::detail
