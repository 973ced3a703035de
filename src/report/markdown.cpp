#include <centricity/bank/model.hpp>
#include <centricity/report/compare.hpp>
#include <centricity/report/fields.hpp>
#include <centricity/report/render.hpp>
#include <centricity/util/markdown.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace centricity::report {

namespace {

using Json = nlohmann::ordered_json;

using fields::number;
using fields::one_decimal;
using fields::str;

// --- reading the Result ----------------------------------------------------

std::uint64_t count(const Json& object, const char* key)
{
  const auto it = object.find(key);
  return it != object.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

const Json* find_id(const Json& list, const std::string& id)
{
  for (const auto& item : list) {
    if (str(item, "id") == id) {
      return &item;
    }
  }
  return nullptr;
}

// The escaped title of dimension `id` (the id itself if the Result lacks it).
std::string dimension_title(const Json& result, const std::string& id)
{
  const Json* dimension = find_id(result.at("dimensions"), id);
  return util::md_inline(dimension != nullptr ? str(*dimension, "title") : id);
}

std::string ladder_title(const Json& result, const std::string& id)
{
  const Json* ladder = find_id(result.at("ladders"), id);
  return util::md_inline(ladder != nullptr ? str(*ladder, "title") : id);
}

// --- formatting ------------------------------------------------------------

// A threshold as the bank wrote it: 50, 62.5.
std::string plain_number(double value)
{
  return util::format_number(value);
}

std::string score_or_dash(std::optional<double> value)
{
  return value ? one_decimal(*value) : "—";
}

std::string percent(double share)
{
  return fmt::format("{:.0f}%", share * 100);
}

std::string plural(std::uint64_t n, const char* one, const char* many)
{
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Conventional labels for the size of a standardised difference.
const char* magnitude(double g)
{
  const double size = std::fabs(g);
  if (size < 0.2) {
    return "negligible";
  }
  if (size < 0.5) {
    return "small";
  }
  if (size < 0.8) {
    return "medium";
  }
  return "large";
}

std::string group_value(const std::string& value)
{
  return value.empty() ? "(not given)" : util::md_inline(value);
}

std::string stage_label(const Json& stage)
{
  return fmt::format("{} · {}", stage.at("index").get<std::size_t>(),
                     util::md_inline(str(stage, "title")));
}

// "Direct contact ≥ 50" / "Journey at least Teams".
std::string criterion_rule(const Json& result, const Json& criterion)
{
  if (str(criterion, "kind") == "dimension") {
    return fmt::format("{} ≥ {}", dimension_title(result, str(criterion, "dimension")),
                       plain_number(criterion.at("threshold").get<double>()));
  }
  return fmt::format("{} at least {}", ladder_title(result, str(criterion, "ladder")),
                     util::md_inline(str(criterion.at("stage"), "title")));
}

// "✔ Direct contact 62.5 ≥ 50 (+12.5)" and friends, for "why this stage".
std::string criterion_trace(const Json& result, const Json& criterion)
{
  const std::string status = str(criterion, "status");
  if (str(criterion, "kind") == "dimension") {
    const std::string title = dimension_title(result, str(criterion, "dimension"));
    const double threshold = criterion.at("threshold").get<double>();
    if (status == "no_data") {
      return fmt::format("? {}: insufficient data (needs {})", title, plain_number(threshold));
    }
    const double score = *number(criterion, "score");
    const double margin = *number(criterion, "margin");
    if (status == "met") {
      return fmt::format("✔ {} {} ≥ {} ({})", title, one_decimal(score), plain_number(threshold),
                         margin < 0.05 ? std::string("exactly on it")
                                       : fmt::format("+{}", one_decimal(margin)));
    }
    return fmt::format("✘ {} {}, needs {}: {} short", title, one_decimal(score),
                       plain_number(threshold), one_decimal(-margin));
  }
  return fmt::format("{} {} at least {} (reached {})", status == "met" ? "✔" : "✘",
                     ladder_title(result, str(criterion, "ladder")),
                     util::md_inline(str(criterion.at("stage"), "title")),
                     util::md_inline(str(criterion.at("reached"), "title")));
}

// --- findings --------------------------------------------------------------

struct TopGap {
  std::string ladder;
  std::string dimension;
  const Json* entry = nullptr;
  double gap = 0;
};

// The largest gap per ladder and dimension, largest first (ties: ladder
// order, then dimension id).
std::vector<TopGap> biggest_gaps(const Json& result)
{
  std::vector<TopGap> out;
  for (const auto& gap : result.at("gaps")) {
    const auto value = number(gap, "gap");
    if (str(gap, "kind") != "dimension" || !value) {
      continue;
    }
    const auto it = std::find_if(out.begin(), out.end(), [&](const TopGap& g) {
      return g.ladder == str(gap, "ladder") && g.dimension == str(gap, "dimension");
    });
    if (it == out.end()) {
      out.push_back({str(gap, "ladder"), str(gap, "dimension"), &gap, *value});
    } else if (*value > it->gap) {
      it->entry = &gap;
      it->gap = *value;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const TopGap& a, const TopGap& b) {
    const auto ka = std::llround(a.gap * 1e9);
    const auto kb = std::llround(b.gap * 1e9);
    if (ka != kb) {
      return ka > kb;
    }
    return a.dimension < b.dimension;
  });
  return out;
}

std::vector<std::string> dimensions_without_data_in_gaps(const Json& result)
{
  std::vector<std::string> out;
  for (const auto& gap : result.at("gaps")) {
    if (str(gap, "kind") == "dimension" && gap.at("gap").is_null()) {
      const std::string id = str(gap, "dimension");
      if (std::find(out.begin(), out.end(), id) == out.end()) {
        out.push_back(id);
      }
    }
  }
  return out;
}

std::string join_titles(const std::vector<std::string>& titles)
{
  std::string out;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    if (i > 0) {
      out += i + 1 == titles.size() ? " and " : ", ";
    }
    out += titles[i];
  }
  return out;
}

// --- sections --------------------------------------------------------------

void first_screen(const Json& result, std::ostream& out, const Json* previous)
{
  out << "## At a glance\n\n| Lens | Stage reached | Target |\n|---|---|---|\n";
  for (const auto& ladder : result.at("ladders")) {
    const auto& stage = ladder.at("stage");
    const std::size_t steps = ladder.at("stages").size() - 1;
    std::string target = "none set";
    if (!ladder.at("target").is_null()) {
      const auto& t = ladder.at("target");
      const auto index = t.at("index").get<std::size_t>();
      const auto reached = stage.at("index").get<std::size_t>();
      target = reached >= index ? fmt::format("{} (reached)", util::md_inline(str(t, "title")))
                                : fmt::format("{} ({} to go)", util::md_inline(str(t, "title")),
                                              plural(index - reached, "stage", "stages"));
    }
    out << fmt::format(
      "| {} | **{}** of {}{} | {} |\n", util::md_inline(str(ladder, "title")), stage_label(stage),
      steps, ladder.value("limited_by_missing_data", false) ? " (may be higher: data missing)" : "",
      target);
  }
  out << "\n### Verdict\n\n" << verdict(result) << "\n\n";

  out << "### The three biggest gaps\n\n";
  const auto gaps = biggest_gaps(result);
  if (gaps.empty()) {
    out << "No open gaps: every criterion up to the next stage and the target holds.\n";
  }
  for (std::size_t i = 0; i < gaps.size() && i < 3; ++i) {
    const Json& gap = *gaps[i].entry;
    out << fmt::format(
      "{}. **{}** is at {}; *{}* on {} needs {}: **{} points short**.\n", i + 1,
      dimension_title(result, gaps[i].dimension), one_decimal(*number(gap, "score")),
      util::md_inline(str(gap.at("stage"), "title")), ladder_title(result, gaps[i].ladder),
      plain_number(gap.at("threshold").get<double>()), one_decimal(gaps[i].gap));
  }
  const auto unknown = dimensions_without_data_in_gaps(result);
  if (!unknown.empty()) {
    std::vector<std::string> titles;
    for (const auto& id : unknown) {
      titles.push_back(dimension_title(result, id));
    }
    out << fmt::format("\nNot enough answers to judge {}.\n", join_titles(titles));
  }

  out << "\n### The three next steps\n\n";
  const auto& steps = result.at("next_steps");
  if (steps.empty()) {
    out << "The bank recommends nothing for these scores.\n";
  }
  for (std::size_t i = 0; i < steps.size() && i < 3; ++i) {
    const auto& step = steps[i];
    const std::string about =
      str(step, "kind") == "dimension"
        ? dimension_title(result, str(step, "dimension"))
        : fmt::format("reaching {}", util::md_inline(str(step.at("stage"), "title")));
    out << fmt::format("{}. {} *({}; effort: {})*\n", i + 1, util::md_inline(str(step, "text")),
                       about, bank::effort_label(step.at("effort").get<int>()));
  }

  out << "\n### Since last time\n\n";
  if (previous == nullptr) {
    out << "No earlier assessment was given. Keep this Result and render the next report with "
           "`--compare` to see the movement.\n";
  } else {
    render_movement_bullets(compare_results(*previous, result), out);
  }
  out << '\n';
}

void ladder_section(const Json& result, const Json& ladder, std::ostream& out)
{
  out << fmt::format("### {}\n\n", util::md_inline(str(ladder, "title")));
  if (!str(ladder, "description").empty()) {
    out << util::md_text(str(ladder, "description")) << "\n\n";
  }
  const auto reached = ladder.at("stage").at("index").get<std::size_t>();
  std::optional<std::size_t> target;
  if (!ladder.at("target").is_null()) {
    target = ladder.at("target").at("index").get<std::size_t>();
  }
  const auto& stages = ladder.at("stages");
  const auto& trace = ladder.at("trace");
  out << "| Step | Stage | Requires | Status |\n|---:|---|---|---|\n";
  for (std::size_t s = stages.size(); s-- > 0;) {
    std::string requires_text = "—";
    std::string status;
    if (s > 0) {
      const auto& stage = trace.at(s - 1);
      std::vector<std::string> rules;
      for (const auto& criterion : stage.at("criteria")) {
        rules.push_back(criterion_rule(result, criterion));
      }
      requires_text = rules.empty() ? "—" : rules.front();
      for (std::size_t i = 1; i < rules.size(); ++i) {
        requires_text += " · " + rules[i];
      }
      if (s <= reached) {
        status = "✔ met";
      } else if (stage.at("met").get<bool>()) {
        status = "⚠ holds, but a step below is missing";
      } else {
        status = "✘ not met";
      }
    } else if (reached > 0) {
      status = "✔"; // the starting point holds by definition
    }
    if (s == reached) {
      status += status.empty() ? "◀ **reached**" : " ◀ **reached**";
    }
    if (target && s == *target) {
      status += " ◎ target";
    }
    out << fmt::format("| {} | {} | {} | {} |\n", s, util::md_inline(str(stages.at(s), "title")),
                       requires_text, status);
  }

  out << "\n#### Why this stage\n\n";
  for (const auto& stage : trace) {
    const auto index = stage.at("stage").at("index").get<std::size_t>();
    const char* verdict_text = index <= reached              ? "met"
                               : stage.at("met").get<bool>() ? "holds, but does not count"
                                                             : "not met";
    out << fmt::format("- **{}** ({}):", util::md_inline(str(stage.at("stage"), "title")),
                       verdict_text);
    for (const auto& criterion : stage.at("criteria")) {
      out << fmt::format("\n  - {}", criterion_trace(result, criterion));
    }
    out << '\n';
  }
  if (ladder.value("limited_by_missing_data", false)) {
    out << "\nThe next stage could not be judged for lack of answers: the stage may be higher "
           "than shown.\n";
  }

  const auto& risks = ladder.at("risks");
  out << "\n#### Skipped-step risks\n\n";
  if (risks.empty()) {
    out << "None: no stage holds above one that does not.\n";
  }
  for (const auto& risk : risks) {
    std::vector<std::string> below;
    for (const auto& stage : risk.at("unmet_below")) {
      below.push_back(fmt::format("**{}**", util::md_inline(str(stage, "title"))));
    }
    out << fmt::format("- **{}** holds on its own, but {} beneath it {} not. A later step on "
                       "missing foundations is a risk, not progress: build the lower step{} "
                       "first.\n",
                       util::md_inline(str(risk.at("stage"), "title")), join_titles(below),
                       below.size() == 1 ? "does" : "do", below.size() == 1 ? "" : "s");
  }

  if (result.at("respondents").get<std::uint64_t>() > 1) {
    out << "\n#### Where individual respondents stand\n\n| Stage | Respondents | Share |  |\n"
           "|---|---:|---:|---|\n";
    for (const auto& entry : ladder.at("distribution")) {
      const double share = entry.at("share").get<double>();
      const auto index = entry.at("index").get<std::size_t>();
      out << fmt::format("| {} · {} | {} | {} | `{}` |\n", index,
                         util::md_inline(str(stages.at(index), "title")), count(entry, "count"),
                         percent(share), text_bar(share * 100, 10));
    }
  }
  out << '\n';
}

// Pairwise-complete covariances need not form a valid covariance matrix, so
// alpha can leave [0, 1] when few respondents answered both of some pair.
bool unstable(double alpha)
{
  return alpha < 0 || alpha > 1;
}

void profile_section(const Json& result, std::ostream& out)
{
  bool any_unstable = false;
  out << "## Dimension profile\n\nScores run from 0 to 100. n counts respondents with a score; "
         "α is Cronbach's alpha (internal consistency of the dimension's questions).\n\n"
         "| Dimension | Score | Profile | n | SD | 95% CI | α | Missing |\n"
         "|---|---:|---|---:|---:|---|---:|---:|\n";
  for (const auto& dimension : result.at("dimensions")) {
    const auto score = number(dimension, "score");
    std::string ci = "—";
    if (dimension.at("ci95").is_array()) {
      ci = fmt::format("{}–{}", one_decimal(dimension.at("ci95")[0].get<double>()),
                       one_decimal(dimension.at("ci95")[1].get<double>()));
    }
    const auto alpha = number(dimension, "alpha");
    const auto sd = number(dimension, "sd");
    std::string title = util::md_inline(str(dimension, "title"));
    if (dimension.contains("passed") && dimension.at("passed").is_boolean()) {
      title += dimension.at("passed").get<bool>() ? " (pass)" : " (**fail**)";
    }
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", title,
                       score ? one_decimal(*score) : "insufficient data",
                       score ? fmt::format("`{}`", text_bar(*score, 20)) : "",
                       count(dimension, "n"), score_or_dash(sd), ci,
                       alpha ? fmt::format("{:.2f}{}", *alpha, unstable(*alpha) ? " ⚠" : "") : "—",
                       percent(number(dimension, "missing_rate").value_or(0)));
    any_unstable = any_unstable || (alpha && unstable(*alpha));
  }
  if (any_unstable) {
    out << "\n⚠ An α outside 0–1 comes from too few respondents answering both questions of a "
           "pair; treat that dimension's consistency as unknown.\n";
  }
  out << '\n';
}

void groups_section(const Json& result, std::ostream& out)
{
  out << "## Perception gaps between groups\n\n";
  const auto& groups = result.at("groups");
  if (groups.empty()) {
    out << "No groups were compared. Score with `--group-by FIELD` (for example `--group-by "
           "role`) to see where leadership and customer-facing staff disagree.\n\n";
    return;
  }
  for (const auto& field : groups) {
    const auto& values = field.at("values");
    out << fmt::format("### By {}\n\n", util::md_inline(str(field, "field")));
    constexpr std::size_t k_max_columns = 6;
    if (values.size() <= k_max_columns) {
      out << "| Dimension |";
      std::string rule = "|---|";
      for (const auto& value : values) {
        out << fmt::format(" {} (n={}) |", group_value(str(value, "value")),
                           count(value, "respondents"));
        rule += "---:|";
      }
      out << '\n' << rule << '\n';
      const auto& dimensions = result.at("dimensions");
      for (std::size_t d = 0; d < dimensions.size(); ++d) {
        out << fmt::format("| {} |", util::md_inline(str(dimensions[d], "title")));
        for (const auto& value : values) {
          out << fmt::format(" {} |", score_or_dash(number(value.at("dimensions").at(d), "score")));
        }
        out << '\n';
      }
      out << '\n';
    } else {
      out << fmt::format("{} groups: too many for a table; the largest disagreements follow.\n\n",
                         values.size());
    }
    const auto& disagreements = field.at("disagreements");
    if (disagreements.empty()) {
      out << "No two groups both have scores to compare.\n\n";
      continue;
    }
    out << "Largest disagreements (Hedges' g: the difference in pooled standard deviations):\n\n";
    for (std::size_t i = 0; i < disagreements.size() && i < 5; ++i) {
      const auto& item = disagreements[i];
      const auto& a = item.at("a");
      const auto& b = item.at("b");
      const auto g = number(item, "hedges_g");
      out << fmt::format("- **{}**: {} {} (n={}) vs {} {} (n={}): {} points apart{}\n",
                         dimension_title(result, str(item, "dimension")),
                         group_value(str(a, "value")), one_decimal(*number(a, "mean")),
                         count(a, "n"), group_value(str(b, "value")),
                         one_decimal(*number(b, "mean")), count(b, "n"),
                         one_decimal(std::fabs(*number(item, "difference"))),
                         g ? fmt::format(", g = {:.2f} ({})", *g, magnitude(*g))
                           : std::string(", too few respondents for an effect size"));
    }
    out << '\n';
  }
}

void say_do_section(const Json& result, std::ostream& out)
{
  const auto& say_do = result.at("say_do_gap");
  out << "## Say–do gap\n\n";
  const auto gap = number(say_do, "gap");
  if (!gap) {
    out << "Not measured: it needs answers to both belief and practice questions.\n\n";
    return;
  }
  const auto belief = number(say_do.at("belief"), "mean");
  const auto practice = number(say_do.at("practice"), "mean");
  out << fmt::format("What people believe or claim scores {}; what demonstrably happens scores "
                     "{}. The say–do gap (belief minus practice, per respondent) is **{} "
                     "points**",
                     score_or_dash(belief), score_or_dash(practice), fmt::format("{:+.1f}", *gap));
  if (say_do.at("ci95").is_array()) {
    out << fmt::format(
      " (95% CI {} to {}, n = {})", fmt::format("{:+.1f}", say_do.at("ci95")[0].get<double>()),
      fmt::format("{:+.1f}", say_do.at("ci95")[1].get<double>()), count(say_do, "n"));
  }
  out << ".";
  if (*gap >= 10) {
    out << " Beliefs run well ahead of practice: the sign of an \"empty shell\", where "
           "customer-centricity is professed more than it is done.";
  } else if (*gap <= -10) {
    out << " Practice runs ahead of belief: people do more than they give the organisation "
           "credit for.";
  } else {
    out << " Belief and practice are broadly in line.";
  }
  out << "\n\n";
}

void data_quality_section(const Json& result, std::ostream& out)
{
  const auto& quality = result.at("data_quality");
  out << "## Data quality\n\n| | |\n|---|---|\n";
  out << fmt::format("| Respondents | {} ({} answered every question) |\n",
                     count(quality, "respondents"), count(quality, "complete"));
  out << fmt::format("| Questions left unanswered | {} |\n",
                     percent(number(quality, "missing_rate").value_or(0)));
  out << fmt::format("| Not applicable | {} |\n",
                     percent(number(quality, "not_applicable_rate").value_or(0)));
  out << fmt::format("| Don't know | {} |\n",
                     percent(number(quality, "dont_know_rate").value_or(0)));
  std::vector<std::string> no_score;
  for (const auto& id : quality.at("dimensions_without_score")) {
    no_score.push_back(dimension_title(result, id.get<std::string>()));
  }
  out << fmt::format("| Dimensions without a score | {} |\n",
                     no_score.empty() ? "none" : join_titles(no_score));
  std::vector<std::string> low;
  for (const auto& item : quality.at("low_alpha")) {
    low.push_back(fmt::format("{} ({:.2f})", dimension_title(result, str(item, "dimension")),
                              item.at("alpha").get<double>()));
  }
  out << fmt::format("| Low consistency (α < 0.7) | {} |\n",
                     low.empty() ? "none" : join_titles(low));
  double widths = 0;
  std::size_t with_ci = 0;
  for (const auto& dimension : result.at("dimensions")) {
    if (dimension.at("ci95").is_array()) {
      widths += (dimension.at("ci95")[1].get<double>() - dimension.at("ci95")[0].get<double>()) / 2;
      ++with_ci;
    }
  }
  out << fmt::format("| Confidence | {} |\n",
                     with_ci == 0
                       ? std::string("no intervals: fewer than two respondents")
                       : fmt::format("95% intervals are ±{} points on average",
                                     one_decimal(widths / static_cast<double>(with_ci))));
  out << '\n';
  if (count(quality, "respondents") == 1) {
    out << "With one respondent the figures are one person's view, not the organisation's: "
           "ask others too before acting on them.\n\n";
  } else if (quality.value("small_sample", false)) {
    out << fmt::format("With {} respondents the figures describe these people, not the "
                       "organisation at large: treat small differences as noise.\n\n",
                       count(quality, "respondents"));
  }
}

void method_section(const Json& result, std::ostream& out)
{
  out << "## Method\n\n"
         "- Each answer maps to its scale value v and is normalised to 0–100 as 100 × (v − "
         "min) / (max − min); reverse-keyed questions use 100 × (max − v) / (max − min).\n"
         "- \"Not applicable\" and \"don't know\" are left out, not counted as zero. A "
         "dimension's score is the weighted mean of its answered questions; with fewer than "
         "its minimum number of answers it has no score (\"insufficient data\").\n"
         "- The organisation's score on a dimension is the mean of the respondents' scores; "
         "SD, the 95% confidence interval (Student's t) and Cronbach's alpha (pairwise-complete "
         "covariances) describe their spread and consistency.\n"
         "- A stage counts only when its criteria and those of every stage below hold; a score "
         "exactly on a threshold reaches it. A stage that holds above an unmet one is a "
         "skipped-step risk.\n"
         "- Gaps are the distances from the scores to the thresholds of the next stage and of "
         "the target. Next steps are the bank's recommendations for the current scores, ranked "
         "by gap × weight ÷ effort, where weight counts the unmet stage criteria a step "
         "addresses (the next stage fully, later ones less).\n"
         "- The say–do gap is each respondent's mean on belief questions minus their mean on "
         "practice questions, averaged.\n"
         "- Group disagreements are differences of group means with Hedges' g.\n\n";
  out << fmt::format("Result schema `{}`, bank `{}` version {}. The full method, with a worked "
                     "example, is in docs/scoring.md.\n",
                     util::md_inline(str(result, "schema")),
                     util::md_inline(str(result.at("bank"), "id")),
                     util::md_inline(str(result.at("bank"), "version")));
}

} // namespace

