#include "store/near_index.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "parsers/dedupe/near_match.h"

namespace akhbar::store {
namespace {

constexpr const char* kBucket =
    "SELECT article_id FROM article_bands WHERE band = ?1 ORDER BY article_id DESC LIMIT ?2";
constexpr const char* kRecentBucket =
    "SELECT article_id FROM article_bands_recent WHERE band = ?1 ORDER BY article_id DESC LIMIT ?2";
constexpr const char* kLoadFingerprint =
    "SELECT simhash, shingles, numbers FROM article_fingerprints WHERE article_id = ?1";
constexpr const char* kStoryOf = "SELECT story_id FROM articles WHERE id = ?1";
constexpr const char* kSaveFingerprint =
    "INSERT OR REPLACE INTO article_fingerprints(article_id, simhash, shingles, numbers, bands) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kAddBand = "INSERT OR IGNORE INTO article_bands_recent(band, article_id) VALUES (?1, ?2)";
constexpr const char* kLoadBands = "SELECT bands FROM article_fingerprints WHERE article_id = ?1";
constexpr const char* kDropBand = "DELETE FROM article_bands WHERE band = ?1 AND article_id = ?2";
constexpr const char* kDropRecentBand = "DELETE FROM article_bands_recent WHERE band = ?1 AND article_id = ?2";
// One slice of the key space moves from the recent table to the settled one, in key order.
constexpr const char* kSettle =
    "INSERT OR IGNORE INTO article_bands(band, article_id) "
    "SELECT band, article_id FROM article_bands_recent WHERE band BETWEEN ?1 AND ?2 ORDER BY band, article_id";
constexpr const char* kForgetSettled = "DELETE FROM article_bands_recent WHERE band BETWEEN ?1 AND ?2";
constexpr const char* kDropFingerprint = "DELETE FROM article_fingerprints WHERE article_id = ?1";

template <class T>
tl::unexpected<Error> pass(Result<T>& r) {
  return tl::make_unexpected(std::move(r.error()));
}

// Blobs are little-endian arrays of fixed-width unsigned integers, whatever the host.
template <class T>
std::string encode(const T* values, std::size_t n) {
  std::string out(n * sizeof(T), '\0');
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t b = 0; b < sizeof(T); ++b) {
      out[i * sizeof(T) + b] = static_cast<char>((values[i] >> (8 * b)) & 0xFF);
    }
  }
  return out;
}

template <class T>
std::vector<T> decode(std::string_view bytes) {
  std::vector<T> out(bytes.size() / sizeof(T));
  for (std::size_t i = 0; i < out.size(); ++i) {
    T v = 0;
    for (std::size_t b = 0; b < sizeof(T); ++b) {
      v |= static_cast<T>(static_cast<unsigned char>(bytes[i * sizeof(T) + b])) << (8 * b);
    }
    out[i] = v;
  }
  return out;
}

// SQLite integers are signed; a band key keeps its 64 bits.
std::int64_t as_key(std::uint64_t band) { return static_cast<std::int64_t>(band); }

// The key at `offset` of the key space walked in SQLite's (signed) order: 0 is INT64_MIN.
std::int64_t key_at(std::uint64_t offset) { return static_cast<std::int64_t>(offset ^ (std::uint64_t{1} << 63)); }

// Appends to `ids` the newest `limit` article ids of one bucket of one table.
Result<void> read_bucket(sqlite3* db, StmtCache& stmts, const char* sql, std::uint64_t band, std::vector<std::int64_t>& ids) {
  auto bucket = stmts.get(db, sql);
  if (!bucket) return pass(bucket);
  Stmt& q = **bucket;
  q.bind(1, as_key(band)).bind(2, std::int64_t{kBucketRead});
  for (;;) {
    auto row = q.step();
    if (!row) return pass(row);
    if (!*row) break;
    ids.push_back(q.int64(0));
  }
  q.reset();
  return {};
}

struct Candidate {
  std::int64_t id = 0;
  int shared = 0;  // buckets in common
};

}  // namespace

