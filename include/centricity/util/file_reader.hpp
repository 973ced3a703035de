#pragma once

// Reading files through an interface, so parsers are tested on in-memory
// strings (ninja's FileReader / VirtualFileSystem).

#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace centricity::util {

class FileReader {
public:
  virtual ~FileReader() = default;
  // The whole contents of `path`, or nullopt with `error` set to a short
  // reason ("No such file or directory", "file is larger than 16 MiB").
  // Files larger than `max_bytes` are refused rather than read.
  virtual std::optional<std::string> read(const std::string& path, std::string& error,
                                          std::size_t max_bytes) const = 0;
  // The canonical form of `path` (symlinks and ".." resolved) if it exists.
  [[nodiscard]] virtual std::optional<std::string> canonical(const std::string& path) const = 0;
};

// Reads the real file system.
class DiskFileReader : public FileReader {
public:
  std::optional<std::string> read(const std::string& path, std::string& error,
                                  std::size_t max_bytes) const override;
  [[nodiscard]] std::optional<std::string> canonical(const std::string& path) const override;
};

// An in-memory file system for tests: paths are used as given, after
// lexical normalisation ("a/./b/../c" is "a/c").
class MemoryFileReader : public FileReader {
public:
  void add(const std::string& path, std::string text);
  std::optional<std::string> read(const std::string& path, std::string& error,
                                  std::size_t max_bytes) const override;
  [[nodiscard]] std::optional<std::string> canonical(const std::string& path) const override;

private:
  std::map<std::string, std::string> m_files;
};

} // namespace centricity::util
