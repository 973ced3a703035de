#pragma once

// The per-respondent table of `score --respondents FILE`: one row per
// respondent with `respondent`, the group fields, one column per dimension
// id (the 0-100 score, empty for insufficient data) and `stage:<ladder-id>`
// per ladder. CSV (RFC 4180) or JSON Lines, written as respondents stream by.

#include <centricity/answers/response.hpp>
#include <centricity/score/compiled.hpp>
#include <centricity/score/respondent.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace centricity::report {

enum class TableFormat { csv, jsonl };

// The format for `path` by extension: ".csv" or ".jsonl"/".ndjson". Throws
// centricity::Error (ExitCode::usage) for anything else.
[[nodiscard]] TableFormat table_format_for(const std::string& path);

// Appends the score columns of one JSON Lines row: `,"<dimension>":score`
// (null for insufficient data) per dimension and `,"stage:<ladder>":"<stage>"`
// per ladder. Shared by this writer and the export importer, so both tables
// read alike.
void append_scores_jsonl(std::string& row, const bank::Questionnaire& bank,
                         const score::RespondentScores& scores);

class RespondentWriter {
public:
  // Writes to `out` (which must outlive the writer); the CSV header goes out
  // at once. `fields` are the metadata columns, in order.
  RespondentWriter(std::ostream& out, TableFormat format, const score::CompiledBank& bank,
                   std::vector<std::string> fields);

  // One row for `response` with its `scores`.
  void write(const answers::Response& response, const score::RespondentScores& scores);

private:
  std::ostream* m_out;
  TableFormat m_format;
  const score::CompiledBank* m_bank;
  std::vector<std::string> m_fields;
};

} // namespace centricity::report
