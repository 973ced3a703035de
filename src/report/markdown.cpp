// The leadership report in markdown. It is written for the people who act
// on it: a first screen a COO reads (the headline, each lens in plain words,
// the three first steps, the findings), then the roadmap, then the detail
// and the statistics for those who check. Every number shown comes from the
// Result; nothing is re-scored here.

#include "report_words.hpp"

#include <centricity/bank/model.hpp>
#include <centricity/report/compare.hpp>
#include <centricity/report/default_template.hpp>
#include <centricity/report/fields.hpp>
#include <centricity/report/render.hpp>
#include <centricity/report/template.hpp>
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
using namespace words; // NOLINT: the report's own vocabulary

using fields::number;
using fields::one_decimal;
using fields::str;

void first_steps(const Json& result, std::ostream& out)
{
  const auto& steps = result.at("next_steps");
  out << "### What to do first\n\n";
  if (steps.empty()) {
    out << "Nothing falls short of the bank's thresholds: see \"Keep what works\" in the "
           "roadmap.\n\n";
    return;
  }
  for (std::size_t i = 0; i < steps.size() && i < 3; ++i) {
    const auto& step = steps[i];
    std::string facts;
    if (!str(step, "owner").empty()) {
      facts += fmt::format("Owner: {} · ", owner_of(step));
    }
    facts += fmt::format("Effort: {}", effort_of(step));
    if (!cite_of(step).empty()) {
      facts += fmt::format(" · Source: {}", cite_of(step));
    }
    out << fmt::format("{}. **{}** — {}  \n   *{}*\n", i + 1, step_about(result, step),
                       util::md_inline(str(step, "text")), facts);
  }
  if (steps.size() > 3) {
    out << fmt::format("\nThe roadmap below orders all {} steps.\n", steps.size());
  }
  out << '\n';
}

// --- sections --------------------------------------------------------------

void summary_section(const Json& result, std::ostream& out, const Json* previous)
{
  out << "## Summary\n\n" << headline_sentence(result) << "\n\n";
  out << "| Lens | Where it stands | What comes next |\n|---|---|---|\n";
  for (const auto* ladder : lenses(result)) {
    const auto [where, next] = lens_words(result, *ladder);
    out << fmt::format("| {} | **{}** | {} |\n", util::md_inline(str(*ladder, "title")), where,
                       next);
  }
  out << '\n';
  first_steps(result, out);
  const auto bullets = finding_bullets(result);
  if (!bullets.empty()) {
    out << "### What the answers show\n\n";
    for (const auto& bullet : bullets) {
      out << "- " << bullet << '\n';
    }
    out << '\n';
  }
  if (previous != nullptr) {
    out << "### Since last time\n\n";
    render_movement_bullets(compare_results(*previous, result), out);
    out << '\n';
  }
}

void roadmap_section(const Json& result, std::ostream& out)
{
  out << "## Roadmap\n\n";
  const auto& steps = result.at("next_steps");
  const Json* roadmap = result.contains("roadmap") ? &result.at("roadmap") : nullptr;
  if (steps.empty()) {
    out << "No step falls short.\n\n";
  } else {
    out << "Every step the answers call for, in order. A phase holds what a leadership team can "
           "drive at once; each step names who leads it.\n\n";
  }
  const auto phase_of = [](const Json& step) {
    return step.contains("phase") && step.at("phase").is_number_integer()
             ? step.at("phase").get<int>()
             : 1;
  };
  static const char* const k_titles[] = {"First 100 days", "Next 100 days", "Later"};
  for (int phase = 1; phase <= 3 && !steps.empty(); ++phase) {
    bool header = false;
    for (const auto& step : steps) {
      if (phase_of(step) != phase) {
        continue;
      }
      if (!header) {
        out << fmt::format("### {}\n\n| # | Step | About | Owner | Effort |\n"
                           "|---:|---|---|---|---|\n",
                           k_titles[phase - 1]);
        header = true;
      }
      out << fmt::format("| {} | {} | {} | {} | {} |\n", count(step, "rank"),
                         util::md_inline(str(step, "text")), step_about(result, step),
                         owner_of(step), effort_of(step));
    }
    if (header) {
      out << '\n';
    }
  }
  if (roadmap != nullptr && !list(*roadmap, "keep").empty()) {
    out << "### Keep what works\n\nWhat is in place, and how to keep it there.\n\n"
           "| In place | How to keep it | Owner | Effort |\n|---|---|---|---|\n";
    for (const auto& step : list(*roadmap, "keep")) {
      out << fmt::format("| {} | {} | {} | {} |\n", step_about(result, step),
                         util::md_inline(str(step, "text")), owner_of(step), effort_of(step));
    }
    out << '\n';
  }
}

