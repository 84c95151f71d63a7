#include "store/search.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "store/sqlite_handles.h"

namespace akhbar::store {
namespace {

constexpr const char* kRanked = "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank";
constexpr const char* kRankedTop =
    "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2";
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

template <class T>
tl::unexpected<Error> pass(Result<T>& r) {
  return tl::make_unexpected(std::move(r.error()));
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

Result<std::vector<SearchHit>> query_search(sqlite3* db, const parsers::SearchQuery& query,
                                            const SearchFilter& filter) {
  const std::size_t limit = std::min(filter.limit, kMaxSearchLimit);
  std::vector<SearchHit> hits;
  if (limit == 0) return hits;
  const bool filtered = !filter.site.empty() || filter.since.has_value();
  const std::string expression = fts5_expression(query);
  auto ranked = Stmt::prepare(db, filtered ? kRanked : kRankedTop);
  if (!ranked) return pass(ranked);
  ranked->bind(1, std::string_view(expression));
  if (!filtered) ranked->bind(2, static_cast<std::int64_t>(limit));
  auto hit = Stmt::prepare(db, kHit);
  if (!hit) return pass(hit);
  std::optional<std::int64_t> since;
  if (filter.since) since = std::chrono::floor<std::chrono::seconds>(filter.since->time_since_epoch()).count();
  while (hits.size() < limit) {
    auto more = ranked->step();
    if (!more) {
      Error error = std::move(more.error());
      error.message += " (search for " + expression + ")";
      return tl::make_unexpected(std::move(error));
    }
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

}  // namespace akhbar::store
