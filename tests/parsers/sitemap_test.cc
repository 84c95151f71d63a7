// Sitemaps (sitemaps.org 0.9), sitemap indexes and Google News sitemaps, plain and gzip, read
// through the public parse_feed() so that sniffing is covered too.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/date/date.h"
#include "parsers/feed/feed.h"
#include "parsers/feed/feed_formats.h"  // gunzip() limits below what parse_feed() can reach in a fast test
#include "tests/parsers/feed_fixtures.h"

namespace akhbar::parsers {
namespace {

std::vector<std::string> links_of(const Feed& feed) {
  std::vector<std::string> links;
  for (const FeedItem& item : feed.items) links.push_back(item.link);
  return links;
}

Feed parse_ok(std::string_view bytes, std::string_view url, std::string_view tz = "UTC",
              std::optional<WallTime> now = std::nullopt, std::string_view content_type = "application/xml") {
  auto f = parse_feed(bytes, url, content_type, tz, now);
  EXPECT_TRUE(f) << f.error().str();
  return f ? *f : Feed{};
}

// --- Yoast SEO (WordPress): sitemap_index.xml and its post-sitemapN.xml children ---

TEST(YoastSitemapIndex, ListsTheChildSitemapsWithTheirLastmod) {
  const Feed f = parse_ok(read_fixture("sitemap-yoast-index.xml"), "https://www.enabbaladi.net/sitemap_index.xml");
  EXPECT_EQ("sitemapindex", f.kind);
  EXPECT_EQ("sitemapindex", f.version);
  EXPECT_EQ("", f.title);
  EXPECT_TRUE(f.warnings.empty());
  ASSERT_EQ(6u, f.items.size());
  EXPECT_EQ((std::vector<std::string>{"https://www.enabbaladi.net/post-sitemap1.xml",
                                      "https://www.enabbaladi.net/post-sitemap2.xml",
                                      "https://www.enabbaladi.net/post-sitemap138.xml",
                                      "https://www.enabbaladi.net/page-sitemap.xml",
                                      "https://www.enabbaladi.net/category-sitemap.xml",
                                      "https://www.enabbaladi.net/author-sitemap.xml"}),
            links_of(f));
  EXPECT_EQ("https://www.enabbaladi.net/post-sitemap138.xml", f.items[2].id);
  EXPECT_EQ("2019-06-30T22:14:07Z", iso(f.items[0].updated));
  EXPECT_EQ("2024-03-05T10:20:30Z", iso(f.items[2].updated));
  EXPECT_EQ("none", iso(f.items[5].updated));  // Yoast writes no lastmod for the author sitemap
  EXPECT_EQ("none", iso(f.items[0].published));
}

class YoastPostSitemap : public ::testing::Test {
 protected:
  static void expect_posts(const Feed& f) {
    EXPECT_EQ("sitemap", f.kind);
    EXPECT_EQ("sitemap", f.version);
    EXPECT_TRUE(f.warnings.empty());
    ASSERT_EQ(5u, f.items.size());
    // The image:image entries are not items, and a percent-encoded slug is kept as written.
    EXPECT_EQ((std::vector<std::string>{
                  "https://www.enabbaladi.net/",
                  "https://www.enabbaladi.net/archives/689012",
                  "https://www.enabbaladi.net/archives/688950",
                  "https://www.enabbaladi.net/archives/"
                  "%d8%a7%d9%84%d9%84%d8%ac%d9%86%d8%a9-%d8%a7%d9%84%d8%af%d8%b3%d8%aa%d9%88%d8%b1%d9%8a%d8%a9",
                  "https://www.enabbaladi.net/archives/688731"}),
              links_of(f));
    for (const FeedItem& item : f.items) {
      EXPECT_EQ(item.link, item.id);
      EXPECT_EQ("", item.title);
      EXPECT_TRUE(item.enclosures.empty()) << item.link;
      EXPECT_EQ("none", iso(item.published));
    }
    EXPECT_EQ("2024-03-05T10:20:30Z", iso(f.items[0].updated));
    EXPECT_EQ("2024-03-05T08:14:02Z", iso(f.items[1].updated));
    EXPECT_EQ("2024-03-04T21:47:55Z", iso(f.items[2].updated));
    EXPECT_EQ("2024-03-04T09:03:10Z", iso(f.items[3].updated));
    EXPECT_EQ("2024-03-03T23:59:59Z", iso(f.items[4].updated));
  }
};

TEST_F(YoastPostSitemap, ReadsLocAndLastmodAndIgnoresImages) {
  expect_posts(parse_ok(read_fixture("sitemap-yoast-posts.xml"), "https://www.enabbaladi.net/post-sitemap138.xml",
                        "Asia/Damascus"));
}

TEST_F(YoastPostSitemap, GzipTwinGivesTheSameItems) {
  const std::string gz = read_fixture("sitemap-yoast-posts.xml.gz");
  ASSERT_TRUE(feed_detail::is_gzip(gz));
  expect_posts(parse_ok(gz, "https://www.enabbaladi.net/post-sitemap138.xml.gz", "Asia/Damascus", std::nullopt,
                        "application/x-gzip"));
}

// --- Google News sitemaps ---

// Modelled on Arc XP's news sitemap output: sitemaps.org + news + image + video namespaces.
class ArcNewsSitemap : public ::testing::Test {
 protected:
  void SetUp() override {
    feed_ = parse_ok(read_fixture("sitemap-news-arc.xml"), "https://www.aljazeera.net/sitemap-news.xml", "Asia/Qatar");
    ASSERT_EQ(4u, feed_.items.size());
  }
  Feed feed_;
};

TEST_F(ArcNewsSitemap, IsANewsSitemapNamedAfterTheFirstPublication) {
  EXPECT_EQ("news-sitemap", feed_.kind);
  EXPECT_EQ("sitemap", feed_.version);
  EXPECT_EQ("الجزيرة نت", feed_.title);  // the second item's "Al Jazeera" does not replace it
  EXPECT_TRUE(feed_.warnings.empty());
}

TEST_F(ArcNewsSitemap, ReadsTitleAndPublicationDateWithMilliseconds) {
  const FeedItem& item = feed_.items[0];
  EXPECT_EQ("https://www.aljazeera.net/news/2024/3/5/"
            "%D8%A7%D9%84%D8%A3%D9%88%D9%86%D8%B1%D9%88%D8%A7-%D8%AA%D8%AD%D8%B0%D8%B1",
            item.link);
  EXPECT_EQ(item.link, item.id);
  EXPECT_EQ("الأونروا تحذر من مجاعة وشيكة في شمال غزة", item.title);
  EXPECT_EQ("2024-03-05T09:58:11.456Z", iso(item.published));
  EXPECT_EQ("2024-03-05T09:58:11.456Z", item.published_raw);
  EXPECT_EQ("2024-03-05T10:20:30.123Z", iso(item.updated));
  EXPECT_EQ("", item.summary);  // keywords and image captions are not text of the item
}

TEST_F(ArcNewsSitemap, KeepsARawArabicLocAndDecodesDoubleEscapedEntities) {
  const FeedItem& item = feed_.items[1];
  EXPECT_EQ("https://www.aljazeera.net/politics/2024/3/5/مجلس-الأمن-يناقش-مشروع-قرار", item.link);
  EXPECT_EQ("مجلس الأمن “يناقش” مشروع قرار جديد حول وقف إطلاق النار", item.title);
  EXPECT_EQ("2024-03-05T09:31:00Z", iso(item.published));
  EXPECT_EQ("2024-03-05T09:40:00Z", iso(item.updated));  // "12:40+03:00": no seconds
  EXPECT_TRUE(item.enclosures.empty());                   // video:video is ignored
}

TEST_F(ArcNewsSitemap, ReadsADateAloneAsMidnightInTheSiteZoneAndStripsHtmlFromTheTitle) {
  const FeedItem& item = feed_.items[2];
  EXPECT_EQ("عاجل: الذهب يسجل مستوى قياسيا & الدولار يتراجع", item.title);
  EXPECT_EQ("2024-03-04T21:00:00Z", iso(item.published));  // midnight in Doha (+03:00)
  EXPECT_EQ("2024-03-05", item.published_raw);
  EXPECT_EQ("2024-03-04T21:00:00Z", iso(item.updated));
}

TEST_F(ArcNewsSitemap, KeepsAUrlWithoutNewsEntry) {
  const FeedItem& item = feed_.items[3];
  EXPECT_EQ("https://www.aljazeera.net/news/", item.link);
  EXPECT_EQ("", item.title);
  EXPECT_EQ("none", iso(item.published));
  EXPECT_EQ("2024-03-05T10:00:00Z", iso(item.updated));
}

// Modelled on a Drupal news sitemap (simple_sitemap style: one line, xhtml:link alternates),
// publication dates written without a zone.
TEST(DrupalNewsSitemap, ReadsDatesWithoutAZoneInTheSiteZone) {
  const WallTime now = *parse_rfc3339("2024-03-05T09:00:00Z");
  const Feed f = parse_ok(read_fixture("sitemap-news-drupal.xml"), "https://www.alsham-today.sy/ar/sitemap-news.xml",
                          "Asia/Damascus", now);
  EXPECT_EQ("news-sitemap", f.kind);
  EXPECT_EQ("الشام اليوم", f.title);
  EXPECT_TRUE(f.warnings.empty());
  ASSERT_EQ(3u, f.items.size());
  EXPECT_EQ((std::vector<std::string>{"https://www.alsham-today.sy/ar/news/2024/03/05/damascus-bread-price",
                                      "https://www.alsham-today.sy/ar/news/2024/03/05/homs-rain",
                                      "https://www.alsham-today.sy/ar/news/2024/03/04/latakia-port"}),
            links_of(f));
  EXPECT_EQ("رفع سعر ربطة الخبز في دمشق إلى 400 ليرة سورية", f.items[0].title);
  EXPECT_EQ("2024-03-05T07:20:00Z", iso(f.items[0].published));  // Damascus keeps +03:00 all year since 2022
  EXPECT_EQ("2024-03-05T10:20:00", f.items[0].published_raw);
  EXPECT_EQ("2024-03-05T07:24:13Z", iso(f.items[0].updated));
  EXPECT_EQ("أمطار غزيرة تغمر شوارع حمص وتقطع الطرق", f.items[1].title);  // &nbsp; collapsed
  EXPECT_EQ("2024-03-05T05:05:00Z", iso(f.items[1].published));
  EXPECT_EQ("ميناء اللاذقية يستقبل أول شحنة قمح هذا العام", f.items[2].title);
  EXPECT_EQ("2024-03-05T07:00:00Z", iso(f.items[2].published));  // "منذ ساعتين" before `now`
  EXPECT_EQ("منذ ساعتين", f.items[2].published_raw);
}

TEST(DrupalNewsSitemap, WithoutNowARelativeDateIsReportedNotGuessed) {
  const Feed f = parse_ok(read_fixture("sitemap-news-drupal.xml"), "https://www.alsham-today.sy/ar/sitemap-news.xml",
                          "Asia/Damascus");
  ASSERT_EQ(3u, f.items.size());
  EXPECT_EQ("2024-03-05T07:20:00Z", iso(f.items[0].published));
  EXPECT_EQ("none", iso(f.items[2].published));
  EXPECT_EQ("منذ ساعتين", f.items[2].published_raw);
  EXPECT_EQ("2024-03-04T20:30:00Z", iso(f.items[2].updated));
  EXPECT_EQ(std::vector<std::string>{"sitemap: url 3: unparsed <news:publication_date> \"منذ ساعتين\""}, f.warnings);
}

TEST(NewsSitemap, AcceptsTheNewsPrefixWithoutItsNamespace) {
  const Feed f = parse_ok(R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://www.enabbaladi.net/archives/689100</loc>
<news:news><news:publication><news:name>عنب بلدي</news:name><news:language>ar</news:language></news:publication>
<news:publication_date>2024-03-05T13:00:00+03:00</news:publication_date>
<news:title>  الدفاع المدني   يخمد حريقًا
 في ريف إدلب </news:title></news:news></url></urlset>)",
                          "https://www.enabbaladi.net/news-sitemap.xml");
  EXPECT_EQ("news-sitemap", f.kind);
  EXPECT_EQ("عنب بلدي", f.title);
  ASSERT_EQ(1u, f.items.size());
  EXPECT_EQ("الدفاع المدني يخمد حريقًا في ريف إدلب", f.items[0].title);
  EXPECT_EQ("2024-03-05T10:00:00Z", iso(f.items[0].published));
}

// --- Namespaces, BOM, whitespace, relative and missing <loc> ---

TEST(MessySitemap, NoNamespaceBomRelativeLocMissingLocAndABadDate) {
  const Feed f =
      parse_ok(read_fixture("sitemap-no-namespace.xml"), "https://www.alsham-today.sy/sitemap.php", "Asia/Damascus");
  EXPECT_EQ("sitemap", f.kind);
  ASSERT_EQ(4u, f.items.size());
  EXPECT_EQ((std::vector<std::string>{
                "https://www.alsham-today.sy/index.php?option=com_content&view=article&id=1201",  // trimmed, &amp;
                "https://www.alsham-today.sy/ar/article/1199-aleppo-citadel",                     // relative
                "https://www.alsham-today.sy/ar/article/1198",                                    // host lowercased
                "https://www.alsham-today.sy/ar/article/1197"}),                                  // dot segment
            links_of(f));
  EXPECT_EQ(f.items[1].link, f.items[1].id);
  EXPECT_EQ("2024-03-05T07:20:00Z", iso(f.items[0].updated));
  EXPECT_EQ("2024-03-04T21:00:00Z", iso(f.items[1].updated));
  EXPECT_EQ("none", iso(f.items[2].updated));
  EXPECT_EQ("2024-03-04T07:20:30.500Z", iso(f.items[3].updated));
  EXPECT_EQ((std::vector<std::string>{
                "sitemap: url 3 has no <loc>; dropped",
                "sitemap: url 4: unparsed <lastmod> \"0000-00-00 00:00:00\"",
                "sitemap: url 5: <loc> \"mailto:editor@alsham-today.sy\" is not an http(s) URL; dropped"}),
            f.warnings);
}

TEST(MessySitemap, LeadingWhitespaceBeforeTheXmlDeclaration) {
  // A PHP file with a blank line before "<?php" sends it ahead of the declaration.
  const Feed f = parse_ok("\n\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                          "<url><loc>https://www.enabbaladi.net/archives/689001</loc></url></urlset>",
                          "https://www.enabbaladi.net/sitemap.xml");
  EXPECT_EQ("sitemap", f.kind);
  EXPECT_EQ(std::vector<std::string>{"https://www.enabbaladi.net/archives/689001"}, links_of(f));
}

TEST(MessySitemap, OldGoogleNamespaceAndAForeignDefaultNamespace) {
  const Feed google = parse_ok(R"(<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.google.com/schemas/sitemap/0.84">
<sitemap><loc>https://www.enabbaladi.net/sitemap-2009.xml</loc><lastmod>2009-11-02</lastmod></sitemap>
</sitemapindex>)",
                               "https://www.enabbaladi.net/sitemap.xml", "Asia/Damascus");
  EXPECT_EQ("sitemapindex", google.kind);
  ASSERT_EQ(1u, google.items.size());
  EXPECT_EQ("https://www.enabbaladi.net/sitemap-2009.xml", google.items[0].link);
  EXPECT_EQ("2009-11-01T22:00:00Z", iso(google.items[0].updated));  // winter time then: +02:00

