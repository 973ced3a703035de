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

JsonTable read_json_table(const std::string& path, const std::string& text,
                          std::optional<Platform> from)
{
  std::vector<nlohmann::json> records;
  bool lines = false;
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
  // JSON lines: every non-empty line one object. Otherwise one document.
  std::size_t first_end = text.find('\n');
  const std::string_view first_line =
    std::string_view(text).substr(0, first_end == std::string::npos ? text.size() : first_end);
  if (from == Platform::jsonl
      || (util::trim(first_line).starts_with("{") && nlohmann::json::accept(first_line)
          && first_end != std::string::npos)) {
    lines = true;
    std::uint64_t line = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string::npos) {
        end = text.size();
      }
      ++line;
      const std::string_view piece = util::trim(std::string_view(text).substr(pos, end - pos));
      if (!piece.empty()) {
        records.push_back(parse(piece, std::string_view(text).substr(pos, end - pos),
                                static_cast<std::size_t>(piece.data() - (text.data() + pos)),
                                line));
        if (!records.back().is_object()) {
          throw Error(fmt::format("{}:{}: a JSON line must be an object, not {}", path, line,
                                  records.back().type_name()));
        }
        records.back()["\x01line"] = line;
      }
      pos = end + 1;
    }
  } else {
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
              throw Error(fmt::format("{}: response {}: \"{}\" holds text that is not JSON", path,
                                      index, key));
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
      item["\x01line"] = index;
      records.push_back(std::move(item));
    }
  }
  // Columns: every key in first-seen order; matrix answers flatten to "question.row".
  std::vector<std::string> keys;
  std::map<std::string, std::size_t, std::less<>> key_index;
  std::vector<std::vector<std::pair<std::string, std::string>>> flat(records.size());
  for (std::size_t r = 0; r < records.size(); ++r) {
    for (const auto& [key, value] : records[r].items()) {
      if (key == "\x01line") { // where the record is, set above; not a column
        continue;
      }
      const auto add = [&](const std::string& name, const nlohmann::json& v) {
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
        if (key_index.emplace(name, keys.size()).second) {
          keys.push_back(name);
        }
        flat[r].emplace_back(name, std::move(text_value));
      };
      if (value.is_object()) {
        for (const auto& [row, cell] : value.items()) {
          add(key + "." + row, cell);
        }
      } else {
        add(key, value);
      }
    }
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back(keys);
  for (const auto& record : flat) {
    std::vector<std::string> row(keys.size());
    for (const auto& [key, value] : record) {
      row[key_index.at(key)] = value;
    }
    rows.push_back(std::move(row));
  }
  return {std::move(rows), lines};
}

} // namespace centricity::import::detail
