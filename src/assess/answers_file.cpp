#include <centricity/answers/loader.hpp>
#include <centricity/assess/answers_file.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/file_reader.hpp>
#include <centricity/util/strings.hpp>
#include <centricity/util/yaml.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace centricity::assess {

namespace {

// `text` as a YAML double-quoted scalar: always quoted, so a name such as
// "no", "~" or "1e3" stays a string.
std::string quoted(std::string_view text)
{
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

// `text` on one line for a comment: control characters become spaces.
std::string comment_text(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      c = ' ';
    }
  }
  return out;
}

// Ids are [A-Za-z0-9][A-Za-z0-9._-]* (the bank loader checks), but some of
// those are YAML keywords that would not read back as the string.
std::string key(const std::string& id)
{
  static const std::array<const char*, 11> k_keywords = {"null", "true", "false", "yes", "no", "on",
                                                         "off",  "y",    "n",     "nan", "inf"};
  const std::string lower = util::to_lower(id);
  const bool keyword = std::any_of(k_keywords.begin(), k_keywords.end(),
                                   [&](const char* word) { return lower == word; });
  return keyword ? quoted(id) : id;
}

const bank::Scale* scale_of(const bank::Questionnaire& bank, const bank::Question& question)
{
  for (const auto& scale : bank.scales) {
    if (scale.id == question.scale) {
      return &scale;
    }
  }
  return nullptr;
}

} // namespace

std::string format_answers(const bank::Questionnaire& bank, const answers::Response& response,
                           const std::vector<bool>& seen, const std::string& bank_path,
                           const std::string& path)
{
  const std::string file_word = comment_text(path.empty() ? "THIS-FILE" : path);
  std::string out;
  out += fmt::format("# centricity answers for \"{}\"\n", comment_text(bank.title));
  out += "# Saved by 'centricity assess' after every answer; continue with\n";
  out += fmt::format("#   centricity assess --answers {} --resume\n", file_word);
  out += "# or edit it and score it with\n";
  out += fmt::format("#   centricity score {}\n", file_word);
  out += "# A question set to ~ was skipped; questions not listed were not reached yet.\n";
  // The bank as data, so --resume and score find it without --bank.
  out += fmt::format("bank:\n  id: {}\n  version: {}\n", key(bank.id), quoted(bank.version));
  if (!bank_path.empty()) {
    out += fmt::format("  path: {}\n", quoted(bank_path));
  }
  if (!response.respondent.empty()) {
    out += fmt::format("respondent: {}\n", quoted(response.respondent));
  }
  for (const auto& field : response.fields) {
    out += fmt::format("{}: {}\n", key(field.name), quoted(field.value));
  }
  out += "answers:\n";
  std::string section;
  for (std::size_t q = 0; q < bank.questions.size() && q < response.answers.size(); ++q) {
    const answers::Answer& answer = response.answers[q];
    const bool listed = answer.kind != answers::AnswerKind::missing || (q < seen.size() && seen[q]);
    if (!listed) {
      continue;
    }
    const bank::Question& question = bank.questions[q];
    if (question.dimension != section) {
      section = question.dimension;
      const bank::Dimension* dimension = bank.find_dimension(section);
      out += fmt::format("  # {}\n", comment_text(dimension ? dimension->title : section));
    }
    const bank::Scale* scale = scale_of(bank, question);
    if (answer.kind == answers::AnswerKind::missing || scale == nullptr
        || answer.option >= scale->options.size()) {
      out += fmt::format("  {}: ~\n", key(question.id));
      continue;
    }
    const bank::ScaleOption& option = scale->options[answer.option];
    if (option.kind == bank::OptionKind::value) {
      // The value, not the label: it survives a translated bank.
      out += fmt::format("  {}: {}  # {}\n", key(question.id), util::format_number(option.value),
                         comment_text(option.label));
    } else {
      out += fmt::format("  {}: {}\n", key(question.id), quoted(option.label));
    }
  }
  // An empty mapping reads back as "no answers yet", not as a null field.
  if (out.ends_with("answers:\n")) {
    out.insert(out.size() - 1, " {}");
  }
  return out;
}

void save_answers(const std::string& path, const bank::Questionnaire& bank,
                  const answers::Response& response, const std::vector<bool>& seen,
                  const std::string& bank_path)
{
  util::write_file_atomic(path, format_answers(bank, response, seen, bank_path, path));
}

SavedAnswers parse_saved_answers(std::string_view text, const std::string& path,
                                 const bank::Questionnaire& bank)
{
  answers::AnswersResult parsed;
  answers::parse_answers(text, path, bank, parsed);
  if (parsed.diagnostics.has_errors()) {
    std::string message = fmt::format("cannot resume from '{}':\n", path);
    for (const auto& diagnostic : parsed.diagnostics.all()) {
      message += util::format_diagnostic(diagnostic, parsed.sources);
    }
    message += "fix the file, or start afresh with another --answers file";
    throw Error(message, ExitCode::data);
  }
  if (parsed.responses.size() != 1) {
    throw Error(fmt::format("cannot resume from '{}': it holds {} respondents, not one", path,
                            parsed.responses.size()),
                ExitCode::data);
  }
  SavedAnswers out;
  out.response = std::move(parsed.responses.front());
  out.seen.assign(bank.questions.size(), false);
  // parse_answers() has no notion of "listed but skipped" (both are
  // missing), so read which keys the file lists. It parsed cleanly above.
  util::Diagnostics ignored;
  const auto root = util::parse_yaml(text, path, ignored, 1'000'000);
  if (root && root->IsMap()) {
    const YAML::Node& map = *root; // const: look-ups must not add keys
    // Without a respondent key the loader names the respondent after the
    // file; keep it unnamed so saving does not add a name nobody gave.
    if (!map["respondent"].IsDefined()) {
      out.response.respondent.clear();
    }
    const YAML::Node listed = map["answers"];
    if (listed.IsMap()) {
      for (const auto& entry : listed) {
        for (std::size_t q = 0; q < bank.questions.size(); ++q) {
          if (bank.questions[q].id == entry.first.Scalar()) {
            out.seen[q] = true;
            break;
          }
        }
      }
    }
  }
  return out;
}

SavedAnswers load_saved_answers(const std::string& path, const bank::Questionnaire& bank)
{
  const util::DiskFileReader reader;
  std::string error;
  const auto text = reader.read(path, error, answers::k_max_answers_bytes);
  if (!text) {
    throw Error(fmt::format("cannot resume from '{}': {}", path, error), ExitCode::data);
  }
  return parse_saved_answers(*text, path, bank);
}

} // namespace centricity::assess
