#include "store/migrations.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "store/key_functions.h"
#include "store/recanonicalise.h"
#include "store/rekey_articles.h"
#include "store/sqlite_handles.h"
#include "store/url_host.h"

namespace akhbar::store {
namespace {

// Time conventions: INTEGER *_at columns hold unix milliseconds (UTC); published_ts holds unix
// seconds; TEXT published_at / fetched_at hold RFC 3339 (published_at with the site's offset, as
// the extractor gave it). Empty strings, not NULL, stand for "none" in text columns.
constexpr const char* kMigration1 = R"sql(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES
  ('schema', 'akhbar store, see store/migrations.cc; INTEGER *_at columns are unix ms, published_ts is unix s, fetched_ts is unix ms, TEXT published_at/fetched_at are RFC 3339'),
  ('articles_fts', 'rowid = articles.id; title/body as stored (not yet the normalised dedupe text)');

CREATE TABLE sites(
  id          INTEGER PRIMARY KEY,
  name        TEXT UNIQUE NOT NULL,
  config_hash TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sources(
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites(id),
  url             TEXT NOT NULL,
  kind            TEXT NOT NULL DEFAULT '',
  etag            TEXT NOT NULL DEFAULT '',
  last_modified   TEXT NOT NULL DEFAULT '',
  next_due_at     INTEGER,
  interval_s      INTEGER NOT NULL DEFAULT 0,
  failures        INTEGER NOT NULL DEFAULT 0,
  last_status     INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  last_success_at INTEGER,
  UNIQUE(site_id, url)
);

-- The frontier: every URL ever discovered, with where it stands.
CREATE TABLE urls(
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites(id),
  url             TEXT NOT NULL,
  canonical_url   TEXT UNIQUE NOT NULL,
  state           TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  discovered_at   INTEGER NOT NULL,
  via             TEXT NOT NULL DEFAULT '',
  last_error      TEXT NOT NULL DEFAULT '',
  updated_at      INTEGER NOT NULL
);
CREATE INDEX urls_state ON urls(state, discovered_at);
CREATE INDEX urls_site_state ON urls(site_id, state);

CREATE TABLE articles(
  id            INTEGER PRIMARY KEY,
  url_id        INTEGER REFERENCES urls(id),
  site_id       INTEGER NOT NULL REFERENCES sites(id),
  url           TEXT NOT NULL,
  canonical_url TEXT UNIQUE NOT NULL,
  title         TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  published_at  TEXT,
  published_ts  INTEGER,
  published_raw TEXT NOT NULL DEFAULT '',
  body          TEXT NOT NULL DEFAULT '',
  lang          TEXT NOT NULL DEFAULT '',
  content_hash  TEXT NOT NULL DEFAULT '',
  simhash       INTEGER NOT NULL DEFAULT 0,
  fetched_at    TEXT NOT NULL,
  fetched_ts    INTEGER NOT NULL,
  duplicate_of  INTEGER REFERENCES articles(id)
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_site ON articles(site_id);
CREATE INDEX articles_fetched ON articles(fetched_ts);

-- Bounded by the writer: only the newest rows are kept.
CREATE TABLE fetch_log(
  id         INTEGER PRIMARY KEY,
  site       TEXT NOT NULL,
  url        TEXT NOT NULL,
  kind       TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  status     INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  ms         INTEGER NOT NULL,
  error      TEXT NOT NULL DEFAULT ''
);

-- Full-text index with its own copy of the text, rowid = articles.id, written by the store.
-- For now it is fed the title/body as stored; a later migration/issue feeds the normalised
-- Arabic text (the dedupe key text) so that search matches across spelling variants.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61');
)sql";

// The durable frontier: a politeness key per URL (rows from version 1 get it from their URL), a
// due time on every row, partial indexes over the queued rows that let claim_due() work in
// O(limit · log n) rather than scan the queue, and per-state row counts kept by triggers so "how
// many are queued" is one lookup instead of counting a million index entries. New states:
// 'claimed' (handed to the crawler's in-memory window) and 'disallowed' (robots.txt).
constexpr const char* kMigration2 = R"sql(
ALTER TABLE urls ADD COLUMN host TEXT NOT NULL DEFAULT '';
UPDATE urls SET host = akhbar_host_key(url);
UPDATE urls SET next_attempt_at = discovered_at WHERE next_attempt_at IS NULL;

-- Partial indexes over the queue only: done rows (the bulk of the table, forever) stay out of
-- them, and claiming a URL removes one entry from each instead of moving it inside them.
-- Columns chosen so that every claim query is a covering index range read in the order it
-- asks for, with no sort step: `state` first (equal in every entry, but SQLite 3.40 only skips it
-- for ordering when the query constrains it as an index column), `id` last (ties in due order).
-- The queries name them with INDEXED BY, since the planner would rather use urls_state.
-- Due order (claim_due's first pass, next_due_at).
CREATE INDEX urls_due ON urls(state, next_attempt_at, host, id) WHERE state = 'queued';
-- One host's due URLs, and the distinct hosts with queued URLs (claim_due's second pass).
CREATE INDEX urls_host_due ON urls(state, host, next_attempt_at, id) WHERE state = 'queued';

-- Rows being fetched (recover_frontier after a crash).
CREATE INDEX urls_in_flight ON urls(state) WHERE state IN ('claimed', 'fetching');
-- Replaced by the partial indexes above and by url_state_counts: every claim or state change
-- had to move an entry inside each of them.
DROP INDEX urls_state;
DROP INDEX urls_site_state;

-- Rows per (site, state), kept by triggers.
CREATE TABLE url_state_counts(
  site_id INTEGER NOT NULL,
  state   TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY(site_id, state)
) WITHOUT ROWID;
INSERT INTO url_state_counts(site_id, state, n) SELECT site_id, state, COUNT(*) FROM urls GROUP BY site_id, state;
CREATE TRIGGER urls_count_insert AFTER INSERT ON urls BEGIN
  INSERT INTO url_state_counts(site_id, state, n) VALUES (NEW.site_id, NEW.state, 1)
    ON CONFLICT(site_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER urls_count_delete AFTER DELETE ON urls BEGIN
  UPDATE url_state_counts SET n = n - 1 WHERE site_id = OLD.site_id AND state = OLD.state;
END;
CREATE TRIGGER urls_count_update AFTER UPDATE OF state, site_id ON urls
  WHEN OLD.state IS NOT NEW.state OR OLD.site_id IS NOT NEW.site_id BEGIN
  UPDATE url_state_counts SET n = n - 1 WHERE site_id = OLD.site_id AND state = OLD.state;
  INSERT INTO url_state_counts(site_id, state, n) VALUES (NEW.site_id, NEW.state, 1)
    ON CONFLICT(site_id, state) DO UPDATE SET n = n + 1;
END;

INSERT OR REPLACE INTO meta(key, value) VALUES
  ('url_states', 'queued, claimed, fetching, done, no_article, failed, disallowed; ' ||
                 'urls.host is scheme://host:port; url_state_counts (rows per site and state) is kept by triggers');
)sql";

// Issue 5: sources found by the crawler itself, and what adaptive scheduling needs.
// - sources.origin: '' for a source from the site file; 'html' (a feed the start page advertises),
//   'robots' (a Sitemap: line of robots.txt) or 'index' (a child of a sitemap index) otherwise.
//   Discovered sources are reloaded at start-up as long as the site file lists none of that kind.
// - sources.lastmod: for a child sitemap, the <lastmod> its index gave when it was last read: the
//   child is fetched again only when the index announces a newer one.
// - sources.items_week: new items seen over the last 7 days as last computed (shown by stats).
// - source_items: the items a feed has shown (a 64-bit hash of each item's id), when each was first
//   and last seen; "new items over the last week" is a count over first_seen. Rows of items gone
//   from the feed for 30 days are pruned, so the table stays proportional to the feeds' length.
constexpr const char* kMigration3 = R"sql(
ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN lastmod INTEGER;
ALTER TABLE sources ADD COLUMN items_week INTEGER NOT NULL DEFAULT -1;

CREATE TABLE source_items(
  source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  item_key   INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  PRIMARY KEY(source_id, item_key)
) WITHOUT ROWID;
CREATE INDEX source_items_first_seen ON source_items(source_id, first_seen);
)sql";

// The date of the feed or sitemap item that led to a URL, and where an article's date came from.
// - urls.item_published_at: unix ms, the item's date (RSS pubDate, Atom published/updated, JSON Feed
//   date_published, news sitemap publication_date, else sitemap lastmod); NULL when it had none.
//   A URL keeps the first date it was listed with, unless it had none.
// - urls.item_date_kind: 'feed' or 'sitemap' (which kind of listing gave item_published_at), '' none.
// - articles.date_from: where published_at came from: the extractor's 'rules', 'jsonld', 'meta',
//   'microdata', 'time', 'text'; 'feed' or 'sitemap' when the page had no date and the listing's
//   item date was used; '' when there is no date (and for rows stored before this version).
constexpr const char* kMigration4 = R"sql(
ALTER TABLE urls ADD COLUMN item_published_at INTEGER;
ALTER TABLE urls ADD COLUMN item_date_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN date_from TEXT NOT NULL DEFAULT '';
)sql";

// The dedupe key changed (parsers/text/normalize.h: ؤ ئ ء are kept, ھ is folded, ، ؛ ؟
// are mapped, U+FDFD is spelled out), and search reads the key text.
// - articles_fts becomes contentless (content = ''): it indexes akhbar_normalize(title) and
//   akhbar_normalize(body) without a second copy of the text, and is kept by triggers on articles,
//   so every writer of articles feeds it the same way. A contentless table forgets what it
//   indexed, so removing a row means giving the index the same key text again ('delete'): the
//   update and delete triggers compute it from OLD, which is why a change to the key needs a
//   migration like this one that rebuilds the index.
// - Ranked by bm25 with a title match worth twice a body match (the 'rank' setting, for queries
//   that ORDER BY rank; store/search.cc calls bm25() with the same weights).
// - Then the step, rekey_articles (store/rekey_articles.h): content_hash, simhash and the index
//   entry of every stored article from its stored title and body with the new key, and
//   duplicate_of from the new hashes.
// The functions are store/key_functions.h, registered on the connection before migrating.
constexpr const char* kMigration5 = R"sql(
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content = '', tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, body) VALUES (NEW.id, akhbar_normalize(NEW.title), akhbar_normalize(NEW.body));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles
  WHEN OLD.title IS NOT NEW.title OR OLD.body IS NOT NEW.body BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', OLD.id, akhbar_normalize(OLD.title), akhbar_normalize(OLD.body));
  INSERT INTO articles_fts(rowid, title, body) VALUES (NEW.id, akhbar_normalize(NEW.title), akhbar_normalize(NEW.body));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', OLD.id, akhbar_normalize(OLD.title), akhbar_normalize(OLD.body));