void ladder_section(const Json& result, const Json& ladder, std::ostream& out)
{
  out << fmt::format("### {}\n\n", util::md_inline(str(ladder, "title")));
  if (!str(ladder, "description").empty()) {
    out << util::md_text(str(ladder, "description")) << "\n\n";
  }
  const auto reached = index_of(ladder.at("stage"));
  std::optional<std::size_t> target;
  if (!ladder.at("target").is_null()) {
    target = index_of(ladder.at("target"));
    out << fmt::format("Target: **{}** ({}).", util::md_inline(str(ladder.at("target"), "title")),
                       target_origin(ladder.at("target")));
  } else {
    out << "No target chosen: the report looks one stage ahead.";
  }
  if (ladder.contains("choice") && ladder.at("choice").is_object()) {
    const auto& choice = ladder.at("choice");
    std::vector<std::string> votes;
    for (const auto& vote : list(choice, "votes")) {
      votes.push_back(fmt::format("{} chose {}", count(vote, "count"),
                                  util::md_inline(str(vote.at("stage"), "title"))));
    }
    if (count(choice, "undecided") > 0) {
      votes.push_back(fmt::format("{} not decided", count(choice, "undecided")));
    }
    if (!votes.empty()) {
      out << fmt::format(" Asked which stage the leadership has chosen: {}{}.", join_titles(votes),
                         choice.at("chosen").is_null() ? " (no majority, so no choice counts)"
                                                       : "");
    }
  }
  out << "\n\n";
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
    const auto index = index_of(stage.at("stage"));
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
  if (!risks.empty()) {
    out << "\n#### Skipped-step risks\n\n";
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

void findings_section(const Json& result, std::ostream& out)
{
  out << "## Beliefs, practice and findings\n\n";
  const auto& say_do = result.at("say_do_gap");
  const auto gap = number(say_do, "gap");
  out << "### Say and do\n\n";
  if (!gap) {
    out << "Not measured: it needs answers to beliefs and to the practice they profess.\n\n";
  } else {
    const auto belief = number(say_do.at("belief"), "mean");
    const auto practice = number(say_do.at("practice"), "mean");
    out << fmt::format("What people profess about customers scores {}; what demonstrably happens "
                       "in the same areas scores {}. Belief runs **{} points** {} practice",
                       score_or_dash(belief), score_or_dash(practice), one_decimal(std::fabs(*gap)),
                       *gap >= 0 ? "ahead of" : "behind");
    if (say_do.at("ci95").is_array()) {
      out << fmt::format(" (95% interval {:+.1f} to {:+.1f}, {})",
                         say_do.at("ci95")[0].get<double>(), say_do.at("ci95")[1].get<double>(),
                         plural(count(say_do, "n"), "respondent", "respondents"));
    }
    out << ". ";
    const auto& shell = say_do.contains("empty_shell") ? say_do.at("empty_shell") : Json(nullptr);
    if (shell.is_boolean() && shell.get<bool>()) {
      out << "Practice falls short while belief runs clearly ahead: the mark of an empty shell.";
    } else if (practice && *practice >= 60) {
      out << "Practice is strong, so this is not an empty shell, whatever the beliefs.";
    } else if (*gap >= 10) {
      out << "Belief runs ahead, but not clearly enough to call it an empty shell.";
    } else {
      out << "Belief and practice are broadly in line.";
    }
    out << "\n\n";
    const auto& dimensions = list(say_do, "dimensions");
    if (!dimensions.empty()) {
      out << "| Area | Professed | Practised | Gap |\n|---|---:|---:|---:|\n";
      for (const auto& item : dimensions) {
        const auto dimension_gap = number(item, "gap");
        out << fmt::format(
          "| {} | {} | {} | {} |\n", dimension_title(result, str(item, "dimension")),
          score_or_dash(number(item, "belief")), score_or_dash(number(item, "practice")),
          dimension_gap ? fmt::format("{:+.1f}", *dimension_gap) : "—");
      }
      out << '\n';
    }
  }
  if (result.contains("misconceptions") && count(result.at("misconceptions"), "asked") > 0) {
    const auto& m = result.at("misconceptions");
    out << fmt::format("### Misconceptions\n\n{} of {} held: a statement counts as held when, on "
                       "average, respondents agree with it.\n\n"
                       "| Statement | Held | Agreeing |\n|---|---|---:|\n",
                       count(m, "held"), count(m, "judged"));
    for (const auto& item : list(m, "items")) {
      const auto& held = item.at("held");
      out << fmt::format(
        "| {} | {} | {} |\n", util::md_inline(str(item, "text")),
        held.is_boolean() ? (held.get<bool>() ? "**held**" : "no") : "not enough answers",
        count(item, "answered") > 0 ? percent(number(item, "agreeing").value_or(0)) : "—");
    }
    out << '\n';
  }
  const auto& findings = list(result, "findings");
  if (!findings.empty()) {
    out << "### Patterns the bank looks for\n\n";
    for (const auto& finding : findings) {
      const std::string status = str(finding, "status");
      const char* verdict_text = status == "holds"             ? "**holds**"
                                 : status == "not_enough_data" ? "not enough answers to tell"
                                                               : "not seen";
      out << fmt::format("- **{}** ({} severity): {}.", util::md_inline(str(finding, "title")),
                         util::md_inline(str(finding, "severity")), verdict_text);
      if (status == "holds") {
        out << ' ' << util::md_text(str(finding, "message"));
      }
      out << (cite_of(finding).empty() ? std::string("\n")
                                       : fmt::format(" *Source: {}.*\n", cite_of(finding)));
    }
    out << '\n';
  }
}

void groups_section(const Json& result, std::ostream& out)
{
  const auto& groups = result.at("groups");
  if (groups.empty()) {
    return; // nothing to compare: no filler
  }
  out << "## Who says what\n\n";
  for (const auto& field : groups) {
    const auto& values = field.at("values");
    out << fmt::format("### By {}\n\n", util::md_inline(str(field, "field")));
    const std::string sentence = contrast_sentence(field);
    if (!sentence.empty()) {
      out << sentence << "\n\n";
    }
    constexpr std::size_t k_max_columns = 6;
    if (values.size() <= k_max_columns) {
      // Each group's stage on every lens, side by side.
      out << "| Lens |";
      std::string rule = "|---|";
      for (const auto& value : values) {
        out << fmt::format(" {} (n={}) |", group_value(str(value, "value")),
                           count(value, "respondents"));
        rule += "---|";
      }
      out << " Organisation |\n" << rule << "---|\n";
      for (const auto* ladder : lenses(result)) {
        out << fmt::format("| {} |", util::md_inline(str(*ladder, "title")));
        for (const auto& value : values) {
          const Json* own = find_id(list(value, "ladders"), str(*ladder, "id"));
          out << fmt::format(" {} |",
                             own != nullptr ? stage_label(own->at("stage")) : std::string("—"));
        }
        out << fmt::format(" {} |\n", stage_label(ladder->at("stage")));
      }
      out << '\n';
    } else {
      out << fmt::format("{} groups: too many for a table; the largest differences follow.\n\n",
                         values.size());
    }
    for (const auto& item : list(field, "mix")) {
      out << fmt::format("⚠ The organisation's stage on {} depends on who answered: {} as "
                         "answered, {} if every {} counted equally.\n\n",
                         ladder_title(result, str(item, "ladder")),
                         util::md_inline(str(item.at("stage"), "title")),
                         util::md_inline(str(item.at("equal_weights"), "title")),
                         util::md_inline(str(field, "field")));
    }
    // The largest difference per dimension, in words, one line each.
    std::vector<std::string> seen;
    std::vector<std::string> lines;
    for (const auto& item : field.at("disagreements")) {
      const std::string id = str(item, "dimension");
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
        continue;
      }
      seen.push_back(id);
      const auto& a = item.at("a");
      const auto& b = item.at("b");
      const double difference = *number(item, "difference");
      const auto& high = difference >= 0 ? a : b;
      const auto& low = difference >= 0 ? b : a;
      const auto g = number(item, "hedges_g");
      lines.push_back(
        fmt::format("- **{}**: {} rates it {} points lower than {} ({} against "
                    "{}){}",
                    dimension_title(result, id), group_value(str(low, "value")),
                    one_decimal(std::fabs(difference)), group_value(str(high, "value")),
                    one_decimal(*number(low, "mean")), one_decimal(*number(high, "mean")),
                    g ? fmt::format(": a {} difference", magnitude(*g))
                      : std::string(": too few respondents to size it")));
      if (lines.size() == 5) {
        break;
      }
    }
    if (!lines.empty()) {
      out << "Largest differences:\n\n";
      for (const auto& line : lines) {
        out << line << '\n';
      }
      out << '\n';
    }
  }
}

void profile_section(const Json& result, std::ostream& out)
{
  out << "## Dimension profile\n\nScores run from 0 to 100; 60 or more is in place, 40 to 60 "
         "partly there.\n\n| Dimension | Score | Profile | In words |\n|---|---:|---|---|\n";
  for (const auto& dimension : result.at("dimensions")) {
    const auto score = number(dimension, "score");
    std::string title = util::md_inline(str(dimension, "title"));
    std::string words = score ? score_words(*score) : "not enough answers";
    if (dimension.contains("passed") && dimension.at("passed").is_boolean()) {
      words = dimension.at("passed").get<bool>() ? "passes its mark" : "**below its mark**";
    }
    out << fmt::format("| {} | {} | {} | {} |\n", title,
                       score ? one_decimal(*score) : "insufficient data",
                       score ? fmt::format("`{}`", text_bar(*score, 20)) : "", words);
  }
  out << '\n';
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
  out << fmt::format("| Same answer nearly throughout | {} |\n",
                     plural(count(quality, "straight_lining"), "respondent", "respondents"));
  out << fmt::format("| Agreed with statements and their opposites | {} |\n",
                     plural(count(quality, "acquiescent"), "respondent", "respondents"));
  if (count(quality, "careless_excluded") > 0) {
    out << fmt::format("| Left out as careless | {} |\n",
                       plural(count(quality, "careless_excluded"), "respondent", "respondents"));
  }
  std::vector<std::string> no_score;
  for (const auto& id : quality.at("dimensions_without_score")) {
    no_score.push_back(dimension_title(result, id.get<std::string>()));
  }
  out << fmt::format("| Dimensions without a score | {} |\n",
                     no_score.empty() ? "none" : join_titles(no_score));
  std::vector<std::string> low;
  for (const auto& item : quality.at("low_alpha")) {
    low.push_back(dimension_title(result, str(item, "dimension")));
  }
  out << fmt::format("| Questions that do not hang together | {} |\n",
                     low.empty() ? "none" : join_titles(low));
  out << '\n';
  if (count(quality, "straight_lining") + count(quality, "acquiescent") > 0
      && count(quality, "careless_excluded") == 0) {
    out << "Answers like these say little about the organisation. Score again with "
           "`--exclude-careless` to leave them out and see whether the verdicts change.\n\n";
  }
  if (quality.contains("minimum_coverage") && count(quality, "respondents") > 1) {
    out << fmt::format("A criterion, risk or finding of the organisation needs scores from at "
                       "least {} of the {} respondents; with fewer it reads \"not enough "
                       "respondents answered\". A score whose 95% interval contains its "
                       "threshold is \"too close to call\".\n\n",
                       count(quality, "minimum_coverage"), count(quality, "respondents"));
  }
}

void method_section(const Json& result, std::ostream& out)
{
  out << "## Method and statistics\n\n"
         "- Each answer maps to its scale value v and is normalised to 0–100 as 100 × (v − "
         "min) / (max − min); reverse-keyed questions use 100 × (max − v) / (max − min).\n"
         "- \"Not applicable\" and \"don't know\" are left out, not counted as zero. A "
         "dimension's score is the weighted mean of its answered questions; with fewer than "
         "its minimum number of answers it has no score (\"insufficient data\").\n"
         "- The organisation's score on a dimension is the mean of the respondents' scores, "
         "with its 95% confidence interval (Student's t); Cronbach's alpha (pairwise-complete "
         "covariances) says how well the dimension's questions hang together.\n"
         "- A stage counts only when its criteria and those of every stage below hold; a score "
         "exactly on a threshold reaches it. A stage that holds above an unmet one is a "
         "skipped-step risk.\n"
         "- Next steps are ranked by gap × weight ÷ effort: each stage up to the target (or "
         "the next stage) weighs 1, divided by its distance and shared among the dimensions "
         "that block it; failed checks share one stage's weight; findings weigh by severity. "
         "The headline ladder's best step comes first, and the first three also cover a "
         "high-severity finding, the largest gap and more than one lens.\n"
         "- The say–do gap is, per respondent, the mean of the beliefs that profess an area "
         "minus the mean of that area's practice questions; it is an empty shell when belief "
         "leads by 10 points or more, practice is below 60 and the interval of the gap lies "
         "above zero.\n"
         "- Group differences are differences of group means, sized with Hedges' g.\n\n";
  out << "| Dimension | n | Mean | SD | 95% CI | α | Missing |\n"
         "|---|---:|---:|---:|---|---:|---:|\n";
  bool any_unstable = false;
  for (const auto& dimension : result.at("dimensions")) {
    std::string ci = "—";
    if (dimension.at("ci95").is_array()) {
      ci = fmt::format("{}–{}", one_decimal(dimension.at("ci95")[0].get<double>()),
                       one_decimal(dimension.at("ci95")[1].get<double>()));
    }
    const auto alpha = number(dimension, "alpha");
    const bool unstable = alpha && (*alpha < 0 || *alpha > 1);
    any_unstable = any_unstable || unstable;
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n",
                       util::md_inline(str(dimension, "title")), count(dimension, "n"),
                       score_or_dash(number(dimension, "score")),
                       score_or_dash(number(dimension, "sd")), ci,
                       alpha ? fmt::format("{:.2f}{}", *alpha, unstable ? " ⚠" : "") : "—",
                       percent(number(dimension, "missing_rate").value_or(0)));
  }
  if (any_unstable) {
    out << "\n⚠ An α outside 0–1 comes from too few respondents answering both questions of a "
           "pair; treat that dimension's consistency as unknown.\n";
  }
  for (const auto& field : result.at("groups")) {
    const auto& disagreements = field.at("disagreements");
    if (disagreements.empty()) {
      continue;
    }
    out << fmt::format("\nLargest differences by {} (Hedges' g: the difference in pooled "
                       "standard deviations):\n\n| Dimension | Groups | Means | Difference | g |\n"
                       "|---|---|---|---:|---:|\n",
                       util::md_inline(str(field, "field")));
    for (const auto& item : disagreements) {
      const auto g = number(item, "hedges_g");
      out << fmt::format(
        "| {} | {} (n={}) · {} (n={}) | {} · {} | {} | {} |\n",
        dimension_title(result, str(item, "dimension")), group_value(str(item.at("a"), "value")),
        count(item.at("a"), "n"), group_value(str(item.at("b"), "value")), count(item.at("b"), "n"),
        one_decimal(*number(item.at("a"), "mean")), one_decimal(*number(item.at("b"), "mean")),
        fmt::format("{:+.1f}", *number(item, "difference")), g ? fmt::format("{:.2f}", *g) : "—");
    }
  }
  out << fmt::format("\nResult schema `{}`, bank `{}` version {}. The full method, with a worked "
                     "example, is in docs/scoring.md.\n\n",
                     util::md_inline(str(result, "schema")),
                     util::md_inline(str(result.at("bank"), "id")),
                     util::md_inline(str(result.at("bank"), "version")));
}

