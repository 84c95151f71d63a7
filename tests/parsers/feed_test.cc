#include "parsers/feed.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "parsers/date.h"

namespace akhbar::parsers {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(AKHBAR_TEST_DATA) + "/feeds/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string iso(const std::optional<WallTime>& t) { return t ? format_utc_rfc3339(*t) : "none"; }

class WordPressFeed : public ::testing::Test {
 protected:
  void SetUp() override {
    auto f = parse_feed(read_fixture("wordpress-rss2.xml"), "https://www.enabbaladi.net/feed/",
                        "application/rss+xml; charset=UTF-8", "Asia/Damascus");
    ASSERT_TRUE(f) << f.error().str();
    feed_ = *f;
    ASSERT_EQ(3u, feed_.items.size());
  }
  Feed feed_;
};

TEST_F(WordPressFeed, ReadsTheChannel) {
  EXPECT_EQ("rss", feed_.kind);
  EXPECT_EQ("عنب بلدي", feed_.title);
  EXPECT_EQ("https://www.enabbaladi.net/", feed_.link);
  EXPECT_EQ(15, feed_.ttl_minutes);
}

TEST_F(WordPressFeed, ReadsCdataTitlesAndDcCreator) {
  const FeedItem& item = feed_.items[0];
  EXPECT_EQ("ارتفاع أسعار المحروقات في إدلب للمرة الثالثة خلال شهر", item.title);
  EXPECT_EQ("https://www.enabbaladi.net/archives/612345", item.link);
  EXPECT_EQ("https://www.enabbaladi.net/?p=612345", item.id);
  EXPECT_EQ("عنب بلدي - إدلب", item.author);
  EXPECT_EQ("2022-10-06T12:30:15Z", iso(item.published));
  EXPECT_EQ("Thu, 06 Oct 2022 12:30:15 +0000", item.published_raw);
}

TEST_F(WordPressFeed, StripsHtmlFromTheDescriptionAndDecodesEntities) {
  const std::string& s = feed_.items[0].summary;
  EXPECT_EQ(0u, s.find("رفعت شركة “وتد” للمحروقات")) << s;
  EXPECT_EQ(std::string::npos, s.find('<')) << s;
  EXPECT_NE(std::string::npos, s.find("appeared first on عنب بلدي.")) << s;
}

TEST_F(WordPressFeed, RecoversFromABareAmpersandAndHtmlEntities) {
  const FeedItem& item = feed_.items[1];
  EXPECT_EQ("أخبار & تقارير: جلسة جديدة للجنة الدستورية في جنيف", item.title);
  EXPECT_EQ("تعقد اللجنة الدستورية جولتها «التاسعة» & الأخيرة", item.summary);
  EXPECT_EQ("فريق التحرير", item.author);
}

TEST_F(WordPressFeed, StripsEscapedHtmlInTitlesAndCollapsesWhitespace) {
  EXPECT_EQ("عاجل: زلزال بقوة 4.1 درجات شمالي اللاذقية", feed_.items[2].title);
}

TEST_F(WordPressFeed, ResolvesRelativeItemLinksAgainstTheFeedUrl) {
  EXPECT_EQ("https://www.enabbaladi.net/archives/612333?utm_source=rss&utm_medium=rss", feed_.items[2].link);
}

TEST_F(WordPressFeed, FallsBackToContentEncodedWhenTheDescriptionIsEmpty) {
  EXPECT_EQ("شعر سكان اللاذقية بهزة أرضية", feed_.items[2].summary);
}

TEST_F(WordPressFeed, ReadsALocalisedArabicPubDate) {
  EXPECT_EQ("2022-10-06T07:15:00Z", iso(feed_.items[2].published));
}

TEST_F(WordPressFeed, DropsItemsWithoutLinkOrIdAndWarns) {
  bool dropped = false;
  bool bad_date = false;
  for (const auto& w : feed_.warnings) {
    dropped |= w.find("neither link nor id") != std::string::npos;
    bad_date |= w.find("not a date at all") != std::string::npos;
  }
  EXPECT_TRUE(dropped);
  EXPECT_TRUE(bad_date);
}

class BloggerFeed : public ::testing::Test {
 protected:
  void SetUp() override {
    auto f = parse_feed(read_fixture("atom-blogger.xml"), "https://souriyati.blogspot.com/feeds/posts/default", "",
                        "Asia/Damascus");
    ASSERT_TRUE(f) << f.error().str();
    feed_ = *f;
    ASSERT_EQ(3u, feed_.items.size());
  }
  Feed feed_;
};

TEST_F(BloggerFeed, ReadsTheFeedElement) {
  EXPECT_EQ("atom", feed_.kind);
  EXPECT_EQ("سوريتي | مدونة أخبار", feed_.title);
  EXPECT_EQ("https://souriyati.blogspot.com/", feed_.link);
}

TEST_F(BloggerFeed, ResolvesLinksAgainstNestedXmlBase) {
  EXPECT_EQ("https://souriyati.blogspot.com/2022/10/blog-post.html", feed_.items[0].link);
  EXPECT_EQ("https://souriyati.blogspot.com/2022/10/blog-post_5.html", feed_.items[1].link);
}

TEST_F(BloggerFeed, StripsHtmlTypedTitlesAndContent) {
  const FeedItem& item = feed_.items[0];
  EXPECT_EQ("حلب: عودة \"الكهرباء\" إلى أحياء المدينة", item.title);
  EXPECT_EQ("عادت الكهرباء إلى عدة أحياء. وقال مسؤول...", item.summary);
}

TEST_F(BloggerFeed, ReadsXhtmlTitlesAndKeepsTextSummariesLiteral) {
  EXPECT_EQ("دمشق: افتتاح معرض الكتاب", feed_.items[1].title);
  EXPECT_EQ("يفتتح معرض الكتاب أبوابه <اليوم>", feed_.items[1].summary);
}

TEST_F(BloggerFeed, ReadsIdsDatesAndAuthors) {
  const FeedItem& item = feed_.items[0];
  EXPECT_EQ("tag:blogger.com,1999:blog-1234567890.post-111", item.id);
  EXPECT_EQ("2022-10-06T11:03:00Z", iso(item.published));
  EXPECT_EQ("2022-10-06T12:20:11.123Z", iso(item.updated));
  EXPECT_EQ("أحمد الحلبي", item.author);
  EXPECT_EQ("فريق سوريتي", feed_.items[1].author);  // inherited from the feed
}

TEST_F(BloggerFeed, UsesAnHttpIdAsTheLinkWhenThereIsNoAlternate) {
  const FeedItem& item = feed_.items[2];
  EXPECT_EQ("https://souriyati.blogspot.com/2022/10/no-link.html", item.link);
  EXPECT_FALSE(item.published);
  EXPECT_EQ("2022-10-04T08:00:00Z", iso(item.updated));
}

TEST(ParseFeed, DecodesAWindows1256FeedFromItsXmlDeclaration) {
  const std::string bytes = read_fixture("rss-windows-1256.xml");
  ASSERT_EQ(std::string::npos, bytes.find("\xD8\xB4")) << "fixture should not be UTF-8";
  auto f = parse_feed(bytes, "http://www.arabnews-example.net/rss/News.aspx", "text/xml", "Asia/Riyadh");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("شبكة الأخبار العربية", f->title);
  EXPECT_EQ(20, f->ttl_minutes);
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("وزير الخارجية يستقبل نظيره العُماني", f->items[0].title);
  EXPECT_EQ("استقبل وزير الخارجية اليوم نظيره العماني", f->items[0].summary);
  EXPECT_EQ("http://www.arabnews-example.net/NewsDetails.aspx?NewsID=45123&CatID=2", f->items[0].link);
  EXPECT_EQ("قسم الأخبار", f->items[0].author);
  EXPECT_EQ("2022-10-06T11:30:00Z", iso(f->items[0].published));  // 2:30 PM in Riyadh
  EXPECT_EQ("http://www.arabnews-example.net/rss/NewsDetails.aspx?NewsID=45120&CatID=5", f->items[1].link);
  EXPECT_EQ("45120", f->items[1].id);
}

TEST(ParseFeed, LetsTheContentTypeCharsetOverrideTheDocument) {
  const std::string bytes = std::string("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>") +
                            "\xC7\xCE\xC8\xC7\xD1" + "</title></channel></rss>";  // "اخبار" in windows-1256
  auto f = parse_feed(bytes, "http://example.org/rss", "text/xml; charset=\"windows-1256\"");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("اخبار", f->title);
}

TEST(ParseFeed, ReadsRss10RdfItems) {
  const std::string rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://example.org/"><title>موقع</title><link>http://example.org/</link></channel>
  <item rdf:about="http://example.org/a/1"><title>خبر أول</title><link>http://example.org/a/1</link>
    <dc:date>2022-10-06T10:00:00+03:00</dc:date><dc:creator>سامر</dc:creator></item>
  <item rdf:about="http://example.org/a/2"><title>خبر ثان</title></item>
</rdf:RDF>)";
  auto f = parse_feed(rdf, "http://example.org/index.rdf");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("rss", f->kind);
  EXPECT_EQ("موقع", f->title);
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("2022-10-06T07:00:00Z", iso(f->items[0].published));
  EXPECT_EQ("سامر", f->items[0].author);
  EXPECT_EQ("http://example.org/a/2", f->items[1].link);
}

