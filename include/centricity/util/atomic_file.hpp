#pragma once

// Writing files so that a reader never sees half of one: the text goes to a
// temporary file in the same folder, is flushed to disk, and is renamed over
// the target. A crash leaves either the old file or the new one.

#include <string>
#include <string_view>

namespace centricity::util {

// A file written in pieces and put in place whole: the pieces go to an
// unnamed temporary file (O_TMPFILE; a hidden named one where the file
// system lacks it) in the target's folder, and commit() flushes it to disk
// and renames it over the target. Until then the target is untouched, and
// a process that dies or is killed leaves nothing behind (with the named
// fallback, a hidden temporary only if it dies before the destructor runs).
// Errors throw centricity::Error (ExitCode::output) "cannot write 'PATH':
// what failed: reason" and discard the temporary.
//
// A symbolic link stays a link: the file it leads to is replaced. An open
// descriptor named as a file (/dev/stdout, /dev/fd/N) and what is neither
// a plain file nor a folder (/dev/null, a named pipe, a terminal) are
// written in place instead, as the text comes: there is no file to
// replace there.
class AtomicFile {
public:
  // Creates the temporary file for `path` (a real path, not "-").
  explicit AtomicFile(std::string path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Discards the temporary file unless commit() ran.
  ~AtomicFile();

  void write(std::string_view content);
  // The temporary file's descriptor, for hints such as sync_file_range().
  [[nodiscard]] int fd() const { return m_fd; }
  // Flushes what was written so far to disk; commit() then only flushes
  // what came after.
  void sync();
  // Puts the file in place, keeping the permissions of the file it
  // replaces (a new one gets 0666 less the umask).
  void commit();
  // Removes the temporary file; the target stays as it was.
  void discard() noexcept;

private:
  [[noreturn]] void fail_and_discard(const char* what);

  std::string m_path;   // as given, for messages
  std::string m_target; // the file to replace: m_path with its links followed
  std::string m_folder;
  std::string m_temp; // the temporary's name once it has one
  int m_fd = -1;
  bool m_unsynced = false; // written to since the last fsync
  bool m_direct = false;   // written in place (a descriptor, a device, a pipe)
};

// Writes `content` to `path` atomically. "-" writes to standard output.
// Throws centricity::Error (ExitCode::output) naming `path` on failure.
void write_file_atomic(const std::string& path, std::string_view content);

// True if `a` and `b` name the same existing file (after resolving links).
[[nodiscard]] bool same_file(const std::string& a, const std::string& b);

} // namespace centricity::util
