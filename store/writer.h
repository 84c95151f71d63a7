// store/writer.h: the write side of the store, used only by the writer thread (internal to store/).
// A Writer owns the write connection, its cached prepared statements and the site name → id cache.
// Store's thread calls begin(), then any number of operations, then commit() (or rollback()).
//
// A batch is written optimistically first (begin(Guard::kNone)): its operations run one after the
// other without savepoints, which would copy every page an operation touches into a journal of
// their own. When one of them fails, the rest of the pass is skipped (failed_unguarded()), and the
// caller rolls the batch back and writes it again with begin(Guard::kPerOperation): then each
// operation runs inside its own SAVEPOINT, so that when one fails (a constraint, a bad value) only
// it is undone, the error is counted, and the batch goes on. Operations keep no state outside the
// transaction that a rollback does not reset, so writing a batch twice is writing it once.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/near_index.h"
#include "store/sqlite_handles.h"
#include "util/clock.h"
#include "store/store.h"

namespace akhbar::store {

struct WriterLimits {
  Millis fetch_log_days{30LL * 24 * 3600 * 1000};  // age of the oldest fetch_log row kept
  std::int64_t fetch_log_keep = 1'000'000;   // newest fetch_log rows kept at most
  std::int64_t fetch_log_prune_every = 1000; // inserts between two prunes
  std::size_t claim_scan_budget = 0;         // StoreOptions::claim_scan_budget
};

// The SELECTs claim_due runs (for tests that check their query plans).
std::vector<std::string_view> claim_queries();
// The SELECT that finds the first stored article with a text (store/dedupe.cc), for the same tests.
std::string_view exact_original_query();

class Writer {
 public:
  Writer(SqliteDb db, WriterLimits limits) : db_(std::move(db)), limits_(limits) {}

  enum class Guard { kNone, kPerOperation };
  // Batch transaction. On a failed commit the caller must rollback().
  Result<void> begin(Guard guard);
  // In a Guard::kNone batch: an operation failed, and the batch must be rolled back and written
  // again with Guard::kPerOperation (nothing of it was counted as an error yet).
  bool failed_unguarded() const { return unguarded_failure_; }
  Result<void> commit();
  void rollback();

  Result<void> ensure_site(std::string_view name, std::string_view config_hash);
  Result<bool> add_url(const UrlRecord& url, WallTime now);
  Result<std::size_t> add_urls(const std::vector<UrlRecord>& urls, WallTime now);
  Result<void> set_url_state(std::string_view canonical_url, std::string_view state, int attempts,
                             std::string_view error, WallTime now);
  Result<void> log_fetch(const FetchRecord& fetch);
  Result<void> save_source(const SourceRecord& source);
  Result<ItemCounts> record_items(std::string_view site, std::string_view source_url, std::string_view kind,
                                  const std::vector<SeenItem>& items, WallTime now);
  Result<AddedArticle> add_article(const ArticleRecord& article, WallTime now);

  // The frontier (store/frontier.cc).
  Result<ClaimedBatch> claim_due(WallTime due_by, std::size_t limit, std::size_t per_host, WallTime now);
  Result<void> retry_later(std::string_view canonical_url, int attempts, WallTime not_before, std::string_view error,
                           WallTime now);
  Result<void> move_source(std::string_view site, std::string_view old_url, std::string_view new_url);
  Result<std::int64_t> recover_frontier(WallTime now);

  // The near-duplicate buckets, which lookups on other connections read too (thread-safe).
  NearBuckets& near_buckets() { return near_; }

  // Counts a failed write and keeps it as the last one; thread-safe to read through errors().
  void note_error(const Error& error);
  WriteErrors errors() const;

 private:
  // Runs `fn` inside SAVEPOINT op; rolls back to it (and notes the error) when fn fails.
  template <class Fn>
  auto atomically(Fn&& fn) -> decltype(fn());

