#include "store/search.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

#include "store/sqlite_handles.h"

namespace akhbar::store {
namespace {

// The id of the ?2-th newest match (0-based): where the pool of a query with many matches starts.
// Walking the index backwards by rowid reads no position lists and computes no score.
constexpr const char* kPoolStart =
    "SELECT rowid FROM search.articles_fts WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2";
// bm25() sorted by SQLite with a LIMIT is cheaper than the index's own ORDER BY rank (same weights).
constexpr const char* kRanked =
    "SELECT rowid, bm25(articles_fts, 2.0, 1.0) AS score FROM search.articles_fts "
    "WHERE articles_fts MATCH ?1 AND rowid >= ?2 ORDER BY score";
constexpr const char* kRankedTop =
    "SELECT rowid, bm25(articles_fts, 2.0, 1.0) AS score FROM search.articles_fts "
    "WHERE articles_fts MATCH ?1 AND rowid >= ?2 ORDER BY score LIMIT ?3";
// Articles stored and not yet read by the index (ids are never reused: articles are not deleted).
constexpr const char* kUnindexed =
    "SELECT (SELECT COALESCE(MAX(id), 0) FROM main.articles) - "
    "CAST((SELECT value FROM search.search_state WHERE key = 'articles') AS INTEGER)";
// ?3: unix seconds; an undated article counts from when it was fetched.
constexpr const char* kHit =
    "SELECT s.name, a.title, a.url, a.published_at, a.fetched_ts, a.body "
    "FROM articles a JOIN sites s ON s.id = a.site_id "
    "WHERE a.id = ?1 AND (?2 = '' OR s.name = ?2) AND (?3 IS NULL OR COALESCE(a.published_ts, a.fetched_ts / 1000) >= ?3)";

std::string quoted(const parsers::QueryPhrase& phrase) {
  std::string out = "\"";
  for (std::size_t i = 0; i < phrase.words.size(); ++i) {
    if (i > 0) out += ' ';
    for (char c : phrase.words[i]) {
      if (c == '"') out += '"';  // FTS5 strings escape a quote by doubling it
      out += c;
    }
  }
  out += '"';
  if (phrase.prefix) out += '*';
  return out;
}

tl::unexpected<Error> with_query(Error error, const std::string& expression) {
  error.message += " (search for " + expression + ")";
  return tl::make_unexpected(std::move(error));
}

// The lowest id of the pool, when the query has more than `pool` matches.
Result<std::optional<std::int64_t>> pool_start(sqlite3* db, const std::string& expression, std::size_t pool) {
  auto q = Stmt::prepare(db, kPoolStart);
  if (!q) return pass(q);
  q->bind(1, std::string_view(expression)).bind(2, static_cast<std::int64_t>(pool));
  auto row = q->step();
  if (!row) return with_query(std::move(row.error()), expression);
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(q->int64(0) + 1);  // that one is the first left out
}

// Matches with an id of at least `from`, best first, filtered, up to the filter's limit.
Result<std::vector<SearchHit>> ranked_hits(sqlite3* db, const std::string& expression, std::int64_t from,
                                           const SearchFilter& filter, std::size_t limit) {
  const bool filtered = !filter.site.empty() || filter.since.has_value();
  auto ranked = Stmt::prepare(db, filtered ? kRanked : kRankedTop);
  if (!ranked) return pass(ranked);
  ranked->bind(1, std::string_view(expression)).bind(2, from);
  if (!filtered) ranked->bind(3, static_cast<std::int64_t>(limit));
  auto hit = Stmt::prepare(db, kHit);
  if (!hit) return pass(hit);
  std::optional<std::int64_t> since;
  if (filter.since) since = std::chrono::floor<std::chrono::seconds>(filter.since->time_since_epoch()).count();
  std::vector<SearchHit> hits;
  while (hits.size() < limit) {
    auto more = ranked->step();
    if (!more) return with_query(std::move(more.error()), expression);
    if (!*more) break;
    const std::int64_t id = ranked->int64(0);
    hit->bind(1, id).bind(2, std::string_view(filter.site)).bind(3, since);
    auto row = hit->step();
    if (!row) return pass(row);
    if (*row) {
      SearchHit& h = hits.emplace_back();
      h.id = id;
      h.rank = ranked->real(1);
      h.site = hit->text(0);
      h.title = hit->text(1);
      h.url = hit->text(2);
      h.published_at_text = hit->text(3);
      h.fetched_at = from_unix_ms(hit->int64(4));
      h.body = hit->text(5);
    }
    hit->reset();
  }
  return hits;
}

}  // namespace

std::string fts5_expression(const parsers::SearchQuery& query) {
  std::string out;
  for (const auto& group : query.all_of) {
    if (!out.empty()) out += " AND ";
    if (group.size() > 1) out += '(';
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (i > 0) out += " OR ";
      out += quoted(group[i]);
    }
    if (group.size() > 1) out += ')';
  }
  if (!query.none_of.empty()) {
    out = '(' + out + ')';
    for (const auto& phrase : query.none_of) out += " NOT " + quoted(phrase);
  }
  return out;
}

Result<SearchResults> query_search(sqlite3* db, const parsers::SearchQuery& query, const SearchFilter& filter) {
  const std::size_t limit = std::min(filter.limit, kMaxSearchLimit);
  SearchResults results;
  if (limit == 0) return results;
  const std::string expression = fts5_expression(query);
  std::optional<std::int64_t> from;  // set: the query has more matches than the pool holds
  if (filter.pool != 0) {
    auto start = pool_start(db, expression, std::max(filter.pool, limit));
    if (!start) return pass(start);
    from = *start;
  }
  auto hits = ranked_hits(db, expression, from.value_or(0), filter, limit);
  if (!hits) return pass(hits);
  results.pooled = from.has_value();
  if (results.pooled && hits->size() < limit) {
    // The filter let too few of the pool through: rank every match.
    hits = ranked_hits(db, expression, 0, filter, limit);
    if (!hits) return pass(hits);
    results.pooled = false;
  }
  results.hits = std::move(*hits);
  auto unindexed = query_search_backlog(db);
  if (!unindexed) return pass(unindexed);
  results.unindexed = *unindexed;
  return results;
}

Result<std::int64_t> query_search_backlog(sqlite3* db) {
  auto q = Stmt::prepare(db, kUnindexed);
  if (!q) return pass(q);
  auto row = q->step();
  if (!row) return pass(row);
  return *row ? std::max<std::int64_t>(0, q->int64(0)) : 0;
}

}  // namespace akhbar::store
