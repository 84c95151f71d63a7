// store/near_index.h: the near-duplicate index in SQLite (internal to store/; tables from
// the stories migration in store/migrations.cc, docs/dedupe.md).
//
// An indexable article has a row in article_fingerprints (its shingle and number hashes, for
// verification) and one row per band, keyed (band key, article id), in one of two tables: a new
// article's go to article_bands_recent, a small B-tree, and settle_bands() moves them on to
// article_bands, the large one, a slice of the key space per batch in key order, sweeping the whole
// space once every kSettleSweep articles indexed. Band keys are random: inserted one by one into a
// B-tree larger than a batch, nearly every one dirties a page of its own (written twice in WAL
// mode); the small table stays small and a slice moved in key order fills the pages it touches.
// Finding the copies of a body reads, for each of its kNearBands keys, the newest kBucketRead
// entries of that bucket in each table (range reads on the primary keys), ranks the articles found
// by how many buckets they share with it, and verifies the first kMaxVerified with compare_near()
// on their stored fingerprints. The cost is bounded by those constants, whatever the number of
// stored articles.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>

#include "parsers/dedupe/fingerprint.h"
#include "store/sqlite_handles.h"
#include "store/store.h"

namespace akhbar::store {

// Entries read per bucket. A bucket holds the copies of one story plus, rarely, articles sharing a
// boilerplate line that both of its minima fell on; the newest entries are the likeliest copies.
inline constexpr int kBucketRead = 32;
// Candidates verified per lookup, most shared buckets first.
inline constexpr std::size_t kMaxVerified = 8;

// The stored article `fp` is a near copy of, `exclude` aside (the article itself when its text
// changed; 0 for none). Among the verified candidates, the first stored (lowest id) wins.
// Nothing when `fp` is not indexable.
Result<std::optional<NearHit>> find_near(sqlite3* db, StmtCache& stmts, const parsers::NearFingerprint& fp,
                                         std::int64_t exclude);

// Adds (or replaces) the fingerprint of `article_id` and its buckets. No-op when not indexable.
Result<void> index_near(sqlite3* db, StmtCache& stmts, std::int64_t article_id, const parsers::NearFingerprint& fp);

// Articles indexed per sweep of settle_bands() over the whole key space (StoreOptions): the recent
// table holds about that many articles' bands at most (half of it on average).
inline constexpr std::size_t kSettleSweep = 20'000;

// After `indexed` articles were indexed, moves the recent bands of the next slice of the key space
// (from offset `sweep`, which it advances; 0 starts a sweep) to article_bands, the slice being
// indexed / `sweep_articles` of the space. Where the sweep stands is only a position: losing it (a
// restart) only restarts the sweep.
Result<void> settle_bands(sqlite3* db, StmtCache& stmts, std::uint64_t& sweep, std::size_t indexed,
                          std::size_t sweep_articles = kSettleSweep);

// Removes the fingerprint and buckets of `article_id`, when it has any.
Result<void> unindex_near(sqlite3* db, StmtCache& stmts, std::int64_t article_id);

}  // namespace akhbar::store
