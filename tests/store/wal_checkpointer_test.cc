// The write-ahead log is copied into the database by a thread of the store while the writer goes
// on (store/wal_checkpointer.h): it stays bounded, nothing committed is missing, and a reader that
// holds an old snapshot only delays the copy.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>

#include "parsers/text/normalize.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

namespace akhbar::store {
namespace {

namespace fs = std::filesystem;

// Small limits, so that a few hundred articles go through many checkpoints.
constexpr int kStep = 32;    // pages (128 KiB)
constexpr int kLimit = 256;  // pages (1 MiB)

class WalCheckpointerTest : public ::testing::Test {
 protected:
  fs::path db_path() const { return dir_.path() / "akhbar.db"; }
  fs::path wal_path() const { return dir_.path() / "akhbar.db-wal"; }

  std::unique_ptr<Store> open() {
    StoreOptions options;
    options.wal_step_pages = kStep;
    options.wal_limit_pages = kLimit;
    options.index_search = false;
    auto store = Store::open(db_path(), options);
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    return store ? std::move(*store) : nullptr;
  }

  // `n` articles of about 4 KB each, committed `per_batch` at a time.
  void write(Store& store, int n, int per_batch) {
    for (int i = 0; i < n; ++i) {
      ArticleRecord a;
      a.site = "sana";
      a.url = a.canonical_url = "https://sana.sy/ar/" + std::to_string(next_);
      a.title = "خبر رقم " + std::to_string(next_);
      for (int p = 0; p < 40; ++p) a.body += "فقرة " + std::to_string(next_ * 100 + p) + " من نص الخبر الطويل. ";
      a.content_hash = parsers::content_hash(a.title, a.body);
      a.fetched_at = at("2024-05-04T08:00:00Z");
      store.add_article(std::move(a), nullptr);
      ++next_;
      if ((i + 1) % per_batch == 0) store.flush();
    }
    store.flush();
  }

  // Frames in the log and frames already copied, as PRAGMA wal_checkpoint(PASSIVE) reports them.
  std::pair<std::int64_t, std::int64_t> log_frames() {
    sqlite3* db = nullptr;
    EXPECT_EQ(SQLITE_OK, sqlite3_open_v2(db_path().c_str(), &db, SQLITE_OPEN_READWRITE, nullptr));
    SqliteDb owned(db);
    auto q = Stmt::prepare(db, "PRAGMA wal_checkpoint(PASSIVE)");
    EXPECT_TRUE(q);
    auto row = q->step();
    EXPECT_TRUE(row && *row);
    return {q->int64(1), q->int64(2)};
  }

  TempDir dir_;
  int next_ = 0;
};

TEST_F(WalCheckpointerTest, TheLogIsCopiedInTheBackgroundAndStaysBounded) {
  auto store = open();
  write(*store, 1500, 20);  // about 8 MB of log without checkpoints: eight times the limit
  const auto stats = store->checkpoint_stats();
  EXPECT_GE(stats.background, 3u) << "woken every " << kStep << " pages";
  // Its connection has read the database, so it knows the log is there: a checkpoint through a
  // connection that never read anything returns OK and copies nothing.
  EXPECT_GT(stats.background_pages, static_cast<std::uint64_t>(kLimit)) << "the thread did the copying";
  EXPECT_FALSE(stats.last_error) << stats.last_error->str();
  // The log starts over once a checkpoint has copied all of it: its file holds at most twice the
  // limit, and what was appended while the thread finished its pass.
  EXPECT_LT(fs::file_size(wal_path()), static_cast<std::uintmax_t>(4 * kLimit * 4096));
  EXPECT_EQ(1500, RawDb(db_path()).scalar("SELECT COUNT(*) FROM articles"));
  store.reset();
  EXPECT_EQ(1500, RawDb(db_path()).scalar("SELECT COUNT(*) FROM articles")) << "after close";
}

TEST_F(WalCheckpointerTest, AReaderOnAnOldSnapshotOnlyDelaysTheCopy) {
  auto store = open();
  write(*store, 50, 50);
  {
    // A long export: its snapshot pins the log from where it began.
    RawDb reader(db_path());
    reader.exec_sql("BEGIN");
    EXPECT_EQ(50, reader.scalar("SELECT COUNT(*) FROM articles"));
    write(*store, 400, 20);
    const auto pinned = store->checkpoint_stats();
    EXPECT_GE(pinned.by_writer, 1u) << "the log passed its limit: the writer tried too";
    EXPECT_FALSE(pinned.last_error) << pinned.last_error->str();
    EXPECT_EQ(50, reader.scalar("SELECT COUNT(*) FROM articles")) << "the reader's snapshot holds";
    reader.exec_sql("COMMIT");
  }
  write(*store, 100, 20);  // the next checkpoints copy everything, and the log starts over
  const auto [log, copied] = log_frames();
  EXPECT_LT(log, 2 * kLimit) << "the log started over";
  EXPECT_LE(copied, log);
  EXPECT_EQ(550, RawDb(db_path()).scalar("SELECT COUNT(*) FROM articles"));
}

}  // namespace
}  // namespace akhbar::store