END;

INSERT OR REPLACE INTO meta(key, value) VALUES
  ('articles_fts', 'rowid = articles.id; contentless FTS5 (content = '''') over akhbar_normalize(title) and ' ||
                   'akhbar_normalize(body) (the dedupe key text, parsers/text/normalize.h), kept by the ' ||
                   'articles_fts_* triggers; tokenizer unicode61 remove_diacritics 0; rank bm25(2.0, 1.0)');
)sql";

// The canonical form of a URL learned AMP addresses, more tracking parameters (at_*, mc_*, ns_*,
// ocid, ...), NFC for UTF-8 slugs and punycode for internationalised hosts (parsers/url/canonical.cc).
// The step, recanonicalise_urls (store/recanonicalise.h), brings the canonical_url of urls and
// articles to that form; a row whose new form is taken keeps its old one. No schema change.
constexpr const char* kMigration6 = "-- data only: recanonicalise_urls";

// Stories, near duplicates and revisions (docs/dedupe.md): "the stories migration".
// - articles.story_id: the story an article belongs to, the id of its first article (the lowest id
//   among its members); duplicate_of links an article to the one it was found to copy, story_id
//   to the whole group. articles.duplicate_kind: 'exact' (same content_hash), 'near' (a copy found
//   by its fingerprint) or '' (not a copy). articles.revisions: how many earlier texts of the
//   article article_revisions keeps.
// - Rows from earlier versions: an article stored as an original although an earlier one had its
//   content_hash (a re-fetched URL could do that: its lookup only looked at lower ids) becomes a
//   duplicate of the first one; every link is exact; story_id is the end of each duplicate_of
//   chain (links always point to a lower id, which the recursion relies on to end). Old rows have
//   no fingerprint: they are found again by content_hash only.
// - article_revisions: the text an article had before a fetch of its canonical URL brought another
//   content_hash; revision 1 is the first text stored; replaced_ts (unix ms) is when it was replaced.
// - article_fingerprints: what near-duplicate verification compares (parsers/dedupe/fingerprint.h):
//   the shingle and number hashes as little-endian uint32 arrays, and the bucket keys the article
//   is indexed under in article_bands (so they can be removed when its text changes).
// - article_bands: the locality-sensitive buckets, (band key, article): candidates are a range
//   read per bucket, never a scan.
constexpr const char* kMigration7 = R"sql(
ALTER TABLE articles ADD COLUMN story_id INTEGER;
ALTER TABLE articles ADD COLUMN duplicate_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN revisions INTEGER NOT NULL DEFAULT 0;

UPDATE articles SET duplicate_of =
    (SELECT MIN(b.id) FROM articles b WHERE b.content_hash = articles.content_hash AND b.id < articles.id)
  WHERE duplicate_of IS NULL AND content_hash <> ''
    AND EXISTS (SELECT 1 FROM articles b WHERE b.content_hash = articles.content_hash AND b.id < articles.id);
UPDATE articles SET duplicate_kind = 'exact' WHERE duplicate_of IS NOT NULL;

CREATE TEMP TABLE story_roots(id INTEGER PRIMARY KEY, root INTEGER NOT NULL);
WITH RECURSIVE up(id, cur) AS (
  SELECT id, id FROM articles
  UNION ALL
  SELECT up.id, a.duplicate_of FROM up JOIN articles a ON a.id = up.cur
   WHERE a.duplicate_of IS NOT NULL AND a.duplicate_of < a.id
)
INSERT INTO story_roots(id, root) SELECT id, MIN(cur) FROM up GROUP BY id;
UPDATE articles SET story_id = (SELECT root FROM story_roots r WHERE r.id = articles.id);
DROP TABLE story_roots;
-- Covering what `stories` reads: columns added by a migration sit after the body in each record,
-- so reading them from the row walks the body's overflow pages.
CREATE INDEX articles_story ON articles(story_id, fetched_ts, duplicate_of, duplicate_kind);
DROP INDEX articles_fetched;
CREATE INDEX articles_fetched ON articles(fetched_ts, site_id, story_id);

CREATE TABLE article_revisions(
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER NOT NULL REFERENCES articles(id),
  revision      INTEGER NOT NULL,
  title         TEXT NOT NULL,
  author        TEXT NOT NULL,
  published_at  TEXT,
  published_ts  INTEGER,
  published_raw TEXT NOT NULL,
  body          TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  fetched_at    TEXT NOT NULL,
  fetched_ts    INTEGER NOT NULL,
  replaced_ts   INTEGER NOT NULL,
  UNIQUE(article_id, revision)
);

CREATE TABLE article_fingerprints(
  article_id INTEGER PRIMARY KEY REFERENCES articles(id),
  simhash    INTEGER NOT NULL,
  shingles   BLOB NOT NULL,
  numbers    BLOB NOT NULL,
  bands      BLOB NOT NULL
);
CREATE TABLE article_bands(
  band       INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  PRIMARY KEY(band, article_id)
) WITHOUT ROWID;

INSERT OR REPLACE INTO meta(key, value) VALUES
  ('stories', 'articles.story_id = lowest id of the story; duplicate_kind exact, near or empty; ' ||
              'article_revisions keeps replaced texts; article_bands/article_fingerprints: near-duplicate index');
)sql";

// A new article's search entry is written by the store's writer from the key text the record
// carries (computed where the article was built, off the writer thread), not by a trigger that
// normalised the title and body again on the writer. Changed texts and deletions still go through
// the triggers of migration 5, which need the old text's key anyway.
constexpr const char* kMigration8 = R"sql(
DROP TRIGGER articles_fts_insert;
INSERT OR REPLACE INTO meta(key, value) VALUES
  ('articles_fts', 'rowid = articles.id; contentless FTS5 (content = '''') over akhbar_normalize(title) and ' ||
                   'akhbar_normalize(body): written by the store on insert, kept on update and delete by the ' ||
                   'articles_fts_update and articles_fts_delete triggers; tokenizer unicode61 ' ||
                   'remove_diacritics 0; rank bm25(2.0, 1.0)');
)sql";

