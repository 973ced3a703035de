#pragma once

// Where export bytes come from: a file read in chunks (never whole), standard
// input, or an in-memory string for tests. Importers see only this interface.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace centricity::import {

// A forward-only stream of bytes.
class ByteSource {
public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`; returns how many, 0 only at the
  // end. Throws centricity::Error naming the file when reading fails.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
  // The total size in bytes when known (for progress), else nullopt.
  [[nodiscard]] virtual std::optional<std::uint64_t> size() const { return std::nullopt; }
};

// Opens `path` for chunked reading ("-" is standard input). Throws
// centricity::Error "cannot open 'path': reason" when it cannot be opened.
[[nodiscard]] std::unique_ptr<ByteSource> open_file(const std::string& path);

// A source over `text`, for tests and for data already in memory.
[[nodiscard]] std::unique_ptr<ByteSource> string_source(std::string text);

// How the driver opens a path; tests swap in in-memory files.
using SourceOpener = std::function<std::unique_ptr<ByteSource>(const std::string& path)>;

// Reads all of `source`, refusing more than `max_bytes` with centricity::Error
// "'file' is larger than N MiB" (`file` names the source in the message).
[[nodiscard]] std::string read_all(ByteSource& source, const std::string& file,
                                   std::size_t max_bytes);

} // namespace centricity::import
