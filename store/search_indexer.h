// store/search_indexer.h: the thread that keeps the search index (search_index.h) up to date
// (internal to store/). The store's writer calls notify() after a batch with articles commits; the
// thread then calls SearchIndex::catch_up() in steps of kSearchIndexStep articles until the index
// has read everything committed, one transaction per step. It starts by catching up whatever an
// earlier run left unindexed. A step that fails (the index file locked by another process for too
// long, a full disk) is recorded and tried again on the next notify() or after kSearchRetry.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "store/search_index.h"
#include "util/result.h"

namespace akhbar::store {

inline constexpr std::size_t kSearchIndexStep = 1000;
inline constexpr std::chrono::seconds kSearchRetry{5};

class SearchIndexer {
 public:
  explicit SearchIndexer(SearchIndex index) : index_(std::move(index)) {}
  ~SearchIndexer() { stop(); }
  SearchIndexer(const SearchIndexer&) = delete;
  SearchIndexer& operator=(const SearchIndexer&) = delete;

  void start();
  // Everything the store has committed before this call is to be indexed.
  void notify();
  // Blocks until everything committed before the call is indexed, or a step failed.
  void sync();
  // Finishes the step in progress (not the backlog) and joins the thread.
  void stop();

  std::optional<Error> last_error() const;

 private:
  void run();

  SearchIndex index_;  // the thread's only, once started
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::uint64_t requested_ = 1;  // the backlog left by an earlier run
  std::uint64_t served_ = 0;     // requests fully indexed (or failed)
  bool stopping_ = false;
  std::optional<Error> last_error_;
  std::thread thread_;
};

}  // namespace akhbar::store
