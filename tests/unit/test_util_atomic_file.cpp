#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace centricity;

namespace {

std::string slurp(const fs::path& path)
{
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace

TEST_CASE("util::write_file_atomic")
{
  const fs::path dir = fs::temp_directory_path() / "centricity-test-atomic";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path target = dir / "out.md";
  SECTION("writes, then replaces, leaving no temporary file")
  {
    util::write_file_atomic(target.string(), "first");
    util::write_file_atomic(target.string(), "second");
    CHECK(slurp(target) == "second");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  }
  SECTION("a folder that does not exist is an output error naming the file")
  {
    const std::string path = (dir / "missing" / "out.md").string();
    try {
      util::write_file_atomic(path, "x");
      FAIL("no exception");
    } catch (const Error& e) {
      CHECK(std::string(e.what())
            == "cannot write '" + path
                 + "': cannot create a temporary file: No such file or directory");
      CHECK(e.code() == ExitCode::output);
    }
  }
  SECTION("same_file")
  {
    util::write_file_atomic(target.string(), "x");
    CHECK(util::same_file(target.string(), (dir / "." / "out.md").string()));
    CHECK_FALSE(util::same_file(target.string(), (dir / "other").string()));
  }
  fs::remove_all(dir);
}
