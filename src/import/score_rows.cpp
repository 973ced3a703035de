#include "score_rows.hpp"

#include "id_set.hpp"
#include "respondents.hpp"

#include <centricity/answers/matcher.hpp>
#include <centricity/import/labels.hpp>
#include <centricity/score/respondent.hpp>
#include <centricity/util/strings.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <span>
#include <string_view>

namespace centricity::import::detail {

namespace {

// Distinct labels cached per scale: every point of the largest range scale
// (101, bank-format.md) and the spellings of its special options fit.
constexpr std::size_t k_label_cache = 128;
static_assert(k_label_cache < 256, "cache links are one byte");

// Where a field is, computed only when an example needs it.
class Locator {
public:
  virtual ~Locator() = default;
  [[nodiscard]] virtual util::SourceLoc at(std::size_t field) const = 0;
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
    , m_row_writer(plan.bank->bank(), plan.options->group_by, plan.id_field.has_value(),
                   plan.jsonl_output)
    , m_check_incomplete(!plan.options->include_incomplete
                         && (plan.finished_field || plan.progress_field || plan.response_type_field
                             || plan.submit_field || plan.completion_field))
  {
    // m_caches is never resized, so the pointers stay valid.
    for (const AnswerColumn& column : plan.answers) {
      m_hot.push_back({static_cast<std::uint32_t>(column.field),
                       static_cast<std::uint32_t>(column.question),
                       m_caches[column.scale_index].direct.data()});
      m_hot_caches.push_back(&m_caches[column.scale_index]);
      m_field_limit = std::max(m_field_limit, column.field + 1);
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
    if (m_check_incomplete && incomplete(fields)) {
      ++tally.incomplete;
      return;
    }
    if (!plan.filters.empty() && !passes_filters(fields)) [[unlikely]] {
      ++tally.filtered;
      return;
    }
    read_answers(fields, where, tally);
    score::score_respondent(*plan.bank, m_answers, m_scores);
    if (plan.options->exclude_careless && m_scores.careless != 0) [[unlikely]] {
      ++tally.careless;
      return;
    }
    ++tally.scored;
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
      m_row_writer.write(id, data_row, m_groups, m_scores, tally.output);
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
    const LabelInput in{fields.data(), fields.size(),    m_hot.data(),
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

  bool passes_filters(std::span<const std::string_view> fields) const
  {
    return std::all_of(m_plan->filters.begin(), m_plan->filters.end(), [&](const auto& f) {
      const std::string_view text = f.field < fields.size() ? fields[f.field] : "";
      return f.filter.holds(util::fold_label(text));
    });
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
    if (plan.completion_field) {
      return util::to_lower(util::trim(cell(*plan.completion_field))) != "complete";
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
    // chained by length and last byte, which needs one look at the text: a
    // hit is usually one comparison on a Likert scale, and at most nine on
    // a 0-100 range (its ninety two-byte labels spread over ten chains).
    // One cache per scale, not per column: the labels of forty columns on
    // one scale stay in L1 cache.
    const std::size_t bucket =
      (text.size() + 5 * static_cast<unsigned char>(text.back())) % k_buckets;
    for (std::uint8_t i = cache.by_bucket[bucket]; i != 0; i = cache.entries[i - 1U].next) {
      const CacheEntry& entry = cache.entries[i - 1U];
      if (util::same_text(entry.label, text)) {
        return entry.outcome;
      }
    }
    const AnswerColumn& column = m_plan->answers[index];
    LabelOutcome outcome;
    const answers::Match match = column.matcher->match_text(text, m_plan->answer_codes);
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
      cache.entries.push_back({std::string(text), outcome, cache.by_bucket[bucket]});
      cache.by_bucket[bucket] = static_cast<std::uint8_t>(cache.entries.size());
      return cache.entries.back().outcome;
    }
    m_uncached = outcome;
    return m_uncached;
  }

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
  static constexpr std::size_t k_buckets = 64; // by length and last byte
  struct Cache {
    std::array<DirectLabel, k_direct_bytes> direct{}; // by length - 1
    std::array<std::uint8_t, k_buckets> by_bucket{};  // 1 + index of the first entry
    std::vector<CacheEntry> entries;                  // at most k_label_cache
  };
  std::vector<Cache> m_caches;
  // What the hot loop needs of an answer column (plan.answers[i]), packed,
  // and the column's label cache.
  std::vector<LabelColumn> m_hot;
  std::vector<Cache*> m_hot_caches;
  std::size_t m_field_limit = 0; // 1 + the highest field of m_hot
  // The matcher for the best instruction set the processor has.
  MatchLabels m_match = match_labels_for(best_simd_level());
  RespondentRowWriter m_row_writer; // the respondent's row, into the tally
  LabelOutcome m_uncached;          // lookup()'s answer when the cache is full
  bool m_last_id_loc_needed = false;
  bool m_check_incomplete; // the platform marks incomplete rows and they are left out
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
  BlockSink(const Plan& plan, const CsvParser& parser, RowProcessor& rows, const CsvBlock& block,
            Tally& tally)
    : m_plan(&plan)
    , m_parser(&parser)
    , m_rows(&rows)
    , m_block(&block)
    , m_tally(&tally)
  {
  }
  bool record(const CsvRecord& record) override
  {
    if (record.index < m_plan->header_records) {
      return true;
    }
    const CsvLocator where(*m_parser, *m_block, record);
    const std::uint64_t data_row = m_plan->row_base + record.index - m_plan->header_records + 1;
    m_rows->process(record.fields, data_row, where, *m_tally);
    if (m_rows->wants_id_loc()) {
      m_tally->ids.back().loc = {m_parser->where(*m_block, record, *m_plan->id_field).file,
                                 record.line, 0};
      m_rows->clear_id_loc();
    }
    return true;
  }

private:
  const Plan* m_plan;
  const CsvParser* m_parser;
  RowProcessor* m_rows;
  const CsvBlock* m_block;
  Tally* m_tally;
};

} // namespace

struct RowScorer::State {
  State(const Plan& for_plan, score::Aggregate& aggregate)
    : plan(&for_plan)
    , rows(for_plan, aggregate)
  {
  }
  const Plan* plan;
  RowProcessor rows;
};

RowScorer::RowScorer(const Plan& plan, score::Aggregate& aggregate)
  : m_state(std::make_unique<State>(plan, aggregate))
{
}

RowScorer::~RowScorer() = default;

void RowScorer::score_block(CsvParser& parser, const CsvBlock& block, Tally& tally)
{
  parser.reset_counts();
  BlockSink sink(*m_state->plan, parser, m_state->rows, block, tally);
  parser.parse(block, sink);
  tally.transcoded = parser.transcoded_cells();
  if (tally.transcoded > 0) {
    tally.first_transcoded = parser.first_transcoded();
  }
}

void RowScorer::score_row(const std::string& file, std::span<const std::string_view> fields,
                          std::uint64_t line, bool spreadsheet, std::uint64_t data_row,
                          Tally& tally)
{
  RowProcessor& processor = m_state->rows;
  const TableLocator where(file, line, spreadsheet);
  processor.process(fields, data_row, where, tally);
  if (processor.wants_id_loc()) {
    tally.ids.back().loc = where.at(0);
    tally.ids.back().loc.column = 0;
    processor.clear_id_loc();
  }
}

} // namespace centricity::import::detail
