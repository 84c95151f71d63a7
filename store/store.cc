// store/store.cc: Store::open, the operation queue and the writer thread.
//
// Write calls turn into typed operations appended to a queue (mutex + condition variables). The
// queue is bounded (StoreOptions::max_queued): a caller blocks while it is full, which slows the
// crawl down to what the disk can take instead of growing memory without limit; calls made on the
// writer thread (from a callback) never block, or the writer would wait for itself. The writer
// takes whatever is waiting (at most max_batch operations) as soon as it is idle, applies it in one
// IMMEDIATE transaction, commits, then runs the callbacks with each operation's result (or the
// commit error). While a batch is being written the next one accumulates, so batches grow with
// load and an operation never waits for a timer.
#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <variant>

#include "store/migrations.h"
#include "store/near_index.h"
#include "store/queries.h"
#include "store/search.h"
#include "store/search_indexer.h"
#include "store/sqlite_handles.h"
#include "store/wal_checkpointer.h"
#include "store/writer.h"
#include "util/thread_name.h"

namespace akhbar::store {
namespace {

// The write connection's page cache (SQLite's default is 2 MiB).
constexpr int kWriterCacheKiB = 32 * 1024;

struct EnsureSiteOp {
  std::string name;
  std::string config_hash;
};
struct AddUrlOp {
  UrlRecord url;
  std::function<void(bool)> done;
  Result<bool> result = false;
};
struct AddUrlsOp {
  std::vector<UrlRecord> urls;
  std::function<void(std::size_t)> done;
  Result<std::size_t> result = 0;
};
struct SetUrlStateOp {
  std::string canonical_url;
  std::string state;
  int attempts = 0;
  std::string error;
};
struct LogFetchOp {
  FetchRecord fetch;
};
struct SaveSourceOp {
  SourceRecord source;
};
struct RecordItemsOp {
  std::string site;
  std::string source_url;
  std::string kind;
  std::vector<SeenItem> items;
  WallTime now;
  std::function<void(Result<ItemCounts>)> done;
  Result<ItemCounts> result;
};
struct AddArticleOp {
  ArticleRecord article;
  std::function<void(Result<AddedArticle>)> done;
  Result<AddedArticle> result;
};
struct ClaimDueOp {
  WallTime due_by;
  std::size_t limit = 0;
  std::size_t per_host = 0;
  std::function<void(Result<ClaimedBatch>)> done;
  Result<ClaimedBatch> result;
};
struct RetryLaterOp {
  std::string canonical_url;
  int attempts = 0;
  WallTime not_before;
  std::string error;
};
struct MoveSourceOp {
  std::string site;
  std::string old_url;
  std::string new_url;
};
struct RecoverFrontierOp {
  std::function<void(Result<std::int64_t>)> done;
  Result<std::int64_t> result = 0;
};
using Op = std::variant<EnsureSiteOp, AddUrlOp, AddUrlsOp, SetUrlStateOp, LogFetchOp, SaveSourceOp, RecordItemsOp, AddArticleOp,
                        ClaimDueOp, RetryLaterOp, MoveSourceOp, RecoverFrontierOp>;

// Failures are counted by the Writer; results with a callback are kept for finish().
void apply(Writer& w, EnsureSiteOp& op, WallTime) { (void)w.ensure_site(op.name, op.config_hash); }
void apply(Writer& w, AddUrlOp& op, WallTime now) { op.result = w.add_url(op.url, now); }
void apply(Writer& w, AddUrlsOp& op, WallTime now) { op.result = w.add_urls(op.urls, now); }
void apply(Writer& w, SetUrlStateOp& op, WallTime now) {
  (void)w.set_url_state(op.canonical_url, op.state, op.attempts, op.error, now);
}
void apply(Writer& w, LogFetchOp& op, WallTime) { (void)w.log_fetch(op.fetch); }
void apply(Writer& w, SaveSourceOp& op, WallTime) { (void)w.save_source(op.source); }
void apply(Writer& w, RecordItemsOp& op, WallTime) {
  op.result = w.record_items(op.site, op.source_url, op.kind, op.items, op.now);
}
void apply(Writer& w, AddArticleOp& op, WallTime now) { op.result = w.add_article(op.article, now); }
void apply(Writer& w, ClaimDueOp& op, WallTime now) {
  op.result = w.claim_due(op.due_by, op.limit, op.per_host, now);
}
void apply(Writer& w, RetryLaterOp& op, WallTime now) {
  (void)w.retry_later(op.canonical_url, op.attempts, op.not_before, op.error, now);
}
void apply(Writer& w, MoveSourceOp& op, WallTime) { (void)w.move_source(op.site, op.old_url, op.new_url); }
void apply(Writer& w, RecoverFrontierOp& op, WallTime now) { op.result = w.recover_frontier(now); }

// Runs the callback once the batch's fate is known; `batch_error` is set when nothing was committed.
template <class OpT>
void finish(OpT&, const Error*) {}
void finish(AddUrlOp& op, const Error* batch_error) {
  if (op.done) op.done(batch_error == nullptr && op.result && *op.result);
}
void finish(AddUrlsOp& op, const Error* batch_error) {
  if (op.done) op.done(batch_error == nullptr && op.result ? *op.result : 0);
}
// For operations whose callback takes a Result.
template <class OpT>
void finish_with_result(OpT& op, const Error* batch_error) {
  if (!op.done) return;
  if (batch_error != nullptr) {
    op.done(tl::make_unexpected(*batch_error));
  } else {
    op.done(std::move(op.result));
  }
}
void finish(AddArticleOp& op, const Error* batch_error) { finish_with_result(op, batch_error); }
void finish(RecordItemsOp& op, const Error* batch_error) { finish_with_result(op, batch_error); }
void finish(ClaimDueOp& op, const Error* batch_error) { finish_with_result(op, batch_error); }
void finish(RecoverFrontierOp& op, const Error* batch_error) { finish_with_result(op, batch_error); }

// The first statement is where SQLite reads the header, so it tells a foreign file apart.
Result<void> check_database(sqlite3* db, const std::filesystem::path& path, const char* first_sql) {
  const int rc = sqlite3_exec(db, first_sql, nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return {};
  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT) {
    return fail(Errc::kDataLoss, "store: " + path.string() + " is not an SQLite database");
  }
  Error error = sqlite_error(db, rc, path.string());
  return tl::make_unexpected(std::move(error));
}

// Until the checkpointer is attached (during migrations), SQLite checkpoints after the commit that
// took the log to `wal_limit_pages` (its default, 1,000 pages, would make every claim of a few
// hundred scattered URLs pay for a checkpoint and its fsync).
Result<SqliteDb> open_write_connection(const std::filesystem::path& path, int wal_limit_pages) {
  auto db = open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!db) return db;
  if (auto ok = check_database(db->get(), path, "PRAGMA journal_mode = WAL"); !ok) return tl::make_unexpected(ok.error());
  // Statement and savepoint journals in memory (each holds the pages one operation touches: bounded
  // by the batch, not by the table), and a page cache large enough that a claim of a few hundred
  // URLs spread over a million-row frontier does not spill mid-transaction. Both are fixed caps.
  if (auto ok = exec(db->get(), "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
                                "PRAGMA cache_size = -" + std::to_string(kWriterCacheKiB) +
                                "; PRAGMA wal_autocheckpoint = " + std::to_string(wal_limit_pages));
      !ok) {
    return tl::make_unexpected(ok.error());
  }
  if (auto ok = migrate(db->get()); !ok) {
    Error error = std::move(ok.error());
    error.message += " (" + path.string() + ")";
    return tl::make_unexpected(std::move(error));
  }
  return db;
}

}  // namespace

