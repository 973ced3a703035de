#include <centricity/answers/bank_ref.hpp>
#include <centricity/answers/loader.hpp>
#include <centricity/answers/matcher.hpp>
#include <centricity/util/strings.hpp>
#include <centricity/util/yaml.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace centricity::answers {

namespace {

// YAML nodes in an answers file (docs/security.md): yaml-cpp keeps about
// 450 bytes a node, so this holds the tree under 200 MB (about 25,000
// respondents of ten answers; larger surveys come as exports, streamed).
constexpr std::size_t k_max_nodes = 400'000;

// Everything parsing needs from the bank, built once for all files.
class Context {
public:
  explicit Context(const bank::Questionnaire& bank)
    : m_bank(&bank)
  {
    std::unordered_map<std::string, std::size_t> scale_index;
    m_matchers.reserve(bank.scales.size());
    for (std::size_t i = 0; i < bank.scales.size(); ++i) {
      scale_index.emplace(bank.scales[i].id, i);
      m_matchers.emplace_back(bank.scales[i]);
    }
    for (std::size_t i = 0; i < bank.questions.size(); ++i) {
      const auto& question = bank.questions[i];
      m_questions.emplace(question.id, i);
      m_question_ids.push_back(question.id);
      const auto it = scale_index.find(question.scale);
      m_question_scale.push_back(it == scale_index.end() ? k_no_scale : it->second);
    }
  }

  [[nodiscard]] const bank::Questionnaire& bank() const { return *m_bank; }
  // The "did you mean" of unknown question id `id`, worked out once per id:
  // a file can repeat the same unknown ids for thousands of respondents.
  [[nodiscard]] const std::string& suggestion(const std::string& id) const
  {
    auto it = m_suggestions.find(id);
    if (it == m_suggestions.end()) {
      it = m_suggestions.emplace(id, util::did_you_mean(id, m_question_ids)).first;
    }
    return it->second;
  }
  [[nodiscard]] std::optional<std::size_t> question(const std::string& id) const
  {
    const auto it = m_questions.find(id);
    return it == m_questions.end() ? std::nullopt : std::optional(it->second);
  }
  [[nodiscard]] const std::vector<std::string>& question_ids() const { return m_question_ids; }
  // The matcher of question `index`'s scale, or nullptr for a dangling scale
  // (only possible with a bank that failed validation).
  [[nodiscard]] const OptionMatcher* matcher(std::size_t index) const
  {
    const std::size_t scale = m_question_scale[index];
    return scale == k_no_scale ? nullptr : &m_matchers[scale];
  }
  [[nodiscard]] const bank::Scale* scale(std::size_t index) const
  {
    const std::size_t scale = m_question_scale[index];
    return scale == k_no_scale ? nullptr : &m_bank->scales[scale];
  }

private:
  static constexpr std::size_t k_no_scale = static_cast<std::size_t>(-1);
  const bank::Questionnaire* m_bank;
  std::vector<OptionMatcher> m_matchers;
  std::unordered_map<std::string, std::size_t> m_questions;
  std::vector<std::string> m_question_ids;
  mutable std::unordered_map<std::string, std::string> m_suggestions;
  std::vector<std::size_t> m_question_scale;
};

// The name a respondent gets when the file does not say: the file name
// without folder and extension ("stdin" for "-").
std::string default_respondent(const std::string& file)
{
  if (file == "-") {
    return "stdin";
  }
  return std::filesystem::path(file).stem().string();
}

// Reads one answer node into `answer`; false (after adding an error) if it is
// not an answer the question's scale allows.
bool read_answer(const YAML::Node& node, const std::string& id, std::size_t question,
                 const Context& context, const std::string& file, Answer& answer,
                 util::Diagnostics& out)
{
  if (!node.IsDefined() || node.IsNull()) {
    answer = {AnswerKind::missing, 0};
    return true;
  }
  if (!node.IsScalar()) {
    out.error(util::loc_of(node, file),
              fmt::format("the answer to question '{}' must be a single value, not {}", id,
                          util::describe_type(node)));
    return false;
  }
  const OptionMatcher* matcher = context.matcher(question);
  if (matcher == nullptr) {
    out.error(util::loc_of(node, file),
              fmt::format("question '{}' has no usable scale in the bank", id));
    return false;
  }
  const auto number = util::scalar_number(node);
  const Match match = number ? matcher->match_value(*number) : matcher->match_text(node.Scalar());
  if (!match.option) {
    out.error(util::loc_of(node, file), fmt::format("question '{}': {}", id, match.error));
    return false;
  }
  const std::size_t option = *match.option;
  switch (context.scale(question)->options[option].kind) {
  case bank::OptionKind::value:
    answer.kind = AnswerKind::value;
    break;
  case bank::OptionKind::not_applicable:
    answer.kind = AnswerKind::not_applicable;
    break;
  case bank::OptionKind::dont_know:
    answer.kind = AnswerKind::dont_know;
    break;
  }
  answer.option = static_cast<std::uint16_t>(option);
  return true;
}

void read_answers(const YAML::Node& node, const Context& context, const std::string& file,
                  Response& response, bool& ok, util::Diagnostics& out)
{
  if (node.IsNull()) {
    return; // "answers:" with nothing under it: every question unanswered
  }
  if (!node.IsMap()) {
    out.error(util::loc_of(node, file),
              fmt::format("'answers' must be a mapping of question id to answer, not {}",
                          util::describe_type(node)));
    ok = false;
    return;
  }
  std::unordered_set<std::string> seen;
  for (const auto& entry : node) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      out.error(util::loc_of(key, file), "question ids must be plain names");
      ok = false;
      continue;
    }
    const std::string& id = key.Scalar();
    if (!seen.insert(id).second) {
      out.error(util::loc_of(key, file), fmt::format("question '{}' is answered twice", id));
      ok = false;
      continue;
    }
    const auto question = context.question(id);
    if (!question) {
      out.error(util::loc_of(key, file),
                fmt::format("unknown question '{}'{}", id, context.suggestion(id)));
      ok = false;
      continue;
    }
    if (!read_answer(entry.second, id, *question, context, file, response.answers[*question],
                     out)) {
      ok = false;
    }
  }
}

