#include "tally.hpp"

#include "plan.hpp"

#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace centricity::import::detail {

namespace {

constexpr std::size_t k_max_duplicate_examples = 5;

std::string plural(std::uint64_t n, std::string_view one, std::string_view many)
{
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

} // namespace

void RunTally::absorb(const Tally& tally, FileReport& report, const Plan& plan)
{
  report.rows += tally.rows;
  report.scored += tally.scored;
  report.preview += tally.preview;
  report.spam += tally.spam;
  report.incomplete += tally.incomplete;
  report.filtered += tally.filtered;
  report.careless += tally.careless;
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

void RunTally::report_problems(ScoreRun& run, const bank::Questionnaire& questionnaire,
                               const ImportOptions& options)
{
  util::Diagnostics& out = run.diagnostics;
  for (const auto& file : run.files) {
    const util::SourceLoc at_file{file.path, 0, 0};
    if (file.transcoded > 0) {
      out.warning(m_first_transcoded[file.path],
                  fmt::format("{} not valid UTF-8 were read as Windows-1252",
                              plural(file.transcoded, "cell", "cells")));
    }
    if (file.preview + file.spam > 0) {
      out.note(at_file,
               fmt::format("excluded {} and {} (--include-preview, "
                           "--include-spam keep them)",
                           plural(file.preview, "preview/test response", "preview/test responses"),
                           plural(file.spam, "spam response", "spam responses")));
    }
    if (file.incomplete > 0) {
      out.note(at_file,
               fmt::format("excluded {} (--include-incomplete keeps them)",
                           plural(file.incomplete, "incomplete response", "incomplete responses")));
    }
    if (file.filtered > 0) {
      out.note(at_file, fmt::format("excluded {} by {}", plural(file.filtered, "row", "rows"),
                                    describe_row_filters(options.where)));
    }
    if (file.careless > 0) {
      out.note(at_file, fmt::format("left out {} who answered nearly everything alike or agreed "
                                    "with opposites (--exclude-careless)",
                                    plural(file.careless, "respondent", "respondents")));
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
    // A column --group-by or --where reads is no question, and needs no note.
    const auto used_by_option = [&](const std::string& header) {
      const std::string folded = util::fold_label(header);
      const auto same = [&](const std::string& name) { return util::fold_label(name) == folded; };
      return std::any_of(options.group_by.begin(), options.group_by.end(), same)
             || std::any_of(
               options.where.begin(), options.where.end(),
               [&](const std::string& spec) { return same(parse_row_filter(spec).column); });
    };
    std::size_t unmapped = 0;
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
        if (used_by_option(column.column.header)) {
          break;
        }
        ++unmapped;
        if (options.verbose) {
          out.note(at_file, fmt::format("{} matches no question; not scored", name));
        }
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
          examples += (examples.empty() ? "'" : ", '") + util::escape_invisible(e.text) + "'";
        }
        const std::string message =
          fmt::format("{}: {} matched no option of the question's scale (e.g. {}){}", name,
                      plural(column.unknown, "answer", "answers"), examples,
                      options.allow_unknown_labels ? "; counted as not answered"
                                                   : "; add them as aliases to the scale, or pass "
                                                     "--allow-unknown-labels to count them as not "
                                                     "answered");
        const util::SourceLoc where =
          column.unknown_examples.empty() ? at_file : column.unknown_examples.front().loc;
        if (options.allow_unknown_labels) {
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
    if (unmapped > 0 && !options.verbose) {
      out.note(at_file,
               fmt::format("{} not mapped to a question (metadata and open-ended); --verbose "
                           "lists them, {}",
                           plural(unmapped, "column", "columns"),
                           options.write_map_path.empty()
                             ? std::string("--write-map writes them to a mapping")
                             : fmt::format("the mapping '{}' has them", options.write_map_path)));
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

} // namespace centricity::import::detail
