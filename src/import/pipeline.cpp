#include <centricity/answers/matcher.hpp>
#include <centricity/import/labels.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/import/xlsx.hpp>
#include <centricity/report/respondents.hpp>
#include <centricity/score/respondent.hpp>
#include <centricity/score/stats.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

namespace centricity::import {

namespace {

constexpr std::size_t k_max_examples = 3;
constexpr std::size_t k_max_duplicate_examples = 5;
constexpr std::size_t k_label_cache = 64; // distinct labels cached per scale
static_assert(k_label_cache < 256, "cache links are one byte");
constexpr std::size_t k_peek = 4096;

// ---------------------------------------------------------------- sources

// Serves a prefix read for sniffing, then the rest of the source.
class PeekSource : public ByteSource {
public:
  PeekSource(ByteSource& inner, std::string prefix)
    : m_inner(&inner)
    , m_prefix(std::move(prefix))
  {
  }
  std::size_t read(char* buffer, std::size_t size) override
  {
    if (m_pos < m_prefix.size()) {
      const std::size_t n = std::min(size, m_prefix.size() - m_pos);
      std::memcpy(buffer, m_prefix.data() + m_pos, n);
      m_pos += n;
      return n;
    }
    return m_inner->read(buffer, size);
  }
  [[nodiscard]] std::optional<std::uint64_t> size() const override { return m_inner->size(); }

private:
  ByteSource* m_inner;
  std::string m_prefix;
  std::size_t m_pos = 0;
};

std::string peek(ByteSource& source)
{
  std::string prefix(k_peek, '\0');
  std::size_t have = 0;
  while (have < prefix.size()) {
    const std::size_t got = source.read(prefix.data() + have, prefix.size() - have);
    if (got == 0) {
      break;
    }
    have += got;
  }
  prefix.resize(have);
  return prefix;
}

// ---------------------------------------------------------------- helpers

std::uint64_t fnv1a(std::string_view text)
{
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash == 0 ? 1 : hash;
}

// An open-addressing set of 64-bit hashes (8 bytes per respondent id): the
// only state that grows with rows, and only when the export has ids.
class HashSet {
public:
  // Adds `hash`; false if it was there already.
  bool insert(std::uint64_t hash)
  {
    if ((m_size + 1) * 2 > m_slots.size()) {
      grow();
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
      if (m_slots[i] == hash) {
        return false;
      }
      if (m_slots[i] == 0) {
        m_slots[i] = hash;
        ++m_size;
        return true;
      }
    }
  }

private:
  void grow()
  {
    std::vector<std::uint64_t> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 1024 : old.size() * 2, 0);
    m_size = 0;
    for (const std::uint64_t h : old) {
      if (h != 0) {
        insert(h);
      }
    }
  }
  std::vector<std::uint64_t> m_slots;
  std::size_t m_size = 0;
};

std::string plural(std::uint64_t n, std::string_view one, std::string_view many)
{
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// ---------------------------------------------------------------- the plan

using detail::DirectLabel;
using detail::k_direct_bytes;
using detail::LabelColumn;
using detail::LabelKind;
using detail::LabelOutcome;

struct AnswerColumn {
  std::size_t field = 0;
  std::size_t question = 0;
  std::size_t report = 0; // index into FileReport::columns
  const answers::OptionMatcher* matcher = nullptr;
  const bank::Scale* scale = nullptr;
  std::size_t scale_index = 0; // of `scale` in the bank: columns of one scale share a label cache
};

// Everything a worker needs to turn a record into a scored respondent.
struct Plan {
  const score::CompiledBank* bank = nullptr;
  std::vector<AnswerColumn> answers;
  std::optional<std::size_t> id_field;
  std::optional<std::size_t> status_field;
  std::optional<std::size_t> finished_field;
  std::optional<std::size_t> progress_field;
  std::optional<std::size_t> response_type_field;
  std::optional<std::size_t> submit_field;
  std::vector<std::optional<std::size_t>> group_fields;
  std::size_t header_records = 1;
  std::size_t width = 0;
  bool strip_apostrophe = false;
  bool jsonl_output = false;
  char delimiter = ',';
  std::uint64_t row_base = 0;       // data rows in earlier files
  std::vector<std::string> missing; // folded
  const ImportOptions* options = nullptr;
};

// Where a field is, computed only when an example needs it.
class Locator {
public:
  virtual ~Locator() = default;
  [[nodiscard]] virtual util::SourceLoc at(std::size_t field) const = 0;
};

struct IdEntry {
  std::uint64_t hash = 0;
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
  util::SourceLoc loc;
};

struct ColumnTally {
  std::uint64_t blank = 0;
  std::uint64_t unknown = 0;
  std::uint64_t missing_tokens = 0;
  std::vector<LabelExample> examples;
};

// What one block (or one table) contributed, merged in input order.
struct Tally {
  std::uint64_t rows = 0;
  std::uint64_t scored = 0;
  std::uint64_t preview = 0;
  std::uint64_t spam = 0;
  std::uint64_t incomplete = 0;
  std::uint64_t malformed = 0;
  std::uint64_t short_rows = 0;
  std::uint64_t transcoded = 0;
  std::optional<util::SourceLoc> first_malformed;
  std::optional<util::SourceLoc> first_short;
  std::optional<util::SourceLoc> first_transcoded;
  std::vector<ColumnTally> columns;
  std::string id_text;
  std::vector<IdEntry> ids;
  std::string output;

  void reset(std::size_t answer_columns)
  {
    rows = scored = preview = spam = incomplete = malformed = short_rows = transcoded = 0;
    first_malformed.reset();
    first_short.reset();
    first_transcoded.reset();
    columns.assign(answer_columns, {});
    id_text.clear();
    ids.clear();
    output.clear();
  }
};

enum class StatusClass { keep, preview, spam };

StatusClass classify_status(std::string_view status)
{
  const std::string s = util::to_lower(util::trim(status));
  if (s == "1" || s == "2" || s == "17" || s == "survey preview" || s == "survey test"
      || s == "offline preview" || s == "preview" || s == "test") {
    return StatusClass::preview;
  }
  if (s == "8" || s == "9" || s == "12" || s == "spam" || s == "preview spam"
      || s == "imported spam") {
    return StatusClass::spam;
  }
  return StatusClass::keep;
}

bool is_false(std::string_view text)
{
  const std::string s = util::to_lower(util::trim(text));
  return s == "0" || s == "false" || s == "no";
}

// Turns records into scored respondents. One per worker thread.
class RowProcessor {
  struct Cache; // a label cache, below

public:
  RowProcessor(const Plan& plan, score::Aggregate& aggregate)
    : m_plan(&plan)
    , m_aggregate(&aggregate)
    , m_answers(plan.bank->questions().size())
    , m_groups(plan.group_fields.size())
    , m_group_accumulators(plan.group_fields.size())
    , m_caches(plan.bank->bank().scales.size())
  {
    // m_caches is never resized, so the pointers stay valid.
    for (const AnswerColumn& column : plan.answers) {
      m_hot.push_back({static_cast<std::uint32_t>(column.field),
                       static_cast<std::uint32_t>(column.question),
                       m_caches[column.scale_index].direct.data()});
      m_hot_caches.push_back(&m_caches[column.scale_index]);
      m_field_limit = std::max(m_field_limit, column.field + 1);
    }
    // Stage ids as CSV fields, made once rather than checked on every row.
    for (const auto& ladder : plan.bank->bank().ladders) {
      auto& fields = m_stage_fields.emplace_back();
      for (const auto& stage : ladder.stages) {
        std::string field;
        util::append_csv_field(field, stage.id, ',');
        fields.push_back(std::move(field));
      }
    }
  }

  void process(std::span<const std::string_view> fields, std::uint64_t data_row,
               const Locator& where, Tally& tally)
  {
    const Plan& plan = *m_plan;
    ++tally.rows;
    if (fields.size() > plan.width) {
      const bool extra =
        std::any_of(fields.begin() + static_cast<std::ptrdiff_t>(plan.width), fields.end(),
                    [](std::string_view f) { return !util::trim(f).empty(); });
      if (extra) {
        ++tally.malformed;
        if (!tally.first_malformed) {
          tally.first_malformed = where.at(plan.width);
        }
        return;
      }
    } else if (fields.size() < plan.width) {
      ++tally.short_rows;
      if (!tally.first_short) {
        tally.first_short = where.at(fields.size());
      }
    }
    const auto cell = [&](std::optional<std::size_t> f) -> std::string_view {
      return f && *f < fields.size() ? fields[*f] : std::string_view();
    };
    if (plan.status_field) {
      const StatusClass status = classify_status(cell(plan.status_field));
      if (status == StatusClass::preview && !plan.options->include_preview) {
        ++tally.preview;
        return;
      }
      if (status == StatusClass::spam && !plan.options->include_spam) {
        ++tally.spam;
        return;
      }
    }
    if (!plan.options->include_incomplete && incomplete(fields)) {
      ++tally.incomplete;
      return;
    }
    read_answers(fields, where, tally);
    ++tally.scored;
    score::score_respondent(*plan.bank, m_answers, m_scores);
    for (std::size_t g = 0; g < plan.group_fields.size(); ++g) {
      m_groups[g] = cell(plan.group_fields[g]);
    }
    // The respondent's pattern counters are scattered over a megabyte of
    // tables: asked for now, they arrive while the row is written.
    m_aggregate->groups_of(m_groups, m_group_accumulators);
    m_aggregate->prefetch(m_group_accumulators, m_scores);

    std::string_view id = cell(plan.id_field);
    if (plan.id_field) {
      id = util::trim(id);
      IdEntry entry;
      entry.hash = fnv1a(id);
      entry.offset = static_cast<std::uint32_t>(tally.id_text.size());
      entry.size = static_cast<std::uint32_t>(id.size());
      tally.id_text += id;
      tally.ids.push_back(std::move(entry));
      // Positions only for the rare duplicate: resolved by the writer.
      m_last_id_loc_needed = true;
    }
    if (!plan.options->respondents_path.empty()) {
      write_row(id, data_row, tally.output);
    }
    m_aggregate->add(m_answers, m_group_accumulators, m_scores);
  }

  // Fills the location of the last id pushed (called by the CSV sink, which
  // can compute it cheaply while the record is current).
  [[nodiscard]] bool wants_id_loc() const { return m_last_id_loc_needed; }
  void clear_id_loc() { m_last_id_loc_needed = false; }

private:
  // Reads the answer cells of a record into m_answers. The hot loop: forty-
  // odd cells a row, millions of rows. The matcher takes the usual cell, a
  // known label with no space around it, in one compare and stops at
  // anything else, which read_cell() reads before the matcher goes on; an
  // answer counts nothing here (answered cells are worked out per block as
  // rows - blank - unknown - missing tokens). Cached labels are trimmed and
  // have their apostrophe stripped, so a cell equal to one needs neither.
  void read_answers(std::span<const std::string_view> fields, const Locator& where, Tally& tally)
  {
    const detail::LabelInput in{fields.data(), fields.size(),    m_hot.data(),
                                m_hot.size(),  m_answers.data(), m_field_limit};
    for (std::size_t i = m_match(in, 0); i < in.column_count; i = m_match(in, i + 1)) {
      const std::size_t field = m_hot[i].field;
      read_cell(i, field < fields.size() ? fields[field] : std::string_view(), where, tally);
    }
  }

  // Reads answer cell `text` of column `i` whichever way it is written.
  [[gnu::noinline]] void read_cell(std::size_t i, std::string_view text, const Locator& where,
                                   Tally& tally)
  {
    const LabelColumn& column = m_hot[i];
    text = util::trim(text);
    if (m_plan->strip_apostrophe && text.size() > 1 && text[0] == '\''
        && (text[1] == '+' || text[1] == '=' || text[1] == '-' || text[1] == '@')) {
      text.remove_prefix(1);
    }
    answers::Answer& answer = m_answers[column.question];
    ColumnTally& counts = tally.columns[i];
    if (text.empty()) {
      answer = {};
      ++counts.blank;
      return;
    }
    const LabelOutcome& outcome = lookup(*m_hot_caches[i], i, text);
    answer = outcome.answer; // not answered unless kind is answer
    if (outcome.kind == LabelKind::answer) {
      return;
    }
    if (outcome.kind == LabelKind::missing_token) {
      ++counts.missing_tokens;
      return;
    }
    ++counts.unknown;
    auto& examples = counts.examples;
    if (examples.size() < k_max_examples
        && std::none_of(examples.begin(), examples.end(),
                        [&](const LabelExample& e) { return e.text == text; })) {
      examples.push_back({std::string(text), where.at(m_plan->answers[i].field)});
    }
  }

  bool incomplete(std::span<const std::string_view> fields) const
  {
    const Plan& plan = *m_plan;
    const auto cell = [&](std::size_t f) -> std::string_view {
      return f < fields.size() ? fields[f] : std::string_view();
    };
    if (plan.finished_field) {
      return is_false(cell(*plan.finished_field));
    }
    if (plan.progress_field) {
      const std::string_view progress = util::trim(cell(*plan.progress_field));
      double value = 100;
      const auto [ptr, ec] =
        std::from_chars(progress.data(), progress.data() + progress.size(), value);
      return ec == std::errc() && value < 100;
    }
    if (plan.response_type_field) {
      return util::to_lower(util::trim(cell(*plan.response_type_field))) == "partial";
    }
    if (plan.submit_field) {
      return util::trim(cell(*plan.submit_field)).empty();
    }
    return false;
  }

  // The outcome for `text` in answer column `column`: a reference into the
  // cache (or to m_uncached), valid until the next call. Returning it by
  // reference rather than as a fresh small struct matters: the copy went
  // through a store-to-load forwarding stall on every cell. The hot loop
  // tries the cache's direct table first (see DirectLabel); this is for the
  // rest: labels over 32 bytes, a second label of one length, a cell at the
  // end of a memory page, a label not seen yet.
  const LabelOutcome& lookup(Cache& cache, std::size_t index, std::string_view text)
  {
    // A few distinct labels per scale repeat millions of times. They are
    // chained by length, which needs no look at the text, so a hit is
    // usually one comparison. One cache per scale, not per column: the
    // labels of forty columns on one scale stay in L1 cache.
    const std::size_t bucket = std::min(text.size(), k_length_buckets - 1);
    for (std::uint8_t i = cache.by_length[bucket]; i != 0; i = cache.entries[i - 1U].next) {
      const CacheEntry& entry = cache.entries[i - 1U];
      if (util::same_text(entry.label, text)) {
        return entry.outcome;
      }
    }
    const AnswerColumn& column = m_plan->answers[index];
    LabelOutcome outcome;
    const answers::Match match = column.matcher->match_text(text);
    if (match.option) {
      outcome.kind = LabelKind::answer;
      outcome.answer.option = static_cast<std::uint16_t>(*match.option);
      switch (column.scale->options[*match.option].kind) {
      case bank::OptionKind::value:
        outcome.answer.kind = answers::AnswerKind::value;
        break;
      case bank::OptionKind::not_applicable:
        outcome.answer.kind = answers::AnswerKind::not_applicable;
        break;
      case bank::OptionKind::dont_know:
        outcome.answer.kind = answers::AnswerKind::dont_know;
        break;
      }
    } else {
      const std::string folded = util::fold_label(text);
      const auto& missing = m_plan->missing;
      outcome.kind = std::find(missing.begin(), missing.end(), folded) != missing.end()
                       ? LabelKind::missing_token
                       : LabelKind::unknown;
    }
    if (cache.entries.size() < k_label_cache) {
      if (text.size() <= k_direct_bytes && cache.direct[text.size() - 1].need == 0) {
        cache.direct[text.size() - 1] = DirectLabel(text, outcome);
      }
      cache.entries.push_back({std::string(text), outcome, cache.by_length[bucket]});
      cache.by_length[bucket] = static_cast<std::uint8_t>(cache.entries.size());
      return cache.entries.back().outcome;
    }
    m_uncached = outcome;
    return m_uncached;
  }

  void write_row(std::string_view id, std::uint64_t data_row, std::string& out) const
  {
    const Plan& plan = *m_plan;
    const auto& bank = plan.bank->bank();
    char number[24];
    std::string_view row_id = id;
    if (!plan.id_field) {
      const auto [end, ec] = std::to_chars(number, number + sizeof number, data_row);
      row_id = std::string_view(number, static_cast<std::size_t>(end - number));
    }
    if (plan.jsonl_output) {
      // Flat, like `score --respondents x.jsonl` for answers files.
      out += "{\"respondent\":";
      util::append_json_string(out, row_id);
      for (std::size_t g = 0; g < m_groups.size(); ++g) {
        out += ',';
        util::append_json_string(out, plan.options->group_by[g]);
        out += ':';
        util::append_json_string(out, m_groups[g]);
      }
      report::append_scores_jsonl(out, bank, m_scores);
      out += "}\n";
      return;
    }
    // Built in a buffer on the stack and appended once: a dozen small
    // appends a row were a tenth of the run.
    std::size_t bound = util::csv_field_bound(row_id) + 1;
    for (const std::string_view group : m_groups) {
      bound += util::csv_field_bound(group) + 1;
    }
    bound += m_scores.dimensions.size() * (util::k_score_bound + 1);
    for (std::size_t l = 0; l < m_scores.stages.size(); ++l) {
      bound += m_stage_fields[l][m_scores.stages[l]].size() + 1;
    }
    if (bound <= k_row_buffer) {
      char row[k_row_buffer];
      char* p = row;
      if (plan.id_field) {
        p = util::write_csv_field(p, row_id);
      } else {
        // A row number: digits, which never need quotes.
        std::memcpy(p, row_id.data(), row_id.size());
        p += row_id.size();
      }
      for (const std::string_view group : m_groups) {
        *p++ = ',';
        p = util::write_csv_field(p, group);
      }
      for (const double score : m_scores.dimensions) {
        *p++ = ',';
        if (!std::isnan(score)) {
          p = write_score(p, score);
        }
      }
      for (std::size_t l = 0; l < m_scores.stages.size(); ++l) {
        *p++ = ',';
        const std::string& stage = m_stage_fields[l][m_scores.stages[l]];
        std::memcpy(p, stage.data(), stage.size());
        p += stage.size();
      }
      *p++ = '\n';
      out.append(row, static_cast<std::size_t>(p - row));
      return;
    }
    util::append_csv_field(out, row_id, ',');
    for (const std::string_view group : m_groups) {
      out += ',';
      util::append_csv_field(out, group, ',');
    }
    for (const double score : m_scores.dimensions) {
      out += ',';
      if (!std::isnan(score)) {
        util::append_score(out, score);
      }
    }
    for (std::size_t l = 0; l < m_scores.stages.size(); ++l) {
      out += ',';
      out += m_stage_fields[l][m_scores.stages[l]];
    }
    out += '\n';
  }

  // util::write_score(out, score), remembered: a dimension's scores take
  // few values (means of a few answers), so most are a copy of a text made
  // before. A direct-mapped table by the score's bits.
  char* write_score(char* out, double score) const
  {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &score, sizeof bits);
    ScoreText& entry = m_score_texts[(bits * 0x9E3779B97F4A7C15ULL) >> 56U];
    if (entry.bits != bits || entry.size == 0) {
      char text[util::k_score_bound];
      const auto size = static_cast<std::size_t>(util::write_score(text, score) - text);
      if (size > entry.text.size()) {
        std::memcpy(out, text, size);
        return out + size;
      }
      entry.bits = bits;
      entry.size = static_cast<std::uint8_t>(size);
      std::memcpy(entry.text.data(), text, size);
    }
    // A fixed-size copy (out has room for k_score_bound bytes).
    std::memcpy(out, entry.text.data(), entry.text.size());
    return out + entry.size;
  }
  struct ScoreText {
    std::uint64_t bits = 0;
    std::array<char, 23> text{};
    std::uint8_t size = 0; // 0: empty
  };
  static_assert(sizeof(ScoreText::text) <= util::k_score_bound);
  mutable std::array<ScoreText, 256> m_score_texts{};

  static constexpr std::size_t k_row_buffer = 1024;
  const Plan* m_plan;
  score::Aggregate* m_aggregate;
  std::vector<answers::Answer> m_answers;
  std::vector<std::string_view> m_groups;
  std::vector<score::Accumulator*> m_group_accumulators; // of m_groups, in m_aggregate
  score::RespondentScores m_scores;
  struct CacheEntry {
    std::string label;
    LabelOutcome outcome;
    std::uint8_t next = 0; // 1 + index of the next entry of the same length bucket; 0: none
  };
  static constexpr std::size_t k_length_buckets = 64; // the last holds every longer label
  struct Cache {
    std::array<DirectLabel, k_direct_bytes> direct{};       // by length - 1
    std::array<std::uint8_t, k_length_buckets> by_length{}; // 1 + index of the first entry
    std::vector<CacheEntry> entries;                        // at most k_label_cache
  };
  std::vector<Cache> m_caches;
  // What the hot loop needs of an answer column (plan.answers[i]), packed,
  // and the column's label cache.
  std::vector<LabelColumn> m_hot;
  std::vector<Cache*> m_hot_caches;
  std::size_t m_field_limit = 0; // 1 + the highest field of m_hot
  // The matcher for the best instruction set the processor has.
  detail::MatchLabels m_match = detail::match_labels_for(best_simd_level());
  std::vector<std::vector<std::string>> m_stage_fields; // per ladder and stage
  LabelOutcome m_uncached;                              // lookup()'s answer when the cache is full
  bool m_last_id_loc_needed = false;
};

// ---------------------------------------------------------------- output

// The per-respondent file: written to a temporary file beside the target and
// renamed over it only when the run succeeds (util::AtomicFile), or to
// standard output for "-".
class RespondentsFile {
public:
  RespondentsFile() = default;
  RespondentsFile(const RespondentsFile&) = delete;
  RespondentsFile& operator=(const RespondentsFile&) = delete;
  ~RespondentsFile() = default;

