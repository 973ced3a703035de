#include <centricity/report/charts.hpp>
#include <centricity/report/compare.hpp>
#include <centricity/report/fields.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/markdown.hpp>
#include <centricity/util/markup.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <set>

namespace centricity::report {

namespace {

using Json = nlohmann::ordered_json;

using fields::number;
using fields::one_decimal;
using fields::str;

// Okabe–Ito: distinguishable with protanopia, deuteranopia and tritanopia.
constexpr const char* k_blue = "#0072B2";
constexpr const char* k_vermillion = "#D55E00";
constexpr const char* k_green = "#009E73";
constexpr const char* k_grey = "#DDDDDD";
constexpr const char* k_highlight = "#F0E442";
constexpr const char* k_group_colours[] = {"#0072B2", "#E69F00", "#009E73",
                                           "#CC79A7", "#56B4E9", "#D55E00"};
constexpr std::size_t k_max_groups = std::size(k_group_colours);

constexpr double k_label_width = 310;
constexpr double k_plot_width = 400;
constexpr double k_right_margin = 200;
constexpr double k_width = k_label_width + k_plot_width + k_right_margin;
constexpr std::size_t k_max_label = 36;

// Labels longer than a chart's label column are cut at a UTF-8 boundary; the
// full text stays in the text equivalent.
std::string shorten(const std::string& text)
{
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == k_max_label) {
        return text.substr(0, i) + "…";
      }
      ++chars;
    }
  }
  return text;
}

// File stems come from bank ids; keep only what is safe everywhere.
std::string safe_id(const std::string& id)
{
  std::string out;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  return out.empty() ? std::string("_") : out;
}

std::string x(double value)
{
  return fmt::format("{:.1f}", value);
}

class Svg {
public:
  Svg(const std::string& title, const std::string& description)
  {
    m_body += fmt::format("<title>{}</title>\n<desc>{}</desc>\n", xml_escape(title),
                          xml_escape(description));
  }

  void text(double left, double baseline, const std::string& content, const char* anchor = "start",
            const char* extra = "")
  {
    m_body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\"{}>{}</text>\n", x(left),
                          x(baseline), anchor, extra, xml_escape(content));
  }

  void rect(double left, double top, double width, double height, const char* fill,
            const char* extra = "")
  {
    m_body +=
      fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}/>\n", x(left),
                  x(top), x(std::max(width, 0.0)), x(std::max(height, 0.0)), fill, extra);
  }

  void line(double x1, double y1, double x2, double y2, const char* stroke, double width,
            const char* extra = "")
  {
    m_body += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n",
      x(x1), x(y1), x(x2), x(y2), stroke, x(width), extra);
  }

  void raw(const std::string& markup) { m_body += markup; }

  [[nodiscard]] std::string finish(double height) const
  {
    return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', "
      "sans-serif\" font-size=\"13\">\n{}</svg>\n",
      x(k_width), x(height), x(k_width), x(height), m_body);
  }

private:
  std::string m_body;
};

// The 0–100 scale with gridlines, drawn from `top` to `bottom`.
void scale(Svg& svg, double top, double bottom)
{
  for (int tick = 0; tick <= 100; tick += 25) {
    const double at = k_label_width + k_plot_width * tick / 100.0;
    svg.line(at, top, at, bottom, "#BBBBBB", 1, tick == 0 ? "" : " stroke-dasharray=\"2 3\"");
    svg.text(at, bottom + 14, std::to_string(tick), "middle", " fill=\"#555555\"");
  }
}

double at_score(double score)
{
  return k_label_width + k_plot_width * std::clamp(score, 0.0, 100.0) / 100.0;
}

