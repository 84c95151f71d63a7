// Store pieces of adaptive scheduling and sitemaps (issue 5): the items a feed has shown, discovered
// sources that survive restarts, and sitemap <lastmod> bringing changed articles back to the queue.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "tests/store/store_test_support.h"

namespace akhbar::store {
namespace {

constexpr const char* kSite = "enab-baladi";
constexpr const char* kFeed = "https://www.enabbaladi.net/feed/";

class SourceItemsTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() {
    auto store = Store::open(dir_.path() / "akhbar.db");
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    if (store) (*store)->ensure_site(kSite, "");
    return store ? std::move(*store) : nullptr;
  }

  static ItemCounts record(Store& store, std::vector<SeenItem> items, std::string_view now) {
    std::optional<Result<ItemCounts>> got;
    store.record_items(kSite, kFeed, "feed", std::move(items), at(now), [&](Result<ItemCounts> r) { got = std::move(r); });
    store.flush();
    EXPECT_TRUE(got && *got) << (got && !*got ? got->error().str() : "no callback");
    return got && *got ? **got : ItemCounts{};
  }

  static bool queue_url(Store& store, const std::string& url, std::optional<WallTime> lastmod) {
    std::optional<bool> got;
    store.add_url({kSite, url, url, "https://www.enabbaladi.net/sitemap.xml", "", std::nullopt, lastmod, std::nullopt, {}},
                  [&](bool queued) { got = queued; });
    store.flush();
    return got.value_or(false);
  }

  TempDir dir_;
};

TEST_F(SourceItemsTest, FirstFetchCountsDatedItemsOfTheLastWeekOnly) {
  auto store = open();
  // A WordPress feed of 5 items: 3 from the last week, 1 older, 1 without a date.
  const auto counts = record(*store,
                             {{101, at("2026-11-30T09:00:00+02:00")},
                              {102, at("2026-11-29T18:30:00+02:00")},
                              {103, at("2026-11-26T07:15:00+02:00")},
                              {104, at("2026-11-10T12:00:00+02:00")},
                              {105, std::nullopt}},
                             "2026-12-01T08:00:00Z");
  EXPECT_TRUE(counts.first);
  EXPECT_EQ(counts.new_items, 5) << "all five are new to the store";
  EXPECT_EQ(counts.week, 3) << "only dated items of the last 7 days say how busy the feed is";
  auto loaded = store->load_source(kSite, kFeed);
  ASSERT_TRUE(loaded && *loaded);
  EXPECT_EQ((*loaded)->items_week, 3);
  EXPECT_EQ((*loaded)->kind, "feed");
}

TEST_F(SourceItemsTest, LaterFetchesCountWhatIsNewWhenItIsSeen) {
  auto store = open();
  record(*store, {{1, at("2026-11-20T10:00:00Z")}, {2, at("2026-11-21T10:00:00Z")}}, "2026-12-01T08:00:00Z");
  // An hour later: item 3 appears (dated two weeks ago: a late-published story still counts as new
  // now), item 2 is still there, item 1 dropped off the feed.
  auto counts = record(*store, {{3, at("2026-11-17T10:00:00Z")}, {2, at("2026-11-21T10:00:00Z")}},
                       "2026-12-01T09:00:00Z");
  EXPECT_FALSE(counts.first);
  EXPECT_EQ(counts.new_items, 1);
  EXPECT_EQ(counts.week, 1);
  // Eight days later the same two items: nothing new, and item 3 is out of the week.
  counts = record(*store, {{3, std::nullopt}, {2, std::nullopt}}, "2026-12-09T09:00:00Z");
  EXPECT_EQ(counts.new_items, 0);
  EXPECT_EQ(counts.week, 0);
}

TEST_F(SourceItemsTest, ItemsGoneForThirtyDaysAreForgotten) {
  auto store = open();
  record(*store, {{1, std::nullopt}, {2, std::nullopt}}, "2026-10-01T00:00:00Z");
  record(*store, {{2, std::nullopt}}, "2026-10-20T00:00:00Z");
  record(*store, {{2, std::nullopt}}, "2026-11-05T00:00:00Z");
  RawDb raw(dir_.path() / "akhbar.db");
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM source_items"), 1) << "item 1 last seen 35 days ago";
  // Were it to come back, it would be new again.
  EXPECT_EQ(record(*store, {{1, std::nullopt}, {2, std::nullopt}}, "2026-11-05T01:00:00Z").new_items, 1);
}

TEST_F(SourceItemsTest, DiscoveredSourcesAndTheirLastmodSurviveAReopen) {
  {
    auto store = open();
    SourceRecord child;
    child.site = kSite;
    child.url = "https://www.enabbaladi.net/post-sitemap7.xml";
    child.kind = "sitemap";
    child.origin = "index";
    child.lastmod = at("2026-11-30T21:04:11+00:00");
    child.next_due_at = at("2026-12-30T21:04:11Z");
    store->save_source(child);
    SourceRecord robots = child;
    robots.url = "https://www.enabbaladi.net/sitemap_index.xml";
    robots.origin = "robots";
    robots.lastmod.reset();
    store->save_source(robots);
    SourceRecord configured = robots;
    configured.url = kFeed;
    configured.kind = "feed";
    configured.origin = "";
    configured.items_week = 240;
    store->save_source(configured);
  }
  auto store = open();
  auto all = store->load_sources(kSite);
  ASSERT_TRUE(all) << all.error().str();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].url, "https://www.enabbaladi.net/post-sitemap7.xml");
  EXPECT_EQ((*all)[0].origin, "index");
  EXPECT_EQ((*all)[0].lastmod, at("2026-11-30T21:04:11Z"));
  EXPECT_EQ((*all)[0].next_due_at, at("2026-12-30T21:04:11Z"));
  EXPECT_EQ((*all)[1].origin, "robots");
  EXPECT_FALSE((*all)[1].lastmod);
  EXPECT_EQ((*all)[2].origin, "");
  EXPECT_EQ((*all)[2].items_week, 240);
  auto none = store->load_sources("another-site");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto every = store->load_sources("");
  ASSERT_TRUE(every);
  EXPECT_EQ(every->size(), 3u);
}