  void open(const std::string& path)
  {
    if (path == "-") {
      m_stdout = true;
      return;
    }
    m_file = std::make_unique<util::AtomicFile>(path);
  }
  [[nodiscard]] bool is_open() const { return m_stdout || m_file != nullptr; }

  void write(std::string_view text)
  {
    if (text.empty()) {
      return;
    }
    if (m_stdout) {
      if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
        throw Error("cannot write to standard output", ExitCode::output);
      }
      return;
    }
    if (m_file == nullptr) {
      return;
    }
    m_file->write(text);
    m_written += text.size();
#if defined(__linux__)
    // Start writing what the kernel holds to disk every few megabytes, so
    // the fsync of commit() finds little left: it took 30 ms for a million
    // respondents when the whole file waited for it.
    if (m_written - m_synced >= k_sync_bytes) {
      ::sync_file_range(m_file->fd(), static_cast<off_t>(m_synced),
                        static_cast<off_t>(m_written - m_synced), SYNC_FILE_RANGE_WRITE);
      m_synced = m_written;
    }
#endif
  }

  void commit()
  {
    if (m_stdout) {
      m_stdout = false;
      if (std::fflush(stdout) != 0) {
        throw Error("cannot write to standard output", ExitCode::output);
      }
      return;
    }
    if (m_file != nullptr) {
      m_file->commit();
      m_file.reset();
    }
  }

