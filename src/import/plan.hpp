#pragma once

// Planning a file, from its first records to what the workers need: the
// export's layout is detected (formats.hpp), its columns are matched to the
// bank's questions (mapping.hpp), and the outcome is a Plan, which says for
// every field of a record what it holds. Private to src/import.

#include <centricity/answers/matcher.hpp>
#include <centricity/import/csv.hpp>
#include <centricity/import/formats.hpp>
#include <centricity/import/mapping.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/util/diagnostics.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace centricity::import::detail {

// An export column mapped to a question.
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
  std::optional<std::size_t> completion_field;
  // --where: a row is scored only if every filter holds for the folded
  // (util::fold_label) value of its field.
  struct Filter {
    std::size_t field = 0;
    ColumnFilter filter;
  };
  std::vector<Filter> filters;
  std::vector<std::optional<std::size_t>> group_fields;
  std::size_t header_records = 1;
  std::size_t width = 0;
  bool strip_apostrophe = false;
  bool answer_codes = false; // LimeSurvey: "A4"/"AO04" answer codes name options
  bool jsonl_output = false;
  char delimiter = ',';
  std::uint64_t row_base = 0;       // data rows in earlier files
  std::vector<std::string> missing; // folded
  const ImportOptions* options = nullptr;
};

// Collects the first records of a block (up to k_preview_rows) for
// detection.
class PreviewSink : public RecordSink {
public:
  bool record(const CsvRecord& record) override
  {
    rows.emplace_back(record.fields.begin(), record.fields.end());
    return rows.size() < k_preview_rows;
  }
  std::vector<std::vector<std::string>> rows;
};

// Plans the files of one run. Owns the option matchers that every Plan it
// makes points to, so it must outlive them.
class Planner {
public:
  // For `bank` and `options` (both kept by reference). Reads the --map file
  // when given; throws centricity::Error listing its problems when it cannot
  // be used.
  Planner(const score::CompiledBank& bank, const ImportOptions& options);

  // Detects the layout of the file `preview` shows (`from`, if set, names
  // the platform), maps its columns into `report`, and plans it, numbering
  // its data rows after `row_base`; the layout's notes go to `diagnostics`.
  // Throws centricity::Error for an unknown --id-column or --group-by column
  // or when no column matches a question.
  [[nodiscard]] Plan plan(const Preview& preview, std::optional<Platform> from,
                          std::uint64_t row_base, FileReport& report,
                          util::Diagnostics& diagnostics) const;

private:
  const score::CompiledBank* m_bank;
  const ImportOptions* m_options;
  std::vector<answers::OptionMatcher> m_matchers; // by scale
  std::vector<std::string> m_question_ids;
  std::vector<std::string> m_missing; // --missing-value, folded
  std::optional<ColumnMapFile> m_map;
  bool m_jsonl_output = false; // the respondents file is JSON lines
};

} // namespace centricity::import::detail