TEST(ParseFeed, ToleratesAMissingDcNamespaceDeclaration) {
  const std::string rss = R"(<rss version="2.0"><channel><item><title>t</title><link>http://example.org/1</link>
    <dc:creator>محرر</dc:creator></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/feed");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("محرر", f->items[0].author);
}

TEST(ParseFeed, UsesNowOrTheChannelDateForDatesWithoutAYear) {
  const std::string rss = R"(<rss version="2.0"><channel><lastBuildDate>Sat, 08 Oct 2022 09:00:00 +0000</lastBuildDate>
    <item><link>http://example.org/1</link><pubDate>6 أكتوبر 10:00</pubDate></item>
    <item><link>http://example.org/2</link><pubDate>منذ ساعتين</pubDate></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/feed", "", "Asia/Damascus");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("2022-10-06T07:00:00Z", iso(f->items[0].published));
  EXPECT_EQ("2022-10-08T07:00:00Z", iso(f->items[1].published));

  auto g = parse_feed(rss, "http://example.org/feed", "", "Asia/Damascus", *parse_rfc3339("2023-01-01T00:00:00Z"));
  ASSERT_TRUE(g);
  EXPECT_EQ("2022-12-31T22:00:00Z", iso(g->items[1].published));
}

TEST(ParseFeed, LeavesYearlessDatesUnparsedWithoutAReference) {
  const std::string rss = R"(<rss version="2.0"><channel>
    <item><link>http://example.org/1</link><pubDate>6 أكتوبر 10:00</pubDate></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/feed");
  ASSERT_TRUE(f);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_FALSE(f->items[0].published);
  EXPECT_EQ("6 أكتوبر 10:00", f->items[0].published_raw);
}

