// store/store.h: the SQLite store (ARCHITECTURE.md "Store"). One writer thread owns the write
// connection and commits queued operations in batches (one transaction per batch, WAL mode,
// synchronous=NORMAL); callbacks run on the writer thread after their batch has committed, so a
// callback never announces something a crash could lose. Reads use their own connection.
// The schema is created and upgraded by numbered migrations (PRAGMA user_version).
// Deduplication lives here (docs/dedupe.md): an article whose content_hash is already stored is a
// duplicate of the first one; otherwise one whose body is a near copy of a stored one (its
// fingerprint shares a bucket with it and compare_near() agrees) is a duplicate of that one. Copies
// form a story (story_id, the lowest id among them). A canonical URL stored again with another
// content_hash keeps its earlier text as a revision. Full-text search reads an index of the
// normalised title and body kept in a file of its own beside the store (store/search_index.h), brought
// up to date from the committed rows by a thread of its own. No HTTP or YAML knowledge.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "util/clock.h"
#include "util/result.h"

namespace akhbar::parsers {
struct SearchQuery;  // parsers/text/search_query.h
}

namespace akhbar::store {

// URL states in the frontier table.
inline constexpr std::string_view kUrlQueued = "queued";
inline constexpr std::string_view kUrlFetching = "fetching";
inline constexpr std::string_view kUrlDone = "done";            // article stored
inline constexpr std::string_view kUrlNoArticle = "no_article"; // fetched, no article in it (a miss)
inline constexpr std::string_view kUrlFailed = "failed";        // permanent error or attempts exhausted
inline constexpr std::string_view kUrlClaimed = "claimed";      // handed to the crawler's in-memory window
inline constexpr std::string_view kUrlDisallowed = "disallowed"; // robots.txt forbids it

struct ArticleRecord {
  std::string site;
  std::string url;
  std::string canonical_url;
  std::string title;
  std::string author;
  std::optional<WallTime> published_at;
  std::string published_at_text;  // RFC 3339 in the site's zone ("" when published_at is empty)
  std::string published_raw;
  // Where published_at came from (parsers::Article::date_from: "jsonld", "meta", "text", ...;
  // "feed" or "sitemap" when it is the date of the listing item that led to the page; "" when none).
  // Stored in articles.date_from.
  std::string date_from;
  std::string body;
  std::string lang;
  std::string content_hash;
  std::uint64_t simhash = 0;
  // parsers::near_fingerprint(body): what near copies are found by. One that is not indexable()
  // (a short body, or none computed) is matched by content_hash only. Not read back by queries.
  parsers::NearFingerprint near;
  WallTime fetched_at{};
};

// An earlier text of an article, kept when a later fetch brought another content_hash.
struct ArticleRevision {
  int revision = 0;  // 1: the first text stored, then 2...
  std::string title;
  std::string author;
  std::string published_at_text;
  std::string published_raw;
  std::string body;
  std::string content_hash;
  WallTime fetched_at{};
  WallTime replaced_at{};  // when the next text took its place
};

inline constexpr std::string_view kDuplicateExact = "exact";  // same content_hash
inline constexpr std::string_view kDuplicateNear = "near";    // a near copy by its fingerprint

struct ArticleRow : ArticleRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> duplicate_of;
  std::string duplicate_kind;  // kDuplicateExact, kDuplicateNear, or "" when not a copy
  std::int64_t story_id = 0;   // the story's first article (this one's id when it is the first)
  int revisions = 0;           // earlier texts kept
  std::vector<ArticleRevision> history;  // oldest first; read only when ExportFilter::revisions
};

struct AddedArticle {
  std::int64_t id = 0;
  std::optional<std::int64_t> duplicate_of;
  std::string duplicate_kind;  // kDuplicateExact, kDuplicateNear or ""
  std::int64_t story_id = 0;
  int distance = 0;      // a near copy: Hamming distance of the two SimHashes
  double overlap = 0;    // a near copy: share of the shorter body's shingles in the other
  bool existed = false;  // this canonical_url was already stored: the row was updated, not added
  bool revised = false;  // ...with another content_hash: its earlier text is revision `revisions`
  int revisions = 0;     // earlier texts the article now has
};

