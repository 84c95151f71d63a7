#include "daemon/page_processor.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace akhbar::daemon {
namespace {

namespace fs = std::filesystem;
const fs::path kSite = fs::path(AKHBAR_SOURCE_DIR) / "examples/demo/site";
const WallTime kNow = from_unix_ms(1732600000000);  // 2024-11-26T05:46:40Z

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

config::SiteConfig baladi() {
  config::SiteConfig s;
  s.name = "baladi-news";
  s.timezone = "Asia/Damascus";
  s.match = *parsers::LinkMatcher::compile(R"(^https://www\.baladi-news\.com/baladi/ar/articles/\d+\.html$)");
  s.rules.title_suffix = " - بلدي نيوز";
  s.rules.timezone = s.timezone;
  return s;
}

TEST(ProcessPage, SectionPageLeadsOnlyToLinksMatchingTheSiteRule) {
  auto page = process_page(fetchers::JobKind::kSection, baladi(), "https://www.baladi-news.com/baladi/ar/news/",
                           "text/html", slurp(kSite / "baladi/ar/news/index.html"), kNow);
  ASSERT_EQ(ProcessedPage::Outcome::kListing, page.outcome);
  EXPECT_GT(page.items, page.discovered.size());  // menus, footer and pagination are not articles
  ASSERT_EQ(3u, page.discovered.size());
  EXPECT_EQ("https://www.baladi-news.com/baladi/ar/articles/296801.html", page.discovered[0]);
}

TEST(ProcessPage, ArticleBecomesARecordWithHashAndZonedDateAndLeadsToRelatedArticles) {
  auto page = process_page(fetchers::JobKind::kArticle, baladi(),
                           "https://www.baladi-news.com/baladi/ar/articles/296801.html#top", "text/html",
                           slurp(kSite / "baladi/ar/articles/296801.html"), kNow);
  ASSERT_EQ(ProcessedPage::Outcome::kArticle, page.outcome) << page.error;
  ASSERT_TRUE(page.article);
  const auto& a = *page.article;
  EXPECT_EQ("baladi-news", a.site);
  EXPECT_EQ("https://www.baladi-news.com/baladi/ar/articles/296801.html", a.canonical_url);
  EXPECT_EQ(64u, a.content_hash.size());
  EXPECT_EQ("2022-10-08T13:45:00+03:00", a.published_at_text);
  EXPECT_EQ("meta", a.date_from);  // article:published_time
  EXPECT_EQ(kNow, a.fetched_at);
  EXPECT_GT(page.words, 300u);
  // The related block's 6 links (the inline "اقرأ أيضاً" link repeats one of them), never the page itself.
  EXPECT_EQ(6u, page.discovered.size());
  for (const auto& d : page.discovered) EXPECT_NE(a.canonical_url, d);
}

TEST(ProcessPage, FeedItemsBecomeAbsoluteCanonicalLinks) {
  config::SiteConfig sham;
  sham.name = "sham-times";
  auto page = process_page(fetchers::JobKind::kFeed, sham, "http://127.0.0.1:9/shamtimes/feed.xml",
                           "application/rss+xml", slurp(kSite / "shamtimes/feed.xml"), kNow);
  ASSERT_EQ(ProcessedPage::Outcome::kListing, page.outcome) << page.error;
  ASSERT_EQ(3u, page.discovered.size());
  EXPECT_EQ("http://127.0.0.1:9/shamtimes/news/qamishli-raid.html", page.discovered[0]);
}

TEST(ProcessPage, ListingPageFetchedAsArticleIsAMissThatStillLeadsOn) {
  auto page = process_page(fetchers::JobKind::kArticle, baladi(), "https://www.baladi-news.com/baladi/ar/news/",
                           "text/html", slurp(kSite / "baladi/ar/news/index.html"), kNow);
  EXPECT_EQ(ProcessedPage::Outcome::kNoArticle, page.outcome);
  EXPECT_FALSE(page.error.empty());
  EXPECT_EQ(3u, page.discovered.size());
}

TEST(ProcessPage, GarbageFeedIsInvalidWithAReason) {
  config::SiteConfig s;
  s.name = "x";
  auto page = process_page(fetchers::JobKind::kFeed, s, "http://x.org/rss", "text/html",
                           "<html><body>502 Bad Gateway</body></html>", kNow);
  EXPECT_EQ(ProcessedPage::Outcome::kInvalid, page.outcome);
  EXPECT_FALSE(page.error.empty());
}

}  // namespace
}  // namespace akhbar::daemon

