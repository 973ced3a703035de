#include <centricity/util/strings.hpp>
#include <centricity/util/yaml.hpp>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
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

// Calls `visit` on the nodes below `root` as a reader sees them, following
// aliases every time they are used, depth first, until `visit` returns false
// or `limit` nodes have been visited; returns how many were. Uses an explicit
// stack: the depth of the tree is bounded by yaml-cpp's parser, but there is
// no need to recurse.
template <typename Visit>
std::size_t walk_nodes(const YAML::Node& root, std::size_t limit, Visit visit)
{
  std::vector<YAML::Node> stack{root};
  std::size_t visited = 0;
  while (!stack.empty() && visited < limit) {
    const YAML::Node node = stack.back();
    stack.pop_back();
    ++visited;
    if (!visit(node)) {
      break;
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
  return visited;
}

// Whether the document holds at most `budget` nodes, counted as a reader
// would see them. Stops as soon as `budget` is exceeded, so a billion-laughs
// document costs at most `budget` steps.
bool within_budget(const YAML::Node& root, std::size_t budget)
{
  return walk_nodes(root, budget + 1, [](const YAML::Node&) { return true; }) <= budget;
}

// The end of the quoted scalar opening at `open` (the quote itself), or
// npos when it is never closed: '' escapes a single quote, a backslash the
// next character in double quotes.
std::size_t closing_quote(std::string_view text, std::size_t open)
{
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i;
    }
  }
  return std::string_view::npos;
}

// The offset of a quoted scalar that yaml-cpp 0.7 closed at the end of the
// file (it accepts "title: 'text" followed by a line break and EOF), if any:
// every quoted scalar's opening quote is checked for a closing one.
std::optional<std::size_t> unclosed_quote(std::string_view text, const YAML::Node& root)
{
  std::optional<std::size_t> found;
  walk_nodes(root, 999'999, [&](const YAML::Node& node) {
    if (!node.IsScalar() || node.Mark().pos < 0) {
      return true;
    }
    const auto pos = static_cast<std::size_t>(node.Mark().pos);
    if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')
        && closing_quote(text, pos) == std::string_view::npos) {
      found = pos;
      return false;
    }
    return true;
  });
  return found;
}

// A lower bound of the nodes in the flow collections of `text` ([...] and
// {...}): one per opening bracket and one per comma, which in flow context
// always separates entries. yaml-cpp scans a whole line of flow tokens
// before its first event (a one-line JSON document of 63 MB took 2 GB and
// 10 s), so a document over the budget this way is refused before it.
std::size_t flow_nodes(std::string_view text)
{
  std::size_t nodes = 0;
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
      const std::size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end;
    } else if (c == '"' || (c == '\'' && depth > 0)) {
      const std::size_t end = closing_quote(text, i);
      i = end == std::string_view::npos ? text.size() : end;
    } else if (c == '[' || c == '{') {
      ++depth;
      ++nodes;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth > 0) {
      ++nodes;
    }
  }
  return nodes;
}

// Thrown by the counting handler to stop the event parser.
struct BudgetExceeded {
  bool aliases = false;
};