// A body's nearest stored copy, as add_article would link it.
struct NearHit {
  std::int64_t id = 0;
  std::int64_t story_id = 0;
  int distance = 0;
  double overlap = 0;
};

struct UrlRecord {
  std::string site;
  std::string url;
  std::string canonical_url;
  std::string via;  // the source (feed/section URL or article URL) it was discovered on
  std::string host; // politeness key, "scheme://host:port" (Url::host_key())
  std::optional<WallTime> not_before;  // first attempt no sooner than this (default: now)
  // A sitemap's <lastmod>: a URL already fetched (done or no_article) before this instant is queued
  // again, since the page changed after we read it; one fetched after it is left alone.
  std::optional<WallTime> lastmod;
  // The date of the listing item that led to it (feed item's published/updated, news sitemap
  // publication_date, else sitemap lastmod) and which kind of listing gave it ("feed", "sitemap").
  // Kept in urls.item_published_at / item_date_kind: a URL already known keeps its first date
  // unless it had none. Ignored when item_date_from is empty.
  std::optional<WallTime> item_published;
  std::string item_date_from;
};

// A queued URL handed to the crawler by claim_due().
struct DueUrl {
  std::int64_t id = 0;
  std::string site;
  std::string url;
  std::string host;
  std::string via;
  int attempts = 0;  // tries already made
  std::string canonical_url;  // the frontier key (set_url_state, retry_later)
  std::optional<WallTime> item_published;  // UrlRecord::item_published as stored
  std::string item_date_from;              // "feed", "sitemap" or "" (no item date)
};

struct ClaimedBatch {
  std::vector<DueUrl> urls;            // now in state claimed
  // The earliest next_attempt_at among the URLs still queued after this claim; none: nothing left.
  // At or before `now` when due URLs were left behind (by `limit` or `per_host`).
  std::optional<WallTime> next_due_at;
  std::int64_t queued = 0;             // URLs still queued after this claim (due or not)
};

struct UrlRow {
  std::string site;
  std::string url;
  std::string canonical_url;
  std::string state;
  int attempts = 0;
};

struct FetchRecord {
  std::string site;
  std::string url;
  std::string kind;  // "feed", "section", "sitemap", "article"
  WallTime started_at{};
  int status = 0;    // HTTP status, 0 when no response
  std::int64_t bytes = 0;
  std::int64_t ms = 0;
  std::string error;
};

struct SourceRecord {
  std::string site;
  std::string url;
  std::string kind;  // "feed", "section", "sitemap"
  std::string etag;
  std::string last_modified;
  std::optional<WallTime> next_due_at;
  std::int64_t interval_s = 0;
  int failures = 0;  // consecutive
  int last_status = 0;
  std::string last_error;
  std::optional<WallTime> last_success_at;
  // "" for a source of the site file; "html" (advertised by the start page), "robots" (a Sitemap:
  // line) or "index" (a child of a sitemap index) for one the crawler found.
  std::string origin;
  std::optional<WallTime> lastmod;  // a child sitemap: its <lastmod> in the index when last read
  std::int64_t items_week = -1;     // new items over the last 7 days (-1: not counted yet)
};

// One item of a feed as record_items() sees it: a stable hash of its id, and its date if any.
struct SeenItem {
  std::uint64_t key = 0;
  std::optional<WallTime> published;
};

struct ItemCounts {
  std::int64_t new_items = 0;  // items not seen before in this source (this fetch)
  std::int64_t week = 0;       // items first seen in the last 7 days, this fetch included
  bool first = false;          // the source had no item history before this fetch
};