void sources_section(const Json& result, std::ostream& out)
{
  std::vector<std::string> cites;
  const auto collect = [&](const Json& items) {
    for (const auto& item : items) {
      const std::string cite = str(item, "cite");
      if (!cite.empty() && std::find(cites.begin(), cites.end(), cite) == cites.end()) {
        cites.push_back(cite);
      }
    }
  };
  collect(result.at("next_steps"));
  if (result.contains("roadmap")) {
    collect(list(result.at("roadmap"), "keep"));
  }
  collect(list(result, "findings"));
  if (cites.empty()) {
    return;
  }
  out << "## Sources\n\nThe recommendations and findings above draw on:\n\n";
  for (const auto& cite : cites) {
    out << "- " << util::md_inline(cite) << '\n';
  }
  out << '\n';
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
  std::string out = headline_sentence(result);
  for (const auto& bullet : finding_bullets(result)) {
    out += " " + bullet;
  }
  return out;
}

void render_markdown(const Json& result, std::ostream& out, const Json* previous)
{
  out << render_template(k_default_template, result, previous, "built-in report");
}

void render_report_sections(const Json& result, std::ostream& out, const Json* previous)
{
  const auto& bank = result.at("bank");
  out << fmt::format("# Customer-centricity report: {}\n\n", util::md_inline(str(bank, "title")));
  out << fmt::format(
    "{} · bank `{}` version {} · generated {}\n\n",
    plural(result.at("respondents").get<std::uint64_t>(), "respondent", "respondents"),
    util::md_inline(str(bank, "id")), util::md_inline(str(bank, "version")),
    util::md_inline(str(result, "generated_at")));
  summary_section(result, out, previous);
  roadmap_section(result, out);
  out << "## The lenses in detail\n\n";
  for (const auto* ladder : lenses(result)) {
    ladder_section(result, *ladder, out);
  }
  findings_section(result, out);
  groups_section(result, out);
  profile_section(result, out);
  data_quality_section(result, out);
  method_section(result, out);
  sources_section(result, out);
}

} // namespace centricity::report
