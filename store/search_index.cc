#include "store/search_index.h"

#include <charconv>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "parsers/text/normalize.h"

namespace akhbar::store {
namespace {

namespace fs = std::filesystem;

// Text read from the store per step at most (about 1,000 news articles): the memory a step holds.
constexpr std::size_t kStepBytes = 8u << 20;

constexpr const char* kSchema = R"sql(
DROP TABLE IF EXISTS articles_fts;
DROP TABLE IF EXISTS search_state;
CREATE TABLE search_state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content = '', tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
-- An 8 MiB term buffer (FTS5's default is 1 MiB, which a step of news articles overflows several
-- times) and segments merged eight at a time rather than four: half the CPU per article indexed,
-- measured on news-length Arabic text (docs/search.md).
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO search_state(key, value) VALUES ('articles', '0'), ('revisions', '0');
)sql";

constexpr const char* kReadState = "SELECT value FROM search_state WHERE key = ?1";
constexpr const char* kWriteState = "INSERT OR REPLACE INTO search_state(key, value) VALUES (?1, ?2)";
constexpr const char* kInsert = "INSERT INTO articles_fts(rowid, title, body) VALUES (?1, ?2, ?3)";
constexpr const char* kDelete =
    "INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)";

constexpr const char* kStoreId = "SELECT value FROM meta WHERE key = 'store_id'";
constexpr const char* kLastArticle = "SELECT COALESCE(MAX(id), 0) FROM articles";
constexpr const char* kLastRevision = "SELECT COALESCE(MAX(id), 0) FROM article_revisions";
// For each article already indexed and revised since, its first revision after the mark: the text
// that revision replaced is the one the index holds.
constexpr const char* kRevised =
    "SELECT article_id, MIN(id) FROM article_revisions WHERE id > ?1 AND article_id <= ?2 GROUP BY article_id";
constexpr const char* kRevisionText = "SELECT title, body FROM article_revisions WHERE id = ?1";
constexpr const char* kArticleText = "SELECT title, body FROM articles WHERE id = ?1";
constexpr const char* kNewArticles = "SELECT id, title, body FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2";

tl::unexpected<Error> in_file(Error error, const fs::path& path) {
  error.message += " (search index " + path.string() + ")";
  return tl::make_unexpected(std::move(error));
}

Result<std::optional<std::string>> read_text(sqlite3* db, StmtCache& stmts, const char* sql,
                                             std::string_view key = {}) {
  auto q = stmts.get(db, sql);
  if (!q) return pass(q);
  if (!key.empty()) (*q)->bind(1, key);
  auto row = (*q)->step();
  if (!row) return pass(row);
  std::optional<std::string> out;
  if (*row) out = (*q)->text(0);
  (*q)->reset();
  return out;
}

Result<std::int64_t> read_mark(sqlite3* db, StmtCache& stmts, std::string_view key) {
  auto v = read_text(db, stmts, kReadState, key);
  if (!v) return pass(v);
  if (!*v) return fail(Errc::kDataLoss, "store: search index has no '" + std::string(key) + "' mark");
  std::int64_t mark = 0;
  const std::string& text = **v;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), mark);
  if (ec != std::errc() || end != text.data() + text.size() || mark < 0) {
    return fail(Errc::kDataLoss, "store: search index mark '" + std::string(key) + "' is not a count: " + text);
  }
  return mark;
}

Result<void> write_mark(sqlite3* db, StmtCache& stmts, std::string_view key, std::string_view value) {
  auto q = stmts.get(db, kWriteState);
  if (!q) return pass(q);
  (*q)->bind(1, key).bind(2, value);
  return (*q)->run();
}

// Index (or, with kDelete, remove) one article's text as it is stored.
Result<void> put(sqlite3* db, StmtCache& stmts, const char* sql, std::int64_t id, std::string_view title,
                 std::string_view body) {
  auto q = stmts.get(db, sql);
  if (!q) return pass(q);
  (*q)->bind(1, id);
  (*q)->bind(2, std::string_view(parsers::normalize_arabic(title)));
  (*q)->bind(3, std::string_view(parsers::normalize_arabic(body)));
  return (*q)->run();
}

Result<std::pair<std::string, std::string>> text_of(sqlite3* db, StmtCache& stmts, const char* sql, std::int64_t id) {
  auto q = stmts.get(db, sql);
  if (!q) return pass(q);
  (*q)->bind(1, id);
  auto row = (*q)->step();
  if (!row) return pass(row);
  if (!*row) return fail(Errc::kDataLoss, "store: row " + std::to_string(id) + " vanished while indexing");
  auto out = std::make_pair((*q)->text(0), (*q)->text(1));
  (*q)->reset();
  return out;
}