// The highest threshold the targets of all ladders ask of each dimension:
// the criteria of every stage up to and including the target.
std::map<std::string, double> target_thresholds(const Json& result)
{
  std::map<std::string, double> out;
  for (const auto& ladder : result.at("ladders")) {
    if (ladder.at("target").is_null()) {
      continue;
    }
    const auto target = ladder.at("target").at("index").get<std::size_t>();
    for (const auto& stage : ladder.at("trace")) {
      if (stage.at("stage").at("index").get<std::size_t>() > target) {
        continue;
      }
      for (const auto& criterion : stage.at("criteria")) {
        if (str(criterion, "kind") != "dimension") {
          continue;
        }
        const double threshold = criterion.at("threshold").get<double>();
        auto [it, inserted] = out.emplace(str(criterion, "dimension"), threshold);
        if (!inserted) {
          it->second = std::max(it->second, threshold);
        }
      }
    }
  }
  return out;
}

Chart profile_chart(const Json& result)
{
  Chart chart{"profile", "Dimension profile against the target", {}, {}};
  const auto targets = target_thresholds(result);
  Svg svg(chart.title, "Each dimension's score from 0 to 100 as a bar; the vermillion mark is the "
                       "highest score the target stages require.");
  constexpr double k_row = 26;
  constexpr double k_top = 52;
  svg.text(0, 18, chart.title, "start", " font-weight=\"bold\" font-size=\"15\"");
  svg.rect(k_label_width, 28, 12, 12, k_blue);
  svg.text(k_label_width + 16, 38, "score");
  svg.rect(k_label_width + 70, 27, 4, 14, k_vermillion);
  svg.text(k_label_width + 80, 38, "target requires");
  const auto& dimensions = result.at("dimensions");
  const double bottom = k_top + k_row * static_cast<double>(dimensions.size());
  scale(svg, k_top - 4, bottom);
  double row = k_top;
  for (const auto& dimension : dimensions) {
    const std::string title = str(dimension, "title");
    const auto score = number(dimension, "score");
    const auto target = targets.find(str(dimension, "id"));
    svg.text(k_label_width - 8, row + 17, shorten(title), "end");
    std::string line = title + ": ";
    if (score) {
      svg.rect(k_label_width, row + 5, at_score(*score) - k_label_width, 16, k_blue);
      svg.text(k_label_width + k_plot_width + 8, row + 17, one_decimal(*score));
      line += one_decimal(*score);
    } else {
      svg.text(k_label_width + 4, row + 17, "insufficient data", "start",
               " font-style=\"italic\" fill=\"#555555\"");
      line += "insufficient data";
    }
    if (target != targets.end()) {
      const double at = at_score(target->second);
      svg.rect(at - 2, row + 1, 4, 24, k_vermillion);
      svg.text(k_label_width + k_plot_width + 50, row + 17,
               fmt::format("target {}", util::format_number(target->second)), "start",
               " fill=\"#555555\"");
      line += fmt::format(" (target requires {})", util::format_number(target->second));
    }
    chart.text.push_back(line);
    row += k_row;
  }
  chart.svg = svg.finish(bottom + 24);
  return chart;
}