namespace akhbar::daemon {
namespace {

const fs::path kFeeds = fs::path(AKHBAR_TEST_DATA) / "feeds";

config::SiteConfig enab(bool with_match) {
  config::SiteConfig s;
  s.name = "enab-baladi";
  s.timezone = "Asia/Damascus";
  if (with_match) s.match = *parsers::LinkMatcher::compile(R"(^https://www\.enabbaladi\.net/archives/\d+$)");
  return s;
}

TEST(ProcessPage, FeedItemsCarryStableKeysAndDatesForTheSchedule) {
  auto page = process_page(fetchers::JobKind::kFeed, enab(false), "https://www.enabbaladi.net/feed/",
                           "application/rss+xml; charset=UTF-8", slurp(kFeeds / "wordpress-rss2.xml"), kNow);
  ASSERT_EQ(ProcessedPage::Outcome::kListing, page.outcome) << page.error;
  EXPECT_EQ(page.format, "rss");
  EXPECT_EQ(page.ttl_minutes, 15);
  ASSERT_EQ(page.seen.size(), 3u);
  EXPECT_EQ(page.seen[0].key, item_key("https://www.enabbaladi.net/?p=612345"));
  ASSERT_TRUE(page.seen[0].published);
  EXPECT_EQ(format_utc_rfc3339(*page.seen[0].published), "2022-10-06T12:30:15Z");
  EXPECT_TRUE(page.lastmods.empty()) << "feeds have no lastmod";
  EXPECT_TRUE(page.sitemaps.empty());
  // Each discovered URL carries its item's date, for an article page that shows none.
  EXPECT_EQ("feed", page.item_date_from);
  ASSERT_EQ(page.discovered.size(), page.item_dates.size());
  ASSERT_TRUE(page.item_dates[0]);
  EXPECT_EQ(format_utc_rfc3339(*page.item_dates[0]), "2022-10-06T12:30:15Z");
}

TEST(ProcessPage, TheListingsItemDateStandsInOnlyForAPageWithoutADate) {
  const std::string url = "https://www.baladi-news.com/baladi/ar/articles/1.html";
  std::string undated = "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>خبر</title></head><body>"
                        "<article><h1>خبر بلا تاريخ</h1>";
  for (int p = 0; p < 4; ++p) {
    undated += "<p>قال مراسل بلدي نيوز إن الأوضاع في المدينة ما تزال متوترة بعد الاشتباكات التي شهدتها الأحياء "
               "الشرقية، وإن الأهالي ينتظرون ما ستسفر عنه المفاوضات الجارية بين الأطراف.</p>";
  }
  undated += "</article></body></html>";
  const ListedDate listed{parse_rfc3339("2022-10-08T10:00:00Z"), "feed"};
  auto page = process_page(fetchers::JobKind::kArticle, baladi(), url, "text/html", undated, kNow, false, listed);
  ASSERT_EQ(ProcessedPage::Outcome::kArticle, page.outcome) << page.error;
  EXPECT_EQ("2022-10-08T13:00:00+03:00", page.article->published_at_text);
  EXPECT_EQ("feed", page.article->date_from);
  EXPECT_EQ("", page.article->published_raw);
  auto none = process_page(fetchers::JobKind::kArticle, baladi(), url, "text/html", undated, kNow);
  EXPECT_FALSE(none.article->published_at);
  EXPECT_EQ("", none.article->date_from);
  // The page's own date (article:published_time) wins.
  auto dated = process_page(fetchers::JobKind::kArticle, baladi(), url, "text/html",
                            slurp(kSite / "baladi/ar/articles/296801.html"), kNow, false, listed);
  EXPECT_EQ("2022-10-08T13:45:00+03:00", dated.article->published_at_text);
  EXPECT_EQ("meta", dated.article->date_from);
}

TEST(ProcessPage, BinaryBodyIsInvalidAndLeadsNowhere) {
  const fs::path png = fs::path(AKHBAR_TEST_DATA) / "charsets/image.png";
  for (auto kind : {fetchers::JobKind::kArticle, fetchers::JobKind::kSection}) {
    auto page = process_page(kind, baladi(), "https://www.baladi-news.com/baladi/ar/articles/1.html", "text/html",
                             slurp(png), kNow);
    EXPECT_EQ(ProcessedPage::Outcome::kInvalid, page.outcome);
    EXPECT_EQ("not an article: binary data (image/png)", page.error);
    EXPECT_FALSE(page.article);
    EXPECT_TRUE(page.discovered.empty());
  }
}

TEST(ProcessPage, ReportsAMojibakeRepairAndAnOverriddenDeclaration) {
  const fs::path dir = fs::path(AKHBAR_TEST_DATA) / "charsets";
  auto repaired = process_page(fetchers::JobKind::kArticle, baladi(), "https://www.baladi-news.com/a", "text/html",
                               slurp(dir / "arabic-mojibake-utf8-as-1256.html"), kNow);
  ASSERT_EQ(ProcessedPage::Outcome::kArticle, repaired.outcome) << repaired.error;
  EXPECT_EQ("utf-8 read as windows-1256", repaired.charset_repair);
  EXPECT_EQ("افتتاح معرض الكتاب العربي في عمّان بمشاركة واسعة", repaired.article->title);
  EXPECT_EQ(0u, repaired.article->body.rfind("افتتحت وزارة الثقافة صباح اليوم", 0));

  auto overridden = process_page(fetchers::JobKind::kArticle, baladi(), "https://www.baladi-news.com/a",
                                 "text/html", slurp(dir / "arabic-cp1256-meta-says-utf8.html"), kNow);
  ASSERT_EQ(ProcessedPage::Outcome::kArticle, overridden.outcome) << overridden.error;
  EXPECT_EQ("windows-1256", overridden.charset);
  EXPECT_EQ("utf-8", overridden.charset_declared);
  EXPECT_EQ("", overridden.charset_repair);
}

TEST(ProcessPage, ItemKeyIsFnv1aAndStable) {
  EXPECT_EQ(item_key(""), 14695981039346656037ULL);
  EXPECT_EQ(item_key("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_NE(item_key("https://www.enabbaladi.net/?p=1"), item_key("https://www.enabbaladi.net/?p=2"));
}

TEST(ProcessPage, SitemapIndexListsItsChildrenWithLastmod) {
  auto page = process_page(fetchers::JobKind::kSitemap, enab(true), "https://www.enabbaladi.net/sitemap_index.xml",
                           "application/xml", slurp(kFeeds / "sitemap-yoast-index.xml"), kNow);
  ASSERT_EQ(ProcessedPage::Outcome::kListing, page.outcome) << page.error;
  EXPECT_EQ(page.format, "sitemapindex");
  EXPECT_TRUE(page.discovered.empty()) << "an index lists sitemaps, not articles";
  ASSERT_FALSE(page.sitemaps.empty());
  for (const auto& child : page.sitemaps) {
    EXPECT_EQ(child.url.rfind("https://www.enabbaladi.net/", 0), 0u) << child.url;
  }
  EXPECT_TRUE(page.sitemaps.front().lastmod);
  EXPECT_TRUE(page.seen.empty()) << "sitemaps do not feed the adaptive schedule";
}

TEST(ProcessPage, APlainSitemapKeepsOnlyArticlesWhenTheSiteSaysWhatTheyAre) {
  const std::string body = slurp(kFeeds / "sitemap-yoast-posts.xml");
  const std::string url = "https://www.enabbaladi.net/post-sitemap138.xml";
  auto all = process_page(fetchers::JobKind::kSitemap, enab(false), url, "application/xml", body, kNow);
  auto matched = process_page(fetchers::JobKind::kSitemap, enab(true), url, "application/xml", body, kNow);
  ASSERT_EQ(ProcessedPage::Outcome::kListing, all.outcome) << all.error;
  EXPECT_EQ(all.format, "sitemap");
  ASSERT_EQ(all.lastmods.size(), all.discovered.size()) << "one lastmod slot per URL";
  ASSERT_EQ(matched.lastmods.size(), matched.discovered.size());
  // Yoast lists the home page first, and one post under a slug that the site's rule does not take.
  EXPECT_EQ(all.discovered.size(), 5u);
  EXPECT_EQ(matched.discovered.size(), 3u);
  EXPECT_EQ(matched.discovered[0], "https://www.enabbaladi.net/archives/689012");
  for (const auto& url : matched.discovered) {
    EXPECT_NE(url.find("/archives/"), std::string::npos) << url;
  }
}

TEST(ProcessPage, AStartPageOfASiteWithoutFeedsAdvertisesItsFeed) {
  const std::string html = slurp(kFeeds / "discovery-wordpress-ar.html");
  auto page = process_page(fetchers::JobKind::kSection, enab(true), "https://www.enabbaladi.net/", "text/html", html, kNow,
                           /*want_feeds=*/true);
  ASSERT_EQ(ProcessedPage::Outcome::kListing, page.outcome);
  ASSERT_FALSE(page.feeds.empty());
  EXPECT_EQ(page.feeds.front().find("comments"), std::string::npos) << page.feeds.front();
  auto with_feeds = enab(true);
  with_feeds.feeds.push_back({"https://www.enabbaladi.net/feed/", std::nullopt});
  EXPECT_TRUE(process_page(fetchers::JobKind::kSection, with_feeds, "https://www.enabbaladi.net/", "text/html", html, kNow,
                           /*want_feeds=*/true)
                  .feeds.empty())
      << "configured feeds: nothing to discover";
  EXPECT_TRUE(process_page(fetchers::JobKind::kSection, enab(true), "https://www.enabbaladi.net/category/news",
                           "text/html", html, kNow)
                  .feeds.empty())
      << "a section page is not read for feeds";
}

}  // namespace
}  // namespace akhbar::daemon