struct SiteStats {
  std::string site;
  int sources = 0;
  int failing_sources = 0;  // sources whose last fetch failed
  std::optional<WallTime> last_success_at;
  std::int64_t articles = 0;
  std::int64_t duplicates = 0;
  std::int64_t extraction_misses = 0;  // urls in state no_article
  std::int64_t urls_queued = 0;
  std::int64_t urls_failed = 0;
  std::int64_t urls_disallowed = 0;  // robots.txt
};

// Writes that failed since open(): constraint errors, bad values, failed commits. Each is also
// reported to its callback when the call has one.
struct WriteErrors {
  std::int64_t count = 0;
  std::optional<Error> last;
};

// Checkpoints of the write-ahead log (store/wal_checkpointer.h): run in the background, or by the writer
// when the log reached its limit first.
struct CheckpointStats {
  std::uint64_t background = 0;        // passes of the thread
  std::uint64_t background_pages = 0;  // about the pages they copied into the database
  std::uint64_t by_writer = 0;
  std::optional<Error> last_error;  // the last one that failed, if any did
};

struct StoreOptions {
  const Clock* clock = &akhbar::system_clock();  // the time a batch is written at
  // Backpressure: a write call blocks while this many operations are waiting for the writer (calls
  // made from a callback, i.e. on the writer thread itself, never block).
  std::size_t max_queued = 10'000;
  // Operations applied in one transaction at most. The writer takes whatever is waiting (up to
  // this many) as soon as it is idle, so nothing waits for a timer before being committed: a crawl's
  // batches are what arrived during the previous commit, and this bound only shapes bursts. Large
  // batches share the pages their random-key index rows dirty: at 200,000 stored articles, 2,000
  // per batch stored 7,700 articles/s against 4,200 with 500 (bench/store_bench.cc).
  std::size_t max_batch = 2000;
  // fetch_log keeps the fetches of the last fetch_log_days (counted back from the newest fetch, so
  // pruning reads no clock), and never more than fetch_log_keep rows.
  Millis fetch_log_days{30LL * 24 * 3600 * 1000};
  std::int64_t fetch_log_keep = 1'000'000;     // newest fetch_log rows kept at most
  std::int64_t fetch_log_prune_every = 1000;   // log_fetch calls between two prunes
  // claim_due reads at most this many due rows in due order before it switches to walking the
  // queued hosts one by one (same result; see store/frontier.cc). 0: 4 × limit + 64.
  std::size_t claim_scan_budget = 0;
  // Keep the search index up to date (store/search_index.h) on a thread of the store. Off: the
  // index is left as it is (searches see what it holds), and the next store opened with it on
  // catches up from where it stopped.
  bool index_search = true;
  // The write-ahead log is checkpointed in the background each time it has grown by this many
  // pages, and by the writer itself once it holds wal_limit_pages and the thread is not in the
  // middle of a pass (twice that in any case): the log file stays under about twice the limit
  // (store/wal_checkpointer.h).
  int wal_step_pages = 16384;
  int wal_limit_pages = 65536;
};

struct ExportFilter {
  std::string site;              // empty: all
  std::optional<WallTime> since; // fetched_at >= since
  std::optional<std::int64_t> story;  // only the articles of this story
  bool revisions = false;        // also read each article's earlier texts (ArticleRow::history)
};

// One copy of a story.
struct StoryCopy {
  std::int64_t article_id = 0;
  std::string site;
  std::string canonical_url;
  std::string title;
  WallTime at{};           // published_at when known, else fetched_at
  bool published = false;  // `at` is the publication time
  std::optional<std::int64_t> duplicate_of;
  std::string duplicate_kind;
};

struct Story {
  std::int64_t id = 0;            // story_id: its first stored article
  std::vector<StoryCopy> copies;  // who ran it first comes first: by `at`, then by id
};

struct StoryFilter {
  std::string site;               // stories with a copy on this site; empty: all
  std::optional<WallTime> since;  // stories with a copy fetched at or after this
  std::size_t min_copies = 2;     // a story of one article is no story of copies
};