  // Flushes what was written to disk (commit() does it anyway).
  void sync()
  {
    if (m_file != nullptr) {
      m_file->sync();
    }
  }

  // Leaves the target as it was.
  void discard()
  {
    m_file.reset();
    m_stdout = false;
  }

private:
  std::unique_ptr<util::AtomicFile> m_file;
  bool m_stdout = false;
  static constexpr std::uint64_t k_sync_bytes = std::uint64_t{8} << 20U;
  std::uint64_t m_written = 0; // bytes written
  std::uint64_t m_synced = 0;  // writeback asked for up to here
};

// ---------------------------------------------------------------- threading

template <typename T>
class Queue {
public:
  void push(T item)
  {
    {
      const std::lock_guard lock(m_mutex);
      m_items.push_back(std::move(item));
    }
    m_ready.notify_one();
  }
  // The next item, or nullopt once closed and drained.
  std::optional<T> pop()
  {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return !m_items.empty() || m_closed; });
    if (m_items.empty()) {
      return std::nullopt;
    }
    T item = std::move(m_items.front());
    m_items.pop_front();
    return item;
  }
  void close()
  {
    {
      const std::lock_guard lock(m_mutex);
      m_closed = true;
    }
    m_ready.notify_all();
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<T> m_items;
  bool m_closed = false;
};

