#include <centricity/assess/answers_lock.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

namespace centricity::assess {

namespace {

// The process id written in lock file `fd`, or "" if none is there yet (the
// holder writes it just after taking the lock: wait a moment for it).
std::string holder(int fd)
{
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::array<char, 32> buffer{};
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size() - 1, 0);
    if (n > 0) {
      std::string text(buffer.data(), static_cast<std::size_t>(n));
      while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
      }
      if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
        return text;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return {};
}

} // namespace

AnswersLock::AnswersLock(const std::string& answers_path)
  : m_path(answers_path + ".lock")
{
  // A holder removes the file as it leaves; whoever opened the old file just
  // before may then lock a file no longer in the folder. So after locking,
  // check that the path still names the locked file, and start over if not.
  for (;;) {
    const int fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw Error(fmt::format("cannot lock '{}': cannot create '{}': {}", answers_path, m_path,
                              std::strerror(errno)),
                  ExitCode::output);
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string pid = error == EWOULDBLOCK ? holder(fd) : std::string();
      ::close(fd);
      if (error != EWOULDBLOCK) {
        throw Error(
          fmt::format("cannot lock '{}' ({}): {}", answers_path, m_path, std::strerror(error)),
          ExitCode::output);
      }
      throw Error(fmt::format("'{}' is in use by another 'centricity assess' ({}); finish or quit "
                              "that one first, or use another --answers file",
                              answers_path,
                              pid.empty() ? std::string("its process id is not known yet")
                                          : "process " + pid),
                  ExitCode::usage);
    }
    struct stat locked {};
    struct stat named {};
    if (::fstat(fd, &locked) == 0 && ::stat(m_path.c_str(), &named) == 0
        && locked.st_dev == named.st_dev && locked.st_ino == named.st_ino) {
      m_fd = fd;
      break;
    }
    ::close(fd); // removed or replaced under us: take the new one
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  // Without the id the lock still holds; a second session just cannot name us.
  [[maybe_unused]] const bool written =
    ::ftruncate(m_fd, 0) == 0
    && ::pwrite(m_fd, pid.data(), pid.size(), 0) == static_cast<ssize_t>(pid.size());
}

AnswersLock::~AnswersLock()
{
  // Removed while still held, so nobody locks the name between the two.
  ::unlink(m_path.c_str());
  ::close(m_fd);
}

} // namespace centricity::assess