Result<std::optional<NearHit>> find_near(sqlite3* db, StmtCache& stmts, const parsers::NearFingerprint& fp,
                                         std::int64_t exclude) {
  if (!fp.indexable()) return std::optional<NearHit>();
  std::vector<Candidate> found;
  std::vector<std::int64_t> ids;
  for (std::uint64_t band : fp.bands) {
    // The bucket is split between the two tables: its newest kBucketRead entries overall.
    ids.clear();
    if (auto r = read_bucket(db, stmts, kRecentBucket, band, ids); !r) return pass(r);
    if (auto r = read_bucket(db, stmts, kBucket, band, ids); !r) return pass(r);
    std::sort(ids.begin(), ids.end(), std::greater<>());
    if (ids.size() > static_cast<std::size_t>(kBucketRead)) ids.resize(kBucketRead);
    for (const std::int64_t id : ids) {
      if (id == exclude) continue;
      auto it = std::find_if(found.begin(), found.end(), [&](const Candidate& c) { return c.id == id; });
      if (it == found.end()) {
        found.push_back({id, 1});
      } else {
        ++it->shared;
      }
    }
  }
  if (found.empty()) return std::optional<NearHit>();
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return a.shared != b.shared ? a.shared > b.shared : a.id < b.id;
  });
  if (found.size() > kMaxVerified) found.resize(kMaxVerified);

  std::optional<NearHit> best;
  auto load = stmts.get(db, kLoadFingerprint);
  if (!load) return pass(load);
  Stmt& l = **load;
  for (const Candidate& c : found) {
    if (best && c.id > best->id) continue;
    l.bind(1, c.id);
    auto row = l.step();
    if (!row) return pass(row);
    if (!*row) {
      l.reset();
      continue;
    }
    parsers::NearFingerprint other;
    other.simhash = static_cast<std::uint64_t>(l.int64(0));
    other.shingles = decode<std::uint32_t>(l.blob(1));
    other.numbers = decode<std::uint32_t>(l.blob(2));
    l.reset();
    const auto m = parsers::compare_near(fp, other);
    if (m.similar) best = NearHit{c.id, 0, m.distance, m.overlap};
  }
  if (!best) return best;
  auto story = stmts.get(db, kStoryOf);
  if (!story) return pass(story);
  (*story)->bind(1, best->id);
  auto row = (*story)->step();
  if (!row) return pass(row);
  best->story_id = *row ? (*story)->opt_int64(0).value_or(best->id) : best->id;
  (*story)->reset();
  return best;
}

Result<void> index_near(sqlite3* db, StmtCache& stmts, std::int64_t article_id, const parsers::NearFingerprint& fp) {
  if (!fp.indexable()) return {};
  auto save = stmts.get(db, kSaveFingerprint);
  if (!save) return pass(save);
  (*save)->bind(1, article_id).bind(2, static_cast<std::int64_t>(fp.simhash));
  (*save)->bind_blob(3, encode(fp.shingles.data(), fp.shingles.size()));
  (*save)->bind_blob(4, encode(fp.numbers.data(), fp.numbers.size()));
  (*save)->bind_blob(5, encode(fp.bands.data(), fp.bands.size()));
  if (auto r = (*save)->run(); !r) return r;
  auto add = stmts.get(db, kAddBand);
  if (!add) return pass(add);
  for (std::uint64_t band : fp.bands) {
    (*add)->bind(1, as_key(band)).bind(2, article_id);
    if (auto r = (*add)->run(); !r) return r;
  }
  return {};
}

Result<void> unindex_near(sqlite3* db, StmtCache& stmts, std::int64_t article_id) {
  auto load = stmts.get(db, kLoadBands);
  if (!load) return pass(load);
  (*load)->bind(1, article_id);
  auto row = (*load)->step();
  if (!row) return pass(row);
  if (!*row) {
    (*load)->reset();
    return {};
  }
  const auto bands = decode<std::uint64_t>((*load)->blob(0));
  (*load)->reset();
  for (const char* sql : {kDropRecentBand, kDropBand}) {
    auto drop = stmts.get(db, sql);
    if (!drop) return pass(drop);
    for (std::uint64_t band : bands) {
      (*drop)->bind(1, as_key(band)).bind(2, article_id);
      if (auto r = (*drop)->run(); !r) return r;
    }
  }
  auto forget = stmts.get(db, kDropFingerprint);
  if (!forget) return pass(forget);
  (*forget)->bind(1, article_id);
  return (*forget)->run();
}

Result<void> settle_bands(sqlite3* db, StmtCache& stmts, std::uint64_t& sweep, std::size_t indexed,
                          std::size_t sweep_articles) {
  if (indexed == 0) return {};
  constexpr std::uint64_t kEnd = std::numeric_limits<std::uint64_t>::max();
  sweep_articles = std::max<std::size_t>(sweep_articles, 1);
  const std::uint64_t span =
      indexed >= sweep_articles ? kEnd : (kEnd / sweep_articles) * static_cast<std::uint64_t>(indexed);
  const std::uint64_t last = span >= kEnd - sweep ? kEnd : sweep + span;  // the slice ends at the key space's end
  for (const char* sql : {kSettle, kForgetSettled}) {
    auto q = stmts.get(db, sql);
    if (!q) return pass(q);
    (*q)->bind(1, key_at(sweep)).bind(2, key_at(last));
    if (auto r = (*q)->run(); !r) return r;
  }
  sweep = last == kEnd ? 0 : last + 1;
  return {};
}

}  // namespace akhbar::store
