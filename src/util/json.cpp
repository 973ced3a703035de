#include <centricity/util/diagnostics.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/json.hpp>

#include <fmt/format.h>

#include <iterator>
#include <memory>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace centricity::util {

namespace {

// An iterator over the text that tells where nlohmann's lexer is: the SAX
// events carry no position, and a depth or value limit should be reported
// at the bracket or value that crossed it.
class TrackingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* at, const char** where)
    : m_at(at)
    , m_where(where)
  {
  }
  reference operator*() const { return *m_at; }
  TrackingIterator& operator++()
  {
    *m_where = ++m_at;
    return *this;
  }
  TrackingIterator operator++(int)
  {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackingIterator& other) const { return m_at == other.m_at; }
  bool operator!=(const TrackingIterator& other) const { return m_at != other.m_at; }

private:
  const char* m_at = nullptr;
  const char** m_where = nullptr;
};

// A limit crossed inside a SAX callback; turned into a JsonError with the
// lexer's position by the caller.
struct LimitHit {
  std::string reason;
};

// Objects with more keys than this get a hash index of their keys, so an
// ordered_json object (a vector of pairs, searched linearly by nlohmann's
// own builder) costs no quadratic time whatever its size.
constexpr std::size_t k_indexed_object = 16;

// Builds the document from nlohmann's SAX events with an explicit stack,
// counting depth and values as they come. Duplicate keys: the last wins, as
// with nlohmann's own parser.
template <typename Json>
class Builder {
public:
  using number_integer_t = typename Json::number_integer_t;
  using number_unsigned_t = typename Json::number_unsigned_t;
  using number_float_t = typename Json::number_float_t;
  using string_t = typename Json::string_t;
  using binary_t = typename Json::binary_t;

  explicit Builder(const JsonLimits& limits)
    : m_limits(limits)
  {
  }

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(number_unsigned_t value) { return add(Json(value)); }
  bool number_float(number_float_t value, const string_t& /*text*/) { return add(Json(value)); }
  bool string(string_t& value) { return add(Json(std::move(value))); }
  // JSON text has no binary values; the SAX interface needs the method.
  bool binary(binary_t& /*value*/) { return add(Json(nullptr)); }

  bool start_object(std::size_t /*size*/) { return open(Json::object()); }
  bool key(string_t& name)
  {
    m_key = std::move(name);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*size*/) { return open(Json::array()); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& error)
  {
    m_error = error.what();
    // A number too large (out_of_range) is placed at its first digit; a
    // syntax error at the byte that broke it.
    m_error_position = position;
    if (dynamic_cast<const nlohmann::detail::out_of_range*>(&error) != nullptr
        && last_token.size() < position) {
      m_error_position = position - last_token.size() + 1;
    }
    return false;
  }

  [[nodiscard]] const std::string& error() const { return m_error; }
  [[nodiscard]] std::size_t error_position() const { return m_error_position; }
  Json& root() { return m_root; }

private:
  struct Frame {
    Json* container;
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> index; // ordered objects
  };

  void count()
  {
    if (++m_values > m_limits.max_values) {
      throw LimitHit{
        fmt::format("more than {} JSON values (the limit for one document)", m_limits.max_values)};
    }
  }

  // Puts `value` where the document is at and returns where it went.
  Json* place(Json&& value)
  {
    if (m_stack.empty()) {
      m_root = std::move(value);
      return &m_root;
    }
    Frame& frame = m_stack.back();
    Json& container = *frame.container;
    if (container.is_array()) {
      auto& array = container.template get_ref<typename Json::array_t&>();
      array.push_back(std::move(value));
      return &array.back();
    }
    auto& object = container.template get_ref<typename Json::object_t&>();
    if constexpr (std::is_same_v<Json, nlohmann::ordered_json>) {
      // A vector of pairs: look the key up in an index once it is long.
      if (frame.index) {
        const auto [it, inserted] = frame.index->emplace(m_key, object.size());
        if (!inserted) {
          Json& slot = (object.begin() + static_cast<std::ptrdiff_t>(it->second))->second;
          slot = std::move(value);
          return &slot;
        }
        object.emplace_back(std::move(m_key), std::move(value));
        return &object.back().second;
      }
      for (auto& entry : object) {
        if (entry.first == m_key) {
          entry.second = std::move(value);
          return &entry.second;
        }
      }
      object.emplace_back(std::move(m_key), std::move(value));
      if (object.size() > k_indexed_object) {
        frame.index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
        std::size_t i = 0;
        for (const auto& entry : object) {
          frame.index->emplace(entry.first, i++);
        }
      }
      return &object.back().second;
    } else {
      Json& slot = object[m_key];
      slot = std::move(value);
      return &slot;
    }
  }

  bool add(Json&& value)
  {
    count();
    place(std::move(value));
    return true;
  }

  bool open(Json&& container)
  {
    count();
    if (m_stack.size() >= m_limits.max_depth) {
      throw LimitHit{
        fmt::format("JSON nested more than {} levels deep (the depth limit)", m_limits.max_depth)};
    }
    Json* at = place(std::move(container));
    m_stack.push_back({at, nullptr});
    return true;
  }

  bool close()
  {
    m_stack.pop_back();
    return true;
  }

  const JsonLimits& m_limits;
  Json m_root;
  std::vector<Frame> m_stack;
  string_t m_key;
  std::size_t m_values = 0;
  std::string m_error;
  std::size_t m_error_position = 0;
};

// nlohmann's message without its "[json.exception.parse_error.101] parse
// error at line 1, column 7: " prefix (we give the position ourselves), cut
// to 200 bytes: a number literal can be megabytes long.
std::string reason_of(std::string what)
{
  const std::size_t column = what.find(", column ");
  const std::size_t bracket = what.find("] ");
  if (column != std::string::npos && what.find(": ", column) != std::string::npos) {
    what.erase(0, what.find(": ", column) + 2);
  } else if (bracket != std::string::npos) {
    what.erase(0, bracket + 2);
  }
  if (what.size() > 200) {
    what.resize(200);
    what += "...";
  }
  return what;
}

template <typename Json>
Json parse(std::string_view text, const JsonLimits& limits)
{
  Builder<Json> builder(limits);
  const char* where = text.data();
  const TrackingIterator begin(text.data(), &where);
  const TrackingIterator end(text.data() + text.size(), &where);
  bool ok = false;
  try {
    ok = Json::sax_parse(begin, end, &builder);
  } catch (const LimitHit& hit) {
    // The lexer has read the bracket or the value that crossed the limit.
    const auto offset = static_cast<std::size_t>(where - text.data());
    throw JsonError(hit.reason, offset > 0 ? offset - 1 : 0);
  }
  if (!ok) {
    const std::size_t position = builder.error_position();
    throw JsonError("invalid JSON: " + reason_of(builder.error()), position > 0 ? position - 1 : 0);
  }
  return std::move(builder.root());
}

} // namespace

nlohmann::json parse_json(std::string_view text, const JsonLimits& limits)
{
  return parse<nlohmann::json>(text, limits);
}

nlohmann::ordered_json parse_ordered_json(std::string_view text, const JsonLimits& limits)
{
  return parse<nlohmann::ordered_json>(text, limits);
}

nlohmann::ordered_json read_json_file(std::string_view text, const std::string& file,
                                      const JsonLimits& limits)
{
  try {
    return parse_ordered_json(text, limits);
  } catch (const JsonError& e) {
    const SourceLoc at = locate(file, text, e.offset());
    throw Error(fmt::format("{}:{}:{}: {}", at.file, at.line, at.column, e.what()));
  }
}

} // namespace centricity::util