std::string text_bar(double score, std::size_t width)
{
  static const char* const k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  const double clamped = std::clamp(score, 0.0, 100.0);
  const auto eighths =
    static_cast<std::size_t>(std::llround(clamped / 100 * static_cast<double>(width) * 8));
  std::string out;
  const std::size_t full = eighths / 8;
  for (std::size_t i = 0; i < full; ++i) {
    out += "█";
  }
  std::size_t used = full;
  if (eighths % 8 != 0) {
    out += k_eighths[eighths % 8];
    ++used;
  }
  for (; used < width; ++used) {
    out += "░";
  }
  return out;
}

std::string verdict(const Json& result)
{
  std::vector<std::string> sentences;
  const auto& ladders = result.at("ladders");
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    const auto& ladder = ladders[l];
    const auto& stage = ladder.at("stage");
    const auto reached = stage.at("index").get<std::size_t>();
    const std::size_t steps = ladder.at("stages").size() - 1;
    std::string sentence =
      l == 0
        ? fmt::format("On {} the organisation stands at **{}** (stage {} of {})",
                      util::md_inline(str(ladder, "title")), util::md_inline(str(stage, "title")),
                      reached, steps)
        : fmt::format("On {} it stands at **{}** ({} of {})", util::md_inline(str(ladder, "title")),
                      util::md_inline(str(stage, "title")), reached, steps);
    if (!ladder.at("target").is_null()) {
      const auto& target = ladder.at("target");
      const auto index = target.at("index").get<std::size_t>();
      sentence += reached >= index ? fmt::format(", at or beyond its target of {}",
                                                 util::md_inline(str(target, "title")))
                                   : fmt::format(", {} short of its target of {}",
                                                 plural(index - reached, "stage", "stages"),
                                                 util::md_inline(str(target, "title")));
    }
    sentences.push_back(sentence + ".");
    if (!ladder.at("risks").empty()) {
      const auto& risk = ladder.at("risks")[0];
      sentences.push_back(fmt::format(
        "Watch the foundations: {} already holds while {} beneath it does not, a step taken "
        "out of order.",
        util::md_inline(str(risk.at("stage"), "title")),
        util::md_inline(str(risk.at("unmet_below")[0], "title"))));
    }
  }
  const auto gaps = biggest_gaps(result);
  if (!gaps.empty()) {
    const Json& gap = *gaps[0].entry;
    sentences.push_back(
      fmt::format("The largest shortfall is {}, {} points below what {} requires.",
                  dimension_title(result, gaps[0].dimension), one_decimal(gaps[0].gap),
                  util::md_inline(str(gap.at("stage"), "title"))));
  }
  const auto say_do = number(result.at("say_do_gap"), "gap");
  if (say_do && *say_do >= 10) {
    sentences.push_back(fmt::format("Beliefs run {} points ahead of practice, the mark of an "
                                    "empty shell.",
                                    one_decimal(*say_do)));
  }
  for (const auto& field : result.at("groups")) {
    const auto& disagreements = field.at("disagreements");
    if (disagreements.empty()) {
      continue;
    }
    const auto& top = disagreements[0];
    const auto g = number(top, "hedges_g");
    if (g && std::fabs(*g) >= 0.8) {
      sentences.push_back(fmt::format("{} and {} see {} very differently ({} points apart).",
                                      group_value(str(top.at("a"), "value")),
                                      group_value(str(top.at("b"), "value")),
                                      dimension_title(result, str(top, "dimension")),
                                      one_decimal(std::fabs(*number(top, "difference")))));
    }
  }
  const auto& quality = result.at("data_quality");
  if (!quality.at("dimensions_without_score").empty()) {
    sentences.push_back(fmt::format(
      "{} could not be scored for lack of answers.",
      plural(quality.at("dimensions_without_score").size(), "dimension", "dimensions")));
  }
  if (count(quality, "respondents") == 1) {
    sentences.push_back("With one respondent, this is one person's view.");
  } else if (quality.value("small_sample", false)) {
    sentences.push_back(fmt::format("With {} respondents, read this as the view of those who "
                                    "answered.",
                                    count(quality, "respondents")));
  }
  std::string out;
  for (const auto& sentence : sentences) {
    out += out.empty() ? "" : " ";
    out += sentence;
  }
  return out;
}

void render_markdown(const Json& result, std::ostream& out, const Json* previous)
{
  const auto& bank = result.at("bank");
  out << fmt::format("# Customer-centricity report: {}\n\n", util::md_inline(str(bank, "title")));
  out << fmt::format(
    "{} · bank `{}` version {} · generated {}\n\n",
    plural(result.at("respondents").get<std::uint64_t>(), "respondent", "respondents"),
    util::md_inline(str(bank, "id")), util::md_inline(str(bank, "version")),
    util::md_inline(str(result, "generated_at")));
  first_screen(result, out, previous);
  out << "## The ladders in detail\n\n";
  for (const auto& ladder : result.at("ladders")) {
    ladder_section(result, ladder, out);
  }
  profile_section(result, out);
  groups_section(result, out);
  say_do_section(result, out);
  data_quality_section(result, out);
  method_section(result, out);
}

} // namespace centricity::report
