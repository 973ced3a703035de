#include <centricity/report/compare.hpp>
#include <centricity/util/markdown.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace centricity::report {

namespace {

using Json = nlohmann::ordered_json;

std::optional<double> number(const Json& value)
{
  return value.is_number() ? std::optional(value.get<double>()) : std::nullopt;
}

std::string text(const Json& object, const char* key)
{
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

StageRef stage_of(const Json& stage)
{
  return {stage.at("index").get<std::size_t>(), text(stage, "id"), text(stage, "title")};
}

const Json* find_by_id(const Json& list, const std::string& id)
{
  for (const auto& item : list) {
    if (text(item, "id") == id) {
      return &item;
    }
  }
  return nullptr;
}

Comparability comparability(const Json* before, const Json* after, bool same_bank)
{
  if (!same_bank) {
    return Comparability::other_bank;
  }
  if (before == nullptr) {
    return Comparability::added;
  }
  if (after == nullptr) {
    return Comparability::removed;
  }
  return text(*before, "definition") == text(*after, "definition") ? Comparability::comparable
                                                                   : Comparability::changed;
}

const char* comparability_text(Comparability c)
{
  switch (c) {
  case Comparability::comparable:
    return "comparable";
  case Comparability::changed:
    return "definition changed";
  case Comparability::added:
    return "new";
  case Comparability::removed:
    return "removed";
  case Comparability::other_bank:
    return "other bank";
  }
  return "not comparable";
}

const char* comparability_key(Comparability c)
{
  switch (c) {
  case Comparability::comparable:
    return "comparable";
  case Comparability::changed:
    return "changed";
  case Comparability::added:
    return "added";
  case Comparability::removed:
    return "removed";
  case Comparability::other_bank:
    return "other_bank";
  }
  return "changed";
}

// The largest gap per (ladder, dimension) of a Result.
std::map<std::pair<std::string, std::string>, double> largest_gaps(const Json& result)
{
  std::map<std::pair<std::string, std::string>, double> out;
  for (const auto& gap : result.at("gaps")) {
    const auto value = number(gap.value("gap", Json()));
    if (text(gap, "kind") != "dimension" || !value) {
      continue;
    }
    auto& entry = out[{text(gap, "ladder"), text(gap, "dimension")}];
    entry = std::max(entry, *value);
  }
  return out;
}

std::string score_text(std::optional<double> value)
{
  return value ? fmt::format("{:.1f}", *value) : std::string("—");
}

std::string stage_text(const std::optional<StageRef>& stage)
{
  return stage ? fmt::format("{} · {}", stage->index, util::md_inline(stage->title))
               : std::string("—");
}

std::string signed_text(double delta)
{
  if (std::fabs(delta) < 0.05) {
    return "no change";
  }
  return fmt::format("{} {:+.1f}", delta > 0 ? "▲" : "▼", delta);
}

std::string ladder_movement(const LadderMove& move)
{
  if (move.comparability != Comparability::comparable) {
    return fmt::format("not comparable: {}", comparability_text(move.comparability));
  }
  const long delta = static_cast<long>(move.after->index) - static_cast<long>(move.before->index);
  if (delta == 0) {
    return "unchanged";
  }
  return fmt::format("{} {} {} stage{}", delta > 0 ? "▲" : "▼", delta > 0 ? "up" : "down",
                     std::labs(delta), std::labs(delta) == 1 ? "" : "s");
}

} // namespace

std::optional<double> DimensionMove::delta() const
{
  if (comparability != Comparability::comparable || !before || !after) {
    return std::nullopt;
  }
  return *after - *before;
}

Comparison compare_results(const Json& before, const Json& after)
{
  Comparison out;
  const auto& bank_before = before.at("bank");
  const auto& bank_after = after.at("bank");
  out.bank_before = fmt::format("{} {}", text(bank_before, "id"), text(bank_before, "version"));
  out.bank_after = fmt::format("{} {}", text(bank_after, "id"), text(bank_after, "version"));
  out.same_bank = text(bank_before, "id") == text(bank_after, "id");
  out.same_version = out.same_bank && text(bank_before, "version") == text(bank_after, "version");
  out.generated_before = text(before, "generated_at");
  out.generated_after = text(after, "generated_at");
  out.respondents_before = before.at("respondents").get<std::uint64_t>();
  out.respondents_after = after.at("respondents").get<std::uint64_t>();

  // New Result's order first, then what only the old one had.
  const auto walk = [&](const char* key, const auto& visit) {
    for (const auto& item : after.at(key)) {
      visit(find_by_id(before.at(key), text(item, "id")), &item);
    }
    for (const auto& item : before.at(key)) {
      if (find_by_id(after.at(key), text(item, "id")) == nullptr) {
        visit(&item, nullptr);
      }
    }
  };
  walk("ladders", [&](const Json* b, const Json* a) {
    const Json& any = a != nullptr ? *a : *b;
    LadderMove move;
    move.id = text(any, "id");
    move.title = text(any, "title");
    move.stages = any.at("stages").size() - 1;
    move.comparability = comparability(b, a, out.same_bank);
    if (b != nullptr) {
      move.before = stage_of(b->at("stage"));
    }
    if (a != nullptr) {
      move.after = stage_of(a->at("stage"));
    }
    out.ladders.push_back(std::move(move));
  });
  walk("dimensions", [&](const Json* b, const Json* a) {
    const Json& any = a != nullptr ? *a : *b;
    DimensionMove move;
    move.id = text(any, "id");
    move.title = text(any, "title");
    move.comparability = comparability(b, a, out.same_bank);
    if (b != nullptr) {
      move.before = number(b->value("score", Json()));
    }
    if (a != nullptr) {
      move.after = number(a->value("score", Json()));
    }
    out.dimensions.push_back(std::move(move));
  });

  const auto gaps_before = largest_gaps(before);
  const auto gaps_after = largest_gaps(after);
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [key, value] : gaps_after) {
    keys.push_back(key);
  }
  for (const auto& [key, value] : gaps_before) {
    if (gaps_after.count(key) == 0) {
      keys.push_back(key);
    }
  }
  for (const auto& key : keys) {
    GapMove move;
    move.ladder = key.first;
    move.dimension = key.second;
    const Json* dimension = find_by_id(after.at("dimensions"), key.second);
    if (dimension == nullptr) {
      dimension = find_by_id(before.at("dimensions"), key.second);
    }
    move.title = dimension != nullptr ? text(*dimension, "title") : key.second;
    const Json* ladder_entry = find_by_id(after.at("ladders"), key.first);
    if (ladder_entry == nullptr) {
      ladder_entry = find_by_id(before.at("ladders"), key.first);
    }
    move.ladder_title = ladder_entry != nullptr ? text(*ladder_entry, "title") : key.first;
    if (const auto it = gaps_before.find(key); it != gaps_before.end()) {
      move.before = it->second;
    }
    if (const auto it = gaps_after.find(key); it != gaps_after.end()) {
      move.after = it->second;
    }
    // A gap is comparable when both its ladder and its dimension are.
    const auto ladder = std::find_if(out.ladders.begin(), out.ladders.end(),
                                     [&](const auto& l) { return l.id == key.first; });
    const auto dim = std::find_if(out.dimensions.begin(), out.dimensions.end(),
                                  [&](const auto& d) { return d.id == key.second; });
    move.comparability =
      ladder != out.ladders.end() ? ladder->comparability : Comparability::changed;
    if (move.comparability == Comparability::comparable && dim != out.dimensions.end()) {
      move.comparability = dim->comparability;
    }
    out.gaps.push_back(std::move(move));
  }
  out.say_do_before = number(before.at("say_do_gap").value("gap", Json()));
  out.say_do_after = number(after.at("say_do_gap").value("gap", Json()));
  const auto shell = [](const Json& result) -> std::optional<bool> {
    const auto& say_do = result.at("say_do_gap");
    const auto it = say_do.find("empty_shell");
    if (it == say_do.end() || !it->is_boolean()) {
      return std::nullopt;
    }
    return it->get<bool>();
  };
  out.empty_shell_before = shell(before);
  out.empty_shell_after = shell(after);
  if (out.same_bank) {
    const auto findings = [](const Json& result) {
      const auto it = result.find("findings");
      return it != result.end() && it->is_array() ? *it : Json::array();
    };
    const Json old_findings = findings(before);
    for (const auto& finding : findings(after)) {
      FindingMove move{text(finding, "id"), text(finding, "title"), "", text(finding, "status")};
      for (const auto& old : old_findings) {
        if (text(old, "id") == move.id) {
          move.before = text(old, "status");
        }
      }
      out.findings.push_back(std::move(move));
    }
    for (const auto& old : old_findings) {
      const bool known = std::any_of(out.findings.begin(), out.findings.end(),
                                     [&](const FindingMove& m) { return m.id == text(old, "id"); });
      if (!known) {
        out.findings.push_back({text(old, "id"), text(old, "title"), text(old, "status"), ""});
      }
    }
  }
  return out;
}

