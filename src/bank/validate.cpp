#include <centricity/bank/validate.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace centricity::bank {

using util::Diagnostics;
using util::SourceLoc;

namespace {

std::string where(const SourceLoc& loc)
{
  if (!loc.known()) {
    return loc.file;
  }
  return fmt::format("{}:{}:{}", loc.file, loc.line, loc.column);
}

template <typename T>
std::vector<std::string> ids_of(const std::vector<T>& items)
{
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const auto& item : items) {
    ids.push_back(item.id);
  }
  return ids;
}

template <typename T>
void check_unique(const std::vector<T>& items, const char* what, Diagnostics& out)
{
  std::map<std::string, const T*> seen;
  for (const auto& item : items) {
    if (item.id.empty()) {
      continue; // already reported as missing
    }
    const auto [it, inserted] = seen.emplace(item.id, &item);
    if (!inserted) {
      out.error(item.loc, fmt::format("duplicate {} id '{}' (first defined at {})", what, item.id,
                                      where(it->second->loc)));
    }
  }
}

void check_scales(const Questionnaire& bank, Diagnostics& out)
{
  for (const auto& scale : bank.scales) {
    std::set<double> values;
    for (const auto* option : scale.value_options()) {
      values.insert(option->value);
    }
    // A range has two points at least; a broken one has its own error.
    if (values.size() < 2 && !scale.range) {
      out.error(scale.loc, fmt::format("scale '{}' needs at least two options with different "
                                       "values (it has {})",
                                       scale.id, values.size()));
    }
    std::map<std::string, const ScaleOption*> labels;
    for (const auto& option : scale.options) {
      std::vector<std::string> names{option.label};
      names.insert(names.end(), option.aliases.begin(), option.aliases.end());
      for (const auto& name : names) {
        const std::string folded = util::fold_label(name);
        if (folded.empty()) {
          out.error(option.loc, fmt::format("scale '{}' has an empty label or alias", scale.id));
          continue;
        }
        const auto [it, inserted] = labels.emplace(folded, &option);
        if (!inserted && it->second != &option) {
          out.error(option.loc, fmt::format("scale '{}': label '{}' already names the option at {}",
                                            scale.id, name, where(it->second->loc)));
        }
      }
    }
    for (OptionKind kind : {OptionKind::not_applicable, OptionKind::dont_know}) {
      const auto count = std::count_if(scale.options.begin(), scale.options.end(),
                                       [&](const ScaleOption& o) { return o.kind == kind; });
      if (count > 1) {
        out.error(scale.loc,
                  fmt::format("scale '{}' has more than one '{}' option", scale.id,
                              kind == OptionKind::not_applicable ? "not-applicable" : "dont-know"));
      }
    }
  }
}

