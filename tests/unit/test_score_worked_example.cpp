// Recomputes the worked example of docs/scoring.md: scores the example's
// bank and answers files, then checks every value the document's table
// states against the Result (to the precision written), and the Result
// against the committed tests/data/score/result-after.json byte for byte.

#include <centricity/answers/loader.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/strings.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

using namespace centricity;
using Json = nlohmann::ordered_json;

namespace {

std::string read(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Follows a path such as "dimensions[contact].ci95[0]": names are object
// keys; [n] indexes a list, [x] picks the element whose "id" or "field" is x.
const Json& resolve(const Json& root, const std::string& path)
{
  const Json* at = &root;
  for (const auto& part : util::split(path, '.')) {
    const std::size_t bracket = part.find('[');
    at = &at->at(part.substr(0, bracket));
    std::size_t pos = bracket;
    while (pos != std::string::npos) {
      const std::size_t close = part.find(']', pos);
      const std::string key = part.substr(pos + 1, close - pos - 1);
      if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos) {
        at = &at->at(std::stoul(key));
      } else {
        const Json* found = nullptr;
        for (const auto& item : *at) {
          if (item.value("id", "") == key || item.value("field", "") == key) {
            found = &item;
          }
        }
        INFO("path " << path);
        REQUIRE(found != nullptr);
        at = found;
      }
      pos = part.find('[', close);
    }
  }
  return *at;
}

} // namespace

TEST_CASE("score::worked example of docs/scoring.md")
{
  const std::string data = CENTRICITY_TEST_DATA "/score/";
  const score::CompiledBank bank(bank::load_valid_bank(data + "bank.yaml"));
  const auto loaded = answers::load_answers({data + "alice.yaml", data + "team.yaml"}, bank.bank());
  REQUIRE(loaded.diagnostics.empty());
  score::Aggregate aggregate(bank, {"role"});
  for (const auto& response : loaded.responses) {
    aggregate.add(response);
  }
  score::ResultOptions options;
  options.generated_at = "2024-05-01T09:00:00Z";
  const Json result = score::make_result(aggregate, options);

  const std::string doc = read(CENTRICITY_SOURCE_DIR "/docs/scoring.md");
  const auto start = doc.find("<!-- worked-example-values: start -->");
  const auto end = doc.find("<!-- worked-example-values: end -->");
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  int checked = 0;
  for (const auto& line : util::split(doc.substr(start, end - start), '\n')) {
    const auto cells = util::split(line, '|');
    if (cells.size() != 4 || util::trim(cells[1]) == "Result field"
        || util::trim(cells[1]).substr(0, 3) == "---") {
      continue;
    }
    const std::string path(util::trim(cells[1]));
    const std::string expected(util::trim(cells[2]));
    INFO(path << " should be " << expected);
    const Json& actual = resolve(result, path);
    if (actual.is_string()) {
      CHECK(actual.get<std::string>() == expected);
    } else if (actual.is_boolean()) {
      CHECK((actual.get<bool>() ? "true" : "false") == expected);
    } else {
      REQUIRE(actual.is_number());
      const std::size_t dot = expected.find('.');
      const double decimals =
        dot == std::string::npos ? 0.0 : static_cast<double>(expected.size() - dot - 1);
      const double tolerance = 0.5 * std::pow(10.0, -decimals) + 1e-12;
      CHECK(std::fabs(actual.get<double>() - std::stod(expected)) <= tolerance);
    }
    ++checked;
  }
  CHECK(checked == 31);

  // The committed Result (an input of the report and compare golden cases)
  // is exactly what this run gives.
  CHECK(result.dump(2) + "\n" == read(data + "result-after.json"));
}
