#include "report_words.hpp"

#include <centricity/bank/model.hpp>
#include <centricity/util/markdown.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace centricity::report::words {

using fields::number;
using fields::one_decimal;
using fields::str;

// --- reading the Result ----------------------------------------------------

std::uint64_t count(const Json& object, const char* key)
{
  const auto it = object.find(key);
  return it != object.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

// The array at `object[key]`, or an empty one: Results written before a
// field existed still render.
const Json& list(const Json& object, const char* key)
{
  static const Json empty = Json::array();
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

const Json* find_id(const Json& items, const std::string& id)
{
  for (const auto& item : items) {
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

std::size_t index_of(const Json& stage)
{
  return stage.at("index").get<std::size_t>();
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
  return fmt::format("{} · {}", index_of(stage), util::md_inline(str(stage, "title")));
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

std::string capitalised(std::string text)
{
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') {
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  }
  return text;
}

// A dimension score in words, by the bank's usual bands.
const char* score_words(double score)
{
  if (score >= 60 - 1e-9) {
    return "in place";
  }
  if (score >= 40 - 1e-9) {
    return "partly there";
  }
  return "not started";
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

std::string interval_text(const Json& result, const std::string& dimension_id)
{
  const Json* dimension = find_id(result.at("dimensions"), dimension_id);
  if (dimension == nullptr || !dimension->contains("ci95") || !dimension->at("ci95").is_array()) {
    return {};
  }
  const auto& ci = dimension->at("ci95");
  return fmt::format("95% interval {}–{}", one_decimal(ci[0].get<double>()),
                     one_decimal(ci[1].get<double>()));
}

// "✔ Direct contact 62.5 ≥ 50 (+12.5)" and friends, for "why this stage".
std::string criterion_trace(const Json& result, const Json& criterion)
{
  const std::string status = str(criterion, "status");
  if (str(criterion, "kind") == "dimension") {
    const std::string id = str(criterion, "dimension");
    const std::string title = dimension_title(result, id);
    const double threshold = criterion.at("threshold").get<double>();
    if (status == "not_applicable") {
      return fmt::format("✘ {}: not in place (most answered \"not applicable\"), needs {}", title,
                         plain_number(threshold));
    }
    if (status == "no_data") {
      if (str(criterion, "no_data") == "too_few_answered") {
        return fmt::format("? {}: not enough respondents answered ({} of {}), needs {}", title,
                           count(criterion, "respondents"), count(result, "respondents"),
                           plain_number(threshold));
      }
      return fmt::format("? {}: insufficient data (needs {})", title, plain_number(threshold));
    }
    const double score = *number(criterion, "score");
    const double margin = *number(criterion, "margin");
    std::string text;
    if (status == "met") {
      text = fmt::format("✔ {} {} ≥ {} ({})", title, one_decimal(score), plain_number(threshold),
                         margin < 0.05 ? std::string("exactly on it")
                                       : fmt::format("+{}", one_decimal(margin)));
    } else {
      text = fmt::format("✘ {} {}, needs {}: {} short", title, one_decimal(score),
                         plain_number(threshold), one_decimal(-margin));
    }
    if (criterion.value("borderline", false)) {
      text += fmt::format(" — too close to call ({})", interval_text(result, id));
    }
    return text;
  }
  return fmt::format("{} {} at least {} (reached {})", status == "met" ? "✔" : "✘",
                     ladder_title(result, str(criterion, "ladder")),
                     util::md_inline(str(criterion.at("stage"), "title")),
                     util::md_inline(str(criterion.at("reached"), "title")));
}

// --- the lenses ------------------------------------------------------------

// Ladders in the order the report tells them: the headline first.
std::vector<const Json*> lenses(const Json& result)
{
  std::vector<const Json*> out;
  for (const auto& ladder : result.at("ladders")) {
    if (ladder.value("headline", false)) {
      out.insert(out.begin(), &ladder);
    } else {
      out.push_back(&ladder);
    }
  }
  return out;
}

const Json* headline_ladder(const Json& result)
{
  const auto all = lenses(result);
  return all.empty() ? nullptr : all.front();
}

// A ladder with one stage of several criteria is a test of independent
// checks ("passed 2 of 4"), not a sequence of steps.
bool is_test(const Json& ladder)
{
  const auto& trace = ladder.at("trace");
  return trace.size() == 1 && trace[0].at("criteria").size() > 1;
}

// The criteria of the first stage above the one reached, or nullptr.
const Json* next_stage(const Json& ladder)
{
  const auto reached = index_of(ladder.at("stage"));
  const auto& trace = ladder.at("trace");
  return reached < trace.size() ? &trace[reached] : nullptr;
}

// The criterion that most keeps `stage` from holding: the largest shortfall,
// else one without data.
const Json* main_blocker(const Json& stage)
{
  const Json* out = nullptr;
  double largest = -1;
  for (const auto& criterion : stage.at("criteria")) {
    const std::string status = str(criterion, "status");
    if (status == "met") {
      continue;
    }
    const double shortfall = status == "not_applicable"    ? criterion.at("threshold").get<double>()
                             : number(criterion, "margin") ? -*number(criterion, "margin")
                                                           : -0.5;
    if (shortfall > largest) {
      largest = shortfall;
      out = &criterion;
    }
  }
  return out;
}

// "Coordinator is at 31.5, needs 60" in words, for one criterion; the
// dimension is "it" when `it` names it already.
std::string blocker_words(const Json& result, const Json& criterion, const std::string& it)
{
  if (str(criterion, "kind") != "dimension") {
    return fmt::format("{} must reach {} first", ladder_title(result, str(criterion, "ladder")),
                       util::md_inline(str(criterion.at("stage"), "title")));
  }
  std::string title = dimension_title(result, str(criterion, "dimension"));
  if (title == it) {
    title = "it";
  }
  const std::string status = str(criterion, "status");
  const double threshold = criterion.at("threshold").get<double>();
  if (status == "not_applicable") {
    return fmt::format("{} is not in place (answered \"not applicable\")", title);
  }
  if (status == "no_data") {
    return str(criterion, "no_data") == "too_few_answered"
             ? fmt::format("{}: not enough respondents answered", title)
             : fmt::format("{}: not enough answers to judge", title);
  }
  const double score = *number(criterion, "score");
  if (criterion.value("borderline", false)) {
    return fmt::format("{} is at {}: too close to call against {}", title, one_decimal(score),
                       plain_number(threshold));
  }
  return fmt::format("{} is at {}, needs {}", title, one_decimal(score), plain_number(threshold));
}

// Where the target came from, in words; `brief` for a table cell.
std::string target_origin(const Json& target, bool brief)
{
  const std::string source = str(target, "source");
  if (source == "answers") {
    return "chosen by the leadership";
  }
  if (source == "command line") {
    return "set for this report";
  }
  return brief ? "the bank's default" : "the bank's default: the leadership has not chosen";
}

bool target_reached(const Json& ladder)
{
  const auto& target = ladder.at("target");
  return !target.is_null() && index_of(ladder.at("stage")) >= index_of(target);
}

// One row of the lens table: where the ladder stands and what is next.
std::pair<std::string, std::string> lens_words(const Json& result, const Json& ladder)
{
  const auto& stage = ladder.at("stage");
  const auto reached = index_of(stage);
  const std::size_t steps = ladder.at("stages").size() - 1;
  std::string where;
  if (is_test(ladder)) {
    const auto& criteria = ladder.at("trace")[0].at("criteria");
    std::size_t passed = 0;
    for (const auto& criterion : criteria) {
      passed += str(criterion, "status") == "met" ? 1U : 0U;
    }
    where = fmt::format("{} of {} passed", passed, criteria.size());
  } else if (reached == 0) {
    where = util::md_inline(str(stage, "title"));
  } else {
    where = fmt::format("{} ({} of {})", util::md_inline(str(stage, "title")), reached, steps);
  }
  std::string next;
  const auto& target = ladder.at("target");
  if (!target.is_null() && target_reached(ladder)) {
    next = fmt::format("target {} reached ({}): hold it and align to it",
                       util::md_inline(str(target, "title")), target_origin(target));
  } else if (const Json* stage_next = next_stage(ladder); stage_next == nullptr) {
    next = "the last stage: keep it";
  } else {
    std::vector<std::string> short_of;
    if (is_test(ladder)) {
      for (const auto& criterion : stage_next->at("criteria")) {
        if (str(criterion, "status") != "met") {
          short_of.push_back(dimension_title(result, str(criterion, "dimension")));
        }
      }
      next = fmt::format("failing: {}", join_titles(short_of));
    } else {
      const Json* blocker = main_blocker(*stage_next);
      const std::string title = util::md_inline(str(stage_next->at("stage"), "title"));
      next = fmt::format("next: {}", title);
      if (blocker != nullptr) {
        next += fmt::format(" — {}", blocker_words(result, *blocker, title));
      }
    }
    if (!target.is_null()) {
      next += fmt::format("; target {} ({})", util::md_inline(str(target, "title")),
                          target_origin(target, true));
    }
  }
  if (ladder.value("limited_by_missing_data", false)) {
    next += "; may be higher: answers missing";
  }
  return {where, next};
}

// --- the headline ----------------------------------------------------------

std::string headline_sentence(const Json& result)
{
  const Json* ladder = headline_ladder(result);
  if (ladder == nullptr) {
    return "The bank has no ladder to place the organisation on.";
  }
  const auto& stage = ladder->at("stage");
  const auto reached = index_of(stage);
  const std::size_t steps = ladder->at("stages").size() - 1;
  const std::string name = util::md_inline(str(*ladder, "title"));
  const auto& target = ladder->at("target");
  if (!target.is_null() && target_reached(*ladder)) {
    return fmt::format("On {}, the organisation has reached **{}** ({} of {}), the target {}: "
                       "the task now is to hold it and align every customer-affecting "
                       "capability to it.",
                       name, util::md_inline(str(stage, "title")), reached, steps,
                       target_origin(target));
  }
  const Json* next = next_stage(*ladder);
  if (next == nullptr) {
    return fmt::format("On {}, the organisation has reached the last stage, **{}**.", name,
                       util::md_inline(str(stage, "title")));
  }
  const Json* blocker = main_blocker(*next);
  const std::string why =
    blocker != nullptr ? fmt::format(
      " ({})", blocker_words(result, *blocker, util::md_inline(str(next->at("stage"), "title"))))
                       : std::string();
  if (is_test(*ladder)) {
    return fmt::format("On {}, the organisation is at **{}**; {} is next{}.", name,
                       util::md_inline(str(stage, "title")),
                       util::md_inline(str(next->at("stage"), "title")), why);
  }
  if (reached == 0) {
    return fmt::format("On {}, the organisation has not taken the first step yet: **{}** is "
                       "where to start{}.",
                       name, util::md_inline(str(next->at("stage"), "title")), why);
  }
  return fmt::format("On {}, the organisation has reached **{}** ({} of {}); the next step is "
                     "**{}**{}.",
                     name, util::md_inline(str(stage, "title")), reached, steps,
                     util::md_inline(str(next->at("stage"), "title")), why);
}

// --- findings in words -----------------------------------------------------

// The contrast of a group field as one sentence, or "".
std::string contrast_sentence(const Json& field)
{
  const std::string name = util::md_inline(str(field, "field"));
  if (!field.contains("contrast") || field.at("contrast").is_null()) {
    return {};
  }
  const auto& contrast = field.at("contrast");
  const auto compared = count(contrast, "dimensions");
  const auto mean = number(contrast, "mean_difference");
  if (compared == 0 || !mean) {
    return {};
  }
  const auto a_higher = count(contrast, "a_higher");
  const auto b_higher = count(contrast, "b_higher");
  std::string higher = fmt::format("those with {} {}", name, group_value(str(contrast, "a")));
  std::string lower = fmt::format("those with {} {}", name, group_value(str(contrast, "b")));
  std::uint64_t on = a_higher;
  if (b_higher > a_higher) {
    std::swap(higher, lower);
    on = b_higher;
  }
  const double by = std::fabs(*mean);
  if (on * 4 < compared * 3 || by < 5) {
    return fmt::format("{} and {} see the organisation much alike (within {} points on average).",
                       capitalised(higher), lower, one_decimal(by));
  }
  return fmt::format("{} rate higher than {} on {} of {} dimensions, by {} points on average; "
                     "the lower view is usually the one customers experience.",
                     capitalised(higher), lower, on, compared, one_decimal(by));
}

// The bullet points of the first screen: findings that hold, the empty
// shell, misconceptions held, the group story, warnings about the data.
std::vector<std::string> finding_bullets(const Json& result)
{
  std::vector<std::string> out;
  for (const auto& finding : list(result, "findings")) {
    if (str(finding, "status") == "holds") {
      out.push_back(fmt::format("**{}.** {}", util::md_inline(str(finding, "title")),
                                util::md_text(str(finding, "message"))));
    }
  }
  for (const auto* ladder : lenses(result)) {
    for (const auto& risk : list(*ladder, "risks")) {
      std::vector<std::string> below;
      for (const auto& stage : risk.at("unmet_below")) {
        below.push_back(util::md_inline(str(stage, "title")));
      }
      out.push_back(fmt::format("**Step out of order on {}.** {} holds while {} beneath it {} "
                                "not: a later step on missing foundations is a risk, not "
                                "progress.",
                                util::md_inline(str(*ladder, "title")),
                                util::md_inline(str(risk.at("stage"), "title")), join_titles(below),
                                below.size() == 1 ? "does" : "do"));
    }
  }
  const auto& say_do = result.at("say_do_gap");
  const auto gap = number(say_do, "gap");
  if (say_do.contains("empty_shell") && say_do.at("empty_shell").is_boolean() && gap) {
    if (say_do.at("empty_shell").get<bool>()) {
      out.push_back(fmt::format(
        "**An empty shell.** What people say about customers scores {} and what they do {}: "
        "belief runs {} points ahead of practice, clearly more than chance. Start the "
        "behaviours before buying more systems.",
        score_or_dash(number(say_do.at("belief"), "mean")),
        score_or_dash(number(say_do.at("practice"), "mean")), one_decimal(*gap)));
    } else if (*gap >= 10 && number(say_do.at("practice"), "mean").value_or(0) >= 60) {
      out.push_back(fmt::format("**Not an empty shell.** Beliefs run {} points ahead of practice, "
                                "but practice itself is strong ({}).",
                                one_decimal(*gap),
                                one_decimal(*number(say_do.at("practice"), "mean"))));
    }
  }
  if (result.contains("misconceptions") && result.at("misconceptions").is_object()) {
    const auto& m = result.at("misconceptions");
    const auto held = count(m, "held");
    if (held > 0) {
      std::vector<std::string> texts;
      for (const auto& item : list(m, "items")) {
        if (item.contains("held") && item.at("held").is_boolean() && item.at("held").get<bool>()) {
          std::string text = str(item, "text");
          while (!text.empty() && (text.back() == '.' || text.back() == ' ')) {
            text.pop_back(); // the quote ends the sentence
          }
          texts.push_back(fmt::format("\"{}\"", util::md_inline(text)));
        }
      }
      out.push_back(fmt::format("**{} of {} misconceptions held.** On average respondents agree "
                                "with {}.",
                                held, count(m, "judged"), join_titles(texts)));
    }
  }
  for (const auto& field : result.at("groups")) {
    const std::string sentence = contrast_sentence(field);
    if (!sentence.empty()) {
      out.push_back(fmt::format("**By {}.** {}", util::md_inline(str(field, "field")), sentence));
    }
    if (!list(field, "mix").empty()) {
      std::vector<std::string> ladders;
      for (const auto& item : list(field, "mix")) {
        ladders.push_back(ladder_title(result, str(item, "ladder")));
      }
      out.push_back(fmt::format("**Who answered decides the verdict.** With every {} counted "
                                "equally, the stage on {} would differ: see \"Who says what\".",
                                util::md_inline(str(field, "field")), join_titles(ladders)));
    }
  }
  const auto& quality = result.at("data_quality");
  const auto careless = count(quality, "straight_lining") + count(quality, "acquiescent");
  if (careless > 0) {
    out.push_back(fmt::format(
      "**Answers to discount.** {} of {} answered nearly every question the same way or agreed "
      "with statements and their opposites alike; see \"Data quality\".",
      careless, plural(count(quality, "respondents"), "respondent", "respondents")));
  }
  if (count(quality, "respondents") == 1) {
    out.push_back("**One respondent.** This is one person's view, not the organisation's: ask "
                  "others, above all customer-facing staff, before acting on it.");
  } else if (quality.value("small_sample", false)) {
    out.push_back(fmt::format("**{} respondents.** Read this as the view of those who answered; "
                              "small differences are noise.",
                              count(quality, "respondents")));
  }
  return out;
}

// --- next steps ------------------------------------------------------------

// What a step is about, in a few words ("Coordinator", "reaching Step 3").
std::string step_about(const Json& result, const Json& step)
{
  const std::string kind = str(step, "kind");
  if (kind == "dimension") {
    return dimension_title(result, str(step, "dimension"));
  }
  if (kind == "finding") {
    const Json* finding = find_id(list(result, "findings"), str(step, "finding"));
    return finding != nullptr ? util::md_inline(str(*finding, "title"))
                              : util::md_inline(str(step, "finding"));
  }
  return fmt::format("Reaching {}", util::md_inline(str(step.at("stage"), "title")));
}

std::string owner_of(const Json& step)
{
  const std::string owner = str(step, "owner");
  return owner.empty() ? "—" : util::md_inline(owner);
}

std::string effort_of(const Json& step)
{
  const std::string label = str(step, "effort_label");
  if (!label.empty()) {
    return util::md_inline(label);
  }
  return step.contains("effort") && step.at("effort").is_number_integer()
           ? bank::effort_label(step.at("effort").get<int>())
           : "—";
}

std::string cite_of(const Json& step)
{
  const std::string cite = str(step, "cite");
  return util::md_inline(cite.empty() ? str(step, "source") : cite);
}

} // namespace centricity::report::words
