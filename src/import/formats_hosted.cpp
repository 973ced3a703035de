// The readers of the hosted platforms' exports: Qualtrics, SurveyMonkey
// (two header rows or one), Google Forms, Microsoft Forms, Typeform and
// Alchemer (SurveyGizmo). Each looks at a preview's header rows and returns
// the layout (column roles, question texts, codes) or nothing if the file is
// not its platform's.
#include "format_helpers.hpp"

#include <centricity/import/formats.hpp>
#include <centricity/util/strings.hpp>

#include <algorithm>
#include <array>

namespace centricity::import {

using namespace detail;

namespace {

// Qualtrics row 3: {"ImportId":"QID2_1"} or the 2016 Python-dict form
// {'ImportId': 'QID2-1'}. Tolerant on purpose: only the ImportId is needed.
std::string import_id(std::string_view text)
{
  const std::size_t at = text.find("ImportId");
  if (at == std::string_view::npos) {
    return {};
  }
  std::size_t i = at + 8;
  while (i < text.size()
         && (text[i] == '"' || text[i] == '\'' || text[i] == ':' || text[i] == ' ')) {
    ++i;
  }
  std::size_t j = i;
  while (j < text.size() && text[j] != '"' && text[j] != '\'') {
    ++j;
  }
  return std::string(text.substr(i, j - i));
}

ColumnRole qualtrics_role(std::string_view name)
{
  if (is_one_of(name, {"ResponseId", "ResponseID", "V1"})) {
    return ColumnRole::respondent_id;
  }
  if (is_one_of(name, {"Status"})) {
    return ColumnRole::status;
  }
  if (is_one_of(name, {"Finished"})) {
    return ColumnRole::finished;
  }
  if (is_one_of(name, {"Progress"})) {
    return ColumnRole::progress;
  }
  if (is_one_of(name, {"StartDate",
                       "EndDate",
                       "IPAddress",
                       "Duration (in seconds)",
                       "RecordedDate",
                       "RecipientLastName",
                       "RecipientFirstName",
                       "RecipientEmail",
                       "ExternalReference",
                       "ExternalDataReference",
                       "LocationLatitude",
                       "LocationLongitude",
                       "LocationAccuracy",
                       "DistributionChannel",
                       "UserLanguage",
                       "ResponseSet",
                       "Name",
                       "EmailAddress",
                       "Q_RecaptchaScore",
                       "Q_RelevantIDDuplicate",
                       "Q_BallotBoxStuffing",
                       "SC0"})) {
    return ColumnRole::metadata;
  }
  // Display order, timing, Text iQ topics and meta-info columns are not
  // answers, nor the group (promoter, passive, detractor) Qualtrics adds
  // after an NPS question.
  if (name.ends_with("_DO") || name.find("_DO_") != std::string_view::npos
      || name.ends_with("_NPS_GROUP")) {
    return ColumnRole::metadata;
  }
  if (name.find(" - Topics") != std::string_view::npos || name.starts_with("Q_")
      || name.starts_with("FL_")) {
    return ColumnRole::metadata;
  }
  return ColumnRole::answer;
}

bool is_surveymonkey_metadata(std::string_view name)
{
  return is_one_of(name,
                   {"Collector ID", "CollectorID", "Start Date", "StartDate", "End Date", "EndDate",
                    "IP Address", "Email Address", "First Name", "FirstName", "Last Name",
                    "LastName", "Custom Data", "Custom Data 1", "Custom Data 2", "Custom Data 3"});
}

// SurveyMonkey with one header row: "Respondent ID", its metadata, then one
// column per question or matrix row ("Question - Row", "Question | Row" or
// "Question [Row]").
std::optional<ExportLayout> read_surveymonkey_one_row(const Preview& preview)
{
  if (!row_has(preview, 0, {"Collector ID", "CollectorID", "Start Date", "StartDate"})) {
    return std::nullopt;
  }
  const auto& r1 = row(preview, 0);
  ExportLayout layout =
    layout_of_headings(Platform::surveymonkey, r1, [&](ExportColumn& column, std::size_t c) {
      if (is_one_of(r1[c], {"Respondent ID", "RespondentID"})) {
        column.role = ColumnRole::respondent_id;
      } else if (is_surveymonkey_metadata(r1[c])) {
        column.role = ColumnRole::metadata;
      } else {
        add_text(column, r1[c]);
        add_text(column, after_last(r1[c], " - "));
        add_text(column, after_last(r1[c], " | "));
        add_text(column, bracketed(r1[c]));
      }
    });
  layout.variant = "one header row";
  drop_trailing_empty(layout);
  return layout;
}

} // namespace

std::optional<ExportLayout> try_read_qualtrics(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.empty()) {
    return std::nullopt;
  }
  ExportLayout layout;
  layout.platform = Platform::qualtrics;
  const std::string r3c1 = cell(preview, 2, 0);
  if (key(r1[0]) == "v1" && row_has(preview, 1, {"ResponseID"})) {
    // Legacy: row 1 export tags (V1..V10 for metadata), row 2 labels.
    layout.variant = "legacy";
    layout.header_records = 2;
    for (std::size_t c = 0; c < r1.size(); ++c) {
      ExportColumn column;
      column.index = c;
      const std::string label = cell(preview, 1, c);
      const bool meta = r1[c].size() >= 2 && r1[c][0] == 'V'
                        && std::all_of(r1[c].begin() + 1, r1[c].end(),
                                       [](char ch) { return ch >= '0' && ch <= '9'; });
      column.header = meta ? label : r1[c];
      column.code = r1[c];
      column.role = qualtrics_role(meta ? label : r1[c]);
      if (column.role == ColumnRole::answer) {
        add_text(column, label);
        add_text(column, after_last(label, "-"));
      }
      layout.columns.push_back(std::move(column));
    }
    drop_trailing_empty(layout);
    layout.notes.emplace_back("legacy Qualtrics export: sub-question tags may repeat; columns are "
                              "told apart by position");
    return layout;
  }
  const bool modern = r3c1.starts_with("{\"ImportId\"");
  const bool insights = r3c1.starts_with("{'ImportId'");
  const bool single = !modern && !insights && row_has(preview, 0, {"StartDate"})
                      && row_has(preview, 0, {"ResponseId", "ResponseID"});
  if (!modern && !insights && !single) {
    return std::nullopt;
  }
  layout.variant = modern ? "modern" : insights ? "2016" : "single-header";
  layout.header_records = single ? 1 : 3;
  for (std::size_t c = 0; c < r1.size(); ++c) {
    ExportColumn column;
    column.index = c;
    column.header = r1[c];
    column.code = single ? std::string() : import_id(cell(preview, 2, c));
    column.role = qualtrics_role(r1[c]);
    if (column.role == ColumnRole::answer && !single) {
      std::string label = cell(preview, 1, c);
      for (const std::string_view suffix : {" - Selected Choice", "-Selected Choice"}) {
        if (label.ends_with(suffix)) {
          label.resize(label.size() - suffix.size());
        }
      }
      add_text(column, label);
      add_text(column, after_last(label, modern ? " - " : "-"));
      // A slider's one statement: "Question - Statement" is the question.
      if (const std::size_t at = label.rfind(" - "); modern && at != std::string::npos) {
        add_text(column, label.substr(0, at));
      }
    }
    layout.columns.push_back(std::move(column));
  }
  drop_trailing_empty(layout);
  return layout;
}