// Choice questions: each sets the target of one ladder, once, on a scale
// whose every value option names a stage of that ladder; no other scale
// names stages.
void check_choices(const Questionnaire& bank, Diagnostics& out)
{
  const auto ladder_ids = ids_of(bank.ladders);
  std::map<std::string, const Question*> seen;
  std::set<std::string> choice_scales;
  for (const auto& question : bank.questions) {
    if (!question.is_choice()) {
      continue;
    }
    choice_scales.insert(question.scale);
    if (!question.dimension.empty()) {
      out.error(question.dimension_loc,
                fmt::format("question '{}' sets the target of ladder '{}' and is not scored: "
                            "drop its 'dimension'",
                            question.id, question.target_of));
    }
    if (question.reverse || question.kind != QuestionKind::practice || question.weight != 1) {
      out.error(question.loc,
                fmt::format("question '{}' sets a target and is not scored: 'reverse', 'kind' "
                            "and 'weight' do not apply",
                            question.id));
    }
    const Ladder* ladder = bank.find_ladder(question.target_of);
    if (ladder == nullptr) {
      out.error(question.target_of_loc,
                fmt::format("question '{}' sets the target of unknown ladder '{}'{}", question.id,
                            question.target_of,
                            util::did_you_mean(question.target_of, ladder_ids)));
      continue;
    }
    if (const auto [it, inserted] = seen.emplace(ladder->id, &question); !inserted) {
      out.error(question.target_of_loc,
                fmt::format("ladder '{}' already has a choice question, '{}' at {}", ladder->id,
                            it->second->id, where(it->second->loc)));
    }
    const Scale* scale = bank.find_scale(question.scale);
    if (scale == nullptr) {
      continue; // reported with the question
    }
    if (scale->range) {
      out.error(question.scale_loc,
                fmt::format("question '{}' chooses a stage of ladder '{}' on scale '{}', a "
                            "'range': a choice question needs options naming stages",
                            question.id, ladder->id, scale->id));
      continue;
    }
    for (const auto& option : scale->options) {
      if (option.kind != OptionKind::value) {
        continue; // "not decided yet": no target
      }
      if (option.stage.empty()) {
        out.error(option.loc, fmt::format("option '{}' of scale '{}' needs a 'stage': question "
                                          "'{}' uses it to choose a stage of ladder '{}'",
                                          option.label, scale->id, question.id, ladder->id));
      } else if (!ladder->stage_index(option.stage)) {
        out.error(option.stage_loc,
                  fmt::format("option '{}' of scale '{}' chooses unknown stage '{}' of ladder "
                              "'{}'{}",
                              option.label, scale->id, option.stage, ladder->id,
                              util::did_you_mean(option.stage, ids_of(ladder->stages))));
      }
    }
  }
  for (const auto& scale : bank.scales) {
    if (choice_scales.count(scale.id) != 0) {
      continue;
    }
    for (const auto& option : scale.options) {
      if (!option.stage.empty()) {
        out.error(option.stage_loc,
                  fmt::format("option '{}' of scale '{}' names a stage, but no choice question "
                              "('target_of') uses the scale",
                              option.label, scale.id));
      }
    }
  }
}

void check_questions(const Questionnaire& bank, Diagnostics& out)
{
  const auto dimension_ids = ids_of(bank.dimensions);
  const auto scale_ids = ids_of(bank.scales);
  for (const auto& question : bank.questions) {
    if (!question.dimension.empty() && bank.find_dimension(question.dimension) == nullptr) {
      out.error(question.dimension_loc,
                fmt::format("question '{}' refers to unknown dimension '{}'{}", question.id,
                            question.dimension,
                            util::did_you_mean(question.dimension, dimension_ids)));
    }
    if (!question.scale.empty() && bank.find_scale(question.scale) == nullptr) {
      out.error(question.scale_loc,
                fmt::format("question '{}' refers to unknown scale '{}'{}", question.id,
                            question.scale, util::did_you_mean(question.scale, scale_ids)));
    }
    if (question.help.empty()) {
      out.warning(question.loc,
                  fmt::format("question '{}' has no 'help' saying why it matters", question.id));
    }
    if (question.kind == QuestionKind::misconception && !question.reverse
        && !question.is_choice()) {
      out.error(question.loc,
                fmt::format("question '{}' is a misconception, a statement to disagree with: "
                            "add 'reverse: true' so that agreeing scores low",
                            question.id));
    }
    if (!question.says.empty()) {
      if (question.kind != QuestionKind::belief) {
        out.error(question.says_loc,
                  fmt::format("question '{}': 'says' pairs a belief with the practice it "
                              "professes; give it 'kind: belief' or drop 'says'",
                              question.id));
      } else if (bank.find_dimension(question.says) == nullptr) {
        out.error(question.says_loc,
                  fmt::format("question '{}' says something about unknown dimension '{}'{}",
                              question.id, question.says,
                              util::did_you_mean(question.says, dimension_ids)));
      } else if (std::none_of(bank.questions.begin(), bank.questions.end(), [&](const Question& q) {
                   return q.dimension == question.says && q.kind == QuestionKind::practice;
                 })) {
        out.warning(question.says_loc,
                    fmt::format("question '{}' professes dimension '{}', which has no practice "
                                "question to compare it with",
                                question.id, question.says));
      }
    }
  }
  check_choices(bank, out);
}

