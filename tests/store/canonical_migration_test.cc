// Migration 6 over a store written before the canonical form learned AMP addresses, more tracking
// parameters, NFC slugs and punycode hosts: the frontier's and the articles' canonical URLs take
// today's form, a row whose new form is already taken keeps its old one, and no row is lost.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "store/migrations.h"
#include "store/sqlite_handles.h"
#include "tests/store/store_test_support.h"

namespace akhbar::store {
namespace {

struct Stored {
  std::int64_t id;
  const char* canonical;  // as the previous release wrote it
  const char* expected;   // after migration 6
};

const Stored kUrls[] = {
    {1, "https://www.aljazeera.net/amp/news/2024/10/6/syria-talks", "https://www.aljazeera.net/news/2024/10/6/syria-talks"},
    {2, "https://www.france24.com/ar/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7?at_medium=RSS&at_campaign=rss",
     "https://www.france24.com/ar/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7"},
    // Its new form is row 4's: it keeps the old one.
    {3, "https://www.msn.com/ar-ae/news/x?ocid=msedgntp", "https://www.msn.com/ar-ae/news/x?ocid=msedgntp"},
    {4, "https://www.msn.com/ar-ae/news/x", "https://www.msn.com/ar-ae/news/x"},
    {5, "https://www.enabbaladi.net/archives/712345", "https://www.enabbaladi.net/archives/712345"},
    // Another chunk of ids.
    {1500, "https://amp.example-news.sy/local/2024/10/06/daraa/amp/", "https://www.example-news.sy/local/2024/10/06/daraa/"},
    {2600, "https://example-news.sy/tag/%D8%A7%D9%94%D8%AE%D8%A8%D8%A7%D8%B1",
     "https://example-news.sy/tag/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1"},
};

const Stored kArticles[] = {
    {1, "https://www.bbc.com/arabic/articles/c4g3xyz.amp", "https://www.bbc.com/arabic/articles/c4g3xyz"},
    {2, "https://www.bbc.com/arabic/articles/c5k8abc?ns_mchannel=social", "https://www.bbc.com/arabic/articles/c5k8abc"},
    {3, "https://www.baladi-news.com/ar/articles/296792", "https://www.baladi-news.com/ar/articles/296792"},
};

class CanonicalMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite3* raw = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(path().c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr));
    SqliteDb db(raw);
    ASSERT_TRUE(migrate(db.get(), 5));
    ASSERT_TRUE(exec(db.get(), "INSERT INTO sites(id, name) VALUES (1, 'news')"));
    for (const Stored& u : kUrls) {
      auto s = Stmt::prepare(db.get(),
                             "INSERT INTO urls(id, site_id, url, canonical_url, state, discovered_at, updated_at) "
                             "VALUES (?1, 1, ?2, ?2, 'pending', 1728208800000, 1728208800000)");
      ASSERT_TRUE(s);
      s->bind(1, u.id).bind(2, std::string_view(u.canonical));
      ASSERT_TRUE(s->run());
    }
    for (const Stored& a : kArticles) {
      auto s = Stmt::prepare(db.get(),
                             "INSERT INTO articles(id, site_id, url, canonical_url, title, body, content_hash, "
                             "simhash, fetched_at, fetched_ts) VALUES (?1, 1, ?2, ?2, 'عنوان', 'نص الخبر', ?3, 0, "
                             "'2024-10-06T10:00:00Z', 1728208800000)");
      ASSERT_TRUE(s);
      s->bind(1, a.id).bind(2, std::string_view(a.canonical)).bind(3, "hash-" + std::to_string(a.id));
      ASSERT_TRUE(s->run());
    }
    ASSERT_TRUE(migrate(db.get()));
    ASSERT_GE(*schema_version(db.get()), 6);
  }

  std::string path() const { return (dir_.path() / "akhbar.db").string(); }

  std::string canonical_of(const char* table, std::int64_t id) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(SQLITE_OK, sqlite3_open_v2(path().c_str(), &raw, SQLITE_OPEN_READONLY, nullptr));
    SqliteDb db(raw);
    auto s = Stmt::prepare(db.get(), std::string("SELECT canonical_url FROM ") + table + " WHERE id = ?1");
    EXPECT_TRUE(s);
    s->bind(1, id);
    auto row = s->step();
    return row && *row ? s->text(0) : "(no row)";
  }

  TempDir dir_;
};

TEST_F(CanonicalMigrationTest, FrontierUrlsTakeTodaysCanonicalForm) {
  for (const Stored& u : kUrls) EXPECT_EQ(canonical_of("urls", u.id), u.expected) << u.canonical;
}

TEST_F(CanonicalMigrationTest, ArticlesTakeTodaysCanonicalForm) {
  for (const Stored& a : kArticles) EXPECT_EQ(canonical_of("articles", a.id), a.expected) << a.canonical;
}

}  // namespace
}  // namespace akhbar::store
