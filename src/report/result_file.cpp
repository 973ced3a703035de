#include <centricity/report/result_file.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/file_reader.hpp>
#include <centricity/util/json.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <iostream>
#include <limits>
#include <map>

namespace centricity::report {

namespace {

using Json = nlohmann::ordered_json;

// Results hold one entry per dimension, stage and group: far below this.
constexpr std::size_t k_max_result_bytes = 256u * 1024u * 1024u;

// A short view of a value for messages: numbers and short strings as they
// are, anything else by its type.
std::string shown(const Json& value)
{
  if (value.is_number()) {
    return value.dump();
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() <= 40 && text.find_first_of(std::string("\0\n\r\"", 4)) == std::string::npos) {
      return fmt::format("\"{}\"", text);
    }
    return "a string";
  }
  if (value.is_null()) {
    return "null";
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "true" : "false";
  }
  return value.is_array() ? "a list" : "an object";
}

// Checks a Result against what the renderers read from it, field by field:
// types, ranges, and stage indexes against their ladder. Keys it does not
// know are left alone, so a Result with more fields still renders. The
// first problem throws centricity::Error "path: field: what is wrong".
class Checker {
public:
  explicit Checker(std::string path)
    : m_path(std::move(path))
  {
  }

  void result(const Json& r)
  {
    const Json& bank = object(r, "", "bank");
    for (const char* key : {"id", "title", "version", "language"}) {
      string(bank, "bank", key);
    }
    string(r, "", "generated_at");
    m_respondents = count(r, "", "respondents");
    const Json& ladders = list(r, "", "ladders");
    // Stage counts per ladder id first: criteria refer to other ladders.
    for (std::size_t l = 0; l < ladders.size(); ++l) {
      const std::string at = fmt::format("ladders[{}]", l);
      const Json& ladder = object_at(ladders[l], at);
      const std::string id = string(ladder, at, "id");
      const std::size_t stages = list(ladder, at, "stages").size();
      if (stages == 0) {
        fail(at + ".stages", "has no stages (a ladder has at least its starting point)");
      }
      m_stages.emplace(id, stages);
    }
    for (std::size_t l = 0; l < ladders.size(); ++l) {
      ladder(ladders[l], fmt::format("ladders[{}]", l));
    }
    const Json& dimensions = list(r, "", "dimensions");
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
      dimension(dimensions[d], fmt::format("dimensions[{}]", d));
    }
    const Json& gaps = list(r, "", "gaps");
    for (std::size_t g = 0; g < gaps.size(); ++g) {
      gap(gaps[g], fmt::format("gaps[{}]", g));
    }
    const Json& steps = list(r, "", "next_steps");
    for (std::size_t s = 0; s < steps.size(); ++s) {
      next_step(steps[s], fmt::format("next_steps[{}]", s));
    }
    say_do(object(r, "", "say_do_gap"), "say_do_gap");
    const Json& groups = list(r, "", "groups");
    for (std::size_t g = 0; g < groups.size(); ++g) {
      group(groups[g], fmt::format("groups[{}]", g), dimensions.size());
    }
    data_quality(object(r, "", "data_quality"), "data_quality");
  }

private:
  [[noreturn]] void fail(const std::string& field, const std::string& problem) const
  {
    throw Error(fmt::format("{}: field \"{}\" {}", m_path, field, problem));
  }

  static std::string join(const std::string& at, const char* key)
  {
    return at.empty() ? std::string(key) : at + "." + key;
  }