  // "https" where the protocol says "http": the root's own namespace is the sitemap's.
  const Feed https = parse_ok(R"(<urlset xmlns="https://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://www.enabbaladi.net/archives/1</loc></url></urlset>)",
                              "https://www.enabbaladi.net/sitemap.xml");
  EXPECT_EQ(std::vector<std::string>{"https://www.enabbaladi.net/archives/1"}, links_of(https));
}

TEST(MessySitemap, ElementsOfOtherNamespacesAreNotSitemapElements) {
  const Feed f = parse_ok(R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:x="http://example.org/x"><x:url><loc>https://www.enabbaladi.net/a</loc></x:url>
<url><x:loc>https://www.enabbaladi.net/b</x:loc><loc>https://www.enabbaladi.net/c</loc></url></urlset>)",
                          "https://www.enabbaladi.net/sitemap.xml");
  EXPECT_EQ(std::vector<std::string>{"https://www.enabbaladi.net/c"}, links_of(f));
}

TEST(MessySitemap, ManyBadEntriesGiveBoundedWarnings) {
  std::string body = "<urlset>";
  for (int i = 0; i < 30; ++i) body += "<url><lastmod>2024-03-05</lastmod></url>";
  body += "</urlset>";
  const Feed f = parse_ok(body, "https://www.enabbaladi.net/sitemap.xml");
  EXPECT_TRUE(f.items.empty());
  ASSERT_EQ(21u, f.warnings.size());
  EXPECT_EQ("sitemap: url 1 has no <loc>; dropped", f.warnings[0]);
  EXPECT_EQ("sitemap: url 20 has no <loc>; dropped", f.warnings[19]);
  EXPECT_EQ("sitemap: 10 more warnings not shown", f.warnings[20]);
}

