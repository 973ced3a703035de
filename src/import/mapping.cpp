#include <centricity/import/mapping.hpp>
#include <centricity/util/strings.hpp>
#include <centricity/util/yaml.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>

namespace centricity::import {

namespace {

constexpr std::size_t k_max_map_nodes = 200'000;
// A truncated header ("...") matches a question text it starts, when the
// shared part is long enough to mean something.
constexpr std::size_t k_min_prefix = 30;
// LimeSurvey's abbreviated headings keep the first 15 characters.
constexpr std::size_t k_min_limesurvey_prefix = 12;

// Similarity of two normalised texts: 1 - edit distance / longer length.
double similarity(std::string_view a, std::string_view b)
{
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer == 0) {
    return 0;
  }
  const auto budget =
    static_cast<std::size_t>(std::floor(static_cast<double>(longer) * (1 - k_min_fuzzy)));
  const std::size_t shorter = std::min(a.size(), b.size());
  if (longer - shorter > budget) {
    return 0;
  }
  const std::size_t distance = util::edit_distance(a, b, budget);
  if (distance > budget) {
    return 0;
  }
  return 1 - static_cast<double>(distance) / static_cast<double>(longer);
}

bool truncated(std::string_view raw)
{
  const std::string_view t = util::trim(raw);
  return t.ends_with("...") || t.ends_with("\xE2\x80\xA6");
}

int rank(const ColumnMatch& match)
{
  switch (match.how) {
  case MatchHow::map:
    return 4;
  case MatchHow::id:
    return 3;
  case MatchHow::text:
    return 2;
  case MatchHow::fuzzy:
    return 1;
  }
  return 0;
}

// A YAML double-quoted scalar (a JSON string is one).
std::string quoted(std::string_view text)
{
  std::string out;
  util::append_json_string(out, text);
  return out;
}

// "dc-listen-calls" -> "dcListenCalls"; "q" before a leading digit.
std::string camel_code(std::string_view id)
{
  std::string out;
  bool upper = false;
  for (const char c : id) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !digit) {
      upper = !out.empty();
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  if (out.empty() || (out.front() >= '0' && out.front() <= '9')) {
    out.insert(0, "q");
  }
  return out;
}

// Five base-36 characters of the FNV-1a hash of `id`.
std::string hash_code(std::string_view id)
{
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  std::string out;
  for (int i = 0; i < 5; ++i) {
    out += "0123456789abcdefghijklmnopqrstuvwxyz"[hash % 36];
    hash /= 36;
  }
  return out;
}

} // namespace

std::vector<std::string> limesurvey_codes(const bank::Questionnaire& bank)
{
  constexpr std::size_t k_max_code = 20;
  constexpr std::size_t k_hashed_prefix = 15;
  std::vector<std::string> codes;
  std::map<std::string, int> uses;
  for (const auto& question : bank.questions) {
    codes.push_back(camel_code(question.id));
    ++uses[util::to_lower(codes.back())];
  }
  for (std::size_t q = 0; q < codes.size(); ++q) {
    if (codes[q].size() > k_max_code || uses[util::to_lower(codes[q])] > 1) {
      codes[q] = codes[q].substr(0, k_hashed_prefix) + hash_code(bank.questions[q].id);
    }
  }
  std::map<std::string, int> final_uses;
  for (const auto& code : codes) {
    ++final_uses[util::to_lower(code)];
  }
  for (auto& code : codes) {
    if (final_uses[util::to_lower(code)] > 1) {
      code.clear();
    }
  }
  return codes;
}

std::string describe_match(const ColumnMatch& match)
{
  switch (match.how) {
  case MatchHow::id:
    return "by id";
  case MatchHow::text:
    return "by text";
  case MatchHow::fuzzy:
    return fmt::format("fuzzy text match, confidence {:.2f}", match.confidence);
  case MatchHow::map:
    return "from the mapping file";
  }
  return {};
}

