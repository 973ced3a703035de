#include "json_table.hpp"

#include <centricity/util/diagnostics.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/json.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string_view>
#include <utility>

namespace centricity::import::detail {

namespace {

// The text of a cell: strings as they are, numbers as written, lists joined
// with ";", other values as JSON.
std::string cell_text(const nlohmann::json& v)
{
  std::string text_value;
  if (v.is_string()) {
    text_value = v.get<std::string>();
  } else if (v.is_number_integer() || v.is_number_unsigned()) {
    text_value = v.dump();
  } else if (v.is_number_float()) {
    text_value = util::format_number(v.get<double>());
  } else if (v.is_boolean()) {
    text_value = v.get<bool>() ? "true" : "false";
  } else if (v.is_array()) {
    for (const auto& element : v) {
      text_value += text_value.empty() ? "" : ";";
      text_value += element.is_string() ? element.get<std::string>() : element.dump();
    }
  } else if (!v.is_null()) {
    text_value = v.dump();
  }
  return text_value;
}

// Calls `visit(column, value)` for every answer of `record`, in key order;
// matrix answers flatten to "question.row".
template <typename Visit>
void columns_of(const nlohmann::json& record, Visit&& visit)
{
  for (const auto& [key, value] : record.items()) {
    if (value.is_object()) {
      for (const auto& [row, cell] : value.items()) {
        visit(key + "." + row, cell);
      }
    } else {
      visit(key, value);
    }
  }
}

} // namespace

bool is_json_lines(std::string_view text, std::optional<Platform> from)
{
  const std::size_t first_end = text.find('\n');
  const std::string_view first_line = text.substr(0, first_end);
  return from == Platform::jsonl
         || (util::trim(first_line).starts_with("{") && nlohmann::json::accept(first_line)
             && first_end != std::string_view::npos);
}

void read_json_rows(const std::string& path, const std::string& text, std::optional<Platform> from,
                    const JsonRowSink& sink)
{
  // Parses `piece`, which starts `offset` bytes into `whole`, whose first
  // line is `first_line`; errors name the file, line and column.
  const auto parse = [&](std::string_view piece, std::string_view whole, std::size_t offset,
                         std::uint64_t first_line) {
    try {
      return util::parse_json(piece, {});
    } catch (const util::JsonError& e) {
      // A syntax error, a number too large for a double, or a limit of
      // util::JsonLimits (depth, values), at the byte where it was found.
      const util::SourceLoc at = util::locate(path, whole, offset + e.offset(), '\n', first_line);
      throw Error(fmt::format("{}:{}:{}: {}", at.file, at.line, at.column, e.what()));
    }
  };
  // Columns: every key of every response in first-seen order.
  std::vector<std::string> keys;
  std::map<std::string, std::size_t, std::less<>> key_index;
  const auto learn = [&](const nlohmann::json& record) {
    columns_of(record, [&](const std::string& name, const nlohmann::json& /*value*/) {
      if (key_index.emplace(name, keys.size()).second) {
        keys.push_back(name);
      }
    });
  };
  std::vector<std::string> row;
  std::vector<std::string_view> cells;
  const auto hand_on = [&](const std::vector<std::string>& texts) {
    cells.assign(texts.begin(), texts.end());
    sink(cells);
  };
  const auto emit = [&](const nlohmann::json& record) {
    row.assign(keys.size(), std::string());
    columns_of(record, [&](const std::string& name, const nlohmann::json& value) {
      row[key_index.find(name)->second] = cell_text(value);
    });
    hand_on(row);
  };
  if (is_json_lines(text, from)) {
    // Every non-empty line one object, parsed on its own, twice: first to
    // find the columns (any key of any line), then to hand the rows on, so
    // memory holds one line's values rather than the file's.
    const auto each_line = [&](const auto& take) {
      std::uint64_t line = 0;
      std::size_t pos = 0;
      while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) {
          end = text.size();
        }
        ++line;
        const std::string_view whole = std::string_view(text).substr(pos, end - pos);
        const std::string_view piece = util::trim(whole);
        if (!piece.empty()) {
          take(parse(piece, whole, static_cast<std::size_t>(piece.data() - whole.data()), line),
               line);
        }
        pos = end + 1;
      }
    };
    each_line([&](const nlohmann::json& record, std::uint64_t line) {
      if (!record.is_object()) {
        throw Error(fmt::format("{}:{}: a JSON line must be an object, not {}", path, line,
                                record.type_name()));
      }
      learn(record);
    });
    hand_on(keys);
    each_line([&](const nlohmann::json& record, std::uint64_t /*line*/) { emit(record); });
    return;
  }
  // One document, read whole.
  std::vector<nlohmann::json> records;
  nlohmann::json doc = parse(text, text, 0, 1);
  if (doc.is_object()) {
    // A single response, or {"responses": [...]} / {"data": [...]}.
    bool unwrapped = false;
    for (const char* key : {"responses", "results", "data"}) {
      if (doc.contains(key) && doc[key].is_array()) {
        doc = doc[key];
        unwrapped = true;
        break;
      }
    }
    if (!unwrapped) {
      doc = nlohmann::json::array({doc});
    }
  }
  if (!doc.is_array()) {
    throw Error(
      fmt::format("{}: expected a JSON array of responses, not {}", path, doc.type_name()));
  }
  std::uint64_t index = 0;
  for (auto& item : doc) {
    ++index;
    // SurveyJS hosts wrap responses: {"data": {...}}, {"json": {...}},
    // or keep them as JSON in a string.
    for (const char* key : {"data", "json", "results", "result"}) {
      if (item.is_object() && item.contains(key)
          && (item[key].is_object() || item[key].is_string())) {
        nlohmann::json inner = item[key];
        if (inner.is_string()) {
          const std::string encoded = inner.get<std::string>();
          try {
            inner = util::parse_json(encoded, {});
          } catch (const util::JsonError&) {
            throw Error(
              fmt::format("{}: response {}: \"{}\" holds text that is not JSON", path, index, key));
          }
        }
        if (inner.is_object()) {
          for (const char* id : {"id", "_id", "respondent"}) {
            if (item.contains(id) && !inner.contains(id)) {
              inner[id] = item[id];
            }
          }
          item = inner;
        }
        break;
      }
    }
    if (!item.is_object()) {
      throw Error(
        fmt::format("{}: response {} is {}, not an object", path, index, item.type_name()));
    }
    records.push_back(std::move(item));
  }
  for (const auto& record : records) {
    learn(record);
  }
  hand_on(keys);
  for (const auto& record : records) {
    emit(record);
  }
}

} // namespace centricity::import::detail