// yaml-cpp events, counted as they come: the node budget (aliases counted
// with everything they stand for) is checked while the text is parsed, so a
// 16 MiB flow list stops at its 250,001st entry instead of being built whole
// first (4.4 GB, 251 s). Also remembers the last quoted scalar, to explain a
// syntax error caused by a missing closing quote.
class CountingHandler : public YAML::EventHandler {
public:
  explicit CountingHandler(std::size_t budget)
    : m_budget(budget)
  {
  }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override { leaf(anchor); }
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override
  {
    const auto it = m_sizes.find(anchor);
    // An alias to an anchor still open refers to itself: endless.
    const std::size_t size = it == m_sizes.end() ? m_budget + 1 : it->second;
    m_aliases = true;
    add(size);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                const std::string& /*value*/) override
  {
    m_last_scalar = mark;
    leaf(anchor);
  }
  void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/,
                       YAML::anchor_t anchor, YAML::EmitterStyle::value /*style*/) override
  {
    open(anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override
  {
    open(anchor);
  }
  void OnMapEnd() override { close(); }

  [[nodiscard]] const YAML::Mark& last_scalar() const { return m_last_scalar; }

private:
  void add(std::size_t nodes)
  {
    m_count += std::min(nodes, m_budget + 1);
    if (m_count > m_budget) {
      throw BudgetExceeded{m_aliases};
    }
  }
  void leaf(YAML::anchor_t anchor)
  {
    add(1);
    if (anchor != YAML::NullAnchor) {
      m_sizes[anchor] = 1;
    }
  }
  void open(YAML::anchor_t anchor)
  {
    add(1);
    m_open.emplace_back(anchor, m_count - 1);
  }
  void close()
  {
    const auto [anchor, start] = m_open.back();
    m_open.pop_back();
    if (anchor != YAML::NullAnchor) {
      m_sizes[anchor] = m_count - start;
    }
  }

  std::size_t m_budget;
  std::size_t m_count = 0;
  bool m_aliases = false;
  std::vector<std::pair<YAML::anchor_t, std::size_t>> m_open;
  std::map<YAML::anchor_t, std::size_t> m_sizes;
  YAML::Mark m_last_scalar = YAML::Mark::null_mark();
};

std::size_t line_count(std::string_view text, std::size_t from, std::size_t to)
{
  return static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(from),
                                             text.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
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
  if (flow_nodes(text) > max_nodes) {
    out.error({file, 0, 0},
              fmt::format("the document has more than {} nodes (keys, values and list items; "
                          "the node limit for this kind of file)",
                          max_nodes));
    return std::nullopt;
  }
  // YAML ends lines with LF, CR LF or a bare CR (classic Mac); yaml-cpp knows
  // only the first two and read a CR-only bank as one long line (a first
  // comment line made it "empty"). A bare CR becomes an LF: same offsets,
  // and SourceMap counts lines the same way.
  std::string normal(text);
  for (std::size_t i = 0; i < normal.size(); ++i) {
    if (normal[i] == '\r' && (i + 1 == normal.size() || normal[i + 1] != '\n')) {
      normal[i] = '\n';
    }
  }
  // First pass: events only, nothing built, stopped at the node budget.
  CountingHandler counter(max_nodes);
  try {
    std::istringstream stream(normal);
    YAML::Parser parser(stream);
    parser.HandleNextDocument(counter);
  } catch (const BudgetExceeded& hit) {
    out.error({file, 0, 0},
              hit.aliases
                ? fmt::format("the document expands to more than {} nodes when its aliases are "
                              "followed (the node limit for this kind of file)",
                              max_nodes)
                : fmt::format("the document has more than {} nodes (keys, values and list items; "
                              "the node limit for this kind of file)",
                              max_nodes));
    return std::nullopt;
  } catch (const YAML::DeepRecursion& e) {
    out.error(loc_at(e.mark, file), "nesting is too deep (more than 500 levels)");
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    // A quoted string that ran over lines just before the error most likely
    // lacks its closing quote: say so, at the opening quote.
    const YAML::Mark& quoted = counter.last_scalar();
    if (quoted.pos >= 0 && static_cast<std::size_t>(quoted.pos) < normal.size()
        && (normal[static_cast<std::size_t>(quoted.pos)] == '"'
            || normal[static_cast<std::size_t>(quoted.pos)] == '\'')) {
      const auto open = static_cast<std::size_t>(quoted.pos);
      const std::size_t close = closing_quote(normal, open);
      if (close != std::string_view::npos && line_count(normal, open, close) > 0 && e.mark.pos >= 0
          && static_cast<std::size_t>(e.mark.pos) >= close) {
        out.error(loc_at(quoted, file),
                  fmt::format("unclosed quote? the {} string that starts here runs on to line {}, "
                              "where the document breaks ({})",
                              normal[open] == '"' ? "double-quoted" : "single-quoted",
                              quoted.line + 1 + static_cast<int>(line_count(normal, open, close)),
                              e.msg));
        return std::nullopt;
      }
    }
    out.error(loc_at(e.mark, file), fmt::format("syntax error: {}", e.msg));
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(normal);
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
              fmt::format("the document expands to more than {} nodes when its aliases are "
                          "followed (the node limit for this kind of file)",
                          max_nodes));
    return std::nullopt;
  }
  if (const auto unclosed = unclosed_quote(normal, root)) {
    out.error(loc_of_offset(normal, *unclosed, file),
              fmt::format("unclosed quote: the {} string that starts here has no closing {}",
                          normal[*unclosed] == '"' ? "double-quoted" : "single-quoted",
                          normal[*unclosed]));
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