std::optional<ColumnMapFile> parse_map(std::string_view text, const std::string& path,
                                       const bank::Questionnaire& bank, util::Diagnostics& out)
{
  const std::size_t errors = out.error_count();
  const auto root = util::parse_yaml(text, path, out, k_max_map_nodes);
  if (!root) {
    return std::nullopt;
  }
  if (!root->IsMap()) {
    out.error(util::loc_of(*root, path),
              fmt::format("a mapping file must be a mapping with 'columns', not {}",
                          util::describe_type(*root)));
    return std::nullopt;
  }
  util::check_keys(*root, {"format", "bank", "columns"}, "mapping file", path, out);
  std::vector<std::string> ids;
  for (const auto& question : bank.questions) {
    ids.push_back(question.id);
  }
  ColumnMapFile map;
  map.path = path;
  const YAML::Node columns = (*root)["columns"];
  if (!columns.IsDefined() || !columns.IsSequence()) {
    out.error(util::loc_of(*root, path), "a mapping file needs a 'columns' list");
    return std::nullopt;
  }
  for (const auto& node : columns) {
    if (!node.IsMap()) {
      out.error(util::loc_of(node, path),
                fmt::format("a column entry must be a mapping, not {}", util::describe_type(node)));
      continue;
    }
    util::check_keys(node, {"header", "column", "question"}, "column entry", path, out);
    MapEntry entry;
    entry.loc = util::loc_of(node, path);
    if (auto header = util::get_string(node, "header", path, out, true)) {
      entry.header = *header;
    }
    if (node["column"].IsDefined()) {
      const auto number = util::get_number(node, "column", path, out, false);
      if (number && (*number < 1 || *number != std::floor(*number))) {
        out.error(util::loc_of(node["column"], path), "'column' must be a whole number from 1");
      } else if (number) {
        entry.column = static_cast<std::size_t>(*number);
      }
    }
    const YAML::Node question = node["question"];
    if (!question.IsDefined()) {
      out.error(entry.loc, "a column entry needs 'question' (a question id, or ~ to ignore it)");
    } else if (!question.IsNull()) {
      if (!question.IsScalar()) {
        out.error(util::loc_of(question, path), "'question' must be a question id or ~");
      } else if (!bank.find_question(question.Scalar())) {
        out.error(util::loc_of(question, path),
                  fmt::format("unknown question '{}'{}", question.Scalar(),
                              util::did_you_mean(question.Scalar(), ids)));
      } else {
        entry.question = question.Scalar();
      }
    }
    map.entries.push_back(std::move(entry));
  }
  if (out.error_count() > errors) {
    return std::nullopt;
  }
  return map;
}

