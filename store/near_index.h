// store/near_index.h: the near-duplicate index in SQLite (internal to store/; tables from
// the stories migration in store/migrations.cc, docs/dedupe.md).
//
// An indexable article has a row in article_fingerprints (its shingle and number hashes, for
// verification) and one row per band in article_bands, keyed (band key, article id). Finding the
// copies of a body reads, for each of its kNearBands keys, the newest kBucketRead entries of that
// bucket (a range read on the primary key), ranks the articles found by how many buckets they
// share with it, and verifies the first kMaxVerified with compare_near() on their stored
// fingerprints. The cost is bounded by those constants, whatever the number of stored articles.
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

// Removes the fingerprint and buckets of `article_id`, when it has any.
Result<void> unindex_near(sqlite3* db, StmtCache& stmts, std::int64_t article_id);

}  // namespace akhbar::store
