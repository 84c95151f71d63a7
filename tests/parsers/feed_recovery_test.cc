// Feeds as the web serves them: not well-formed, wrongly labelled, or hostile. Each broken fixture
// holds one fault; the hostile ones (entity expansion, external entities) must fail fast or read
// nothing they should not.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/date/date.h"
#include "parsers/feed/feed.h"
#include "tests/parsers/feed_fixtures.h"

namespace akhbar::parsers {
namespace {

bool any_warning_contains(const Feed& f, std::string_view needle) {
  for (const auto& w : f.warnings) {
    if (w.find(needle) != std::string::npos) return true;
  }
  return false;
}

// Everything the parser returned, to look for text that must not be there.
std::string all_text(const Feed& f) {
  std::string out = f.title + "\n" + f.link + "\n";
  for (const auto& i : f.items)
    out += i.id + "\n" + i.title + "\n" + i.link + "\n" + i.summary + "\n" + i.content + "\n";
  return out;
}

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

TEST(FeedRecovery, DecodesHtmlEntitiesXmlDoesNotDefine) {
  auto f = parse_feed(read_fixture("recovery-undefined-entities.xml"), "https://www.sawt-aljanoub.example/feed", "",
                      "Asia/Beirut");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_TRUE(f->recovered);
  EXPECT_EQ("صوت الجنوب » الأخبار", f->title);
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("الحكومة تعلن خطة الطوارئ … والمعارضة ترفض", f->items[0].title);
  EXPECT_EQ("«صوت الجنوب»", f->items[0].author);
  // An entity no one defines stays as written.
  EXPECT_EQ("أعلنت الحكومة «خطة طوارئ» لمواجهة أزمة الوقود… &copyright; — التفاصيل", f->items[0].summary);
  EXPECT_EQ("2022-10-06T13:20:00Z", iso(f->items[0].published));
  EXPECT_EQ("مباراة الديربي: التعادل يحسم اللقاء", f->items[1].title);
  EXPECT_EQ("انتهت المباراة بالتعادل’\u200c", f->items[1].summary);
}

TEST(FeedRecovery, ReadsABareAmpersandAsText) {
  auto f = parse_feed(read_fixture("recovery-bare-ampersand.xml"), "http://www.iqtisad-online.example/rss.php");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_TRUE(f->recovered);
  EXPECT_EQ("الاقتصاد & الأعمال", f->title);
  ASSERT_EQ(2u, f->items.size());
  EXPECT_EQ("البورصة & العملات: تراجع الليرة أمام الدولار", f->items[0].title);
  EXPECT_EQ("http://www.iqtisad-online.example/article.php?id=88213&cat=4&lang=ar", f->items[0].link);
  EXPECT_EQ("قال محللون إن التراجع \"مؤقت\" && إن الأسواق ستستقر. شركة AT&T لم تعلق.", f->items[0].summary);
  EXPECT_EQ("http://www.iqtisad-online.example/article.php?id=88210&cat=4&lang=ar", f->items[1].id);
  EXPECT_EQ("2022-10-06T09:30:00Z", iso(f->items[1].published));
}

TEST(FeedRecovery, AnUnclosedTagSwallowsNothing) {
  // Item 1's description leaves <br> and <p> open; item 3's is never closed. libxml2's recovery
  // nests what follows inside them; the scanner reads each field to its own end tag.
  auto f =
      parse_feed(read_fixture("recovery-unclosed-tag.xml"), "http://akhbar-almadina.example/rss", "", "Asia/Amman");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_TRUE(f->recovered);
  EXPECT_TRUE(any_warning_contains(*f, "not well-formed")) << testing::PrintToString(f->warnings);
  EXPECT_EQ("أخبار المدينة", f->title);
  ASSERT_EQ(4u, f->items.size());
  const char* titles[] = {"إغلاق الطريق الدولي بسبب الثلوج", "افتتاح مستشفى جديد في الحي الشرقي",
                          "انقطاع المياه عن ثلاثة أحياء", "مهرجان الربيع يعود بعد غياب"};
  const char* dates[] = {"2022-10-06T05:00:00Z", "2022-10-06T04:30:00Z", "2022-10-05T19:10:00Z",
                         "2022-10-05T17:00:00Z"};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(titles[i], f->items[i].title) << i;
    EXPECT_EQ("http://akhbar-almadina.example/news/show/" + std::to_string(5521 - i), f->items[i].link) << i;
    EXPECT_EQ(f->items[i].link, f->items[i].id) << i;
    EXPECT_EQ(dates[i], iso(f->items[i].published)) << i;
  }
  EXPECT_EQ("أغلقت السلطات الطريق بسبب تراكم الثلوج وطالبت السائقين بالحذر", f->items[0].summary);
  EXPECT_EQ("أعلنت مؤسسة المياه انقطاع الضخ حتى المساء", f->items[2].summary);
}

// Faults after which libxml2 loses items: the scanner's reading replaces the tree's.
TEST(FeedRecovery, TheScannerReadsTheItemsLibxml2Lost) {
  auto item = [](int i, const std::string& title) {
    return "<item><title>" + title + "</title><link>http://example.org/" + std::to_string(i) +
           "</link><pubDate>Thu, 06 Oct 2022 1" + std::to_string(i) + ":00:00 +0000</pubDate></item>\n";
  };
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>قناة</title>\n";
  const std::string tail = "</channel></rss>\n";
  const std::pair<std::string, std::string> faults[] = {
      {"unquoted attribute",
       "<item><title>ثان</title><guid isPermaLink=false>g-2</guid><link>http://example.org/2</link>"
       "<pubDate>Thu, 06 Oct 2022 12:00:00 +0000</pubDate></item>\n"},
      {"unterminated CDATA",
       "<item><title><![CDATA[ثان</title><link>http://example.org/2</link>"
       "<pubDate>Thu, 06 Oct 2022 12:00:00 +0000</pubDate></item>\n"},
      {"NUL byte", item(2, std::string("ثان\0", 7))},
  };
  for (const auto& [name, broken] : faults) {
    const std::string rss = head + item(1, "أول") + broken + item(3, "ثالث") + tail;
    auto f = parse_feed(rss, "http://example.org/rss");
    ASSERT_TRUE(f) << name << ": " << f.error().str();
    EXPECT_TRUE(f->recovered) << name;
    EXPECT_TRUE(any_warning_contains(*f, "tolerant scanner")) << name << testing::PrintToString(f->warnings);
    ASSERT_EQ(3u, f->items.size()) << name;
    EXPECT_EQ("أول", f->items[0].title) << name;
    EXPECT_EQ("ثان", f->items[1].title) << name;
    EXPECT_EQ("ثالث", f->items[2].title) << name;
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ("http://example.org/" + std::to_string(i + 1), f->items[i].link) << name;
      EXPECT_EQ("2022-10-06T1" + std::to_string(i + 1) + ":00:00Z", iso(f->items[i].published)) << name;
    }
  }
}

