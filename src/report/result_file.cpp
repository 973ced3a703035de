#include <centricity/report/result_file.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/file_reader.hpp>

#include <fmt/format.h>

#include <iostream>
#include <iterator>

namespace centricity::report {

namespace {

// Results hold one entry per dimension, stage and group: far below this.
constexpr std::size_t k_max_result_bytes = 256u * 1024u * 1024u;

} // namespace

nlohmann::ordered_json parse_result(std::string_view text, const std::string& path)
{
  nlohmann::ordered_json result;
  try {
    result = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(fmt::format("{}: not a JSON document (at byte {})", path, e.byte));
  } catch (const nlohmann::json::exception&) {
    throw Error(fmt::format("{}: not a Result: a number is too large", path));
  }
  if (!result.is_object() || !result.contains("schema") || !result["schema"].is_string()) {
    throw Error(fmt::format("{}: not a centricity Result (no \"schema\" key)", path));
  }
  const std::string schema = result["schema"].get<std::string>();
  if (schema != score::k_result_schema) {
    throw Error(fmt::format("{}: Result schema '{}' is not supported (this centricity reads '{}')",
                            path, schema, score::k_result_schema));
  }
  for (const char* key : {"bank", "respondents", "ladders", "dimensions", "gaps", "next_steps",
                          "say_do_gap", "groups", "data_quality"}) {
    if (!result.contains(key)) {
      throw Error(fmt::format("{}: the Result has no \"{}\"", path, key));
    }
  }
  return result;
}

nlohmann::ordered_json load_result(const std::string& path)
{
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::string error;
    const util::DiskFileReader reader;
    auto content = reader.read(path, error, k_max_result_bytes);
    if (!content) {
      throw Error(fmt::format("cannot read '{}': {}", path, error));
    }
    text = std::move(*content);
  }
  return parse_result(text, path);
}

} // namespace centricity::report