// The search index moves to a file of its own (store/search_index.h), written by a thread of its own
// from the committed rows: the store's writer no longer tokenises text, and the index can be
// rebuilt by deleting its file. store_id tells the index file which store it was built from.
constexpr const char* kMigration9 = R"sql(
DROP TRIGGER IF EXISTS articles_fts_update;
DROP TRIGGER IF EXISTS articles_fts_delete;
DROP TABLE IF EXISTS articles_fts;
INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', lower(hex(randomblob(16))));
INSERT OR REPLACE INTO meta(key, value) VALUES
  ('articles_fts', 'in the search index file beside the store (akhbar.search.db for akhbar.db): contentless ' ||
                   'FTS5 over the normalised title and body, rowid = articles.id, caught up from articles ' ||
                   'and article_revisions by their ids');
)sql";

// The near-duplicate buckets move to memory (store/near_buckets.h): article_bands keyed (band,
// article) put 8 rows with random keys on 8 random pages for every article written. It becomes one
// row per indexed article, appended: its bucket keys, read back when the writer starts.
// - seq: the order articles were indexed in, never reused (AUTOINCREMENT), so that a process
//   reads what others indexed since its last batch by seq alone;
// - bands: the kNearBands bucket keys, little-endian uint64 (what article_fingerprints.bands
//   held, dropped here).
constexpr const char* kMigration10 = R"sql(
DROP TABLE article_bands;
CREATE TABLE article_bands(
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  bands      BLOB NOT NULL
);
INSERT INTO article_bands(article_id, bands) SELECT article_id, bands FROM article_fingerprints ORDER BY article_id;
CREATE INDEX article_bands_article ON article_bands(article_id);
ALTER TABLE article_fingerprints DROP COLUMN bands;
INSERT OR REPLACE INTO meta(key, value) VALUES
  ('stories', 'articles.story_id = lowest id of the story; duplicate_kind exact, near or empty; ' ||
              'article_revisions keeps replaced texts; article_fingerprints: what near copies are verified ' ||
              'with; article_bands: each indexed article''s bucket keys, in the order indexed (seq), ' ||
              'held in memory as the near-duplicate index');
)sql";