Chart ladder_chart(const Json& ladder)
{
  const std::string title = str(ladder, "title");
  Chart chart{"ladder-" + safe_id(str(ladder, "id")), "Stages of " + title, {}, {}};
  Svg svg(chart.title, "One step per stage, lowest at the bottom; filled steps are reached, the "
                       "current stage and the target are marked.");
  svg.text(0, 18, chart.title, "start", " font-weight=\"bold\" font-size=\"15\"");
  const auto& stages = ladder.at("stages");
  const auto reached = ladder.at("stage").at("index").get<std::size_t>();
  std::optional<std::size_t> target;
  if (!ladder.at("target").is_null()) {
    target = ladder.at("target").at("index").get<std::size_t>();
  }
  constexpr double k_row = 28;
  constexpr double k_top = 32;
  const std::size_t count = stages.size();
  double row = k_top;
  for (std::size_t s = count; s-- > 0;) {
    const std::string stage_title = str(stages.at(s), "title");
    // A staircase: each step is wider than the one below it.
    const double width = k_plot_width * static_cast<double>(s + 1)
                         / static_cast<double>(std::max<std::size_t>(count, 1));
    svg.text(k_label_width - 8, row + 18, fmt::format("{} · {}", s, shorten(stage_title)), "end");
    svg.rect(k_label_width, row + 4, width, 20, s <= reached ? k_blue : k_grey,
             s == reached ? " stroke=\"#000000\" stroke-width=\"2\"" : "");
    std::string marks;
    std::string line = fmt::format("{} · {}", s, stage_title);
    if (s == reached) {
      marks = "◀ current";
      line += ": current stage";
    } else if (s < reached) {
      line += ": reached";
    } else {
      line += ": not reached";
    }
    if (target && s == *target) {
      svg.rect(
        k_label_width, row + 4, width, 20, "none",
        fmt::format(" stroke=\"{}\" stroke-width=\"3\" stroke-dasharray=\"6 3\"", k_vermillion)
          .c_str());
      marks += marks.empty() ? "◎ target" : "  ◎ target";
      line += " (target)";
    }
    if (!marks.empty()) {
      svg.text(k_label_width + width + 8, row + 18, marks, "start", " font-weight=\"bold\"");
    }
    chart.text.push_back(line);
    row += k_row;
  }
  chart.svg = svg.finish(row + 8);
  return chart;
}

Chart distribution_chart(const Json& ladder)
{
  const std::string title = str(ladder, "title");
  Chart chart{"distribution-" + safe_id(str(ladder, "id")),
              "Where individual respondents stand on " + title,
              {},
              {}};
  Svg svg(chart.title, "The share of respondents whose own answers reach each stage.");
  svg.text(0, 18, chart.title, "start", " font-weight=\"bold\" font-size=\"15\"");
  constexpr double k_row = 26;
  constexpr double k_top = 34;
  const auto& stages = ladder.at("stages");
  const auto& distribution = ladder.at("distribution");
  const double bottom = k_top + k_row * static_cast<double>(distribution.size());
  scale(svg, k_top - 4, bottom);
  double row = k_top;
  for (const auto& entry : distribution) {
    const auto index = entry.at("index").get<std::size_t>();
    const std::string stage_title = index < stages.size() ? str(stages.at(index), "title") : "";
    const double share = number(entry, "share").value_or(0);
    const auto n = entry.at("count").get<std::uint64_t>();
    svg.text(k_label_width - 8, row + 17, fmt::format("{} · {}", index, shorten(stage_title)),
             "end");
    svg.rect(k_label_width, row + 5, at_score(share * 100) - k_label_width, 16, k_green);
    const std::string label = fmt::format("{} ({:.0f}%)", n, share * 100);
    svg.text(k_label_width + k_plot_width + 8, row + 17, label);
    chart.text.push_back(fmt::format("{} · {}: {}", index, stage_title, label));
    row += k_row;
  }
  svg.text(k_label_width + k_plot_width / 2, bottom + 30, "share of respondents (%)", "middle",
           " fill=\"#555555\"");
  chart.svg = svg.finish(bottom + 38);
  return chart;
}