std::map<std::string, std::size_t> questions_per_dimension(const Questionnaire& bank)
{
  std::map<std::string, std::size_t> counts;
  for (const auto& question : bank.questions) {
    ++counts[question.dimension];
  }
  return counts;
}

void check_dimensions(const Questionnaire& bank, Diagnostics& out)
{
  const auto counts = questions_per_dimension(bank);
  for (const auto& dimension : bank.dimensions) {
    const auto it = counts.find(dimension.id);
    const std::size_t count = it == counts.end() ? 0 : it->second;
    if (count == 0) {
      out.warning(dimension.loc, fmt::format("dimension '{}' has no questions", dimension.id));
    } else if (count == 1) {
      out.warning(dimension.loc, fmt::format("dimension '{}' has a single question; its score "
                                             "rests on one answer",
                                             dimension.id));
    }
    if (count > 0 && dimension.min_answered > count) {
      out.error(dimension.loc,
                fmt::format("dimension '{}' needs {} answers (min_answered) but has "
                            "only {} question{}; it can never be scored",
                            dimension.id, dimension.min_answered, count, count == 1 ? "" : "s"));
    }
  }
}

// A stage node in the reachability graph: (ladder index, stage index).
using StageNode = std::pair<std::size_t, std::size_t>;

void check_ladders(const Questionnaire& bank, Diagnostics& out)
{
  const auto dimension_ids = ids_of(bank.dimensions);
  const auto ladder_ids = ids_of(bank.ladders);
  const auto counts = questions_per_dimension(bank);
  // Edges of the stage dependency graph, for cycle detection below.
  std::map<StageNode, std::vector<std::pair<StageNode, const Criterion*>>> depends;

  for (std::size_t l = 0; l < bank.ladders.size(); ++l) {
    const Ladder& ladder = bank.ladders[l];
    check_unique(ladder.stages, fmt::format("stage (in ladder '{}')", ladder.id).c_str(), out);
    if (ladder.stages.size() < 2) {
      out.error(ladder.loc, fmt::format("ladder '{}' needs at least two stages: the starting point "
                                        "and a stage to reach",
                                        ladder.id));
    }
    if (!ladder.target.empty() && !ladder.stage_index(ladder.target)) {
      out.error(ladder.target_loc,
                fmt::format("ladder '{}' has target '{}', which is not one of its stages{}",
                            ladder.id, ladder.target,
                            util::did_you_mean(ladder.target, ids_of(ladder.stages))));
    }
    for (std::size_t s = 0; s < ladder.stages.size(); ++s) {
      const Stage& stage = ladder.stages[s];
      if (s == 0 && !stage.criteria.empty()) {
        out.error(stage.loc, fmt::format("stage '{}' is the starting point of ladder '{}' and "
                                         "cannot have criteria",
                                         stage.id, ladder.id));
      }
      if (s > 0 && stage.criteria.empty()) {
        out.error(stage.loc, fmt::format("stage '{}' of ladder '{}' has no criteria; every stage "
                                         "above the starting point needs at least one",
                                         stage.id, ladder.id));
      }
      if (s > 0) {
        depends[{l, s}].push_back({{l, s - 1}, nullptr});
      }
      for (const auto& criterion : stage.criteria) {
        if (criterion.kind == Criterion::Kind::dimension) {
          if (bank.find_dimension(criterion.dimension) == nullptr) {
            out.error(criterion.ref_loc,
                      fmt::format("stage '{}' refers to unknown dimension '{}'{}", stage.id,
                                  criterion.dimension,
                                  util::did_you_mean(criterion.dimension, dimension_ids)));
          } else if (counts.count(criterion.dimension) == 0) {
            out.error(
              criterion.ref_loc,
              fmt::format("stage '{}' can never be reached: dimension '{}' has no questions",
                          stage.id, criterion.dimension));
          }
          continue;
        }
        const Ladder* other = bank.find_ladder(criterion.ladder);
        if (other == nullptr) {
          out.error(criterion.ref_loc,
                    fmt::format("stage '{}' refers to unknown ladder '{}'{}", stage.id,
                                criterion.ladder,
                                util::did_you_mean(criterion.ladder, ladder_ids)));
          continue;
        }
        if (other == &ladder) {
          out.error(
            criterion.ref_loc,
            fmt::format("stage '{}' refers to its own ladder '{}'; lower stages of a ladder "
                        "are required anyway",
                        stage.id, ladder.id));
          continue;
        }
        const auto index = other->stage_index(criterion.stage);
        if (!index) {
          out.error(criterion.stage_loc,
                    fmt::format("stage '{}' refers to unknown stage '{}' of ladder '{}'{}",
                                stage.id, criterion.stage, other->id,
                                util::did_you_mean(criterion.stage, ids_of(other->stages))));
          continue;
        }
        const auto other_index = static_cast<std::size_t>(other - bank.ladders.data());
        depends[{l, s}].push_back({{other_index, *index}, &criterion});
      }
    }
  }

  // A stage that (through gating and other ladders' stages) requires itself
  // can never be reached. Report each cycle once, at a criterion on it.
  enum class Mark { unvisited, active, done };
  std::map<StageNode, Mark> marks;
  std::vector<StageNode> path;
  std::set<const Criterion*> reported;
  std::function<void(StageNode)> visit = [&](StageNode node) {
    marks[node] = Mark::active;
    path.push_back(node);
    for (const auto& [next, criterion] : depends[node]) {
      const Mark mark = marks.count(next) != 0 ? marks[next] : Mark::unvisited;
      if (mark == Mark::unvisited) {
        visit(next);
      } else if (mark == Mark::active) {
        // The cycle is path[from..] + next; name it by its stages.
        const auto from = std::find(path.begin(), path.end(), next);
        std::string chain;
        const Criterion* at = criterion;
        for (auto it = from; it != path.end(); ++it) {
          chain += fmt::format("{}/{} -> ", bank.ladders[it->first].id,
                               bank.ladders[it->first].stages[it->second].id);
        }
        chain += fmt::format("{}/{}", bank.ladders[next.first].id,
                             bank.ladders[next.first].stages[next.second].id);
        if (at == nullptr) {
          // The closing edge is gating; find a criterion edge on the cycle.
          for (auto it = from; it != path.end() && at == nullptr; ++it) {
            for (const auto& edge : depends[*it]) {
              if (edge.second != nullptr) {
                at = edge.second;
                break;
              }
            }
          }
        }
        if (at != nullptr && reported.insert(at).second) {
          out.error(
            at->ref_loc,
            fmt::format("these stages require each other and can never be reached: {}", chain));
        }
      }
    }
    path.pop_back();
    marks[node] = Mark::done;
  };
  for (const auto& entry : depends) {
    if (marks.count(entry.first) == 0) {
      visit(entry.first);
    }
  }
}

