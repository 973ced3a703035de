#include <centricity/report/fields.hpp>
#include <centricity/report/render.hpp>
#include <centricity/report/template.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/markdown.hpp>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

namespace centricity::report {

namespace {

using Json = nlohmann::ordered_json;

using fields::number;
using fields::one_decimal;
using fields::str;
using Data = kainjow::mustache::data;

// "Say–do gap" -> "say_do_gap": ASCII letters and digits, the rest one '_'.
std::string slug(const std::string& heading)
{
  std::string out;
  for (const char c : heading) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  return out;
}

// The built-in report cut at its "## " headings: "header" holds what comes
// before the first one, then one entry per section, heading included. Bank
// text cannot start a heading line (md_text escapes it), so every cut is ours.
Data sections(const std::string& markdown)
{
  Data out;
  std::string name = "header";
  std::string text;
  std::size_t start = 0;
  while (start < markdown.size()) {
    auto end = markdown.find('\n', start);
    end = end == std::string::npos ? markdown.size() : end + 1;
    const std::string line = markdown.substr(start, end - start);
    if (line.rfind("## ", 0) == 0) {
      out.set(name, text);
      name = slug(line.substr(3));
      text.clear();
    }
    text += line;
    start = end;
  }
  out.set(name, text);
  return out;
}

Data stage_data(const Json& stage)
{
  Data out;
  out.set("index", std::to_string(stage.at("index").get<std::size_t>()));
  out.set("id", util::md_inline(str(stage, "id")));
  out.set("title", util::md_inline(str(stage, "title")));
  return out;
}

Data context(const Json& result, const std::string& markdown)
{
  Data data;
  const auto& bank = result.at("bank");
  Data bank_data;
  for (const char* key : {"id", "title", "version", "language"}) {
    bank_data.set(key, util::md_inline(str(bank, key)));
  }
  data.set("bank", bank_data);
  data.set("respondents", std::to_string(result.at("respondents").get<std::uint64_t>()));
  data.set("generated_at", util::md_inline(str(result, "generated_at")));
  data.set("verdict", verdict(result));

  Data ladders{Data::type::list};
  for (const auto& ladder : result.at("ladders")) {
    Data item;
    item.set("id", util::md_inline(str(ladder, "id")));
    item.set("title", util::md_inline(str(ladder, "title")));
    item.set("steps", std::to_string(ladder.at("stages").size() - 1));
    item.set("stage", stage_data(ladder.at("stage")));
    if (!ladder.at("target").is_null()) {
      item.set("target", stage_data(ladder.at("target")));
    }
    ladders.push_back(item);
  }
  data.set("ladders", ladders);

  Data dimensions{Data::type::list};
  for (const auto& dimension : result.at("dimensions")) {
    Data item;
    item.set("id", util::md_inline(str(dimension, "id")));
    item.set("title", util::md_inline(str(dimension, "title")));
    const auto score = number(dimension, "score");
    if (score) {
      item.set("score", one_decimal(*score));
      item.set("bar", text_bar(*score, 20));
    }
    item.set("n", std::to_string(dimension.value("n", std::uint64_t{0})));
    dimensions.push_back(item);
  }
  data.set("dimensions", dimensions);
  data.set("sections", sections(markdown));
  data.set("report", markdown);
  return data;
}

} // namespace

std::string render_template(const std::string& template_text, const Json& result,
                            const Json* previous, const std::string& name)
{
  // A file's final line break is not output (as in Jinja): editors add one,
  // and the report already ends with its own.
  std::string_view text = template_text;
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\r\n") {
    text.remove_suffix(2);
  } else if (!text.empty() && text.back() == '\n') {
    text.remove_suffix(1);
  }
  kainjow::mustache::mustache mustache{std::string(text)};
  if (!mustache.is_valid()) {
    throw Error(fmt::format("template '{}': {}", name, mustache.error_message()));
  }
  std::ostringstream markdown;
  render_markdown(result, markdown, previous);
  std::string out = mustache.render(context(result, markdown.str()));
  if (!mustache.is_valid()) {
    throw Error(fmt::format("template '{}': {}", name, mustache.error_message()));
  }
  return out;
}

std::string read_template(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    throw Error(fmt::format("cannot read the template '{}'", path), ExitCode::usage);
  }
  return text.str();
}

} // namespace centricity::report