struct Job {
  CsvBlock block;
  Tally tally;
  std::exception_ptr error;
};

// Finished jobs, handed to the writer in block order.
class Reorder {
public:
  void put(Job* job)
  {
    {
      const std::lock_guard lock(m_mutex);
      m_done.emplace(job->block.seq, job);
    }
    m_ready.notify_all();
  }
  void finish(std::uint64_t total)
  {
    {
      const std::lock_guard lock(m_mutex);
      m_total = total;
    }
    m_ready.notify_all();
  }
  // Job `seq`, or nullptr when `seq` is past the last block.
  Job* take(std::uint64_t seq)
  {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return m_done.count(seq) != 0 || (m_total && seq >= *m_total); });
    const auto it = m_done.find(seq);
    if (it == m_done.end()) {
      return nullptr;
    }
    Job* job = it->second;
    m_done.erase(it);
    return job;
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::map<std::uint64_t, Job*> m_done;
  std::optional<std::uint64_t> m_total;
};

class CsvLocator : public Locator {
public:
  CsvLocator(const CsvParser& parser, const CsvBlock& block, const CsvRecord& record)
    : m_parser(&parser)
    , m_block(&block)
    , m_record(&record)
  {
  }
  [[nodiscard]] util::SourceLoc at(std::size_t field) const override
  {
    return m_parser->where(*m_block, *m_record, field);
  }

private:
  const CsvParser* m_parser;
  const CsvBlock* m_block;
  const CsvRecord* m_record;
};

class TableLocator : public Locator {
public:
  TableLocator(const std::string& file, std::uint64_t line, bool columns)
    : m_file(&file)
    , m_line(line)
    , m_columns(columns)
  {
  }
  [[nodiscard]] util::SourceLoc at(std::size_t field) const override
  {
    return {*m_file, m_line, m_columns ? field + 1 : 0};
  }

private:
  const std::string* m_file;
  std::uint64_t m_line;
  bool m_columns;
};

// Feeds one block's records to a RowProcessor.
class BlockSink : public RecordSink {
public:
  BlockSink(const Plan& plan, const CsvParser& parser, RowProcessor& rows, Job& job)
    : m_plan(&plan)
    , m_parser(&parser)
    , m_rows(&rows)
    , m_job(&job)
  {
  }
  bool record(const CsvRecord& record) override
  {
    if (record.index < m_plan->header_records) {
      return true;
    }
    const CsvLocator where(*m_parser, m_job->block, record);
    const std::uint64_t data_row = m_plan->row_base + record.index - m_plan->header_records + 1;
    m_rows->process(record.fields, data_row, where, m_job->tally);
    if (m_rows->wants_id_loc()) {
      m_job->tally.ids.back().loc = {m_parser->where(m_job->block, record, *m_plan->id_field).file,
                                     record.line, 0};
      m_rows->clear_id_loc();
    }
    return true;
  }

private:
  const Plan* m_plan;
  const CsvParser* m_parser;
  RowProcessor* m_rows;
  Job* m_job;
};

// Collects the first records of a block for detection.
class PreviewSink : public RecordSink {
public:
  bool record(const CsvRecord& record) override
  {
    rows.emplace_back(record.fields.begin(), record.fields.end());
    return rows.size() < k_preview_rows;
  }
  std::vector<std::vector<std::string>> rows;
};

// ---------------------------------------------------------------- the run

