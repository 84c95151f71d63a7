#include "store/recanonicalise.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "parsers/url/url.h"
#include "store/sqlite_handles.h"

namespace akhbar::store {
namespace {

constexpr std::int64_t kChunk = 1000;

struct Table {
  const char* select;  // id, canonical_url of a chunk of ids
  const char* update;  // UPDATE OR IGNORE ... SET canonical_url = ?1 WHERE id = ?2
};

constexpr Table kTables[] = {
    {"SELECT id, canonical_url FROM urls WHERE id > ?1 ORDER BY id LIMIT ?2",
     "UPDATE OR IGNORE urls SET canonical_url = ?1 WHERE id = ?2"},
    {"SELECT id, canonical_url FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
     "UPDATE OR IGNORE articles SET canonical_url = ?1 WHERE id = ?2"},
};

// Today's canonical form of a stored one; "" when it is no URL (left as it is).
std::string today(std::string_view stored) {
  auto url = parsers::Url::parse(stored);
  if (!url || !url->is_http()) return {};
  return url->canonical().str();
}

Result<void> recanonicalise(sqlite3* db, const Table& table) {
  auto select = Stmt::prepare(db, table.select);
  if (!select) return tl::make_unexpected(std::move(select.error()));
  auto update = Stmt::prepare(db, table.update);
  if (!update) return tl::make_unexpected(std::move(update.error()));
  std::int64_t after = 0;
  std::vector<std::pair<std::int64_t, std::string>> changed;
  while (true) {
    changed.clear();
    select->bind(1, after).bind(2, kChunk);
    std::int64_t rows = 0;
    for (auto row = select->step();; row = select->step()) {
      if (!row) return tl::make_unexpected(std::move(row.error()));
      if (!*row) break;
      ++rows;
      after = select->int64(0);
      const std::string stored = select->text(1);
      std::string now = today(stored);
      if (!now.empty() && now != stored) changed.emplace_back(after, std::move(now));
    }
    select->reset();
    for (const auto& [id, canonical] : changed) {
      update->bind(1, std::string_view(canonical)).bind(2, id);
      if (auto r = update->run(); !r) return r;
    }
    if (rows < kChunk) return {};
  }
}

}  // namespace

Result<void> recanonicalise_urls(sqlite3* db) {
  for (const Table& table : kTables) {
    if (auto r = recanonicalise(db, table); !r) return r;
  }
  return {};
}

}  // namespace akhbar::store
