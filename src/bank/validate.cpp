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
    if (values.size() < 2) {
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
  }
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
    if (to_dimension && to_stage) {
      out.error(rec.loc, fmt::format("recommendation '{}' points to both a dimension and a ladder "
                                     "stage; give one",
                                     rec.id));
      continue;
    }
    if (!to_dimension && !to_stage) {
      out.error(rec.loc, fmt::format("recommendation '{}' points nowhere: give a 'dimension' (with "
                                     "a 'band') or a 'ladder' and 'stage'",
                                     rec.id));
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

} // namespace

void validate(const Questionnaire& bank, Diagnostics& out)
{
  check_unique(bank.scales, "scale", out);
  check_unique(bank.dimensions, "dimension", out);
  check_unique(bank.questions, "question", out);
  check_unique(bank.ladders, "ladder", out);
  check_unique(bank.recommendations, "recommendation", out);
  check_scales(bank, out);
  check_dimensions(bank, out);
  check_questions(bank, out);
  check_ladders(bank, out);
  check_recommendations(bank, out);
}

} // namespace centricity::bank