// Exact copies are found by the first 16 hex digits of content_hash (64 bits), then the whole
// hash: the index holds a quarter of the bytes it did, so the pages that every new article's
// random hash dirties are a quarter as many (every one of them is written twice, WAL then
// checkpoint). substr() is SQLite's own, so any connection (the sqlite3 shell too) can write the
// table.
constexpr const char* kMigration11 = R"sql(
CREATE INDEX articles_content_key ON articles(substr(content_hash, 1, 16));
DROP INDEX articles_content_hash;
)sql";

// A migration is its SQL, then, when the SQL cannot say it, a C++ step on the same connection and in
// the same transaction.
struct Migration {
  const char* sql;
  Result<void> (*step)(sqlite3* db) = nullptr;
};

constexpr Migration kMigrations[] = {
    {kMigration1},
    {kMigration2},
    {kMigration3},
    {kMigration4},
    {kMigration5, rekey_articles},
    {kMigration6, recanonicalise_urls},
    {kMigration7},
    {kMigration8},
    {kMigration9},
    {kMigration10},
    {kMigration11},
};

Result<void> rollback_with(sqlite3* db, Error error) {
  (void)exec(db, "ROLLBACK");
  return tl::make_unexpected(std::move(error));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(std::size(kMigrations)); }

Result<int> schema_version(sqlite3* db) {
  auto stmt = Stmt::prepare(db, "PRAGMA user_version");
  if (!stmt) return tl::make_unexpected(std::move(stmt.error()));
  auto row = stmt->step();
  if (!row) return tl::make_unexpected(std::move(row.error()));
  if (!*row) return fail(Errc::kInternal, "store: PRAGMA user_version returned no row");
  return static_cast<int>(stmt->int64(0));
}

