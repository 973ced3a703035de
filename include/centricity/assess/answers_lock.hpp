#pragma once

// One `assess` session per answers file: two sessions on one file would each
// overwrite the other's answers while both report every answer saved.

#include <string>

namespace centricity::assess {

// An exclusive flock(2) on "<answers file>.lock" beside the answers file,
// holding this process's id. The kernel releases it when the process ends,
// however it ends (a crash or kill -9 included); the destructor also removes
// the file. A lock file, not the answers file itself: the answers file is
// replaced on every save, and a lock on the replaced file would guard nothing.
class AnswersLock {
public:
  // Takes the lock for `answers_path`. Throws centricity::Error
  // (ExitCode::usage) naming the process that holds it, or
  // (ExitCode::output) if the lock file cannot be created.
  explicit AnswersLock(const std::string& answers_path);
  ~AnswersLock();
  AnswersLock(const AnswersLock&) = delete;
  AnswersLock& operator=(const AnswersLock&) = delete;

  // The lock file's path.
  [[nodiscard]] const std::string& path() const { return m_path; }

private:
  std::string m_path;
  int m_fd = -1;
};

} // namespace centricity::assess
