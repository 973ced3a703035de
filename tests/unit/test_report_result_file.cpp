#include <centricity/report/result_file.hpp>

#include <catch2/catch.hpp>

using centricity::report::parse_result;

TEST_CASE("report::parse_result, error handling")
{
  SECTION("not JSON")
  {
    REQUIRE_THROWS_WITH(parse_result("{\"schema\": ", "r.json"),
                        "r.json: not a JSON document (at byte 12)");
    REQUIRE_THROWS_WITH(parse_result("{\"schema\": 1e999}", "r.json"),
                        "r.json: not a Result: a number is too large");
  }
  SECTION("JSON, but not a Result")
  {
    REQUIRE_THROWS_WITH(parse_result("[1, 2]", "r.json"),
                        "r.json: not a centricity Result (no \"schema\" key)");
  }
  SECTION("a future schema")
  {
    REQUIRE_THROWS_WITH(parse_result(R"({"schema": "centricity.result/9"})", "r.json"),
                        "r.json: Result schema 'centricity.result/9' is not supported (this "
                        "centricity reads 'centricity.result/1')");
  }
  SECTION("a missing part")
  {
    REQUIRE_THROWS_WITH(parse_result(R"({"schema": "centricity.result/1", "bank": {}})", "r.json"),
                        "r.json: the Result has no \"respondents\"");
  }
}
