#pragma once

// Writing files so that a reader never sees half of one: the text goes to a
// temporary file in the same folder, is flushed to disk, and is renamed over
// the target. A crash leaves either the old file or the new one.

#include <string>
#include <string_view>

namespace centricity::util {

// Writes `content` to `path` atomically. "-" writes to standard output.
// Throws centricity::Error (ExitCode::output) naming `path` on failure.
void write_file_atomic(const std::string& path, std::string_view content);

// True if `a` and `b` name the same existing file (after resolving links).
[[nodiscard]] bool same_file(const std::string& a, const std::string& b);

} // namespace centricity::util
