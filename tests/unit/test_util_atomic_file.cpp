#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

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
  SECTION("a symbolic link stays a link; the file it leads to is replaced")
  {
    util::write_file_atomic((dir / "real.md").string(), "old");
    fs::create_symlink("real.md", dir / "link.md");        // relative
    fs::create_symlink(dir / "link.md", dir / "chain.md"); // absolute, to a link
    util::write_file_atomic((dir / "chain.md").string(), "new");
    CHECK(fs::is_symlink(dir / "chain.md"));
    CHECK(fs::is_symlink(dir / "link.md"));
    CHECK(slurp(dir / "real.md") == "new");
    // A link to a file not there yet makes the file.
    fs::create_symlink("later.md", dir / "dangling.md");
    util::write_file_atomic((dir / "dangling.md").string(), "made");
    CHECK(fs::is_symlink(dir / "dangling.md"));
    CHECK(slurp(dir / "later.md") == "made");
  }
  SECTION("a named pipe is written into, not replaced")
  {
    const fs::path pipe = dir / "pipe";
    REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
    // A reader that does not wait, so the writer's open does not either
    // (and the test cannot hang whatever the writer does).
    const int reader = ::open(pipe.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(reader >= 0);
    util::write_file_atomic(pipe.string(), "through the pipe\n");
    std::array<char, 64> buffer{};
    const ssize_t got = ::read(reader, buffer.data(), buffer.size());
    ::close(reader);
    CHECK(std::string(buffer.data(), got > 0 ? static_cast<std::size_t>(got) : 0)
          == "through the pipe\n");
    struct stat after {};
    REQUIRE(::stat(pipe.c_str(), &after) == 0);
    CHECK(S_ISFIFO(after.st_mode));
  }
  SECTION("/dev/fd/N writes through the open descriptor, appending if it appends")
  {
    const fs::path log = dir / "log.txt";
    util::write_file_atomic(log.string(), "first\n");
    struct stat before {};
    REQUIRE(::stat(log.c_str(), &before) == 0);
    const int fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    REQUIRE(fd >= 0);
    util::write_file_atomic("/dev/fd/" + std::to_string(fd), "second\n");
    ::close(fd);
    CHECK(slurp(log) == "first\nsecond\n");
    struct stat after {};
    REQUIRE(::stat(log.c_str(), &after) == 0);
    CHECK(after.st_ino == before.st_ino); // the same file, not a replacement
  }
  SECTION("a descriptor that is not open is an output error naming the path")
  {
    try {
      util::write_file_atomic("/dev/fd/987", "x");
      FAIL("no exception");
    } catch (const Error& e) {
      CHECK(std::string(e.what())
            == "cannot write '/dev/fd/987': cannot use the open file: Bad file descriptor");
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

TEST_CASE("util::AtomicFile")
{
  const fs::path dir = fs::temp_directory_path() / "centricity-test-atomic-class";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path target = dir / "rows.csv";
  const auto entries = [&] {
    return std::distance(fs::directory_iterator(dir), fs::directory_iterator());
  };
  SECTION("pieces appear at the target only on commit, with the usual permissions")
  {
    const mode_t mask = ::umask(022);
    {
      util::AtomicFile file(target.string());
      file.write("a,b\n");
      file.write("1,2\n");
      CHECK_FALSE(fs::exists(target));
      file.commit();
    }
    ::umask(mask);
    CHECK(slurp(target) == "a,b\n1,2\n");
    CHECK(entries() == 1);
    CHECK((fs::status(target).permissions() & fs::perms::all)
          == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read
              | fs::perms::others_read));
  }
  SECTION("a replaced file keeps its permissions; what follows a sync() is kept too")
  {
    util::write_file_atomic(target.string(), "old");
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    util::AtomicFile file(target.string());
    file.write("first ");
    file.sync();
    file.write("second");
    file.commit();
    CHECK(slurp(target) == "first second");
    CHECK((fs::status(target).permissions() & fs::perms::all)
          == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  }
  SECTION("without commit the target stays as it was and nothing is left")
  {
    util::write_file_atomic(target.string(), "old");
    {
      util::AtomicFile file(target.string());
      file.write("new");
    }
    CHECK(slurp(target) == "old");
    CHECK(entries() == 1);
    util::AtomicFile file(target.string());
    file.write("newer");
    file.discard();
    CHECK(slurp(target) == "old");
    CHECK(entries() == 1);
  }
  fs::remove_all(dir);
}

TEST_CASE("util::write_file_atomic, killed mid-write leaves no partial file")
{
  // A child rewrites a 4 MiB file over and over, alternating its content;
  // it is killed with SIGKILL at varying moments. Afterwards every file in
  // the folder (the target, and a hidden temporary if the kill fell between
  // naming and renaming one) must hold one complete version.
  const fs::path dir = fs::temp_directory_path() / "centricity-test-atomic-kill";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path target = dir / "result.json";
  const std::size_t size = 4u << 20U;
  const std::string a(size, 'a');
  const std::string b(size, 'b');
  util::write_file_atomic(target.string(), a);
  for (int round = 0; round < 12; ++round) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      for (int i = 0;; ++i) {
        util::write_file_atomic(target.string(), i % 2 == 0 ? b : a);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + 7 * round));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string content = slurp(entry.path());
      INFO(entry.path().string() << " after round " << round);
      CHECK(content.size() == size);
      CHECK((content == a || content == b));
      if (entry.path() != target) {
        fs::remove(entry.path()); // a complete, named temporary
      }
    }
  }
  fs::remove_all(dir);
}
