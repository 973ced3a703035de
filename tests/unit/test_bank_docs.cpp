// Every whole bank shown in docs/*.md loads without errors or warnings, and
// the bundled banks do too, so the documentation never shows a bank the
// loader rejects. (tests/schema/check_schema.py checks the same examples
// against docs/bank.schema.json.)

#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;
using namespace centricity;

namespace {

std::string slurp(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string problems(const bank::LoadResult& result)
{
  std::string out;
  for (const auto& d : result.diagnostics.all()) {
    out += util::format_diagnostic(d, result.sources);
  }
  return out;
}

} // namespace

TEST_CASE("bank::load, examples in the docs")
{
  const fs::path docs = fs::path(CENTRICITY_SOURCE_DIR) / "docs";
  const std::regex block("```yaml\n([\\s\\S]*?)```");
  std::size_t examples = 0;
  for (const auto& entry : fs::directory_iterator(docs)) {
    if (entry.path().extension() != ".md") {
      continue;
    }
    const std::string text = slurp(entry.path());
    std::size_t number = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), block);
         it != std::sregex_iterator(); ++it) {
      const std::string yaml = (*it)[1].str();
      ++number;
      // Only whole banks: fragments of one are shown too.
      if (yaml.rfind("id:", 0) != 0 || yaml.find("\ntitle:") == std::string::npos) {
        continue;
      }
      ++examples;
      util::MemoryFileReader reader;
      const std::string name = entry.path().filename().string() + "#" + std::to_string(number);
      reader.add(name, yaml);
      bank::LoadOptions options;
      options.reader = &reader;
      const auto result = bank::load_bank(name, options);
      INFO(name);
      CHECK(problems(result).empty());
      CHECK(result.bank.has_value());
    }
  }
  CHECK(examples >= 1);
}

TEST_CASE("bank::load, the example bank in tests/data is the one in the docs")
{
  const std::string doc = slurp(fs::path(CENTRICITY_SOURCE_DIR) / "docs" / "bank-format.md");
  const std::string copy = slurp(fs::path(CENTRICITY_TEST_DATA) / "banks" / "example.yaml");
  REQUIRE_FALSE(copy.empty());
  CHECK(doc.find("```yaml\n" + copy + "```") != std::string::npos);
}

TEST_CASE("bank::load, every bundled bank is valid under --strict")
{
  const fs::path folder = fs::path(CENTRICITY_SOURCE_DIR) / "questionnaires";
  std::size_t banks = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.path().extension() != ".yaml") {
      continue;
    }
    ++banks;
    const auto result = bank::load_bank(entry.path().string());
    INFO(entry.path().string());
    CHECK(problems(result).empty());
  }
  CHECK(banks >= 4);
}
