// tests/parsers/feed_fields_test.cc: parse_feed() one field or behaviour at a time: charsets, RSS and
// Atom versions, links, titles, authors, dates, and documents that are refused. The fixture suites
// of whole feeds per generator are in feed_test.cc.
#include "parsers/feed/feed.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/parsers/feed_fixtures.h"
#include "util/clock.h"

namespace akhbar::parsers {
namespace {

TEST(ParseFeed, DecodesAWindows1256FeedFromItsXmlDeclaration) {
  const std::string bytes = read_fixture("rss-windows-1256.xml");
  ASSERT_EQ(std::string::npos, bytes.find("\xD8\xB4")) << "fixture should not be UTF-8";
  auto f = parse_feed(bytes, "http://www.arabnews-example.net/rss/News.aspx", "text/xml", "Asia/Riyadh");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("rss092", f->version);
  EXPECT_EQ("windows-1256", f->encoding);
  EXPECT_FALSE(f->recovered);
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
  EXPECT_EQ("windows-1256", f->encoding);
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

TEST(ParseFeed, ReadsAnRss091FeedDeclaredIso88596) {
  const std::string bytes = read_fixture("rss091-iso-8859-6.xml");
  ASSERT_FALSE(bytes.empty());
  auto f = parse_feed(bytes, "http://www.alsabah-daily.example/rss.php", "text/xml", "Asia/Baghdad");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("rss091", f->version);
  EXPECT_EQ("iso-8859-6", f->encoding);
  // &copy; and &nbsp; come from the Netscape DTD it names: the document is not broken.
  EXPECT_FALSE(f->recovered);
  EXPECT_EQ("جريدة الصباح", f->title);
  EXPECT_EQ("2004-10-16T08:15:00Z", iso(f->updated));
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("افتتاح معرض الكتاب العربي", f->items[0].title);
  EXPECT_EQ("http://www.alsabah-daily.example/news.php?id=7781&cat=3", f->items[0].link);
  EXPECT_EQ("http://www.alsabah-daily.example/news.php?id=7781&cat=3", f->items[0].id);
  EXPECT_FALSE(f->items[0].published);
  EXPECT_EQ("يواصل المنتخب الوطني تدريباته استعدادا لمباراة الاحد المقبل", f->items[1].summary);
}

TEST(ParseFeed, ReadsIso88596NamedOnlyByTheContentType) {
  std::string bytes = read_fixture("rss091-iso-8859-6.xml");
  const std::string decl = "<?xml version=\"1.0\" encoding=\"ISO-8859-6\"?>\n";
  ASSERT_EQ(0u, bytes.find(decl));
  bytes.erase(0, decl.size());
  auto f = parse_feed(bytes, "http://www.alsabah-daily.example/rss.php", "text/xml; charset=ISO-8859-6");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("iso-8859-6", f->encoding);
  EXPECT_EQ("جريدة الصباح", f->title);
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("المنتخب يستعد لمباراة الاحد", f->items[1].title);
}

TEST(ParseFeed, PrefersTheXmlDeclarationToAServerDefaultCharset) {
  // Apache's old AddDefaultCharset said ISO-8859-1 for every file; the document knows better.
  auto f = parse_feed(read_fixture("rss-windows-1256.xml"), "http://www.arabnews-example.net/rss/News.aspx",
                      "text/xml; charset=ISO-8859-1");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("windows-1256", f->encoding);
  EXPECT_EQ("شبكة الأخبار العربية", f->title);
}

TEST(ParseFeed, ReadsUtf8BytesWhateverTheDeclarationSays) {
  // A CMS moved to UTF-8 kept its template's declaration: Arabic in windows-1256 is never valid
  // UTF-8, so valid UTF-8 means UTF-8.
  const std::string rss = R"(<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel>
    <title>الأنباء</title><item><title>خبر</title><link>http://example.org/1</link></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("utf-8", f->encoding);
  EXPECT_EQ("الأنباء", f->title);
  EXPECT_TRUE(f->recovered);
}

TEST(ParseFeed, ReadsUtf16WithABom) {
  const std::u16string text =
      u"<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>"
      u"<title>الأنباء</title><item><title>خبر عاجل</title><link>http://example.org/1</link>"
      u"</item></channel></rss>";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : text) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  auto f = parse_feed(bytes, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("utf-16le", f->encoding);
  EXPECT_EQ("الأنباء", f->title);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("خبر عاجل", f->items[0].title);
}

TEST(ParseFeed, ReadsRss090) {
  const std::string rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
  <channel><title>قناة</title><link>http://example.org/</link></channel>
  <item><title>أول</title><link>http://example.org/1</link></item>
</rdf:RDF>)";
  auto f = parse_feed(rdf, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("rss090", f->version);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("أول", f->items[0].title);
}

TEST(ParseFeed, NamesTheRssVersion) {
  const std::pair<std::string, std::string> cases[] = {
      {R"(version="0.91")", "rss091"}, {R"(version="0.92")", "rss092"}, {R"(version="0.93")", "rss093"},
      {R"(version="0.94")", "rss094"}, {R"(version="2.0")", "rss20"},   {R"(version="2.00")", "rss20"},
      {R"(version=" 2.0 ")", "rss20"}, {R"(version="0.90")", "rss090"}, {"", "rss"},
      {R"(version="3.0")", "rss"},
  };
  for (const auto& [attr, version] : cases) {
    const std::string rss = "<rss " + attr + "><channel><item><link>http://example.org/1</link></item></channel></rss>";
    auto f = parse_feed(rss, "http://example.org/rss");
    ASSERT_TRUE(f) << attr;
    EXPECT_EQ(version, f->version) << attr;
  }
}

TEST(ParseFeed, NamesTheAtomVersion) {
  const std::pair<std::string, std::string> cases[] = {
      {R"(xmlns="http://www.w3.org/2005/Atom")", "atom10"},
      {R"(xmlns="http://purl.org/atom/ns#" version="0.3")", "atom03"},
      {R"(version="0.3")", "atom03"},
      {"", "atom"},
  };
  for (const auto& [attr, version] : cases) {
    const std::string atom = "<feed " + attr + "><entry><id>urn:1</id></entry></feed>";
    auto f = parse_feed(atom, "http://example.org/atom");
    ASSERT_TRUE(f) << attr;
    EXPECT_EQ("atom", f->kind);
    EXPECT_EQ(version, f->version) << attr;
  }
}

TEST(ParseFeed, PrefersFeedBurnersOriginalLink) {
  const std::string rss = R"(<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><item><title>t</title><link>http://feedproxy.google.com/~r/site/~3/AbC/story01.htm</link>
<feedburner:origLink>https://example.org/news/2022/10/story</feedburner:origLink></item></channel></rss>)";
  auto f = parse_feed(rss, "http://feeds.feedburner.com/site");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("https://example.org/news/2022/10/story", f->items[0].link);
  EXPECT_EQ("https://example.org/news/2022/10/story", f->items[0].id);
}

TEST(ParseFeed, ReadsAtomLinksInsideRss) {
  const std::string rss = R"(<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<atom:link rel="self" href="http://example.org/rss"/><atom:link rel="alternate" href="http://example.org/"/>
<item><title>t</title><guid isPermaLink="false">x-1</guid><atom:link rel="alternate" href="/news/1"/>
<atom:link rel="enclosure" type="audio/mpeg" href="/audio/1.mp3"/><atom:updated>2022-10-06T10:00:00Z</atom:updated>
</item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("http://example.org/", f->link);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("http://example.org/news/1", f->items[0].link);
  EXPECT_EQ("x-1", f->items[0].id);
  EXPECT_EQ(std::vector<std::string>{"http://example.org/audio/1.mp3"}, f->items[0].enclosures);
  EXPECT_EQ("2022-10-06T10:00:00Z", iso(f->items[0].updated));
}

TEST(ParseFeed, ChoosesTheHtmlAlternateAmongAtomLinks) {
  const std::string atom = R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>
<author><name>هيئة التحرير</name></author>
<entry><id>urn:1</id><title>t</title>
<link rel="replies" href="http://example.org/1#comments"/>
<link rel="alternate" type="application/pdf" href="http://example.org/1.pdf"/>
<link type="text/html" href="http://example.org/1"/>
<source><author><name>وكالة الأنباء</name></author></source></entry>
<entry><id>urn:2</id><link rel="related" href="http://example.org/elsewhere"/><link rel="via" href="http://example.org/via"/></entry>
</feed>)";
  auto f = parse_feed(atom, "http://example.org/atom");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("http://example.org/1", f->items[0].link);
  EXPECT_EQ("وكالة الأنباء", f->items[0].author);  // the entry's <source> before the feed
  EXPECT_EQ("", f->items[1].link);
  EXPECT_EQ("هيئة التحرير", f->items[1].author);
}

TEST(ParseFeed, ReadsTitlesAsTheyAreEscaped) {
  const std::string rss = R"(<rss version="2.0"><channel>
<item><link>http://example.org/1</link><title>&lt;b&gt;عاجل&lt;/b&gt;: 5 &lt; 6 &amp;amp; AT&amp;T</title></item>
<item><link>http://example.org/2</link><title>قراءة في <em>رواية</em> جديدة</title></item>
<item><link>http://example.org/3</link><title><![CDATA[سؤال & جواب <br/>مع&nbsp;الوزير]]></title></item>
<item><link>http://example.org/4</link><title>&#1593;&#1575;&#1580;&#1604; &#x2014; &#8220;اقتباس&#8221; &#150;</title></item>
</channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(4u, f->items.size());
  EXPECT_EQ("عاجل: 5 < 6 & AT&T", f->items[0].title);
  EXPECT_EQ("قراءة في رواية جديدة", f->items[1].title);
  EXPECT_EQ("سؤال & جواب مع الوزير", f->items[2].title);
  EXPECT_EQ("عاجل — “اقتباس” –", f->items[3].title);  // &#150; is windows-1252's en dash
}

TEST(ParseFeed, RssAuthorKeepsTheNameOfEmailAndName) {
  const std::string rss = R"(<rss version="2.0"><channel>
<item><link>http://example.org/1</link><author>editor@example.org (سمير قصير)</author></item>
<item><link>http://example.org/2</link><author>editor@example.org</author></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("سمير قصير", f->items[0].author);
  EXPECT_EQ("editor@example.org", f->items[1].author);
}

TEST(ParseFeed, ItemsWithoutAnAuthorTakeTheChannels) {
  const std::string rss =
      R"(<rss version="2.0"><channel><managingEditor>desk@example.org (غرفة الأخبار)</managingEditor>
<item><link>http://example.org/1</link></item>
<item><link>http://example.org/2</link><author>a@example.org (رنا)</author></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("غرفة الأخبار", f->items[0].author);
  EXPECT_EQ("رنا", f->items[1].author);

  // An address alone names no one.
  const std::string bare = R"(<rss version="2.0"><channel><managingEditor>desk@example.org</managingEditor>
<item><link>http://example.org/1</link></item></channel></rss>)";
  auto g = parse_feed(bare, "http://example.org/rss");
  ASSERT_TRUE(g) << g.error().str();
  ASSERT_EQ(1u, g->items.size());
  EXPECT_EQ("", g->items[0].author);
}

TEST(ParseFeed, FirstParsedDateWinsAndRawFollowsIt) {
  const std::string rss = R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<item><link>http://example.org/1</link><pubDate>غير معروف</pubDate><dc:date>2022-10-06T10:00:00+03:00</dc:date></item>
</channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/rss", "", "UTC", *parse_rfc3339("2022-10-07T00:00:00Z"));
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("2022-10-06T07:00:00Z", iso(f->items[0].published));
  EXPECT_EQ("2022-10-06T10:00:00+03:00", f->items[0].published_raw);
}

TEST(ParseFeed, RejectsDocumentsThatAreNotFeeds) {
  const std::string html = read_fixture("not-a-feed.html");
  ASSERT_FALSE(html.empty());
  for (const std::string& bytes : {html, std::string("\x89PNG\r\n\x1a\n garbage"), std::string(""),
                                   std::string("  \n "), std::string("plain text, no markup"),
                                   std::string("<?xml version=\"1.0\"?><opml version=\"2.0\"><body/></opml>")}) {
    auto f = parse_feed(bytes, "https://www.enabbaladi.net/feed");
    ASSERT_FALSE(f) << bytes;
    EXPECT_EQ(Errc::kInvalidInput, f.error().code);
    EXPECT_EQ(0u, f.error().message.rfind("feed: ", 0)) << f.error().message;
  }
}

TEST(ParseFeed, ReadsTinyDocumentsThatHadToBeRewritten) {
  // Rewritten or converted text short enough for std::string's inline buffer.
  for (const std::string& bytes : {std::string("<rss/>&"), std::string("<rss/>\xC7"), std::string(" <rss/>")}) {
    auto f = parse_feed(bytes, "http://example.org/rss");
    ASSERT_TRUE(f) << bytes << ": " << f.error().str();
    EXPECT_EQ("rss", f->kind);
    EXPECT_TRUE(f->items.empty());
  }
}

TEST(ParseFeed, RejectsInputOverTheSizeLimit) {
  const std::string big(kMaxFeedBytes + 1, ' ');
  auto f = parse_feed(big, "https://example.org/feed");
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kResourceExhausted, f.error().code);
}

Feed parse_item_xml(const std::string& item_xml) {
  const std::string doc = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" "
                          "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>t</title><item>"
                          "<link>https://www.alquds.co.uk/?p=3001</link>" + item_xml + "</item></channel></rss>";
  auto f = parse_feed(doc, "https://www.alquds.co.uk/feed/");
  EXPECT_TRUE(f) << (f ? "" : f.error().str());
  return f ? *f : Feed{};
}

TEST(ParseFeed, AuthorKeepsTheNameOnEitherSideOfTheEmail) {
  EXPECT_EQ(parse_item_xml("<author>editor@alquds.co.uk (رائد صالحة)</author>").items.at(0).author, "رائد صالحة");
  EXPECT_EQ(parse_item_xml("<dc:creator>رائد صالحة (editor@alquds.co.uk)</dc:creator>").items.at(0).author,
            "رائد صالحة");
  EXPECT_EQ(parse_item_xml("<author>editor@alquds.co.uk</author>").items.at(0).author, "editor@alquds.co.uk");
  EXPECT_EQ(parse_item_xml("<author>(القدس العربي)</author>").items.at(0).author, "(القدس العربي)");
}

TEST(ParseFeed, CoAuthorsAreJoinedAndAuthorOutranksDcCreator) {
  EXPECT_EQ(parse_item_xml("<dc:creator>لندن - القدس العربي</dc:creator><dc:creator>وكالات</dc:creator>")
                .items.at(0).author,
            "لندن - القدس العربي، وكالات");
  EXPECT_EQ(parse_item_xml("<dc:creator>وكالات</dc:creator><dc:creator>وكالات</dc:creator>").items.at(0).author,
            "وكالات");
  EXPECT_EQ(parse_item_xml("<dc:creator>وكالات</dc:creator><author>news@alquds.co.uk (رائد صالحة)</author>"
                           "<dc:creator>القدس العربي</dc:creator>")
                .items.at(0).author,
            "رائد صالحة");
}

TEST(ParseFeed, DcDescriptionIsTheSummaryWhenThereIsNoDescription) {
  EXPECT_EQ(parse_item_xml("<dc:description>ملخص الخبر من دبلن كور</dc:description>").items.at(0).summary,
            "ملخص الخبر من دبلن كور");
  EXPECT_EQ(parse_item_xml("<description>الوصف</description><dc:description>ملخص آخر</dc:description>")
                .items.at(0).summary,
            "الوصف");
}

TEST(ParseFeed, C1ControlsInTextAreTheWindows1252CharactersTheyStoodFor) {
  // U+0092 and U+0096 (UTF-8 C2 92, C2 96): text that went through a latin-1 decoder once.
  const Feed f = parse_item_xml("<title>don\xC2\x92t \xC2\x96 \xC2\x93quoted\xC2\x94</title>");
  EXPECT_EQ(f.items.at(0).title, "don\xE2\x80\x99t \xE2\x80\x93 \xE2\x80\x9Cquoted\xE2\x80\x9D");
}
TEST(ParseFeed, AtomPublishedOutranksIssuedWhereverItStands) {
  const std::string doc =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>مدونة</title><entry><id>tag:blogger.com,1999:post-1</id>"
      "<issued>2004-01-01T19:48:21Z</issued><published>2010-01-01T19:48:21Z</published>"
      "<link href=\"https://mudawwana.blogspot.com/2010/01/p.html\"/></entry></feed>";
  auto f = parse_feed(doc, "https://mudawwana.blogspot.com/feeds/posts/default");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(format_utc_rfc3339(*f->items[0].published), "2010-01-01T19:48:21Z");
  EXPECT_EQ(f->items[0].published_raw, "2010-01-01T19:48:21Z");
}

TEST(ParseFeed, AtomLinksWrittenAsTextAreStillLinks) {
  const std::string doc =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>urn:x:1</id>"
      "<link rel=\"enclosure\" type=\"audio/mpeg\">https://radio.example.ps/ep1.mp3</link>"
      "<link rel=\"alternate\" type=\"text/html\"> https://radio.example.ps/ep1 </link></entry></feed>";
  auto f = parse_feed(doc, "https://radio.example.ps/atom.xml");
  ASSERT_TRUE(f) << f.error().str();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].link, "https://radio.example.ps/ep1");
  EXPECT_EQ(f->items[0].enclosures, std::vector<std::string>{"https://radio.example.ps/ep1.mp3"});
}

}  // namespace
}  // namespace akhbar::parsers