class Runner {
public:
  Runner(const score::CompiledBank& bank, const ImportOptions& options, ScoreRun& run)
    : m_bank(&bank)
    , m_options(&options)
    , m_run(&run)
  {
    const auto& questionnaire = bank.bank();
    m_matchers.reserve(questionnaire.scales.size());
    for (const auto& scale : questionnaire.scales) {
      m_matchers.emplace_back(scale);
    }
    for (const auto& question : questionnaire.questions) {
      m_question_ids.push_back(question.id);
    }
    for (const auto& value : options.missing_values) {
      m_missing.push_back(util::fold_label(value));
    }
    if (!options.map_path.empty()) {
      auto source = open(options.map_path);
      const std::string text = read_all(*source, options.map_path, std::size_t{16} << 20U);
      util::Diagnostics problems;
      auto map = parse_map(text, options.map_path, questionnaire, problems);
      if (!map) {
        std::string message = fmt::format("cannot use the mapping file '{}':", options.map_path);
        for (const auto& d : problems.all()) {
          message += "\n  " + util::format_diagnostic(d);
        }
        throw Error(message);
      }
      m_map = std::move(*map);
    }
    const bool jsonl =
      options.respondents_path.ends_with(".jsonl") || options.respondents_path.ends_with(".ndjson");
    m_jsonl_output = jsonl;
    if (!options.respondents_path.empty()) {
      m_out.open(options.respondents_path);
      if (!jsonl) {
        std::string header = "respondent";
        for (const auto& group : options.group_by) {
          header += ',';
          util::append_csv_field(header, group, ',');
        }
        for (const auto& dimension : questionnaire.dimensions) {
          header += ',';
          util::append_csv_field(header, dimension.id, ',');
        }
        for (const auto& ladder : questionnaire.ladders) {
          header += ',';
          util::append_csv_field(header, "stage:" + ladder.id, ',');
        }
        header += '\n';
        m_out.write(header);
      }
    }
  }

  void run_file(const std::string& path)
  {
    auto source = open(path);
    const std::string prefix = peek(*source);
    PeekSource peeked(*source, prefix);
    FileReport report;
    report.path = path;
    std::size_t skip = 0;
    while (skip < prefix.size()
           && (prefix[skip] == ' ' || prefix[skip] == '\t' || prefix[skip] == '\n'
               || prefix[skip] == '\r')) {
      ++skip;
    }
    if (prefix.substr(0, 3) == "\xEF\xBB\xBF") {
      skip = 3;
    }
    const bool json_platform =
      m_options->from == Platform::jsonl || m_options->from == Platform::surveyjs;
    if (looks_like_zip(prefix)) {
      report.format = "XLSX";
      const std::string bytes = read_all(peeked, path, m_options->max_document_bytes);
      run_table(path, read_xlsx(bytes, path, m_options->max_document_bytes), true, report);
    } else if (json_platform
               || (!m_options->from && skip < prefix.size()
                   && (prefix[skip] == '{' || prefix[skip] == '['))) {
      run_json(path, read_all(peeked, path, m_options->max_document_bytes), report);
    } else {
      report.format = "CSV";
      run_csv(path, peeked, report);
    }
    m_run->files.push_back(std::move(report));
  }

  void finish(bool write_map)
  {
    for (auto& aggregate : m_worker_aggregates) {
      m_run->aggregate.merge(*aggregate);
    }
    if (write_map) {
      std::vector<ExportLayout> layouts;
      std::vector<std::vector<ColumnMatch>> matches;
      for (const auto& file : m_run->files) {
        ExportLayout layout;
        std::vector<ColumnMatch> match;
        for (const auto& column : file.columns) {
          layout.columns.push_back(column.column);
          match.push_back(column.match);
        }
        layouts.push_back(std::move(layout));
        matches.push_back(std::move(match));
      }
      m_map_text = format_map(layouts, matches, m_bank->bank());
    }
  }

  [[nodiscard]] const std::string& map_text() const { return m_map_text; }
  RespondentsFile& out() { return m_out; }

private:
  std::unique_ptr<ByteSource> open(const std::string& path) const
  {
    return m_options->open ? m_options->open(path) : open_file(path);
  }

  // Detects, maps and plans a file from its first rows.
  Plan plan_file(const Preview& preview, std::optional<Platform> from, FileReport& report)
  {
    const ExportLayout layout = detect_layout(preview, from, m_question_ids, m_map.has_value());
    report.platform = layout.platform;
    report.variant = layout.variant;
    const auto matches = map_columns(layout, m_bank->bank(), m_map ? &*m_map : nullptr);
    Plan plan;
    plan.bank = m_bank;
    plan.options = m_options;
    plan.header_records = layout.header_records;
    plan.strip_apostrophe = layout.strip_apostrophe;
    plan.jsonl_output = m_jsonl_output;
    plan.missing = m_missing;
    plan.row_base = m_rows_before;
    plan.width = preview.rows.empty() ? 0 : preview.rows.front().size();
    for (std::size_t r = 1; r < layout.header_records && r < preview.rows.size(); ++r) {
      plan.width = std::max(plan.width, preview.rows[r].size());
    }
    const auto& questionnaire = m_bank->bank();
    for (std::size_t c = 0; c < layout.columns.size(); ++c) {
      const ExportColumn& column = layout.columns[c];
      ColumnReport column_report;
      column_report.column = column;
      column_report.match = matches[c];
      report.columns.push_back(column_report);
      switch (column.role) {
      case ColumnRole::respondent_id:
        if (!plan.id_field) {
          plan.id_field = column.index;
        }
        break;
      case ColumnRole::status:
        plan.status_field = column.index;
        break;
      case ColumnRole::finished:
        plan.finished_field = column.index;
        break;
      case ColumnRole::progress:
        plan.progress_field = column.index;
        break;
      case ColumnRole::response_type:
        plan.response_type_field = column.index;
        break;
      case ColumnRole::submit_date:
        plan.submit_field = column.index;
        break;
      default:
        break;
      }
      if (matches[c].status == MatchStatus::mapped) {
        const std::size_t q = *matches[c].question;
        const bank::Question& question = questionnaire.questions[q];
        std::size_t scale = 0;
        while (scale < questionnaire.scales.size()
               && questionnaire.scales[scale].id != question.scale) {
          ++scale;
        }
        if (scale == questionnaire.scales.size()) {
          throw Error(fmt::format("question '{}' has no usable scale in the bank", question.id));
        }
        plan.answers.push_back(
          {column.index, q, c, &m_matchers[scale], &questionnaire.scales[scale], scale});
      }
    }
    const auto find_column = [&](const std::string& name, const char* option) {
      const std::string wanted = util::fold_label(name);
      std::vector<std::string> headers;
      for (const auto& column : layout.columns) {
        if (util::fold_label(column.header) == wanted) {
          return column.index;
        }
        headers.push_back(column.header);
      }
      throw Error(fmt::format("{} '{}': file '{}' has no such column{}", option, name, preview.file,
                              util::did_you_mean(name, headers)),
                  ExitCode::usage);
    };
    if (!m_options->id_column.empty()) {
      plan.id_field = find_column(m_options->id_column, "--id-column");
    }
    for (const auto& group : m_options->group_by) {
      plan.group_fields.emplace_back(find_column(group, "--group-by"));
    }
    if (plan.answers.empty()) {
      throw Error(fmt::format("file '{}' ({} export): no column matches a question of bank '{}'; "
                              "map the columns with --map (--write-map writes a mapping to edit)",
                              preview.file, platform_name(layout.platform), questionnaire.id));
    }
    for (const auto& note : layout.notes) {
      m_run->diagnostics.note({preview.file, 0, 0}, note);
    }
    return plan;
  }

