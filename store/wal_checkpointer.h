// store/wal_checkpointer.h: copies the store's write-ahead log into the database on a thread of its
// own (internal to store/), so that the writer does not stop for it.
//
// In WAL mode every commit appends pages to akhbar.db-wal, and a checkpoint copies them into
// akhbar.db; SQLite's default runs it inside the commit that crossed the threshold, on the writer
// thread: a quarter-gigabyte copy and an fsync during which nothing is stored and the crawl's
// queue fills up. Here the writer's commit hook (attach()) only wakes this thread each time the
// log has grown by kWalStepPages, and the thread checkpoints PASSIVE through its own connection
// while the writer goes on, pass after pass until little is left. The log can only start over from
// its beginning once a checkpoint has copied all of it before the next write, which a writer that
// never pauses does not leave time for: when the log reaches its limit and the thread is not in
// the middle of a pass, the writer's hook checkpoints the rest itself (what the thread has not
// copied yet: a few MiB), as SQLite would have; when the thread is, the writer goes on and checks
// again at its next commit, up to twice the limit, where it checkpoints whatever is left. The log
// stays bounded.
//
// StoreOptions::wal_step_pages (16,384 pages of 4 KiB: 64 MiB) and wal_limit_pages (65,536:
// 256 MiB, so that a page several batches dirty is copied once per checkpoint, not per batch).
#pragma once
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "store/sqlite_handles.h"
#include "store/store.h"
#include "util/result.h"

namespace akhbar::store {

// A pass that leaves fewer pages than this to copy ends the thread's work until the next wake-up.
inline constexpr int kCaughtUpPages = 1024;

class WalCheckpointer {
 public:
  // A connection of its own to the store at `path`; the thread is woken every `step_pages` of log,
  // the writer checkpoints at `limit_pages`.
  static Result<std::unique_ptr<WalCheckpointer>> open(const std::filesystem::path& path, int step_pages,
                                                       int limit_pages);
  ~WalCheckpointer() { stop(); }
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Replaces SQLite's automatic checkpoint on the writer's connection `writer` with the hook above.
  // `writer` must outlive the hook (sqlite3_wal_hook(writer, nullptr, nullptr) removes it).
  void attach(sqlite3* writer);
  void start();
  // Finishes the checkpoint in progress and joins the thread.
  void stop();

  CheckpointStats stats() const;

 private:
  WalCheckpointer(SqliteDb db, int step, int limit) : db_(std::move(db)), step_(step), limit_(limit) {}
  static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
  void run();
  bool stopping() const;
  // Counts a checkpoint; `copied`: the pages of the log copied so far, as a pass of the thread
  // reports them.
  void record(int rc, sqlite3* db, bool background, int copied);

  SqliteDb db_;  // the thread's only
  const int step_;
  const int limit_;
  int woken_at_ = 0;  // log size at the last wake-up (writer thread only)
  std::atomic<int> pages_{0};        // log size after the writer's last commit
  std::atomic<bool> copying_{false};  // the thread is in a pass
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool wanted_ = false;
  bool stopping_ = false;
  CheckpointStats stats_;
  int copied_before_ = 0;  // pages of the log copied when the thread's last pass ended
  std::thread thread_;
};

}  // namespace akhbar::store
