// store/near_buckets.h: the near-duplicate buckets, held in memory (internal to store/).
//
// Every indexed article has one row in article_bands (store/migrations.cc, migration 10): its
// kNearBands bucket keys, appended in the order articles are indexed (`seq`). What a lookup needs
// is the other way round, bucket → articles, and keyed by random values: as a B-tree in SQLite
// that was 8 random pages dirtied per article written and 8 descents per lookup. Here the same
// buckets are sorted arrays of 64-bit entries, the high 32 bits of a bucket key above a 32-bit
// article id: 8 bytes per bucket, 64 per article (64 MB for a million articles), a lookup a few
// binary searches.
//
// The arrays are rebuilt from article_bands (catch_up() reads the rows past the last one it read,
// all of them the first time) and kept up to date by the writer, which adds the rows of each batch
// it commits. Rows another process added are read at the writer's next batch, under the write
// lock. A bucket key cut to 32 bits can mix two buckets: the candidates it brings are verified
// like any other. An article removed from the index (its text changed) leaves stale entries
// behind until the next rebuild; they only bring candidates that fail verification.
//
// Thread-safe: the writer and the read connection's lookups share one instance.
#pragma once
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <shared_mutex>
#include <vector>

#include "store/sqlite_handles.h"
#include "util/result.h"

namespace akhbar::store {

class NearBuckets {
 public:
  // Article ids the index can hold: they are kept in 32 bits.
  static constexpr std::int64_t kMaxArticleId = 0xFFFFFFFFLL;

  struct Row {
    std::uint64_t band = 0;  // the full bucket key (parsers::NearFingerprint::bands)
    std::int64_t article_id = 0;
  };

  // Reads the rows of article_bands with a seq past the last one read, through `db` (inside a
  // transaction of the caller's, or in one of its own) and `stmts`, that connection's statements.
  // With `rebuild`, forgets everything first.
  Result<void> catch_up(sqlite3* db, StmtCache& stmts, bool rebuild = false);

  // The rows of a committed batch, whose article_bands rows end at `last_seq`. Ignored when
  // catch_up() already read that far.
  void add(std::vector<Row>& rows, std::int64_t last_seq);

  // `count` entries no longer count (their article's text changed): rebuild_due() weighs them.
  void note_stale(std::size_t count);
  // Enough of the entries are stale that a rebuild pays.
  bool rebuild_due() const;

  // Appends the newest `limit` article ids (highest first) of the bucket of `band`.
  void ids_of(std::uint64_t band, std::size_t limit, std::vector<std::int64_t>& out) const;

  std::size_t entries() const;
  std::size_t bytes() const;  // memory held by the arrays

 private:
  // Entries: bucket key's high 32 bits << 32 | article id. Two sorted runs: `base_` and the newer
  // `recent_`, merged into it when it has grown past a sixteenth of it (so that adding a batch
  // copies a small array, and the large one moves once in a while).
  void add_sorted(std::vector<std::uint64_t>& entries);
  void index_base();

  mutable std::shared_mutex mu_;
  std::vector<std::uint64_t> base_;
  // Where each value of an entry's top kDirBits starts in base_ (one more at the end): a lookup
  // searches a range of a few dozen entries, not the whole array, and misses the cache twice
  // instead of twenty times.
  static constexpr int kDirBits = 16;
  std::vector<std::uint32_t> dir_;
  std::vector<std::uint64_t> recent_;
  std::int64_t last_seq_ = 0;  // article_bands rows up to this seq are in
  std::size_t stale_ = 0;
};

}  // namespace akhbar::store
