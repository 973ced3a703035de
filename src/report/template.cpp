#include <centricity/report/fields.hpp>
#include <centricity/report/render.hpp>
#include <centricity/report/template.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/markdown.hpp>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

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

// The deepest nesting of sections ({{#x}}, {{^x}} inside each other) in
// `text`, read the way kainjow reads tags; throws once it passes
// k_max_template_depth, at the tag that did. kainjow keeps a copy of every
// section's text (memory grows with the square of the nesting: 836 MB for a
// 130 KB template) and renders sections by recursion (a few thousand
// levels overflowed the stack), so the nesting is bounded before it parses.
void check_nesting(std::string_view text, const std::string& name)
{
  std::size_t depth = 0;
  std::size_t pos = 0;
  std::size_t line = 1;
  std::size_t counted = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    const bool triple = text.substr(pos, 3) == "{{{";
    const std::size_t close = text.find(triple ? "}}}" : "}}", pos + 2);
    if (close == std::string_view::npos) {
      return; // kainjow reports the unclosed tag
    }
    std::string_view tag = text.substr(pos + 2, close - pos - 2);
    while (!tag.empty() && std::isspace(static_cast<unsigned char>(tag.front())) != 0) {
      tag.remove_prefix(1);
    }
    if (!triple && !tag.empty() && (tag.front() == '#' || tag.front() == '^')) {
      if (++depth > k_max_template_depth) {
        line += static_cast<std::size_t>(
          std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                     text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
        throw Error(fmt::format("template '{}': line {}: sections nested more than {} deep (the "
                                "template nesting limit)",
                                name, line, k_max_template_depth));
      }
    } else if (!triple && !tag.empty() && tag.front() == '/' && depth > 0) {
      --depth;
    } else if (!triple && !tag.empty() && tag.front() == '=') {
      return; // output_bound refuses delimiter changes
    }
    pos = close + (triple ? 3 : 2);
  }
}

// An upper bound of the bytes `text` can render to: every piece of text and
// every variable (escaped, 6 bytes a byte; "report" and "sections.*" at
// most the whole report, any other at most `largest_value`) times the
// lengths of the lists of its enclosing sections. Only the two lists in
// the data, "ladders" and "dimensions", repeat a section; any other section
// renders at most once. Default delimiters only: a template that changes them
// ({{= =}}) is refused, as its tags could not be followed here.
double output_bound(std::string_view text, std::size_t ladders, std::size_t dimensions,
                    std::size_t report, std::size_t largest_value, const std::string& name)
{
  std::vector<double> factors{1.0};
  double total = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("{{", pos);
    total += static_cast<double>((open == std::string_view::npos ? text.size() : open) - pos)
             * factors.back();
    if (open == std::string_view::npos) {
      break;
    }
    const bool triple = text.substr(open, 3) == "{{{";
    const std::size_t close = text.find(triple ? "}}}" : "}}", open + 2);
    if (close == std::string_view::npos) {
      break; // kainjow reports the unclosed tag
    }
    std::string_view tag = text.substr(open + 2, close - open - 2);
    pos = close + (triple ? 3 : 2);
    while (!tag.empty() && std::isspace(static_cast<unsigned char>(tag.front())) != 0) {
      tag.remove_prefix(1);
    }
    const char kind = tag.empty() || triple ? '{' : tag.front();
    std::string_view key = kind == '{' ? tag : tag.substr(1);
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.front())) != 0) {
      key.remove_prefix(1);
    }
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back())) != 0) {
      key.remove_suffix(1);
    }
    switch (kind) {
    case '#': {
      const double repeat = key == "ladders"      ? static_cast<double>(ladders)
                            : key == "dimensions" ? static_cast<double>(dimensions)
                                                  : 1.0;
      factors.push_back(factors.back() * std::max(repeat, 1.0));
      break;
    }
    case '^':
      factors.push_back(factors.back());
      break;
    case '/':
      if (factors.size() > 1) {
        factors.pop_back();
      }
      break;
    case '!':
    case '>':
      break;
    case '=':
      throw Error(fmt::format("template '{}': changing the tag delimiters ({{{{= =}}}}) is not "
                              "supported",
                              name));
    default: {
      const bool whole = key == "report" || key.starts_with("sections");
      total += 6.0 * static_cast<double>(whole ? report : largest_value) * factors.back();
    }
    }
  }
  return total;
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
  check_nesting(text, name);
  if (text.find("{{=") != std::string_view::npos || text.find("{{ =") != std::string_view::npos) {
    (void)output_bound(text, 0, 0, 0, 0, name); // throws for the delimiter change
  }
  kainjow::mustache::mustache mustache{std::string(text)};
  if (!mustache.is_valid()) {
    throw Error(fmt::format("template '{}': {}", name, mustache.error_message()));
  }
  std::ostringstream markdown;
  render_report_sections(result, markdown, previous);
  const std::string report = markdown.str();
  const Data data = context(result, report);
  // Sections nested over lists multiply: {{#dimensions}} three deep over
  // 30 dimensions repeats its body 27,000 times. kainjow builds the output
  // in memory, so bound it before rendering.
  std::size_t largest_value = verdict(result).size() + 256; // numbers and ids are short
  for (const char* list : {"ladders", "dimensions"}) {
    for (const auto& entry : result.at(list)) {
      largest_value = std::max(largest_value, str(entry, "title").size() * 2 + 256);
    }
  }
  const double bound =
    output_bound(text, result.at("ladders").size(), result.at("dimensions").size(), report.size(),
                 largest_value, name);
  if (bound > static_cast<double>(k_max_report_bytes)) {
    throw Error(fmt::format("template '{}': the report could be larger than {} MiB (sections "
                            "nested over the ladders or dimensions multiply)",
                            name, k_max_report_bytes >> 20U));
  }
  std::string out = mustache.render(data);
  if (!mustache.is_valid()) {
    throw Error(fmt::format("template '{}': {}", name, mustache.error_message()));
  }
  return out;
}

std::string read_template(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(fmt::format("cannot read the template '{}'", path), ExitCode::usage);
  }
  // Read one byte past the limit, never the whole of a huge file.
  std::string text(k_max_template_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    throw Error(fmt::format("cannot read the template '{}'", path), ExitCode::usage);
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > k_max_template_bytes) {
    // Unreadable input data, like a Result over its limit: exit status 3.
    throw Error(fmt::format("the template '{}' is larger than {} MiB (the template size limit)",
                            path, k_max_template_bytes >> 20U),
                ExitCode::data);
  }
  return text;
}

} // namespace centricity::report