TEST_F(SourceItemsTest, SitemapLastmodRequeuesOnlyArticlesChangedSinceTheyWereFetched) {
  auto store = open();
  const std::string changed = "https://www.enabbaladi.net/archives/700001";
  const std::string same = "https://www.enabbaladi.net/archives/700002";
  const std::string failed = "https://www.enabbaladi.net/archives/700003";
  EXPECT_TRUE(queue_url(*store, changed, at("2026-11-01T10:00:00Z")));
  EXPECT_TRUE(queue_url(*store, same, at("2026-11-01T10:00:00Z")));
  EXPECT_TRUE(queue_url(*store, failed, at("2026-11-01T10:00:00Z")));
  store->set_url_state(changed, kUrlDone, 1);
  store->set_url_state(same, kUrlDone, 1);
  store->set_url_state(failed, kUrlFailed, 5, "HTTP 404");
  store->flush();
  RawDb raw(dir_.path() / "akhbar.db");
  // Pretend both were fetched on 2026-11-02.
  const auto fetched = std::to_string(to_unix_ms(at("2026-11-02T00:00:00Z")));
  raw.scalar("UPDATE urls SET updated_at = " + fetched + " RETURNING 1");
  // The sitemap is read again: one article was edited after we fetched it, one was not.
  EXPECT_TRUE(queue_url(*store, changed, at("2026-11-03T08:00:00Z")));
  EXPECT_FALSE(queue_url(*store, same, at("2026-11-01T10:00:00Z")));
  EXPECT_FALSE(queue_url(*store, failed, at("2026-11-03T08:00:00Z"))) << "a permanent failure stays failed";
  EXPECT_FALSE(queue_url(*store, same, std::nullopt)) << "no lastmod: known URLs are left alone";
  EXPECT_EQ(raw.text("SELECT state FROM urls WHERE canonical_url = ?1", changed), "queued");
  EXPECT_EQ(raw.scalar("SELECT attempts FROM urls WHERE canonical_url = ?1", changed), 0);
  EXPECT_EQ(raw.text("SELECT state FROM urls WHERE canonical_url = ?1", same), "done");
  EXPECT_EQ(raw.text("SELECT state FROM urls WHERE canonical_url = ?1", failed), "failed");
}

TEST_F(SourceItemsTest, AddUrlsQueuesAWholeSitemapInOneOperation) {
  auto store = open();
  std::vector<UrlRecord> urls;
  for (int i = 0; i < 2000; ++i) {
    const std::string u = "https://www.enabbaladi.net/archives/" + std::to_string(800000 + i);
    urls.push_back({kSite, u, u, "https://www.enabbaladi.net/post-sitemap9.xml", "", std::nullopt,
                    at("2026-11-01T10:00:00Z"), std::nullopt, {}});
  }
  urls.push_back(urls.front());  // listed twice: queued once
  std::optional<std::size_t> queued;
  store->add_urls(urls, [&](std::size_t n) { queued = n; });
  store->flush();
  EXPECT_EQ(queued, 2000u);
  RawDb raw(dir_.path() / "akhbar.db");
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM urls WHERE state = 'queued'"), 2000);
  // The same sitemap again: nothing new, nothing changed.
  store->add_urls(urls, [&](std::size_t n) { queued = n; });
  store->flush();
  EXPECT_EQ(queued, 0u);
}

}  // namespace
}  // namespace akhbar::store