// Parses one respondent mapping; appends it to `out.responses` if it has no
// errors.
void read_respondent(const YAML::Node& node, std::string default_id, const Context& context,
                     const std::string& file, AnswersResult& out)
{
  util::Diagnostics& diagnostics = out.diagnostics;
  if (!node.IsMap()) {
    diagnostics.error(util::loc_of(node, file),
                      fmt::format("a respondent must be a mapping with 'answers', not {}",
                                  util::describe_type(node)));
    return;
  }
  Response response;
  response.respondent = std::move(default_id);
  response.answers.assign(context.bank().questions.size(), Answer{});
  response.loc = util::loc_of(node, file);
  bool ok = true;
  bool has_answers = false;
  std::unordered_set<std::string> seen;
  for (const auto& entry : node) {
    const YAML::Node& key = entry.first;
    const YAML::Node& value = entry.second;
    if (!key.IsScalar()) {
      diagnostics.error(util::loc_of(key, file), "respondent keys must be plain names");
      ok = false;
      continue;
    }
    const std::string& name = key.Scalar();
    if (!seen.insert(name).second) {
      diagnostics.error(util::loc_of(key, file),
                        fmt::format("duplicate key '{}' in respondent", name));
      ok = false;
      continue;
    }
    if (name == "answers") {
      has_answers = true;
      read_answers(value, context, file, response, ok, diagnostics);
      continue;
    }
    if (name == "bank") {
      // The bank the answers were given on: data, not a group field.
      const auto ref = parse_bank_ref(value, file, diagnostics);
      if (!ref) {
        ok = false;
      } else if (ref->id != context.bank().id) {
        diagnostics.error(ref->loc, fmt::format("answered on bank '{}', not on bank '{}'", ref->id,
                                                context.bank().id));
        ok = false;
      }
      continue;
    }
    if (!value.IsScalar()) {
      std::string hint;
      if (value.IsMap() && util::closest_match(name, {"answers"})) {
        hint = ", did you mean 'answers'?";
      }
      diagnostics.error(util::loc_of(value.IsNull() ? key : value, file),
                        fmt::format("respondent field '{}' must be a single value, not {}{}", name,
                                    util::describe_type(value), hint));
      ok = false;
      continue;
    }
    if (context.question(name)) {
      diagnostics.error(util::loc_of(key, file),
                        fmt::format("'{}' is a question: put answers under 'answers:'", name));
      ok = false;
      continue;
    }
    if (name == "respondent") {
      response.respondent = value.Scalar();
    } else {
      response.fields.push_back({name, value.Scalar()});
    }
  }
  if (!has_answers && ok) {
    diagnostics.error(response.loc, "missing required field 'answers'");
    ok = false;
  }
  if (ok) {
    out.responses.push_back(std::move(response));
  }
}