std::optional<ExportLayout> try_read_surveymonkey(const Preview& preview)
{
  if (!row_has(preview, 0, {"Respondent ID", "RespondentID"})) {
    return std::nullopt;
  }
  if (!row_has(preview, 1, {"Response", "Open-Ended Response"})) {
    return read_surveymonkey_one_row(preview);
  }
  ExportLayout layout;
  layout.platform = Platform::surveymonkey;
  layout.header_records = 2;
  const auto& r1 = row(preview, 0);
  const std::size_t width = std::max(r1.size(), row(preview, 1).size());
  std::string question; // row 1 filled forward
  for (std::size_t c = 0; c < width; ++c) {
    ExportColumn column;
    column.index = c;
    const std::string top = cell(preview, 0, c);
    const std::string sub = cell(preview, 1, c);
    if (!top.empty()) {
      question = top;
    }
    column.header = question;
    if (is_one_of(question, {"Respondent ID", "RespondentID"})) {
      column.role = ColumnRole::respondent_id;
    } else if (is_surveymonkey_metadata(question)) {
      column.role = ColumnRole::metadata;
    } else if (sub.empty() || is_one_of(sub, {"Response", "Open-Ended Response"})) {
      add_text(column, question);
    } else {
      // A matrix row, a multi-select option or a comment prompt.
      column.header = question + " - " + sub;
      add_text(column, sub);
      add_text(column, question + " " + sub);
      if (top.empty()) {
        add_text(column, question);
      }
    }
    layout.columns.push_back(std::move(column));
  }
  return layout;
}

