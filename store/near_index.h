// store/near_index.h: finding and indexing near copies (internal to store/; tables from the
// stories migration and migration 10 in store/migrations.cc, docs/dedupe.md).
//
// An indexable article has a row in article_fingerprints (its shingle and number hashes, for
// verification) and one in article_bands (its kNearBands bucket keys), and its buckets are in
// NearBuckets (near_buckets.h), in memory. Finding the copies of a body takes, for each of its
// buckets, the newest kBucketRead articles, ranks them by how many buckets they share with it,
// and verifies the first kMaxVerified with compare_near() on their stored fingerprints. The cost
// is bounded by those constants, whatever the number of stored articles.
//
// The writer's batch adds its buckets to NearBuckets only once it has committed: until then they
// wait in a BandBuffer, which the writer's own lookups read too, so two copies in one batch still
// find each other, and a batch rolled back leaves nothing behind.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "store/near_buckets.h"
#include "store/sqlite_handles.h"
#include "store/store.h"

namespace akhbar::store {

// Entries read per bucket. A bucket holds the copies of one story plus, rarely, articles sharing a
// boilerplate line that both of its minima fell on; the newest entries are the likeliest copies.
inline constexpr int kBucketRead = 32;
// Candidates verified per lookup, most shared buckets first.
inline constexpr std::size_t kMaxVerified = 8;

// The buckets of the articles indexed by the batch being written (the writer's only).
class BandBuffer {
 public:
  // `seq`: the article's article_bands row.
  void add(std::int64_t article_id, const parsers::NearFingerprint& fp, std::int64_t seq);
  // The article's buckets are void (its text changed again within the batch); `stale` of its
  // entries already in NearBuckets no longer count.
  void drop(std::int64_t article_id, std::size_t stale);
  // An operation's changes can be undone: begin_op() before it, abort_op() when it failed.
  void begin_op();
  void abort_op();
  // Appends the ids the buffer holds under `band`.
  void ids_of(std::uint64_t band, std::vector<std::int64_t>& out) const;
  // After the batch committed: every live bucket goes into `into`, then the buffer is emptied.
  void commit_to(NearBuckets& into);
  void clear();
  std::size_t size() const { return rows_.size(); }

 private:
  struct Row {
    std::uint64_t band = 0;
    std::int64_t article_id = 0;
    int generation = 0;  // live while it is the article's current generation
  };
  int generation_of(std::int64_t article_id) const;

  std::vector<Row> rows_;                              // in arrival order
  std::unordered_multimap<std::uint64_t, std::size_t> by_band_;  // band key → index in rows_
  std::unordered_map<std::int64_t, int> generations_;  // articles dropped in the batch (rare)
  std::int64_t last_seq_ = 0;                          // the batch's last article_bands row
  std::size_t stale_ = 0;
  std::size_t op_rows_ = 0;                            // rows_.size() at begin_op()
  std::int64_t op_last_seq_ = 0;                       // last_seq_ at begin_op()
  std::size_t op_stale_ = 0;                           // stale_ at begin_op()
  std::vector<std::pair<std::int64_t, int>> op_undo_;  // generations as they were before the op
};

// The stored article `fp` is a near copy of, `exclude` aside (the article itself when its text
// changed; 0 for none). Among the verified candidates, the first stored (lowest id) wins.
// Nothing when `fp` is not indexable. `pending`: the writer's buckets not committed yet.
// Fingerprints are read through `db`.
Result<std::optional<NearHit>> find_near(sqlite3* db, StmtCache& stmts, const NearBuckets& buckets,
                                         const parsers::NearFingerprint& fp, std::int64_t exclude,
                                         const BandBuffer* pending = nullptr);

// Adds (or replaces) the fingerprint of `article_id` and its article_bands row, and its buckets to
// `pending`. No-op when not indexable.
Result<void> index_near(sqlite3* db, StmtCache& stmts, BandBuffer& pending, std::int64_t article_id,
                        const parsers::NearFingerprint& fp);

// Removes the fingerprint and buckets of `article_id`, when it has any (from `pending` too).
Result<void> unindex_near(sqlite3* db, StmtCache& stmts, BandBuffer& pending, std::int64_t article_id);

}  // namespace akhbar::store