struct Store::Impl {
  Impl(SqliteDb read, SqliteDb write, SearchIndex index, std::unique_ptr<WalCheckpointer> wal,
       const StoreOptions& opts)
      : options(opts),
        read_db(std::move(read)),
        indexer(std::make_unique<SearchIndexer>(std::move(index))),
        checkpointer(std::move(wal)),
        writer(std::move(write),
               WriterLimits{opts.fetch_log_days, opts.fetch_log_keep, opts.fetch_log_prune_every, opts.claim_scan_budget}) {}

  void start() {
    if (options.index_search) indexer->start();
    checkpointer->start();
    thread = named_thread("akhbar-store", [this] { run(); });
    writer_id = thread.get_id();
  }

  void stop() {
    {
      std::lock_guard lock(mu);
      stopping = true;
    }
    work_cv.notify_all();
    room_cv.notify_all();
    if (thread.joinable()) thread.join();
    checkpointer->stop();
    indexer->stop();  // what it has not read yet is read by the next open
  }

  bool on_writer_thread() const { return std::this_thread::get_id() == writer_id; }

  void enqueue(Op op) {
    std::unique_lock lock(mu);
    if (!on_writer_thread()) room_cv.wait(lock, [&] { return queue.size() < options.max_queued || stopping; });
    queue.push_back(std::move(op));
    ++enqueued;
    lock.unlock();
    work_cv.notify_one();
  }

  void flush(bool with_index) {
    if (on_writer_thread()) return;
    std::unique_lock lock(mu);
    const std::uint64_t target = enqueued;
    done_cv.wait(lock, [&] { return finished >= target; });
    lock.unlock();
    if (with_index) indexer->sync();
  }