TEST(ParseFeed, NeverExpandsEntitiesDeclaredInTheDocument) {
  const std::string rss = R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&b;&ext;</title><item><link>http://example.org/1</link></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/feed");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ(std::string::npos, f->title.find("AAAA")) << f->title;
  EXPECT_EQ(std::string::npos, f->title.find("root:")) << f->title;
}

TEST(ParseFeed, RejectsDocumentsThatAreNotFeeds) {
  const std::string html = read_fixture("not-a-feed.html");
  ASSERT_FALSE(html.empty());
  for (const std::string& bytes : {html, std::string(R"({"version":"https://jsonfeed.org/version/1.1"})"),
                                   std::string("\x89PNG\r\n\x1a\n garbage"), std::string(""), std::string("  \n "),
                                   std::string("<?xml version=\"1.0\"?><urlset></urlset>")}) {
    auto f = parse_feed(bytes, "https://www.enabbaladi.net/feed");
    ASSERT_FALSE(f) << bytes;
    EXPECT_EQ(Errc::kInvalidInput, f.error().code);
    EXPECT_EQ(0u, f.error().message.rfind("feed: ", 0)) << f.error().message;
  }
}

TEST(ParseFeed, RejectsInputOverTheSizeLimit) {
  const std::string big(kMaxFeedBytes + 1, ' ');
  auto f = parse_feed(big, "https://example.org/feed");
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kResourceExhausted, f.error().code);
}

TEST(ParseFeed, SurvivesEveryFixtureTruncatedAtAnyPoint) {
  for (const auto& entry : std::filesystem::directory_iterator(std::string(AKHBAR_TEST_DATA) + "/feeds")) {
    const std::string bytes = read_fixture(entry.path().filename().string());
    for (std::size_t cut = 0; cut < bytes.size(); cut += 97) {
      auto f = parse_feed(std::string_view(bytes).substr(0, cut), "https://example.org/feed", "", "Asia/Damascus");
      if (f) {
        for (const auto& item : f->items) EXPECT_FALSE(item.id.empty() && item.link.empty());
      }
    }
  }
}

}  // namespace
}  // namespace akhbar::parsers