void parse_with(std::string_view text, const std::string& file, const Context& context,
                AnswersResult& out)
{
  out.sources.add(file, std::string(text));
  const auto root = util::parse_yaml(text, file, out.diagnostics, k_max_nodes);
  if (!root) {
    return;
  }
  const std::string stem = default_respondent(file);
  if (root->IsSequence()) {
    std::size_t index = 0;
    for (const auto& item : *root) {
      ++index;
      read_respondent(item, fmt::format("{}#{}", stem, index), context, file, out);
    }
    return;
  }
  if (!root->IsMap()) {
    out.diagnostics.error(util::loc_of(*root, file),
                          fmt::format("an answers file must be a mapping or a list of "
                                      "mappings, not {}",
                                      util::describe_type(*root)));
    return;
  }
  read_respondent(*root, stem, context, file, out);
}

} // namespace

void parse_answers(std::string_view text, const std::string& file, const bank::Questionnaire& bank,
                   AnswersResult& out)
{
  parse_with(text, file, Context(bank), out);
}

std::vector<AnswersText> read_answers_files(const std::vector<std::string>& paths,
                                            const util::FileReader* reader)
{
  const util::DiskFileReader disk;
  if (reader == nullptr) {
    reader = &disk;
  }
  std::vector<AnswersText> files;
  for (const auto& path : paths) {
    AnswersText file;
    file.path = path;
    if (path == "-") {
      file.text.emplace(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
      file.text = reader->read(path, file.error, k_max_answers_bytes);
    }
    files.push_back(std::move(file));
  }
  return files;
}

AnswersResult load_answers(const std::vector<std::string>& paths, const bank::Questionnaire& bank,
                           const util::FileReader* reader)
{
  return parse_answers_files(read_answers_files(paths, reader), bank);
}

AnswersResult parse_answers_files(const std::vector<AnswersText>& files,
                                  const bank::Questionnaire& bank)
{
  const Context context(bank);
  AnswersResult out;
  for (const auto& file : files) {
    if (!file.text) {
      out.diagnostics.error({file.path, 0, 0}, fmt::format("cannot read answers: {}", file.error));
      continue;
    }
    parse_with(*file.text, file.path, context, out);
  }
  // The same respondent twice would be counted twice: refuse it.
  std::map<std::string, util::SourceLoc> first_seen;
  for (const auto& response : out.responses) {
    const auto [it, inserted] = first_seen.emplace(response.respondent, response.loc);
    if (!inserted) {
      const auto& first = it->second;
      out.diagnostics.error(response.loc,
                            fmt::format("respondent '{}' appears twice (first at {}:{}:{})",
                                        response.respondent, first.file, first.line, first.column));
    }
  }
  return out;
}

} // namespace centricity::answers