TEST(MessySitemap, StopsAfterOneHundredThousandEntries) {
  std::string body = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  body.reserve(100'002 * 48);
  for (int i = 1; i <= 100'001; ++i) {
    body += "<url><loc>https://a.example/";
    body += std::to_string(i);
    body += "</loc></url>\n";
  }
  body += "</urlset>";
  const Feed f = parse_ok(body, "https://a.example/sitemap.xml");
  ASSERT_EQ(100'000u, f.items.size());
  EXPECT_EQ("https://a.example/1", f.items.front().link);
  EXPECT_EQ("https://a.example/100000", f.items.back().link);
  EXPECT_EQ(std::vector<std::string>{"sitemap: more than 100000 entries; the rest are ignored"}, f.warnings);
}

// --- gzip ---

TEST(GzipSitemap, CorruptStreamIsInvalidInput) {
  std::string gz = read_fixture("sitemap-yoast-posts.xml.gz");
  ASSERT_GT(gz.size(), 100u);
  for (std::size_t i = 40; i < 60; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5A);
  auto f = parse_feed(gz, "https://www.enabbaladi.net/post-sitemap138.xml.gz");
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kInvalidInput, f.error().code);
  EXPECT_EQ("gzip: corrupt stream: invalid bit length repeat", f.error().message);
  EXPECT_EQ("https://www.enabbaladi.net/post-sitemap138.xml.gz", f.error().where);
}

TEST(GzipSitemap, BadHeaderAndBadChecksumAreInvalidInput) {
  auto header = feed_detail::gunzip(std::string_view("\x1f\x8b\x09\x00garbage-after-magic", 23), 1024);
  ASSERT_FALSE(header);
  EXPECT_EQ(Errc::kInvalidInput, header.error().code);
  EXPECT_EQ("gzip: corrupt stream: unknown compression method", header.error().message);

  std::string gz = read_fixture("sitemap-yoast-posts.xml.gz");
  gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 1);  // CRC-32 of the trailer
  auto crc = feed_detail::gunzip(gz, kMaxFeedBytes);
  ASSERT_FALSE(crc);
  EXPECT_EQ("gzip: corrupt stream: incorrect data check", crc.error().message);
}