  // The cached statement for `sql` (prepared on first use); reset when handed out.
  Result<Stmt*> stmt(const char* sql);
  // Site id by name, inserting the site when unknown.
  Result<std::int64_t> site_id(std::string_view name);
  Result<bool> insert_url(const UrlRecord& url, WallTime now);  // add_url without its savepoint
  Result<std::int64_t> upsert_done_url(std::int64_t site, const ArticleRecord& article, std::string_view canonical,
                                       WallTime now);
  Result<void> prune_fetch_log();
  // Dedupe (store/dedupe.cc): where an article's text belongs, decided inside add_article's step.
  struct Placement {
    std::optional<std::int64_t> duplicate_of;
    std::string kind;            // kDuplicateExact, kDuplicateNear or ""
    std::int64_t story_id = 0;
    bool own_story = false;      // a new article starting a story: story_id is the id it is inserted with
    int distance = 0;            // near copies: NearMatch::distance, overlap
    double overlap = 0;
    bool exact_copy = false;     // the text is already stored: it needs no near-duplicate index
  };
  struct StoredArticle {
    std::int64_t id = 0;
    std::string content_hash;
    Placement place;
    int revisions = 0;
  };
  Result<std::optional<StoredArticle>> stored_article(std::string_view canonical);
  // Links `article` (new, or a stored one whose text changed: then its earlier text is kept as a
  // revision) and fills the dedupe fields of `added`.
  Result<Placement> place_article(const ArticleRecord& article, const std::optional<StoredArticle>& stored,
                                  WallTime now, AddedArticle& added);
  // After the row is written: the near-duplicate index of a new text.
  Result<void> placed(const ArticleRecord& article, const Placement& place, AddedArticle& added);
  // The stored text `article` copies: exact (content_hash) first, else near. `exclude`: itself.
  Result<std::optional<Placement>> copy_of(const ArticleRecord& article, std::int64_t exclude);
  Result<void> merge_stories(std::int64_t keep, std::int64_t drop);
  // store/revisions.cc: the stored text of article `id` becomes revision `revision`.
  Result<void> keep_revision(std::int64_t id, int revision, WallTime now);
  // claim_due's passes: the ids to claim, oldest due first (frontier.cc).
  struct Candidate;
  Result<bool> due_in_order(WallTime due_by, std::size_t limit, std::size_t per_host, std::vector<Candidate>& out);
  Result<void> due_by_host(WallTime due_by, std::size_t limit, std::size_t per_host, std::vector<Candidate>& out);
  Result<void> claim_rows(const std::vector<Candidate>& picked, WallTime now, std::vector<DueUrl>& out);
  Result<void> frontier_figures(ClaimedBatch& batch);

  SqliteDb db_;
  WriterLimits limits_;
  StmtCache stmts_;                                    // the write connection's (static SQL only)
  NearBuckets near_;                                   // shared with the read side (near_buckets.h)
  BandBuffer pending_bands_;                           // the batch's buckets, into near_ once committed
  std::unordered_map<std::string, std::int64_t> site_ids_;
  std::int64_t fetch_logs_since_prune_ = 0;
  Guard guard_ = Guard::kPerOperation;
  bool unguarded_failure_ = false;
  bool batch_lost_ = false;  // SQLite rolled the whole transaction back (disk full, I/O error)
  std::optional<Error> lost_because_;

  mutable std::mutex errors_mu_;
  WriteErrors errors_;
};

inline constexpr const char* kSavepointSql = "SAVEPOINT op";
inline constexpr const char* kReleaseSql = "RELEASE op";
inline constexpr const char* kRollbackToSql = "ROLLBACK TO op";

template <class Fn>
auto Writer::atomically(Fn&& fn) -> decltype(fn()) {
  using R = decltype(fn());
  auto fail_op = [&](Error error) -> R {
    note_error(error);
    return tl::make_unexpected(std::move(error));
  };
  if (batch_lost_) return fail_op(*lost_because_);
  if (guard_ == Guard::kNone) {
    if (unguarded_failure_) return fail(Errc::kInternal, "store: skipped, the batch is written again");
    R result = fn();
    if (!result) unguarded_failure_ = true;
    return result;
  }
  pending_bands_.begin_op();
  if (auto s = stmt(kSavepointSql); !s) {
    return fail_op(std::move(s.error()));
  } else if (auto r = (*s)->run(); !r) {
    return fail_op(std::move(r.error()));
  }
  R result = fn();
  const char* end = kReleaseSql;
  if (!result) {
    if (sqlite3_get_autocommit(db_.get()) != 0) {
      // SQLite already rolled back the whole batch; the rest of it fails too.
      batch_lost_ = true;
      lost_because_ = result.error();
      site_ids_.clear();
      pending_bands_.clear();
      note_error(result.error());
      return result;
    }
    if (auto s = stmt(kRollbackToSql); s) (void)(*s)->run();
    pending_bands_.abort_op();
    site_ids_.clear();  // the op may have inserted a site that is now undone
    note_error(result.error());
  }
  if (auto s = stmt(end); !s) {
    return fail_op(std::move(s.error()));
  } else if (auto r = (*s)->run(); !r) {
    return fail_op(std::move(r.error()));
  }
  return result;
}

}  // namespace akhbar::store