// Each comparable dimension as a dumbbell: a hollow dot for the previous
// score, a filled one for now, joined by a line in the colour of the change.
Chart movement_chart(const Json& result, const Json& previous)
{
  Chart chart{"movement", "Movement since the previous assessment", {}, {}};
  Svg svg(chart.title, "Each dimension's previous score (hollow dot) and current score (filled "
                       "dot) on the 0 to 100 scale.");
  svg.text(0, 18, chart.title, "start", " font-weight=\"bold\" font-size=\"15\"");
  svg.raw(fmt::format("<circle cx=\"{}\" cy=\"34\" r=\"5\" fill=\"#FFFFFF\" stroke=\"{}\" "
                      "stroke-width=\"2\"/>\n",
                      x(k_label_width + 6), k_blue));
  svg.text(k_label_width + 16, 38, "before");
  svg.raw(fmt::format("<circle cx=\"{}\" cy=\"34\" r=\"5\" fill=\"{}\"/>\n", x(k_label_width + 76),
                      k_blue));
  svg.text(k_label_width + 86, 38, "now");
  const Comparison comparison = compare_results(previous, result);
  constexpr double k_row = 24;
  constexpr double k_top = 50;
  double row = k_top;
  std::vector<std::string> not_compared;
  for (const auto& move : comparison.dimensions) {
    const auto delta = move.delta();
    if (!delta) {
      not_compared.push_back(move.title);
      continue;
    }
    const double from = at_score(*move.before);
    const double to = at_score(*move.after);
    const double y = row + 12;
    svg.text(k_label_width - 8, y + 4, shorten(move.title), "end");
    svg.line(from, y, to, y, *delta < 0 ? k_vermillion : k_green, 3);
    svg.raw(fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#FFFFFF\" stroke=\"{}\" "
                        "stroke-width=\"2\"/>\n<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/>\n",
                        x(from), x(y), k_blue, x(to), x(y), k_blue));
    const std::string change = fmt::format("{:+.1f}", *delta);
    svg.text(k_label_width + k_plot_width + 14, y + 4, change);
    chart.text.push_back(fmt::format("{}: {} → {} ({})", move.title, one_decimal(*move.before),
                                     one_decimal(*move.after), change));
    row += k_row;
  }
  scale(svg, k_top - 4, row);
  if (!not_compared.empty()) {
    std::string list;
    for (const auto& title : not_compared) {
      list += (list.empty() ? "" : "; ") + title;
    }
    chart.text.push_back("Not compared (no score then or now, or a changed definition): " + list);
  }
  chart.svg = svg.finish(row + 24);
  return chart;
}

std::string group_name(const std::string& value)
{
  return value.empty() ? std::string("(not given)") : value;
}

Chart groups_chart(const Json& result, const Json& field, std::size_t number_in_list)
{
  const std::string field_name = str(field, "field");
  Chart chart{
    fmt::format("groups-{}", number_in_list + 1), "Dimension scores by " + field_name, {}, {}};
  Svg svg(chart.title, "One bar per group for each dimension; the dimensions where groups "
                       "disagree most are highlighted.");
  svg.text(0, 18, chart.title, "start", " font-weight=\"bold\" font-size=\"15\"");
  const auto& values = field.at("values");
  const std::size_t shown = std::min(values.size(), k_max_groups);
  // Legend, wrapping onto as many lines as needed.
  double legend_x = 0;
  double legend_y = 34;
  for (std::size_t v = 0; v < shown; ++v) {
    const std::string name = shorten(group_name(str(values[v], "value")));
    const double width = 24 + 7.5 * static_cast<double>(name.size() > 40 ? 40 : name.size());
    if (legend_x + width > k_width) {
      legend_x = 0;
      legend_y += 18;
    }
    svg.rect(legend_x, legend_y - 10, 12, 12, k_group_colours[v]);
    svg.text(legend_x + 16, legend_y,
             fmt::format("{} (n={})", name, values[v].at("respondents").get<std::uint64_t>()));
    legend_x += width + 50;
  }
  if (values.size() > shown) {
    chart.text.push_back(
      fmt::format("{} groups; the chart shows the first {}.", values.size(), shown));
  }
  // The three largest disagreements (the Result lists them largest first).
  std::set<std::string> highlighted;
  const auto& disagreements = field.at("disagreements");
  for (std::size_t i = 0; i < disagreements.size() && highlighted.size() < 3; ++i) {
    highlighted.insert(str(disagreements[i], "dimension"));
  }
  const auto& dimensions = result.at("dimensions");
  const double bar = 12;
  const double group_height = bar * static_cast<double>(shown) + 14;
  const double top = legend_y + 16;
  const double bottom = top + group_height * static_cast<double>(dimensions.size());
  double row = top;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const std::string title = str(dimensions[d], "title");
    const bool hot = highlighted.count(str(dimensions[d], "id")) > 0;
    if (hot) {
      svg.rect(0, row + 2, k_width, group_height - 4, k_highlight, " fill-opacity=\"0.35\"");
    }
    svg.text(k_label_width - 8, row + 7 + group_height / 2, shorten(title), "end",
             hot ? " font-weight=\"bold\"" : "");
    std::string line = title + ":";
    for (std::size_t v = 0; v < shown; ++v) {
      const auto& scores = values[v].at("dimensions");
      const auto score = d < scores.size() ? number(scores[d], "score") : std::nullopt;
      const double y = row + 7 + bar * static_cast<double>(v);
      if (score) {
        svg.rect(k_label_width, y, at_score(*score) - k_label_width, bar - 2, k_group_colours[v]);
        svg.text(at_score(*score) + 4, y + bar - 3, one_decimal(*score), "start",
                 " font-size=\"10\"");
      }
      line += fmt::format("{} {} {}", v == 0 ? "" : ",", group_name(str(values[v], "value")),
                          score ? one_decimal(*score) : std::string("no score"));
    }
    if (hot) {
      svg.text(k_label_width + k_plot_width + 45, row + 7 + group_height / 2,
               "largest disagreement", "start", " font-weight=\"bold\" font-size=\"11\"");
      line += " (one of the largest disagreements)";
    }
    chart.text.push_back(line);
    row += group_height;
  }
  scale(svg, top, bottom);
  chart.svg = svg.finish(bottom + 24);
  return chart;
}

} // namespace

