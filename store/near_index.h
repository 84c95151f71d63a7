// store/near_index.h: the near-duplicate index in SQLite (internal to store/; tables from
// the stories migration in store/migrations.cc, docs/dedupe.md).
//
// An indexable article has a row in article_fingerprints (its shingle and number hashes, for
// verification) and one row per band in article_bands, keyed (band key, article id). Finding the
// copies of a body reads, for each of its kNearBands keys, the newest kBucketRead entries of that
// bucket (a range read on the primary key), ranks the articles found by how many buckets they
// share with it, and verifies the first kMaxVerified with compare_near() on their stored
// fingerprints. The cost is bounded by those constants, whatever the number of stored articles.
//
// The writer does not insert an article's band rows one by one: they wait in a BandBuffer until
// the batch commits and go in then, in key order. Band keys are random; inserted in arrival order
// into a B-tree larger than a batch, each row lands on a page of its own, while rows in key order
// walk the tree once. Lookups made by the writer within the batch read the buffer too, so two
// copies in one batch still find each other.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "store/sqlite_handles.h"
#include "store/store.h"

namespace akhbar::store {

// Entries read per bucket. A bucket holds the copies of one story plus, rarely, articles sharing a
// boilerplate line that both of its minima fell on; the newest entries are the likeliest copies.
inline constexpr int kBucketRead = 32;
// Candidates verified per lookup, most shared buckets first.
inline constexpr std::size_t kMaxVerified = 8;

// The band rows of the articles indexed by the batch being written (the writer's only).
class BandBuffer {
 public:
  void add(std::int64_t article_id, const parsers::NearFingerprint& fp);
  // The article's rows are void (its text changed again within the batch).
  void drop(std::int64_t article_id);
  // An operation's changes can be undone: begin_op() before it, abort_op() when it failed.
  void begin_op();
  void abort_op();
  // Appends the ids the buffer holds under `band`.
  void ids_of(std::uint64_t band, std::vector<std::int64_t>& out) const;
  // Inserts every live row into article_bands in key order, then empties the buffer.
  Result<void> flush(sqlite3* db, StmtCache& stmts);
  void clear();
  std::size_t size() const { return rows_.size(); }

 private:
  struct Row {
    std::int64_t band = 0;
    std::int64_t article_id = 0;
    int generation = 0;  // live while it is the article's current generation
  };
  int generation_of(std::int64_t article_id) const;

  std::vector<Row> rows_;                              // in arrival order
  std::unordered_multimap<std::int64_t, std::size_t> by_band_;  // band key → index in rows_
  std::unordered_map<std::int64_t, int> generations_;  // articles dropped in the batch (rare)
  std::size_t op_rows_ = 0;                            // rows_.size() at begin_op()
  std::vector<std::pair<std::int64_t, int>> op_undo_;  // generations as they were before the op
};

// The stored article `fp` is a near copy of, `exclude` aside (the article itself when its text
// changed; 0 for none). Among the verified candidates, the first stored (lowest id) wins.
// Nothing when `fp` is not indexable. `pending`: the writer's rows not inserted yet.
Result<std::optional<NearHit>> find_near(sqlite3* db, StmtCache& stmts, const parsers::NearFingerprint& fp,
                                         std::int64_t exclude, const BandBuffer* pending = nullptr);

// Adds (or replaces) the fingerprint of `article_id`, and its buckets to `pending`. No-op when not
// indexable.
Result<void> index_near(sqlite3* db, StmtCache& stmts, BandBuffer& pending, std::int64_t article_id,
                        const parsers::NearFingerprint& fp);

// Removes the fingerprint and buckets of `article_id`, when it has any (from `pending` too).
Result<void> unindex_near(sqlite3* db, StmtCache& stmts, BandBuffer& pending, std::int64_t article_id);

}  // namespace akhbar::store