  void run_csv(const std::string& path, ByteSource& source, FileReport& report)
  {
    CsvSplitter splitter(source, path, m_options->limits, m_options->chunk_bytes);
    report.dialect = splitter.dialect();
    m_run->diagnostics.append(splitter.diagnostics());
    std::size_t threads = m_options->threads != 0
                            ? m_options->threads
                            : std::max(1U, std::thread::hardware_concurrency());
    threads = std::min<std::size_t>(threads, 64);
    const std::size_t in_flight = 2 * threads + 2;
    std::vector<std::unique_ptr<Job>> jobs;
    Queue<Job*> free_jobs;
    for (std::size_t i = 0; i < in_flight; ++i) {
      jobs.push_back(std::make_unique<Job>());
      free_jobs.push(jobs.back().get());
    }
    Job* first = *free_jobs.pop();
    if (!splitter.next(first->block, k_preview_rows + 1)) {
      throw Error(fmt::format("{}: the file is empty", path));
    }
    Preview preview;
    preview.file = path;
    {
      PreviewSink sink;
      CsvParser parser(path, splitter.dialect(), m_options->limits);
      parser.parse(first->block, sink);
      preview.rows = std::move(sink.rows);
    }
    if (preview.rows.empty()) {
      throw Error(fmt::format("{}: the file is empty", path));
    }
    const Plan plan = plan_file(preview, m_options->from, report);
    if (preview.rows.size() <= plan.header_records && first->block.last) {
      throw Error(fmt::format("{}: no responses: the file has only its header {}", path,
                              plan.header_records == 1 ? "row" : "rows"));
    }

    while (m_worker_aggregates.size() < threads) {
      m_worker_aggregates.push_back(
        std::make_unique<score::Aggregate>(*m_bank, m_options->group_by));
    }
    Queue<Job*> work;
    Reorder done;
    std::atomic<bool> abort{false};
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < threads; ++w) {
      workers.emplace_back([&, w] {
        CsvParser parser(path, splitter.dialect(), m_options->limits);
        RowProcessor rows(plan, *m_worker_aggregates[w]);
        while (const auto job = work.pop()) {
          Job& j = **job;
          j.tally.reset(plan.answers.size());
          j.error = nullptr;
          if (!abort.load()) {
            try {
              parser.reset_counts();
              BlockSink sink(plan, parser, rows, j);
              parser.parse(j.block, sink);
              j.tally.transcoded = parser.transcoded_cells();
              if (j.tally.transcoded > 0) {
                j.tally.first_transcoded = parser.first_transcoded();
              }
            } catch (...) {
              j.error = std::current_exception();
            }
          }
          done.put(&j);
        }
        // In parallel here rather than one after another in the merge.
        m_worker_aggregates[w]->settle();
      });
    }
    std::exception_ptr failure;
    std::thread writer([&] {
      const auto started = std::chrono::steady_clock::now();
      auto last_report = started;
      for (std::uint64_t seq = 0;; ++seq) {
        Job* job = done.take(seq);
        if (job == nullptr) {
          break;
        }
        if (job->error && !failure) {
          failure = job->error;
          abort = true;
        }
        if (!abort.load()) {
          try {
            absorb(job->tally, report, plan);
            m_out.write(job->tally.output);
          } catch (...) {
            failure = std::current_exception();
            abort = true;
          }
        }
        const std::uint64_t end_offset = job->block.offset + job->block.data.size();
        free_jobs.push(job);
        if (m_options->progress) {
          const auto now = std::chrono::steady_clock::now();
          if (now - last_report > std::chrono::milliseconds(200)) {
            last_report = now;
            m_options->progress({path, end_offset, source.size(), m_rows_before + report.rows});
          }
        }
      }
      // The rows are all written: flush them to disk now, while the workers
      // settle their aggregates, rather than in the commit after them.
      if (!abort.load()) {
        try {
          m_out.sync();
        } catch (...) {
          failure = std::current_exception();
          abort = true;
        }
      }
    });
    std::uint64_t blocks = 1;
    // A job is recycled as soon as it is pushed: read its flags first.
    bool more = !first->block.last;
    work.push(first);
    std::exception_ptr read_failure;
    try {
      while (more && !abort.load()) {
        Job* job = *free_jobs.pop();
        if (!splitter.next(job->block)) {
          free_jobs.push(job);
          break;
        }
        ++blocks;
        more = !job->block.last && !job->block.oversized;
        work.push(job);
      }
    } catch (...) {
      read_failure = std::current_exception();
    }
    done.finish(blocks);
    work.close();
    for (auto& worker : workers) {
      worker.join();
    }
    writer.join();
    if (failure) {
      std::rethrow_exception(failure);
    }
    if (read_failure) {
      std::rethrow_exception(read_failure);
    }
    if (report.rows == 0) {
      throw Error(fmt::format("{}: no responses: the file has only its header {}", path,
                              plan.header_records == 1 ? "row" : "rows"));
    }
    m_rows_before += report.rows;
  }

  // Rows already in memory (XLSX sheets, JSON records): one thread.
  void run_table(const std::string& path, std::vector<std::vector<std::string>> rows,
                 bool spreadsheet, FileReport& report, std::optional<Platform> from = std::nullopt,
                 const ExportLayout* given = nullptr)
  {
    // Leading empty rows are not headers.
    std::size_t first = 0;
    while (first < rows.size() && rows[first].empty()) {
      ++first;
    }
    if (first == rows.size()) {
      throw Error(
        fmt::format("{}: the {} is empty", path, spreadsheet ? "first worksheet" : "file"));
    }
    Preview preview;
    preview.file = path;
    preview.workbook = spreadsheet;
    for (std::size_t r = first; r < rows.size() && preview.rows.size() < k_preview_rows; ++r) {
      preview.rows.push_back(rows[r]);
    }
    (void)given;
    const Plan plan = plan_file(preview, from ? from : m_options->from, report);
    if (m_worker_aggregates.empty()) {
      m_worker_aggregates.push_back(
        std::make_unique<score::Aggregate>(*m_bank, m_options->group_by));
    }
    RowProcessor processor(plan, *m_worker_aggregates.front());
    Tally tally;
    tally.reset(plan.answers.size());
    std::vector<std::string_view> fields;
    for (std::size_t r = first + plan.header_records; r < rows.size(); ++r) {
      if (rows[r].empty()) {
        continue;
      }
      fields.assign(rows[r].begin(), rows[r].end());
      const TableLocator where(path, r + 1, spreadsheet);
      processor.process(fields, m_rows_before + tally.rows + 1, where, tally);
      if (processor.wants_id_loc()) {
        tally.ids.back().loc = where.at(0);
        tally.ids.back().loc.column = 0;
        processor.clear_id_loc();
      }
    }
    absorb(tally, report, plan);
    m_out.write(tally.output);
    if (report.rows == 0) {
      throw Error(fmt::format("{}: no responses: the file has only its header {}", path,
                              plan.header_records == 1 ? "row" : "rows"));
    }
    m_rows_before += report.rows;
  }

  void run_json(const std::string& path, const std::string& text, FileReport& report)
  {
    std::vector<nlohmann::json> records;
    bool lines = false;
    // Parses `piece`, which starts `offset` bytes into `whole`, whose first
    // line is `first_line`; errors name the file, line and column.
    const auto parse = [&](std::string_view piece, std::string_view whole, std::size_t offset,
                           std::uint64_t first_line) {
      try {
        return nlohmann::json::parse(piece);
      } catch (const nlohmann::json::exception& e) {
        // A syntax error (with its byte), or a number too large for a
        // double (out_of_range, without one).
        std::string what = e.what();
        const std::size_t colon = what.find(": ");
        const std::size_t bracket = what.find("] ");
        if (e.id >= 101 && e.id <= 199 && colon != std::string::npos) {
          what.erase(0, colon + 2); // "parse error at line 1, column 7: "
        } else if (bracket != std::string::npos) {
          what.erase(0, bracket + 2); // "[json.exception.out_of_range.406] "
        }
        if (what.size() > 200) {
          what.resize(200);
          what += "...";
        }
        std::string where = fmt::format("{}:{}", path, first_line);
        if (const auto* error = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
          const util::SourceLoc at = util::locate(
            path, whole, offset + (error->byte > 0 ? error->byte - 1 : 0), '\n', first_line);
          where = fmt::format("{}:{}:{}", at.file, at.line, at.column);
        }
        throw Error(fmt::format("{}: invalid JSON: {}", where, what));
      }
    };
    // JSON lines: every non-empty line one object. Otherwise one document.
    std::size_t first_end = text.find('\n');
    const std::string_view first_line =
      std::string_view(text).substr(0, first_end == std::string::npos ? text.size() : first_end);
    if (m_options->from == Platform::jsonl
        || (util::trim(first_line).starts_with("{") && nlohmann::json::accept(first_line)
            && first_end != std::string::npos)) {
      lines = true;
      std::uint64_t line = 0;
      std::size_t pos = 0;
      while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) {
          end = text.size();
        }
        ++line;
        const std::string_view piece = util::trim(std::string_view(text).substr(pos, end - pos));
        if (!piece.empty()) {
          records.push_back(parse(piece, std::string_view(text).substr(pos, end - pos),
                                  static_cast<std::size_t>(piece.data() - (text.data() + pos)),
                                  line));
          if (!records.back().is_object()) {
            throw Error(fmt::format("{}:{}: a JSON line must be an object, not {}", path, line,
                                    records.back().type_name()));
          }
          records.back()["\x01line"] = line;
        }
        pos = end + 1;
      }
    } else {
      nlohmann::json doc = parse(text, text, 0, 1);
      if (doc.is_object()) {
        // A single response, or {"responses": [...]} / {"data": [...]}.
        bool unwrapped = false;
        for (const char* key : {"responses", "results", "data"}) {
          if (doc.contains(key) && doc[key].is_array()) {
            doc = doc[key];
            unwrapped = true;
            break;
          }
        }
        if (!unwrapped) {
          doc = nlohmann::json::array({doc});
        }
      }
      if (!doc.is_array()) {
        throw Error(
          fmt::format("{}: expected a JSON array of responses, not {}", path, doc.type_name()));
      }
      std::uint64_t index = 0;
      for (auto& item : doc) {
        ++index;
        // SurveyJS hosts wrap responses: {"data": {...}}, {"json": {...}},
        // or keep them as JSON in a string.
        for (const char* key : {"data", "json", "results", "result"}) {
          if (item.is_object() && item.contains(key)
              && (item[key].is_object() || item[key].is_string())) {
            nlohmann::json inner = item[key];
            if (inner.is_string()) {
              const std::string encoded = inner.get<std::string>();
              try {
                inner = nlohmann::json::parse(encoded);
              } catch (const nlohmann::json::exception&) {
                throw Error(fmt::format("{}: response {}: \"{}\" holds text that is not JSON", path,
                                        index, key));
              }
            }
            if (inner.is_object()) {
              for (const char* id : {"id", "_id", "respondent"}) {
                if (item.contains(id) && !inner.contains(id)) {
                  inner[id] = item[id];
                }
              }
              item = inner;
            }
            break;
          }
        }
        if (!item.is_object()) {
          throw Error(
            fmt::format("{}: response {} is {}, not an object", path, index, item.type_name()));
        }
        item["\x01line"] = index;
        records.push_back(std::move(item));
      }
    }
    report.format = lines ? "JSON lines" : "JSON";
    // Columns: every key in first-seen order; matrix answers flatten to "question.row".
    std::vector<std::string> keys;
    std::map<std::string, std::size_t, std::less<>> key_index;
    std::vector<std::vector<std::pair<std::string, std::string>>> flat(records.size());
    std::vector<std::uint64_t> record_lines;
    for (std::size_t r = 0; r < records.size(); ++r) {
      record_lines.push_back(records[r]["\x01line"].get<std::uint64_t>());
      for (const auto& [key, value] : records[r].items()) {
        if (key == "\x01line") {
          continue;
        }
        const auto add = [&](const std::string& name, const nlohmann::json& v) {
          std::string text_value;
          if (v.is_string()) {
            text_value = v.get<std::string>();
          } else if (v.is_number_integer() || v.is_number_unsigned()) {
            text_value = v.dump();
          } else if (v.is_number_float()) {
            text_value = util::format_number(v.get<double>());
          } else if (v.is_boolean()) {
            text_value = v.get<bool>() ? "true" : "false";
          } else if (v.is_array()) {
            for (const auto& element : v) {
              text_value += text_value.empty() ? "" : ";";
              text_value += element.is_string() ? element.get<std::string>() : element.dump();
            }
          } else if (!v.is_null()) {
            text_value = v.dump();
          }
          if (key_index.emplace(name, keys.size()).second) {
            keys.push_back(name);
          }
          flat[r].emplace_back(name, std::move(text_value));
        };
        if (value.is_object()) {
          for (const auto& [row, cell] : value.items()) {
            add(key + "." + row, cell);
          }
        } else {
          add(key, value);
        }
      }
    }
    std::vector<std::vector<std::string>> rows;
    rows.push_back(keys);
    for (const auto& record : flat) {
      std::vector<std::string> row(keys.size());
      for (const auto& [key, value] : record) {
        row[key_index.at(key)] = value;
      }
      rows.push_back(std::move(row));
    }
    const Platform platform = m_options->from ? *m_options->from
                              : lines         ? Platform::jsonl
                                              : Platform::surveyjs;
    // JSON keys are question names: the generic layout always applies.
    run_table(path, std::move(rows), false, report, Platform::csv);
    report.platform = platform;
    (void)record_lines;
  }

  // Adds one block's tally to the file report, in input order.
  void absorb(const Tally& tally, FileReport& report, const Plan& plan)
  {
    report.rows += tally.rows;
    report.scored += tally.scored;
    report.preview += tally.preview;
    report.spam += tally.spam;
    report.incomplete += tally.incomplete;
    report.malformed += tally.malformed;
    report.short_rows += tally.short_rows;
    report.transcoded += tally.transcoded;
    if (tally.first_malformed && !m_first_malformed.count(report.path)) {
      m_first_malformed[report.path] = *tally.first_malformed;
    }
    if (tally.first_short && !m_first_short.count(report.path)) {
      m_first_short[report.path] = *tally.first_short;
    }
    if (tally.first_transcoded && !m_first_transcoded.count(report.path)) {
      m_first_transcoded[report.path] = *tally.first_transcoded;
    }
    for (std::size_t i = 0; i < plan.answers.size(); ++i) {
      ColumnReport& column = report.columns[plan.answers[i].report];
      const ColumnTally& counts = tally.columns[i];
      column.answered += tally.scored - counts.blank - counts.unknown - counts.missing_tokens;
      column.unknown += counts.unknown;
      column.missing_tokens += counts.missing_tokens;
      for (const auto& example : counts.examples) {
        if (column.unknown_examples.size() < k_max_examples
            && std::none_of(column.unknown_examples.begin(), column.unknown_examples.end(),
                            [&](const LabelExample& e) { return e.text == example.text; })) {
          column.unknown_examples.push_back(example);
        }
      }
    }
    for (const auto& id : tally.ids) {
      if (!m_ids.insert(id.hash)) {
        ++report.duplicates;
        if (m_duplicates.size() < k_max_duplicate_examples) {
          m_duplicates.push_back({std::string(tally.id_text, id.offset, id.size), id.loc});
        }
      }
    }
  }