std::string xml_escape(std::string_view text)
{
  return util::escape_markup(
    text, {.quote = true, .apostrophe = true, .newline = {}, .tabs_as_space = false});
}

std::vector<Chart> build_charts(const Json& result, const Json* previous)
{
  std::vector<Chart> charts;
  charts.push_back(profile_chart(result));
  if (previous != nullptr) {
    charts.push_back(movement_chart(result, *previous));
  }
  const bool many = result.at("respondents").get<std::uint64_t>() > 1;
  for (const auto& ladder : result.at("ladders")) {
    charts.push_back(ladder_chart(ladder));
    if (many && !ladder.at("distribution").empty()) {
      charts.push_back(distribution_chart(ladder));
    }
  }
  const auto& groups = result.at("groups");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    charts.push_back(groups_chart(result, groups[i], i));
  }
  return charts;
}

void write_charts(const std::vector<Chart>& charts, const std::string& dir)
{
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    throw Error(fmt::format("cannot create '{}': {}", dir, error.message()), ExitCode::output);
  }
  for (const auto& chart : charts) {
    util::write_file_atomic((std::filesystem::path(dir) / (chart.id + ".svg")).string(),
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + chart.svg);
  }
}

void render_chart_links(const std::vector<Chart>& charts, const std::string& link_dir,
                        std::ostream& out)
{
  out << "\n## Charts\n\nThe tables above carry the same figures as text.\n\n";
  std::string prefix = link_dir;
  if (!prefix.empty() && prefix.back() != '/') {
    prefix += '/';
  }
  for (const auto& chart : charts) {
    // The link target is ours (a safe id); only the alt text needs escaping.
    out << fmt::format("![{}](<{}{}.svg>)\n\n", util::md_inline(chart.title), prefix, chart.id);
  }
}

std::string chart_link_dir(const std::string& charts_dir, const std::string& output)
{
  if (output == "-" || output.empty()) {
    return charts_dir;
  }
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path base = fs::absolute(fs::path(output), error).parent_path();
  const fs::path target = fs::absolute(fs::path(charts_dir), error);
  const fs::path relative = target.lexically_normal().lexically_relative(base.lexically_normal());
  return error || relative.empty() ? charts_dir : relative.generic_string();
}

} // namespace centricity::report