TEST(FeedRecovery, TheScannerReadsAFeedWhoseRootTagIsBroken) {
  const std::string rss = R"(<?xml version="1.0"?><rss version="2.0"<channel><title>قناة</title>
<item><title>خبر</title><link>/a/1</link><enclosure url="/img/1.jpg" type="image/jpeg"/></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("rss", f->kind);
  EXPECT_TRUE(f->recovered);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("خبر", f->items[0].title);
  EXPECT_EQ("http://example.org/a/1", f->items[0].link);
  EXPECT_EQ(std::vector<std::string>{"http://example.org/img/1.jpg"}, f->items[0].enclosures);

  const std::string atom = R"(<feed xmlns="http://www.w3.org/2005/Atom"<title>مدونة</title><entry><id>urn:x:1</id>
<title type="text">أ &lt;ب&gt;</title><link rel="alternate" href="http://example.org/1"/><author><name>سلمى</name></author>
<updated>2022-10-06T10:00:00Z</updated></entry></feed>)";
  auto g = parse_feed(atom, "http://example.org/atom");
  ASSERT_TRUE(g) << g.error().str();
  EXPECT_EQ("atom", g->kind);
  ASSERT_EQ(1u, g->items.size());
  EXPECT_EQ("urn:x:1", g->items[0].id);
  EXPECT_EQ("أ <ب>", g->items[0].title);
  EXPECT_EQ("http://example.org/1", g->items[0].link);
  EXPECT_EQ("سلمى", g->items[0].author);
  EXPECT_EQ("2022-10-06T10:00:00Z", iso(g->items[0].updated));
}

