#include "store/near_buckets.h"

#include <algorithm>
#include <mutex>
#include <string>

#include "parsers/dedupe/fingerprint.h"
#include "store/blob_arrays.h"
#include "store/sqlite_handles.h"

namespace akhbar::store {
namespace {

constexpr const char* kRowsSince = "SELECT seq, article_id, bands FROM article_bands WHERE seq > ?1 ORDER BY seq";
constexpr const char* kLastSeq = "SELECT COALESCE(MAX(seq), 0) FROM article_bands";
// recent_ stays under this many entries, or a sixteenth of base_ when that is more.
constexpr std::size_t kRecentMin = std::size_t{1} << 16;

std::uint64_t entry(std::uint64_t band, std::int64_t article_id) {
  return (band & 0xFFFFFFFF00000000ULL) | static_cast<std::uint64_t>(article_id);
}

// Merges sorted `from` into sorted `into`, from the back: no buffer beyond `into`'s own growth.
void merge_into(std::vector<std::uint64_t>& into, const std::vector<std::uint64_t>& from) {
  std::size_t i = into.size();
  std::size_t j = from.size();
  std::size_t k = i + j;
  if (into.capacity() < k) into.reserve(std::max(k, into.capacity() + into.capacity() / 2));
  into.resize(k);
  while (j > 0) {
    if (i > 0 && into[i - 1] > from[j - 1]) {
      into[--k] = into[--i];
    } else {
      into[--k] = from[--j];
    }
  }
}

using Run = std::vector<std::uint64_t>::const_iterator;

// Appends the ids of the newest `limit` entries of the sorted range [first, last) in [lo, hi],
// highest first.
void take(Run first, Run last, std::uint64_t lo, std::uint64_t hi, std::size_t limit, std::vector<std::int64_t>& out) {
  auto end = std::upper_bound(first, last, hi);
  auto begin = std::lower_bound(first, end, lo);
  for (std::size_t n = 0; end != begin && n < limit; ++n) {
    --end;
    out.push_back(static_cast<std::int64_t>(*end & 0xFFFFFFFFULL));
  }
}

}  // namespace

Result<void> NearBuckets::catch_up(sqlite3* db, StmtCache& stmts, bool rebuild) {
  std::unique_lock lock(mu_);
  if (rebuild) {
    base_.clear();
    base_.shrink_to_fit();
    dir_.clear();
    recent_.clear();
    last_seq_ = 0;
    stale_ = 0;
  }
  std::vector<std::uint64_t> fresh;
  if (last_seq_ == 0) {
    // Room for a first load of a large store, so that it does not grow by copies.
    auto ahead = read_int(db, stmts, kLastSeq);
    if (!ahead) return pass(ahead);
    if (*ahead > 0) fresh.reserve(static_cast<std::size_t>(*ahead) * parsers::kNearBands);
  }
  auto prepared = stmts.get(db, kRowsSince);
  if (!prepared) return pass(prepared);
  Stmt* q = *prepared;
  q->bind(1, last_seq_);
  std::vector<std::uint64_t> bands;
  std::int64_t last = last_seq_;
  for (;;) {
    auto row = q->step();
    if (!row) return pass(row);
    if (!*row) break;
    const std::int64_t article_id = q->int64(1);
    if (article_id < 1 || article_id > kMaxArticleId) {
      return fail(Errc::kDataLoss, "store: article_bands row for article id " + std::to_string(article_id) +
                                       ", outside what the near-duplicate index holds");
    }
    decode_array(q->blob(2), bands);
    for (std::uint64_t band : bands) fresh.push_back(entry(band, article_id));
    last = q->int64(0);
  }
  q->reset();
  if (!fresh.empty()) add_sorted(fresh);
  last_seq_ = last;
  return {};
}

void NearBuckets::add(std::vector<Row>& rows, std::int64_t last_seq) {
  std::unique_lock lock(mu_);
  if (last_seq <= last_seq_) return;
  std::vector<std::uint64_t> fresh;
  fresh.reserve(rows.size());
  for (const Row& row : rows) fresh.push_back(entry(row.band, row.article_id));
  if (!fresh.empty()) add_sorted(fresh);
  last_seq_ = last_seq;
}

void NearBuckets::add_sorted(std::vector<std::uint64_t>& entries) {
  std::sort(entries.begin(), entries.end());
  if (base_.empty()) {
    base_.swap(entries);
    index_base();
    return;
  }
  merge_into(recent_, entries);
  if (recent_.size() > std::max(kRecentMin, base_.size() / 16)) {
    merge_into(base_, recent_);
    recent_.clear();
    index_base();
  }
}

void NearBuckets::index_base() {
  dir_.assign((std::size_t{1} << kDirBits) + 1, 0);
  std::size_t at = 0;
  for (std::size_t prefix = 0; prefix < (std::size_t{1} << kDirBits); ++prefix) {
    dir_[prefix] = static_cast<std::uint32_t>(at);
    while (at < base_.size() && (base_[at] >> (64 - kDirBits)) == prefix) ++at;
  }
  dir_.back() = static_cast<std::uint32_t>(at);
}

void NearBuckets::note_stale(std::size_t count) {
  std::unique_lock lock(mu_);
  stale_ += count;
}

bool NearBuckets::rebuild_due() const {
  std::shared_lock lock(mu_);
  return stale_ > std::max(kRecentMin, (base_.size() + recent_.size()) / 8);
}

void NearBuckets::ids_of(std::uint64_t band, std::size_t limit, std::vector<std::int64_t>& out) const {
  const std::uint64_t lo = band & 0xFFFFFFFF00000000ULL;
  const std::uint64_t hi = lo | 0xFFFFFFFFULL;
  const std::size_t first = out.size();
  std::shared_lock lock(mu_);
  take(recent_.begin(), recent_.end(), lo, hi, limit, out);
  if (!base_.empty()) {
    const std::size_t prefix = lo >> (64 - kDirBits);
    take(base_.begin() + dir_[prefix], base_.begin() + dir_[prefix + 1], lo, hi, limit, out);
  }
  lock.unlock();
  // Both runs' newest: the bucket's newest `limit`, each once.
  auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
  std::sort(begin, out.end(), std::greater<>());
  out.erase(std::unique(begin, out.end()), out.end());
  if (out.size() - first > limit) out.resize(first + limit);
}

std::size_t NearBuckets::entries() const {
  std::shared_lock lock(mu_);
  return base_.size() + recent_.size();
}

std::size_t NearBuckets::bytes() const {
  std::shared_lock lock(mu_);
  return (base_.capacity() + recent_.capacity()) * sizeof(std::uint64_t) + dir_.capacity() * sizeof(std::uint32_t);
}

}  // namespace akhbar::store
