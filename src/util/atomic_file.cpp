#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string_view>
#include <vector>

namespace centricity::util {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const char* what, int error_number)
{
  throw Error(fmt::format("cannot write '{}': {}: {}", path, what, std::strerror(error_number)),
              ExitCode::output);
}

// Where a write to `path` must land: the file at the end of its symbolic
// links, so replacing it keeps the links (renaming over `path` itself
// would put a plain file where the link was). Relative links are relative
// to the folder of the link.
std::string follow_links(std::string path)
{
  for (int depth = 0; depth < 40; ++depth) {
    struct stat entry {};
    if (::lstat(path.c_str(), &entry) != 0 || !S_ISLNK(entry.st_mode)) {
      break;
    }
    std::error_code ec;
    const fs::path link = fs::read_symlink(path, ec);
    if (ec) {
      break;
    }
    path = link.is_absolute() ? link.string() : (fs::path(path).parent_path() / link).string();
  }
  return path;
}

// The descriptor a path names: 1 for /dev/stdout, N for /dev/fd/N or
// /proc/self/fd/N.
std::optional<int> named_descriptor(std::string_view path)
{
  if (path == "/dev/stdout") {
    return 1;
  }
  if (path == "/dev/stderr") {
    return 2;
  }
  for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.starts_with(prefix)) {
      const std::string_view digits = path.substr(prefix.size());
      int descriptor = 0;
      const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), descriptor);
      if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) {
        return descriptor;
      }
    }
  }
  return std::nullopt;
}

} // namespace

AtomicFile::AtomicFile(std::string path)
  : m_path(std::move(path))
{
  // An open descriptor named as a file (/dev/stdout, /dev/fd/3) is written
  // through a copy of the descriptor: whatever it is open on, a pipe, a
  // terminal or a file the shell opened for appending, the text goes where
  // the shell sent it.
  if (const auto descriptor = named_descriptor(m_path)) {
    m_fd = ::fcntl(*descriptor, F_DUPFD_CLOEXEC, 0);
    if (m_fd < 0) {
      fail(m_path, "cannot use the open file", errno);
    }
    m_direct = true;
    return;
  }
  // Something else that is not a plain file (/dev/null, a named pipe, a
  // terminal) is written in place too: renaming a temporary over it would
  // put a plain file where the device or the pipe was (for root, even over
  // /dev/null).
  struct stat existing {};
  const bool exists = ::stat(m_path.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode) && !S_ISDIR(existing.st_mode)) {
    m_fd = ::open(m_path.c_str(), O_WRONLY | O_CLOEXEC);
    if (m_fd < 0) {
      fail(m_path, "cannot open", errno);
    }
    m_direct = true;
    return;
  }
  m_target = follow_links(m_path);
  const fs::path target(m_target);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  m_folder = folder.string();
  // Write into an unnamed file (O_TMPFILE): if the process dies before the
  // data is complete and on disk, nothing is left behind at all. Only then
  // does the file get a (hidden) name, and the rename puts it in place.
  // File systems without O_TMPFILE get a named hidden temporary instead.
  m_fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (m_fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string pattern =
      (folder / fmt::format(".{}.tmp.XXXXXX", target.filename().string())).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    m_fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (m_fd >= 0) {
      m_temp = name.data();
    }
  }
  if (m_fd < 0) {
    fail(m_path, "cannot create a temporary file", errno);
  }
  // Keep the permissions of the file being replaced; a new file gets the
  // usual 0666 less the umask (O_TMPFILE applies it; mkstemp makes 0600).
  // Set now, so the fsync before the rename covers them.
  if (exists) {
    ::fchmod(m_fd, existing.st_mode & 07777U);
  } else if (!m_temp.empty()) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(m_fd, 0666U & ~mask);
  }
}

AtomicFile::~AtomicFile()
{
  discard();
}

void AtomicFile::write(std::string_view content)
{
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(m_fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail_and_discard("write failed");
    }
    written += static_cast<std::size_t>(n);
  }
  m_unsynced = m_unsynced || !content.empty();
}

void AtomicFile::sync()
{
  // A device or a pipe has no disk to flush to (fsync fails with EINVAL).
  if (m_unsynced && !m_direct && ::fsync(m_fd) != 0) {
    fail_and_discard("fsync failed");
  }
  m_unsynced = false;
}

void AtomicFile::fail_and_discard(const char* what)
{
  const int saved = errno;
  discard();
  fail(m_path, what, saved);
}

void AtomicFile::discard() noexcept
{
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
  if (!m_temp.empty()) {
    ::unlink(m_temp.c_str());
    m_temp.clear();
  }
}

void AtomicFile::commit()
{
  sync();
  if (m_direct) {
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) {
      fail(m_path, "close failed", errno);
    }
    return;
  }
  const fs::path target(m_target);
  const fs::path folder(m_folder);
  if (m_temp.empty()) {
    // Give the complete file a hidden name next to the target.
    const std::string proc = fmt::format("/proc/self/fd/{}", m_fd);
    for (unsigned attempt = 0; m_temp.empty(); ++attempt) {
      const std::string name =
        (folder / fmt::format(".{}.tmp.{}.{}", target.filename().string(), ::getpid(), attempt))
          .string();
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        m_temp = name;
      } else if (errno != EEXIST || attempt > 100) {
        fail_and_discard("cannot name the temporary file");
      }
    }
  }
  const int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) {
    fail_and_discard("close failed");
  }
  if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
    fail_and_discard("rename failed");
  }
  m_temp.clear();
  // Make the rename itself durable.
  const int dir = ::open(m_folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

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
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

bool same_file(const std::string& a, const std::string& b)
{
  std::error_code ec;
  const bool same = fs::equivalent(a, b, ec);
  return !ec && same;
}

} // namespace centricity::util
