#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/feed/feed.h"
#include "tests/parsers/feed_fixtures.h"

namespace akhbar::parsers {
namespace {

using Feeds = std::vector<std::string>;

// Feed links, the JSON Feed link and comment feeds (site-wide, then the post's, found by its Arabic
// title) last; not the REST API's application/json link, oEmbed, a commented-out link, a <link>
// inside a script string, nor the main feed printed a second time after a <noscript> pixel.
TEST(DiscoverFeeds, WordPressArabicPostPage) {
  const std::string html = read_fixture("discovery-wordpress-ar.html");
  const Feeds expected = {
      "https://raseef-alyawm.com/feed/",
      "https://raseef-alyawm.com/feed/json/",
      "https://raseef-alyawm.com/comments/feed/",
      "https://raseef-alyawm.com/2022/10/06/%d9%85%d8%ad%d8%b1%d9%88%d9%82%d8%a7%d8%aa-%d8%a5%d8%af%d9%84%d8%a8/feed/",
  };
  const std::string url =
      "https://raseef-alyawm.com/2022/10/06/%d9%85%d8%ad%d8%b1%d9%88%d9%82%d8%a7%d8%aa-%d8%a5%d8%af%d9%84%d8%a8/";
  EXPECT_EQ(expected, discover_feeds(html, url));
}

// Single-quoted attributes in a Blogger template; the post's comment feed goes last by its
// /comments/ path (its title says only "Atom"); rel="service.post" is not an alternate.
TEST(DiscoverFeeds, BloggerAtomAndRssWithThePostCommentFeedLast) {
  const std::string html = read_fixture("discovery-blogger.html");
  const Feeds expected = {
      "https://tech-arabi.blogspot.com/feeds/posts/default",
      "https://tech-arabi.blogspot.com/feeds/posts/default?alt=rss",
      "https://tech-arabi.blogspot.com/feeds/6230915560912718846/comments/default",
  };
  EXPECT_EQ(expected, discover_feeds(html, "https://tech-arabi.blogspot.com/2022/10/android-13-arabic.html"));
}

// Relative hrefs resolve against <base href="/ar/"> (itself relative, and standing after the first
// link), not against the page URL; "alternate home" has the alternate token; the type has a
// charset parameter and mixed case; the same feed written three ways is listed once; an hreflang
// alternate without a type is a translation, not a feed.
TEST(DiscoverFeeds, DrupalRelativeHrefsAgainstBaseHref) {
  const std::string html = read_fixture("discovery-drupal.html");
  const Feeds expected = {
      "https://www.sawt-alnas.org/ar/rss.xml",
      "https://www.sawt-alnas.org/ar/taxonomy/term/12/feed",
  };
  EXPECT_EQ(expected, discover_feeds(html, "https://www.sawt-alnas.org/ar/node/5512"));
}

TEST(DiscoverFeeds, OldAspNetPageWithUppercaseAttributesAndSingleQuotes) {
  const std::string html = read_fixture("discovery-aspnet.html");
  const Feeds expected = {
      "http://www.alkhaleej-news.ae/Rss/News.aspx?CatID=1&Lang=ar",
      "http://www.alkhaleej-news.ae/Rss/News.aspx?CatID=4&Lang=ar",
      "http://www.alkhaleej-news.ae/Atom.aspx",
  };
  EXPECT_EQ(expected, discover_feeds(html, "http://www.alkhaleej-news.ae/Portal/Default.aspx"));
}

// hreflang and mobile alternates, a web manifest (application/json but not rel=alternate), and
// <a type="application/rss+xml"> in the body are not advertised feeds.
TEST(DiscoverFeeds, PageWithoutFeedsGivesNothing) {
  EXPECT_EQ(Feeds{}, discover_feeds(read_fixture("discovery-none.html"), "https://khutwa.example.com/about"));
}

TEST(DiscoverFeeds, EmptyOrNonHtmlInputGivesNothing) {
  EXPECT_EQ(Feeds{}, discover_feeds("", "https://example.com/"));
  EXPECT_EQ(Feeds{}, discover_feeds("\x89PNG\r\n\x1a\n\0\0", "https://example.com/"));
  EXPECT_EQ(Feeds{}, discover_feeds("<link rel=alternate type=application/rss+xml", "https://example.com/"));
}

// A link outside <head> (a theme that prints it in the body) still counts, and so does a page with
// no <html>/<head> at all (a fragment served by an old CMS).
TEST(DiscoverFeeds, ReadsLinksWhereverTheyStand) {
  EXPECT_EQ(
      Feeds{"https://example.com/rss"},
      discover_feeds("<p>مرحبا</p><link rel=alternate type=application/rss+xml href=/rss>", "https://example.com/a/b"));
}

// Only the head is parsed when the body holds no "<link"/"<base"; these pages must still be read whole.
TEST(DiscoverFeeds, ReadsTheBodyWhenItHoldsALinkOrTheHeadMentionsBody) {
  EXPECT_EQ(Feeds{"https://example.com/late.xml"},
            discover_feeds("<html><head><title>خبر</title></head><BODY><p>نص</p>"
                           "<LINK REL=alternate TYPE=application/rss+xml HREF=/late.xml></BODY></html>",
                           "https://example.com/"));
  EXPECT_EQ(Feeds{"https://example.com/a/rss.xml"},
            discover_feeds("<head><script>document.write('<body>')</script><link rel=alternate "
                           "type=application/rss+xml href=rss.xml></head><body><p>نص</p></body>",
                           "https://example.com/a/b"));
  EXPECT_EQ(Feeds{"https://cdn.example.com/x/rss.xml"},
            discover_feeds("<head><link rel=alternate type=application/rss+xml href=rss.xml></head>"
                           "<body><Base href='https://cdn.example.com/x/'><p>نص</p></body>",
                           "https://example.com/a/b"));
}

TEST(DiscoverFeeds, KeepsOnlyHttpLinksAndSkipsEmptyHref) {
  const std::string html =
      "<head>"
      "<link rel=alternate type=application/rss+xml href=''>"
      "<link rel=alternate type=application/rss+xml href='javascript:void(0)'>"
      "<link rel=alternate type=application/rss+xml href='feed://example.com/rss'>"
      "<link rel=alternate type=application/rss+xml href='//cdn.example.com/rss.xml'>"
      "</head>";
  EXPECT_EQ(Feeds{"https://cdn.example.com/rss.xml"}, discover_feeds(html, "https://example.com/"));
}

TEST(DiscoverFeeds, WithoutAValidPageUrlOnlyAbsoluteLinksAreKept) {
  const std::string html =
      "<link rel=alternate type=application/rss+xml href='/relative.xml'>"
      "<link rel=alternate type=application/atom+xml href='https://example.com/atom.xml'>";
  EXPECT_EQ(Feeds{"https://example.com/atom.xml"}, discover_feeds(html, ""));
}

// Category feeds beyond the cap are dropped; comment feeds come last, so they go first.
TEST(DiscoverFeeds, ListsAtMostSixteenFeeds) {
  std::string html = "<head><link rel=alternate type=application/rss+xml title='التعليقات' href=/comments/feed/>";
  for (int i = 1; i <= 20; ++i) {
    html += "<link rel=alternate type=application/rss+xml href=/category/c" + std::to_string(i) + "/feed/>";
  }
  html += "</head>";
  const Feeds feeds = discover_feeds(html, "https://example.com/");
  ASSERT_EQ(16u, feeds.size());
  EXPECT_EQ("https://example.com/category/c1/feed/", feeds.front());
  EXPECT_EQ("https://example.com/category/c16/feed/", feeds.back());
}

TEST(DiscoverFeeds, CommentFeedsFillWhatTheCapLeaves) {
  const std::string html =
      "<link rel=alternate type=application/rss+xml title='موجز التعليقات' href=/comments/feed/>"
      "<link rel=alternate type=application/atom+xml title='Comments' href=/atom-c.xml>"
      "<link rel=alternate type=application/rss+xml href=/?feed=comments-rss2>"
      "<link rel=alternate type=application/rss+xml href=/feed/>";
  const Feeds expected = {"https://example.com/feed/", "https://example.com/comments/feed/",
                          "https://example.com/atom-c.xml", "https://example.com/?feed=comments-rss2"};
  EXPECT_EQ(expected, discover_feeds(html, "https://example.com/"));
}

TEST(DiscoverFeeds, JsonFeedTypesAreTakenButNotTheWordPressRestApi) {
  const std::string html =
      "<link rel=alternate type='application/feed+json' href=/feed.json>"
      "<link rel=alternate type='application/json' href=/feed/json>"
      "<link rel=alternate type='application/json' href='/?rest_route=/wp/v2/posts/7'>"
      "<link rel=alternate type='application/json+oembed' href=/oembed.json>";
  const Feeds expected = {"https://example.com/feed.json", "https://example.com/feed/json"};
  EXPECT_EQ(expected, discover_feeds(html, "https://example.com/"));
}

}  // namespace
}  // namespace akhbar::parsers
