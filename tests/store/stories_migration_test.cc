// A store written by the release before stories (schema version 4), upgraded by opening it:
// every row is still there, each article has its story, and the store goes on deduplicating.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "parsers/text/normalize.h"
#include "store/migrations.h"
#include "store/sqlite_handles.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

namespace akhbar::store {
namespace {

// Articles as version 4 stored them: 2 copies 1; 3 has 1's text but was stored as an original
// (a URL fetched again whose lookup only looked at lower ids); 5 copied 4 and was edited since;
// 6 copied 5 (a chain); 7 has no hash. Migration 5 computes every hash again from the stored text
// with today's key and links copies by it: 3 becomes the copy of 1 it always was, and 5, whose
// text is no longer 4's, stops being its copy.
constexpr const char* kVersion4Rows = R"sql(
INSERT INTO sites(id, name) VALUES (1, 'sana'), (2, 'baladi-news');
INSERT INTO urls(id, site_id, url, canonical_url, state, attempts, discovered_at, via, updated_at, host, next_attempt_at)
  VALUES (1, 1, 'https://sana.sy/1', 'https://sana.sy/1', 'done', 0, 1700000000000, 'rss', 1700000000000,
          'https://sana.sy:443', 1700000000000),
         (2, 2, 'https://baladi.example/9', 'https://baladi.example/9', 'queued', 0, 1700000000000, 'rss',
          1700000000000, 'https://baladi.example:443', 1700000000000);
INSERT INTO sources(site_id, url, kind) VALUES (1, 'https://sana.sy/rss', 'feed');
INSERT INTO fetch_log(site, url, kind, started_at, status, bytes, ms) VALUES ('sana', 'https://sana.sy/1', 'article',
  1700000000000, 200, 5000, 40);
INSERT INTO articles(id, url_id, site_id, url, canonical_url, title, body, content_hash, fetched_at, fetched_ts,
                     duplicate_of, date_from) VALUES
  (1, 1, 1, 'https://sana.sy/1', 'https://sana.sy/1', 'أ', 'نص أ', 'h1', '2023-11-14T22:13:20Z', 1700000000000, NULL, ''),
  (2, NULL, 2, 'https://baladi.example/1', 'https://baladi.example/1', 'أ', 'نص أ', 'h1', '2023-11-14T22:14:20Z',
   1700000060000, 1, ''),
  (3, NULL, 2, 'https://baladi.example/2', 'https://baladi.example/2', 'أ', 'نص أ', 'h1', '2023-11-14T22:15:20Z',
   1700000120000, NULL, ''),
  (4, NULL, 1, 'https://sana.sy/4', 'https://sana.sy/4', 'ب', 'نص ب', 'h2', '2023-11-14T22:16:20Z', 1700000180000, NULL, ''),
  (5, NULL, 2, 'https://baladi.example/5', 'https://baladi.example/5', 'ب معدل', 'نص ب معدل', 'h3',
   '2023-11-14T22:17:20Z', 1700000240000, 4, ''),
  (6, NULL, 1, 'https://sana.sy/6', 'https://sana.sy/6', 'ب معدل', 'نص ب معدل', 'h3', '2023-11-14T22:18:20Z',
   1700000300000, 5, ''),
  (7, NULL, 1, 'https://sana.sy/7', 'https://sana.sy/7', 'ج', '', '', '2023-11-14T22:19:20Z', 1700000360000, NULL, '');
)sql";

TEST(MigrationTest, AVersion4StoreKeepsEveryRowAndGetsItsStories) {
  TempDir dir;
  const auto path = dir.path() / "akhbar.db";
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr));
    SqliteDb db(raw);
    ASSERT_TRUE(migrate(db.get(), 4));
    ASSERT_EQ(4, *schema_version(db.get()));
    auto inserted = exec(db.get(), kVersion4Rows);
    ASSERT_TRUE(inserted) << inserted.error().str();
  }
  std::map<std::string, std::int64_t> before;
  for (const char* table : {"sites", "urls", "sources", "fetch_log", "articles", "url_state_counts"}) {
    before[table] = RawDb(path).scalar(std::string("SELECT COUNT(*) FROM ") + table);
  }

  auto opened = Store::open(path);
  ASSERT_TRUE(opened) << opened.error().str();
  RawDb raw(path);
  EXPECT_EQ(latest_schema_version(), raw.scalar("PRAGMA user_version"));
  for (const auto& [table, n] : before) EXPECT_EQ(n, raw.scalar("SELECT COUNT(*) FROM " + table)) << table;
  EXPECT_EQ(0, raw.scalar("SELECT COUNT(*) FROM article_revisions"));
  (*opened)->flush();
  EXPECT_EQ(7, RawDb(search_index_path(path)).scalar("SELECT COUNT(*) FROM articles_fts")) << "every article indexed";

  std::map<std::int64_t, ArticleRow> rows;
  ASSERT_TRUE((*opened)->for_each_article({}, [&](const ArticleRow& r) { rows[r.id] = r; }));
  ASSERT_EQ(7u, rows.size());
  const std::map<std::int64_t, std::pair<std::optional<std::int64_t>, std::int64_t>> want = {
      {1, {std::nullopt, 1}}, {2, {1, 1}}, {3, {1, 1}},  // 3 is now the copy it always was
      {4, {std::nullopt, 4}}, {5, {std::nullopt, 5}}, {6, {5, 5}},  // 5's text is its own now
      {7, {std::nullopt, 7}}};
  for (const auto& [id, link] : want) {
    EXPECT_EQ(link.first, rows.at(id).duplicate_of) << id;
    EXPECT_EQ(link.second, rows.at(id).story_id) << id;
    EXPECT_EQ(link.first ? "exact" : "", rows.at(id).duplicate_kind) << id;
    EXPECT_EQ(0, rows.at(id).revisions) << id;
  }
  EXPECT_EQ("نص ب معدل", rows.at(6).body);

  // It goes on: a copy of 1's text joins story 1; a new text starts its own.
  ArticleRecord copy;
  copy.site = "sana";
  copy.url = copy.canonical_url = "https://sana.sy/8";
  copy.title = "أ";
  copy.body = "نص أ";
  copy.content_hash = parsers::content_hash(copy.title, copy.body);
  copy.fetched_at = at("2024-01-01T00:00:00Z");
  ArticleRecord fresh = copy;
  fresh.url = fresh.canonical_url = "https://sana.sy/9";
  fresh.title = "د";
  fresh.body = "نص د";
  fresh.content_hash = parsers::content_hash(fresh.title, fresh.body);
  std::vector<AddedArticle> added;
  (*opened)->add_article(copy, [&](Result<AddedArticle> r) { added.push_back(r.value_or(AddedArticle{})); });
  (*opened)->add_article(fresh, [&](Result<AddedArticle> r) { added.push_back(r.value_or(AddedArticle{})); });
  (*opened)->flush();
  ASSERT_EQ(2u, added.size());
  EXPECT_EQ(1, added[0].duplicate_of);
  EXPECT_EQ(1, added[0].story_id);
  EXPECT_FALSE(added[1].duplicate_of);
  EXPECT_EQ(added[1].id, added[1].story_id);
}

}  // namespace
}  // namespace akhbar::store