  const Json& field(const Json& object, const std::string& at, const char* key) const
  {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (at.empty()) {
        throw Error(fmt::format("{}: the Result has no \"{}\"", m_path, key));
      }
      throw Error(fmt::format("{}: \"{}\" has no \"{}\"", m_path, at, key));
    }
    return *it;
  }

  const Json& object_at(const Json& value, const std::string& at) const
  {
    if (!value.is_object()) {
      fail(at, fmt::format("must be an object, not {}", shown(value)));
    }
    return value;
  }

  const Json& object(const Json& parent, const std::string& at, const char* key) const
  {
    return object_at(field(parent, at, key), join(at, key));
  }

  const Json& list(const Json& parent, const std::string& at, const char* key) const
  {
    const Json& value = field(parent, at, key);
    if (!value.is_array()) {
      fail(join(at, key), fmt::format("must be a list, not {}", shown(value)));
    }
    return value;
  }

  std::string string(const Json& parent, const std::string& at, const char* key) const
  {
    const Json& value = field(parent, at, key);
    if (!value.is_string()) {
      fail(join(at, key), fmt::format("must be a string, not {}", shown(value)));
    }
    return value.get<std::string>();
  }

  void boolean(const Json& parent, const std::string& at, const char* key, bool nullable) const
  {
    const Json& value = field(parent, at, key);
    if (!value.is_boolean() && !(nullable && value.is_null())) {
      fail(join(at, key), fmt::format("must be true or false{}, not {}", nullable ? " or null" : "",
                                      shown(value)));
    }
  }

  // A whole number from 0 (nlohmann reads those as unsigned).
  std::uint64_t count(const Json& parent, const std::string& at, const char* key) const
  {
    const Json& value = field(parent, at, key);
    if (!value.is_number_unsigned()) {
      fail(join(at, key),
           fmt::format("must be a whole number of at least 0, not {}", shown(value)));
    }
    return value.get<std::uint64_t>();
  }

  // A count that cannot exceed the Result's respondents.
  void respondents_count(const Json& parent, const std::string& at, const char* key) const
  {
    if (const auto n = count(parent, at, key); n > m_respondents) {
      fail(join(at, key),
           fmt::format("is {}, more than the Result's {} respondents", n, m_respondents));
    }
  }

  // A number within [low, high] (or null when `nullable`); JSON numbers are
  // finite already (an overflowing one does not parse).
  void number(const Json& parent, const std::string& at, const char* key, bool nullable,
              double low = std::numeric_limits<double>::lowest(),
              double high = std::numeric_limits<double>::max()) const
  {
    const Json& value = field(parent, at, key);
    if (nullable && value.is_null()) {
      return;
    }
    const bool ranged = low != std::numeric_limits<double>::lowest();
    const std::string wanted =
      ranged
        ? fmt::format("a number from {} to {}", util::format_number(low), util::format_number(high))
        : std::string("a number");
    if (!value.is_number()) {
      fail(join(at, key),
           fmt::format("must be {}{}, not {}", wanted, nullable ? " or null" : "", shown(value)));
    }
    const double x = value.get<double>();
    if (x < low || x > high) {
      fail(join(at, key), fmt::format("must be {}, not {}", wanted, shown(value)));
    }
  }

  void score(const Json& parent, const std::string& at, const char* key) const
  {
    number(parent, at, key, true, 0, 100);
  }

  void rate(const Json& parent, const std::string& at, const char* key) const
  {
    number(parent, at, key, false, 0, 1);
  }

  void interval(const Json& parent, const std::string& at, const char* key) const
  {
    const Json& value = field(parent, at, key);
    if (value.is_null()) {
      return;
    }
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number()) {
      fail(join(at, key),
           fmt::format("must be null or a list of two numbers [low, high], not {}", shown(value)));
    }
  }

  void one_of(const Json& parent, const std::string& at, const char* key,
              std::initializer_list<const char*> allowed) const
  {
    const std::string value = string(parent, at, key);
    std::string names;
    for (const char* name : allowed) {
      if (value == name) {
        return;
      }
      names += names.empty() ? "" : ", ";
      names += fmt::format("\"{}\"", name);
    }
    fail(join(at, key),
         fmt::format("must be one of {}, not {}", names, shown(field(parent, at, key))));
  }

  // A stage of `ladder` (an id; unknown ladders are not checked here: a
  // criterion may name a ladder the Result does not list).
  void stage_ref(const Json& parent, const std::string& at, const char* key,
                 const std::string& ladder) const
  {
    const std::string here = join(at, key);
    const Json& stage = object(parent, at, key);
    const std::uint64_t index = count(stage, here, "index");
    string(stage, here, "id");
    string(stage, here, "title");
    if (const auto it = m_stages.find(ladder); it != m_stages.end() && index >= it->second) {
      fail(here + ".index",
           fmt::format("is {}, but ladder '{}' has stages 0 to {}", index, ladder, it->second - 1));
    }
  }

  void ladder(const Json& ladder, const std::string& at)
  {
    const std::string id = string(ladder, at, "id");
    string(ladder, at, "title");
    string(ladder, at, "description");
    const Json& stages = list(ladder, at, "stages");
    for (std::size_t s = 0; s < stages.size(); ++s) {
      const std::string here = fmt::format("{}.stages[{}]", at, s);
      object_at(stages[s], here);
      if (count(stages[s], here, "index") != s) {
        fail(here + ".index", fmt::format("must be {} (its place in the list), not {}", s,
                                          shown(stages[s].at("index"))));
      }
      string(stages[s], here, "id");
      string(stages[s], here, "title");
    }
    stage_ref(ladder, at, "stage", id);
    if (!field(ladder, at, "target").is_null()) {
      stage_ref(ladder, at, "target", id);
    }
    boolean(ladder, at, "limited_by_missing_data", false);
    const Json& trace = list(ladder, at, "trace");
    if (trace.size() != stages.size() - 1) {
      fail(at + ".trace", fmt::format("has {} entries, but the ladder has {} stages above its "
                                      "starting point",
                                      trace.size(), stages.size() - 1));
    }
    for (std::size_t t = 0; t < trace.size(); ++t) {
      const std::string here = fmt::format("{}.trace[{}]", at, t);
      object_at(trace[t], here);
      stage_ref(trace[t], here, "stage", id);
      if (trace[t].at("stage").at("index").get<std::uint64_t>() != t + 1) {
        fail(here + ".stage.index",
             fmt::format("must be {}, not {}", t + 1, shown(trace[t].at("stage").at("index"))));
      }
      boolean(trace[t], here, "met", false);
      boolean(trace[t], here, "counts", false);
      const Json& criteria = list(trace[t], here, "criteria");
      for (std::size_t c = 0; c < criteria.size(); ++c) {
        criterion(criteria[c], fmt::format("{}.criteria[{}]", here, c));
      }
    }
    const Json& risks = list(ladder, at, "risks");
    for (std::size_t r = 0; r < risks.size(); ++r) {
      const std::string here = fmt::format("{}.risks[{}]", at, r);
      object_at(risks[r], here);
      stage_ref(risks[r], here, "stage", id);
      const Json& below = list(risks[r], here, "unmet_below");
      if (below.empty()) {
        fail(here + ".unmet_below", "is empty (a risk has at least one unmet stage below it)");
      }
      for (std::size_t b = 0; b < below.size(); ++b) {
        const std::string entry = fmt::format("{}.unmet_below[{}]", here, b);
        object_at(below[b], entry);
        const auto index = count(below[b], entry, "index");
        string(below[b], entry, "title");
        if (index >= stages.size()) {
          fail(entry + ".index", fmt::format("is {}, but ladder '{}' has stages 0 to {}", index, id,
                                             stages.size() - 1));
        }
      }
    }
    const Json& distribution = list(ladder, at, "distribution");
    for (std::size_t d = 0; d < distribution.size(); ++d) {
      const std::string here = fmt::format("{}.distribution[{}]", at, d);
      object_at(distribution[d], here);
      const auto index = count(distribution[d], here, "index");
      if (index >= stages.size()) {
        fail(here + ".index", fmt::format("is {}, but ladder '{}' has stages 0 to {}", index, id,
                                          stages.size() - 1));
      }
      respondents_count(distribution[d], here, "count");
      rate(distribution[d], here, "share");
    }
    if (ladder.contains("respondents_limited_by_missing_data")) {
      respondents_count(ladder, at, "respondents_limited_by_missing_data");
    }
  }

  void criterion(const Json& criterion, const std::string& at) const
  {
    object_at(criterion, at);
    one_of(criterion, at, "kind", {"dimension", "ladder_stage"});
    one_of(criterion, at, "status", {"met", "unmet", "no_data", "not_applicable"});
    if (criterion.at("kind") == "dimension") {
      string(criterion, at, "dimension");
      number(criterion, at, "threshold", false, 0, 100);
      // Not applicable: most answered that the structure is not there, so
      // there is no score, and the criterion is not met.
      const bool data = criterion.at("status") == "met" || criterion.at("status") == "unmet";
      score(criterion, at, "score");
      number(criterion, at, "margin", true);
      if (data && (criterion.at("score").is_null() || criterion.at("margin").is_null())) {
        fail(at,
             fmt::format("has status {} but no score and margin", shown(criterion.at("status"))));
      }
    } else {
      const std::string ladder = string(criterion, at, "ladder");
      stage_ref(criterion, at, "stage", ladder);
      stage_ref(criterion, at, "reached", ladder);
    }
  }

  void dimension(const Json& dimension, const std::string& at) const
  {
    object_at(dimension, at);
    for (const char* key : {"id", "title", "description"}) {
      string(dimension, at, key);
    }
    score(dimension, at, "score");
    respondents_count(dimension, at, "n");
    score(dimension, at, "mean");
    number(dimension, at, "sd", true, 0, 100);
    interval(dimension, at, "ci95");
    number(dimension, at, "alpha", true);
    rate(dimension, at, "missing_rate");
    rate(dimension, at, "not_applicable_rate");
    rate(dimension, at, "dont_know_rate");
    respondents_count(dimension, at, "insufficient");
    count(dimension, at, "questions");
    count(dimension, at, "min_answered");
    number(dimension, at, "pass_mark", true, 0, 100);
    boolean(dimension, at, "passed", true);
  }

  void gap(const Json& gap, const std::string& at) const
  {
    object_at(gap, at);
    const std::string ladder = string(gap, at, "ladder");
    one_of(gap, at, "kind", {"dimension", "ladder_stage"});
    stage_ref(gap, at, "stage", ladder);
    number(gap, at, "gap", true);
    if (gap.at("kind") == "dimension") {
      string(gap, at, "dimension");
      number(gap, at, "threshold", false, 0, 100);
      // A null score with a gap: the structure is not in place (answered
      // "not applicable"), the whole threshold to go.
      score(gap, at, "score");
    }
  }

  void next_step(const Json& step, const std::string& at) const
  {
    object_at(step, at);
    for (const char* key : {"id", "text", "source"}) {
      string(step, at, key);
    }
    one_of(step, at, "kind", {"dimension", "stage", "finding"});
    if (step.at("kind") == "dimension") {
      string(step, at, "dimension");
    } else if (step.at("kind") == "finding") {
      string(step, at, "finding");
    } else {
      stage_ref(step, at, "stage", step.contains("ladder") ? string(step, at, "ladder") : "");
    }
    const Json& effort = field(step, at, "effort");
    if (!effort.is_number_unsigned() || effort.get<std::uint64_t>() < 1
        || effort.get<std::uint64_t>() > 5) {
      fail(join(at, "effort"),
           fmt::format("must be a whole number from 1 to 5, not {}", shown(effort)));
    }
    number(step, at, "gap", false);
    number(step, at, "weight", false);
    number(step, at, "priority", false);
  }

  void say_do(const Json& say_do, const std::string& at) const
  {
    number(say_do, at, "gap", true, -100, 100);
    respondents_count(say_do, at, "n");
    number(say_do, at, "sd", true, 0, 200);
    interval(say_do, at, "ci95");
    for (const char* side : {"belief", "practice"}) {
      const Json& mean = object(say_do, at, side);
      respondents_count(mean, join(at, side), "n");
      score(mean, join(at, side), "mean");
    }
  }

  void group(const Json& group, const std::string& at, std::size_t dimensions) const
  {
    object_at(group, at);
    string(group, at, "field");
    const Json& values = list(group, at, "values");
    for (std::size_t v = 0; v < values.size(); ++v) {
      const std::string here = fmt::format("{}.values[{}]", at, v);
      object_at(values[v], here);
      string(values[v], here, "value");
      respondents_count(values[v], here, "respondents");
      const Json& scores = list(values[v], here, "dimensions");
      if (scores.size() != dimensions) {
        fail(here + ".dimensions", fmt::format("has {} entries, but the Result has {} dimensions",
                                               scores.size(), dimensions));
      }
      for (std::size_t d = 0; d < scores.size(); ++d) {
        const std::string entry = fmt::format("{}.dimensions[{}]", here, d);
        object_at(scores[d], entry);
        string(scores[d], entry, "id");
        score(scores[d], entry, "score");
        respondents_count(scores[d], entry, "n");
        number(scores[d], entry, "sd", true, 0, 100);
      }
      list(values[v], here, "ladders");
      number(values[v], here, "say_do_gap", true, -100, 100);
    }
    const Json& disagreements = list(group, at, "disagreements");
    for (std::size_t i = 0; i < disagreements.size(); ++i) {
      const std::string here = fmt::format("{}.disagreements[{}]", at, i);
      object_at(disagreements[i], here);
      string(disagreements[i], here, "dimension");
      for (const char* side : {"a", "b"}) {
        const Json& mean = object(disagreements[i], here, side);
        string(mean, join(here, side), "value");
        respondents_count(mean, join(here, side), "n");
        number(mean, join(here, side), "mean", false, 0, 100);
      }
      number(disagreements[i], here, "difference", false, -100, 100);
      number(disagreements[i], here, "cohens_d", true);
      number(disagreements[i], here, "hedges_g", true);
    }
  }

  void data_quality(const Json& quality, const std::string& at) const
  {
    const auto respondents = count(quality, at, "respondents");
    if (respondents != m_respondents) {
      fail(at + ".respondents",
           fmt::format("is {}, but the Result has {} respondents", respondents, m_respondents));
    }
    respondents_count(quality, at, "complete");
    count(quality, at, "questions");
    rate(quality, at, "missing_rate");
    rate(quality, at, "not_applicable_rate");
    rate(quality, at, "dont_know_rate");
    boolean(quality, at, "small_sample", false);
    const Json& without = list(quality, at, "dimensions_without_score");
    for (std::size_t i = 0; i < without.size(); ++i) {
      if (!without[i].is_string()) {
        fail(fmt::format("{}.dimensions_without_score[{}]", at, i),
             fmt::format("must be a string, not {}", shown(without[i])));
      }
    }
    const Json& low = list(quality, at, "low_alpha");
    for (std::size_t i = 0; i < low.size(); ++i) {
      const std::string here = fmt::format("{}.low_alpha[{}]", at, i);
      object_at(low[i], here);
      string(low[i], here, "dimension");
      number(low[i], here, "alpha", false);
    }
  }

  std::string m_path;
  std::uint64_t m_respondents = 0;
  std::map<std::string, std::size_t, std::less<>> m_stages; // per ladder id
};

} // namespace

