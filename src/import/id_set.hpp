#pragma once

// The duplicate-id check of the import pipeline: a worker hashes each
// respondent id as it scores the row (score_rows.cpp), and the writer thread
// looks the hashes up in one set as it merges blocks in input order
// (tally.cpp), so duplicates are found across blocks and files. Private to
// src/import.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace centricity::import::detail {

// The 64-bit FNV-1a hash of `text`; never 0, which marks a free slot of
// IdHashSet.
inline std::uint64_t fnv1a(std::string_view text)
{
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash == 0 ? 1 : hash;
}

// An open-addressing set of 64-bit hashes (8 bytes per respondent id): the
// only state that grows with rows, and only when the export has ids.
class IdHashSet {
public:
  // Adds `hash` (not 0); false if it was there already.
  bool insert(std::uint64_t hash)
  {
    if ((m_size + 1) * 2 > m_slots.size()) {
      grow();
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
      if (m_slots[i] == hash) {
        return false;
      }
      if (m_slots[i] == 0) {
        m_slots[i] = hash;
        ++m_size;
        return true;
      }
    }
  }

private:
  void grow()
  {
    std::vector<std::uint64_t> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 1024 : old.size() * 2, 0);
    m_size = 0;
    for (const std::uint64_t h : old) {
      if (h != 0) {
        insert(h);
      }
    }
  }
  std::vector<std::uint64_t> m_slots;
  std::size_t m_size = 0;
};

} // namespace centricity::import::detail
