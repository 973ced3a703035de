#pragma once

// The hot loop of batch scoring: answer cells matched against the labels a
// scale has already seen, one compare per cell. Used by the import
// pipeline's row scorer (src/import/score_rows.cpp); declared here so tests
// can check every instruction set against the others.

#include <centricity/answers/response.hpp>
#include <centricity/import/csv.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace centricity::import::detail {

enum class LabelKind : std::uint8_t { answer, missing_token, unknown };

// What a cell's text means in its column: an answer, a token for "no
// answer" (such as "N/A" in a column whose scale has no such option), or an
// unknown label.
struct LabelOutcome {
  LabelKind kind = LabelKind::unknown;
  answers::Answer answer;
};

constexpr std::size_t k_direct_bytes = 32; // labels up to this long are in direct tables

// The first label of its length (1 to 32 bytes) cached for a scale, kept
// zero-padded so a cell of that length compares with it in one 32-byte
// compare (two with SSE2): no search, and no branch on the length. Survey
// labels of different lengths in random order ("Agree", "Strongly
// disagree") made a length-dependent compare mispredict on most cells.
struct DirectLabel {
  alignas(32) std::array<char, k_direct_bytes> bytes{};
  // One bit per byte of the label; 0 while no label is cached, which
  // "matches" every cell, with an outcome of kind unknown that sends the
  // cell to the full lookup: no test for it on the hot path.
  std::uint32_t need = 0;
  LabelOutcome outcome;

  DirectLabel() = default;
  DirectLabel(std::string_view label, LabelOutcome what)
    : need(label.size() == k_direct_bytes ? ~std::uint32_t{0}
                                          : (std::uint32_t{1} << label.size()) - 1U)
    , outcome(what)
  {
    std::memcpy(bytes.data(), label.data(), label.size());
  }
};

// An answer column as the hot loop sees it.
struct LabelColumn {
  std::uint32_t field = 0;             // of the record
  std::uint32_t question = 0;          // of the bank: the index into `answers`
  const DirectLabel* direct = nullptr; // k_direct_bytes labels of its scale, by length - 1
};

struct LabelInput {
  const std::string_view* cells = nullptr; // the record's fields
  std::size_t cell_count = 0;
  const LabelColumn* columns = nullptr;
  std::size_t column_count = 0;
  answers::Answer* answers = nullptr; // by question
  // 1 + the highest field of the columns: a record with at least that many
  // cells has every column's, and the matcher skips the check per cell.
  // The default checks every cell.
  std::size_t field_limit = static_cast<std::size_t>(-1);
};

// Sets the answer of each column from `from` on whose cell is a direct
// label with an answer, and returns the first column whose cell is not (a
// missing or empty cell, a label not in the direct table or not an answer,
// a cell at the very end of a memory page), or column_count. The caller
// reads that cell the careful way and goes on from the next column.
using MatchLabels = std::size_t (*)(const LabelInput& in, std::size_t from);

// The matcher for an instruction set of available_simd_levels().
[[nodiscard]] MatchLabels match_labels_for(SimdLevel level);

} // namespace centricity::import::detail
