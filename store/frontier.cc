// store/frontier.cc: the durable frontier on the writer connection (claim_due, retry_later,
// move_source, recover_frontier). Nothing here is cached per URL: a claim reads at most a bounded
// number of rows and keeps at most `limit` candidates, whatever the size of the queue.
//
// claim_due picks, among the queued URLs due by `due_by`, each host's `per_host` oldest, then the
// `limit` oldest of those (ties: host, then id). Two passes compute that same answer:
// 1. Due order, over urls_due (next_attempt_at, host, id; queued rows only), skipping the rows
//    of hosts that already have per_host: exact as soon as `limit` rows are picked or the due
//    rows run out, O(rows read · log n). It stops after a budget of rows, because one host with
//    a large backlog (a sitemap imported at once) would otherwise make every claim read it all.
// 2. Host by host, over urls_host_due (host, next_attempt_at, id; queued rows only): the
//    distinct hosts with queued URLs are walked with one seek each (`host > previous ORDER BY
//    host LIMIT 1`), each gives its per_host oldest due rows, and a bounded heap keeps the
//    `limit` oldest: O(hosts · log n) time, O(limit) memory.
// The claimed rows are then marked in one UPDATE (ids as a JSON array).
#include <algorithm>
#include <optional>
#include <queue>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "store/writer.h"