TEST(GzipSitemap, TruncatedStreamIsInvalidInput) {
  const std::string gz = read_fixture("sitemap-yoast-posts.xml.gz");
  auto f = parse_feed(std::string_view(gz).substr(0, gz.size() / 2), "https://www.enabbaladi.net/s.xml.gz");
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kInvalidInput, f.error().code);
  EXPECT_EQ("gzip: truncated stream", f.error().message);
}

TEST(GzipSitemap, ConcatenatedMembersAndTrailingZerosAreRead) {
  const std::string plain = read_fixture("sitemap-yoast-posts.xml");
  const std::string gz = read_fixture("sitemap-yoast-posts.xml.gz");
  auto two = feed_detail::gunzip(gz + gz, kMaxFeedBytes);
  ASSERT_TRUE(two) << two.error().str();
  EXPECT_EQ(plain + plain, *two);
  auto padded = feed_detail::gunzip(gz + std::string(512, '\0'), kMaxFeedBytes);
  ASSERT_TRUE(padded) << padded.error().str();
  EXPECT_EQ(plain, *padded);
}

TEST(GzipSitemap, ABombStopsAtTheLimit) {
  // Each member inflates to 1 MiB; 60 of them (70 KB) would inflate to 60 MiB.
  const std::string member = read_fixture("sitemap-bomb-member.xml.gz");
  ASSERT_FALSE(member.empty());
  std::string bomb;
  for (int i = 0; i < 60; ++i) bomb += member;
  auto f = parse_feed(bomb, "https://www.enabbaladi.net/sitemap.xml.gz");
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kResourceExhausted, f.error().code);
  EXPECT_EQ("gzip: inflated size passes 52428800 bytes", f.error().message);

  // The limit is exact: two members fit in 2 MiB, three do not.
  constexpr std::size_t kMiB = 1024 * 1024;
  auto fits = feed_detail::gunzip(member + member, 2 * kMiB);
  ASSERT_TRUE(fits) << fits.error().str();
  EXPECT_EQ(2 * kMiB, fits->size());
  EXPECT_LE(fits->capacity(), 2 * kMiB + 1);
  auto over = feed_detail::gunzip(member + member + member, 2 * kMiB);
  ASSERT_FALSE(over);
  EXPECT_EQ("gzip: inflated size passes 2097152 bytes", over.error().message);
}

}  // namespace
}  // namespace akhbar::parsers