// Ranking reads every match it ranks: a query that matches a large part of the store (a very common
// word) is ranked among its newest kSearchPool matches (by id, i.e. when they were stored), so that
// its cost stays bounded as the store grows (SearchResults::pooled says so). Narrower queries are
// ranked over all their matches.
inline constexpr std::size_t kSearchPool = 10'000;
struct SearchFilter {
  std::string site;               // empty: all
  std::optional<WallTime> since;  // published at or after (fetched at or after, for an undated article)
  std::size_t limit = 20;         // capped at kMaxSearchLimit
  std::size_t pool = kSearchPool; // the most matches ranked (the newest), 0: all; at least `limit`
};
inline constexpr std::size_t kMaxSearchLimit = 1000;

struct SearchHit {
  std::int64_t id = 0;
  std::string site;
  std::string title;
  std::string url;
  std::string published_at_text;  // as stored (RFC 3339 with the site's offset), "" when undated
  WallTime fetched_at{};
  std::string body;  // the stored (original) text, for the snippet
  double rank = 0;   // bm25, lower is better
};

struct SearchResults {
  std::vector<SearchHit> hits;  // best first
  bool pooled = false;          // more than kSearchPool articles matched: ranked among the newest of them
  // Articles stored that the index has not read yet (it is caught up on a thread of its own, and by
  // flush()): they cannot be among the hits.
  std::int64_t unindexed = 0;
};

// The search index file of the store at `store_path`, beside it: "akhbar.db" → "akhbar.search.db",
// "store" → "store.search". Only an index: deleted, it is rebuilt from the store.
std::filesystem::path search_index_path(const std::filesystem::path& store_path);

