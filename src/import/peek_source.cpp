#include "peek_source.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace centricity::import::detail {

std::string peek(ByteSource& source)
{
  std::string prefix(k_peek, '\0');
  std::size_t have = 0;
  while (have < prefix.size()) {
    const std::size_t got = source.read(prefix.data() + have, prefix.size() - have);
    if (got == 0) {
      break;
    }
    have += got;
  }
  prefix.resize(have);
  return prefix;
}

PeekSource::PeekSource(ByteSource& inner, std::string prefix)
  : m_inner(&inner)
  , m_prefix(std::move(prefix))
{
}

std::size_t PeekSource::read(char* buffer, std::size_t size)
{
  if (m_pos < m_prefix.size()) {
    const std::size_t n = std::min(size, m_prefix.size() - m_pos);
    std::memcpy(buffer, m_prefix.data() + m_pos, n);
    m_pos += n;
    return n;
  }
  return m_inner->read(buffer, size);
}

std::optional<std::uint64_t> PeekSource::size() const
{
  return m_inner->size();
}

} // namespace centricity::import::detail
