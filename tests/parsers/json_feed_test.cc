// JSON Feed 1.0/1.1 through the public parse_feed(), so that sniffing ('{' after a BOM and
// whitespace) is covered too.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/feed/feed.h"
#include "tests/parsers/feed_fixtures.h"

namespace akhbar::parsers {
namespace {

using Strings = std::vector<std::string>;

Result<Feed> parse_json(std::string_view bytes, std::string_view url = "https://example.com/feed.json") {
  return parse_feed(bytes, url, "application/feed+json", "Asia/Damascus");
}

// A WordPress site with the JSON Feed plugin: version 1.1, `authors` (and the 1.0 `author` the
// plugin also prints), entities in titles, attachments on the podcast post.
class WordPressJsonFeed : public FixtureFeedTest {
 protected:
  void SetUp() override {
    load("jsonfeed-wordpress-11.json", "https://raseef-alyawm.com/feed/json/",
         "application/feed+json; charset=UTF-8", "Asia/Damascus", 3);
  }
};

TEST_F(WordPressJsonFeed, ReadsTheFeed) {
  EXPECT_EQ("jsonfeed", feed_.kind);
  EXPECT_EQ("json11", feed_.version);
  EXPECT_EQ("رصيف اليوم – أخبار سوريا والمنطقة", feed_.title);
  EXPECT_EQ("https://raseef-alyawm.com/", feed_.link);
  EXPECT_EQ("utf-8", feed_.encoding);
  EXPECT_FALSE(feed_.recovered);
  EXPECT_FALSE(feed_.updated);
  EXPECT_EQ(Strings{}, feed_.warnings);
}

TEST_F(WordPressJsonFeed, ReadsAnItem) {
  const FeedItem& item = feed_.items[0];
  EXPECT_EQ("https://raseef-alyawm.com/?p=48211", item.id);
  EXPECT_EQ("https://raseef-alyawm.com/2022/10/06/%d9%85%d8%ad%d8%b1%d9%88%d9%82%d8%a7%d8%aa-%d8%a5%d8%af%d9%84%d8%a8/",
            item.link);
  EXPECT_EQ("ارتفاع أسعار المحروقات في إدلب “للمرة الثالثة” خلال شهر", item.title);
  EXPECT_EQ("2022-10-06T12:30:15Z", iso(item.published));
  EXPECT_EQ("2022-10-06T13:02:40Z", iso(item.updated));
  EXPECT_EQ("2022-10-06T15:30:15+03:00", item.published_raw);
  EXPECT_EQ("رفعت شركة “وتد” أسعار المحروقات للمرة الثالثة خلال شهر […]", item.summary);
}

TEST_F(WordPressJsonFeed, JoinsTheAuthorsOfVersion11) {
  EXPECT_EQ("سلمى الأحمد، خالد يوسف", feed_.items[0].author);
}

TEST_F(WordPressJsonFeed, ContentIsThePlainTextOfContentHtml) {
  EXPECT_EQ(
      "محطة وقود على طريق إدلب – سرمدا رفعت شركة “وتد” أسعار المحروقات في مناطق شمال غربي سوريا، للمرة الثالثة "
      "خلال شهر واحد. وبلغ سعر ليتر البنزين المستورد 1.21 دولار أمريكي.",
      feed_.items[0].content);
  // The script of the podcast player is not text.
  EXPECT_EQ("في حلقة اليوم: جلسة جديدة للجنة الدستورية في جنيف، وأسعار الصرف في دمشق وحلب.", feed_.items[1].content);
}

TEST_F(WordPressJsonFeed, DecodesEntitiesInTitles) {
  EXPECT_EQ("أخبار & تقارير: الموجز الصباحي ليوم الخميس", feed_.items[1].title);
}

TEST_F(WordPressJsonFeed, ItemsWithoutAuthorsTakeTheFeedAuthors) {
  EXPECT_EQ("فريق التحرير", feed_.items[1].author);
  EXPECT_EQ("فريق التحرير", feed_.items[2].author);  // "authors": [] is no author
}

// Attachments only: `image` and `banner_image` are illustrations, not enclosures.
TEST_F(WordPressJsonFeed, EnclosuresAreTheResolvedAttachments) {
  EXPECT_EQ(Strings{}, feed_.items[0].enclosures);
  const Strings expected = {"https://cdn.raseef-alyawm.com/audio/2022/10/briefing-1006.mp3",
                            "https://raseef-alyawm.com/wp-content/uploads/2022/10/briefing-1006.pdf"};
  EXPECT_EQ(expected, feed_.items[1].enclosures);
}

TEST_F(WordPressJsonFeed, SummaryFallsBackToTheContent) {
  EXPECT_EQ(feed_.items[1].content, feed_.items[1].summary);
  // An empty content_html gives way to content_text; "summary": null is no summary.
  EXPECT_EQ("شعر سكان اللاذقية بهزة أرضية صباح الأربعاء، ولم ترد أنباء عن أضرار.", feed_.items[2].content);
  EXPECT_EQ(feed_.items[2].content, feed_.items[2].summary);
  EXPECT_FALSE(feed_.items[2].updated);
}

// A Micro.blog-style 1.0 feed: `author` object, numeric ids, relative urls, content_text only,
// a link-blog item with external_url only, and an item with neither id nor url.
class MicroblogJsonFeed : public FixtureFeedTest {
 protected:
  void SetUp() override {
    load("jsonfeed-microblog-10.json", "https://sarah-haddad.micro.blog/feed.json",
         "application/feed+json", "Asia/Damascus", 3);
  }
};

TEST_F(MicroblogJsonFeed, ReadsVersion1AndResolvesTheHomePage) {
  EXPECT_EQ("jsonfeed", feed_.kind);
  EXPECT_EQ("json1", feed_.version);
  EXPECT_EQ("دفتر سارة", feed_.title);
  EXPECT_EQ("https://sarah-haddad.micro.blog/", feed_.link);
}

TEST_F(MicroblogJsonFeed, NumericIdsBecomeStrings) {
  EXPECT_EQ("20221006183012", feed_.items[0].id);
  EXPECT_EQ("20221005091500", feed_.items[1].id);
}

TEST_F(MicroblogJsonFeed, ResolvesRelativeUrlsAgainstTheFeedUrl) {
  EXPECT_EQ("https://sarah-haddad.micro.blog/2022/10/06/183012.html", feed_.items[0].link);
  EXPECT_EQ("https://sarah-haddad.micro.blog/2022/10/05/091500.html", feed_.items[1].link);
}

TEST_F(MicroblogJsonFeed, UntitledPostKeepsAnEmptyTitleAndItsText) {
  EXPECT_EQ("", feed_.items[0].title);
  EXPECT_EQ("مقهى الروضة ممتلئ هذا المساء. حتى الطاولات على الرصيف محجوزة 🙂", feed_.items[0].content);
  EXPECT_EQ("2022-10-06T15:30:12Z", iso(feed_.items[0].published));
}

TEST_F(MicroblogJsonFeed, ReadsContentTextAndTheAuthorObject) {
  const FeedItem& item = feed_.items[1];
  EXPECT_EQ("عن \"الكتابة\" صباحاً", item.title);
  EXPECT_EQ("أكتب كل صباح صفحة واحدة. لا أكثر ولا أقل.", item.content);
  EXPECT_EQ(item.content, item.summary);
  EXPECT_EQ("سارة حداد (ضيفة: ريم)", item.author);
  EXPECT_EQ("سارة حداد", feed_.items[0].author);  // the feed's author
}

TEST_F(MicroblogJsonFeed, ExternalUrlIsTheLinkWhenThereIsNoUrl) {
  EXPECT_EQ("https://archive.example.org/syrian-press/", feed_.items[2].link);
  EXPECT_EQ("https://archive.example.org/syrian-press/", feed_.items[2].id);
}

TEST_F(MicroblogJsonFeed, DropsAnItemWithNeitherIdNorUrl) {
  EXPECT_EQ(Strings{"json feed: item 4 has neither id nor url; dropped"}, feed_.warnings);
}

// BOM, then members of every wrong type: each is skipped with a warning, the rest is read.
TEST(JsonFeed, SkipsMembersOfTheWrongTypeWithWarnings) {
  auto f = parse_json(read_fixture("jsonfeed-messy.json"), "https://alshamal-today.net/feed.json");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("json11", f->version);
  EXPECT_EQ("", f->title);
  EXPECT_EQ("", f->link);
  ASSERT_EQ(2u, f->items.size());

  const FeedItem& a = f->items[0];
  EXPECT_EQ("9007", a.id);
  EXPECT_EQ("https://alshamal-today.net/news/9007", a.link);
  EXPECT_EQ("", a.title);
  EXPECT_EQ("نص الخبر.", a.summary);
  EXPECT_EQ("none", iso(a.published));  // "أمس" needs a `now`
  EXPECT_EQ("أمس", a.published_raw);
  EXPECT_FALSE(a.updated);
  EXPECT_EQ("مكتب الشمال", a.author);  // the feed's "authors", a bare string
  EXPECT_EQ(Strings{}, a.enclosures);

  const FeedItem& b = f->items[1];
  EXPECT_EQ("https://alshamal-today.net/news/9008", b.id);
  EXPECT_EQ("خبر سليم", b.title);
  EXPECT_EQ("2022-10-06T11:00:00Z", iso(b.published));  // no zone: the site's (UTC+3)
  EXPECT_EQ(Strings{"https://alshamal-today.net/c.mp3"}, b.enclosures);

  const Strings expected = {
      "json feed: \"title\" is a number, not a string; ignored",
      "json feed: \"home_page_url\" is an array, not a string; ignored",
      "json feed: item 1 is null, not an object; skipped",
      "json feed: item 2 is a string, not an object; skipped",
      "json feed: item 3: \"title\" is a number, not a string; ignored",
      "json feed: item 3: unparsed date_published \"أمس\"",
      "json feed: item 3: \"date_modified\" is a number, not a string; ignored",
      "json feed: item 3: \"authors\" is a number, not an array; ignored",
      "json feed: item 3: \"summary\" is an array, not a string; ignored",
      "json feed: item 3: \"attachments\" is an object, not an array; ignored",
      "json feed: item 4: \"id\" is an object, not a string; ignored",
      "json feed: item 4: attachment 1 has no \"url\" string; ignored",
      "json feed: item 4: attachment 3 has no \"url\" string; ignored",
  };
  EXPECT_EQ(expected, f->warnings);
  EXPECT_FALSE(f->recovered);
}

TEST(JsonFeed, RelativeDatesReadAgainstNowWhenGiven) {
  const std::string json =
      R"({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "date_published": "منذ ساعتين"}]})";
  const WallTime now = from_unix_ms(1'665'057'600'000);  // 2022-10-06T12:00:00Z
  auto f = parse_feed(json, "https://example.com/feed.json", {}, "Asia/Damascus", now);
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("2022-10-06T10:00:00Z", iso(f->items[0].published));
  EXPECT_EQ(Strings{}, f->warnings);
}

TEST(JsonFeed, BrokenJsonIsInvalidInputWithTheByteOffset) {
  // Truncated after the first item's id: the parser gives up at the last byte. The BOM and the
  // newline before '{' count as bytes.
  const std::string json =
      "\xEF\xBB\xBF\n{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\"";
  auto f = parse_json(json);
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kInvalidInput, f.error().code);
  EXPECT_EQ("json feed: not JSON: syntax error while parsing object - unexpected end of input; expected '}' at byte " +
                std::to_string(json.size()),
            f.error().message);
  EXPECT_EQ("https://example.com/feed.json", f.error().where);
}

TEST(JsonFeed, BrokenJsonInTheMiddleNamesTheByte) {
  const std::string json = R"({"version": "https://jsonfeed.org/version/1", "title": "أخبار" "items": []})";
  auto f = parse_json(json);
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kInvalidInput, f.error().code);
  const std::size_t at = json.find("\"items\"") + 7;  // 1-based: the closing quote of the unexpected token
  EXPECT_EQ(
      "json feed: not JSON: syntax error while parsing object - unexpected string literal; expected '}' at byte " +
          std::to_string(at),
      f.error().message);
}

