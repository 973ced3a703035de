#pragma once

// Telling a file's format from its first bytes without losing them: the
// pipeline peeks at the start of each file (XLSX, JSON or CSV?), then reads
// the whole file through a PeekSource, which serves the peeked bytes again.
// Private to src/import.

#include <centricity/import/source.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace centricity::import::detail {

// How many bytes peek() reads.
inline constexpr std::size_t k_peek = 4096;

// The first k_peek bytes of `source` (fewer only when it ends sooner),
// consumed from it.
[[nodiscard]] std::string peek(ByteSource& source);

// A source that serves `prefix` (what peek() took from `inner`), then the
// rest of `inner`, which must outlive it.
class PeekSource : public ByteSource {
public:
  PeekSource(ByteSource& inner, std::string prefix);
  std::size_t read(char* buffer, std::size_t size) override;
  [[nodiscard]] std::optional<std::uint64_t> size() const override;

private:
  ByteSource* m_inner;
  std::string m_prefix;
  std::size_t m_pos = 0;
};

} // namespace centricity::import::detail