public:
  void report_problems()
  {
    util::Diagnostics& out = m_run->diagnostics;
    const auto& questionnaire = m_bank->bank();
    for (const auto& file : m_run->files) {
      const util::SourceLoc at_file{file.path, 0, 0};
      if (file.transcoded > 0) {
        out.warning(m_first_transcoded[file.path],
                    fmt::format("{} not valid UTF-8 were read as Windows-1252",
                                plural(file.transcoded, "cell", "cells")));
      }
      if (file.preview + file.spam > 0) {
        out.note(at_file, fmt::format(
                            "excluded {} and {} (--include-preview, "
                            "--include-spam keep them)",
                            plural(file.preview, "preview/test response", "preview/test responses"),
                            plural(file.spam, "spam response", "spam responses")));
      }
      if (file.incomplete > 0) {
        out.note(at_file, fmt::format("excluded {} (--include-incomplete keeps them)",
                                      plural(file.incomplete, "incomplete response",
                                             "incomplete responses")));
      }
      if (file.malformed > 0) {
        out.warning(m_first_malformed[file.path],
                    fmt::format("skipped {} with more fields than the header (first here)",
                                plural(file.malformed, "row", "rows")));
      }
      if (file.short_rows > 0) {
        out.warning(m_first_short[file.path],
                    fmt::format("{} fewer fields than the header; the missing cells count as "
                                "not answered (first here)",
                                plural(file.short_rows, "row has", "rows have")));
      }
      for (const auto& column : file.columns) {
        const std::string name =
          fmt::format("column {} '{}'", column.column.index + 1, column.column.header);
        switch (column.match.status) {
        case MatchStatus::mapped:
          if (column.match.how == MatchHow::fuzzy) {
            out.warning(at_file,
                        fmt::format("{} matched question '{}' by fuzzy text match (confidence "
                                    "{:.2f}); check it, or fix it with --map",
                                    name, questionnaire.questions[*column.match.question].id,
                                    column.match.confidence));
          }
          break;
        case MatchStatus::unmapped:
          out.note(at_file, fmt::format("{} matches no question; not scored", name));
          break;
        case MatchStatus::ambiguous: {
          std::string ids;
          for (const auto q : column.match.rivals) {
            ids += (ids.empty() ? "'" : ", '") + questionnaire.questions[q].id + "'";
          }
          out.warning(at_file, fmt::format("{} is ambiguous (it could be {}); not scored; "
                                           "resolve it with --map",
                                           name, ids));
          break;
        }
        default:
          break;
        }
        if (column.unknown > 0) {
          std::string examples;
          for (const auto& e : column.unknown_examples) {
            examples += (examples.empty() ? "'" : ", '") + e.text + "'";
          }
          const std::string message = fmt::format(
            "{}: {} matched no option of the question's scale (e.g. {}){}", name,
            plural(column.unknown, "answer", "answers"), examples,
            m_options->allow_unknown_labels ? "; counted as not answered"
                                            : "; add them as aliases to the scale, or pass "
                                              "--allow-unknown-labels to count them as not "
                                              "answered");
          const util::SourceLoc where =
            column.unknown_examples.empty() ? at_file : column.unknown_examples.front().loc;
          if (m_options->allow_unknown_labels) {
            out.warning(where, message);
          } else {
            out.error(where, message);
          }
        }
        if (column.missing_tokens > 0) {
          out.note(at_file, fmt::format("{}: {} like 'N/A' counted as not answered", name,
                                        plural(column.missing_tokens, "answer", "answers")));
        }
      }
      if (file.duplicates > 0) {
        std::string examples;
        for (const auto& [id, loc] : m_duplicates) {
          if (loc.file == file.path) {
            examples += (examples.empty() ? "'" : ", '") + id + "'";
          }
        }
        out.warning(at_file,
                    fmt::format("{} seen before (e.g. {}); all were scored",
                                plural(file.duplicates, "respondent id was", "respondent ids were"),
                                examples));
      }
    }
  }