Result<void> migrate(sqlite3* db) { return migrate(db, latest_schema_version()); }

Result<void> migrate(sqlite3* db, int up_to) {
  const int latest = latest_schema_version();
  if (auto registered = register_host_key_function(db); !registered) return registered;
  if (auto registered = register_key_functions(db); !registered) return registered;
  for (int target = 1; target <= std::min(up_to, latest); ++target) {
    auto current = schema_version(db);
    if (!current) return tl::make_unexpected(std::move(current.error()));
    if (*current > latest) {
      return fail(Errc::kInvalidInput, "store: database schema version " + std::to_string(*current) +
                                           " is newer than this build knows (" + std::to_string(latest) + ")");
    }
    if (*current >= target) continue;

    if (auto begun = exec(db, "BEGIN IMMEDIATE"); !begun) return begun;
    // Another process may have migrated between our read and our lock.
    auto locked = schema_version(db);
    if (!locked) return rollback_with(db, std::move(locked.error()));
    if (*locked >= target) {
      if (auto done = exec(db, "COMMIT"); !done) return done;
      continue;
    }
    const Migration& migration = kMigrations[target - 1];
    auto applied = exec(db, migration.sql);
    if (applied && migration.step != nullptr) applied = migration.step(db);
    if (!applied) {
      Error error = std::move(applied.error());
      error.message += " (migration " + std::to_string(target) + ")";
      return rollback_with(db, std::move(error));
    }
    if (auto bumped = exec(db, "PRAGMA user_version = " + std::to_string(target)); !bumped) {
      return rollback_with(db, std::move(bumped.error()));
    }
    if (auto committed = exec(db, "COMMIT"); !committed) return rollback_with(db, std::move(committed.error()));
  }
  return {};
}

}  // namespace akhbar::store
