#include <centricity/util/file_reader.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace centricity::util {

namespace fs = std::filesystem;

std::optional<std::string> DiskFileReader::read(const std::string& path, std::string& error,
                                                std::size_t max_bytes) const
{
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec) {
    error = ec.message();
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  // Read in blocks rather than trusting the size from stat: a FIFO or a
  // growing file reports a misleading size.
  char block[65536];
  while (in) {
    in.read(block, sizeof block);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (text.size() + got > max_bytes) {
      error = fmt::format("file is larger than the limit of {} bytes", max_bytes);
      return std::nullopt;
    }
    text.append(block, got);
  }
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> DiskFileReader::canonical(const std::string& path) const
{
  std::error_code ec;
  auto result = fs::canonical(path, ec);
  if (ec) {
    return std::nullopt;
  }
  return result.string();
}

void MemoryFileReader::add(const std::string& path, std::string text)
{
  m_files[fs::path(path).lexically_normal().string()] = std::move(text);
}

std::optional<std::string> MemoryFileReader::read(const std::string& path, std::string& error,
                                                  std::size_t max_bytes) const
{
  const auto it = m_files.find(fs::path(path).lexically_normal().string());
  if (it == m_files.end()) {
    error = "No such file or directory";
    return std::nullopt;
  }
  if (it->second.size() > max_bytes) {
    error = fmt::format("file is larger than the limit of {} bytes", max_bytes);
    return std::nullopt;
  }
  return it->second;
}

std::optional<std::string> MemoryFileReader::canonical(const std::string& path) const
{
  // Paths are rooted at "/" so that folder containment checks work as on disk;
  // a folder exists when some file lies below it.
  const std::string normal = fs::path(path).lexically_normal().string();
  const std::string rooted = (fs::path("/") / normal).lexically_normal().string();
  if (m_files.count(normal) != 0) {
    return rooted;
  }
  const std::string prefix = normal.back() == '/' ? normal : normal + "/";
  const auto it = m_files.lower_bound(prefix);
  if (it != m_files.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    return rooted;
  }
  return std::nullopt;
}

} // namespace centricity::util