namespace {

std::string finding_status_text(const std::string& status)
{
  if (status == "holds") {
    return "holds";
  }
  if (status == "absent") {
    return "not seen";
  }
  if (status == "not_enough_data") {
    return "not enough answers";
  }
  return "—";
}

std::string empty_shell_text(const std::optional<bool>& shell)
{
  return shell ? (*shell ? "an empty shell" : "not an empty shell") : "not judged";
}

} // namespace

void render_comparison_markdown(const Comparison& c, std::ostream& out)
{
  out << "# Movement between two assessments\n\n";
  out << fmt::format("- Before: bank {}, {}, {} respondent{}\n", util::md_inline(c.bank_before),
                     util::md_inline(c.generated_before), c.respondents_before,
                     c.respondents_before == 1 ? "" : "s");
  out << fmt::format("- After: bank {}, {}, {} respondent{}\n\n", util::md_inline(c.bank_after),
                     util::md_inline(c.generated_after), c.respondents_after,
                     c.respondents_after == 1 ? "" : "s");
  if (!c.same_bank) {
    out << "> **Different banks.** The two assessments used different question banks, so no "
           "score or stage is compared.\n\n";
  } else if (!c.same_version) {
    out << "> **The bank changed version.** Dimensions and ladders whose definition changed "
           "are marked and not compared.\n\n";
  }
  out << "## Ladders\n\n| Ladder | Before | After | Movement |\n|---|---|---|---|\n";
  for (const auto& move : c.ladders) {
    out << fmt::format("| {} | {} | {} | {} |\n", util::md_inline(move.title),
                       stage_text(move.before), stage_text(move.after), ladder_movement(move));
  }
  out << "\n## Dimensions\n\n| Dimension | Before | After | Change |\n|---|---:|---:|---|\n";
  for (const auto& move : c.dimensions) {
    std::string change;
    if (move.comparability != Comparability::comparable) {
      change = fmt::format("not comparable: {}", comparability_text(move.comparability));
    } else if (const auto delta = move.delta()) {
      change = signed_text(*delta);
    } else {
      change = "insufficient data";
    }
    out << fmt::format("| {} | {} | {} | {} |\n", util::md_inline(move.title),
                       score_text(move.before), score_text(move.after), change);
  }
  if (!c.gaps.empty()) {
    out << "\n## Gaps\n\nThe largest shortfall of each dimension on each ladder, in points.\n\n"
           "| Ladder | Dimension | Before | After | Change |\n|---|---|---:|---:|---|\n";
    for (const auto& move : c.gaps) {
      std::string change;
      if (move.comparability != Comparability::comparable) {
        change = fmt::format("not comparable: {}", comparability_text(move.comparability));
      } else if (!move.after) {
        change = "closed";
      } else if (!move.before) {
        change = "opened";
      } else {
        const double delta = *move.after - *move.before;
        change = std::fabs(delta) < 0.05
                   ? "no change"
                   : fmt::format("{:.1f} {}", std::fabs(delta), delta < 0 ? "narrower" : "wider");
      }
      out << fmt::format("| {} | {} | {} | {} | {} |\n", util::md_inline(move.ladder_title),
                         util::md_inline(move.title), score_text(move.before),
                         score_text(move.after), change);
    }
  }
  const auto signed_score = [](std::optional<double> value) {
    return value ? fmt::format("{:+.1f}", *value) : std::string("—");
  };
  out << fmt::format("\n## Say–do gap\n\n{} → {} points (belief minus practice).\n",
                     signed_score(c.say_do_before), signed_score(c.say_do_after));
  if (c.empty_shell_before.value_or(false) || c.empty_shell_after.value_or(false)) {
    out << fmt::format("Empty shell: {} → {}.\n", empty_shell_text(c.empty_shell_before),
                       empty_shell_text(c.empty_shell_after));
  }
  if (!c.findings.empty()) {
    out << "\n## Findings\n\n| Finding | Before | After |\n|---|---|---|\n";
    for (const auto& move : c.findings) {
      out << fmt::format("| {} | {} | {} |\n", util::md_inline(move.title),
                         finding_status_text(move.before), finding_status_text(move.after));
    }
  }
}

