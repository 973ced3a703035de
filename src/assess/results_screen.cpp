#include <centricity/assess/results_screen.hpp>
#include <centricity/score/aggregate.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace centricity::assess {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t k_max_width = 100;
constexpr std::size_t k_bar_cells = 20;

const char* const k_bold = "\x1b[1m";
const char* const k_dim = "\x1b[2m";
const char* const k_green = "\x1b[32m";
const char* const k_red = "\x1b[31m";
const char* const k_cyan = "\x1b[36m";
const char* const k_reset = "\x1b[0m";

std::string paint(const std::string& text, const char* code, const Style& style)
{
  return style.color && !text.empty() ? code + text + k_reset : text;
}

std::string text_of(const Json& object, const char* key)
{
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? printable(it->get<std::string>()) : std::string();
}

std::optional<double> number_of(const Json& object, const char* key)
{
  const auto it = object.find(key);
  if (it != object.end() && it->is_number()) {
    return it->get<double>();
  }
  return std::nullopt;
}

std::string dimension_title(const Json& result, const std::string& id)
{
  for (const auto& dimension : result.at("dimensions")) {
    if (dimension.value("id", "") == id) {
      return text_of(dimension, "title");
    }
  }
  return id;
}

// `text` cut to `width` columns, with an ellipsis when cut.
std::string fit(const std::string& text, std::size_t width, const Style& style)
{
  if (util::display_width(text) <= width) {
    return text + std::string(width - util::display_width(text), ' ');
  }
  const std::string ellipsis = style.unicode ? "…" : "...";
  const std::size_t room = width - std::min(width, util::display_width(ellipsis));
  std::string cut;
  // Take whole code points up to `room` columns.
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = 1;
    while (pos + length < text.size()
           && (static_cast<unsigned char>(text[pos + length]) & 0xC0) == 0x80) {
      ++length;
    }
    const std::string next = cut + text.substr(pos, length);
    if (util::display_width(next) > room) {
      break;
    }
    cut = next;
    pos += length;
  }
  cut += ellipsis;
  return cut + std::string(width - std::min(width, util::display_width(cut)), ' ');
}

std::string lines(const std::string& text, std::size_t indent, std::size_t width,
                  const Style& style, const char* code = nullptr)
{
  std::string out;
  const std::size_t room = width > indent + 10 ? width - indent : 10;
  for (const auto& line : wrap(text, room)) {
    out += std::string(indent, ' ') + (code != nullptr ? paint(line, code, style) : line) + "\n";
  }
  return out;
}

// `text` wrapped with `first` spaces before its first line and `rest` before
// the others.
std::string hanging(const std::string& text, std::size_t first, std::size_t rest, std::size_t width,
                    const Style& style, const char* code = nullptr)
{
  std::string out;
  const auto wrapped = wrap(text, width > rest + 10 ? width - rest : 10);
  for (std::size_t l = 0; l < wrapped.size(); ++l) {
    out += std::string(l == 0 ? first : rest, ' ')
           + (code != nullptr ? paint(wrapped[l], code, style) : wrapped[l]) + "\n";
  }
  return out;
}

// "    1. text" with the text wrapped under itself.
std::string numbered(std::size_t number, const std::string& text, std::size_t width)
{
  std::string out;
  const auto wrapped = wrap(text, width > 17 ? width - 7 : 10);
  for (std::size_t l = 0; l < wrapped.size(); ++l) {
    out += (l == 0 ? fmt::format("    {}. ", number) : std::string(7, ' ')) + wrapped[l] + "\n";
  }
  return out;
}

std::string bar(double score, const Style& style)
{
  const double cells = std::clamp(score, 0.0, 100.0) / 100.0 * static_cast<double>(k_bar_cells);
  const auto full = static_cast<std::size_t>(std::lround(cells));
  std::string out;
  for (std::size_t i = 0; i < k_bar_cells; ++i) {
    out += i < full ? (style.unicode ? "█" : "#") : (style.unicode ? "░" : ".");
  }
  return out;
}

