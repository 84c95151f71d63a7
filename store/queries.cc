#include "store/queries.h"

#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "store/sqlite_handles.h"

namespace akhbar::store {
namespace {

#define AKHBAR_ARTICLE_COLUMNS                                                                              \
  "SELECT a.id, s.name, a.url, a.canonical_url, a.title, a.author, a.published_at, a.published_ts, "        \
  "a.published_raw, a.body, a.lang, a.content_hash, a.simhash, a.fetched_ts, a.duplicate_of, a.date_from, " \
  "a.story_id, a.duplicate_kind, a.revisions "                                                              \
  "FROM articles a JOIN sites s ON s.id = a.site_id "
constexpr const char* kSelectArticles = AKHBAR_ARTICLE_COLUMNS
    "WHERE (?1 = '' OR s.name = ?1) AND (?2 IS NULL OR a.fetched_ts >= ?2) ORDER BY a.id";
// One story: through its index, not a scan.
constexpr const char* kSelectStoryArticles = AKHBAR_ARTICLE_COLUMNS
    "WHERE a.story_id = ?3 AND (?1 = '' OR s.name = ?1) AND (?2 IS NULL OR a.fetched_ts >= ?2) ORDER BY a.id";
#undef AKHBAR_ARTICLE_COLUMNS
constexpr const char* kSelectRevisions =
    "SELECT revision, title, author, published_at, published_raw, body, content_hash, fetched_ts, replaced_ts "
    "FROM article_revisions WHERE article_id = ?1 ORDER BY revision";

constexpr const char* kSelectSiteStats =
    "SELECT s.name, "
    " (SELECT COUNT(*) FROM sources WHERE site_id = s.id), "
    " (SELECT COUNT(*) FROM sources WHERE site_id = s.id AND (failures > 0 OR last_error <> '')), "
    " (SELECT MAX(last_success_at) FROM sources WHERE site_id = s.id), "
    " (SELECT COUNT(*) FROM articles WHERE site_id = s.id), "
    " (SELECT COUNT(*) FROM articles WHERE site_id = s.id AND duplicate_of IS NOT NULL), "
    " (SELECT COALESCE(SUM(n), 0) FROM url_state_counts WHERE site_id = s.id AND state = 'no_article'), "
    " (SELECT COALESCE(SUM(n), 0) FROM url_state_counts WHERE site_id = s.id "
    "   AND state IN ('queued', 'claimed', 'fetching')), "
    " (SELECT COALESCE(SUM(n), 0) FROM url_state_counts WHERE site_id = s.id AND state = 'failed'), "
    " (SELECT COALESCE(SUM(n), 0) FROM url_state_counts WHERE site_id = s.id AND state = 'disallowed') "
    "FROM sites s ORDER BY s.name";

#define AKHBAR_SOURCE_COLUMNS                                                                             \
  "SELECT s.name, src.url, src.kind, src.etag, src.last_modified, src.next_due_at, src.interval_s, src.failures, " \
  "src.last_status, src.last_error, src.last_success_at, src.origin, src.lastmod, src.items_week "               \
  "FROM sources src JOIN sites s ON s.id = src.site_id "
constexpr const char* kSelectSource = AKHBAR_SOURCE_COLUMNS "WHERE s.name = ?1 AND src.url = ?2";
constexpr const char* kSelectSources = AKHBAR_SOURCE_COLUMNS "WHERE ?1 = '' OR s.name = ?1 ORDER BY s.name, src.id";
#undef AKHBAR_SOURCE_COLUMNS

constexpr const char* kSelectPendingUrls =
    "SELECT s.name, u.url, u.canonical_url, u.state, u.attempts "
    "FROM urls u JOIN sites s ON s.id = u.site_id "
    "WHERE u.state IN ('queued', 'fetching') ORDER BY u.discovered_at, u.id LIMIT ?1";

constexpr const char* kCountArticles = "SELECT COUNT(*) FROM articles";
constexpr const char* kCountQueued =
    "SELECT COALESCE(SUM(n), 0) FROM url_state_counts WHERE state IN ('queued', 'claimed', 'fetching')";

std::optional<WallTime> opt_ms(const Stmt& q, int col) {
  if (auto v = q.opt_int64(col)) return from_unix_ms(*v);
  return std::nullopt;
}

Result<void> read_history(Stmt& q, std::int64_t article_id, std::vector<ArticleRevision>& out) {
  q.bind(1, article_id);
  for (;;) {
    auto more = q.step();
    if (!more) return pass(more);
    if (!*more) break;
    ArticleRevision& r = out.emplace_back();
    r.revision = static_cast<int>(q.int64(0));
    r.title = q.text(1);
    r.author = q.text(2);
    r.published_at_text = q.text(3);
    r.published_raw = q.text(4);
    r.body = q.text(5);
    r.content_hash = q.text(6);
    r.fetched_at = from_unix_ms(q.int64(7));
    r.replaced_at = from_unix_ms(q.int64(8));
  }
  q.reset();
  return {};
}

}  // namespace

Result<void> query_articles(sqlite3* db, const ExportFilter& filter,
                            const std::function<void(const ArticleRow&)>& fn) {
  auto q = Stmt::prepare(db, filter.story ? kSelectStoryArticles : kSelectArticles);
  if (!q) return pass(q);
  q->bind(1, filter.site);
  if (filter.since) {
    q->bind(2, to_unix_ms(*filter.since));
  } else {
    q->bind_null(2);
  }
  if (filter.story) q->bind(3, *filter.story);
  std::optional<Stmt> history;
  if (filter.revisions) {
    auto h = Stmt::prepare(db, kSelectRevisions);
    if (!h) return pass(h);
    history = std::move(*h);
  }
  ArticleRow row;
  for (;;) {
    auto more = q->step();
    if (!more) return pass(more);
    if (!*more) return {};
    row.id = q->int64(0);
    row.site = q->text(1);
    row.url = q->text(2);
    row.canonical_url = q->text(3);
    row.title = q->text(4);
    row.author = q->text(5);
    row.published_at_text = q->text(6);
    row.published_at.reset();
    if (!row.published_at_text.empty()) row.published_at = parse_rfc3339(row.published_at_text);
    if (!row.published_at && !q->is_null(7)) row.published_at = WallTime(std::chrono::seconds(q->int64(7)));
    row.published_raw = q->text(8);
    row.body = q->text(9);
    row.lang = q->text(10);
    row.content_hash = q->text(11);
    row.simhash = static_cast<std::uint64_t>(q->int64(12));
    row.fetched_at = from_unix_ms(q->int64(13));
    row.duplicate_of = q->opt_int64(14);
    row.date_from = q->text(15);
    row.story_id = q->opt_int64(16).value_or(row.id);
    row.duplicate_kind = q->text(17);
    row.revisions = static_cast<int>(q->int64(18));
    row.history.clear();
    if (history && row.revisions > 0) {
      if (auto read = read_history(*history, row.id, row.history); !read) return read;
    }
    fn(row);
  }
}

Result<std::vector<SiteStats>> query_site_stats(sqlite3* db) {
  auto q = Stmt::prepare(db, kSelectSiteStats);
  if (!q) return pass(q);
  std::vector<SiteStats> out;
  for (;;) {
    auto more = q->step();
    if (!more) return pass(more);
    if (!*more) return out;
    SiteStats& s = out.emplace_back();
    s.site = q->text(0);
    s.sources = static_cast<int>(q->int64(1));
    s.failing_sources = static_cast<int>(q->int64(2));
    s.last_success_at = opt_ms(*q, 3);
    s.articles = q->int64(4);
    s.duplicates = q->int64(5);
    s.extraction_misses = q->int64(6);
    s.urls_queued = q->int64(7);
    s.urls_failed = q->int64(8);
    s.urls_disallowed = q->int64(9);
  }
}

static SourceRecord source_row(const Stmt& q) {
  SourceRecord s;
  s.site = q.text(0);
  s.url = q.text(1);
  s.kind = q.text(2);
  s.etag = q.text(3);
  s.last_modified = q.text(4);
  s.next_due_at = opt_ms(q, 5);
  s.interval_s = q.int64(6);
  s.failures = static_cast<int>(q.int64(7));
  s.last_status = static_cast<int>(q.int64(8));
  s.last_error = q.text(9);
  s.last_success_at = opt_ms(q, 10);
  s.origin = q.text(11);
  s.lastmod = opt_ms(q, 12);
  s.items_week = q.int64(13);
  return s;
}

Result<std::optional<SourceRecord>> query_source(sqlite3* db, std::string_view site, std::string_view url) {
  auto q = Stmt::prepare(db, kSelectSource);
  if (!q) return pass(q);
  q->bind(1, site).bind(2, url);
  auto found = q->step();
  if (!found) return pass(found);
  if (!*found) return std::optional<SourceRecord>();
  return std::optional<SourceRecord>(source_row(*q));
}

Result<std::vector<SourceRecord>> query_sources(sqlite3* db, std::string_view site) {
  auto q = Stmt::prepare(db, kSelectSources);
  if (!q) return pass(q);
  q->bind(1, site);
  std::vector<SourceRecord> out;
  for (;;) {
    auto more = q->step();
    if (!more) return pass(more);
    if (!*more) return out;
    out.push_back(source_row(*q));
  }
}

Result<std::vector<UrlRow>> query_pending_urls(sqlite3* db, std::size_t limit) {
  auto q = Stmt::prepare(db, kSelectPendingUrls);
  if (!q) return pass(q);
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  q->bind(1, static_cast<std::int64_t>(limit > kMax ? kMax : limit));
  std::vector<UrlRow> out;
  for (;;) {
    auto more = q->step();
    if (!more) return pass(more);
    if (!*more) return out;
    UrlRow& u = out.emplace_back();
    u.site = q->text(0);
    u.url = q->text(1);
    u.canonical_url = q->text(2);
    u.state = q->text(3);
    u.attempts = static_cast<int>(q->int64(4));
  }
}

namespace {

Result<std::int64_t> count(sqlite3* db, const char* sql) {
  auto q = Stmt::prepare(db, sql);
  if (!q) return pass(q);
  auto row = q->step();
  if (!row) return pass(row);
  if (!*row) return fail(Errc::kInternal, "store: COUNT(*) returned no row");
  return q->int64(0);
}

}  // namespace

Result<std::int64_t> query_count_articles(sqlite3* db) { return count(db, kCountArticles); }

Result<std::int64_t> query_count_queued(sqlite3* db) { return count(db, kCountQueued); }

}  // namespace akhbar::store