void render_movement_bullets(const Comparison& c, std::ostream& out)
{
  out << fmt::format("Compared with the assessment of {} ({} respondent{}):\n\n",
                     util::md_inline(c.generated_before), c.respondents_before,
                     c.respondents_before == 1 ? "" : "s");
  if (!c.same_bank) {
    out << "- It used a different question bank, so nothing can be compared.\n";
    return;
  }
  for (const auto& move : c.ladders) {
    if (move.comparability == Comparability::comparable) {
      out << fmt::format("- **{}**: {} → {} ({})\n", util::md_inline(move.title),
                         stage_text(move.before), stage_text(move.after), ladder_movement(move));
    }
  }
  std::vector<const DimensionMove*> moved;
  for (const auto& move : c.dimensions) {
    if (move.delta() && std::fabs(*move.delta()) >= 0.05) {
      moved.push_back(&move);
    }
  }
  std::stable_sort(moved.begin(), moved.end(), [](const auto* a, const auto* b) {
    return std::fabs(*a->delta()) > std::fabs(*b->delta());
  });
  for (std::size_t i = 0; i < moved.size() && i < 3; ++i) {
    out << fmt::format("- {}: {} → {} ({})\n", util::md_inline(moved[i]->title),
                       score_text(moved[i]->before), score_text(moved[i]->after),
                       signed_text(*moved[i]->delta()));
  }
  if (moved.empty()) {
    out << "- No dimension score moved by 0.1 points or more.\n";
  }
  std::size_t closed = 0;
  std::size_t not_comparable = 0;
  for (const auto& gap : c.gaps) {
    closed += gap.comparability == Comparability::comparable && gap.before && !gap.after ? 1U : 0U;
  }
  for (const auto& move : c.dimensions) {
    not_comparable += move.comparability != Comparability::comparable ? 1U : 0U;
  }
  if (closed > 0) {
    out << fmt::format("- {} gap{} closed.\n", closed, closed == 1 ? "" : "s");
  }
  if (not_comparable > 0) {
    out << fmt::format("- {} dimension{} could not be compared (the bank changed).\n",
                       not_comparable, not_comparable == 1 ? "" : "s");
  }
  for (const auto& move : c.findings) {
    if (move.after == "holds" && move.before != "holds") {
      out << fmt::format("- New finding: {}.\n", util::md_inline(move.title));
    } else if (move.before == "holds" && move.after != "holds") {
      out << fmt::format("- No longer seen: {}.\n", util::md_inline(move.title));
    }
  }
  if (c.empty_shell_before && c.empty_shell_after
      && *c.empty_shell_before != *c.empty_shell_after) {
    out << fmt::format("- The say–do gap was {} and is now {}.\n",
                       empty_shell_text(c.empty_shell_before),
                       empty_shell_text(c.empty_shell_after));
  }
}