// Commits or rolls back both transactions of a step.
class Transactions {
 public:
  Transactions(sqlite3* index, sqlite3* store) : index_(index), store_(store) {}
  ~Transactions() {
    if (store_open_) (void)exec(store_, "ROLLBACK");
    if (index_open_) (void)exec(index_, "ROLLBACK");
  }
  Result<void> begin() {
    if (auto r = exec(store_, "BEGIN"); !r) return r;
    store_open_ = true;
    if (auto r = exec(index_, "BEGIN IMMEDIATE"); !r) return r;
    index_open_ = true;
    return {};
  }
  // Ends the read of the store (its snapshot is no longer needed).
  Result<void> end_read() {
    auto r = exec(store_, "COMMIT");
    if (r) store_open_ = false;
    return r;
  }
  Result<void> commit() {
    auto r = exec(index_, "COMMIT");
    if (r) index_open_ = false;
    return r;
  }

 private:
  sqlite3* index_;
  sqlite3* store_;
  bool index_open_ = false;
  bool store_open_ = false;
};

// Whether the index file holds an index of this store, in this format, not ahead of it.
Result<bool> usable(sqlite3* index, StmtCache& index_stmts, sqlite3* store, StmtCache& store_stmts,
                    const std::string& store_id) {
  auto version = read_int(index, index_stmts, "PRAGMA user_version");
  if (!version) return pass(version);
  if (*version != kSearchIndexFormat) return false;
  auto id = read_text(index, index_stmts, kReadState, "store_id");
  if (!id) return pass(id);
  if (!*id || **id != store_id) return false;
  auto mark = read_mark(index, index_stmts, "articles");
  if (!mark) return pass(mark);
  auto last = read_int(store, store_stmts, kLastArticle);
  if (!last) return pass(last);
  return *mark <= *last;
}

