#include "respondents.hpp"

#include <centricity/report/respondents.hpp>
#include <centricity/util/error.hpp>

#include <fcntl.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace centricity::import::detail {

RespondentRowWriter::RespondentRowWriter(const bank::Questionnaire& bank,
                                         const std::vector<std::string>& group_by, bool has_id,
                                         bool jsonl)
  : m_bank(&bank)
  , m_group_by(&group_by)
  , m_has_id(has_id)
  , m_jsonl(jsonl)
{
  // Stage ids as CSV fields, made once rather than checked on every row.
  for (const auto& ladder : bank.ladders) {
    auto& fields = m_stage_fields.emplace_back();
    for (const auto& stage : ladder.stages) {
      std::string field;
      util::append_csv_field(field, stage.id, ',');
      fields.push_back(std::move(field));
    }
  }
}

// util::write_score(out, score), remembered: a dimension's scores take few
// values (means of a few answers), so most are a copy of a text made
// before. A direct-mapped table by the score's bits. Inline: it is called
// for every dimension of every row, and a call each cost 4% more
// instructions in the benchmark.
inline char* RespondentRowWriter::write_score(char* out, double score) const
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

void RespondentRowWriter::write(std::string_view id, std::uint64_t data_row,
                                std::span<const std::string_view> groups,
                                const score::RespondentScores& scores, std::string& out) const
{
  char number[24];
  std::string_view row_id = id;
  if (!m_has_id) {
    const auto [end, ec] = std::to_chars(number, number + sizeof number, data_row);
    row_id = std::string_view(number, static_cast<std::size_t>(end - number));
  }
  if (m_jsonl) {
    // Flat, like `score --respondents x.jsonl` for answers files.
    out += "{\"respondent\":";
    util::append_json_string(out, row_id);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      out += ',';
      util::append_json_string(out, (*m_group_by)[g]);
      out += ':';
      util::append_json_string(out, groups[g]);
    }
    report::append_scores_jsonl(out, *m_bank, scores);
    out += "}\n";
    return;
  }
  // Built in a buffer on the stack and appended once: a dozen small
  // appends a row were a tenth of the run.
  std::size_t bound = util::csv_field_bound(row_id) + 1;
  for (const std::string_view group : groups) {
    bound += util::csv_field_bound(group) + 1;
  }
  bound += scores.dimensions.size() * (util::k_score_bound + 1);
  for (std::size_t l = 0; l < scores.stages.size(); ++l) {
    bound += m_stage_fields[l][scores.stages[l]].size() + 1;
  }
  if (bound <= k_row_buffer) {
    char row[k_row_buffer];
    char* p = row;
    if (m_has_id) {
      p = util::write_csv_field(p, row_id);
    } else {
      // A row number: digits, which never need quotes.
      std::memcpy(p, row_id.data(), row_id.size());
      p += row_id.size();
    }
    for (const std::string_view group : groups) {
      *p++ = ',';
      p = util::write_csv_field(p, group);
    }
    for (const double score : scores.dimensions) {
      *p++ = ',';
      if (!std::isnan(score)) {
        p = write_score(p, score);
      }
    }
    for (std::size_t l = 0; l < scores.stages.size(); ++l) {
      *p++ = ',';
      const std::string& stage = m_stage_fields[l][scores.stages[l]];
      std::memcpy(p, stage.data(), stage.size());
      p += stage.size();
    }
    *p++ = '\n';
    out.append(row, static_cast<std::size_t>(p - row));
    return;
  }
  util::append_csv_field(out, row_id, ',');
  for (const std::string_view group : groups) {
    out += ',';
    util::append_csv_field(out, group, ',');
  }
  for (const double score : scores.dimensions) {
    out += ',';
    if (!std::isnan(score)) {
      util::append_score(out, score);
    }
  }
  for (std::size_t l = 0; l < scores.stages.size(); ++l) {
    out += ',';
    out += m_stage_fields[l][scores.stages[l]];
  }
  out += '\n';
}

bool is_jsonl_path(const std::string& path)
{
  return path.ends_with(".jsonl") || path.ends_with(".ndjson");
}

std::string respondents_csv_header(const bank::Questionnaire& bank,
                                   const std::vector<std::string>& group_by)
{
  std::string header = "respondent";
  for (const auto& group : group_by) {
    header += ',';
    util::append_csv_field(header, group, ',');
  }
  for (const auto& dimension : bank.dimensions) {
    header += ',';
    util::append_csv_field(header, dimension.id, ',');
  }
  for (const auto& ladder : bank.ladders) {
    header += ',';
    util::append_csv_field(header, "stage:" + ladder.id, ',');
  }
  header += '\n';
  return header;
}

void RespondentsFile::open(const std::string& path)
{
  if (path == "-") {
    m_stdout = true;
    return;
  }
  m_file = std::make_unique<util::AtomicFile>(path);
}

void RespondentsFile::write(std::string_view text)
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
  // Start writing what the kernel holds to disk every few megabytes, so the
  // fsync of commit() finds little left: it took 30 ms for a million
  // respondents when the whole file waited for it.
  if (m_written - m_synced >= k_sync_bytes) {
    ::sync_file_range(m_file->fd(), static_cast<off_t>(m_synced),
                      static_cast<off_t>(m_written - m_synced), SYNC_FILE_RANGE_WRITE);
    m_synced = m_written;
  }
#endif
}

void RespondentsFile::sync()
{
  if (m_file != nullptr) {
    m_file->sync();
  }
}

void RespondentsFile::commit()
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

void RespondentsFile::discard()
{
  m_file.reset();
  m_stdout = false;
}

} // namespace centricity::import::detail