Json comparison_to_json(const Comparison& c)
{
  const auto stage = [](const std::optional<StageRef>& s) {
    return s ? Json{{"index", s->index}, {"id", s->id}, {"title", s->title}} : Json(nullptr);
  };
  const auto opt = [](std::optional<double> v) { return v ? Json(*v) : Json(nullptr); };
  Json ladders = Json::array();
  for (const auto& move : c.ladders) {
    Json delta = nullptr;
    if (move.comparability == Comparability::comparable) {
      delta = static_cast<long>(move.after->index) - static_cast<long>(move.before->index);
    }
    ladders.push_back(Json{{"id", move.id},
                           {"before", stage(move.before)},
                           {"after", stage(move.after)},
                           {"delta", delta},
                           {"comparability", comparability_key(move.comparability)}});
  }
  Json dimensions = Json::array();
  for (const auto& move : c.dimensions) {
    dimensions.push_back(Json{{"id", move.id},
                              {"before", opt(move.before)},
                              {"after", opt(move.after)},
                              {"delta", opt(move.delta())},
                              {"comparability", comparability_key(move.comparability)}});
  }
  Json gaps = Json::array();
  for (const auto& move : c.gaps) {
    gaps.push_back(Json{{"ladder", move.ladder},
                        {"dimension", move.dimension},
                        {"before", opt(move.before)},
                        {"after", opt(move.after)},
                        {"comparability", comparability_key(move.comparability)}});
  }
  const auto flag = [](std::optional<bool> v) { return v ? Json(*v) : Json(nullptr); };
  const auto status = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  Json findings = Json::array();
  for (const auto& move : c.findings) {
    findings.push_back(
      Json{{"id", move.id}, {"before", status(move.before)}, {"after", status(move.after)}});
  }
  return Json{{"schema", "centricity.comparison/1"},
              {"before", Json{{"bank", c.bank_before},
                              {"generated_at", c.generated_before},
                              {"respondents", c.respondents_before}}},
              {"after", Json{{"bank", c.bank_after},
                             {"generated_at", c.generated_after},
                             {"respondents", c.respondents_after}}},
              {"same_bank", c.same_bank},
              {"same_version", c.same_version},
              {"ladders", std::move(ladders)},
              {"dimensions", std::move(dimensions)},
              {"gaps", std::move(gaps)},
              {"say_do_gap", Json{{"before", opt(c.say_do_before)},
                                  {"after", opt(c.say_do_after)},
                                  {"empty_shell_before", flag(c.empty_shell_before)},
                                  {"empty_shell_after", flag(c.empty_shell_after)}}},
              {"findings", std::move(findings)}};
}

} // namespace centricity::report