void check_recommendations(const Questionnaire& bank, Diagnostics& out)
{
  const auto dimension_ids = ids_of(bank.dimensions);
  const auto ladder_ids = ids_of(bank.ladders);
  std::map<std::string, std::vector<std::pair<double, double>>> bands;
  for (const auto& rec : bank.recommendations) {
    const bool to_dimension = !rec.dimension.empty();
    const bool to_stage = !rec.ladder.empty() || !rec.stage.empty();
    const bool to_finding = !rec.finding.empty();
    if (int{to_dimension} + int{to_stage} + int{to_finding} > 1) {
      std::vector<std::string> targets;
      if (to_dimension) {
        targets.emplace_back("a dimension");
      }
      if (to_stage) {
        targets.emplace_back("a ladder stage");
      }
      if (to_finding) {
        targets.emplace_back("a finding");
      }
      const std::string joined = targets.size() == 2
                                   ? "both " + targets[0] + " and " + targets[1]
                                   : targets[0] + ", " + targets[1] + " and " + targets[2];
      out.error(rec.loc, fmt::format("recommendation '{}' points to {}; give one", rec.id, joined));
      continue;
    }
    if (!to_dimension && !to_stage && !to_finding) {
      out.error(rec.loc, fmt::format("recommendation '{}' points nowhere: give a 'dimension' (with "
                                     "a 'band'), a 'ladder' and 'stage', or a 'finding'",
                                     rec.id));
      continue;
    }
    if (to_finding) {
      if (bank.find_finding(rec.finding) == nullptr) {
        out.error(rec.ref_loc,
                  fmt::format("recommendation '{}' refers to unknown finding '{}'{}", rec.id,
                              rec.finding, util::did_you_mean(rec.finding, ids_of(bank.findings))));
      }
      continue;
    }
    if (to_dimension) {
      if (bank.find_dimension(rec.dimension) == nullptr) {
        out.error(rec.ref_loc,
                  fmt::format("recommendation '{}' refers to unknown dimension '{}'{}", rec.id,
                              rec.dimension, util::did_you_mean(rec.dimension, dimension_ids)));
      } else {
        bands[rec.dimension].emplace_back(rec.band_min, rec.band_max);
      }
      continue;
    }
    if (rec.ladder.empty() || rec.stage.empty()) {
      out.error(rec.loc,
                fmt::format("recommendation '{}' needs both 'ladder' and 'stage'", rec.id));
      continue;
    }
    const Ladder* ladder = bank.find_ladder(rec.ladder);
    if (ladder == nullptr) {
      out.error(rec.ref_loc,
                fmt::format("recommendation '{}' refers to unknown ladder '{}'{}", rec.id,
                            rec.ladder, util::did_you_mean(rec.ladder, ladder_ids)));
    } else if (const auto index = ladder->stage_index(rec.stage); !index) {
      out.error(rec.stage_loc, fmt::format("recommendation '{}' refers to unknown stage '{}' of "
                                           "ladder '{}'{}",
                                           rec.id, rec.stage, ladder->id,
                                           util::did_you_mean(rec.stage, ids_of(ladder->stages))));
    } else if (*index == 0) {
      out.error(rec.stage_loc,
                fmt::format("recommendation '{}' points to the starting stage '{}' of "
                            "ladder '{}', which is never a step to take",
                            rec.id, rec.stage, ladder->id));
    }
  }
  // Every score of a dimension should have a next step to show.
  for (const auto& dimension : bank.dimensions) {
    auto& list = bands[dimension.id];
    std::sort(list.begin(), list.end());
    double covered = 0;
    std::vector<std::string> holes;
    for (const auto& [low, high] : list) {
      if (low > covered) {
        holes.push_back(
          fmt::format("{}-{}", util::format_number(covered), util::format_number(low)));
      }
      covered = std::max(covered, high);
    }
    if (covered < 100) {
      holes.push_back(fmt::format("{}-100", util::format_number(covered)));
    }
    if (list.empty()) {
      out.warning(dimension.loc,
                  fmt::format("dimension '{}' has no recommendation for any score", dimension.id));
    } else if (!holes.empty()) {
      std::string joined;
      for (const auto& hole : holes) {
        joined += (joined.empty() ? "" : ", ") + hole;
      }
      out.warning(dimension.loc, fmt::format("dimension '{}' has no recommendation for scores {}",
                                             dimension.id, joined));
    }
  }
}

