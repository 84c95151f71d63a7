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