TEST(JsonFeed, JsonThatIsNotAFeedIsInvalidInput) {
  for (const char* json : {
           R"({"status": "ok", "totalResults": 2, "articles": [{"title": "خبر", "url": "https://example.com/1"}]})",
           R"({"version": "2.0", "items": {"id": "1"}})",
           R"({})",
       }) {
    auto f = parse_json(json);
    ASSERT_FALSE(f) << json;
    EXPECT_EQ(Errc::kInvalidInput, f.error().code) << json;
    EXPECT_EQ("json feed: not a JSON Feed (no version/items)", f.error().message) << json;
  }
}

TEST(JsonFeed, ItemsArrayWithoutVersionIsReadAsVersion11) {
  auto f = parse_json(R"({"title": "بلا إصدار", "items": [{"id": "a", "url": "/a"}]})");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("json11", f->version);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("https://example.com/a", f->items[0].link);
  EXPECT_EQ(Strings{"json feed: no jsonfeed.org version; read as 1.1"}, f->warnings);
}

TEST(JsonFeed, VersionWithoutItemsIsAnEmptyFeedWithAWarning) {
  auto f = parse_json(R"({"version": "https://jsonfeed.org/version/1.1", "title": "فارغ", "items": "none"})");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("فارغ", f->title);
  EXPECT_TRUE(f->items.empty());
  EXPECT_EQ(Strings{"json feed: \"items\" is a string, not an array; ignored"}, f->warnings);
}

TEST(JsonFeed, InvalidUtf8IsReplacedNotFatal) {
  // A lone lead byte, an overlong '/' (C0 AF) and a truncated sequence at the end of a string.
  const std::string json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\", "
                           "\"title\": \"\xD8\xAE\xD8\xA8\xD8\xB1 \xD9 \xC0\xAF \xE2\x80\"}]}";
  auto f = parse_json(json);
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("خبر \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD", f->items[0].title);
  EXPECT_TRUE(f->recovered);
  EXPECT_EQ(Strings{"json feed: invalid UTF-8 replaced with U+FFFD"}, f->warnings);
}

// What template-built feeds (a Jekyll or PHP loop) get wrong: a raw newline in a string, a comma
// after the last item, "\'" and a lone surrogate escape.
TEST(JsonFeed, ReadsTemplateJsonLeniently) {
  const std::string json =
      "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [\n"
      "  {\"id\": \"1\", \"title\": \"l\\'\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9 \\ud83d\", "
      "\"content_text\": \"\xD8\xB3\xD8\xB7\xD8\xB1\n\xD8\xB3\xD8\xB7\xD8\xB1\"},\n"
      "]}";
  auto f = parse_json(json);
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("l'العربية \xEF\xBF\xBD", f->items[0].title);
  EXPECT_EQ("سطر سطر", f->items[0].content);
  EXPECT_TRUE(f->recovered);
  EXPECT_EQ(Strings{"json feed: not strict JSON (raw control characters, trailing commas or bad escapes); read "
                    "leniently"},
            f->warnings);
}

TEST(JsonFeed, RefusesDeepNesting) {
  const std::string json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"_x\": " + std::string(100000, '[');
  auto f = parse_json(json);
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kResourceExhausted, f.error().code);
  EXPECT_EQ("json feed: nested deeper than 64 levels", f.error().message);
}

TEST(JsonFeed, BracketsInsideStringsAreNotNesting) {
  const std::string json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"" +
                           std::string(100, '[') + "\"}]}";
  auto f = parse_json(json);
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ(std::string(100, '['), f->items[0].id);
}

TEST(JsonFeed, FloatIdsAndDuplicateKeysDoNotThrow) {
  auto f =
      parse_json(R"({"version": "https://jsonfeed.org/version/1", "items": [{"id": 1.5, "id": 2.5, "url": "x"}]})");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("2.5", f->items[0].id);  // nlohmann keeps the last duplicate
  EXPECT_EQ("https://example.com/x", f->items[0].link);
}

}  // namespace
}  // namespace akhbar::parsers