void ladders(const Json& result, std::size_t width, const Style& style, std::string& out)
{
  out += paint("  Where you stand", k_bold, style) + "\n";
  for (const auto& ladder : result.at("ladders")) {
    const auto& stage = ladder.at("stage");
    const auto reached = stage.value("index", std::size_t{0});
    const std::size_t top = ladder.at("stages").empty() ? 0 : ladder.at("stages").size() - 1;
    std::string line = fmt::format("{}: stage {} of {}, {}", text_of(ladder, "title"), reached, top,
                                   text_of(stage, "title"));
    const Json& target = ladder.at("target");
    if (target.is_object()) {
      const auto index = target.value("index", std::size_t{0});
      const std::string source = target.value("source", "");
      const std::string origin = source == "answers"        ? " (your choice)"
                                 : source == "command line" ? " (--target)"
                                                            : " (the bank's default)";
      line += index <= reached
                ? fmt::format("; target {}{} reached: hold it", text_of(target, "title"), origin)
                : fmt::format("; target {}{}, {} stage{} to go", text_of(target, "title"), origin,
                              index - reached, index - reached == 1 ? "" : "s");
    }
    out += hanging(line, 4, 6, width, style);
    if (ladder.value("limited_by_missing_data", false)) {
      out += hanging("Not enough answers to place you higher: answer the skipped questions "
                     "(--resume) for a firmer verdict.",
                     6, 8, width, style, k_dim);
    }
    for (const auto& risk : ladder.at("risks")) {
      const auto& below = risk.at("unmet_below");
      if (below.empty()) {
        continue;
      }
      out += hanging(fmt::format("Skipped-step risk: {} holds, but {} below it does not.",
                                 text_of(risk.at("stage"), "title"), text_of(below[0], "title")),
                     6, 8, width, style, k_red);
    }
  }
}

void dimensions(const Json& result, std::size_t width, const Style& style, std::string& out)
{
  out += paint("  Dimensions (0-100)", k_bold, style) + "\n";
  std::size_t longest = 0;
  for (const auto& dimension : result.at("dimensions")) {
    longest = std::max(longest, util::display_width(text_of(dimension, "title")));
  }
  // name | bar | score and pass mark: keep the bar column on screen.
  const std::size_t fixed = 4 + 2 + k_bar_cells + 2 + 5 + 8;
  const std::size_t name_width =
    std::clamp(longest, std::size_t{12}, width > fixed + 12 ? width - fixed : std::size_t{12});
  for (const auto& dimension : result.at("dimensions")) {
    const std::string name = fit(text_of(dimension, "title"), name_width, style);
    const auto score = number_of(dimension, "score");
    if (!score) {
      out += "    " + name + "  " + paint("not enough answers", k_dim, style) + "\n";
      continue;
    }
    std::string verdict;
    if (const auto passed = dimension.find("passed");
        passed != dimension.end() && passed->is_boolean()) {
      verdict =
        passed->get<bool>() ? paint("  pass", k_green, style) : paint("  fail", k_red, style);
    }
    out += fmt::format("    {}  {} {:>3.0f}{}\n", name, paint(bar(*score, style), k_cyan, style),
                       *score, verdict);
  }
}

void gaps(const Json& result, std::size_t width, const Style& style, std::string& out)
{
  // The largest gap per ladder and dimension, largest first (as the report).
  std::vector<const Json*> largest;
  for (const auto& gap : result.at("gaps")) {
    if (gap.value("kind", "") != "dimension" || !number_of(gap, "gap")) {
      continue;
    }
    const auto same = std::find_if(largest.begin(), largest.end(), [&](const Json* g) {
      return g->at("ladder") == gap.at("ladder") && g->at("dimension") == gap.at("dimension");
    });
    if (same == largest.end()) {
      largest.push_back(&gap);
    } else if (*number_of(gap, "gap") > *number_of(**same, "gap")) {
      *same = &gap;
    }
  }
  std::stable_sort(largest.begin(), largest.end(), [](const Json* a, const Json* b) {
    return std::llround(*number_of(*a, "gap") * 1e9) > std::llround(*number_of(*b, "gap") * 1e9);
  });
  out += paint("  Biggest gaps", k_bold, style) + "\n";
  if (largest.empty()) {
    out += lines("None: every criterion up to the next stage and the target holds, or has no "
                 "data.",
                 4, width, style);
  }
  for (std::size_t i = 0; i < largest.size() && i < 3; ++i) {
    const Json& gap = *largest[i];
    // No score with a gap: most answered "not applicable" (not in place).
    const auto score = number_of(gap, "score");
    const std::string text =
      fmt::format("{}: {}, needs {} for {} ({:.0f} points short)",
                  dimension_title(result, gap.value("dimension", "")),
                  score ? fmt::format("{:.0f}", *score) : std::string("not in place"),
                  util::format_number(number_of(gap, "threshold").value_or(0)),
                  text_of(gap.at("stage"), "title"), *number_of(gap, "gap"));
    out += numbered(i + 1, text, width);
  }
}

