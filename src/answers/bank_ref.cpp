#include <centricity/answers/bank_ref.hpp>
#include <centricity/bank/catalog.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>
#include <centricity/util/yaml.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <regex>
#include <system_error>

namespace centricity::answers {

namespace {

namespace fs = std::filesystem;

// Answers files are small; this only stops an alias bomb.
constexpr std::size_t k_max_nodes = 1'000'000;

// The scalar under `key` of mapping `node`, "" if absent; an error if it is
// not a scalar.
std::optional<std::string> scalar_field(const YAML::Node& node, const char* key,
                                        const std::string& file, util::Diagnostics& out)
{
  const YAML::Node value = node[key];
  if (!value.IsDefined() || value.IsNull()) {
    return std::string();
  }
  if (!value.IsScalar()) {
    out.error(util::loc_of(value, file), fmt::format("'bank: {}' must be a single value, not {}",
                                                     key, util::describe_type(value)));
    return std::nullopt;
  }
  return value.Scalar();
}

// The bank in the header comment `assess` wrote before the bank was data:
//   # centricity answers for "Title" (bank ID, version V)
//   # Saved by 'centricity assess' after every answer; continue with
//   #   centricity assess --bank ARG --answers FILE --resume
std::optional<BankRef> bank_from_comment(std::string_view text, const std::string& file)
{
  static const std::regex header(
    R"(^# centricity answers for ".*" \(bank (\S+), version (\S+)\)\r?$)");
  static const std::regex resume(R"(^#   centricity assess --bank (\S+) --answers )");
  const std::size_t end = std::min(text.find('\n'), text.size());
  const std::string first(text.substr(0, end));
  std::smatch match;
  if (!std::regex_match(first, match, header)) {
    return std::nullopt;
  }
  BankRef ref;
  ref.id = match[1];
  ref.version = match[2];
  ref.answers = file;
  ref.loc = {file, 1, 1};
  ref.from_comment = true;
  // The --bank argument of the resume line: a path as typed, or the id.
  const std::size_t third = text.find("\n#   centricity assess --bank ");
  if (third != std::string_view::npos && third < 400) {
    const std::size_t line_end = std::min(text.find('\n', third + 1), text.size());
    const std::string line(text.substr(third + 1, line_end - third - 1));
    if (std::regex_search(line, match, resume) && match[1] != ref.id) {
      ref.path = match[1];
    }
  }
  return ref;
}

std::string answers_folder(const std::string& answers)
{
  if (answers == "-") {
    return ".";
  }
  const fs::path parent = fs::path(answers).parent_path();
  return parent.empty() ? "." : parent.string();
}

std::string describe(const BankRef& ref)
{
  return ref.version.empty() ? fmt::format("bank '{}'", ref.id)
                             : fmt::format("bank '{}' {}", ref.id, ref.version);
}

std::string display_name(const std::string& answers)
{
  return answers == "-" ? std::string("standard input") : fmt::format("'{}'", answers);
}

} // namespace

std::optional<BankRef> parse_bank_ref(const YAML::Node& node, const std::string& file,
                                      util::Diagnostics& out)
{
  BankRef ref;
  ref.answers = file;
  ref.loc = util::loc_of(node, file);
  if (node.IsScalar()) {
    ref.id = node.Scalar();
  } else if (node.IsMap()) {
    const std::size_t errors = out.error_count();
    util::check_keys(node, {"id", "version", "path"}, "bank", file, out);
    const auto id = scalar_field(node, "id", file, out);
    const auto version = scalar_field(node, "version", file, out);
    const auto path = scalar_field(node, "path", file, out);
    if (out.error_count() > errors || !id || !version || !path) {
      return std::nullopt;
    }
    ref.id = *id;
    ref.version = *version;
    ref.path = *path;
  } else {
    out.error(ref.loc, fmt::format("'bank' must be a mapping of id, version and path, not {}",
                                   util::describe_type(node)));
    return std::nullopt;
  }
  if (util::trim(ref.id).empty()) {
    out.error(ref.loc, "'bank' must give the bank's id");
    return std::nullopt;
  }
  return ref;
}

std::vector<BankRef> read_bank_refs(std::string_view text, const std::string& file)
{
  std::vector<BankRef> refs;
  util::Diagnostics ignored; // parse_answers() reports them, with the rest
  const auto root = util::parse_yaml(text, file, ignored, k_max_nodes);
  if (!root) {
    return refs;
  }
  const auto read = [&](const YAML::Node& respondent) {
    if (!respondent.IsMap()) {
      return false;
    }
    const YAML::Node& map = respondent; // const: look-ups must not add keys
    const YAML::Node bank = map["bank"];
    if (!bank.IsDefined()) {
      return false;
    }
    if (auto ref = parse_bank_ref(bank, file, ignored)) {
      refs.push_back(std::move(*ref));
    }
    return true;
  };
  if (root->IsSequence()) {
    for (const auto& item : *root) {
      read(item);
    }
  } else if (!read(*root) && root->IsMap()) {
    if (auto ref = bank_from_comment(text, file)) {
      refs.push_back(std::move(*ref));
    }
  }
  return refs;
}

std::string locate_bank(const BankRef& ref)
{
  std::error_code ec;
  std::vector<fs::path> tried;
  if (!ref.path.empty()) {
    const fs::path path(ref.path);
    if (path.is_absolute()) {
      tried.push_back(path);
    } else {
      tried.push_back((fs::path(answers_folder(ref.answers)) / path).lexically_normal());
      if (ref.from_comment) {
        tried.push_back(path); // typed on the command line, from the folder it ran in
      }
    }
    for (const auto& candidate : tried) {
      if (fs::is_regular_file(candidate, ec)) {
        return candidate.string();
      }
    }
  }
  for (const auto& bundled : bank::bundled_banks()) {
    if (bundled.id == ref.id) {
      return bundled.path;
    }
  }
  const std::string where =
    tried.empty()
      ? std::string("no bundled bank has that id")
      : fmt::format("'{}' does not exist and no bundled bank has that id", tried.front().string());
  throw Error(fmt::format("{} was answered on {}, which is not here ({}); give the bank's file "
                          "with --bank",
                          display_name(ref.answers), describe(ref), where),
              ExitCode::data);
}

std::string recorded_bank(const std::vector<BankRef>& refs)
{
  if (refs.empty()) {
    throw Error("--bank is required: the answers do not say which bank they answer (files "
                "written by 'centricity assess' do)",
                ExitCode::usage);
  }
  for (const auto& ref : refs) {
    if (ref.id != refs.front().id) {
      throw Error(fmt::format("the answers are on different banks: {} on '{}', {} on '{}'; score "
                              "each bank's answers apart",
                              display_name(refs.front().answers), refs.front().id,
                              display_name(ref.answers), ref.id),
                  ExitCode::usage);
    }
  }
  // Files recording the same id may name its file differently (one with a
  // path, one bundled): the first that says where it is decides.
  for (const auto& ref : refs) {
    if (!ref.path.empty()) {
      return locate_bank(ref);
    }
  }
  return locate_bank(refs.front());
}

void check_bank_refs(const bank::Questionnaire& bank, const std::vector<BankRef>& refs,
                     const std::string& given, util::Diagnostics& out)
{
  for (const auto& ref : refs) {
    if (ref.id != bank.id) {
      if (given.empty()) {
        throw Error(fmt::format("{} was answered on bank '{}', but the file it names holds bank "
                                "'{}'; give the right bank with --bank",
                                display_name(ref.answers), ref.id, bank.id),
                    ExitCode::data);
      }
      throw Error(fmt::format("--bank {} is bank '{}', but {} was answered on bank '{}'; leave "
                              "out --bank to use that one (or edit the file's 'bank:' to score "
                              "it on another bank)",
                              given, bank.id, display_name(ref.answers), ref.id),
                  ExitCode::usage);
    }
  }
  for (const auto& ref : refs) {
    if (!ref.version.empty() && ref.version != bank.version) {
      out.warning(ref.loc, fmt::format("answered on version {} of bank '{}'; scoring on version {}",
                                       ref.version, bank.id, bank.version));
    }
  }
}

std::string recorded_path(const std::string& bank_file, const std::string& answers_path)
{
  std::error_code ec;
  const fs::path bank = fs::weakly_canonical(fs::absolute(bank_file, ec), ec);
  const fs::path folder = fs::weakly_canonical(fs::absolute(answers_folder(answers_path), ec), ec);
  if (ec) {
    return bank_file;
  }
  // Relative when both live under one top folder (a project checked out
  // anywhere moves with its answers); absolute across top folders, where a
  // relative path would only spell out the way up to the root.
  const auto top = [](const fs::path& path) {
    auto it = path.begin();
    return it == path.end() || ++it == path.end() ? fs::path() : *it;
  };
  const fs::path relative = bank.lexically_relative(folder);
  if (relative.empty() || top(bank) != top(folder)) {
    return bank.string();
  }
  return relative.string();
}

} // namespace centricity::answers