namespace akhbar::store {
namespace {

constexpr const char* kDueInOrder =
    "SELECT id, host, next_attempt_at FROM urls INDEXED BY urls_due "
    "WHERE state = 'queued' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, host, id";
constexpr const char* kFirstQueuedHost = 
    "SELECT host FROM urls INDEXED BY urls_host_due WHERE state = 'queued' ORDER BY host LIMIT 1";
constexpr const char* kNextQueuedHost =
    "SELECT host FROM urls INDEXED BY urls_host_due WHERE state = 'queued' AND host > ?1 ORDER BY host LIMIT 1";
constexpr const char* kDueOfHost =
    "SELECT id, next_attempt_at FROM urls INDEXED BY urls_host_due "
    "WHERE state = 'queued' AND host = ?1 AND next_attempt_at <= ?2 "
    "ORDER BY next_attempt_at, id LIMIT ?3";
constexpr const char* kClaimRows =
    "UPDATE urls SET state = 'claimed', updated_at = ?2 "
    "WHERE id IN (SELECT value FROM json_each(?1)) AND +state = 'queued' "
    "RETURNING id, site_id, url, canonical_url, host, via, attempts, item_published_at, item_date_kind";
constexpr const char* kSiteName = "SELECT name FROM sites WHERE id = ?1";
constexpr const char* kNextDue = "SELECT MIN(next_attempt_at) FROM urls INDEXED BY urls_due WHERE state = 'queued'";
constexpr const char* kQueuedCount = "SELECT COALESCE(SUM(n), 0) FROM url_state_counts WHERE state = 'queued'";

constexpr const char* kRetryLater =
    "UPDATE urls SET state = 'queued', attempts = ?2, next_attempt_at = ?3, last_error = ?4, updated_at = ?5 "
    "WHERE canonical_url = ?1 AND state <> 'done'";
constexpr const char* kRecover =
    "UPDATE urls INDEXED BY urls_in_flight SET state = 'queued', "
    "next_attempt_at = MIN(COALESCE(next_attempt_at, ?1), ?1), updated_at = ?1 "
    "WHERE state IN ('claimed', 'fetching')";

constexpr const char* kSourceExists =
    "SELECT 1 FROM sources WHERE site_id = (SELECT id FROM sites WHERE name = ?1) AND url = ?2";
constexpr const char* kMoveSource =
    "UPDATE sources SET url = ?3 WHERE site_id = (SELECT id FROM sites WHERE name = ?1) AND url = ?2";
constexpr const char* kDeleteSource =
    "DELETE FROM sources WHERE site_id = (SELECT id FROM sites WHERE name = ?1) AND url = ?2";

// A claim larger than this is cut to it (a window of URLs, not the whole queue).
constexpr std::size_t kMaxClaim = 100'000;

std::int64_t as_int64(std::size_t n) { return static_cast<std::int64_t>(std::min(n, kMaxClaim)); }

}  // namespace

std::vector<std::string_view> claim_queries() {
  return {kDueInOrder, kFirstQueuedHost, kNextQueuedHost, kDueOfHost, kNextDue};
}

struct Writer::Candidate {
  std::int64_t at = 0;  // next_attempt_at, unix ms
  std::string host;
  std::int64_t id = 0;
  bool operator<(const Candidate& o) const { return std::tie(at, host, id) < std::tie(o.at, o.host, o.id); }
};

Result<bool> Writer::due_in_order(WallTime due_by, std::size_t limit, std::size_t per_host,
                                  std::vector<Candidate>& out) {
  auto s = stmt(kDueInOrder);
  if (!s) return pass(s);
  Stmt& q = **s;
  q.bind(1, to_unix_ms(due_by));
  const std::size_t budget = limits_.claim_scan_budget > 0 ? limits_.claim_scan_budget : 4 * limit + 64;
  std::unordered_map<std::string, std::size_t> taken;  // bounded by the budget
  std::size_t read = 0;
  for (;;) {
    if (out.size() >= limit) break;
    if (read >= budget) {
      q.reset();
      out.clear();
      return false;
    }
    auto row = q.step();
    if (!row) {
      q.reset();
      return pass(row);
    }
    if (!*row) break;
    ++read;
    std::string host = q.text(1);
    std::size_t& n = taken[host];
    if (n >= per_host) continue;
    ++n;
    out.push_back(Candidate{q.int64(2), std::move(host), q.int64(0)});
  }
  q.reset();
  return true;
}

Result<void> Writer::due_by_host(WallTime due_by, std::size_t limit, std::size_t per_host,
                                 std::vector<Candidate>& out) {
  std::priority_queue<Candidate> kept;  // the newest kept candidate on top
  std::string host;
  for (bool first = true;; first = false) {
    auto next = stmt(first ? kFirstQueuedHost : kNextQueuedHost);
    if (!next) return pass(next);
    if (!first) (*next)->bind(1, std::string_view(host));
    auto found = (*next)->step();
    if (!found) return pass(found);
    if (!*found) break;
    host = (*next)->text(0);
    (*next)->reset();

    auto s = stmt(kDueOfHost);
    if (!s) return pass(s);
    Stmt& q = **s;
    q.bind(1, std::string_view(host)).bind(2, to_unix_ms(due_by)).bind(3, as_int64(per_host));
    for (;;) {
      auto row = q.step();
      if (!row) return pass(row);
      if (!*row) break;
      Candidate c{q.int64(1), host, q.int64(0)};
      if (kept.size() < limit) {
        kept.push(std::move(c));
      } else if (c < kept.top()) {
        kept.pop();
        kept.push(std::move(c));
      } else {
        break;  // this host's later rows are newer still
      }
    }
    q.reset();
  }
  out.clear();
  out.reserve(kept.size());
  while (!kept.empty()) {
    out.push_back(kept.top());
    kept.pop();
  }
  std::reverse(out.begin(), out.end());
  return {};
}

Result<void> Writer::claim_rows(const std::vector<Candidate>& picked, WallTime now, std::vector<DueUrl>& out) {
  if (picked.empty()) return {};
  // One statement for the whole claim: the ids go in as a JSON array.
  std::string ids = "[";
  std::unordered_map<std::int64_t, std::size_t> order;  // id → position in `picked`
  order.reserve(picked.size());
  for (std::size_t i = 0; i < picked.size(); ++i) {
    if (i > 0) ids += ',';
    ids += std::to_string(picked[i].id);
    order.emplace(picked[i].id, i);
  }
  ids += ']';
  auto s = stmt(kClaimRows);
  if (!s) return pass(s);
  Stmt& q = **s;
  q.bind(1, std::string_view(ids)).bind(2, to_unix_ms(now));
  std::vector<std::optional<DueUrl>> slots(picked.size());
  std::vector<std::int64_t> site_of(picked.size(), 0);
  for (;;) {
    auto row = q.step();
    if (!row) return pass(row);
    if (!*row) break;
    const auto it = order.find(q.int64(0));
    if (it == order.end()) continue;
    DueUrl due;
    due.id = it->first;
    site_of[it->second] = q.int64(1);
    due.url = q.text(2);
    due.canonical_url = q.text(3);
    due.host = q.text(4);
    due.via = q.text(5);
    due.attempts = static_cast<int>(q.int64(6));
    if (auto at = q.opt_int64(7)) {
      due.item_published = from_unix_ms(*at);
      due.item_date_from = q.text(8);
    }
    slots[it->second] = std::move(due);
  }
  q.reset();

  std::unordered_map<std::int64_t, std::string> site_names;  // the sites of this claim
  out.reserve(picked.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (!slots[i]) continue;  // not queued any more (cannot happen inside one transaction)
    auto it = site_names.find(site_of[i]);
    if (it == site_names.end()) {
      auto name = stmt(kSiteName);
      if (!name) return pass(name);
      (*name)->bind(1, site_of[i]);
      auto found = (*name)->step();
      if (!found) return pass(found);
      it = site_names.emplace(site_of[i], *found ? (*name)->text(0) : std::string()).first;
      (*name)->reset();
    }
    slots[i]->site = it->second;
    out.push_back(std::move(*slots[i]));
  }
  return {};
}

Result<void> Writer::frontier_figures(ClaimedBatch& batch) {
  auto next = stmt(kNextDue);
  if (!next) return pass(next);
  auto row = (*next)->step();
  if (!row) return pass(row);
  if (*row) {
    if (auto at = (*next)->opt_int64(0)) batch.next_due_at = from_unix_ms(*at);
  }
  (*next)->reset();
  auto count = stmt(kQueuedCount);
  if (!count) return pass(count);
  auto counted = (*count)->step();
  if (!counted) return pass(counted);
  batch.queued = *counted ? (*count)->int64(0) : 0;
  (*count)->reset();
  return {};
}

Result<ClaimedBatch> Writer::claim_due(WallTime due_by, std::size_t limit, std::size_t per_host, WallTime now) {
  return atomically([&]() -> Result<ClaimedBatch> {
    ClaimedBatch batch;
    limit = std::min(limit, kMaxClaim);
    if (limit > 0 && per_host > 0) {
      std::vector<Candidate> picked;
      auto exact = due_in_order(due_by, limit, per_host, picked);
      if (!exact) return pass(exact);
      if (!*exact) {
        if (auto r = due_by_host(due_by, limit, per_host, picked); !r) return pass(r);
      }
      if (auto r = claim_rows(picked, now, batch.urls); !r) return pass(r);
    }
    if (auto r = frontier_figures(batch); !r) return pass(r);
    return batch;
  });
}

Result<void> Writer::retry_later(std::string_view canonical_url, int attempts, WallTime not_before,
                                 std::string_view error, WallTime now) {
  return atomically([&]() -> Result<void> {
    auto s = stmt(kRetryLater);
    if (!s) return pass(s);
    (*s)->bind(1, canonical_url).bind(2, std::int64_t{attempts}).bind(3, to_unix_ms(not_before));
    (*s)->bind(4, error).bind(5, to_unix_ms(now));
    return (*s)->run();
  });
}

Result<void> Writer::move_source(std::string_view site, std::string_view old_url, std::string_view new_url) {
  return atomically([&]() -> Result<void> {
    if (old_url == new_url) return {};
    auto exists = stmt(kSourceExists);
    if (!exists) return pass(exists);
    (*exists)->bind(1, site).bind(2, new_url);
    auto found = (*exists)->step();
    if (!found) return pass(found);
    const bool target_known = *found;
    (*exists)->reset();
    // The new URL already has its own row (and validators): the old row is simply dropped.
    auto s = stmt(target_known ? kDeleteSource : kMoveSource);
    if (!s) return pass(s);
    (*s)->bind(1, site).bind(2, old_url);
    if (!target_known) (*s)->bind(3, new_url);
    return (*s)->run();
  });
}

Result<std::int64_t> Writer::recover_frontier(WallTime now) {
  return atomically([&]() -> Result<std::int64_t> {
    auto s = stmt(kRecover);
    if (!s) return pass(s);
    (*s)->bind(1, to_unix_ms(now));
    if (auto r = (*s)->run(); !r) return pass(r);
    return std::int64_t{sqlite3_changes(db_.get())};
  });
}

}  // namespace akhbar::store
