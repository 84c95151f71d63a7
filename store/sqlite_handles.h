// store/sqlite_handles.h: owned SQLite handles and a small prepared-statement wrapper.
// SqliteDb and Statement each have exactly one owner (FreeWith deleters). Stmt binds by 1-based
// index, steps, reads columns by 0-based index, and is reset (bindings cleared) before reuse, so a
// cached Stmt can be reused for the next call. Errors come back as akhbar::Error values built from
// sqlite3_errmsg ("store: <what>: <sqlite message>"). Internal to store/.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/free_with.h"
#include "util/result.h"

namespace akhbar::store {

using SqliteDb = std::unique_ptr<sqlite3, FreeWith<sqlite3_close_v2>>;
using Statement = std::unique_ptr<sqlite3_stmt, FreeWith<sqlite3_finalize>>;

// Maps an SQLite result code to an Errc (BUSY/IOERR → kUnavailable, CORRUPT/NOTADB → kDataLoss,
// CONSTRAINT → kInvalidInput, FULL → kResourceExhausted, anything else → kInternal).
Errc errc_from_sqlite(int rc);

// The error of a failed Result, passed on as the error of another Result type.
template <class T>
tl::unexpected<Error> pass(Result<T>& r) {
  return tl::make_unexpected(std::move(r.error()));
}

// How long a connection waits for a lock held by another connection or process.
inline constexpr int kBusyTimeoutMs = 5000;

// sqlite3_open_v2 with `flags`, then the busy timeout; kUnavailable when it cannot be opened.
Result<SqliteDb> open_sqlite(const std::filesystem::path& path, int flags);

// "store: <what>: <sqlite3_errmsg(db)>" with the code mapped by errc_from_sqlite.
Error sqlite_error(sqlite3* db, int rc, std::string_view what);

// Runs one or more statements that return no rows the caller needs (rows are ignored).
Result<void> exec(sqlite3* db, const std::string& sql);

class Stmt {
 public:
  // Prepares `sql` (one statement) on `db`.
  static Result<Stmt> prepare(sqlite3* db, std::string_view sql);

  Stmt(Stmt&&) noexcept = default;
  Stmt& operator=(Stmt&&) noexcept = default;

  // Bindings use SQLite's 1-based parameter indexes. A bind failure is remembered and reported by
  // the next step()/run().
  Stmt& bind(int index, std::int64_t value);
  Stmt& bind(int index, std::string_view text);  // copied (SQLITE_TRANSIENT)
  // Not copied (SQLITE_STATIC): `text` must stay valid and unchanged until the statement is reset.
  // For large texts bound, stepped and reset within one call (an article's body).
  Stmt& bind_static(int index, std::string_view text);
  Stmt& bind(int index, std::optional<std::int64_t> value);  // NULL when empty
  Stmt& bind_blob(int index, std::string_view bytes);      // copied; empty is a zero-length blob
  Stmt& bind_null(int index);

  // true: a row is ready to read; false: the statement is done.
  Result<bool> step();
  // Steps until done and resets; for INSERT/UPDATE/DELETE.
  Result<void> run();
  // Resets the statement and clears its bindings; call before binding again.
  void reset();

  // Column readers, 0-based, valid after step() returned true.
  std::int64_t int64(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;  // empty when the column is NULL
  double real(int col) const;
  std::string text(int col) const;                      // "" when NULL
  // Valid until the next step(), reset() or column read of another type.
  std::string_view blob(int col) const;                 // empty when NULL
  bool is_null(int col) const;

  sqlite3* db() const { return sqlite3_db_handle(stmt_.get()); }

 private:
  explicit Stmt(Statement stmt) : stmt_(std::move(stmt)) {}
  Stmt& note(int rc, int index);

  Statement stmt_;
  int bind_error_ = SQLITE_OK;
  int bind_error_index_ = 0;
};

// The prepared statements of one connection, keyed by their SQL text (static literals only),
// prepared on first use and reset when handed out. Not thread-safe: one per connection user.
class StmtCache {
 public:
  // `db` is the connection the cache serves (the same one on every call), borrowed for the call.
  // `sql` has static storage: statements are keyed by its address (hashing the text on every call
  // cost the writer more than some of its statements).
  Result<Stmt*> get(sqlite3* db, const char* sql);

 private:
  std::unordered_map<const char*, Stmt> stmts_;
};

// The first column of the first row of `sql` (a cached statement without parameters) as an
// integer; 0 when it returns no row.
Result<std::int64_t> read_int(sqlite3* db, StmtCache& stmts, const char* sql);

}  // namespace akhbar::store
