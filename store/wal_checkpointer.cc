#include "store/wal_checkpointer.h"

#include <algorithm>
#include <utility>

#include "util/thread_name.h"

namespace akhbar::store {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::open(const std::filesystem::path& path, int step_pages,
                                                                int limit_pages) {
  auto db = open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  if (!db) return pass(db);
  // The connection never writes: it must not checkpoint on its own terms either.
  sqlite3_wal_autocheckpoint(db->get(), 0);
  // A connection learns that the database is in WAL mode, and opens the log, on its first read;
  // until then a checkpoint through it does nothing (and says so only with -1 frames).
  if (auto read = exec(db->get(), "SELECT COUNT(*) FROM sqlite_schema"); !read) return pass(read);
  return std::unique_ptr<WalCheckpointer>(
      new WalCheckpointer(std::move(*db), std::max(step_pages, 1), std::max(limit_pages, 1)));
}

void WalCheckpointer::attach(sqlite3* writer) { sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, this); }

int WalCheckpointer::on_commit(void* ctx, sqlite3* db, const char* schema, int pages) {
  auto* self = static_cast<WalCheckpointer*>(ctx);
  self->pages_.store(pages, std::memory_order_relaxed);
  if (pages < self->woken_at_) self->woken_at_ = 0;  // the log started over
  // While the thread is copying, what is left for the writer is more than it will be once the thread
  // is done: the writer waits for that, up to twice the limit.
  const bool thread_busy = self->copying_.load(std::memory_order_relaxed);
  if (pages >= self->limit_ && (!thread_busy || pages >= 2 * self->limit_)) {
    // PASSIVE: copies what no reader still needs, without waiting for anyone.
    const int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    self->record(rc, db, false, 0);
    self->woken_at_ = 0;
    return SQLITE_OK;
  }
  if (pages - self->woken_at_ >= self->step_) {
    self->woken_at_ = pages;
    {
      std::lock_guard lock(self->mu_);
      self->wanted_ = true;
    }
    self->wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::record(int rc, sqlite3* db, bool background, int copied) {
  std::lock_guard lock(mu_);
  ++(background ? stats_.background : stats_.by_writer);
  if (background && copied > 0) {
    // Counted from the start of the log when it started over since the last pass.
    stats_.background_pages += static_cast<std::uint64_t>(copied >= copied_before_ ? copied - copied_before_ : copied);
    copied_before_ = copied;
  }
  // BUSY: the other side was checkpointing at that moment; it copies the same pages.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) stats_.last_error = sqlite_error(db, rc, "checkpoint");
}

void WalCheckpointer::start() { thread_ = named_thread("akhbar-wal", [this] { run(); }); }

void WalCheckpointer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    // Until caught up: each pass copies the log as it was when the pass began, and the writer goes
    // on appending meanwhile.
    for (;;) {
      int copied = 0;
      copying_.store(true, std::memory_order_relaxed);
      const int rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
      copying_.store(false, std::memory_order_relaxed);
      record(rc, db_.get(), true, copied);
      if (rc != SQLITE_OK || copied < 0 || stopping()) break;
      // The log started over (fewer pages than were copied), or little is left.
      if (pages_.load(std::memory_order_relaxed) - copied < kCaughtUpPages) break;
    }
    lock.lock();
  }
}

bool WalCheckpointer::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

void WalCheckpointer::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

CheckpointStats WalCheckpointer::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

}  // namespace akhbar::store
