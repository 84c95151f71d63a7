#include "store/near_index.h"

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "parsers/dedupe/near_match.h"
#include "store/blob_arrays.h"

namespace akhbar::store {
namespace {

constexpr const char* kLoadFingerprint =
    "SELECT simhash, shingles, numbers FROM article_fingerprints WHERE article_id = ?1";
constexpr const char* kStoryOf = "SELECT story_id FROM articles WHERE id = ?1";
constexpr const char* kSaveFingerprint =
    "INSERT OR REPLACE INTO article_fingerprints(article_id, simhash, shingles, numbers) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kAddBands = "INSERT INTO article_bands(article_id, bands) VALUES (?1, ?2)";
constexpr const char* kDropBands = "DELETE FROM article_bands WHERE article_id = ?1";
constexpr const char* kDropFingerprint = "DELETE FROM article_fingerprints WHERE article_id = ?1";

struct Candidate {
  std::int64_t id = 0;
  int shared = 0;  // buckets in common
};

}  // namespace

Result<std::optional<NearHit>> find_near(sqlite3* db, StmtCache& stmts, const NearBuckets& buckets,
                                         const parsers::NearFingerprint& fp, std::int64_t exclude,
                                         const BandBuffer* pending) {
  if (!fp.indexable()) return std::optional<NearHit>();
  std::vector<Candidate> found;
  std::vector<std::int64_t> ids;
  for (std::uint64_t band : fp.bands) {
    ids.clear();
    buckets.ids_of(band, kBucketRead, ids);
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
  // The answer is the first stored of those that pass: verified oldest first, the first that passes
  // ends the search (each verification reads a fingerprint from the store).
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) { return a.id < b.id; });

  std::optional<NearHit> best;
  auto load = stmts.get(db, kLoadFingerprint);
  if (!load) return pass(load);
  Stmt& l = **load;
  for (const Candidate& c : found) {
    l.bind(1, c.id);
    auto row = l.step();
    if (!row) return pass(row);
    if (!*row) {
      l.reset();
      continue;
    }
    parsers::NearFingerprint other;
    other.simhash = static_cast<std::uint64_t>(l.int64(0));
    decode_array(l.blob(1), other.shingles);
    decode_array(l.blob(2), other.numbers);
    l.reset();
    const auto m = parsers::compare_near(fp, other);
    if (m.similar) {
      best = NearHit{c.id, 0, m.distance, m.overlap};
      break;
    }
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
  if (article_id > NearBuckets::kMaxArticleId) {
    return fail(Errc::kResourceExhausted, "store: article id " + std::to_string(article_id) +
                                              " is past what the near-duplicate index holds");
  }
  auto save = stmts.get(db, kSaveFingerprint);
  if (!save) return pass(save);
  (*save)->bind(1, article_id).bind(2, static_cast<std::int64_t>(fp.simhash));
  (*save)->bind_blob(3, encode_array(fp.shingles.data(), fp.shingles.size()));
  (*save)->bind_blob(4, encode_array(fp.numbers.data(), fp.numbers.size()));
  if (auto r = (*save)->run(); !r) return r;
  auto bands = stmts.get(db, kAddBands);
  if (!bands) return pass(bands);
  (*bands)->bind(1, article_id).bind_blob(2, encode_array(fp.bands.data(), fp.bands.size()));
  if (auto r = (*bands)->run(); !r) return r;
  pending.add(article_id, fp, sqlite3_last_insert_rowid(db));
  return {};
}

Result<void> unindex_near(sqlite3* db, StmtCache& stmts, BandBuffer& pending, std::int64_t article_id) {
  auto drop = stmts.get(db, kDropBands);
  if (!drop) return pass(drop);
  (*drop)->bind(1, article_id);
  if (auto r = (*drop)->run(); !r) return r;
  pending.drop(article_id, static_cast<std::size_t>(sqlite3_changes(db)) * parsers::kNearBands);
  auto forget = stmts.get(db, kDropFingerprint);
  if (!forget) return pass(forget);
  (*forget)->bind(1, article_id);
  return (*forget)->run();
}

void BandBuffer::add(std::int64_t article_id, const parsers::NearFingerprint& fp, std::int64_t seq) {
  const int generation = generation_of(article_id);
  for (std::uint64_t band : fp.bands) {
    by_band_.emplace(band, rows_.size());
    rows_.push_back({band, article_id, generation});
  }
  last_seq_ = seq;
}

int BandBuffer::generation_of(std::int64_t article_id) const {
  auto it = generations_.find(article_id);
  return it == generations_.end() ? 0 : it->second;
}

void BandBuffer::drop(std::int64_t article_id, std::size_t stale) {
  stale_ += stale;
  auto [it, inserted] = generations_.try_emplace(article_id, 0);
  op_undo_.emplace_back(article_id, inserted ? -1 : it->second);  // -1: had none
  ++it->second;
}

void BandBuffer::begin_op() {
  op_rows_ = rows_.size();
  op_last_seq_ = last_seq_;
  op_stale_ = stale_;
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
  last_seq_ = op_last_seq_;
  stale_ = op_stale_;
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
  auto [first, last] = by_band_.equal_range(band);
  for (auto it = first; it != last; ++it) {
    const Row& row = rows_[it->second];
    if (row.generation == generation_of(row.article_id)) out.push_back(row.article_id);
  }
}

void BandBuffer::commit_to(NearBuckets& into) {
  std::vector<NearBuckets::Row> live;
  live.reserve(rows_.size());
  for (const Row& row : rows_) {
    if (row.generation == generation_of(row.article_id)) live.push_back({row.band, row.article_id});
  }
  if (last_seq_ > 0) into.add(live, last_seq_);
  if (stale_ > 0) into.note_stale(stale_);
  clear();
}

void BandBuffer::clear() {
  rows_.clear();
  last_seq_ = 0;
  stale_ = 0;
  by_band_.clear();
  generations_.clear();
  op_rows_ = 0;
  op_undo_.clear();
}

}  // namespace akhbar::store
