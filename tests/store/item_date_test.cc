// The date of the feed/sitemap item that led to a URL (migration 4): kept on the urls row, handed
// back by claim_due, and articles.date_from stored and read back. Real SQLite files.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/sqlite_handles.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

namespace akhbar::store {
namespace {

constexpr const char* kSite = "hespress";
constexpr const char* kFeed = "https://www.hespress.com/feed";

class ItemDateTest : public ::testing::Test {
 protected:
  std::filesystem::path db_path() const { return dir_.path() / "akhbar.db"; }
  std::unique_ptr<Store> open() {
    auto store = Store::open(db_path());
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    if (store) (*store)->ensure_site(kSite, "");
    return store ? std::move(*store) : nullptr;
  }
  static UrlRecord listed(const std::string& url, std::optional<WallTime> date, std::string from) {
    return UrlRecord{kSite, url, url, kFeed, "", std::nullopt, std::nullopt, date, std::move(from)};
  }
  static std::vector<DueUrl> claim(Store& store) {
    std::optional<Result<ClaimedBatch>> got;
    store.claim_due(at("2030-01-01T00:00:00Z"), 100, 100, [&](Result<ClaimedBatch> b) { got = std::move(b); });
    store.flush();
    EXPECT_TRUE(got && *got);
    return got && *got ? (*got)->urls : std::vector<DueUrl>{};
  }
  TempDir dir_;
};

TEST_F(ItemDateTest, UpgradeFromVersion3AddsTheColumnsAndKeepsRows) {
  {
    sqlite3* raw_db = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(db_path().c_str(), &raw_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                         nullptr));
    SqliteDb db(raw_db);
    ASSERT_TRUE(migrate(db.get(), 3));
    ASSERT_EQ(3, *schema_version(db.get()));
    ASSERT_TRUE(exec(db.get(),
                     "INSERT INTO sites(id, name) VALUES (1, 'hespress');"
                     "INSERT INTO urls(id, site_id, url, canonical_url, state, attempts, discovered_at, via, updated_at, "
                     "host, next_attempt_at) VALUES (1, 1, 'https://www.hespress.com/a-1', 'https://www.hespress.com/a-1', "
                     "'queued', 0, 1665064800000, 'rss', 1665064800000, 'https://www.hespress.com:443', 1665064800000);"
                     "INSERT INTO articles(url_id, site_id, url, canonical_url, title, published_at, published_ts, "
                     "fetched_at, fetched_ts) VALUES (1, 1, 'https://www.hespress.com/a-0', 'https://www.hespress.com/a-0', "
                     "'قديم', '2022-10-06T17:03:00+01:00', 1665072180, '2022-10-06T17:00:00Z', 1665075600000);"));
  }
  auto store = open();
  ASSERT_TRUE(store);
  RawDb raw(db_path());
  EXPECT_LE(4, latest_schema_version());
  EXPECT_EQ(latest_schema_version(), raw.scalar("PRAGMA user_version"));
  EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM urls WHERE item_published_at IS NULL AND item_date_kind = ''"));
  EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM articles WHERE date_from = ''"));
  // The old row is claimed without a date; the old article reads back with an empty date_from.
  const auto due = claim(*store);
  ASSERT_EQ(1u, due.size());
  EXPECT_FALSE(due[0].item_published);
  EXPECT_EQ("", due[0].item_date_from);
  std::vector<ArticleRow> rows;
  ASSERT_TRUE(store->for_each_article({}, [&](const ArticleRow& r) { rows.push_back(r); }));
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ("", rows[0].date_from);
  EXPECT_EQ("قديم", rows[0].title);
}

TEST_F(ItemDateTest, AUrlKeepsItsFirstItemDateUnlessItHadNone) {
  auto store = open();
  const std::string a = "https://www.hespress.com/politique/1";
  const std::string b = "https://www.hespress.com/politique/2";
  const std::string c = "https://www.hespress.com/politique/3";
  std::optional<std::size_t> queued;
  store->add_urls({listed(a, at("2026-12-01T08:00:00+01:00"), "feed"), listed(b, std::nullopt, ""),
                   listed(c, std::nullopt, "")},
                  [&](std::size_t n) { queued = n; });
  store->flush();
  EXPECT_EQ(3u, queued.value_or(0));
  // A second listing: a's later date is ignored, b takes the sitemap's date, c stays without.
  store->add_urls({listed(a, at("2026-12-02T08:00:00+01:00"), "sitemap"),
                   listed(b, at("2026-11-30T10:00:00Z"), "sitemap"), listed(c, std::nullopt, "")},
                  [&](std::size_t n) { queued = n; });
  store->flush();
  EXPECT_EQ(0u, queued.value_or(99)) << "nothing new";
  RawDb raw(db_path());
  EXPECT_EQ(to_unix_ms(at("2026-12-01T07:00:00Z")),
            raw.scalar("SELECT item_published_at FROM urls WHERE canonical_url = ?", a));
  EXPECT_EQ("feed", raw.text("SELECT item_date_kind FROM urls WHERE canonical_url = ?", a));
  EXPECT_EQ("sitemap", raw.text("SELECT item_date_kind FROM urls WHERE canonical_url = ?", b));
  EXPECT_EQ(1, raw.scalar("SELECT item_published_at IS NULL FROM urls WHERE canonical_url = ?", c));

  auto due = claim(*store);
  ASSERT_EQ(3u, due.size());
  for (const auto& d : due) {
    if (d.canonical_url == a) {
      ASSERT_TRUE(d.item_published);
      EXPECT_EQ(at("2026-12-01T08:00:00+01:00"), *d.item_published);
      EXPECT_EQ("feed", d.item_date_from);
    } else if (d.canonical_url == b) {
      ASSERT_TRUE(d.item_published);
      EXPECT_EQ(at("2026-11-30T10:00:00Z"), *d.item_published);
      EXPECT_EQ("sitemap", d.item_date_from);
    } else {
      EXPECT_FALSE(d.item_published);
      EXPECT_EQ("", d.item_date_from);
    }
  }
}

TEST_F(ItemDateTest, TheArticleOfAListedUrlStoresAndExportsItsDateFrom) {
  auto store = open();
  const std::string a = "https://www.hespress.com/economie/7";
  store->add_url(listed(a, at("2026-12-01T08:00:00+01:00"), "feed"));
  auto due = claim(*store);
  ASSERT_EQ(1u, due.size());
  ASSERT_TRUE(due[0].item_published);

  // What the crawler does with a page without a date: the item's date stands in.
  ArticleRecord rec;
  rec.site = kSite;
  rec.url = a;
  rec.canonical_url = a;
  rec.title = "الحكومة تعلن";
  rec.body = "نص الخبر.";
  rec.published_at = due[0].item_published;
  rec.published_at_text = "2026-12-01T08:00:00+01:00";
  rec.date_from = due[0].item_date_from;
  rec.content_hash = "h-7";
  rec.fetched_at = at("2026-12-01T09:00:00Z");
  std::optional<Result<AddedArticle>> got;
  store->add_article(rec, [&](Result<AddedArticle> r) { got = std::move(r); });
  // An article whose date is unknown stores no date_from, whatever the record says.
  ArticleRecord undated = rec;
  undated.url = undated.canonical_url = "https://www.hespress.com/economie/8";
  undated.published_at.reset();
  undated.published_at_text.clear();
  undated.date_from = "jsonld";
  undated.content_hash = "h-8";
  store->add_article(undated);
  store->flush();
  ASSERT_TRUE(got && *got);

  RawDb raw(db_path());
  EXPECT_EQ("feed", raw.text("SELECT date_from FROM articles WHERE canonical_url = ?", a));
  EXPECT_EQ("done", raw.text("SELECT state FROM urls WHERE canonical_url = ?", a));
  std::vector<ArticleRow> rows;
  ASSERT_TRUE(store->for_each_article({}, [&](const ArticleRow& r) { rows.push_back(r); }));
  ASSERT_EQ(2u, rows.size());
  EXPECT_EQ("feed", rows[0].date_from);
  EXPECT_EQ("2026-12-01T08:00:00+01:00", rows[0].published_at_text);
  EXPECT_EQ("", rows[1].date_from);
  EXPECT_FALSE(rows[1].published_at);
}

}  // namespace
}  // namespace akhbar::store
