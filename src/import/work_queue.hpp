#pragma once

// The threading pieces of the import pipeline (pipeline.cpp): a queue that
// hands blocks from the reader to the worker threads (and used jobs back to
// the reader), and a reorder buffer that gives the blocks the workers
// finished, in whatever order, to the one writer in input order. Private to
// src/import.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

namespace centricity::import::detail {

// A first-in, first-out queue between threads, closed when nothing more
// will come.
template <typename T>
class Queue {
public:
  // Adds `item` at the back and wakes one waiting pop().
  void push(T item)
  {
    {
      const std::lock_guard lock(m_mutex);
      m_items.push_back(std::move(item));
    }
    m_ready.notify_one();
  }
  // The next item, waiting for one; nullopt once closed and drained.
  std::optional<T> pop()
  {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return !m_items.empty() || m_closed; });
    if (m_items.empty()) {
      return std::nullopt;
    }
    T item = std::move(m_items.front());
    m_items.pop_front();
    return item;
  }
  // Says no more items will be pushed: pop() drains the rest, then returns
  // nullopt in every waiting thread.
  void close()
  {
    {
      const std::lock_guard lock(m_mutex);
      m_closed = true;
    }
    m_ready.notify_all();
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<T> m_items;
  bool m_closed = false;
};

// Finished items by sequence number (0, 1, 2...), handed out in that order
// whatever order they were finished in.
template <typename T>
class Reorder {
public:
  // Hands over `item`, number `seq`, finished.
  void put(std::uint64_t seq, T* item)
  {
    {
      const std::lock_guard lock(m_mutex);
      m_done.emplace(seq, item);
    }
    m_ready.notify_all();
  }
  // Says `total` items will have been put (numbers 0 to total - 1).
  void finish(std::uint64_t total)
  {
    {
      const std::lock_guard lock(m_mutex);
      m_total = total;
    }
    m_ready.notify_all();
  }
  // Item `seq`, waiting until it is put; nullptr when `seq` is past the last
  // item (once finish() has said how many there are).
  T* take(std::uint64_t seq)
  {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return m_done.count(seq) != 0 || (m_total && seq >= *m_total); });
    const auto it = m_done.find(seq);
    if (it == m_done.end()) {
      return nullptr;
    }
    T* item = it->second;
    m_done.erase(it);
    return item;
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::map<std::uint64_t, T*> m_done;
  std::optional<std::uint64_t> m_total;
};

} // namespace centricity::import::detail
