#pragma once

// Positions in input files and the problems found there. Problems in data are
// collected, not thrown, so `validate` can list every one in a single run.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::util {

// A 1-based position in a named file. line == 0 means "no position known".
struct SourceLoc {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  [[nodiscard]] bool known() const { return line != 0; }
};

// Where byte `offset` of `text` is: the line (counting `newline`s from
// `first_line`) and the column in code points, 1-based.
[[nodiscard]] SourceLoc locate(std::string file, std::string_view text, std::size_t offset,
                               char newline = '\n', std::size_t first_line = 1);

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLoc loc;
  std::string message;
};

// Keeps the text of every file read, so diagnostics can quote the offending
// line with a caret under `column`.
class SourceMap {
public:
  // Remembers `text` as the contents of `file` (replacing any earlier text).
  void add(const std::string& file, std::string text);
  // The 1-based `line` of `file` without its line break; empty if unknown.
  [[nodiscard]] std::string_view line(const std::string& file, std::size_t line) const;

private:
  struct Text {
    std::string text;
    // Where each line starts, found on the first line() call: a file with
    // thousands of problems is scanned once, not once per problem.
    mutable std::vector<std::size_t> starts;
  };
  std::map<std::string, Text, std::less<>> m_texts;
};

// Collects diagnostics in the order they were found.
class Diagnostics {
public:
  void error(SourceLoc loc, std::string message);
  void warning(SourceLoc loc, std::string message);
  void note(SourceLoc loc, std::string message);
  void add(Diagnostic diagnostic);
  void append(const Diagnostics& other);

  [[nodiscard]] const std::vector<Diagnostic>& all() const { return m_items; }
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] std::size_t warning_count() const;
  [[nodiscard]] bool has_errors() const { return error_count() > 0; }
  [[nodiscard]] bool empty() const { return m_items.empty(); }
  // Orders by file, line and column, keeping the order of equal positions.
  void sort();

private:
  std::vector<Diagnostic> m_items;
};

// "path:line:column: error: message" (the position part is dropped when
// unknown). Without `sources` only that one line is produced.
[[nodiscard]] std::string format_diagnostic(const Diagnostic& diagnostic);
// The one-line form plus the quoted source line and a caret under the
// column, each on its own line, newline-terminated. Long lines are cut around
// the column so the caret stays visible; tabs are kept so the caret aligns.
[[nodiscard]] std::string format_diagnostic(const Diagnostic& diagnostic, const SourceMap& sources);

} // namespace centricity::util