TEST(FeedRecovery, ReadsWindows1256BytesDeclaredUtf8) {
  const std::string bytes = read_fixture("recovery-wrong-encoding.xml");
  ASSERT_EQ(std::string::npos, bytes.find("\xD8\xA3")) << "fixture should not be UTF-8";
  auto f = parse_feed(bytes, "http://www.gulf-agency.example/rss.asp", "", "Asia/Kuwait");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("windows-1256", f->encoding);
  EXPECT_TRUE(f->recovered);
  EXPECT_TRUE(any_warning_contains(*f, "declared utf-8")) << testing::PrintToString(f->warnings);
  EXPECT_EQ("وكالة أنباء الخليج", f->title);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("أمير البلاد يستقبل وفداً برلمانياً", f->items[0].title);
  EXPECT_EQ("استقبل أمير البلاد في قصر بيان وفداً برلمانياً", f->items[0].summary);
  EXPECT_EQ("2022-10-06T07:15:00Z", iso(f->items[0].published));

  // The same bytes with a Content-Type that also says UTF-8.
  auto g = parse_feed(bytes, "http://www.gulf-agency.example/rss.asp", "text/xml; charset=utf-8");
  ASSERT_TRUE(g) << g.error().str();
  EXPECT_EQ("windows-1256", g->encoding);
  EXPECT_EQ("وكالة أنباء الخليج", g->title);
}

TEST(FeedRecovery, ReadsWindows1256BytesWithoutADeclaration) {
  auto f = parse_feed(read_fixture("recovery-no-declaration-1256.xml"), "http://www.annahar-online.example/rss.aspx");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("windows-1256", f->encoding);
  EXPECT_TRUE(f->recovered);
  EXPECT_EQ("صحيفة النهار الإلكترونية", f->title);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("تعديل وزاري يشمل خمس حقائب", f->items[0].title);
  EXPECT_EQ("http://www.annahar-online.example/Article.aspx?ID=4410", f->items[0].link);
}

TEST(FeedRecovery, SkipsAUtf8Bom) {
  auto f = parse_feed(read_fixture("recovery-bom.xml"), "https://minbar-alshabab.example/feed");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("utf-8", f->encoding);
  EXPECT_FALSE(f->recovered);  // a BOM is allowed
  EXPECT_EQ("منبر الشباب", f->title);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("مسابقة وطنية للبرمجة", f->items[0].title);
}

TEST(FeedRecovery, SkipsWhitespaceBeforeTheXmlDeclaration) {
  auto f = parse_feed(read_fixture("recovery-leading-whitespace.xml"), "https://alharf-blog.example/feed/");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_TRUE(f->recovered);
  EXPECT_EQ("rss20", f->version);
  EXPECT_EQ("مدونة الحرف", f->title);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("في مديح القراءة البطيئة", f->items[0].title);
  EXPECT_EQ("هدى", f->items[0].author);
  EXPECT_EQ("https://alharf-blog.example/?p=311", f->items[0].id);
  EXPECT_EQ("2022-10-06T08:45:00Z", iso(f->items[0].published));
}

TEST(FeedRecovery, SkipsAPhpWarningPrintedBeforeTheFeed) {
  auto f = parse_feed(read_fixture("recovery-php-warning.xml"), "https://taqweem.example/feed/");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_TRUE(f->recovered);
  EXPECT_TRUE(any_warning_contains(*f, "junk before the XML")) << testing::PrintToString(f->warnings);
  EXPECT_EQ("تقويم", f->title);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("https://taqweem.example/2022/10/school-year/", f->items[0].link);
}

// ----- Entities -----

TEST(FeedRecovery, ExpandsSmallInternalEntitiesButNeverReadsExternalOnes) {
  auto f = parse_feed(read_fixture("recovery-external-entity.xml"), "https://akhbar-alsahil.example/rss");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("أخبار الساحل", f->title);  // &site; expanded, &passwd; (file:///etc/passwd) not read
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("خبر عن أخبار الساحل", f->items[0].title);
  EXPECT_EQ("", f->items[0].summary);
  EXPECT_EQ(std::string::npos, all_text(*f).find("root:"));
}

