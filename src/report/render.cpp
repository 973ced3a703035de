#include <centricity/report/html.hpp>
#include <centricity/report/render.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

namespace centricity::report {

namespace {

bool ends_with(const std::string& text, std::string_view suffix)
{
  return text.size() >= suffix.size()
         && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

Format parse_format(const std::string& name)
{
  if (name == "md" || name == "markdown") {
    return Format::markdown;
  }
  if (name == "json") {
    return Format::json;
  }
  if (name == "html") {
    return Format::html;
  }
  throw Error(fmt::format("unknown format '{}' (use md, html or json)", name), ExitCode::usage);
}

std::optional<Format> format_for_path(const std::string& path)
{
  if (ends_with(path, ".md") || ends_with(path, ".markdown")) {
    return Format::markdown;
  }
  if (ends_with(path, ".json")) {
    return Format::json;
  }
  if (ends_with(path, ".html") || ends_with(path, ".htm")) {
    return Format::html;
  }
  return std::nullopt;
}

void render(const nlohmann::ordered_json& result, Format format, std::ostream& out,
            const nlohmann::ordered_json* previous)
{
  try {
    switch (format) {
    case Format::markdown:
      render_markdown(result, out, previous);
      return;
    case Format::json:
      out << result.dump(2) << '\n';
      return;
    case Format::html:
      render_html(result, out, previous);
      return;
    }
  } catch (const nlohmann::json::exception& e) {
    // A Result edited by hand (or damaged) can lack what the report needs.
    throw Error(fmt::format("the Result is incomplete or damaged: {}", e.what()));
  }
}

} // namespace centricity::report