void check_condition(const Questionnaire& bank, const Finding& finding, const Condition& c,
                     Diagnostics& out)
{
  switch (c.kind) {
  case Condition::Kind::dimension:
    if (bank.find_dimension(c.ref) == nullptr) {
      out.error(c.ref_loc,
                fmt::format("finding '{}' refers to unknown dimension '{}'{}", finding.id, c.ref,
                            util::did_you_mean(c.ref, ids_of(bank.dimensions))));
    }
    break;
  case Condition::Kind::question: {
    const Question* question = bank.find_question(c.ref);
    if (question == nullptr) {
      out.error(c.ref_loc, fmt::format("finding '{}' refers to unknown question '{}'{}", finding.id,
                                       c.ref, util::did_you_mean(c.ref, ids_of(bank.questions))));
    } else if (question->is_choice()) {
      out.error(c.ref_loc,
                fmt::format("finding '{}' tests question '{}', which chooses a target and has no "
                            "score",
                            finding.id, c.ref));
    }
    break;
  }
  case Condition::Kind::ladder: {
    const Ladder* ladder = bank.find_ladder(c.ref);
    if (ladder == nullptr) {
      out.error(c.ref_loc, fmt::format("finding '{}' refers to unknown ladder '{}'{}", finding.id,
                                       c.ref, util::did_you_mean(c.ref, ids_of(bank.ladders))));
      break;
    }
    const std::string& stage = c.reached.empty() ? c.below_stage : c.reached;
    if (!ladder->stage_index(stage)) {
      out.error(c.loc, fmt::format("finding '{}' refers to unknown stage '{}' of ladder '{}'{}",
                                   finding.id, stage, ladder->id,
                                   util::did_you_mean(stage, ids_of(ladder->stages))));
    }
    break;
  }
  }
  if (c.at_least && c.below && *c.at_least >= *c.below) {
    out.error(c.loc, fmt::format("finding '{}': 'at_least' {} and 'below' {} leave no score that "
                                 "meets both",
                                 finding.id, util::format_number(*c.at_least),
                                 util::format_number(*c.below)));
  }
}

