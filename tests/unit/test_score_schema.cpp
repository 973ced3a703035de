// The Result a run produces must match docs/result.schema.json, so the
// published schema cannot drift from the code. A small validator for the
// subset of JSON Schema the file uses: type, const, enum, required,
// properties, additionalProperties, items, minItems/maxItems, minimum/
// maximum, exclusiveMinimum, oneOf and local $ref.

#include "test_score_bank.hpp"

#include <centricity/score/result.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace centricity;
using Json = nlohmann::json;

namespace {

bool has_type(const Json& value, const std::string& type)
{
  if (type == "object") {
    return value.is_object();
  }
  if (type == "array") {
    return value.is_array();
  }
  if (type == "string") {
    return value.is_string();
  }
  if (type == "number") {
    return value.is_number();
  }
  if (type == "integer") {
    return value.is_number_integer();
  }
  if (type == "boolean") {
    return value.is_boolean();
  }
  if (type == "null") {
    return value.is_null();
  }
  return false;
}

// Appends "path: problem" for every violation of `schema` by `value`.
void check(const Json& root, const Json& schema, const Json& value, const std::string& path,
           std::vector<std::string>& problems)
{
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    REQUIRE(ref.rfind("#/$defs/", 0) == 0);
    check(root, root["$defs"][ref.substr(8)], value, path, problems);
    return;
  }
  if (schema.contains("oneOf")) {
    int matches = 0;
    for (const auto& option : schema["oneOf"]) {
      std::vector<std::string> inner;
      check(root, option, value, path, inner);
      matches += inner.empty() ? 1 : 0;
    }
    if (matches != 1) {
      problems.push_back(path + ": matches " + std::to_string(matches) + " oneOf branches");
    }
  }
  if (schema.contains("type")) {
    bool ok = false;
    if (schema["type"].is_string()) {
      ok = has_type(value, schema["type"]);
    } else {
      for (const auto& type : schema["type"]) {
        ok = ok || has_type(value, type);
      }
    }
    if (!ok) {
      problems.push_back(path + ": wrong type " + std::string(value.type_name()));
      return;
    }
  }
  if (schema.contains("const") && value != schema["const"]) {
    problems.push_back(path + ": not the constant " + schema["const"].dump());
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& allowed : schema["enum"]) {
      found = found || allowed == value;
    }
    if (!found) {
      problems.push_back(path + ": " + value.dump() + " not in enum");
    }
  }
  if (value.is_number()) {
    const double number = value.get<double>();
    if (schema.contains("minimum") && number < schema["minimum"].get<double>()) {
      problems.push_back(path + ": below minimum");
    }
    if (schema.contains("maximum") && number > schema["maximum"].get<double>()) {
      problems.push_back(path + ": above maximum");
    }
    if (schema.contains("exclusiveMinimum") && number <= schema["exclusiveMinimum"].get<double>()) {
      problems.push_back(path + ": not above exclusiveMinimum");
    }
  }
  if (value.is_object()) {
    for (const auto& key : schema.value("required", Json::array())) {
      if (!value.contains(key.get<std::string>())) {
        problems.push_back(path + ": missing " + key.get<std::string>());
      }
    }
    for (const auto& [key, item] : value.items()) {
      const std::string child = path + "/" + key;
      if (schema.contains("properties") && schema["properties"].contains(key)) {
        check(root, schema["properties"][key], item, child, problems);
      } else if (schema.contains("additionalProperties")) {
        const auto& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          problems.push_back(child + ": not in the schema");
        } else if (extra.is_object()) {
          check(root, extra, item, child, problems);
        }
      }
    }
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>()) {
      problems.push_back(path + ": too few items");
    }
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>()) {
      problems.push_back(path + ": too many items");
    }
    if (schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        check(root, schema["items"], value[i], path + "/" + std::to_string(i), problems);
      }
    }
  }
}

std::vector<std::string> validate(const Json& value)
{
  std::ifstream in(CENTRICITY_SOURCE_DIR "/docs/result.schema.json");
  REQUIRE(in);
  const Json schema = Json::parse(in);
  std::vector<std::string> problems;
  check(schema, schema, value, "", problems);
  return problems;
}

} // namespace

TEST_CASE("score::make_result, matches docs/result.schema.json")
{
  // A ladder that refers to another, groups, N/A, a missing dimension: every
  // branch of the schema gets exercised.
  auto source = test::test_bank();
  bank::Ladder second;
  second.id = "second";
  second.title = "Second";
  bank::Criterion needs;
  needs.kind = bank::Criterion::Kind::ladder_stage;
  needs.ladder = "maturity";
  needs.stage = "measured";
  second.stages = {{"none", "None", "", {}, {}}, {"built", "Built", "", {needs}, {}}};
  source.ladders.push_back(second);
  const score::CompiledBank bank(source);
  score::Aggregate aggregate(bank, {"role"});
  const auto add = [&](const char* role, std::vector<std::pair<std::string, int>> given) {
    answers::Response response;
    response.fields = {{"role", role}};
    response.answers = test::answers_for(bank.bank(), given);
    aggregate.add(response);
  };
  add("Executive", {{"contact-1", 5}, {"contact-2", 1}, {"metrics-1", 4}, {"culture-1", 2}});
  add("Executive", {{"contact-1", 4}, {"contact-2", 2}, {"metrics-1", 5}, {"metrics-2", 3}});
  add("Frontline", {{"contact-1", 2}, {"contact-3", test::k_na}, {"metrics-1", 1}});
  add("Frontline", {{"contact-1", 1}, {"contact-2", 5}, {"metrics-1", 2}, {"culture-2", 3}});
  score::ResultOptions options;
  options.generated_at = "2024-05-01T12:00:00Z";
  options.targets = score::resolve_targets(bank, {"second:built"});
  const Json result = Json::parse(score::make_result(aggregate, options).dump());
  REQUIRE(result["gaps"].size() > 0);
  CHECK(validate(result) == std::vector<std::string>{});

  SECTION("the validator catches drift")
  {
    Json broken = result;
    broken["dimensions"][0]["extra"] = 1;
    broken["ladders"][0].erase("trace");
    CHECK(validate(broken)
          == std::vector<std::string>{"/dimensions/0/extra: not in the schema",
                                      "/ladders/0: missing trace"});
  }
}
