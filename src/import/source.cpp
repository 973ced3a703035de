#include <centricity/import/source.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace centricity::import {

namespace {

// POSIX read() rather than iostreams: no extra copy, no locale, and errno
// gives the reason for the message.
class FileSource : public ByteSource {
public:
  FileSource(std::string path, int fd, bool owned)
    : m_path(std::move(path))
    , m_fd(fd)
    , m_owned(owned)
  {
    struct stat info {};
    if (::fstat(m_fd, &info) == 0 && S_ISREG(info.st_mode)) {
      m_size = static_cast<std::uint64_t>(info.st_size);
    }
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  ~FileSource() override
  {
    if (m_owned) {
      ::close(m_fd);
    }
  }

  std::size_t read(char* buffer, std::size_t size) override
  {
    while (true) {
      const ssize_t got = ::read(m_fd, buffer, size);
      if (got >= 0) {
        return static_cast<std::size_t>(got);
      }
      if (errno != EINTR) {
        throw Error(fmt::format("cannot read '{}': {}", m_path, std::strerror(errno)));
      }
    }
  }

  [[nodiscard]] std::optional<std::uint64_t> size() const override { return m_size; }

private:
  std::string m_path;
  int m_fd;
  bool m_owned;
  std::optional<std::uint64_t> m_size;
};

class StringSource : public ByteSource {
public:
  explicit StringSource(std::string text)
    : m_text(std::move(text))
  {
  }

  std::size_t read(char* buffer, std::size_t size) override
  {
    const std::size_t n = std::min(size, m_text.size() - m_pos);
    std::memcpy(buffer, m_text.data() + m_pos, n);
    m_pos += n;
    return n;
  }

  [[nodiscard]] std::optional<std::uint64_t> size() const override { return m_text.size(); }

private:
  std::string m_text;
  std::size_t m_pos = 0;
};

} // namespace

std::unique_ptr<ByteSource> open_file(const std::string& path)
{
  if (path == "-") {
    return std::make_unique<FileSource>(path, 0, false);
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    throw Error(fmt::format("cannot open '{}': Is a directory", path));
  }
  return std::make_unique<FileSource>(path, fd, true);
}

std::unique_ptr<ByteSource> string_source(std::string text)
{
  return std::make_unique<StringSource>(std::move(text));
}

std::string read_all(ByteSource& source, const std::string& file, std::size_t max_bytes)
{
  std::string out;
  constexpr std::size_t k_step = 1U << 20U;
  while (true) {
    const std::size_t old = out.size();
    out.resize(old + k_step);
    const std::size_t got = source.read(out.data() + old, k_step);
    out.resize(old + got);
    if (got == 0) {
      return out;
    }
    if (out.size() > max_bytes) {
      throw Error(fmt::format("'{}' is larger than {} MiB", file, max_bytes >> 20U));
    }
  }
}

} // namespace centricity::import