class Store {
 public:
  // Opens (creating when absent) and migrates the database, then starts the writer thread.
  // kUnavailable when the file cannot be opened, kDataLoss when it is not a database.
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& path);
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& path, const StoreOptions& options);
  ~Store();  // commits everything queued, then stops the writer
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // --- asynchronous writes, applied in call order by the writer thread; thread-safe ---
  void ensure_site(std::string name, std::string config_hash);
  // INSERT OR IGNORE by canonical_url; `done(true)` when the URL is new (then in state queued, due
  // at url.not_before or now, under url.host or, when empty, the host key computed from url.url).
  // A URL already known (done, failed, queued...) is left as it is, unless url.lastmod says it
  // changed after it was fetched: then it is queued again and `done(true)` too.
  void add_url(UrlRecord url, std::function<void(bool inserted)> done = {});
  // add_url for every URL of a listing, as one operation: `done(n)` with how many were queued
  // (new or queued again); 0 when the operation failed (reported in write_errors()).
  void add_urls(std::vector<UrlRecord> urls, std::function<void(std::size_t queued)> done = {});
  // Any kUrl* state; the due time is left as it was.
  void set_url_state(std::string canonical_url, std::string_view state, int attempts, std::string error = {});
  void log_fetch(FetchRecord fetch);
  void save_source(SourceRecord source);
  // The items a feed showed at `now` (its source row is created when missing). An item seen for the
  // first time counts as new now; on the source's first fetch there is no "before", so a dated item
  // counts as first seen at its publication time (bounded by now) and an undated one as older than
  // a week: the first estimate of the feed's rate comes from the dates it shows. Items gone for 30
  // days are forgotten. `done` gets the counts after commit.
  void record_items(std::string site, std::string source_url, std::string kind, std::vector<SeenItem> items,
                    WallTime now, std::function<void(Result<ItemCounts>)> done);
  // Marks the URL done and stores the article, its dedupe decided in the same step (the writer
  // thread, inside the batch's transaction, so two copies in flight together never both become
  // the first): a stored content_hash makes it an exact duplicate of the first article with it;
  // else a near copy found through article.near makes it a near duplicate; else it starts a
  // story. A canonical URL already stored is updated; when its content_hash changed, the earlier
  // text becomes a revision and the new one is matched again (joining, and merging, another
  // story when it is a copy of one).
  void add_article(ArticleRecord article, std::function<void(Result<AddedArticle>)> done = {});

  // --- the durable frontier (writer thread; callbacks after commit) ---
  // Claims up to `limit` queued URLs with next_attempt_at <= now, at most `per_host` of one host,
  // oldest due first (ties: host, then id), and marks them claimed so no later call returns them
  // again; the batch also tells when the next queued URL is due and how many stay queued. Cost
  // O(limit · log n) in the common case, O(hosts with queued URLs · log n) at worst; never a scan
  // of the queue. `limit` is capped at 100000.
  void claim_due(WallTime now, std::size_t limit, std::size_t per_host,
                 std::function<void(Result<ClaimedBatch>)> done);
  // A transient failure: back to queued, attempts recorded, not before `not_before`. A URL already
  // done stays done.
  void retry_later(std::string canonical_url, int attempts, WallTime not_before, std::string error);
  // A configured source answered 301/308: its stored row follows it to `new_url` (when `new_url`
  // already has a row for the site, the old row is deleted instead).
  void move_source(std::string site, std::string old_url, std::string new_url);
  // After a crash or kill: every claimed or fetching URL is queued again (due now). Call once at
  // crawler start, never from a reader (`stats`) since it would steal a running daemon's claims.
  // Blocks until committed; returns how many were requeued. kInternal when called from a store
  // callback (the writer thread cannot wait for itself).
  Result<std::int64_t> recover_frontier();
  // Blocks until everything queued before the call has been committed, its callbacks have run and
  // its articles are in the search index (or indexing failed: search_index_error()). Returns at
  // once when called from a callback (the writer thread cannot wait for itself).
  void flush();
  // flush() without waiting for the search index (which goes on reading on its own thread, or at
  // the next open): for a daemon that is stopping.
  void flush_writes();
  // Callbacks run on the writer thread, after the commit of their batch (or with the error when the
  // operation or the commit failed). They must not throw and should be short: they hold up the writer.

  WriteErrors write_errors() const;
  // The last step of search indexing, when it failed (it is tried again); none when it succeeded.
  std::optional<Error> search_index_error() const;
  CheckpointStats checkpoint_stats() const;

  // --- synchronous reads on the read connection; safe from any one thread at a time ---
  Result<void> for_each_article(const ExportFilter& filter, const std::function<void(const ArticleRow&)>& fn);
  // Stories in story_id order, each with its copies (one query; docs/dedupe.md). Streams: one
  // story in memory at a time.
  Result<void> for_each_story(const StoryFilter& filter, const std::function<void(const Story&)>& fn);
  // The stored article `near` is a near copy of, as add_article would find it: a lookup in the
  // band index plus verification of a bounded number of candidates, never a scan.
  Result<std::optional<NearHit>> find_near_copy(const parsers::NearFingerprint& near);
  Result<std::vector<SiteStats>> site_stats();
  Result<std::optional<SourceRecord>> load_source(std::string_view site, std::string_view url);
  // Every source row of a site (configured and discovered), by id; all sites when `site` is empty.
  Result<std::vector<SourceRecord>> load_sources(std::string_view site);
  // URLs left queued or fetching by an earlier run, oldest first. Reads the urls table without an
  // index (a scan): for tools and tests; the crawler uses recover_frontier() and claim_due().
  Result<std::vector<UrlRow>> pending_urls(std::size_t limit);
  Result<std::int64_t> count_queued();  // queued + claimed + fetching
  Result<std::int64_t> count_articles();
  // Full-text search (store/search.h): the best `filter.limit` articles for `query`, best first
  // (bm25 over the normalised title and body, a title match counting double; see kSearchPool).
  Result<SearchResults> search(const parsers::SearchQuery& query, const SearchFilter& filter);
  // Articles stored that the search index has not read yet (SearchResults::unindexed).
  Result<std::int64_t> search_backlog();

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace akhbar::store