  void run() {
    std::vector<Op> batch;
    batch.reserve(options.max_batch);
    for (;;) {
      {
        std::unique_lock lock(mu);
        work_cv.wait(lock, [&] { return !queue.empty() || stopping; });
        if (queue.empty()) return;  // stopping, and everything is written
        const std::size_t n = std::min(queue.size(), std::max<std::size_t>(options.max_batch, 1));
        for (std::size_t i = 0; i < n; ++i) {
          batch.push_back(std::move(queue.front()));
          queue.pop_front();
        }
      }
      room_cv.notify_all();
      write_batch(batch);
      const std::size_t n = batch.size();
      batch.clear();
      {
        std::lock_guard lock(mu);
        finished += n;
      }
      done_cv.notify_all();
    }
  }

  void write_batch(std::vector<Op>& batch) {
    const WallTime now = options.clock->now();
    // Without savepoints first; when an operation failed, again with one per operation (writer.h).
    bool again = false;
    std::optional<Error> batch_error = write_pass(batch, now, Writer::Guard::kNone, again);
    if (again) batch_error = write_pass(batch, now, Writer::Guard::kPerOperation, again);
    if (batch_error) {
      writer.note_error(*batch_error);
    } else if (std::any_of(batch.begin(), batch.end(),
                           [](const Op& op) { return std::holds_alternative<AddArticleOp>(op); })) {
      indexer->notify();
    }
    const Error* error = batch_error ? &*batch_error : nullptr;
    for (Op& op : batch) std::visit([&](auto& o) { finish(o, error); }, op);
  }

  // One transaction over the whole batch; the error when nothing was committed. `again`: an
  // unguarded pass met a failed operation and rolled back.
  std::optional<Error> write_pass(std::vector<Op>& batch, WallTime now, Writer::Guard guard, bool& again) {
    again = false;
    if (auto begun = writer.begin(guard); !begun) {
      writer.rollback();
      return std::move(begun.error());
    }
    for (Op& op : batch) std::visit([&](auto& o) { apply(writer, o, now); }, op);
    if (writer.failed_unguarded()) {
      writer.rollback();
      again = true;
      return std::nullopt;
    }
    if (auto committed = writer.commit(); !committed) {
      writer.rollback();
      return std::move(committed.error());
    }
    return std::nullopt;
  }

  const StoreOptions options;
  SqliteDb read_db;  // used by the calling thread(s), one at a time
  StmtCache read_stmts;  // read_db's statements for find_near_copy (near_index.h)
  std::unique_ptr<SearchIndexer> indexer;  // its own thread and connections
  std::unique_ptr<WalCheckpointer> checkpointer;  // its own thread; hooked into the writer's connection
  Writer writer;     // used by the writer thread only (declared after checkpointer: closed before it)

  std::mutex mu;
  std::condition_variable work_cv;  // the writer waits for operations
  std::condition_variable room_cv;  // producers wait for room in the queue
  std::condition_variable done_cv;  // flush() waits for batches to finish
  std::deque<Op> queue;
  std::uint64_t enqueued = 0;  // operations ever queued
  std::uint64_t finished = 0;  // operations committed (or failed) with callbacks run
  bool stopping = false;

