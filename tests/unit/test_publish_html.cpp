#include "test_publish_bank.hpp"

#include <centricity/publish/html.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace centricity;
using namespace centricity::publish;
using Json = nlohmann::ordered_json;

namespace {

std::string between(const std::string& text, const std::string& from, const std::string& to)
{
  const auto start = text.find(from);
  REQUIRE(start != std::string::npos);
  const auto end = text.find(to, start + from.size());
  REQUIRE(end != std::string::npos);
  return text.substr(start + from.size(), end - start - from.size());
}

} // namespace

TEST_CASE("publish::to_html")
{
  auto bank = test::publish_bank();
  bank.questions[1].help = "Not </script><script>alert(1)</script> here";
  const std::string page = to_html(plan_survey(bank, {{"role", {"Executive", "Manager"}}}, false));
  SECTION("offline and self-contained: a policy that forbids every fetch, no address")
  {
    CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    CHECK(page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">")
          != std::string::npos);
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
    CHECK(page.find(" src=") == std::string::npos);
    CHECK(page.find("<title>Small &quot;publish&quot; bank</title>") != std::string::npos);
    CHECK(page.find("name=\"viewport\"") != std::string::npos);
  }
  SECTION("the bank inside as JSON that no text can end early")
  {
    const std::string json =
      between(page, "<script type=\"application/json\" id=\"centricity-survey\">", "</script>");
    CHECK(json.find('<') == std::string::npos);
    const Json data = Json::parse(json);
    CHECK(data["bank"] == Json::parse(R"({"id": "publish-small", "title": "Small \"publish\" bank",
                                          "version": "2.1",
                                          "description": "Two dimensions, one ladder, one choice."})"));
    CHECK(data["ask"] == Json::parse(R"([{"name": "role", "options": ["Executive", "Manager"]}])"));
    REQUIRE(data["questions"].size() == 6);
    const auto& first = data["questions"][0];
    CHECK(first["id"] == "contact-calls");
    CHECK(first["section"] == 0);
    CHECK(first["options"]
          == Json::parse(R"([{"label": "Disagree", "value": 1}, {"label": "Neither", "value": 2.5},
                             {"label": "Agree", "value": 4},
                             {"label": "Not applicable", "special": "not-applicable"},
                             {"label": "Don't know", "special": "dont-know"}])"));
    CHECK(data["questions"][1]["help"] == "Not </script><script>alert(1)</script> here");
    // Questions in bank order, one at a time; sections as `assess` has them.
    CHECK(data["questions"][3]["id"] == "level-target");
    CHECK(data["sections"][data["questions"][3]["section"].get<std::size_t>()]["title"]
          == "The leadership's choice");
  }
  SECTION("the answers file it saves is the one `assess` writes")
  {
    CHECK(page.find("'# centricity answers for \"'") != std::string::npos);
    CHECK(page.find("localStorage") != std::string::npos);
    CHECK(page.find("download: 'centricity-answers-' + bank.id") != std::string::npos);
  }
}

TEST_CASE("publish::to_html, range scales")
{
  const std::string page = to_html(plan_survey(test::range_bank(), {}, false));
  const Json data = Json::parse(
    between(page, "<script type=\"application/json\" id=\"centricity-survey\">", "</script>"));
  const auto& share = data["questions"][2];
  CHECK(share["id"] == "data-share");
  CHECK(share["range"]
        == Json::parse(R"({"min": 0.0, "max": 100.0, "step": 1.0, "text": "0 to 100"})"));
  // Every point stays an option, for the answers file the page writes.
  REQUIRE(share["options"].size() == 102);
  CHECK(share["options"][55] == Json::parse(R"({"label": "55", "value": 55})"));
  CHECK(share["options"][101]
        == Json::parse(R"({"label": "Not applicable", "special": "not-applicable"})"));
  CHECK(data["questions"][3]["range"]["text"] == "-50 to 50 in steps of 5");
  CHECK(page.find("el('input', { type: 'number', id: 'number'") != std::string::npos);
}
