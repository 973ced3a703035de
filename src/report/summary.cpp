#include <centricity/report/render.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace centricity::report {

namespace {

using Json = nlohmann::ordered_json;

// Text from banks and answers, safe for a terminal: control characters
// (escape sequences included) become '?'.
std::string clean(const Json& value)
{
  std::string text = value.is_string() ? value.get<std::string>() : std::string();
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      c = '?';
    }
  }
  return text;
}

std::string title_of(const Json& list, const std::string& id)
{
  for (const auto& item : list) {
    if (item.value("id", "") == id) {
      return clean(item.at("title"));
    }
  }
  return id;
}

} // namespace

void render_summary(const Json& result, std::ostream& out)
{
  const auto& bank = result.at("bank");
  const auto respondents = result.at("respondents").get<std::uint64_t>();
  out << fmt::format("{} (bank {} {}), {} respondent{}\n\n", clean(bank.at("title")),
                     clean(bank.at("id")), clean(bank.at("version")), respondents,
                     respondents == 1 ? "" : "s");
  for (const auto& ladder : result.at("ladders")) {
    const auto& stage = ladder.at("stage");
    const auto reached = stage.at("index").get<std::size_t>();
    std::string target;
    if (!ladder.at("target").is_null()) {
      const auto& t = ladder.at("target");
      const auto index = t.at("index").get<std::size_t>();
      const std::string source = t.value("source", "");
      const std::string origin = source == "answers"        ? ", chosen by the leadership"
                                 : source == "command line" ? ", set with --target"
                                                            : ", the bank's default";
      target =
        index <= reached
          ? fmt::format(" (target {}{}: reached, hold it)", clean(t.at("title")), origin)
          : fmt::format(" (target: {}{}, {} to go)", clean(t.at("title")), origin, index - reached);
    }
    out << fmt::format("  {}: stage {} of {}, {}{}\n", clean(ladder.at("title")), reached,
                       ladder.at("stages").size() - 1, clean(stage.at("title")), target);
    for (const auto& risk : ladder.at("risks")) {
      out << fmt::format("    risk: {} holds without {}\n", clean(risk.at("stage").at("title")),
                         clean(risk.at("unmet_below")[0].at("title")));
    }
  }

  // The largest gap per ladder and dimension, largest first.
  std::vector<const Json*> gaps;
  for (const auto& gap : result.at("gaps")) {
    if (gap.value("kind", "") != "dimension" || !gap.at("gap").is_number()) {
      continue;
    }
    const auto same = std::find_if(gaps.begin(), gaps.end(), [&](const Json* g) {
      return g->at("ladder") == gap.at("ladder") && g->at("dimension") == gap.at("dimension");
    });
    if (same == gaps.end()) {
      gaps.push_back(&gap);
    } else if (gap.at("gap").get<double>() > (*same)->at("gap").get<double>()) {
      *same = &gap;
    }
  }
  std::stable_sort(gaps.begin(), gaps.end(), [](const Json* a, const Json* b) {
    return std::llround(a->at("gap").get<double>() * 1e9)
           > std::llround(b->at("gap").get<double>() * 1e9);
  });
  if (!gaps.empty()) {
    out << "\nBiggest gaps:\n";
  }
  for (std::size_t i = 0; i < gaps.size() && i < 3; ++i) {
    const Json& gap = *gaps[i];
    // No score with a gap: most answered "not applicable" (not in place).
    const std::string score = gap.at("score").is_number()
                                ? fmt::format("{:.1f}", gap.at("score").get<double>())
                                : std::string("is not in place");
    out << fmt::format("  {}. {} {}, needs {} for {}: {:.1f} short\n", i + 1,
                       title_of(result.at("dimensions"), gap.at("dimension").get<std::string>()),
                       score, gap.at("threshold").get<double>(), clean(gap.at("stage").at("title")),
                       gap.at("gap").get<double>());
  }
  std::vector<std::string> findings;
  if (result.contains("findings") && result.at("findings").is_array()) {
    for (const auto& finding : result.at("findings")) {
      if (finding.value("status", "") == "holds") {
        findings.push_back(clean(finding.at("title")));
      }
    }
  }
  if (!findings.empty()) {
    out << "\nFindings:\n";
    for (const auto& title : findings) {
      out << fmt::format("  - {}\n", title);
    }
  }
  const auto& steps = result.at("next_steps");
  if (!steps.empty()) {
    out << fmt::format("\nFirst steps (of {}):\n", steps.size());
  }
  for (std::size_t i = 0; i < steps.size() && i < 3; ++i) {
    const std::string owner = steps[i].contains("owner") && steps[i].at("owner").is_string()
                                ? fmt::format("[{}] ", clean(steps[i].at("owner")))
                                : std::string();
    out << fmt::format("  {}. {}{}\n", i + 1, owner, clean(steps[i].at("text")));
  }
  const auto& say_do = result.at("say_do_gap");
  if (say_do.at("gap").is_number()) {
    const auto& shell = say_do.contains("empty_shell") ? say_do.at("empty_shell") : Json(nullptr);
    out << fmt::format(
      "\nSay-do gap: {:+.1f} points (belief minus practice){}\n", say_do.at("gap").get<double>(),
      shell.is_boolean() ? (shell.get<bool>() ? ": an empty shell" : ": not an empty shell") : "");
  }
  if (result.contains("data_quality")) {
    const auto& quality = result.at("data_quality");
    const auto careless = quality.value("straight_lining", std::uint64_t{0})
                          + quality.value("acquiescent", std::uint64_t{0});
    if (careless > 0) {
      out << fmt::format("\nCareful: {} of {} respondents answered nearly everything alike or "
                         "agreed with opposites; --exclude-careless leaves them out\n",
                         careless, respondents);
    }
  }
  out << "\nThe full report: add -o report.md; the Result for later: -o result.json\n";
}

} // namespace centricity::report