TEST(FeedRecovery, NeverReadsAnExternalEntityFile) {
  const std::filesystem::path secret = std::filesystem::path(testing::TempDir()) / "akhbar-feed-secret.txt";
  {
    std::ofstream out(secret);
    out << "SECRET-4f1c";
  }
  const std::string uri = "file://" + secret.string();
  const std::string rss = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY s SYSTEM \"" + uri +
                          "\"><!ENTITY p PUBLIC \"-//x//y\" \"" + uri +
                          "\">]>\n<rss version=\"2.0\"><channel>"
                          "<title>a&s;b&p;</title><item><title>&s;</title><link>http://example.org/&s;</link>"
                          "<description><![CDATA[x]]>&p;</description></item></channel></rss>";
  auto f = parse_feed(rss, "http://example.org/rss");
  std::filesystem::remove(secret);
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_EQ("ab", f->title);
  EXPECT_EQ(std::string::npos, all_text(*f).find("SECRET")) << all_text(*f);
}

// The classic: ten levels of ten references, 10^9 "lol"s (3 GB) if expanded.
std::string billion_laughs(const std::string& use) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    doc += "<!ENTITY lol" + std::to_string(level) + " \"";
    for (int k = 0; k < 10; ++k) doc += "&lol" + std::to_string(level - 1) + ";";
    doc += "\">\n";
  }
  return doc + "]>\n<rss version=\"2.0\"><channel>" + use +
         "<item><link>http://example.org/1</link></item></channel></rss>";
}

TEST(FeedRecovery, BillionLaughsFailsFast) {
  const std::string fixture = read_fixture("recovery-billion-laughs.xml");
  ASSERT_FALSE(fixture.empty());
  for (const std::string& doc : {fixture, billion_laughs("<title>&lol9;</title>"),
                                 billion_laughs("<link>&lol9;</link>"), billion_laughs("<ttl a=\"&lol9;\">5</ttl>")}) {
    const auto start = std::chrono::steady_clock::now();
    auto f = parse_feed(doc, "http://example.org/rss");
    const double ms = elapsed_ms(start);
    ASSERT_FALSE(f) << doc.substr(doc.size() - 120);
    EXPECT_EQ(Errc::kResourceExhausted, f.error().code);
    EXPECT_NE(std::string::npos, f.error().message.find("entity")) << f.error().message;
    EXPECT_LT(ms, 1000.0);  // well under 1 ms in a release build; generous for sanitizer builds
  }
}

TEST(FeedRecovery, BillionLaughsInUtf16FailsFastToo) {
  // UTF-16 skips the byte-level preparation: libxml2's own limit is what stops it.
  const std::string doc = billion_laughs("<title>&lol9;</title>");
  std::string bytes = "\xFF\xFE";
  for (char c : doc) {
    bytes += c;
    bytes += '\0';
  }
  auto f = parse_feed(bytes, "http://example.org/rss");
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kResourceExhausted, f.error().code);
}

TEST(FeedRecovery, QuadraticBlowupFailsFast) {
  // One 100 KB entity referenced 10,000 times: linear for libxml2's check, 1 GB as text.
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY big \"" + std::string(100'000, 'A') +
                    "\">]>\n<rss version=\"2.0\"><channel><title>";
  for (int i = 0; i < 10'000; ++i) doc += "&big;";
  doc += "</title><item><link>http://example.org/1</link></item></channel></rss>";
  const auto start = std::chrono::steady_clock::now();
  auto f = parse_feed(doc, "http://example.org/rss");
  const double ms = elapsed_ms(start);
  ASSERT_FALSE(f);
  EXPECT_EQ(Errc::kResourceExhausted, f.error().code);
  EXPECT_NE(std::string::npos, f.error().message.find("entity")) << f.error().message;
  EXPECT_LT(ms, 2000.0);
}

TEST(FeedRecovery, AnEntityDeclaredWithAnHtmlNameIsTheDocumentsOwn) {
  const std::string rss = R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY agency "وكالة الأنباء">]>
<rss version="2.0"><channel><title>&agency;&nbsp;الرسمية</title>
<item><link>http://example.org/1</link><title>بيان &agency;</title></item></channel></rss>)";
  auto f = parse_feed(rss, "http://example.org/rss");
  ASSERT_TRUE(f) << f.error().str();
  EXPECT_FALSE(f->recovered);
  EXPECT_EQ("وكالة الأنباء الرسمية", f->title);
  ASSERT_EQ(1u, f->items.size());
  EXPECT_EQ("بيان وكالة الأنباء", f->items[0].title);
}

}  // namespace
}  // namespace akhbar::parsers
