#include <centricity/report/html.hpp>
#include <centricity/report/render.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

namespace centricity::report {

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
  if (path.ends_with(".md") || path.ends_with(".markdown")) {
    return Format::markdown;
  }
  if (path.ends_with(".json")) {
    return Format::json;
  }
  if (path.ends_with(".html") || path.ends_with(".htm")) {
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