nlohmann::ordered_json parse_result(std::string_view text, const std::string& path)
{
  Json result = util::read_json_file(text, path, k_result_json_limits);
  if (!result.is_object() || !result.contains("schema") || !result["schema"].is_string()) {
    throw Error(fmt::format("{}: not a centricity Result (no \"schema\" key)", path));
  }
  const std::string schema = result["schema"].get<std::string>();
  if (schema != score::k_result_schema) {
    throw Error(fmt::format("{}: Result schema '{}' is not supported (this centricity reads '{}')",
                            path, schema, score::k_result_schema));
  }
  Checker(path).result(result);
  return result;
}

nlohmann::ordered_json load_result(const std::string& path)
{
  std::string text;
  if (path == "-") {
    // Standard input is bounded like a file: read one byte past the limit.
    std::string chunk(std::size_t{1} << 20U, '\0');
    while (std::cin.read(chunk.data(), static_cast<std::streamsize>(chunk.size()))
           || std::cin.gcount() > 0) {
      text.append(chunk.data(), static_cast<std::size_t>(std::cin.gcount()));
      if (text.size() > k_max_result_bytes) {
        throw Error(fmt::format("cannot read '-': file is larger than the limit of {} bytes",
                                k_max_result_bytes));
      }
    }
  } else {
    std::string error;
    const util::DiskFileReader reader;
    auto content = reader.read(path, error, k_max_result_bytes);
    if (!content) {
      throw Error(fmt::format("cannot read '{}': {}", path, error));
    }
    text = std::move(*content);
  }
  return parse_result(text, path);
}

} // namespace centricity::report
