// store/search_index.h: the full-text index, kept in a file of its own beside the store (internal
// to store/; docs/search.md). It is derived data: articles_fts, a contentless FTS5 table over the
// normalised title and body (parsers/text/normalize.h), plus how far it has read the store. It is
// brought up to date by catch_up() from the store's committed rows, on a thread of its own
// (search_indexer.h), so that the store's writer never tokenises text: indexing costs about as
// much as everything else an insert does together.
//
// What it has read is two high-water marks: the last article id and the last article_revisions id.
// An article's indexed text is its text at the snapshot it was indexed from; a revision row written
// after that snapshot holds exactly that text (it is the text the revision replaced), so the entry
// can be removed from a contentless table and the current text indexed instead. Both marks and the
// index change commit together in the index file, so a crash, two processes indexing at once or a
// kill at any point leave an index that is true to some snapshot of the store.
//
// The file is rebuilt from nothing (it is only an index) when it is missing, unreadable, of another
// format (kSearchIndexFormat: the schema and the normalisation key it was written with), or
// written for another store (meta.store_id) or ahead of it.
#pragma once
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "store/sqlite_handles.h"
#include "store/store.h"
#include "util/result.h"

namespace akhbar::store {

// Changed whenever the schema of the index file or the normalisation it indexes changes: an index
// of another format is rebuilt.
inline constexpr int kSearchIndexFormat = 1;

struct CatchUp {
  std::int64_t indexed = 0;   // articles added to the index
  std::int64_t reindexed = 0; // articles whose revised text replaced the indexed one
  bool more = false;          // the store has articles the index has not read yet
};

class SearchIndex {
 public:
  // Opens (creating or rebuilding as described above) the index of the store at `store_path`, whose
  // schema is already migrated. Two connections: the index file read-write, the store read-only.
  static Result<SearchIndex> open(const std::filesystem::path& store_path);

  // One step: every revision the store committed since the last step, then up to `max_articles`
  // new articles, in one transaction of the index file.
  Result<CatchUp> catch_up(std::size_t max_articles);

  // Articles stored but not yet indexed.
  Result<std::int64_t> backlog();

  const std::filesystem::path& path() const { return path_; }

 private:
  SearchIndex(std::filesystem::path path, SqliteDb index, SqliteDb store)
      : path_(std::move(path)), index_(std::move(index)), store_(std::move(store)) {}

  std::filesystem::path path_;
  SqliteDb index_;  // the index file, read-write
  SqliteDb store_;  // the store, read-only
  StmtCache index_stmts_;
  StmtCache store_stmts_;
};

// Attaches the index file to a connection of the store as schema `search` (read-only when the
// connection is), for queries (store/search.h).
Result<void> attach_search_index(sqlite3* db, const std::filesystem::path& store_path);

}  // namespace akhbar::store