std::vector<ColumnMatch> map_columns(const ExportLayout& layout, const bank::Questionnaire& bank,
                                     const ColumnMapFile* map)
{
  const auto& questions = bank.questions;
  std::vector<std::string> texts;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_text;
  std::map<std::string, std::size_t, std::less<>> by_id;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_folded_id;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    texts.push_back(normalize_text(questions[q].text));
    by_text[texts.back()].push_back(q);
    by_id.emplace(questions[q].id, q);
    by_folded_id[util::to_lower(questions[q].id)].push_back(q);
  }

  // LimeSurvey headings are question codes ("code", "array[code]"), which
  // publish derives from the ids: map them back exactly.
  std::map<std::string, std::size_t, std::less<>> by_code;
  if (layout.platform == Platform::limesurvey) {
    const auto codes = limesurvey_codes(bank);
    for (std::size_t q = 0; q < codes.size(); ++q) {
      if (!codes[q].empty()) {
        by_code.emplace(codes[q], q);
      }
    }
  }

  std::vector<ColumnMatch> matches(layout.columns.size());
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const ExportColumn& column = layout.columns[c];
    ColumnMatch& match = matches[c];
    if (map != nullptr) {
      const MapEntry* found = nullptr;
      for (const auto& entry : map->entries) {
        if (entry.column && *entry.column == column.index + 1
            && (entry.header.empty() || entry.header == column.header)) {
          found = &entry;
          break;
        }
        if (!entry.column && found == nullptr && entry.header == column.header) {
          found = &entry;
        }
      }
      if (found != nullptr) {
        match.how = MatchHow::map;
        match.confidence = 1;
        if (found->question) {
          match.status = MatchStatus::mapped;
          match.question = by_id.at(*found->question);
        } else {
          match.status = MatchStatus::ignored;
        }
        continue;
      }
    }
    if (column.role != ColumnRole::answer) {
      match.status = MatchStatus::metadata;
      continue;
    }
    // By id: the header or the platform's code is a question id; in a
    // LimeSurvey export also "array[code]" as Expression Manager names it,
    // "array_code", and the sub-question code alone.
    std::string em_code;
    std::string sub_code;
    if (layout.platform == Platform::limesurvey) {
      const std::string_view code = util::trim(column.code);
      if (code.ends_with(']') && code.find('[') != std::string_view::npos) {
        sub_code = code.substr(code.rfind('[') + 1, code.size() - code.rfind('[') - 2);
        for (const char ch : code) {
          if (ch != ']') {
            em_code += ch == '[' ? '_' : ch;
          }
        }
      }
    }
    for (const std::string* name :
         {&column.header, &column.code, &std::as_const(em_code), &std::as_const(sub_code)}) {
      if (name->empty()) {
        continue;
      }
      const std::string trimmed(util::trim(*name));
      if (const auto it = by_id.find(trimmed); it != by_id.end()) {
        match = {MatchStatus::mapped, it->second, MatchHow::id, 1, {}};
        break;
      }
      if (const auto it = by_folded_id.find(util::to_lower(trimmed));
          it != by_folded_id.end() && it->second.size() == 1) {
        match = {MatchStatus::mapped, it->second.front(), MatchHow::id, 1, {}};
        break;
      }
    }
    if (match.status != MatchStatus::mapped && !by_code.empty()) {
      std::string_view code = util::trim(column.code);
      if (code.ends_with(']') && code.find('[') != std::string_view::npos) {
        code = code.substr(code.rfind('[') + 1);
        code.remove_suffix(1);
      }
      if (const auto it = by_code.find(code); it != by_code.end()) {
        match = {MatchStatus::mapped, it->second, MatchHow::id, 1, {}};
      }
    }
    if (match.status == MatchStatus::mapped) {
      continue;
    }
    // By text: exactly, after normalising; a truncated header by prefix.
    std::vector<std::size_t> exact;
    for (const auto& raw : column.texts) {
      const std::string text = normalize_text(raw);
      if (text.empty()) {
        continue;
      }
      if (const auto it = by_text.find(text); it != by_text.end()) {
        exact = it->second;
        break;
      }
      if (truncated(raw)
          && text.size() >= (layout.platform == Platform::limesurvey ? k_min_limesurvey_prefix
                                                                     : k_min_prefix)) {
        for (std::size_t q = 0; q < questions.size(); ++q) {
          if (texts[q].starts_with(text)) {
            exact.push_back(q);
          }
        }
        if (!exact.empty()) {
          break;
        }
      }
    }
    if (exact.size() == 1) {
      match = {MatchStatus::mapped, exact.front(), MatchHow::text, 1, {}};
      continue;
    }
    if (exact.size() > 1) {
      match = {MatchStatus::ambiguous, std::nullopt, MatchHow::text, 1, exact};
      continue;
    }
    // Fuzzy: the best similarity over the column's wordings, if it is clearly best.
    std::vector<double> best(questions.size(), 0);
    for (const auto& raw : column.texts) {
      const std::string text = normalize_text(raw);
      if (text.size() < 8) {
        continue; // too short for a fuzzy match to mean anything
      }
      for (std::size_t q = 0; q < questions.size(); ++q) {
        best[q] = std::max(best[q], similarity(text, texts[q]));
      }
    }
    std::vector<std::size_t> order(questions.size());
    for (std::size_t q = 0; q < order.size(); ++q) {
      order[q] = q;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return best[a] > best[b]; });
    if (!order.empty() && best[order[0]] >= k_min_fuzzy) {
      std::vector<std::size_t> close;
      for (const std::size_t q : order) {
        if (best[q] >= k_min_fuzzy && best[q] > best[order[0]] - 0.03) {
          close.push_back(q);
        }
      }
      if (close.size() == 1) {
        match = {MatchStatus::mapped, order[0], MatchHow::fuzzy, best[order[0]], {}};
      } else {
        match = {MatchStatus::ambiguous, std::nullopt, MatchHow::fuzzy, best[order[0]], close};
      }
    }
  }

  // One question, one column: the strongest match keeps it; a tie leaves
  // both ambiguous so the user decides.
  std::map<std::size_t, std::vector<std::size_t>> claims;
  for (std::size_t c = 0; c < matches.size(); ++c) {
    if (matches[c].status == MatchStatus::mapped) {
      claims[*matches[c].question].push_back(c);
    }
  }
  for (const auto& [question, columns] : claims) {
    if (columns.size() < 2) {
      continue;
    }
    const auto strength = [&](std::size_t c) {
      return std::pair(rank(matches[c]), matches[c].confidence);
    };
    const auto strongest = *std::max_element(
      columns.begin(), columns.end(), [&](auto a, auto b) { return strength(a) < strength(b); });
    const auto top = strength(strongest);
    const auto ties = std::count_if(columns.begin(), columns.end(),
                                    [&](std::size_t c) { return strength(c) == top; });
    for (const std::size_t c : columns) {
      if (ties > 1 || c != strongest) {
        matches[c].rivals = {question};
        matches[c].status = ties > 1 || rank(matches[c]) == rank(matches[strongest])
                              ? MatchStatus::ambiguous
                              : MatchStatus::unmapped;
        matches[c].question.reset();
      }
    }
  }
  return matches;
}