private:
  const score::CompiledBank* m_bank;
  const ImportOptions* m_options;
  ScoreRun* m_run;
  std::vector<answers::OptionMatcher> m_matchers;
  std::vector<std::string> m_question_ids;
  std::vector<std::string> m_missing;
  std::optional<ColumnMapFile> m_map;
  std::vector<std::unique_ptr<score::Aggregate>> m_worker_aggregates;
  RespondentsFile m_out;
  bool m_jsonl_output = false;
  std::uint64_t m_rows_before = 0;
  HashSet m_ids;
  std::vector<std::pair<std::string, util::SourceLoc>> m_duplicates;
  std::map<std::string, util::SourceLoc> m_first_malformed;
  std::map<std::string, util::SourceLoc> m_first_short;
  std::map<std::string, util::SourceLoc> m_first_transcoded;
  std::string m_map_text;
};

} // namespace

ScoreRun run_exports(const std::vector<std::string>& paths, const score::CompiledBank& bank,
                     const ImportOptions& options)
{
  ScoreRun run(bank, options.group_by);
  Runner runner(bank, options, run);
  for (const auto& path : paths) {
    runner.run_file(path);
  }
  runner.finish(!options.write_map_path.empty());
  runner.report_problems();
  if (!options.write_map_path.empty()) {
    // Written even when the run has errors: fixing the mapping is the way out.
    util::write_file_atomic(options.write_map_path, runner.map_text());
  }
  if (run.diagnostics.has_errors()) {
    runner.out().discard();
  } else if (runner.out().is_open()) {
    runner.out().commit();
    run.respondents_written = true;
  }
  return run;
}

std::string summarize(const ScoreRun& run, const bank::Questionnaire& bank)
{
  std::string out;
  for (const auto& file : run.files) {
    std::size_t mapped = 0;
    std::size_t questions = 0;
    for (const auto& column : file.columns) {
      mapped += column.match.status == MatchStatus::mapped ? 1 : 0;
    }
    questions = bank.questions.size();
    std::string excluded;
    const std::uint64_t dropped = file.preview + file.spam + file.incomplete + file.malformed;
    if (dropped > 0) {
      excluded = fmt::format(", {} excluded", dropped);
    }
    out += fmt::format("{}: {} {}{}, {} rows, {} scored{}; {} of {} questions mapped\n", file.path,
                       platform_name(file.platform), file.format,
                       file.variant.empty() ? "" : " (" + file.variant + ")", file.rows,
                       file.scored, excluded, mapped, questions);
  }
  return out;
}

} // namespace centricity::import