std::optional<ExportLayout> try_read_google_forms(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  // The Sheets export localises "Timestamp".
  if (r1.empty()
      || !is_one_of(r1[0], {"Timestamp", "Marca temporal", "Horodateur", "Zeitstempel",
                            "Informazioni cronologiche", "Carimbo de data/hora", "Tijdstempel"})) {
    return std::nullopt;
  }
  ExportLayout layout =
    layout_of_headings(Platform::google_forms, r1, [&](ExportColumn& column, std::size_t c) {
      if (c == 0 || is_one_of(r1[c], {"Email Address", "Email address", "Score"})) {
        column.role = ColumnRole::metadata;
      } else {
        add_text(column, r1[c]);
        add_text(column, bracketed(r1[c]));
      }
    });
  return layout;
}

std::optional<ExportLayout> try_read_ms_forms(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.size() < 5 || !is_one_of(r1[0], {"ID", "Id"}) || !is_one_of(r1[1], {"Start time"})
      || !is_one_of(r1[2], {"Completion time"}) || !is_one_of(r1[3], {"Email"})
      || !is_one_of(r1[4], {"Name"})) {
    return std::nullopt;
  }
  ExportLayout layout =
    layout_of_headings(Platform::ms_forms, r1, [&](ExportColumn& column, std::size_t c) {
      if (c == 0) {
        column.role = ColumnRole::respondent_id;
      } else if (c < 5 || is_one_of(r1[c], {"Last modified time", "Total points", "Quiz feedback"})
                 || r1[c].starts_with("Points - ") || r1[c].starts_with("Feedback - ")) {
        column.role = ColumnRole::metadata;
      } else {
        add_text(column, r1[c]);
        // A Likert question has one column per statement, "Title.Statement":
        // the statement after any dot that ends the title (none is followed
        // by a space, unlike the full stops of a sentence).
        const std::string& header = r1[c];
        for (std::size_t dot = header.find('.'); dot != std::string::npos;
             dot = header.find('.', dot + 1)) {
          if (dot + 1 < header.size() && header[dot + 1] != ' ' && header[dot + 1] != '.') {
            add_text(column, header.substr(dot + 1));
          }
        }
      }
    });
  return layout;
}

std::optional<ExportLayout> try_read_typeform(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.empty() || r1[0] != "#" || !row_has(preview, 0, {"Submit Date (UTC)"})) {
    return std::nullopt;
  }
  ExportLayout layout =
    layout_of_headings(Platform::typeform, r1, [&](ExportColumn& column, std::size_t c) {
      if (c == 0) {
        column.role = ColumnRole::respondent_id;
      } else if (is_one_of(r1[c], {"Response Type"})) {
        column.role = ColumnRole::response_type;
      } else if (is_one_of(r1[c], {"Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)",
                                   "Network ID", "Tags", "Ending"})) {
        column.role = ColumnRole::metadata;
      } else {
        add_text(column, r1[c]);
      }
    });
  layout.strip_apostrophe = true;
  return layout;
}

std::optional<ExportLayout> try_read_alchemer(const Preview& preview)
{
  const auto& r1 = row(preview, 0);
  if (r1.size() < 4 || !is_one_of(r1[0], {"Response ID"}) || !row_has(preview, 0, {"Status"})
      || !row_has(preview, 0, {"Time Started"}) || !row_has(preview, 0, {"Date Submitted"})) {
    return std::nullopt;
  }
  ExportLayout layout =
    layout_of_headings(Platform::alchemer, r1, [&](ExportColumn& column, std::size_t c) {
      if (c == 0) {
        column.role = ColumnRole::respondent_id;
      } else if (is_one_of(r1[c], {"Status"})) {
        column.role = ColumnRole::completion;
      } else if (is_one_of(r1[c],
                           {"Time Started", "Date Submitted", "Contact ID",   "Legacy Comments",
                            "Comments",     "Language",       "Referer",      "SessionID",
                            "User Agent",   "Tags",           "IP Address",   "Longitude",
                            "Latitude",     "Country",        "City",         "State/Region",
                            "Postal",       "Link ID",        "Link Name",    "Invite Status",
                            "Invite Link",  "Email",          "Data Quality", "Data Quality Score",
                            "Response Time"})
                 || r1[c].starts_with("Extended Referer") || r1[c].starts_with("Invite ")) {
        column.role = ColumnRole::metadata;
      } else {
        // A grid row is "Row:Question" (the row's statement first).
        add_text(column, r1[c]);
        const std::size_t colon = r1[c].find(':');
        if (colon != std::string::npos) {
          add_text(column, std::string(util::trim(std::string_view(r1[c]).substr(0, colon))));
          add_text(column, std::string(util::trim(std::string_view(r1[c]).substr(colon + 1))));
        }
      }
    });
  drop_trailing_empty(layout);
  return layout;
}

} // namespace centricity::import
