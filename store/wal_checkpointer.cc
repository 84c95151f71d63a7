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
  return std::unique_ptr<WalCheckpointer>(
      new WalCheckpointer(std::move(*db), std::max(step_pages, 1), std::max(limit_pages, 1)));
}

void WalCheckpointer::attach(sqlite3* writer) { sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, this); }

int WalCheckpointer::on_commit(void* ctx, sqlite3* db, const char* schema, int pages) {
  auto* self = static_cast<WalCheckpointer*>(ctx);
  if (pages < self->woken_at_) self->woken_at_ = 0;  // the log started over
  if (pages >= self->limit_) {
    // PASSIVE: copies what no reader still needs, without waiting for anyone.
    const int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    self->record(rc, db, false);
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

void WalCheckpointer::record(int rc, sqlite3* db, bool background) {
  std::lock_guard lock(mu_);
  ++(background ? stats_.background : stats_.by_writer);
  // BUSY: the other side was checkpointing at that moment; it copies the same pages.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) stats_.last_error = sqlite_error(db, rc, "checkpoint");
}

void WalCheckpointer::start() {
  thread_ = std::thread([this] {
    name_this_thread("akhbar-wal");
    run();
  });
}

void WalCheckpointer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    const int rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    record(rc, db_.get(), true);
    lock.lock();
  }
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
