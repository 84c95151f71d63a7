#include "store/sqlite_handles.h"

#include <string>

namespace akhbar::store {

Errc errc_from_sqlite(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
      return Errc::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Errc::kDataLoss;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return Errc::kInvalidInput;
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return Errc::kResourceExhausted;
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return Errc::kPermissionDenied;
    default:
      return Errc::kInternal;
  }
}

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string message = "store: ";
  message += what;
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Error{errc_from_sqlite(rc), std::move(message), {}};
}

Result<SqliteDb> open_sqlite(const std::filesystem::path& path, int flags) {
  // Without memory statistics, which akhbar never reads, SQLite's allocations take no process-wide
  // mutex: the writer and the search indexer would otherwise serialise on it. Only possible before
  // SQLite initialises (the first connection of the process); later it is refused, harmlessly.
  [[maybe_unused]] static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK) {
    return fail(Errc::kUnavailable, "store: cannot open database " + path.string() + ": " +
                                        (db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  return db;
}

Result<void> exec(sqlite3* db, const std::string& sql) {
  char* raw_message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &raw_message);
  std::unique_ptr<char, FreeWith<sqlite3_free>> message(raw_message);
  if (rc != SQLITE_OK) {
    std::string text = "store: exec failed: ";
    text += message ? message.get() : sqlite3_errstr(rc);
    return fail(errc_from_sqlite(rc), std::move(text));
  }
  return {};
}

Result<Stmt> Stmt::prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  Statement owned(raw);
  if (rc != SQLITE_OK) return tl::make_unexpected(sqlite_error(db, rc, "prepare"));
  if (!owned) return fail(Errc::kInternal, "store: prepare: empty statement");
  return Stmt(std::move(owned));
}

Stmt& Stmt::note(int rc, int index) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) {
    bind_error_ = rc;
    bind_error_index_ = index;
  }
  return *this;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  return note(sqlite3_bind_int64(stmt_.get(), index, value), index);
}

Stmt& Stmt::bind(int index, std::string_view text) {
  return note(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
              index);
}

Stmt& Stmt::bind_static(int index, std::string_view text) {
  // An empty view's data() may be null, which SQLite would bind as NULL.
  static constexpr char kEmpty = 0;
  return note(sqlite3_bind_text64(stmt_.get(), index, text.empty() ? &kEmpty : text.data(), text.size(), SQLITE_STATIC,
                                  SQLITE_UTF8),
              index);
}

Stmt& Stmt::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Stmt& Stmt::bind_blob(int index, std::string_view bytes) {
  // A zero-length blob, not NULL, for an empty view (whose data() may be null).
  static constexpr char kNothing = 0;
  return note(sqlite3_bind_blob64(stmt_.get(), index, bytes.empty() ? &kNothing : bytes.data(), bytes.size(),
                                  SQLITE_TRANSIENT),
              index);
}

Stmt& Stmt::bind_null(int index) { return note(sqlite3_bind_null(stmt_.get(), index), index); }

Result<bool> Stmt::step() {
  if (bind_error_ != SQLITE_OK) {
    const int rc = bind_error_;
    const int index = bind_error_index_;
    reset();
    return tl::make_unexpected(sqlite_error(db(), rc, "bind parameter " + std::to_string(index)));
  }
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error error = sqlite_error(db(), rc, "step");
  reset();
  return tl::make_unexpected(std::move(error));
}

Result<void> Stmt::run() {
  for (;;) {
    auto row = step();
    if (!row) return tl::make_unexpected(std::move(row.error()));
    if (!*row) break;
  }
  reset();
  return {};
}

void Stmt::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  bind_error_ = SQLITE_OK;
  bind_error_index_ = 0;
}

std::int64_t Stmt::int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

double Stmt::real(int col) const { return sqlite3_column_double(stmt_.get(), col); }

std::optional<std::int64_t> Stmt::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

std::string Stmt::text(int col) const {
  const auto* data = sqlite3_column_text(stmt_.get(), col);
  if (data == nullptr) return {};
  const int size = sqlite3_column_bytes(stmt_.get(), col);
  return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string_view Stmt::blob(int col) const {
  const void* data = sqlite3_column_blob(stmt_.get(), col);
  if (data == nullptr) return {};
  const int size = sqlite3_column_bytes(stmt_.get(), col);
  return std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }

Result<Stmt*> StmtCache::get(sqlite3* db, const char* sql) {
  auto it = stmts_.find(sql);
  if (it == stmts_.end()) {
    auto prepared = Stmt::prepare(db, sql);
    if (!prepared) return tl::make_unexpected(std::move(prepared.error()));
    it = stmts_.emplace(sql, std::move(*prepared)).first;
  }
  it->second.reset();
  return &it->second;
}

Result<std::int64_t> read_int(sqlite3* db, StmtCache& stmts, const char* sql) {
  auto q = stmts.get(db, sql);
  if (!q) return pass(q);
  auto row = (*q)->step();
  if (!row) return pass(row);
  const std::int64_t v = *row ? (*q)->int64(0) : 0;
  (*q)->reset();
  return v;
}

}  // namespace akhbar::store
