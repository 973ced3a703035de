#include "plan.hpp"

#include "respondents.hpp"

#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace centricity::import::detail {

namespace {

// ", did you mean 'X'?" for a column name an option gave that no header
// has: the header a typo away (ignoring case and spaces), else the headers
// that contain the name ("team" -> "Which team are you in?"), at most three.
std::string column_suggestion(const std::string& name, const std::vector<std::string>& headers)
{
  const std::string wanted = util::fold_label(name);
  std::vector<std::string> folded;
  folded.reserve(headers.size());
  for (const auto& header : headers) {
    folded.push_back(util::fold_label(header));
  }
  if (const auto close = util::closest_match(wanted, folded)) {
    const auto at = std::find(folded.begin(), folded.end(), *close) - folded.begin();
    return fmt::format(", did you mean '{}'?", headers[static_cast<std::size_t>(at)]);
  }
  std::vector<std::string> containing;
  for (std::size_t h = 0; h < headers.size() && containing.size() < 3; ++h) {
    if (!wanted.empty() && folded[h].find(wanted) != std::string::npos) {
      containing.push_back(fmt::format("'{}'", headers[h]));
    }
  }
  if (containing.empty()) {
    return {};
  }
  std::string list = containing.front();
  for (std::size_t i = 1; i < containing.size(); ++i) {
    list += (i + 1 == containing.size() ? " or " : ", ") + containing[i];
  }
  return fmt::format(", did you mean {}?", list);
}

} // namespace

Planner::Planner(const score::CompiledBank& bank, const ImportOptions& options)
  : m_bank(&bank)
  , m_options(&options)
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
    auto source = options.open ? options.open(options.map_path) : open_file(options.map_path);
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
  m_jsonl_output = is_jsonl_path(options.respondents_path);
}

Plan Planner::plan(const Preview& preview, std::optional<Platform> from, std::uint64_t row_base,
                   FileReport& report, util::Diagnostics& diagnostics) const
{
  ExportLayout layout;
  try {
    layout = detect_layout(preview, from, m_question_ids, m_map.has_value());
  } catch (const Error&) {
    // --write-map writes every column of a file it could read, to edit.
    if (!m_options->write_map_path.empty()) {
      const ExportLayout plain = *try_read_generic(preview, m_question_ids, true);
      const auto matches = map_columns(plain, m_bank->bank(), m_map ? &*m_map : nullptr);
      for (std::size_t c = 0; c < plain.columns.size(); ++c) {
        report.columns.push_back({plain.columns[c], matches[c], 0, 0, 0, {}});
      }
    }
    throw;
  }
  report.platform = layout.platform;
  report.variant = layout.variant;
  const auto matches = map_columns(layout, m_bank->bank(), m_map ? &*m_map : nullptr);
  Plan plan;
  plan.bank = m_bank;
  plan.options = m_options;
  plan.header_records = layout.header_records;
  plan.strip_apostrophe = layout.strip_apostrophe;
  plan.answer_codes = layout.platform == Platform::limesurvey;
  plan.jsonl_output = m_jsonl_output;
  plan.missing = m_missing;
  plan.row_base = row_base;
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
    case ColumnRole::completion:
      plan.completion_field = column.index;
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
                            column_suggestion(name, headers)),
                ExitCode::usage);
  };
  if (!m_options->id_column.empty()) {
    plan.id_field = find_column(m_options->id_column, "--id-column");
  }
  for (const auto& group : m_options->group_by) {
    plan.group_fields.emplace_back(find_column(group, "--group-by"));
  }
  for (auto& filter : parse_row_filters(m_options->where)) {
    const std::size_t field = find_column(filter.column, "--where");
    plan.filters.push_back({field, std::move(filter)});
  }
  if (plan.answers.empty()) {
    throw Error(fmt::format("file '{}' ({} export): no column matches a question of bank '{}'; "
                            "map the columns with --map (--write-map writes a mapping to edit)",
                            preview.file, platform_name(layout.platform), questionnaire.id));
  }
  for (const auto& note : layout.notes) {
    diagnostics.note({preview.file, 0, 0}, note);
  }
  return plan;
}

} // namespace centricity::import::detail
