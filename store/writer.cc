#include "store/writer.h"

#include <chrono>
#include <utility>

#include "store/url_host.h"

namespace akhbar::store {
namespace {

constexpr const char* kBegin = "BEGIN IMMEDIATE";
constexpr const char* kCommit = "COMMIT";

constexpr const char* kFindSite = "SELECT id FROM sites WHERE name = ?1";
constexpr const char* kInsertSite = "INSERT INTO sites(name) VALUES (?1)";
constexpr const char* kUpsertSite =
    "INSERT INTO sites(name, config_hash) VALUES (?1, ?2) "
    "ON CONFLICT(name) DO UPDATE SET config_hash = excluded.config_hash";

constexpr const char* kInsertUrl =
    "INSERT OR IGNORE INTO urls(site_id, url, canonical_url, state, attempts, discovered_at, via, updated_at, host, "
    "next_attempt_at) VALUES (?1, ?2, ?3, 'queued', 0, ?4, ?5, ?4, ?6, ?7)";
// A URL from a sitemap with a <lastmod> (?8): known URLs fetched before that instant are queued again.
constexpr const char* kUpsertUrlLastmod =
    "INSERT INTO urls(site_id, url, canonical_url, state, attempts, discovered_at, via, updated_at, host, "
    "next_attempt_at) VALUES (?1, ?2, ?3, 'queued', 0, ?4, ?5, ?4, ?6, ?7) "
    "ON CONFLICT(canonical_url) DO UPDATE SET state = 'queued', attempts = 0, last_error = '', updated_at = ?4, "
    "next_attempt_at = ?7 WHERE urls.state IN ('done', 'no_article') AND urls.updated_at < ?8";
// A URL listed with an item date keeps the first one it got; one that had none takes this one.
constexpr const char* kFillItemDate =
    "UPDATE urls SET item_published_at = ?2, item_date_kind = ?3 "
    "WHERE canonical_url = ?1 AND item_published_at IS NULL";
constexpr const char* kSetUrlState =
    "UPDATE urls SET state = ?2, attempts = ?3, last_error = ?4, updated_at = ?5 WHERE canonical_url = ?1";
constexpr const char* kUpsertDoneUrl =
    "INSERT INTO urls(site_id, url, canonical_url, state, attempts, discovered_at, via, updated_at, host, "
    "next_attempt_at) VALUES (?1, ?2, ?3, 'done', 0, ?4, '', ?4, ?5, ?4) "
    "ON CONFLICT(canonical_url) DO UPDATE SET state = 'done', last_error = '', updated_at = ?4";
constexpr const char* kFindUrl = "SELECT id FROM urls WHERE canonical_url = ?1";

constexpr const char* kInsertFetch =
    "INSERT INTO fetch_log(site, url, kind, started_at, status, bytes, ms, error) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* kPruneFetchLog =
    "DELETE FROM fetch_log WHERE id <= (SELECT id FROM fetch_log ORDER BY id DESC LIMIT 1 OFFSET ?1)";
// Rows go in fetch order, so the old ones are a prefix by id: the scan stops at the first row
// young enough, and no index on started_at is needed.
constexpr const char* kPruneOldFetches =
    "DELETE FROM fetch_log WHERE id < (SELECT id FROM fetch_log WHERE started_at >= "
    "(SELECT started_at FROM fetch_log ORDER BY id DESC LIMIT 1) - ?1 ORDER BY id LIMIT 1)";

constexpr const char* kUpsertSource =
    "INSERT INTO sources(site_id, url, kind, etag, last_modified, next_due_at, interval_s, failures, last_status, "
    "last_error, last_success_at, origin, lastmod, items_week) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT(site_id, url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, "
    "last_modified = excluded.last_modified, next_due_at = excluded.next_due_at, interval_s = excluded.interval_s, "
    "failures = excluded.failures, last_status = excluded.last_status, last_error = excluded.last_error, "
    "last_success_at = excluded.last_success_at, origin = excluded.origin, lastmod = excluded.lastmod, "
    "items_week = excluded.items_week";
// record_items(): the source row (created bare when the source has not been saved yet), its items.
constexpr const char* kEnsureSource =
    "INSERT INTO sources(site_id, url, kind) VALUES (?1, ?2, ?3) ON CONFLICT(site_id, url) DO NOTHING";
constexpr const char* kFindSource = "SELECT id FROM sources WHERE site_id = ?1 AND url = ?2";
constexpr const char* kHasItems = "SELECT EXISTS(SELECT 1 FROM source_items WHERE source_id = ?1)";
constexpr const char* kInsertItem =
    "INSERT INTO source_items(source_id, item_key, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT(source_id, item_key) DO NOTHING";
constexpr const char* kTouchItem = "UPDATE source_items SET last_seen = ?3 WHERE source_id = ?1 AND item_key = ?2";
constexpr const char* kPruneItems = "DELETE FROM source_items WHERE source_id = ?1 AND last_seen < ?2";
constexpr const char* kCountWeek = "SELECT COUNT(*) FROM source_items WHERE source_id = ?1 AND first_seen >= ?2";
constexpr const char* kSetItemsWeek = "UPDATE sources SET items_week = ?2 WHERE id = ?1";
constexpr std::int64_t kWeekMs = 7LL * 24 * 3600 * 1000;
constexpr std::int64_t kForgetItemMs = 30LL * 24 * 3600 * 1000;

// Where the text belongs (duplicate_of, story_id, duplicate_kind, revisions) comes from store/dedupe.cc.
constexpr const char* kInsertArticle =
    "INSERT INTO articles(url_id, site_id, url, canonical_url, title, author, published_at, published_ts, "
    "published_raw, body, lang, content_hash, simhash, fetched_at, fetched_ts, duplicate_of, date_from, "
    "story_id, duplicate_kind, revisions, id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?18, ?19, ?20, ?21, ?22)";
constexpr const char* kUpdateArticle =
    "UPDATE articles SET url_id = ?1, site_id = ?2, url = ?3, canonical_url = ?4, title = ?5, author = ?6, "
    "published_at = ?7, published_ts = ?8, published_raw = ?9, body = ?10, lang = ?11, content_hash = ?12, "
    "simhash = ?13, fetched_at = ?14, fetched_ts = ?15, duplicate_of = ?16, date_from = ?18, story_id = ?19, "
    "duplicate_kind = ?20, revisions = ?21 WHERE id = ?17";

std::int64_t unix_seconds(WallTime t) {
  return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

Result<Stmt*> Writer::stmt(const char* sql) { return stmts_.get(db_.get(), sql); }

Result<void> Writer::begin(Guard guard) {
  guard_ = guard;
  unguarded_failure_ = false;
  batch_lost_ = false;
  lost_because_.reset();
  auto s = stmt(kBegin);
  if (!s) return pass(s);
  if (auto r = (*s)->run(); !r) return r;
  // Under the write lock: what other processes indexed is read before this batch looks anything up.
  return near_.catch_up(db_.get(), stmts_, near_.rebuild_due());
}

Result<void> Writer::commit() {
  if (unguarded_failure_) return fail(Errc::kInternal, "store: an unguarded batch with a failed operation");
  if (batch_lost_) {
    Error error = lost_because_.value_or(Error{Errc::kInternal, "store: transaction lost", {}});
    error.message = "store: batch rolled back by SQLite: " + error.message;
    return tl::make_unexpected(std::move(error));
  }
  auto s = stmt(kCommit);
  if (!s) return pass(s);
  if (auto r = (*s)->run(); !r) return r;
  pending_bands_.commit_to(near_);
  return {};
}

void Writer::rollback() {
  if (sqlite3_get_autocommit(db_.get()) == 0) (void)exec(db_.get(), "ROLLBACK");
  site_ids_.clear();  // ids inserted in the batch are gone
  pending_bands_.clear();
  unguarded_failure_ = false;
  batch_lost_ = false;
  lost_because_.reset();
}

void Writer::note_error(const Error& error) {
  std::lock_guard lock(errors_mu_);
  ++errors_.count;
  errors_.last = error;
}

WriteErrors Writer::errors() const {
  std::lock_guard lock(errors_mu_);
  return errors_;
}

Result<std::int64_t> Writer::site_id(std::string_view name) {
  if (auto it = site_ids_.find(std::string(name)); it != site_ids_.end()) return it->second;
  auto find = stmt(kFindSite);
  if (!find) return pass(find);
  Stmt& q = **find;
  q.bind(1, name);
  auto row = q.step();
  if (!row) return pass(row);
  std::int64_t id = 0;
  if (*row) {
    id = q.int64(0);
    q.reset();
  } else {
    q.reset();
    auto insert = stmt(kInsertSite);
    if (!insert) return pass(insert);
    (*insert)->bind(1, name);
    if (auto r = (*insert)->run(); !r) return pass(r);
    id = sqlite3_last_insert_rowid(db_.get());
  }
  site_ids_.emplace(std::string(name), id);
  return id;
}

Result<void> Writer::ensure_site(std::string_view name, std::string_view config_hash) {
  return atomically([&]() -> Result<void> {
    auto s = stmt(kUpsertSite);
    if (!s) return pass(s);
    (*s)->bind(1, name).bind(2, config_hash);
    return (*s)->run();
  });
}

Result<bool> Writer::insert_url(const UrlRecord& url, WallTime now) {
  auto site = site_id(url.site);
  if (!site) return pass(site);
  auto s = stmt(url.lastmod ? kUpsertUrlLastmod : kInsertUrl);
  if (!s) return pass(s);
  const std::string_view canonical = url.canonical_url.empty() ? url.url : url.canonical_url;
  const std::string host = url.host.empty() ? url_host_key(url.url) : url.host;
  (*s)->bind(1, *site).bind(2, url.url).bind(3, canonical).bind(4, to_unix_ms(now)).bind(5, url.via);
  (*s)->bind(6, std::string_view(host)).bind(7, to_unix_ms(url.not_before.value_or(now)));
  if (url.lastmod) (*s)->bind(8, to_unix_ms(*url.lastmod));
  if (auto r = (*s)->run(); !r) return pass(r);
  const bool queued = sqlite3_changes(db_.get()) == 1;
  if (url.item_published && !url.item_date_from.empty()) {
    auto fill = stmt(kFillItemDate);
    if (!fill) return pass(fill);
    (*fill)->bind(1, canonical).bind(2, to_unix_ms(*url.item_published)).bind(3, url.item_date_from);
    if (auto r = (*fill)->run(); !r) return pass(r);
  }
  return queued;
}

Result<bool> Writer::add_url(const UrlRecord& url, WallTime now) {
  return atomically([&]() -> Result<bool> { return insert_url(url, now); });
}

// One savepoint for a whole listing (a 50,000-URL sitemap is one operation, not 50,000).
Result<std::size_t> Writer::add_urls(const std::vector<UrlRecord>& urls, WallTime now) {
  return atomically([&]() -> Result<std::size_t> {
    std::size_t queued = 0;
    for (const auto& url : urls) {
      auto added = insert_url(url, now);
      if (!added) return pass(added);
      if (*added) ++queued;
    }
    return queued;
  });
}

Result<void> Writer::set_url_state(std::string_view canonical_url, std::string_view state, int attempts,
                                   std::string_view error, WallTime now) {
  return atomically([&]() -> Result<void> {
    auto s = stmt(kSetUrlState);
    if (!s) return pass(s);
    (*s)->bind(1, canonical_url).bind(2, state).bind(3, std::int64_t{attempts}).bind(4, error).bind(5, to_unix_ms(now));
    return (*s)->run();
  });
}

Result<void> Writer::prune_fetch_log() {
  auto old = stmt(kPruneOldFetches);
  if (!old) return pass(old);
  (*old)->bind(1, static_cast<std::int64_t>(limits_.fetch_log_days.count()));
  if (auto r = (*old)->run(); !r) return r;
  auto s = stmt(kPruneFetchLog);
  if (!s) return pass(s);
  (*s)->bind(1, limits_.fetch_log_keep);
  return (*s)->run();
}

Result<void> Writer::log_fetch(const FetchRecord& fetch) {
  return atomically([&]() -> Result<void> {
    auto s = stmt(kInsertFetch);
    if (!s) return pass(s);
    (*s)->bind(1, fetch.site)
        .bind(2, fetch.url)
        .bind(3, fetch.kind)
        .bind(4, to_unix_ms(fetch.started_at))
        .bind(5, std::int64_t{fetch.status})
        .bind(6, fetch.bytes)
        .bind(7, fetch.ms)
        .bind(8, fetch.error);
    if (auto r = (*s)->run(); !r) return r;
    if (++fetch_logs_since_prune_ >= limits_.fetch_log_prune_every) {
      fetch_logs_since_prune_ = 0;
      return prune_fetch_log();
    }
    return {};
  });
}

Result<void> Writer::save_source(const SourceRecord& source) {
  return atomically([&]() -> Result<void> {
    auto site = site_id(source.site);
    if (!site) return pass(site);
    auto s = stmt(kUpsertSource);
    if (!s) return pass(s);
    std::optional<std::int64_t> next_due;
    if (source.next_due_at) next_due = to_unix_ms(*source.next_due_at);
    std::optional<std::int64_t> last_success;
    if (source.last_success_at) last_success = to_unix_ms(*source.last_success_at);
    (*s)->bind(1, *site)
        .bind(2, source.url)
        .bind(3, source.kind)
        .bind(4, source.etag)
        .bind(5, source.last_modified)
        .bind(6, next_due)
        .bind(7, source.interval_s)
        .bind(8, std::int64_t{source.failures})
        .bind(9, std::int64_t{source.last_status})
        .bind(10, source.last_error)
        .bind(11, last_success);
    std::optional<std::int64_t> lastmod;
    if (source.lastmod) lastmod = to_unix_ms(*source.lastmod);
    (*s)->bind(12, source.origin).bind(13, lastmod).bind(14, source.items_week);
    return (*s)->run();
  });
}

Result<ItemCounts> Writer::record_items(std::string_view site_name, std::string_view source_url, std::string_view kind,
                                        const std::vector<SeenItem>& items, WallTime now) {
  return atomically([&]() -> Result<ItemCounts> {
    auto site = site_id(site_name);
    if (!site) return pass(site);
    auto ensure = stmt(kEnsureSource);
    if (!ensure) return pass(ensure);
    (*ensure)->bind(1, *site).bind(2, source_url).bind(3, kind);
    if (auto r = (*ensure)->run(); !r) return pass(r);
    auto find = stmt(kFindSource);
    if (!find) return pass(find);
    (*find)->bind(1, *site).bind(2, source_url);
    auto found = (*find)->step();
    if (!found) return pass(found);
    if (!*found) return fail(Errc::kInternal, "store: source row missing after insert", std::string(source_url));
    const std::int64_t source = (*find)->int64(0);
    (*find)->reset();

    ItemCounts counts;
    auto has = stmt(kHasItems);
    if (!has) return pass(has);
    (*has)->bind(1, source);
    auto row = (*has)->step();
    if (!row) return pass(row);
    counts.first = !*row || (*has)->int64(0) == 0;
    (*has)->reset();

    const std::int64_t now_ms = to_unix_ms(now);
    auto insert = stmt(kInsertItem);
    if (!insert) return pass(insert);
    auto touch = stmt(kTouchItem);
    if (!touch) return pass(touch);
    for (const auto& item : items) {
      std::int64_t first_seen = now_ms;
      if (counts.first) {
        first_seen = item.published ? std::min(now_ms, to_unix_ms(*item.published)) : now_ms - kWeekMs - 1;
      }
      const auto key = static_cast<std::int64_t>(item.key);
      (*insert)->bind(1, source).bind(2, key).bind(3, first_seen).bind(4, now_ms);
      if (auto r = (*insert)->run(); !r) return pass(r);
      if (sqlite3_changes(db_.get()) == 1) {
        ++counts.new_items;
        continue;
      }
      (*touch)->bind(1, source).bind(2, key).bind(3, now_ms);
      if (auto r = (*touch)->run(); !r) return pass(r);
    }
    auto prune = stmt(kPruneItems);
    if (!prune) return pass(prune);
    (*prune)->bind(1, source).bind(2, now_ms - kForgetItemMs);
    if (auto r = (*prune)->run(); !r) return pass(r);
    auto week = stmt(kCountWeek);
    if (!week) return pass(week);
    (*week)->bind(1, source).bind(2, now_ms - kWeekMs);
    auto counted = (*week)->step();
    if (!counted) return pass(counted);
    counts.week = *counted ? (*week)->int64(0) : 0;
    (*week)->reset();
    auto set = stmt(kSetItemsWeek);
    if (!set) return pass(set);
    (*set)->bind(1, source).bind(2, counts.week);
    if (auto r = (*set)->run(); !r) return pass(r);
    return counts;
  });
}

Result<std::int64_t> Writer::upsert_done_url(std::int64_t site, const ArticleRecord& article,
                                             std::string_view canonical, WallTime now) {
  auto upsert = stmt(kUpsertDoneUrl);
  if (!upsert) return pass(upsert);
  (*upsert)->bind(1, site).bind(2, article.url.empty() ? canonical : std::string_view(article.url));
  (*upsert)->bind(3, canonical).bind(4, to_unix_ms(now));
  (*upsert)->bind(5, std::string_view(url_host_key(article.url.empty() ? canonical : std::string_view(article.url))));
  if (auto r = (*upsert)->run(); !r) return pass(r);
  auto find = stmt(kFindUrl);
  if (!find) return pass(find);
  (*find)->bind(1, canonical);
  auto row = (*find)->step();
  if (!row) return pass(row);
  if (!*row) return fail(Errc::kInternal, "store: url row vanished after upsert", std::string(canonical));
  const std::int64_t id = (*find)->int64(0);
  (*find)->reset();
  return id;
}

Result<AddedArticle> Writer::add_article(const ArticleRecord& article, WallTime now) {
  return atomically([&]() -> Result<AddedArticle> {
    const std::string_view canonical = article.canonical_url.empty() ? article.url : article.canonical_url;
    if (canonical.empty()) return fail(Errc::kInvalidInput, "store: article without url");
    auto site = site_id(article.site);
    if (!site) return pass(site);
    auto url_id = upsert_done_url(*site, article, canonical, now);
    if (!url_id) return pass(url_id);

    // The dedupe lookup and the write are one step: nothing else runs on this connection between.
    auto stored = stored_article(canonical);
    if (!stored) return pass(stored);
    AddedArticle added;
    auto place = place_article(article, *stored, now, added);
    if (!place) return pass(place);

    std::optional<WallTime> published = article.published_at;
    if (!published && !article.published_at_text.empty()) published = parse_rfc3339(article.published_at_text);
    std::optional<std::string> published_text;
    if (!article.published_at_text.empty()) {
      published_text = article.published_at_text;
    } else if (published) {
      published_text = format_utc_rfc3339(*published);
    }
    std::optional<std::int64_t> published_ts;
    if (published) published_ts = unix_seconds(*published);

    auto write = stmt(added.existed ? kUpdateArticle : kInsertArticle);
    if (!write) return pass(write);
    Stmt& w = **write;
    w.bind(1, *url_id).bind(2, *site).bind(3, article.url).bind(4, canonical);
    w.bind(5, article.title).bind(6, article.author);
    if (published_text) {
      w.bind(7, std::string_view(*published_text));
    } else {
      w.bind_null(7);
    }
    // The body is bound where it is: run() below steps and resets the statement before returning.
    w.bind(8, published_ts).bind(9, article.published_raw).bind_static(10, article.body).bind(11, article.lang);
    w.bind(12, article.content_hash).bind(13, static_cast<std::int64_t>(article.simhash));
    w.bind(14, format_utc_rfc3339(article.fetched_at)).bind(15, to_unix_ms(article.fetched_at));
    w.bind(16, place->duplicate_of);
    if (added.existed) w.bind(17, added.id);
    w.bind(18, published ? std::string_view(article.date_from) : std::string_view(""));
    w.bind(19, place->story_id).bind(20, place->kind).bind(21, std::int64_t{added.revisions});
    if (!added.existed && place->own_story) w.bind(22, place->story_id);  // a new story: its id is the article's
    if (auto r = w.run(); !r) return pass(r);
    if (!added.existed) added.id = sqlite3_last_insert_rowid(db_.get());
    if (auto r = placed(article, *place, added); !r) return pass(r);
    return added;
  });
}

}  // namespace akhbar::store
