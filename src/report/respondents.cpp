#include <centricity/report/respondents.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace centricity::report {

namespace {

bool ends_with(const std::string& text, std::string_view suffix)
{
  return text.size() >= suffix.size()
         && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A CSV field, quoted when it holds a separator, a quote or a line break.
std::string csv_field(std::string_view text)
{
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  out += '"';
  return out;
}

// Scores with up to 10 decimals, trailing zeros dropped: stable across
// platforms and readable in a spreadsheet.
std::string score_text(double score)
{
  if (std::isnan(score)) {
    return {};
  }
  std::string text = fmt::format("{:.10f}", score);
  while (text.back() == '0') {
    text.pop_back();
  }
  if (text.back() == '.') {
    text.pop_back();
  }
  return text;
}

} // namespace

TableFormat table_format_for(const std::string& path)
{
  if (ends_with(path, ".csv")) {
    return TableFormat::csv;
  }
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) {
    return TableFormat::jsonl;
  }
  throw Error(fmt::format("--respondents {}: use a .csv or .jsonl file", path), ExitCode::usage);
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
    header += "," + csv_field(field);
  }
  for (const auto& dimension : bank.bank().dimensions) {
    header += "," + csv_field(dimension.id);
  }
  for (const auto& ladder : bank.bank().ladders) {
    header += "," + csv_field("stage:" + ladder.id);
  }
  *m_out << header << '\n';
}

void RespondentWriter::write(const answers::Response& response,
                             const score::RespondentScores& scores)
{
  const auto& bank = m_bank->bank();
  if (m_format == TableFormat::csv) {
    std::string row = csv_field(response.respondent);
    for (const auto& field : m_fields) {
      const std::string* value = response.field(field);
      row += ",";
      row += value == nullptr ? std::string() : csv_field(*value);
    }
    for (const double score : scores.dimensions) {
      row += "," + score_text(score);
    }
    for (std::size_t l = 0; l < scores.stages.size(); ++l) {
      row += "," + csv_field(bank.ladders[l].stages[scores.stages[l]].id);
    }
    *m_out << row << '\n';
    return;
  }
  nlohmann::ordered_json row;
  row["respondent"] = response.respondent;
  for (const auto& field : m_fields) {
    const std::string* value = response.field(field);
    row[field] =
      value == nullptr ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(*value);
  }
  for (std::size_t d = 0; d < scores.dimensions.size(); ++d) {
    const double score = scores.dimensions[d];
    row[bank.dimensions[d].id] =
      std::isnan(score) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(score);
  }
  for (std::size_t l = 0; l < scores.stages.size(); ++l) {
    row["stage:" + bank.ladders[l].id] = bank.ladders[l].stages[scores.stages[l]].id;
  }
  *m_out << row.dump() << '\n';
}

} // namespace centricity::report
