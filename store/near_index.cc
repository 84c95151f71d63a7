#include "store/near_index.h"

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "parsers/dedupe/near_match.h"

namespace akhbar::store {
namespace {

constexpr const char* kBucket =
    "SELECT article_id FROM article_bands WHERE band = ?1 ORDER BY article_id DESC LIMIT ?2";
constexpr const char* kLoadFingerprint =
    "SELECT simhash, shingles, numbers FROM article_fingerprints WHERE article_id = ?1";
constexpr const char* kStoryOf = "SELECT story_id FROM articles WHERE id = ?1";
constexpr const char* kSaveFingerprint =
    "INSERT OR REPLACE INTO article_fingerprints(article_id, simhash, shingles, numbers, bands) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kAddBand = "INSERT OR IGNORE INTO article_bands(band, article_id) VALUES (?1, ?2)";
constexpr const char* kLoadBands = "SELECT bands FROM article_fingerprints WHERE article_id = ?1";
constexpr const char* kDropBand = "DELETE FROM article_bands WHERE band = ?1 AND article_id = ?2";
constexpr const char* kDropFingerprint = "DELETE FROM article_fingerprints WHERE article_id = ?1";

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

struct Candidate {
  std::int64_t id = 0;
  int shared = 0;  // buckets in common
};

}  // namespace

Result<std::optional<NearHit>> find_near(sqlite3* db, StmtCache& stmts, const parsers::NearFingerprint& fp,
                                         std::int64_t exclude, const BandBuffer* pending) {
  if (!fp.indexable()) return std::optional<NearHit>();
  std::vector<Candidate> found;
  auto bucket = stmts.get(db, kBucket);
  if (!bucket) return pass(bucket);
  Stmt& q = **bucket;
  std::vector<std::int64_t> ids;
  for (std::uint64_t band : fp.bands) {
    ids.clear();
    q.bind(1, as_key(band)).bind(2, std::int64_t{kBucketRead});
    for (;;) {
      auto row = q.step();
      if (!row) return pass(row);
      if (!*row) break;
      ids.push_back(q.int64(0));
    }
    q.reset();
    if (pending != nullptr) {
      // The batch's own rows are its newest: the bucket's newest kBucketRead entries overall.
      const std::size_t stored = ids.size();
      pending->ids_of(band, ids);
      if (ids.size() > stored) {
        std::sort(ids.begin(), ids.end(), std::greater<>());
        if (ids.size() > static_cast<std::size_t>(kBucketRead)) ids.resize(kBucketRead);
      }
    }
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

Result<void> index_near(sqlite3* db, StmtCache& stmts, BandBuffer& pending, std::int64_t article_id,
                        const parsers::NearFingerprint& fp) {
  if (!fp.indexable()) return {};
  auto save = stmts.get(db, kSaveFingerprint);
  if (!save) return pass(save);
  (*save)->bind(1, article_id).bind(2, static_cast<std::int64_t>(fp.simhash));
  (*save)->bind_blob(3, encode(fp.shingles.data(), fp.shingles.size()));
  (*save)->bind_blob(4, encode(fp.numbers.data(), fp.numbers.size()));
  (*save)->bind_blob(5, encode(fp.bands.data(), fp.bands.size()));
  if (auto r = (*save)->run(); !r) return r;
  pending.add(article_id, fp);
  return {};
}

Result<void> unindex_near(sqlite3* db, StmtCache& stmts, BandBuffer& pending, std::int64_t article_id) {
  pending.drop(article_id);
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
  auto drop = stmts.get(db, kDropBand);
  if (!drop) return pass(drop);
  for (std::uint64_t band : bands) {
    (*drop)->bind(1, as_key(band)).bind(2, article_id);
    if (auto r = (*drop)->run(); !r) return r;
  }
  auto forget = stmts.get(db, kDropFingerprint);
  if (!forget) return pass(forget);
  (*forget)->bind(1, article_id);
  return (*forget)->run();
}

void BandBuffer::add(std::int64_t article_id, const parsers::NearFingerprint& fp) {
  const int generation = generation_of(article_id);
  for (std::uint64_t band : fp.bands) {
    by_band_.emplace(as_key(band), rows_.size());
    rows_.push_back({as_key(band), article_id, generation});
  }
}

int BandBuffer::generation_of(std::int64_t article_id) const {
  auto it = generations_.find(article_id);
  return it == generations_.end() ? 0 : it->second;
}

void BandBuffer::drop(std::int64_t article_id) {
  auto [it, inserted] = generations_.try_emplace(article_id, 0);
  op_undo_.emplace_back(article_id, inserted ? -1 : it->second);  // -1: had none
  ++it->second;
}

void BandBuffer::begin_op() {
  op_rows_ = rows_.size();
  op_undo_.clear();
}

void BandBuffer::abort_op() {
  while (rows_.size() > op_rows_) {
    const Row& row = rows_.back();
    auto [first, last] = by_band_.equal_range(row.band);
    for (auto it = first; it != last; ++it) {
      if (it->second == rows_.size() - 1) {
        by_band_.erase(it);
        break;
      }
    }
    rows_.pop_back();
  }
  for (auto it = op_undo_.rbegin(); it != op_undo_.rend(); ++it) {
    if (it->second < 0) {
      generations_.erase(it->first);
    } else {
      generations_[it->first] = it->second;
    }
  }
  op_undo_.clear();
}

void BandBuffer::ids_of(std::uint64_t band, std::vector<std::int64_t>& out) const {
  auto [first, last] = by_band_.equal_range(as_key(band));
  for (auto it = first; it != last; ++it) {
    const Row& row = rows_[it->second];
    if (row.generation == generation_of(row.article_id)) out.push_back(row.article_id);
  }
}

Result<void> BandBuffer::flush(sqlite3* db, StmtCache& stmts) {
  std::sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
    return a.band != b.band ? a.band < b.band : a.article_id < b.article_id;
  });
  auto add = stmts.get(db, kAddBand);
  if (!add) return pass(add);
  for (const Row& row : rows_) {
    if (row.generation != generation_of(row.article_id)) continue;
    (*add)->bind(1, row.band).bind(2, row.article_id);
    if (auto r = (*add)->run(); !r) return r;
  }
  clear();
  return {};
}

void BandBuffer::clear() {
  rows_.clear();
  by_band_.clear();
  generations_.clear();
  op_rows_ = 0;
  op_undo_.clear();
}

}  // namespace akhbar::store
