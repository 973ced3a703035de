#include <centricity/util/strings.hpp>
#include <centricity/util/yaml.hpp>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include <charconv>
#include <cmath>
#include <set>
#include <unordered_set>

namespace centricity::util {

namespace {

SourceLoc loc_at(const YAML::Mark& mark, const std::string& file)
{
  // yaml-cpp marks are 0-based; a mark of -1 means "unknown".
  if (mark.line < 0 || mark.column < 0) {
    return {file, 0, 0};
  }
  return {file, static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1};
}

// Converts a byte offset to a 1-based line and column (columns count bytes).
SourceLoc loc_of_offset(std::string_view text, std::size_t offset, const std::string& file)
{
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {file, line, offset - line_start + 1};
}

// Counts nodes as a reader would see them, following aliases every time they
// are used. Stops as soon as `budget` is exceeded, so a billion-laughs
// document costs at most `budget` steps. Uses an explicit stack: the depth of
// the tree is bounded by yaml-cpp's parser, but there is no need to recurse.
bool within_budget(const YAML::Node& root, std::size_t budget)
{
  std::vector<YAML::Node> stack{root};
  std::size_t visited = 0;
  while (!stack.empty()) {
    YAML::Node node = stack.back();
    stack.pop_back();
    if (++visited > budget) {
      return false;
    }
    if (node.IsSequence()) {
      for (const auto& child : node) {
        stack.push_back(child);
      }
    } else if (node.IsMap()) {
      for (const auto& entry : node) {
        stack.push_back(entry.first);
        stack.push_back(entry.second);
      }
    }
  }
  return true;
}

} // namespace

SourceLoc loc_of(const YAML::Node& node, const std::string& file)
{
  // A missing key's node is "invalid" and throws on Mark().
  if (!node.IsDefined()) {
    return {file, 0, 0};
  }
  return loc_at(node.Mark(), file);
}

std::optional<YAML::Node> parse_yaml(std::string_view text, const std::string& file,
                                     Diagnostics& out, std::size_t max_nodes)
{
  if (const auto bad = find_invalid_utf8(text)) {
    out.error(loc_of_offset(text, *bad, file),
              fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                          static_cast<unsigned char>(text[*bad])));
    return std::nullopt;
  }
  if (text.find('\0') != std::string_view::npos) {
    out.error(loc_of_offset(text, text.find('\0'), file), "NUL byte in a text file");
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    out.error(loc_at(e.mark, file), "nesting is too deep (more than 500 levels)");
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    out.error(loc_at(e.mark, file), fmt::format("syntax error: {}", e.msg));
    return std::nullopt;
  }
  if (!root.IsDefined() || root.IsNull()) {
    out.error({file, 0, 0}, "the file is empty");
    return std::nullopt;
  }
  if (!within_budget(root, max_nodes)) {
    out.error({file, 0, 0},
              fmt::format("the document expands to more than {} nodes (aliases used too often?)",
                          max_nodes));
    return std::nullopt;
  }
  return root;
}

void check_keys(const YAML::Node& node, const std::vector<std::string>& allowed,
                const std::string& what, const std::string& file, Diagnostics& out)
{
  std::unordered_set<std::string> seen;
  for (const auto& entry : node) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      out.error(loc_of(key, file), fmt::format("{} keys must be plain names", what));
      continue;
    }
    const std::string& name = key.Scalar();
    if (!seen.insert(name).second) {
      out.error(loc_of(key, file), fmt::format("duplicate key '{}' in {}", name, what));
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      out.error(loc_of(key, file),
                fmt::format("unknown field '{}' in {}{}", name, what, did_you_mean(name, allowed)));
    }
  }
}

std::string describe_type(const YAML::Node& node)
{
  switch (node.Type()) {
  case YAML::NodeType::Map:
    return "a mapping";
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Null:
  case YAML::NodeType::Undefined:
    return "null";
  case YAML::NodeType::Scalar:
    return scalar_number(node) ? "a number" : "a string";
  }
  return "a value";
}

std::optional<double> scalar_number(const YAML::Node& node)
{
  if (!node.IsScalar() || node.Tag() == "!") {
    return std::nullopt; // quoted scalars carry the "!" tag: "3" is text
  }
  const std::string& text = node.Scalar();
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') {
    ++begin;
  }
  const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> get_string(const YAML::Node& map, const char* key,
                                      const std::string& file, Diagnostics& out, bool required)
{
  const YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) {
    if (required) {
      out.error(loc_of(map, file), fmt::format("missing required field '{}'", key));
    }
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    out.error(loc_of(node, file),
              fmt::format("'{}' must be a string, not {}", key, describe_type(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> get_number(const YAML::Node& map, const char* key, const std::string& file,
                                 Diagnostics& out, bool required)
{
  const YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) {
    if (required) {
      out.error(loc_of(map, file), fmt::format("missing required field '{}'", key));
    }
    return std::nullopt;
  }
  const auto value = scalar_number(node);
  if (!value) {
    out.error(loc_of(node, file), fmt::format("'{}' must be a number, not {}", key,
                                              node.IsScalar() ? fmt::format("'{}'", node.Scalar())
                                                              : describe_type(node)));
  }
  return value;
}

std::optional<bool> get_bool(const YAML::Node& map, const char* key, const std::string& file,
                             Diagnostics& out)
{
  const YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) {
    return std::nullopt;
  }
  if (node.IsScalar() && node.Tag() != "!") {
    const std::string text = to_lower(node.Scalar());
    if (text == "true" || text == "yes") {
      return true;
    }
    if (text == "false" || text == "no") {
      return false;
    }
  }
  out.error(loc_of(node, file), fmt::format("'{}' must be true or false, not {}", key,
                                            node.IsScalar() ? fmt::format("'{}'", node.Scalar())
                                                            : describe_type(node)));
  return std::nullopt;
}

} // namespace centricity::util
