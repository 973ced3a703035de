#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

namespace centricity::util {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const char* what, int error_number)
{
  throw Error(fmt::format("cannot write '{}': {}: {}", path, what, std::strerror(error_number)),
              ExitCode::output);
}

} // namespace

void write_file_atomic(const std::string& path, std::string_view content)
{
  if (path == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    if (!std::cout) {
      throw Error("cannot write to standard output", ExitCode::output);
    }
    return;
  }
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Write into an unnamed file (O_TMPFILE): if the process dies before the
  // data is complete and on disk, nothing is left behind at all. Only then
  // does the file get a (hidden) name, and the rename puts it in place.
  // File systems without O_TMPFILE get a named hidden temporary instead.
  int fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  std::string temp;
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string pattern =
      (folder / fmt::format(".{}.tmp.XXXXXX", target.filename().string())).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) {
      temp = name.data();
    }
  }
  if (fd < 0) {
    fail(path, "cannot create a temporary file", errno);
  }
  const auto cleanup_and_fail = [&](const char* what) {
    const int saved = errno;
    ::close(fd);
    if (!temp.empty()) {
      ::unlink(temp.c_str());
    }
    fail(path, what, saved);
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      cleanup_and_fail("write failed");
    }
    written += static_cast<std::size_t>(n);
  }
  // Keep the permissions of the file being replaced; a new file gets the
  // usual 0666 less the umask (O_TMPFILE applies it; mkstemp makes 0600).
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) {
    ::fchmod(fd, existing.st_mode & 07777U);
  } else if (!temp.empty()) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666U & ~mask);
  }
  if (::fsync(fd) != 0) {
    cleanup_and_fail("fsync failed");
  }
  if (temp.empty()) {
    // Give the complete file a hidden name next to the target.
    const std::string proc = fmt::format("/proc/self/fd/{}", fd);
    for (unsigned attempt = 0; temp.empty(); ++attempt) {
      const std::string name =
        (folder / fmt::format(".{}.tmp.{}.{}", target.filename().string(), ::getpid(), attempt))
          .string();
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        temp = name;
      } else if (errno != EEXIST || attempt > 100) {
        cleanup_and_fail("cannot name the temporary file");
      }
    }
  }
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    fail(path, "close failed", saved);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    fail(path, "rename failed", saved);
  }
  // Make the rename itself durable.
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

bool same_file(const std::string& a, const std::string& b)
{
  std::error_code ec;
  const bool same = fs::equivalent(a, b, ec);
  return !ec && same;
}

} // namespace centricity::util
