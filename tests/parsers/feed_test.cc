// tests/parsers/feed_test.cc: parse_feed() over whole feeds as generators write them (WordPress,
// Blogger, Arc XP, Drupal, RSS 1.0, Atom 0.3), and every fixture cut short. Single fields and
// behaviours are in feed_fields_test.cc.
#include "parsers/feed/feed.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/date/date.h"
#include "tests/parsers/feed_fixtures.h"

namespace akhbar::parsers {
namespace {

class WordPressFeed : public FixtureFeedTest {
 protected:
  void SetUp() override {
    load("wordpress-rss2.xml", "https://www.enabbaladi.net/feed/",
         "application/rss+xml; charset=UTF-8", "Asia/Damascus", 3);
  }
};

TEST_F(WordPressFeed, ReadsTheChannel) {
  EXPECT_EQ("rss", feed_.kind);
  EXPECT_EQ("rss20", feed_.version);
  EXPECT_EQ("utf-8", feed_.encoding);
  EXPECT_EQ("عنب بلدي", feed_.title);
  EXPECT_EQ("https://www.enabbaladi.net/", feed_.link);
  EXPECT_EQ(15, feed_.ttl_minutes);
  EXPECT_EQ("2022-10-06T12:41:07Z", iso(feed_.updated));  // lastBuildDate
  EXPECT_TRUE(feed_.recovered);                           // a bare '&' and &nbsp; in item 2
}

TEST_F(WordPressFeed, ContentIsThePlainTextOfContentEncodedWithoutScripts) {
  EXPECT_EQ("إدلب – عنب بلدي رفعت شركة “وتد” للمحروقات أسعار البنزين والمازوت في مناطق سيطرة “حكومة الإنقاذ”.",
            feed_.items[0].content);
  EXPECT_EQ("", feed_.items[1].content);
  EXPECT_TRUE(feed_.items[0].enclosures.empty());
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

class BloggerFeed : public FixtureFeedTest {
 protected:
  void SetUp() override {
    load("atom-blogger.xml", "https://souriyati.blogspot.com/feeds/posts/default", "", "Asia/Damascus", 3);
  }
};

TEST_F(BloggerFeed, ReadsTheFeedElement) {
  EXPECT_EQ("atom", feed_.kind);
  EXPECT_EQ("atom10", feed_.version);
  EXPECT_EQ("utf-8", feed_.encoding);
  EXPECT_FALSE(feed_.recovered);
  EXPECT_EQ("2022-10-06T12:20:11.123Z", iso(feed_.updated));
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
  EXPECT_EQ("عادت الكهرباء إلى عدة أحياء. وقال مسؤول...", item.summary);  // no <summary>: the content
  EXPECT_EQ("عادت الكهرباء إلى عدة أحياء. وقال مسؤول...", item.content);
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

// Arc XP's outbound RSS: CDATA everywhere, media:content with a caption inside, several dc:creator.
class ArcXpFeed : public FixtureFeedTest {
 protected:
  void SetUp() override {
    load("arc-rss.xml", "https://www.alkhaleej-today.example/arc/outboundfeeds/rss/?outputType=xml",
         "", "Asia/Dubai", 2);
  }
};

TEST_F(ArcXpFeed, ReadsTheChannel) {
  EXPECT_EQ("rss20", feed_.version);
  EXPECT_EQ("الخليج اليوم", feed_.title);
  EXPECT_EQ("https://www.alkhaleej-today.example/", feed_.link);
  EXPECT_EQ("2022-10-06T12:44:53Z", iso(feed_.updated));
  EXPECT_FALSE(feed_.recovered);
  EXPECT_TRUE(feed_.warnings.empty());
}

TEST_F(ArcXpFeed, ReadsTheItem) {
  const FeedItem& item = feed_.items[0];
  EXPECT_EQ("«أوبك+» تقرّ أكبر خفض للإنتاج منذ 2020", item.title);
  EXPECT_EQ("https://www.alkhaleej-today.example/economy/2022/10/05/opec-plus-cut/", item.link);
  EXPECT_EQ("https://www.alkhaleej-today.example/economy/2022/10/05/opec-plus-cut/", item.id);
  EXPECT_EQ("2022-10-05T14:52:31Z", iso(item.published));
  EXPECT_EQ("سارة المنصوري، رويترز", item.author);  // co-authors: every dc:creator, joined
  EXPECT_EQ("اتفق تحالف «أوبك+» على خفض الإنتاج بمقدار مليوني برميل يومياً", item.summary);
  EXPECT_EQ(
      "اتفق تحالف «أوبك+» في اجتماعه في فيينا على خفض الإنتاج بمقدار مليوني برميل يومياً. اجتماع فيينا (رويترز) "
      "وقال وزير الطاقة إن القرار «احترازي».",
      item.content);
}

TEST_F(ArcXpFeed, EnclosuresAreMediaContentAlsoInGroupsButNotThumbnails) {
  EXPECT_EQ(std::vector<std::string>{"https://www.alkhaleej-today.example/resizer/abc=/1200x0/filters:format(jpg)/"
                                     "cloudfront-eu-central-1.images.arcpublishing.com/alkhaleej/OPEC.jpg"},
            feed_.items[0].enclosures);
  EXPECT_EQ((std::vector<std::string>{"https://video.alkhaleej-today.example/media/muscat-rain-720.mp4",
                                      "https://video.alkhaleej-today.example/media/muscat-rain-360.mp4"}),
            feed_.items[1].enclosures);
}

TEST_F(ArcXpFeed, AnEmptyDescriptionTakesTheContentAndScriptsAreDropped) {
  EXPECT_EQ("هطلت أمطار غزيرة على مسقط صباح الخميس.", feed_.items[1].content);
  EXPECT_EQ("هطلت أمطار غزيرة على مسقط صباح الخميس.", feed_.items[1].summary);
}

// Drupal: xml:base on <rss>, links relative to it, escaped HTML descriptions, guid "NID at site".
class DrupalFeed : public FixtureFeedTest {
 protected:
  void SetUp() override {
    // Served from another host than the site: links follow xml:base, not the feed URL.
    load("drupal-rss.xml", "https://feeds.alwatan-news.example/rss.xml",
         "application/rss+xml; charset=utf-8", "Asia/Amman", 3);
  }
};

TEST_F(DrupalFeed, ResolvesRelativeLinksAgainstXmlBase) {
  EXPECT_EQ("https://www.alwatan-news.example/ar/news/politics/2022/10/06/budget-law", feed_.items[0].link);
  EXPECT_EQ("https://www.alwatan-news.example/ar/news/local/2022/10/06/olive-harvest", feed_.items[1].link);
  EXPECT_EQ("https://www.alwatan-news.example/ar/news/weather/2022/10/05/forecast", feed_.items[2].link);
  EXPECT_EQ(std::vector<std::string>{"https://www.alwatan-news.example/sites/default/files/styles/large/public/2022-10/"
                                     "parliament.jpg?itok=Xy12Ab"},
            feed_.items[0].enclosures);
}

TEST_F(DrupalFeed, KeepsTheGuidThatIsNotALinkAsTheId) {
  EXPECT_EQ("58231 at https://www.alwatan-news.example", feed_.items[0].id);
  EXPECT_EQ("مكتب عمّان", feed_.items[0].author);
  EXPECT_EQ("ليلى حدّاد", feed_.items[1].author);
}

TEST_F(DrupalFeed, ReadsEscapedHtmlDescriptions) {
  EXPECT_EQ("صادق البرلمان في جلسته المسائية على مشروع قانون الموازنة وصوّت 98 نائباً لصالح القانون.",
            feed_.items[0].summary);
  EXPECT_EQ("بدأ المزارعون موسم قطف الزيتون وسط توقعات بإنتاج وفير.", feed_.items[1].summary);
  EXPECT_EQ("", feed_.items[2].summary);
}

TEST_F(DrupalFeed, ReadsDatesWithoutSecondsOrWithoutAZone) {
  EXPECT_EQ("2022-10-06T15:45:00Z", iso(feed_.items[0].published));
  EXPECT_EQ("2022-10-06T06:30:00Z", iso(feed_.items[1].published));  // "09:30 +0300": no seconds
  EXPECT_EQ("2022-10-05T18:00:00Z", iso(feed_.items[2].published));  // no zone: Amman's (+03:00)
  EXPECT_EQ("Wed, 05 Oct 2022 21:00:00", feed_.items[2].published_raw);
}

class RdfFeed : public FixtureFeedTest {
 protected:
  void SetUp() override {
    load("rdf-rss10.xml", "http://www.almashriq-portal.example/backend.php", "", "Asia/Beirut", 2);
  }
};

TEST_F(RdfFeed, ReadsTheChannel) {
  EXPECT_EQ("rss", feed_.kind);
  EXPECT_EQ("rss10", feed_.version);
  EXPECT_EQ("بوابة المشرق", feed_.title);
  EXPECT_EQ("http://www.almashriq-portal.example/", feed_.link);
  EXPECT_EQ("2009-03-14T14:05:00Z", iso(feed_.updated));  // dc:date without seconds
}

TEST_F(RdfFeed, ReadsDcDatesAndCreators) {
  const FeedItem& item = feed_.items[0];
  EXPECT_EQ("افتتاح مهرجان بعلبك الدولي", item.title);
  EXPECT_EQ("http://www.almashriq-portal.example/modules.php?name=News&file=article&sid=1021", item.link);
  EXPECT_EQ("http://www.almashriq-portal.example/modules.php?name=News&file=article&sid=1021", item.id);
  EXPECT_EQ("2009-03-14T13:40:00Z", iso(item.published));
  EXPECT_EQ("2009-03-14T15:40+02:00", item.published_raw);
  EXPECT_EQ("نادين خوري", item.author);
  EXPECT_EQ("افتتح مساء أمس مهرجان بعلبك الدولي بحضور حشد كبير", item.summary);
  EXPECT_EQ("2009-03-12T22:00:00Z", iso(feed_.items[1].published));  // a bare date: midnight in Beirut
}

TEST_F(RdfFeed, TakesTheLinkFromRdfAboutWhenThereIsNone) {
  EXPECT_EQ("http://www.almashriq-portal.example/modules.php?name=News&file=article&sid=1019", feed_.items[1].link);
}

class Atom03Feed : public FixtureFeedTest {
 protected:
  void SetUp() override {
    load("atom03-blogger.xml", "http://beirut-daily.blogspot.com/atom.xml", "", "Asia/Beirut", 2);
  }
};

TEST_F(Atom03Feed, ReadsTheFeed) {
  EXPECT_EQ("atom", feed_.kind);
  EXPECT_EQ("atom03", feed_.version);
  EXPECT_EQ("مدونة بيروت اليومية", feed_.title);  // mode="escaped" type="text/html"
  EXPECT_EQ("http://beirut-daily.blogspot.com/", feed_.link);
  EXPECT_EQ("2006-10-06T11:20:46Z", iso(feed_.updated));  // <modified>
}

TEST_F(Atom03Feed, ReadsIssuedModifiedAndXhtmlContent) {
  const FeedItem& item = feed_.items[0];
  EXPECT_EQ("tag:blogger.com,1999:blog-31415926.post-115813", item.id);
  EXPECT_EQ("عودة الكهرباء إلى الأشرفية", item.title);
  EXPECT_EQ("http://beirut-daily.blogspot.com/2006/10/blog-post.html", item.link);
  EXPECT_EQ("2006-10-06T11:03:00Z", iso(item.published));  // <issued>, not <created>
  EXPECT_EQ("2006-10-06T14:03:00+03:00", item.published_raw);
  EXPECT_EQ("2006-10-06T11:05:12Z", iso(item.updated));
  EXPECT_EQ("رامي", item.author);
  EXPECT_EQ("عادت الكهرباء إلى الأشرفية بعد انقطاع دام يومين. وقال السكان إن المولدات لم تعد تكفي.", item.content);
  EXPECT_EQ(item.content, item.summary);
}

TEST_F(Atom03Feed, ReadsCreatedBase64ContentPlainSummariesAndEnclosures) {
  const FeedItem& item = feed_.items[1];
  EXPECT_EQ("2006-10-05T07:30:00Z", iso(item.published));  // no <issued>: <created>
  EXPECT_EQ("مقابلة مسجّلة", item.content);                 // mode="base64" type="text/html"
  EXPECT_EQ("مقابلة قصيرة <بالصوت>", item.summary);        // type="text/plain" stays literal
  EXPECT_EQ("ضيف المدونة", item.author);
  EXPECT_EQ(std::vector<std::string>{"http://beirut-daily.blogspot.com/audio/fairuz-interview.mp3"}, item.enclosures);
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
