#include <centricity/bank/render.hpp>
#include <centricity/util/markdown.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <map>

namespace centricity::bank {

using util::format_number;
using util::md_inline;
using util::md_text;

namespace {

std::string criterion_text(const Questionnaire& bank, const Criterion& criterion)
{
  if (criterion.kind == Criterion::Kind::dimension) {
    const Dimension* dimension = bank.find_dimension(criterion.dimension);
    return fmt::format("{} ≥ {}",
                       md_inline(dimension != nullptr ? dimension->title : criterion.dimension),
                       format_number(criterion.threshold));
  }
  const Ladder* ladder = bank.find_ladder(criterion.ladder);
  std::string stage_title = criterion.stage;
  if (ladder != nullptr) {
    if (const auto index = ladder->stage_index(criterion.stage)) {
      stage_title = ladder->stages[*index].title;
    }
  }
  return fmt::format("{} reached on {}", md_inline(stage_title),
                     md_inline(ladder != nullptr ? ladder->title : criterion.ladder));
}

const char* kind_name(QuestionKind kind)
{
  switch (kind) {
  case QuestionKind::practice:
    return "practice";
  case QuestionKind::belief:
    return "belief";
  case QuestionKind::misconception:
    return "misconception";
  }
  return "practice";
}

void render_question(const Questionnaire& bank, const Question& question, std::size_t number,
                     std::ostream& out)
{
  const Scale* scale = bank.find_scale(question.scale);
  std::string notes;
  if (question.is_choice()) {
    const Ladder* ladder = bank.find_ladder(question.target_of);
    notes += fmt::format(", sets the target of {}",
                         md_inline(ladder != nullptr ? ladder->title : question.target_of));
  }
  if (question.reverse) {
    notes += ", reverse-keyed";
  }
  if (question.kind != QuestionKind::practice) {
    notes += fmt::format(", {}", kind_name(question.kind));
  }
  if (!question.says.empty()) {
    const Dimension* said = bank.find_dimension(question.says);
    notes +=
      fmt::format(" (professes {})", md_inline(said != nullptr ? said->title : question.says));
  }
  if (question.weight != 1) {
    notes += fmt::format(", weight {}", format_number(question.weight));
  }
  out << fmt::format("{}. **{}**  \n", number, md_inline(question.text));
  out << fmt::format("   `{}`{}  \n", question.id, notes);
  if (!question.help.empty()) {
    out << fmt::format("   *Why it matters:* {}  \n", md_inline(question.help));
  }
  if (scale != nullptr) {
    // A range is answered with its number, not ticked among 101 boxes.
    std::string boxes =
      scale->range ? fmt::format("A number from {}: ______", scale->range->text()) : "";
    for (const auto& option : scale->options) {
      if (scale->range && option.kind == OptionKind::value) {
        continue;
      }
      boxes += fmt::format("{}☐ {}", boxes.empty() ? "" : "  ", md_inline(option.label));
    }
    out << "   " << boxes << "\n";
  }
  out << "\n";
}

std::string scale_summary(const Scale& scale)
{
  std::string out = scale.range ? fmt::format("a number from {}", scale.range->text()) : "";
  for (const auto& option : scale.options) {
    if (scale.range && option.kind == OptionKind::value) {
      continue;
    }
    out += out.empty() ? "" : " · ";
    if (option.kind == OptionKind::value) {
      out += fmt::format("{} = {}", format_number(option.value), md_inline(option.label));
    } else {
      out += md_inline(option.label);
    }
  }
  return out;
}

void render_questions(const Questionnaire& bank, std::ostream& out)
{
  // Group questions by dimension, dimensions in bank order; a question whose
  // dimension is unknown still prints, under its dimension id.
  std::map<std::string, std::vector<const Question*>> by_dimension;
  for (const auto& question : bank.questions) {
    by_dimension[question.dimension].push_back(&question);
  }
  std::size_t number = 0;
  std::size_t section = 0;
  for (const auto& dimension : bank.dimensions) {
    const auto it = by_dimension.find(dimension.id);
    if (it == by_dimension.end()) {
      continue;
    }
    out << fmt::format("\n## {}. {}\n\n", ++section, md_inline(dimension.title));
    if (!dimension.description.empty()) {
      out << md_text(dimension.description) << "\n\n";
    }
    if (dimension.pass_mark) {
      out << fmt::format("*Pass mark: {} of 100.*\n\n", format_number(*dimension.pass_mark));
    }
    for (const Question* question : it->second) {
      render_question(bank, *question, ++number, out);
    }
  }
  // Choice questions belong to no dimension: the leadership's decisions.
  const auto choices = by_dimension.find("");
  if (choices != by_dimension.end()) {
    out << fmt::format("\n## {}. The leadership's choices\n\n"
                       "How far to go is a decision, not a score: each answer sets the target "
                       "its ladder is measured against.\n\n",
                       ++section);
    for (const Question* question : choices->second) {
      render_question(bank, *question, ++number, out);
    }
  }
}

void render_ladders(const Questionnaire& bank, std::ostream& out)
{
  if (bank.ladders.empty()) {
    return;
  }
  out << "\n## Stage ladders\n\n"
         "A stage is reached when its criteria and those of every stage below it hold. "
         "Scores run from 0 to 100.\n";
  for (const auto& ladder : bank.ladders) {
    out << fmt::format("\n### {}\n\n", md_inline(ladder.title));
    if (!ladder.description.empty()) {
      out << md_text(ladder.description) << "\n\n";
    }
    out << "| # | Stage | Reached when |\n|---:|---|---|\n";
    for (std::size_t i = 0; i < ladder.stages.size(); ++i) {
      const Stage& stage = ladder.stages[i];
      std::string rule;
      for (const auto& criterion : stage.criteria) {
        rule += (rule.empty() ? "" : " and ") + criterion_text(bank, criterion);
      }
      if (i == 0) {
        rule = "starting point";
      }
      out << fmt::format("| {} | {} | {} |\n", i, md_inline(stage.title), rule);
    }
    if (!ladder.target.empty()) {
      if (const auto index = ladder.stage_index(ladder.target)) {
        out << fmt::format("\nDefault target (until the leadership chooses): **{}**.\n",
                           md_inline(ladder.stages[*index].title));
      }
    }
  }
}

void render_recommendations(const Questionnaire& bank, std::ostream& out)
{
  if (bank.recommendations.empty()) {
    return;
  }
  out << "\n## Recommendations\n\n"
         "Effort: 1 about a week, 2 about a month, 3 about a quarter (≈100 days), "
         "4 about half a year, 5 a year or more.\n";
  for (const auto& dimension : bank.dimensions) {
    bool header = false;
    for (const auto& rec : bank.recommendations) {
      if (rec.kind != Recommendation::Kind::dimension || rec.dimension != dimension.id) {
        continue;
      }
      if (!header) {
        out << fmt::format("\n### {}\n\n| Score | Next step | Effort |\n|---|---|---:|\n",
                           md_inline(dimension.title));
        header = true;
      }
      out << fmt::format("| {}–{} | {} | {} |\n", format_number(rec.band_min),
                         format_number(rec.band_max), md_inline(rec.text), rec.effort);
    }
  }
  for (const auto& ladder : bank.ladders) {
    bool header = false;
    for (const auto& rec : bank.recommendations) {
      if (rec.kind != Recommendation::Kind::stage || rec.ladder != ladder.id) {
        continue;
      }
      if (!header) {
        out << fmt::format("\n### Reaching the stages of {}\n\n| Stage | Next step | Effort |\n"
                           "|---|---|---:|\n",
                           md_inline(ladder.title));
        header = true;
      }
      std::string stage_title = rec.stage;
      if (const auto index = ladder.stage_index(rec.stage)) {
        stage_title = ladder.stages[*index].title;
      }
      out << fmt::format("| {} | {} | {} |\n", md_inline(stage_title), md_inline(rec.text),
                         rec.effort);
    }
  }
  for (const auto& finding : bank.findings) {
    out << fmt::format("\n### Finding: {}\n\n*Severity {}.* {}\n", md_inline(finding.title),
                       severity_name(finding.severity), md_inline(finding.message));
    for (const auto& rec : bank.recommendations) {
      if (rec.kind == Recommendation::Kind::finding && rec.finding == finding.id) {
        out << fmt::format("\n- {} *(effort {})*\n", md_inline(rec.text), rec.effort);
      }
    }
  }
}

nlohmann::ordered_json loc_json(const util::SourceLoc& loc)
{
  return {{"file", loc.file}, {"line", loc.line}, {"column", loc.column}};
}

} // namespace

void render_markdown(const Questionnaire& bank, std::ostream& out)
{
  out << fmt::format("# {}\n\n", md_inline(bank.title));
  out << fmt::format("*Bank `{}`, version {}, language {}; {} questions.*\n", bank.id,
                     md_inline(bank.version), md_inline(bank.language), bank.questions.size());
  if (!bank.description.empty()) {
    out << "\n" << md_text(bank.description) << "\n";
  }
  if (!bank.source.empty()) {
    out << fmt::format("\nSource: {}\n", md_inline(bank.cite(bank.source)));
  }
  if (!bank.scales.empty()) {
    out << "\n## Answer scales\n\n";
    for (const auto& scale : bank.scales) {
      out << fmt::format("- **{}**: {}\n", md_inline(scale.title.empty() ? scale.id : scale.title),
                         scale_summary(scale));
    }
  }
  render_questions(bank, out);
  render_ladders(bank, out);
  render_recommendations(bank, out);
}

nlohmann::ordered_json to_json(const Questionnaire& bank)
{
  using json = nlohmann::ordered_json;
  json out;
  out["id"] = bank.id;
  out["title"] = bank.title;
  out["version"] = bank.version;
  out["language"] = bank.language;
  out["description"] = bank.description;
  out["source"] = bank.source;
  out["path"] = bank.path;
  out["includes"] = bank.includes;
  json scales = json::array();
  for (const auto& scale : bank.scales) {
    json options = json::array();
    for (const auto& option : scale.options) {
      if (scale.range && option.kind == OptionKind::value) {
        continue; // shown as `range` and `step`, as the bank writes it
      }
      json o;
      if (option.kind == OptionKind::value) {
        o["value"] = option.value;
      } else {
        o["special"] = option.kind == OptionKind::not_applicable ? "not-applicable" : "dont-know";
      }
      o["label"] = option.label;
      o["aliases"] = option.aliases;
      if (!option.stage.empty()) {
        o["stage"] = option.stage;
      }
      options.push_back(std::move(o));
    }
    json entry = {{"id", scale.id}, {"title", scale.title}, {"min", scale.min}, {"max", scale.max}};
    if (scale.range) {
      entry["range"] = {scale.range->min, scale.range->max};
      entry["step"] = scale.range->step;
    }
    entry["options"] = std::move(options);
    scales.push_back(std::move(entry));
  }
  out["scales"] = std::move(scales);
  json dimensions = json::array();
  for (const auto& dimension : bank.dimensions) {
    json d = {{"id", dimension.id},
              {"title", dimension.title},
              {"description", dimension.description},
              {"min_answered", dimension.min_answered},
              {"pass_mark", nullptr},
              {"source", dimension.source}};
    if (dimension.pass_mark) {
      d["pass_mark"] = *dimension.pass_mark;
    }
    dimensions.push_back(std::move(d));
  }
  out["dimensions"] = std::move(dimensions);
  json questions = json::array();
  for (const auto& question : bank.questions) {
    json q = {{"id", question.id},
              {"text", question.text},
              {"help", question.help},
              {"dimension", question.is_choice() ? json(nullptr) : json(question.dimension)},
              {"scale", question.scale},
              {"weight", question.weight},
              {"reverse", question.reverse},
              {"kind", kind_name(question.kind)},
              {"source", question.source},
              {"location", loc_json(question.loc)}};
    if (!question.says.empty()) {
      q["says"] = question.says;
    }
    if (question.is_choice()) {
      q["target_of"] = question.target_of;
    }
    questions.push_back(std::move(q));
  }
  out["questions"] = std::move(questions);
  json ladders = json::array();
  for (const auto& ladder : bank.ladders) {
    json stages = json::array();
    for (const auto& stage : ladder.stages) {
      json criteria = json::array();
      for (const auto& criterion : stage.criteria) {
        if (criterion.kind == Criterion::Kind::dimension) {
          criteria.push_back({{"dimension", criterion.dimension}, {"min", criterion.threshold}});
        } else {
          criteria.push_back({{"ladder", criterion.ladder}, {"stage", criterion.stage}});
        }
      }
      stages.push_back({{"id", stage.id},
                        {"title", stage.title},
                        {"description", stage.description},
                        {"criteria", std::move(criteria)}});
    }
    ladders.push_back({{"id", ladder.id},
                       {"title", ladder.title},
                       {"description", ladder.description},
                       {"target", ladder.target.empty() ? json(nullptr) : json(ladder.target)},
                       {"stages", std::move(stages)}});
  }
  out["ladders"] = std::move(ladders);
  json recommendations = json::array();
  for (const auto& rec : bank.recommendations) {
    json r = {{"id", rec.id}};
    if (rec.kind == Recommendation::Kind::dimension) {
      r["dimension"] = rec.dimension;
      r["band"] = {rec.band_min, rec.band_max};
    } else if (rec.kind == Recommendation::Kind::finding) {
      r["finding"] = rec.finding;
    } else {
      r["ladder"] = rec.ladder;
      r["stage"] = rec.stage;
    }
    r["text"] = rec.text;
    if (!rec.owner.empty()) {
      r["owner"] = rec.owner;
    }
    r["effort"] = rec.effort;
    r["effort_label"] = effort_label(rec.effort);
    r["source"] = rec.source;
    recommendations.push_back(std::move(r));
  }
  out["recommendations"] = std::move(recommendations);
  json findings = json::array();
  for (const auto& finding : bank.findings) {
    json when = json::array();
    for (const auto& any : finding.when) {
      json alternatives = json::array();
      for (const auto& c : any) {
        json condition;
        const char* key = c.kind == Condition::Kind::dimension  ? "dimension"
                          : c.kind == Condition::Kind::question ? "question"
                                                                : "ladder";
        condition[key] = c.ref;
        if (c.kind == Condition::Kind::ladder) {
          if (c.reached.empty()) {
            condition["below"] = c.below_stage;
          } else {
            condition["reached"] = c.reached;
          }
        } else {
          if (c.at_least) {
            condition["at_least"] = *c.at_least;
          }
          if (c.below) {
            condition["below"] = *c.below;
          }
        }
        alternatives.push_back(std::move(condition));
      }
      when.push_back(alternatives.size() == 1 ? alternatives[0] : json{{"any", alternatives}});
    }
    findings.push_back({{"id", finding.id},
                        {"title", finding.title},
                        {"severity", severity_name(finding.severity)},
                        {"message", finding.message},
                        {"when", std::move(when)},
                        {"source", finding.source}});
  }
  out["findings"] = std::move(findings);
  json sources = json::array();
  for (const auto& source : bank.sources) {
    sources.push_back({{"id", source.id}, {"cite", bank.cite(source.id)}});
  }
  out["sources"] = std::move(sources);
  out["headline"] = bank.headline.empty() ? json(nullptr) : json(bank.headline);
  return out;
}

} // namespace centricity::bank
