// Why one file of ~810 lines: a bank's YAML becomes the model in one pass
// that keeps every node's source position for diagnostics; the readers of
// each part (scales, questions, dimensions, ladders, findings, includes)
// share that position bookkeeping and the "collect every problem" list.
// Semantic checks across parts live in validate.cpp.

#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/bank/validate.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>
#include <centricity/util/yaml.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace centricity::bank {

namespace fs = std::filesystem;
using util::Diagnostics;
using util::loc_of;
using util::SourceLoc;

namespace {

const std::vector<std::string> k_bank_fields = {
  "id",      "title",           "version",  "language",   "description",
  "source",  "include",         "scales",   "dimensions", "questions",
  "ladders", "recommendations", "findings", "sources",    "headline"};
const std::vector<std::string> k_scale_fields = {"id", "title", "options", "range", "step"};
const std::vector<std::string> k_option_fields = {"value", "special", "label", "aliases", "stage"};
const std::vector<std::string> k_dimension_fields = {"id",           "title",     "description",
                                                     "min_answered", "pass_mark", "source"};
const std::vector<std::string> k_question_fields = {"id",    "text",      "help",    "dimension",
                                                    "scale", "weight",    "reverse", "kind",
                                                    "says",  "target_of", "source"};
const std::vector<std::string> k_ladder_fields = {"id", "title", "description", "target", "stages"};
const std::vector<std::string> k_stage_fields = {"id", "title", "description", "criteria"};
const std::vector<std::string> k_criterion_fields = {"dimension", "min", "ladder", "stage"};
const std::vector<std::string> k_recommendation_fields = {
  "id", "dimension", "ladder", "stage", "finding", "band", "text", "owner", "effort", "source"};
const std::vector<std::string> k_finding_fields = {"id",   "title",    "message",
                                                   "when", "severity", "source"};
const std::vector<std::string> k_condition_fields = {"dimension", "question", "ladder", "at_least",
                                                     "below",     "reached",  "any"};
const std::vector<std::string> k_source_fields = {"id", "author", "title", "about", "year", "url"};

// Option values: far beyond any rating scale, far below where arithmetic on
// them loses precision or overflows.
constexpr double k_max_option_value = 1e6;

// Points of a range scale: a 0-100 slider in whole numbers, the largest
// numeric question platforms export, fits. Every point is an option that
// publish writes and `score` caches as a label, so the count stays small.
constexpr std::size_t k_max_range_points = 101;
// The smallest step, and the grid range values are snapped to, so that
// 0.1 + 2 x 0.1 is the option 0.3 (labelled "0.3"), not 0.30000000000000004.
constexpr double k_min_step = 1e-6;
constexpr double k_range_grid = 1e9;

// A range point's label: the number as a person writes it, to the grid's
// nine decimals at most ("55", "2.5", "0.000001", never "1e-06").
std::string range_label(double value)
{
  std::string label = fmt::format("{:.9f}", value);
  while (label.back() == '0') {
    label.pop_back();
  }
  if (label.back() == '.') {
    label.pop_back();
  }
  return label == "-0" ? "0" : label;
}

bool is_id(const std::string& text)
{
  if (text.empty() || text.size() > 128) {
    return false;
  }
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(text.front())) {
    return false;
  }
  return std::all_of(text.begin(), text.end(),
                     [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_within(const fs::path& path, const fs::path& root)
{
  const auto rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

// Reads one file's worth of bank fields into the shared Questionnaire. Field
// problems become diagnostics; the item is kept where that is still useful
// (so later reference checks do not cascade into noise).
class FileParser {
public:
  FileParser(std::string file, Diagnostics& out)
    : m_file(std::move(file))
    , m_out(out)
  {
  }

  SourceLoc loc(const YAML::Node& node) const { return loc_of(node, m_file); }

  // Calls `fn` with every mapping in the list at `root[key]`.
  template <typename Fn>
  void each_mapping(const YAML::Node& root, const char* key, const char* what, Fn fn)
  {
    const YAML::Node list = root[key];
    if (!list.IsDefined() || list.IsNull()) {
      return;
    }
    if (!list.IsSequence()) {
      m_out.error(loc(list),
                  fmt::format("'{}' must be a list, not {}", key, util::describe_type(list)));
      return;
    }
    for (const auto& item : list) {
      if (!item.IsMap()) {
        m_out.error(loc(item),
                    fmt::format("each entry of '{}' must be a mapping ({} fields), not {}", key,
                                what, util::describe_type(item)));
        continue;
      }
      fn(item);
    }
  }

  std::string id(const YAML::Node& map, const char* what)
  {
    const auto value = util::get_string(map, "id", m_file, m_out, true);
    if (!value) {
      return {};
    }
    if (!is_id(*value)) {
      m_out.error(loc(map["id"]),
                  fmt::format("invalid {} id '{}': use letters, digits, '-', '_' and '.', starting "
                              "with a letter or digit",
                              what, *value));
    }
    return *value;
  }

  std::string text(const YAML::Node& map, const char* key, bool required)
  {
    return util::get_string(map, key, m_file, m_out, required).value_or("");
  }

  // A 0-100 number; reports values outside the range.
  std::optional<double> percent(const YAML::Node& map, const char* key, bool required)
  {
    auto value = util::get_number(map, key, m_file, m_out, required);
    if (value && (*value < 0 || *value > 100)) {
      // The number as written: 100.0000000000001 printed to six digits
      // read "not 100".
      m_out.error(loc(map[key]), fmt::format("'{}' must be between 0 and 100, not {}", key,
                                             util::trim(map[key].Scalar())));
      return std::nullopt;
    }
    return value;
  }

  std::vector<std::string> string_list(const YAML::Node& map, const char* key)
  {
    std::vector<std::string> out;
    const YAML::Node list = map[key];
    if (!list.IsDefined() || list.IsNull()) {
      return out;
    }
    if (!list.IsSequence()) {
      m_out.error(loc(list), fmt::format("'{}' must be a list of strings, not {}", key,
                                         util::describe_type(list)));
      return out;
    }
    for (const auto& item : list) {
      if (!item.IsScalar()) {
        m_out.error(loc(item), fmt::format("each entry of '{}' must be a string, not {}", key,
                                           util::describe_type(item)));
        continue;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

  void metadata(const YAML::Node& root, Questionnaire& bank, bool top)
  {
    util::check_keys(root, k_bank_fields, "bank", m_file, m_out);
    const std::string id_value = id(root, "bank");
    const std::string title = text(root, "title", true);
    const std::string version = text(root, "version", true);
    const std::string language = text(root, "language", false);
    const std::string description = text(root, "description", false);
    const std::string source = text(root, "source", false);
    const std::string headline = text(root, "headline", false);
    if (!top) {
      return; // an included bank contributes content, not metadata
    }
    bank.headline = headline;
    bank.headline_loc = loc(root["headline"]);
    bank.id = id_value;
    bank.title = title;
    bank.version = version;
    if (!language.empty()) {
      bank.language = language;
    }
    bank.description = description;
    bank.source = source;
  }

  void scales(const YAML::Node& root, Questionnaire& bank)
  {
    each_mapping(root, "scales", "scale", [&](const YAML::Node& node) {
      util::check_keys(node, k_scale_fields, "scale", m_file, m_out);
      Scale scale;
      scale.loc = loc(node);
      scale.id = id(node, "scale");
      scale.title = text(node, "title", false);
      const bool has_range = node["range"].IsDefined();
      if (!node["options"].IsDefined() && !has_range) {
        m_out.error(scale.loc, "missing required field 'options' (or 'range')");
      }
      if (has_range) {
        range(node, scale);
      } else if (node["step"].IsDefined()) {
        m_out.error(loc(node["step"]), "'step' goes with 'range: [min, max]'");
      }
      each_mapping(node, "options", "scale option", [&](const YAML::Node& option_node) {
        if (has_range && option_node["value"].IsDefined()) {
          m_out.error(loc(option_node),
                      "a scale with a 'range' takes only special options ('special: "
                      "not-applicable', 'special: dont-know'); the range gives the values");
        }
        scale.options.push_back(option(option_node));
      });
      bool first = true;
      for (const auto& option : scale.options) {
        if (option.kind != OptionKind::value) {
          continue;
        }
        scale.min = first ? option.value : std::min(scale.min, option.value);
        scale.max = first ? option.value : std::max(scale.max, option.value);
        first = false;
      }
      bank.scales.push_back(std::move(scale));
    });
  }

  // `range: [min, max]` and `step` (default 1) become the value options
  // min, min + step, ..., max. A broken range gives one error and no options.
  void range(const YAML::Node& node, Scale& scale)
  {
    const YAML::Node list = node["range"];
    scale.range = ScaleRange{0, 0, 1, loc(list)};
    if (!list.IsSequence() || list.size() != 2) {
      m_out.error(loc(list),
                  fmt::format("'range' must be a list of two numbers, [min, max], not {}",
                              list.IsSequence() ? fmt::format("a list of {}", list.size())
                                                : util::describe_type(list)));
      return;
    }
    for (const auto& end : list) {
      if (!util::scalar_number(end)) {
        m_out.error(loc(end), fmt::format("'range' must be two numbers, [min, max]: {} is not a "
                                          "finite number",
                                          end.IsScalar() ? fmt::format("'{}'", end.Scalar())
                                                         : util::describe_type(end)));
        return;
      }
    }
    const double low = *util::scalar_number(list[0]);
    const double high = *util::scalar_number(list[1]);
    const std::string written =
      fmt::format("[{}, {}]", util::trim(list[0].Scalar()), util::trim(list[1].Scalar()));
    if (std::fabs(low) > k_max_option_value || std::fabs(high) > k_max_option_value) {
      m_out.error(loc(list),
                  fmt::format("'range' must lie between -1000000 and 1000000, not {}", written));
      return;
    }
    if (low >= high) {
      m_out.error(loc(list),
                  fmt::format("'range' minimum {} must be below its maximum {}",
                              util::trim(list[0].Scalar()), util::trim(list[1].Scalar())));
      return;
    }
    double step = 1;
    if (node["step"].IsDefined()) {
      const auto given = util::get_number(node, "step", m_file, m_out, true);
      if (!given) {
        return;
      }
      if (*given < k_min_step) {
        m_out.error(loc(node["step"]),
                    fmt::format("'step' must be a positive number (at least 0.000001), not {}",
                                util::trim(node["step"].Scalar())));
        return;
      }
      step = *given;
    }
    const SourceLoc step_at = node["step"].IsDefined() ? loc(node["step"]) : loc(list);
    const double steps = (high - low) / step;
    const double whole = std::round(steps);
    if (whole < 1 || std::fabs(steps - whole) > 1e-9 * std::max(1.0, steps)) {
      m_out.error(step_at,
                  fmt::format("'range' {} is not a whole number of steps of {} ({} - {} "
                              "is {} steps)",
                              written, util::format_number(step), util::format_number(high),
                              util::format_number(low), util::format_number(steps)));
      return;
    }
    if (whole + 1 > static_cast<double>(k_max_range_points)) {
      m_out.error(step_at, fmt::format("'range' {} in steps of {} has {} points; a scale has at "
                                       "most {} (make 'step' larger)",
                                       written, util::format_number(step),
                                       util::format_number(whole + 1), k_max_range_points));
      return;
    }
    scale.range = ScaleRange{low, high, step, loc(list)};
    const auto count = static_cast<std::size_t>(whole);
    for (std::size_t i = 0; i <= count; ++i) {
      ScaleOption option;
      const double value = i == count ? high : low + static_cast<double>(i) * step;
      option.value = std::round(value * k_range_grid) / k_range_grid;
      option.label = range_label(option.value);
      option.loc = loc(list);
      scale.options.push_back(std::move(option));
    }
  }

  ScaleOption option(const YAML::Node& node)
  {
    util::check_keys(node, k_option_fields, "scale option", m_file, m_out);
    ScaleOption option;
    option.loc = loc(node);
    option.label = text(node, "label", true);
    option.aliases = string_list(node, "aliases");
    option.stage = text(node, "stage", false);
    option.stage_loc = loc(node["stage"]);
    const bool has_value = node["value"].IsDefined();
    const bool has_special = node["special"].IsDefined();
    if (has_value && has_special) {
      m_out.error(option.loc, "an option has either 'value' or 'special', not both");
    } else if (!has_value && !has_special) {
      m_out.error(option.loc, "an option needs a 'value' (or 'special: not-applicable' or "
                              "'special: dont-know')");
    }
    if (has_special) {
      const auto special = util::get_string(node, "special", m_file, m_out, false);
      if (special == "not-applicable") {
        option.kind = OptionKind::not_applicable;
      } else if (special == "dont-know") {
        option.kind = OptionKind::dont_know;
      } else if (special) {
        m_out.error(loc(node["special"]),
                    fmt::format("'special' must be 'not-applicable' or 'dont-know', not '{}'{}",
                                *special,
                                util::did_you_mean(*special, {"not-applicable", "dont-know"})));
      }
    } else if (has_value) {
      option.value = util::get_number(node, "value", m_file, m_out, false).value_or(0);
      // Scores are 100 * (v - min) / (max - min): with values near 1e308
      // max - min overflows and every answer on the scale scored nothing.
      if (std::fabs(option.value) > k_max_option_value) {
        m_out.error(loc(node["value"]),
                    fmt::format("'value' must be between -1000000 and 1000000, not {}",
                                util::trim(node["value"].Scalar())));
      }
    }
    return option;
  }

  void dimensions(const YAML::Node& root, Questionnaire& bank)
  {
    each_mapping(root, "dimensions", "dimension", [&](const YAML::Node& node) {
      util::check_keys(node, k_dimension_fields, "dimension", m_file, m_out);
      Dimension dimension;
      dimension.loc = loc(node);
      dimension.id = id(node, "dimension");
      dimension.title = text(node, "title", true);
      dimension.description = text(node, "description", false);
      dimension.source = text(node, "source", false);
      dimension.pass_mark = percent(node, "pass_mark", false);
      if (const auto min = util::get_number(node, "min_answered", m_file, m_out, false)) {
        if (*min < 1 || *min != std::floor(*min) || *min > 1e6) {
          m_out.error(loc(node["min_answered"]),
                      fmt::format("'min_answered' must be a whole number of at least 1, not {}",
                                  util::format_number(*min)));
        } else {
          dimension.min_answered = static_cast<std::size_t>(*min);
          dimension.min_answered_explicit = true;
        }
      }
      bank.dimensions.push_back(std::move(dimension));
    });
  }

  void questions(const YAML::Node& root, Questionnaire& bank)
  {
    each_mapping(root, "questions", "question", [&](const YAML::Node& node) {
      util::check_keys(node, k_question_fields, "question", m_file, m_out);
      Question question;
      question.loc = loc(node);
      question.id = id(node, "question");
      question.text = text(node, "text", true);
      question.help = text(node, "help", false);
      question.target_of = text(node, "target_of", false);
      question.target_of_loc = loc(node["target_of"]);
      question.says = text(node, "says", false);
      question.says_loc = loc(node["says"]);
      // A choice question sets a target and belongs to no dimension.
      question.dimension = text(node, "dimension", question.target_of.empty());
      question.dimension_loc = loc(node["dimension"]);
      question.scale = text(node, "scale", true);
      question.scale_loc = loc(node["scale"]);
      question.source = text(node, "source", false);
      if (const auto weight = util::get_number(node, "weight", m_file, m_out, false)) {
        if (*weight <= 0 || *weight > 1e6) {
          m_out.error(loc(node["weight"]),
                      fmt::format("'weight' must be a positive number (at most 1000000), not {}",
                                  util::format_number(*weight)));
        } else {
          question.weight = *weight;
        }
      }
      question.reverse = util::get_bool(node, "reverse", m_file, m_out).value_or(false);
      if (const auto kind = util::get_string(node, "kind", m_file, m_out, false)) {
        if (*kind == "belief") {
          question.kind = QuestionKind::belief;
        } else if (*kind == "misconception") {
          question.kind = QuestionKind::misconception;
        } else if (*kind != "practice") {
          m_out.error(
            loc(node["kind"]),
            fmt::format("'kind' must be 'practice', 'belief' or 'misconception', not '{}'{}", *kind,
                        util::did_you_mean(*kind, {"practice", "belief", "misconception"})));
        }
      }
      bank.questions.push_back(std::move(question));
    });
  }

  void ladders(const YAML::Node& root, Questionnaire& bank)
  {
    each_mapping(root, "ladders", "ladder", [&](const YAML::Node& node) {
      util::check_keys(node, k_ladder_fields, "ladder", m_file, m_out);
      Ladder ladder;
      ladder.loc = loc(node);
      ladder.id = id(node, "ladder");
      ladder.title = text(node, "title", true);
      ladder.description = text(node, "description", false);
      ladder.target = text(node, "target", false);
      ladder.target_loc = loc(node["target"]);
      if (!node["stages"].IsDefined()) {
        m_out.error(ladder.loc, "missing required field 'stages'");
      }
      each_mapping(node, "stages", "stage", [&](const YAML::Node& stage_node) {
        ladder.stages.push_back(stage(stage_node));
      });
      bank.ladders.push_back(std::move(ladder));
    });
  }

  Stage stage(const YAML::Node& node)
  {
    util::check_keys(node, k_stage_fields, "stage", m_file, m_out);
    Stage stage;
    stage.loc = loc(node);
    stage.id = id(node, "stage");
    stage.title = text(node, "title", true);
    stage.description = text(node, "description", false);
    each_mapping(node, "criteria", "criterion", [&](const YAML::Node& criterion_node) {
      if (auto c = criterion(criterion_node)) {
        stage.criteria.push_back(std::move(*c));
      }
    });
    return stage;
  }

  std::optional<Criterion> criterion(const YAML::Node& node)
  {
    util::check_keys(node, k_criterion_fields, "criterion", m_file, m_out);
    Criterion criterion;
    criterion.loc = loc(node);
    const bool on_dimension = node["dimension"].IsDefined();
    const bool on_ladder = node["ladder"].IsDefined() || node["stage"].IsDefined();
    if (on_dimension == on_ladder) {
      m_out.error(criterion.loc, "a criterion is either '{ dimension: ID, min: N }' or "
                                 "'{ ladder: ID, stage: ID }'");
      return std::nullopt;
    }
    if (on_dimension) {
      criterion.kind = Criterion::Kind::dimension;
      criterion.dimension = text(node, "dimension", true);
      criterion.ref_loc = loc(node["dimension"]);
      const auto threshold = percent(node, "min", true);
      if (!threshold) {
        return std::nullopt;
      }
      criterion.threshold = *threshold;
      return criterion;
    }
    criterion.kind = Criterion::Kind::ladder_stage;
    if (node["min"].IsDefined()) {
      m_out.error(loc(node["min"]), "'min' goes with 'dimension', not with 'ladder'");
    }
    criterion.ladder = text(node, "ladder", true);
    criterion.stage = text(node, "stage", true);
    criterion.ref_loc = loc(node["ladder"]);
    criterion.stage_loc = loc(node["stage"]);
    return criterion;
  }

  void recommendations(const YAML::Node& root, Questionnaire& bank)
  {
    each_mapping(root, "recommendations", "recommendation", [&](const YAML::Node& node) {
      util::check_keys(node, k_recommendation_fields, "recommendation", m_file, m_out);
      Recommendation rec;
      rec.loc = loc(node);
      rec.id = id(node, "recommendation");
      rec.text = text(node, "text", true);
      rec.source = text(node, "source", false);
      rec.owner = text(node, "owner", false);
      rec.dimension = text(node, "dimension", false);
      rec.ladder = text(node, "ladder", false);
      rec.stage = text(node, "stage", false);
      rec.finding = text(node, "finding", false);
      if (!rec.dimension.empty()) {
        rec.kind = Recommendation::Kind::dimension;
        rec.ref_loc = loc(node["dimension"]);
      } else if (!rec.finding.empty()) {
        rec.kind = Recommendation::Kind::finding;
        rec.ref_loc = loc(node["finding"]);
      } else {
        rec.kind = Recommendation::Kind::stage;
        rec.ref_loc = loc(node["ladder"].IsDefined() ? node["ladder"] : node["stage"]);
        rec.stage_loc = loc(node["stage"]);
      }
      band(node, rec);
      if (const auto effort = util::get_number(node, "effort", m_file, m_out, false)) {
        if (*effort < 1 || *effort > 5 || *effort != std::floor(*effort)) {
          m_out.error(loc(node["effort"]),
                      fmt::format("'effort' must be a whole number from 1 (about a week) to 5 (a "
                                  "year or more), not {}",
                                  util::format_number(*effort)));
        } else {
          rec.effort = static_cast<int>(*effort);
        }
      }
      bank.recommendations.push_back(std::move(rec));
    });
  }

  void findings(const YAML::Node& root, Questionnaire& bank)
  {
    each_mapping(root, "findings", "finding", [&](const YAML::Node& node) {
      util::check_keys(node, k_finding_fields, "finding", m_file, m_out);
      Finding finding;
      finding.loc = loc(node);
      finding.id = id(node, "finding");
      finding.title = text(node, "title", true);
      finding.message = text(node, "message", true);
      finding.source = text(node, "source", false);
      if (const auto severity = util::get_string(node, "severity", m_file, m_out, false)) {
        if (*severity == "high") {
          finding.severity = Finding::Severity::high;
        } else if (*severity == "low") {
          finding.severity = Finding::Severity::low;
        } else if (*severity != "medium") {
          m_out.error(loc(node["severity"]),
                      fmt::format("'severity' must be 'high', 'medium' or 'low', not '{}'{}",
                                  *severity,
                                  util::did_you_mean(*severity, {"high", "medium", "low"})));
        }
      }
      if (!node["when"].IsDefined()) {
        m_out.error(finding.loc, "missing required field 'when'");
      }
      each_mapping(node, "when", "condition", [&](const YAML::Node& entry) {
        std::vector<Condition> any;
        if (entry["any"].IsDefined()) {
          util::check_keys(entry, {"any"}, "condition", m_file, m_out);
          each_mapping(entry, "any", "condition", [&](const YAML::Node& inner) {
            if (inner["any"].IsDefined()) {
              m_out.error(loc(inner["any"]), "'any' cannot be nested inside 'any'");
            } else if (auto c = condition(inner)) {
              any.push_back(std::move(*c));
            }
          });
          if (any.empty()) {
            m_out.error(loc(entry["any"]), "'any' needs at least one condition");
          }
        } else if (auto c = condition(entry)) {
          any.push_back(std::move(*c));
        }
        if (!any.empty()) {
          finding.when.push_back(std::move(any));
        }
      });
      bank.findings.push_back(std::move(finding));
    });
  }

  std::optional<Condition> condition(const YAML::Node& node)
  {
    util::check_keys(node, k_condition_fields, "condition", m_file, m_out);
    Condition condition;
    condition.loc = loc(node);
    int refs = 0;
    for (const char* key : {"dimension", "question", "ladder"}) {
      if (node[key].IsDefined()) {
        ++refs;
        condition.ref = text(node, key, true);
        condition.ref_loc = loc(node[key]);
        condition.kind = std::string_view(key) == "dimension"  ? Condition::Kind::dimension
                         : std::string_view(key) == "question" ? Condition::Kind::question
                                                               : Condition::Kind::ladder;
      }
    }
    if (refs != 1) {
      m_out.error(condition.loc, "a condition names one 'dimension', 'question' or 'ladder' "
                                 "(or is '{ any: [...] }')");
      return std::nullopt;
    }
    if (condition.kind == Condition::Kind::ladder) {
      condition.reached = text(node, "reached", false);
      if (node["below"].IsDefined()) {
        condition.below_stage = text(node, "below", false);
      }
      if (node["at_least"].IsDefined()) {
        m_out.error(loc(node["at_least"]),
                    "a ladder condition takes 'reached: STAGE' or 'below: STAGE', not 'at_least'");
        return std::nullopt;
      }
      if (condition.reached.empty() == condition.below_stage.empty()) {
        m_out.error(condition.loc,
                    "a ladder condition needs one of 'reached: STAGE' or 'below: STAGE'");
        return std::nullopt;
      }
      return condition;
    }
    if (node["reached"].IsDefined()) {
      m_out.error(loc(node["reached"]), "'reached' goes with 'ladder'");
      return std::nullopt;
    }
    condition.at_least = percent(node, "at_least", false);
    condition.below = percent(node, "below", false);
    if (!condition.at_least && !condition.below) {
      if (!node["at_least"].IsDefined() && !node["below"].IsDefined()) {
        m_out.error(condition.loc,
                    "a score condition needs 'at_least: N' or 'below: N' (or both), 0-100");
      }
      return std::nullopt;
    }
    return condition;
  }

  void sources(const YAML::Node& root, Questionnaire& bank)
  {
    each_mapping(root, "sources", "source", [&](const YAML::Node& node) {
      util::check_keys(node, k_source_fields, "source", m_file, m_out);
      Source source;
      source.loc = loc(node);
      source.id = id(node, "source");
      source.author = text(node, "author", false);
      source.year = text(node, "year", false);
      source.url = text(node, "url", false);
      if (node["title"].IsDefined() == node["about"].IsDefined()) {
        m_out.error(source.loc, "a source has a 'title' or, for an untitled work, an 'about' "
                                "that describes it");
      } else if (node["title"].IsDefined()) {
        source.title = text(node, "title", true);
      } else {
        source.title = text(node, "about", true);
        source.titled = false;
      }
      bank.sources.push_back(std::move(source));
    });
  }

  void band(const YAML::Node& node, Recommendation& rec)
  {
    const YAML::Node band = node["band"];
    if (!band.IsDefined() || band.IsNull()) {
      return;
    }
    const auto fail = [&] {
      m_out.error(loc(band), "'band' must be a list of two numbers from 0 to 100, [min, max]");
    };
    if (!band.IsSequence() || band.size() != 2) {
      fail();
      return;
    }
    const auto low = util::scalar_number(band[0]);
    const auto high = util::scalar_number(band[1]);
    if (!low || !high || *low < 0 || *high > 100) {
      fail();
      return;
    }
    if (*low >= *high) {
      m_out.error(loc(band), fmt::format("'band' minimum {} must be below its maximum {}",
                                         util::format_number(*low), util::format_number(*high)));
      return;
    }
    rec.band_min = *low;
    rec.band_max = *high;
  }

private:
  std::string m_file;
  Diagnostics& m_out;
};

class Loader {
public:
  Loader(const LoadOptions& options, LoadResult& result)
    : m_options(options)
    , m_reader(options.reader != nullptr ? *options.reader : m_disk)
    , m_result(result)
  {
    // Reading from disk with no roots given: the bundled banks folders.
    const auto roots = options.include_roots.empty() && options.reader == nullptr
                         ? bank_folders()
                         : options.include_roots;
    for (const auto& root : roots) {
      if (auto canonical = m_reader.canonical(root)) {
        m_roots.emplace_back(*canonical);
      }
    }
  }

  void load_top(const std::string& path)
  {
    Questionnaire bank;
    bank.path = path;
    const auto canonical = m_reader.canonical(path);
    if (canonical) {
      m_top_folder = fs::path(*canonical).parent_path();
    }
    if (!load_file(path, canonical.value_or(path), {}, bank, true)) {
      return; // nothing usable: no model
    }
    fill_defaults(bank);
    validate(bank, m_result.diagnostics);
    m_result.bank = std::move(bank);
  }

private:
  // Loads one file into `bank`; false if the file could not be parsed at all.
  bool load_file(const std::string& display, const std::string& canonical,
                 const SourceLoc& included_from, Questionnaire& bank, bool top)
  {
    Diagnostics& out = m_result.diagnostics;
    std::string reason;
    const auto text = m_reader.read(display, reason, m_options.limits.max_file_bytes);
    if (!text) {
      if (top) {
        out.error({display, 0, 0}, fmt::format("cannot read bank: {}", reason));
      } else {
        out.error(included_from,
                  fmt::format("cannot read included bank '{}': {}", display, reason));
      }
      return false;
    }
    m_result.sources.add(display, *text);
    const auto root = util::parse_yaml(*text, display, out, m_options.limits.max_nodes);
    if (!root) {
      return false;
    }
    if (!root->IsMap()) {
      out.error(
        loc_of(*root, display),
        fmt::format("a bank must be a mapping of fields (id, title, questions, ...), not {}",
                    util::describe_type(*root)));
      return false;
    }
    m_stack.push_back(canonical);
    m_loaded.insert(canonical);
    FileParser parser(display, out);
    parser.metadata(*root, bank, top);
    includes(*root, display, bank);
    parser.scales(*root, bank);
    parser.dimensions(*root, bank);
    parser.questions(*root, bank);
    parser.ladders(*root, bank);
    parser.recommendations(*root, bank);
    parser.findings(*root, bank);
    parser.sources(*root, bank);
    m_stack.pop_back();
    return true;
  }

  void includes(const YAML::Node& root, const std::string& display, Questionnaire& bank)
  {
    Diagnostics& out = m_result.diagnostics;
    const YAML::Node list = root["include"];
    if (!list.IsDefined() || list.IsNull()) {
      return;
    }
    if (!list.IsSequence()) {
      out.error(loc_of(list, display), fmt::format("'include' must be a list of paths, not {}",
                                                   util::describe_type(list)));
      return;
    }
    for (const auto& item : list) {
      const SourceLoc at = loc_of(item, display);
      if (!item.IsScalar() || item.Scalar().empty()) {
        out.error(at, "each entry of 'include' must be a relative path");
        continue;
      }
      const fs::path relative(item.Scalar());
      if (relative.is_absolute()) {
        out.error(at,
                  fmt::format("include '{}' must be a path relative to this bank", item.Scalar()));
        continue;
      }
      const std::string child =
        (fs::path(display).parent_path() / relative).lexically_normal().string();
      const auto canonical = m_reader.canonical(child);
      if (!canonical) {
        out.error(at, fmt::format("cannot read included bank '{}': No such file or directory",
                                  item.Scalar()));
        continue;
      }
      if (!allowed(*canonical)) {
        out.error(at, fmt::format("include '{}' leaves the bank's folder; includes may only point "
                                  "into the folder of the bank being loaded (or below it) or into "
                                  "the bundled banks folder",
                                  item.Scalar()));
        continue;
      }
      const auto cycle = std::find(m_stack.begin(), m_stack.end(), *canonical);
      if (cycle != m_stack.end()) {
        std::string chain;
        for (auto it = cycle; it != m_stack.end(); ++it) {
          chain += fs::path(*it).filename().string() + " -> ";
        }
        chain += fs::path(*canonical).filename().string();
        out.error(at, fmt::format("include cycle: {}", chain));
        continue;
      }
      if (m_loaded.count(*canonical) != 0) {
        continue; // diamond: already part of this bank
      }
      if (m_stack.size() >= m_options.limits.max_include_depth) {
        out.error(at, fmt::format("includes are nested more than {} deep",
                                  m_options.limits.max_include_depth));
        continue;
      }
      if (m_loaded.size() >= m_options.limits.max_includes) {
        out.error(
          at, fmt::format("a bank may include at most {} files", m_options.limits.max_includes));
        continue;
      }
      bank.includes.push_back(child);
      load_file(child, *canonical, at, bank, false);
    }
  }

  bool allowed(const std::string& canonical) const
  {
    const fs::path path(canonical);
    if (!m_top_folder.empty() && is_within(path, m_top_folder)) {
      return true;
    }
    return std::any_of(m_roots.begin(), m_roots.end(),
                       [&](const fs::path& root) { return is_within(path, root); });
  }

  static void fill_defaults(Questionnaire& bank)
  {
    for (auto& dimension : bank.dimensions) {
      if (dimension.min_answered_explicit) {
        continue;
      }
      const auto count = static_cast<std::size_t>(
        std::count_if(bank.questions.begin(), bank.questions.end(),
                      [&](const Question& q) { return q.dimension == dimension.id; }));
      dimension.min_answered = std::max<std::size_t>(1, (count + 1) / 2);
    }
  }

  const LoadOptions& m_options;
  util::DiskFileReader m_disk;
  const util::FileReader& m_reader;
  LoadResult& m_result;
  std::vector<fs::path> m_roots;
  fs::path m_top_folder;
  std::vector<std::string> m_stack;
  std::set<std::string> m_loaded;
};

} // namespace

LoadResult load_bank(const std::string& path, const LoadOptions& options)
{
  LoadResult result;
  Loader loader(options, result);
  loader.load_top(path);
  result.diagnostics.sort();
  return result;
}

Questionnaire load_valid_bank(const std::string& path, const LoadOptions& options)
{
  LoadResult result = load_bank(path, options);
  if (!result.diagnostics.has_errors() && result.bank) {
    return std::move(*result.bank);
  }
  std::string message = fmt::format("invalid bank '{}' ({} error{}); run 'centricity validate {}'",
                                    path, result.diagnostics.error_count(),
                                    result.diagnostics.error_count() == 1 ? "" : "s", path);
  for (const auto& diagnostic : result.diagnostics.all()) {
    if (diagnostic.severity == util::Severity::error) {
      message += "\n";
      message += util::format_diagnostic(diagnostic, result.sources);
      if (message.back() == '\n') {
        message.pop_back();
      }
    }
  }
  throw Error(message, ExitCode::data);
}

} // namespace centricity::bank
