#include "store/rekey_articles.h"

#include <cstdint>
#include <initializer_list>

#include "store/sqlite_handles.h"

namespace akhbar::store {
namespace {

// Ids per statement: about 2 MB of article pages, a few MB of journal.
constexpr std::int64_t kChunk = 1000;

constexpr const char* kMaxId = "SELECT COALESCE(MAX(id), 0) FROM articles";
constexpr const char* kRehash =
    "UPDATE articles SET content_hash = akhbar_content_hash(title, body), simhash = akhbar_simhash(body) "
    "WHERE id >= ?1 AND id < ?2";
constexpr const char* kRelink =
    "UPDATE articles SET duplicate_of = (SELECT MIN(o.id) FROM articles o "
    "WHERE o.content_hash = articles.content_hash AND o.id < articles.id) WHERE id >= ?1 AND id < ?2";

// Runs each statement over ids [1, max] a chunk at a time, in order.
Result<void> in_chunks(sqlite3* db, std::int64_t max_id, std::initializer_list<const char*> sqls) {
  for (const char* sql : sqls) {
    auto stmt = Stmt::prepare(db, sql);
    if (!stmt) return tl::make_unexpected(std::move(stmt.error()));
    for (std::int64_t lo = 1; lo <= max_id; lo += kChunk) {
      stmt->bind(1, lo).bind(2, lo + kChunk);
      if (auto r = stmt->run(); !r) return r;
    }
  }
  return {};
}

}  // namespace

Result<void> rekey_articles(sqlite3* db) {
  auto max = Stmt::prepare(db, kMaxId);
  if (!max) return tl::make_unexpected(std::move(max.error()));
  auto row = max->step();
  if (!row) return tl::make_unexpected(std::move(row.error()));
  const std::int64_t max_id = *row ? max->int64(0) : 0;
  max->reset();
  // Every hash is new before duplicate_of is read from them.
  if (auto r = in_chunks(db, max_id, {kRehash}); !r) return r;
  return in_chunks(db, max_id, {kRelink});
}

}  // namespace akhbar::store
