#include <centricity/report/respondents.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <cmath>

namespace centricity::report {

TableFormat table_format_for(const std::string& path)
{
  if (path.ends_with(".csv")) {
    return TableFormat::csv;
  }
  if (path.ends_with(".jsonl") || path.ends_with(".ndjson")) {
    return TableFormat::jsonl;
  }
  throw Error(fmt::format("--respondents {}: use a .csv or .jsonl file", path), ExitCode::usage);
}

void append_scores_jsonl(std::string& row, const bank::Questionnaire& bank,
                         const score::RespondentScores& scores)
{
  for (std::size_t d = 0; d < scores.dimensions.size(); ++d) {
    row += ',';
    util::append_json_string(row, bank.dimensions[d].id);
    row += ':';
    if (std::isnan(scores.dimensions[d])) {
      row += "null";
    } else {
      util::append_score(row, scores.dimensions[d]);
    }
  }
  for (std::size_t l = 0; l < scores.stages.size(); ++l) {
    row += ',';
    util::append_json_string(row, "stage:" + bank.ladders[l].id);
    row += ':';
    util::append_json_string(row, bank.ladders[l].stages[scores.stages[l]].id);
  }
}

RespondentWriter::RespondentWriter(std::ostream& out, TableFormat format,
                                   const score::CompiledBank& bank, std::vector<std::string> fields)
  : m_out(&out)
  , m_format(format)
  , m_bank(&bank)
  , m_fields(std::move(fields))
{
  if (m_format != TableFormat::csv) {
    return;
  }
  std::string header = "respondent";
  for (const auto& field : m_fields) {
    header += ',';
    util::append_csv_field(header, field);
  }
  for (const auto& dimension : bank.bank().dimensions) {
    header += ',';
    util::append_csv_field(header, dimension.id);
  }
  for (const auto& ladder : bank.bank().ladders) {
    header += ',';
    util::append_csv_field(header, "stage:" + ladder.id);
  }
  *m_out << header << '\n';
}

// The same columns and number format as the rows `score EXPORT --respondents`
// writes (import/run.cpp), so the two tables read alike.
void RespondentWriter::write(const answers::Response& response,
                             const score::RespondentScores& scores)
{
  const auto& bank = m_bank->bank();
  std::string row;
  if (m_format == TableFormat::csv) {
    util::append_csv_field(row, response.respondent);
    for (const auto& field : m_fields) {
      row += ',';
      if (const std::string* value = response.field(field)) {
        util::append_csv_field(row, *value);
      }
    }
    for (const double score : scores.dimensions) {
      row += ',';
      if (!std::isnan(score)) {
        util::append_score(row, score);
      }
    }
    for (std::size_t l = 0; l < scores.stages.size(); ++l) {
      row += ',';
      util::append_csv_field(row, bank.ladders[l].stages[scores.stages[l]].id);
    }
    *m_out << row << '\n';
    return;
  }
  row += "{\"respondent\":";
  util::append_json_string(row, response.respondent);
  for (const auto& field : m_fields) {
    row += ',';
    util::append_json_string(row, field);
    row += ':';
    if (const std::string* value = response.field(field)) {
      util::append_json_string(row, *value);
    } else {
      row += "null";
    }
  }
  append_scores_jsonl(row, bank, scores);
  *m_out << row << "}\n";
}

} // namespace centricity::report
