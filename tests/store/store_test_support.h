// tests/store/store_test_support.h: helpers shared by the store tests: a fresh temporary
// directory per test and a second, independent SQLite connection to look at what was committed.
#pragma once
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "store/sqlite_handles.h"
#include "util/clock.h"

namespace akhbar::store {

// An instant from RFC 3339 text (a test failure when malformed).
inline WallTime at(std::string_view rfc3339) {
  auto t = parse_rfc3339(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t.value_or(WallTime{});
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "akhbar-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A second, independent connection, as another process (or the CLI) would have.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& path) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(SQLITE_OK, sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr));
    db_.reset(raw);
    sqlite3_busy_timeout(db_.get(), 5000);
  }
  std::int64_t scalar(std::string_view sql, std::string_view arg = {}) {
    auto q = Stmt::prepare(db_.get(), sql);
    EXPECT_TRUE(q) << sql << ": " << q.error().str();
    if (!q) return -1;
    if (sql.find('?') != std::string_view::npos) q->bind(1, arg);
    auto row = q->step();
    EXPECT_TRUE(row && *row) << sql;
    return row && *row ? q->int64(0) : -1;
  }
  std::string text(std::string_view sql, std::string_view arg = {}) {
    auto q = Stmt::prepare(db_.get(), sql);
    EXPECT_TRUE(q) << sql;
    if (!q) return {};
    if (sql.find('?') != std::string_view::npos) q->bind(1, arg);
    auto row = q->step();
    return row && *row ? q->text(0) : std::string("<no row>");
  }
  // EXPLAIN QUERY PLAN of `sql`, one detail per line (parameters left unbound).
  std::string plan(std::string_view sql) {
    auto q = Stmt::prepare(db_.get(), "EXPLAIN QUERY PLAN " + std::string(sql));
    EXPECT_TRUE(q) << sql;
    if (!q) return {};
    std::string out;
    for (auto row = q->step(); row && *row; row = q->step()) out += q->text(3) + "\n";
    return out;
  }
  void exec_sql(const std::string& sql) {
    auto r = exec(db_.get(), sql);
    EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.error().str());
  }

 private:
  SqliteDb db_;
};

}  // namespace akhbar::store