void check_findings(const Questionnaire& bank, Diagnostics& out)
{
  for (const auto& finding : bank.findings) {
    for (const auto& any : finding.when) {
      for (const auto& condition : any) {
        check_condition(bank, finding, condition, out);
      }
    }
    const bool advised =
      std::any_of(bank.recommendations.begin(), bank.recommendations.end(),
                  [&](const Recommendation& rec) { return rec.finding == finding.id; });
    if (!advised && !finding.id.empty()) {
      out.warning(
        finding.loc,
        fmt::format("finding '{}' has no recommendation saying what to do about it", finding.id));
    }
  }
  if (!bank.headline.empty() && bank.find_ladder(bank.headline) == nullptr) {
    out.error(bank.headline_loc,
              fmt::format("'headline' refers to unknown ladder '{}'{}", bank.headline,
                          util::did_you_mean(bank.headline, ids_of(bank.ladders))));
  }
}

// A dimension whose score decides nothing (no stage, pass mark or finding
// uses it) never has a gap, so its recommendations below the in-place band
// can never become next steps.
void check_dimension_routes(const Questionnaire& bank, Diagnostics& out)
{
  std::set<std::string> used;
  for (const auto& ladder : bank.ladders) {
    for (const auto& stage : ladder.stages) {
      for (const auto& criterion : stage.criteria) {
        used.insert(criterion.dimension);
      }
    }
  }
  for (const auto& finding : bank.findings) {
    for (const auto& any : finding.when) {
      for (const auto& condition : any) {
        if (condition.kind == Condition::Kind::dimension) {
          used.insert(condition.ref);
        }
      }
    }
  }
  const auto counts = questions_per_dimension(bank);
  for (const auto& dimension : bank.dimensions) {
    if (dimension.pass_mark || used.count(dimension.id) != 0
        || counts.count(dimension.id) == 0) { // no questions: reported as such
      continue;
    }
    const bool advised =
      std::any_of(bank.recommendations.begin(), bank.recommendations.end(),
                  [&](const Recommendation& rec) { return rec.dimension == dimension.id; });
    if (advised) {
      out.warning(dimension.loc,
                  fmt::format("dimension '{}' decides nothing (no stage, pass mark or finding "
                              "uses it), so its recommendations never become next steps; give "
                              "it a 'pass_mark'",
                              dimension.id));
    }
  }
}

} // namespace

void validate(const Questionnaire& bank, Diagnostics& out)
{
  check_unique(bank.scales, "scale", out);
  check_unique(bank.dimensions, "dimension", out);
  check_unique(bank.questions, "question", out);
  check_unique(bank.ladders, "ladder", out);
  check_unique(bank.recommendations, "recommendation", out);
  check_unique(bank.findings, "finding", out);
  check_unique(bank.sources, "source", out);
  check_scales(bank, out);
  check_dimensions(bank, out);
  check_questions(bank, out);
  check_ladders(bank, out);
  check_recommendations(bank, out);
  check_findings(bank, out);
  check_dimension_routes(bank, out);
}

} // namespace centricity::bank