void next_steps(const Json& result, std::size_t width, const Style& style, std::string& out)
{
  const auto& steps = result.at("next_steps");
  out += paint("  Next steps", k_bold, style) + "\n";
  if (steps.empty()) {
    out += lines("No recommendation applies to these scores.", 4, width, style);
  }
  for (std::size_t i = 0; i < steps.size() && i < 3; ++i) {
    const Json& step = steps[i];
    out += numbered(i + 1, text_of(step, "text"), width);
    std::string about;
    if (step.value("kind", "") == "dimension") {
      about = dimension_title(result, step.value("dimension", ""));
    } else if (step.contains("stage")) {
      about = "to reach " + text_of(step.at("stage"), "title");
    } else if (step.value("kind", "") == "finding") {
      about = "answers a finding";
    }
    const char* dot = style.unicode ? " · " : " - ";
    if (step.contains("owner") && step.at("owner").is_string()) {
      about += (about.empty() ? "" : dot) + ("owner " + text_of(step, "owner"));
    }
    const int effort = step.value("effort", 3);
    out += lines(fmt::format("{}{}effort {} of 5", about, about.empty() ? "" : dot, effort), 7,
                 width, style, k_dim);
  }
}

} // namespace

Json score_response(const score::CompiledBank& bank, const answers::Response& response,
                    const std::vector<score::Target>& targets, const std::string& generated_at)
{
  score::Aggregate aggregate(bank, {});
  aggregate.add(response);
  score::ResultOptions options;
  options.generated_at = generated_at;
  options.targets = targets;
  return score::make_result(aggregate, options);
}

std::string render_summary(const Json& result, const Style& style)
{
  const std::size_t width = std::clamp(style.width, std::size_t{40}, k_max_width);
  std::string out = "\n";
  out += lines("Your results: " + text_of(result.at("bank"), "title"), 2, width, style, k_bold);
  out += "\n";
  ladders(result, width, style, out);
  out += "\n";
  dimensions(result, width, style, out);
  out += "\n";
  gaps(result, width, style, out);
  out += "\n";
  next_steps(result, width, style, out);
  std::vector<std::string> findings;
  if (result.contains("findings") && result.at("findings").is_array()) {
    for (const auto& finding : result.at("findings")) {
      if (finding.value("status", "") == "holds") {
        findings.push_back(text_of(finding, "title"));
      }
    }
  }
  if (!findings.empty()) {
    out += "\n" + paint("  What your answers show", k_bold, style) + "\n";
    for (const auto& title : findings) {
      out += hanging(title, 4, 6, width, style, k_red);
    }
  }
  const auto& say_do = result.at("say_do_gap");
  if (const auto gap = number_of(say_do, "gap")) {
    const auto belief = number_of(say_do.at("belief"), "mean");
    const auto practice = number_of(say_do.at("practice"), "mean");
    out += "\n";
    const bool one = std::lround(std::fabs(*gap)) == 1;
    const auto& shell = say_do.contains("empty_shell") ? say_do.at("empty_shell") : Json(nullptr);
    out += lines(fmt::format("Say and do: beliefs score {:.0f}, practice {:.0f}, a say-do gap of "
                             "{:+.0f} point{}{}.",
                             belief.value_or(0), practice.value_or(0), *gap, one ? "" : "s",
                             shell.is_boolean() && shell.get<bool>()
                               ? ": the mark of an empty shell, start the behaviours first"
                               : ""),
                 2, width, style);
  }
  if (result.contains("data_quality")) {
    const auto& quality = result.at("data_quality");
    if (quality.value("straight_lining", std::uint64_t{0})
          + quality.value("acquiescent", std::uint64_t{0})
        > 0) {
      out += "\n";
      out += lines("Your answers are nearly all alike, or agree with statements and their "
                   "opposites: the result says little until the questions get considered answers.",
                   2, width, style, k_red);
    }
  }
  return out;
}

} // namespace centricity::assess