std::string format_map(const std::vector<ExportLayout>& layouts,
                       const std::vector<std::vector<ColumnMatch>>& matches,
                       const bank::Questionnaire& bank)
{
  std::string out;
  out += "# Column mapping for `centricity score --map`. Set `question` to a question id of\n";
  out += "# the bank, or ~ to ignore the column. `column` (1-based) tells repeated headers\n";
  out += "# apart. Comments say how each column was matched.\n";
  out += "format: centricity.column-map/1\n";
  out += fmt::format("bank: {}\n", quoted(bank.id));
  out += "columns:\n";
  std::map<std::string, int> seen; // header|column already written
  std::vector<bool> mapped(bank.questions.size(), false);
  for (std::size_t l = 0; l < layouts.size(); ++l) {
    const auto& layout = layouts[l];
    std::map<std::string, int> repeats;
    for (const auto& column : layout.columns) {
      ++repeats[column.header];
    }
    for (std::size_t c = 0; c < layout.columns.size(); ++c) {
      const auto& column = layout.columns[c];
      const auto& match = matches[l][c];
      const bool pin = repeats[column.header] > 1;
      const std::string key = column.header + (pin ? fmt::format("|{}", column.index) : "");
      if (seen[key]++ > 0) {
        continue;
      }
      out += fmt::format("  - header: {}\n", quoted(column.header));
      if (pin) {
        out += fmt::format("    column: {}\n", column.index + 1);
      }
      std::string comment;
      switch (match.status) {
      case MatchStatus::mapped:
        comment = describe_match(match);
        break;
      case MatchStatus::ignored:
        comment = "ignored by the mapping file";
        break;
      case MatchStatus::ambiguous: {
        std::string ids;
        for (const auto q : match.rivals) {
          ids += (ids.empty() ? "" : ", ") + bank.questions[q].id;
        }
        comment = "AMBIGUOUS: could be " + ids;
        break;
      }
      case MatchStatus::metadata:
        comment = "platform metadata";
        break;
      default:
        comment = "unmapped";
      }
      out += fmt::format("    question: {}  # {}\n",
                         match.question ? bank.questions[*match.question].id : std::string("~"),
                         comment);
      if (match.question) {
        mapped[*match.question] = true;
      }
    }
  }
  // The ids a column marked ~ above may take.
  std::string unmatched;
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    if (!mapped[q]) {
      std::string text = bank.questions[q].text;
      std::replace(text.begin(), text.end(), '\n', ' ');
      unmatched += fmt::format("#   {}: {}\n", bank.questions[q].id, util::trim(text));
    }
  }
  if (!unmatched.empty()) {
    out += "# Questions of the bank no column is mapped to (put one of these ids in place of\n"
           "# the ~ of the column that holds its answers):\n"
           + unmatched;
  }
  return out;
}

} // namespace centricity::import
