#include "store/search_indexer.h"

#include <utility>

#include "util/thread_name.h"

namespace akhbar::store {

void SearchIndexer::start() { thread_ = named_thread("akhbar-search", [this] { run(); }); }

void SearchIndexer::notify() {
  {
    std::lock_guard lock(mu_);
    ++requested_;
  }
  wake_.notify_one();
}

void SearchIndexer::sync() {
  std::unique_lock lock(mu_);
  if (!thread_.joinable()) return;
  const std::uint64_t target = ++requested_;
  wake_.notify_one();
  done_.wait(lock, [&] { return served_ >= target || stopping_; });
}

void SearchIndexer::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  done_.notify_all();
}

std::optional<Error> SearchIndexer::last_error() const {
  std::lock_guard lock(mu_);
  return last_error_;
}

void SearchIndexer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (!wake_.wait_for(lock, kSearchRetry, [&] { return requested_ > served_ || stopping_; })) {
      if (!last_error_) continue;  // idle; after a failure, try again
    }
    if (stopping_) return;
    const std::uint64_t target = requested_;
    lock.unlock();
    std::optional<Error> error;
    for (;;) {
      auto step = index_.catch_up(kSearchIndexStep);
      if (!step) {
        error = std::move(step.error());
        break;
      }
      if (!step->more) break;
      std::lock_guard peek(mu_);
      if (stopping_) break;
    }
    lock.lock();
    last_error_ = std::move(error);
    served_ = target;
    done_.notify_all();
  }
}

}  // namespace akhbar::store