  std::thread thread;
  std::thread::id writer_id;
};

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path) { return open(path, StoreOptions{}); }

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path, const StoreOptions& options) {
  auto write_db = open_write_connection(path, options.wal_limit_pages);
  if (!write_db) return tl::make_unexpected(std::move(write_db.error()));
  auto read_db = open_sqlite(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!read_db) return tl::make_unexpected(std::move(read_db.error()));
  if (auto ok = check_database(read_db->get(), path, "SELECT COUNT(*) FROM sites"); !ok) {
    return tl::make_unexpected(std::move(ok.error()));
  }
  auto index = SearchIndex::open(path);
  if (!index) return tl::make_unexpected(std::move(index.error()));
  if (auto ok = attach_search_index(read_db->get(), path); !ok) return tl::make_unexpected(std::move(ok.error()));
  auto wal = WalCheckpointer::open(path, options.wal_step_pages, options.wal_limit_pages);
  if (!wal) return tl::make_unexpected(std::move(wal.error()));
  (*wal)->attach(write_db->get());
  auto impl = std::make_unique<Impl>(std::move(*read_db), std::move(*write_db), std::move(*index), std::move(*wal),
                                     options);
  impl->start();
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Store::~Store() {
  if (impl_) impl_->stop();
}

void Store::ensure_site(std::string name, std::string config_hash) {
  impl_->enqueue(EnsureSiteOp{std::move(name), std::move(config_hash)});
}

void Store::add_url(UrlRecord url, std::function<void(bool)> done) {
  impl_->enqueue(AddUrlOp{std::move(url), std::move(done)});
}

void Store::add_urls(std::vector<UrlRecord> urls, std::function<void(std::size_t queued)> done) {
  impl_->enqueue(AddUrlsOp{std::move(urls), std::move(done)});
}

void Store::set_url_state(std::string canonical_url, std::string_view state, int attempts, std::string error) {
  impl_->enqueue(SetUrlStateOp{std::move(canonical_url), std::string(state), attempts, std::move(error)});
}

void Store::log_fetch(FetchRecord fetch) { impl_->enqueue(LogFetchOp{std::move(fetch)}); }

void Store::save_source(SourceRecord source) { impl_->enqueue(SaveSourceOp{std::move(source)}); }

void Store::record_items(std::string site, std::string source_url, std::string kind, std::vector<SeenItem> items,
                         WallTime now, std::function<void(Result<ItemCounts>)> done) {
  impl_->enqueue(RecordItemsOp{std::move(site), std::move(source_url), std::move(kind), std::move(items), now,
                               std::move(done), ItemCounts{}});
}

void Store::add_article(ArticleRecord article, std::function<void(Result<AddedArticle>)> done) {
  impl_->enqueue(AddArticleOp{std::move(article), std::move(done), AddedArticle{}});
}

void Store::claim_due(WallTime now, std::size_t limit, std::size_t per_host,
                      std::function<void(Result<ClaimedBatch>)> done) {
  impl_->enqueue(ClaimDueOp{now, limit, per_host, std::move(done), ClaimedBatch{}});
}

void Store::retry_later(std::string canonical_url, int attempts, WallTime not_before, std::string error) {
  impl_->enqueue(RetryLaterOp{std::move(canonical_url), attempts, not_before, std::move(error)});
}

void Store::move_source(std::string site, std::string old_url, std::string new_url) {
  impl_->enqueue(MoveSourceOp{std::move(site), std::move(old_url), std::move(new_url)});
}

Result<std::int64_t> Store::recover_frontier() {
  if (impl_->on_writer_thread()) {
    return fail(Errc::kInternal, "store: recover_frontier called from a store callback");
  }
  std::optional<Result<std::int64_t>> got;
  // flush() waits for the callback under the queue mutex, so `got` is set when it returns.
  impl_->enqueue(RecoverFrontierOp{[&got](Result<std::int64_t> r) { got = std::move(r); }, 0});
  impl_->flush(false);
  if (!got) return fail(Errc::kInternal, "store: recover_frontier did not run");
  return std::move(*got);
}

void Store::flush() { impl_->flush(true); }

void Store::flush_writes() { impl_->flush(false); }

WriteErrors Store::write_errors() const { return impl_->writer.errors(); }

std::optional<Error> Store::search_index_error() const { return impl_->indexer->last_error(); }

CheckpointStats Store::checkpoint_stats() const { return impl_->checkpointer->stats(); }

Result<void> Store::for_each_article(const ExportFilter& filter, const std::function<void(const ArticleRow&)>& fn) {
  return query_articles(impl_->read_db.get(), filter, fn);
}

Result<void> Store::for_each_story(const StoryFilter& filter, const std::function<void(const Story&)>& fn) {
  return query_stories(impl_->read_db.get(), filter, fn);
}

Result<std::optional<NearHit>> Store::find_near_copy(const parsers::NearFingerprint& near) {
  NearBuckets& buckets = impl_->writer.near_buckets();
  if (auto r = buckets.catch_up(impl_->read_db.get(), impl_->read_stmts); !r) return pass(r);
  return find_near(impl_->read_db.get(), impl_->read_stmts, buckets, near, 0);
}

Result<std::vector<SiteStats>> Store::site_stats() { return query_site_stats(impl_->read_db.get()); }

Result<std::optional<SourceRecord>> Store::load_source(std::string_view site, std::string_view url) {
  return query_source(impl_->read_db.get(), site, url);
}

Result<std::vector<SourceRecord>> Store::load_sources(std::string_view site) {
  return query_sources(impl_->read_db.get(), site);
}

Result<std::vector<UrlRow>> Store::pending_urls(std::size_t limit) {
  return query_pending_urls(impl_->read_db.get(), limit);
}

Result<std::int64_t> Store::count_queued() { return query_count_queued(impl_->read_db.get()); }

Result<std::int64_t> Store::count_articles() { return query_count_articles(impl_->read_db.get()); }

Result<SearchResults> Store::search(const parsers::SearchQuery& query, const SearchFilter& filter) {
  return query_search(impl_->read_db.get(), query, filter);
}

Result<std::int64_t> Store::search_backlog() { return query_search_backlog(impl_->read_db.get()); }

}  // namespace akhbar::store