Result<void> prepare_file(sqlite3* index, StmtCache& index_stmts, sqlite3* store, StmtCache& store_stmts,
                          const std::string& store_id) {
  if (auto r = exec(index, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"); !r) return r;
  Transactions tx(index, store);
  if (auto r = tx.begin(); !r) return r;
  bool ok = false;
  if (auto has = read_int(index, index_stmts, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'search_state'");
      !has) {
    return pass(has);
  } else if (*has != 0) {
    auto u = usable(index, index_stmts, store, store_stmts, store_id);
    if (!u) return pass(u);
    ok = *u;
  }
  if (ok) return tx.commit();
  if (auto r = exec(index, kSchema); !r) return r;
  if (auto r = write_mark(index, index_stmts, "store_id", store_id); !r) return r;
  if (auto r = exec(index, "PRAGMA user_version = " + std::to_string(kSearchIndexFormat)); !r) return r;
  return tx.commit();
}

void remove_file(const fs::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fs::path(path.string() + suffix), ignored);
}

}  // namespace

fs::path search_index_path(const fs::path& store_path) {
  fs::path out = store_path;
  if (store_path.has_extension()) {
    out.replace_extension(".search" + store_path.extension().string());
  } else {
    out += ".search";
  }
  return out;
}

Result<SearchIndex> SearchIndex::open(const fs::path& store_path) {
  const fs::path path = search_index_path(store_path);
  auto store = open_sqlite(store_path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!store) return pass(store);
  StmtCache store_stmts;
  auto id = read_text(store->get(), store_stmts, kStoreId);
  if (!id) return pass(id);
  if (!*id) return fail(Errc::kInternal, "store: " + store_path.string() + " has no store_id (not migrated?)");

  for (int attempt = 0;; ++attempt) {
    auto index = open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    if (!index) return pass(index);
    StmtCache index_stmts;
    auto ready = prepare_file(index->get(), index_stmts, store->get(), store_stmts, **id);
    if (ready) {
      return SearchIndex(path, std::move(*index), std::move(*store));
    }
    // Only an index: a file that is not (or no longer) a database is replaced, once.
    if (ready.error().code != Errc::kDataLoss || attempt > 0) return in_file(std::move(ready.error()), path);
    index_stmts = StmtCache();
    index->reset();
    remove_file(path);
  }
}

Result<CatchUp> SearchIndex::catch_up(std::size_t max_articles) {
  sqlite3* index = index_.get();
  sqlite3* store = store_.get();
  CatchUp out;
  // The index file's write lock first (another indexer waits here), then a short read of the
  // store: its snapshot is copied out and released before any text is tokenised, so that the
  // store's writer can checkpoint its WAL while the index works (a reader held for the whole step
  // would let the WAL grow without bound during a bulk load).
  Transactions tx(index, store);
  if (auto r = tx.begin(); !r) return in_file(std::move(r.error()), path_);
  auto articles_mark = read_mark(index, index_stmts_, "articles");
  if (!articles_mark) return pass(articles_mark);
  auto revisions_mark = read_mark(index, index_stmts_, "revisions");
  if (!revisions_mark) return pass(revisions_mark);

  struct Revised {
    std::int64_t id;
    std::pair<std::string, std::string> indexed, current;  // title, body
  };
  std::vector<Revised> revised;
  std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> fresh;
  auto last_revision = read_int(store, store_stmts_, kLastRevision);
  if (!last_revision) return pass(last_revision);
  if (*last_revision > *revisions_mark) {
    std::vector<std::pair<std::int64_t, std::int64_t>> firsts;  // article, its first new revision
    auto q = store_stmts_.get(store, kRevised);
    if (!q) return pass(q);
    (*q)->bind(1, *revisions_mark).bind(2, *articles_mark);
    for (;;) {
      auto row = (*q)->step();
      if (!row) return pass(row);
      if (!*row) break;
      firsts.emplace_back((*q)->int64(0), (*q)->int64(1));
    }
    (*q)->reset();
    for (const auto& [article, revision] : firsts) {
      auto old_text = text_of(store, store_stmts_, kRevisionText, revision);
      if (!old_text) return pass(old_text);
      auto text = text_of(store, store_stmts_, kArticleText, article);
      if (!text) return pass(text);
      revised.push_back({article, std::move(*old_text), std::move(*text)});
    }
  }
  {
    auto q = store_stmts_.get(store, kNewArticles);
    if (!q) return pass(q);
    (*q)->bind(1, *articles_mark).bind(2, static_cast<std::int64_t>(max_articles));
    std::size_t bytes = 0;
    bool full = false;
    for (;;) {
      auto row = (*q)->step();
      if (!row) return pass(row);
      if (!*row) break;
      auto& [id, text] = fresh.emplace_back((*q)->int64(0), std::make_pair((*q)->text(1), (*q)->text(2)));
      bytes += text.first.size() + text.second.size();
      (void)id;
      if (bytes >= kStepBytes) {
        full = true;
        break;
      }
    }
    (*q)->reset();
    out.more = full || fresh.size() == max_articles;
  }
  if (auto r = tx.end_read(); !r) return pass(r);

  for (const Revised& r : revised) {
    if (auto d = put(index, index_stmts_, kDelete, r.id, r.indexed.first, r.indexed.second); !d) return pass(d);
    if (auto i = put(index, index_stmts_, kInsert, r.id, r.current.first, r.current.second); !i) return pass(i);
    ++out.reindexed;
  }
  if (*last_revision > *revisions_mark) {
    if (auto r = write_mark(index, index_stmts_, "revisions", std::to_string(*last_revision)); !r) return pass(r);
  }
  for (const auto& [id, text] : fresh) {
    if (auto r = put(index, index_stmts_, kInsert, id, text.first, text.second); !r) return pass(r);
    ++out.indexed;
  }
  if (!fresh.empty()) {
    if (auto r = write_mark(index, index_stmts_, "articles", std::to_string(fresh.back().first)); !r) return pass(r);
  }
  if (auto r = tx.commit(); !r) return in_file(std::move(r.error()), path_);
  return out;
}

Result<std::int64_t> SearchIndex::backlog() {
  auto mark = read_mark(index_.get(), index_stmts_, "articles");
  if (!mark) return pass(mark);
  auto last = read_int(store_.get(), store_stmts_, kLastArticle);
  if (!last) return pass(last);
  return *last > *mark ? *last - *mark : 0;
}

Result<void> attach_search_index(sqlite3* db, const fs::path& store_path) {
  auto q = Stmt::prepare(db, "ATTACH DATABASE ?1 AS search");
  if (!q) return pass(q);
  q->bind(1, std::string_view(search_index_path(store_path).string()));
  return q->run();
}

}  // namespace akhbar::store
