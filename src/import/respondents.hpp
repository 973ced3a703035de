#pragma once

// The last stage of the import pipeline, per-respondent output: each worker
// formats its block's rows (RespondentRowWriter) into the block's tally, and
// the writer thread appends the blocks, in input order, to the
// RespondentsFile. Private to src/import.

#include <centricity/bank/model.hpp>
#include <centricity/score/respondent.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/strings.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::import::detail {

// Formats per-respondent rows, as CSV or as JSON lines: the respondent, one
// field per --group-by, one per dimension and one per ladder. One per worker
// thread (it remembers the text of recent scores).
class RespondentRowWriter {
public:
  // Rows of `bank`'s dimensions and ladders, with the groups `group_by`
  // (kept by reference), for a file with an id column if `has_id` (else
  // rows are numbered), as JSON lines if `jsonl`.
  RespondentRowWriter(const bank::Questionnaire& bank, const std::vector<std::string>& group_by,
                      bool has_id, bool jsonl);

  // Appends to `out` the row of respondent `id` (the row number `data_row`
  // when the file has no id column), in the groups `groups`, with `scores`.
  void write(std::string_view id, std::uint64_t data_row, std::span<const std::string_view> groups,
             const score::RespondentScores& scores, std::string& out) const;

private:
  char* write_score(char* out, double score) const;

  struct ScoreText {
    std::uint64_t bits = 0;
    std::array<char, 23> text{};
    std::uint8_t size = 0; // 0: empty
  };
  static_assert(sizeof(ScoreText::text) <= util::k_score_bound);
  static constexpr std::size_t k_row_buffer = 1024;

  const bank::Questionnaire* m_bank;
  const std::vector<std::string>* m_group_by;
  bool m_has_id;
  bool m_jsonl;
  std::vector<std::vector<std::string>> m_stage_fields; // per ladder and stage, as CSV fields
  mutable std::array<ScoreText, 256> m_score_texts{};
};

// Whether per-respondent rows written to `path` are JSON lines (.jsonl,
// .ndjson) rather than CSV.
[[nodiscard]] bool is_jsonl_path(const std::string& path);

// The header line of a per-respondent CSV file of `bank` with the groups
// `group_by`, ending in a line feed.
[[nodiscard]] std::string respondents_csv_header(const bank::Questionnaire& bank,
                                                 const std::vector<std::string>& group_by);

// The per-respondent file: written to a temporary file beside the target and
// renamed over it only when the run succeeds (util::AtomicFile), or to
// standard output for "-". Does nothing until opened.
class RespondentsFile {
public:
  RespondentsFile() = default;
  RespondentsFile(const RespondentsFile&) = delete;
  RespondentsFile& operator=(const RespondentsFile&) = delete;
  ~RespondentsFile() = default;

  // Opens `path` ("-": standard output). Throws centricity::Error when the
  // temporary file cannot be made.
  void open(const std::string& path);
  // Whether open() was called and neither commit() nor discard() since.
  [[nodiscard]] bool is_open() const { return m_stdout || m_file != nullptr; }
  // Appends `text`. Throws centricity::Error when it cannot be written.
  void write(std::string_view text);
  // Flushes what was written to disk (commit() does it anyway).
  void sync();
  // Puts the file in place of the target (or flushes standard output).
  void commit();
  // Leaves the target as it was.
  void discard();

private:
  std::unique_ptr<util::AtomicFile> m_file;
  bool m_stdout = false;
  static constexpr std::uint64_t k_sync_bytes = std::uint64_t{8} << 20U;
  std::uint64_t m_written = 0; // bytes written
  std::uint64_t m_synced = 0;  // writeback asked for up to here
};

} // namespace centricity::import::detail
