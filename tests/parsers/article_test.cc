#include "parsers/article/article.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "parsers/text/charset.h"

namespace akhbar::parsers {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;

constexpr std::string_view kBaladiUrl = "https://www.baladi-news.com/ar/articles/296792";
const WallTime kNow = std::chrono::sys_days{std::chrono::year{2022} / 10 / 10} + std::chrono::hours{9};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string article_fixture(std::string_view name) {
  return read_file(std::string(AKHBAR_TEST_DATA) + "/articles/" + std::string(name));
}

// Whitespace runs (spaces, tabs, NO-BREAK SPACE) become one space, as the extractor does; the
// seed text has "منطقة\u00A0 سيطرة".
std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      space = true;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != '\n' && c != '\n') out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The golden file: the title, a blank line, then the paragraphs separated by blank lines.
struct Golden {
  std::string title;
  std::string body;
};

Golden baladi_golden() {
  std::string text = article_fixture("baladi-news-qamishli.expected.txt");
  while (!text.empty() && text.back() == '\n') text.pop_back();
  const std::size_t split = text.find("\n\n");
  return Golden{text.substr(0, split), collapse(text.substr(split + 2))};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

SiteRules baladi_rules(std::string body) {
  SiteRules rules;
  rules.title = "h1";
  rules.body = std::move(body);
  rules.date = "meta[property=\"article:published_time\"]@content";
  rules.remove = {".related", ".share"};
  rules.title_suffix = " - بلدي نيوز";
  rules.site_title = "بلدي نيوز";
  rules.timezone = "Asia/Damascus";
  return rules;
}

void check_seed_article(const Result<Article>& article, const std::vector<std::string>& links, std::string_view fixture) {
  ASSERT_TRUE(article) << fixture << ": " << article.error().str();
  const Golden golden = baladi_golden();
  EXPECT_EQ(article->title, golden.title) << fixture;
  EXPECT_EQ(article->body, golden.body) << fixture;
  for (std::string_view junk : {"اقرأ أيضاً", "مقالات ذات صلة", "شارك", "فيسبوك", "جميع الحقوق محفوظة", "تصريح تركي",
                                "إعلان", "التعليقات", "الأكثر قراءة", "النشرة البريدية", "بلدي نيوز"}) {
    EXPECT_THAT(article->body, Not(HasSubstr(std::string(junk)))) << fixture << ": " << junk;
  }
  EXPECT_THAT(links, IsSupersetOf(lines_of(article_fixture("baladi-news-qamishli.related.txt")))) << fixture;
  ASSERT_TRUE(article->published_at.has_value()) << fixture;
  EXPECT_EQ(to_unix_ms(*article->published_at), to_unix_ms(*parse_rfc3339("2022-10-08T10:05:00Z"))) << fixture;
  EXPECT_EQ(article->lang, "ar");
}

// Extracts `fixture` (a form of the seed page) with `rules` and checks it gives the seed article.
Result<Article> expect_seed_article(std::string_view fixture, const SiteRules& rules, std::string_view label) {
  std::vector<std::string> links;
  Result<Article> article = extract_article(article_fixture(fixture), kBaladiUrl, rules, kNow, &links);
  check_seed_article(article, links, label);
  return article;
}

TEST(ExtractArticle, SeedPageWithoutRulesGivesTheSeedTitleAndBody) {
  expect_seed_article("baladi-news-qamishli.html", {}, "baladi-news-qamishli.html");
}

TEST(ExtractArticle, SeedPageWithBrSeparatedParagraphsWithoutRules) {
  expect_seed_article("baladi-news-qamishli-br.html", {}, "baladi-news-qamishli-br.html");
}

TEST(ExtractArticle, SeedPageWithSiteRules) {
  auto article = expect_seed_article("baladi-news-qamishli.html", baladi_rules("div.article-body p"),
                                     "baladi-news-qamishli.html (rules)");
  ASSERT_TRUE(article);
  EXPECT_TRUE(article->warnings.empty()) << article->warnings.front();
  EXPECT_EQ(article->published_raw, "2022-10-08T13:05:00+03:00");
}

TEST(ExtractArticle, SeedPageWithBrParagraphsAndContainerRule) {
  expect_seed_article("baladi-news-qamishli-br.html", baladi_rules("div.article-body"),
                      "baladi-news-qamishli-br.html (rules)");
}

TEST(ExtractArticle, LinksAreDiscoveredBeforeBoilerplateIsRemoved) {
  std::vector<std::string> links;
  auto article = extract_article(article_fixture("baladi-news-qamishli.html"), kBaladiUrl,
                                 baladi_rules("div.article-body p"), kNow, &links);
  ASSERT_TRUE(article);
  ASSERT_FALSE(links.empty());
  // Resolved, canonical, http(s) only, no duplicates, document order.
  EXPECT_EQ(links.front(), "https://www.facebook.com/baladinews");
  EXPECT_THAT(links, Contains("https://www.baladi-news.com/ar/news"));
  EXPECT_THAT(links, Contains("https://www.baladi-news.com/ar/articles/296650"));
  EXPECT_THAT(links, Not(Contains(HasSubstr("javascript:"))));
  EXPECT_THAT(links, Not(Contains(HasSubstr("mailto:"))));
  EXPECT_THAT(links, Not(Contains(HasSubstr("whatsapp:"))));
  const auto first = std::find(links.begin(), links.end(), "https://www.baladi-news.com/ar/articles/296841");
  const auto last = std::find(links.begin(), links.end(), "https://www.baladi-news.com/ar/articles/296799");
  EXPECT_LT(first, last);
  std::vector<std::string> sorted = links;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << "duplicates";
}

// A page as an AMP host serves it, with its article's address in og:url only, or in a
// rel=canonical that leaves the site (a syndicated agency copy).
std::string amp_page(std::string_view head) {
  std::string body;
  for (int i = 0; i < 4; ++i) {
    body += "<p>قالت مصادر محلية في مدينة درعا إن قوات النظام السوري شنت حملة دهم واعتقال في أحياء المدينة "
            "الجنوبية صباح اليوم، واعتقلت عدداً من الشبان بينهم طلاب جامعيون، وسط انتشار أمني كثيف.</p>";
  }
  return "<!doctype html><html amp lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">" + std::string(head) +
         "<title>حملة اعتقالات في درعا</title></head><body><header><a href=\"/amp/\">الرئيسية</a></header>"
         "<article><h1>حملة اعتقالات في درعا</h1>" + body + "</article></body></html>";
}

TEST(ExtractArticle, CanonicalAddressComesFromOgUrlAndStaysOnTheSite) {
  const std::string amp_url = "https://amp.example-news.sy/amp/local/2024/10/06/daraa?amp=1&utm_source=tw";
  // og:url alone names the article.
  auto a = extract_article(amp_page("<meta property=\"og:url\" content=\"https://www.example-news.sy/local/2024/10/06/daraa\">"),
                           amp_url, {}, kNow);
  ASSERT_TRUE(a) << a.error().str();
  EXPECT_EQ(a->canonical_url, "https://www.example-news.sy/local/2024/10/06/daraa");
  // A canonical on another site (the agency) is not this page's address: the fetched URL's
  // canonical form is, with AMP and tracking taken off.
  auto b = extract_article(amp_page("<link rel=\"canonical\" href=\"https://agency.example/story/77\">"), amp_url, {}, kNow);
  ASSERT_TRUE(b) << b.error().str();
  EXPECT_EQ(b->canonical_url, "https://www.example-news.sy/local/2024/10/06/daraa");
  // rel=canonical wins over og:url when both stay on the site.
  auto c = extract_article(amp_page("<link rel=\"canonical\" href=\"/local/2024/10/06/daraa-1\">"
                                    "<meta property=\"og:url\" content=\"https://m.example-news.sy/x\">"),
                           amp_url, {}, kNow);
  ASSERT_TRUE(c) << c.error().str();
  EXPECT_EQ(c->canonical_url, "https://www.example-news.sy/local/2024/10/06/daraa-1");
}

TEST(ExtractArticle, CanonicalLinkOnTheSameSiteIsResolvedAndCleaned) {
  auto article = extract_article(article_fixture("baladi-news-qamishli.html"), kBaladiUrl, {}, kNow);
  ASSERT_TRUE(article);
  EXPECT_EQ(article->canonical_url, "https://www.baladi-news.com/ar/articles/296792/%D9%88%D9%83%D8%A7%D9%84%D8%A9");
  EXPECT_EQ(article->url, kBaladiUrl);
  // The JSON-LD author is the site itself (an Organization): never the author; the comment
  // author ("أبو محمد") is no byline either.
  EXPECT_EQ(article->author, "");
}

TEST(ExtractArticle, JsonLdArticleBodyIsUsedWhenThePageRendersOnlyALead) {
  auto article = extract_article(article_fixture("aljazeera-jsonld-body.html"),
                                 "https://www.aljazeera.net/news/2023/3/14/qatar-talks?utm_source=rss", {}, kNow);
  ASSERT_TRUE(article) << article.error().str();
  EXPECT_EQ(article->title, "قطر تستضيف جولة جديدة من المحادثات بشأن غزة");
  EXPECT_EQ(article->author, "مراسلو الجزيرة نت، وكالات");
  EXPECT_EQ(article->lang, "ar");
  ASSERT_TRUE(article->published_at);
  EXPECT_EQ(to_unix_ms(*article->published_at), to_unix_ms(*parse_rfc3339("2023-03-14T09:30:00Z")));
  const auto paragraphs = lines_of(article->body);
  ASSERT_EQ(paragraphs.size(), 4u) << article->body;
  EXPECT_THAT(paragraphs[0], HasSubstr("الدوحة- أعلنت وزارة الخارجية القطرية"));
  EXPECT_THAT(paragraphs[2], HasSubstr("\"لن تدخر جهدا\""));
  EXPECT_THAT(article->body, Not(HasSubstr("المزيد من الأخبار")));
  EXPECT_THAT(article->body, Not(HasSubstr("تابع القراءة")));
}

TEST(ExtractArticle, WordPressEntryContentDropsReadAlsoListsShareBarsAndComments) {
  auto article = extract_article(article_fixture("wordpress-entry-content.html"),
                                 "https://www.shaam.example/archives/81234", {}, kNow);
  ASSERT_TRUE(article) << article.error().str();
  // og:title is absent and the JSON-LD headline is cut; the <h1> it begins is the full title.
  EXPECT_EQ(article->title, "ارتفاع أسعار الخبز في الشمال السوري للمرة الثانية خلال شهر");
  EXPECT_EQ(article->author, "سامر الأحمد");
  EXPECT_EQ(article->published_raw, "2023-05-02T18:20:00+03:00");
  const std::vector<std::string> expected = {
      "رفعت المؤسسة العامة للحبوب في مناطق شمال غرب سوريا سعر ربطة الخبز إلى خمس ليرات تركية، في زيادة هي الثانية "
      "خلال شهر واحد، وسط تراجع القدرة الشرائية لمعظم السكان.",
      "وقال مسؤول في المؤسسة لـشبكة شام إن القرار جاء بسبب ارتفاع أسعار الطحين والمحروقات عالمياً، مؤكداً أن وزن "
      "الربطة لن يتغير.",
      "استياء شعبي",
      "وعبر أهالٍ في مدينة إدلب عن استيائهم من القرار، مشيرين إلى أن العائلة الواحدة تحتاج إلى ثلاث ربطات يومياً "
      "على الأقل، في حين لا يتجاوز دخل العامل اليومي خمسين ليرة تركية.",
      "ويعتمد نحو أربعة ملايين شخص في المنطقة على المساعدات الإنسانية، بحسب تقديرات الأمم المتحدة، التي حذرت مراراً "
      "من تدهور الأمن الغذائي.",
  };
  EXPECT_EQ(lines_of(article->body), expected);
  EXPECT_EQ(article->canonical_url, "https://www.shaam.example/archives/81234");
}

TEST(ExtractArticle, SectionListingPageHasNoArticle) {
  auto article =
      extract_article(article_fixture("section-listing.html"), "https://www.baladi-news.com/ar/news", {}, kNow);
  ASSERT_FALSE(article);
  EXPECT_EQ(article.error().code, Errc::kNotFound);
  EXPECT_EQ(article.error().message, "article: no body found");
}

// The crawler takes a listing's links from the one parse extract_article made: the same links as
// extract_links, in the same order.
TEST(ExtractArticle, PageWithoutArticleHandsBackItsLinks) {
  const std::string html = article_fixture("section-listing.html");
  const std::string url = "https://www.baladi-news.com/ar/news";
  std::vector<std::string> links;
  ASSERT_FALSE(extract_article(html, url, {}, kNow, &links));
  EXPECT_FALSE(links.empty());
  EXPECT_EQ(links, extract_links(html, url));
}

TEST(ExtractLinks, HonoursBaseHrefAndDropsNonHttpLinks) {
  const auto links = extract_links(article_fixture("section-listing.html"), "https://www.baladi-news.com/ar/news");
  const std::vector<std::string> related = lines_of(article_fixture("baladi-news-qamishli.related.txt"));
  EXPECT_THAT(links, IsSupersetOf(related));
  EXPECT_THAT(links, Contains("https://www.baladi-news.com/ar/news?page=2"));
  EXPECT_THAT(links, Contains("https://www.baladi-news.com/ar"));
  EXPECT_THAT(links, Not(Contains(HasSubstr("#comments"))));
  EXPECT_THAT(links, Not(Contains(HasSubstr("mailto:"))));
  EXPECT_EQ(std::count(links.begin(), links.end(), "https://www.baladi-news.com/ar/articles/296815"), 1);
}

TEST(ExtractArticle, EmptyOrBinaryInputIsInvalid) {
  for (std::string_view bad : {std::string_view(""), std::string_view("just some text, no markup at all"),
                               std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR<", 17)}) {
    auto article = extract_article(bad, kBaladiUrl, {}, kNow);
    ASSERT_FALSE(article);
    EXPECT_EQ(article.error().code, Errc::kInvalidInput);
  }
}

TEST(ExtractArticle, RandomBytesAreBinaryDataNotAnArticleOfMojibake) {
  // 100 KB from a fixed seed, decoded as the crawler would (any charset reads them), wrapped so
  // that they hold markup: still not an article.
  std::mt19937 gen(42);
  std::string bytes = "<html><body><p>";
  for (int i = 0; i < 100 * 1024; ++i) bytes.push_back(static_cast<char>(gen() & 0xFF));
  const std::string text = decode_to_utf8(bytes, "text/html; charset=windows-1256");
  auto article = extract_article(text, kBaladiUrl, {}, kNow);
  ASSERT_FALSE(article);
  EXPECT_EQ(article.error().code, Errc::kInvalidInput);
  EXPECT_EQ(article.error().message, "article: binary data (NUL bytes)");
}

TEST(ExtractArticle, ShortPageIsNotFound) {
  auto article = extract_article("<html><body><h1>عنوان</h1><p>سطر قصير.</p></body></html>", kBaladiUrl, {}, kNow);
  ASSERT_FALSE(article);
  EXPECT_EQ(article.error().code, Errc::kNotFound);
}

constexpr std::string_view kSmallArticle = R"(<html lang="AR-sy"><head>
<title>بلدي نيوز | انقطاع الكهرباء عن أحياء واسعة في مدينة حلب</title>
<meta charset="windows-1256"></head><body>
<h1>انقطاع الكهرباء عن أحياء واسعة في مدينة حلب</h1>
<div class="meta"><span class="post-date">منذ ساعتين</span> <span class="byline">بقلم: أحمد العلي</span></div>
<div class="story">
<p>انقطعت الكهرباء صباح اليوم عن أحياء واسعة في مدينة حلب، بسبب عطل في محطة التحويل الرئيسية، بحسب مصادر محلية.</p>
<p>وقالت المصادر إن ورش الصيانة بدأت العمل على إصلاح العطل، دون تحديد موعد لعودة التيار إلى المنازل والمحال التجارية.</p>
</div></body></html>)";

TEST(ExtractArticle, VisibleDateAndBylineAreUsedWhenNoMetadataExists) {
  SiteRules rules;
  rules.timezone = "Asia/Damascus";
  auto article = extract_article(kSmallArticle, "https://www.baladi-news.com/ar/articles/1", rules, kNow);
  ASSERT_TRUE(article) << article.error().str();
  EXPECT_EQ(article->title, "انقطاع الكهرباء عن أحياء واسعة في مدينة حلب");
  EXPECT_EQ(article->published_raw, "منذ ساعتين");
  ASSERT_TRUE(article->published_at);
  EXPECT_EQ(*article->published_at, kNow - std::chrono::hours{2});
  EXPECT_EQ(article->author, "أحمد العلي");
  EXPECT_EQ(article->lang, "ar");
  EXPECT_EQ(lines_of(article->body).size(), 2u);
  EXPECT_GT(article->words(), 20u);
}

TEST(ExtractArticle, TitleSuffixAndSiteNamesAreStripped) {
  const struct {
    std::string_view title_tag, suffix, site, expected;
  } kCases[] = {
      {"انقطاع الكهرباء في حلب - بلدي نيوز", " - بلدي نيوز", "", "انقطاع الكهرباء في حلب"},
      {"انقطاع الكهرباء في حلب - بلدي نيوز", "بلدي نيوز", "", "انقطاع الكهرباء في حلب"},
      {"انقطاع الكهرباء في حلب | بلدي نيوز", "", "بلدي نيوز", "انقطاع الكهرباء في حلب"},
      {"بلدي نيوز :: انقطاع الكهرباء في حلب", "", "بلدي نيوز", "انقطاع الكهرباء في حلب"},
      {"بلدي نيوز – انقطاع الكهرباء في حلب", "", "بلدي نيوز", "انقطاع الكهرباء في حلب"},
      {"وكالة: انقطاع الكهرباء في حلب", "", "بلدي نيوز", "وكالة: انقطاع الكهرباء في حلب"},
  };
  for (const auto& c : kCases) {
    const std::string page =
        "<html><head><title>" + std::string(c.title_tag) +
        "</title></head><body><div class=\"story\"><p>انقطعت الكهرباء صباح اليوم عن أحياء واسعة في مدينة حلب، بسبب "
        "عطل في محطة التحويل الرئيسية.</p><p>وقالت المصادر إن ورش الصيانة بدأت العمل على إصلاح العطل.</p></div>"
        "</body></html>";
    SiteRules rules;
    rules.title = "title";
    rules.title_suffix = std::string(c.suffix);
    rules.site_title = std::string(c.site);
    auto article = extract_article(page, "https://www.baladi-news.com/ar/articles/1", rules, kNow);
    ASSERT_TRUE(article) << c.title_tag;
    EXPECT_EQ(article->title, c.expected) << c.title_tag;
  }
}

TEST(ExtractArticle, UnparsedDateKeepsTheRawText) {
  SiteRules rules;
  rules.date = ".post-date";
  std::string page(kSmallArticle);
  page.replace(page.find("منذ ساعتين"), std::string_view("منذ ساعتين").size(), "في وقت ما");
  auto article = extract_article(page, "https://www.baladi-news.com/ar/articles/1", rules, kNow);
  ASSERT_TRUE(article);
  EXPECT_FALSE(article->published_at.has_value());
  EXPECT_EQ(article->published_raw, "في وقت ما");
}

TEST(ExtractArticle, BadOrUnmatchedRulesFallBackToGenericWithWarnings) {
  SiteRules rules;
  rules.title = "h2.missing";
  rules.body = "div.nope p";
  rules.remove = {"div +"};
  auto article = extract_article(kSmallArticle, "https://www.baladi-news.com/ar/articles/1", rules, kNow);
  ASSERT_TRUE(article) << article.error().str();
  EXPECT_EQ(article->title, "انقطاع الكهرباء عن أحياء واسعة في مدينة حلب");
  EXPECT_EQ(lines_of(article->body).size(), 2u);
  EXPECT_EQ(article->warnings.size(), 3u);
  EXPECT_THAT(article->warnings, Contains("rules: body selector matched nothing; used generic"));
}

TEST(ExtractArticle, DecodedWindows1256PageKeepsItsArabicText) {
  // A page converted by decode_to_utf8 still says windows-1256 in its <meta>; the parser must
  // read the bytes as UTF-8 anyway.
  std::string page(kSmallArticle);
  auto article = extract_article(decode_to_utf8(page, "text/html; charset=utf-8"), "https://x.example/a", {}, kNow);
  ASSERT_TRUE(article);
  EXPECT_EQ(article->title, "انقطاع الكهرباء عن أحياء واسعة في مدينة حلب");
}

TEST(ExtractArticle, SurvivesEveryFixture) {
  for (const char* dir : {"/articles", "/charsets", "/feeds"}) {
    const std::filesystem::path root = std::string(AKHBAR_TEST_DATA) + dir;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(root)) {
      const std::string bytes = decode_to_utf8(read_file(entry.path().string()), "");
      auto article = extract_article(bytes, "https://example.com/x", {}, kNow);
      if (article) {
        EXPECT_FALSE(article->body.empty()) << entry.path();
      }
      (void)extract_links(bytes, "https://example.com/x");
      // Truncated pages must not crash either.
      (void)extract_article(std::string_view(bytes).substr(0, bytes.size() / 2), "https://example.com/x", {}, kNow);
    }
  }
}

// Title cleaning: a <title> "Site - Headline" with no better source gives the part longer than
// the others together; a site name named by the header logo's alt is stripped from og:title.
TEST(ExtractArticle, TitleCleaningRules) {
  const std::string body =
      "<p>" + std::string(40, 'x') + " " + std::string(40, 'y') + " " + std::string(40, 'z') + ", a b c.</p>"
      "<p>" + std::string(60, 'w') + ", d e f, g h i j k l m n o p q r s t u v.</p>";
  struct Case {
    std::string head;
    std::string header;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"<title>بوابة الدلتا - التموين: صرف الخبز المدعم بالسعر الجديد</title>", "",
       "التموين: صرف الخبز المدعم بالسعر الجديد"},
      {"<title>A - B - C</title>", "", "A - B - C"},
      {"<meta property=\"og:title\" content=\"النقل تعلن موعد تشغيل الخط الرابع - اليوم الثامن\">",
       "<a class=\"logo\" href=\"/\"><img src=\"/l.png\" alt=\"اليوم الثامن\"></a>", "النقل تعلن موعد تشغيل الخط الرابع"},
      {"<meta property=\"og:title\" content=\"النقل تعلن موعد تشغيل الخط الرابع - اليوم الثامن\">", "",
       "النقل تعلن موعد تشغيل الخط الرابع - اليوم الثامن"},
  };
  for (const auto& c : cases) {
    const std::string page = "<html><head>" + c.head + "</head><body>" + c.header + "<article>" + body +
                             "</article></body></html>";
    auto article = extract_article(page, "https://example.org/a/1", {}, kNow);
    ASSERT_TRUE(article.has_value()) << c.head;
    EXPECT_EQ(article->title, c.want) << c.head;
  }
}

// A "sidebar" class token is a sidebar, but layout modifiers on the main column
// ("container sidebar-left", "has-sidebar") are not: the article inside is kept.
TEST(ExtractArticle, SidebarLayoutModifierIsNotASidebar) {
  std::string menu = "<header><ul>";
  for (int i = 0; i < 40; ++i) menu += "<li><a href=\"/s/" + std::to_string(i) + "\">عنوان خبر آخر في القائمة رقم</a></li>";
  menu += "</ul></header>";
  const std::string article =
      "<article><h1>عنوان الخبر الرئيسي هنا</h1><p>" + std::string(200, 'x') + ", a, b, c.</p><p>" +
      std::string(200, 'y') + ", d, e, f.</p></article>";
  struct Case {
    std::string cls;
    bool found;
  };
  const std::vector<Case> cases = {{"container sidebar-left", true}, {"has-sidebar", true},
                                   {"right-sidebar main", true},     {"sidebar", false},
                                   {"sidebar-widgets", false}};
  for (const auto& c : cases) {
    const std::string page = "<html><body>" + menu + "<div class=\"" + c.cls + "\">" + article + "</div></body></html>";
    auto a = extract_article(page, "https://example.org/a/1", {}, kNow);
    EXPECT_EQ(a.has_value(), c.found) << c.cls;
  }
}

// The date line is found by class ("date" token, or a token ending in "date" as ASP.NET's
// "NewsDate"), but today's date in the site header ("today-date", "HeaderDate") is skipped.
TEST(ExtractArticle, DateLineClassesAndHeaderDates) {
  struct Case {
    std::string header_class;
    std::string line_class;
    std::string want_raw;
  };
  const std::vector<Case> cases = {
      {"HeaderDate", "NewsDate", "الأحد 9 أكتوبر 2022 - 10:40 ص"},
      {"today-date", "tie-date", "الأحد 9 أكتوبر 2022 - 10:40 ص"},
      {"date-today", "post-date", "الأحد 9 أكتوبر 2022 - 10:40 ص"},
      {"site-header__date", "PostDate", "الأحد 9 أكتوبر 2022 - 10:40 ص"},
  };
  const std::string paras = "<p>" + std::string(200, 'x') + ", a, b, c.</p><p>" + std::string(200, 'y') + ", d, e.</p>";
  for (const auto& c : cases) {
    const std::string page = "<html><body><div class=\"" + c.header_class + "\">الاثنين 10 أكتوبر 2022</div>" +
                             "<article><h1>عنوان الخبر الرئيسي هنا</h1><span class=\"" + c.line_class +
                             "\">الأحد 9 أكتوبر 2022 - 10:40 ص</span><span class=\"LastUpdate\">الاثنين 10 أكتوبر 2022</span>" +
                             paras + "</article></body></html>";
    auto a = extract_article(page, "https://example.org/a/1", {}, kNow);
    ASSERT_TRUE(a.has_value()) << c.line_class;
    EXPECT_EQ(a->published_raw, c.want_raw) << c.header_class << " / " << c.line_class;
  }
}

// Lines printed above the text are dropped: bylines, datelines ending in ":" or a dash, the
// class-found byline run into the date, a source with a date; a first sentence stays.
TEST(ExtractArticle, LeadMetaLinesAreNotBody) {
  const std::string first = "أعلنت الوزارة اليوم أن المشروع سيبدأ قريباً، وأن " + std::string(150, 'x') + ".";
  const std::string rest = "<p>" + std::string(200, 'y') + ", d, e, f.</p>";
  struct Case {
    std::string lead;
    bool dropped;
  };
  const std::vector<Case> cases = {
      {"كتب محمد أحمد", true},
      {"الخليل – شبكة الخليل:", true},
      {"(وات) –", true},
      {"الرياض - سعد العلي الأحد 9 أكتوبر 2022", true},
      {"الوكالة الوطنية - الأحد 9 تشرين الأول 2022 - 07:15", true},
      {"وقال الوزير إن المشروع سيكتمل قبل الصيف.", false},
  };
  for (const auto& c : cases) {
    const std::string page = "<html><body><article><h1>عنوان الخبر الرئيسي هنا</h1>"
                             "<span class=\"byline\">الرياض - سعد العلي</span><div class=\"text\"><p>" +
                             c.lead + "</p><p>" + first + "</p>" + rest + "</div></article></body></html>";
    auto a = extract_article(page, "https://example.org/a/1", {}, kNow);
    ASSERT_TRUE(a.has_value()) << c.lead;
    EXPECT_EQ(a->body.starts_with(first), c.dropped) << c.lead << "\n" << a->body.substr(0, 80);
  }
}

// hAtom/Blogger: <abbr itemprop="datePublished" title="ISO"> shows only the time; the title is the date.
TEST(ExtractArticle, AbbrPublishedTitleIsTheDate) {
  struct Case {
    std::string abbr;
    std::string want_raw;
  };
  const std::vector<Case> cases = {
      {"<abbr class='published' itemprop='datePublished' title='2022-10-08T21:34:00+01:00'>09:34 م</abbr>",
       "2022-10-08T21:34:00+01:00"},
      {"<abbr class='published' itemprop='datePublished'>2022-10-07</abbr>", "2022-10-07"},
  };
  const std::string paras = "<p>" + std::string(200, 'x') + ", a, b, c.</p><p>" + std::string(200, 'y') + ", d, e.</p>";
  for (const auto& c : cases) {
    const std::string page = "<html><body><article><h1>عنوان الخبر الرئيسي هنا</h1>" + c.abbr + paras +
                             "</article></body></html>";
    auto a = extract_article(page, "https://example.org/a/1", {}, kNow);
    ASSERT_TRUE(a.has_value()) << c.abbr;
    EXPECT_EQ(a->published_raw, c.want_raw) << c.abbr;
  }
}

// A VideoObject's date is used when no JSON-LD names an article; an embedded video never wins over one.
TEST(ExtractArticle, VideoObjectJsonLdOnlyWithoutAnArticle) {
  const std::string video =
      R"(<script type="application/ld+json">{"@type":"VideoObject","name":"v","uploadDate":"2022-10-01T10:00:00Z"}</script>)";
  const std::string news =
      R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"h","datePublished":"2022-10-02T08:00:00Z"}</script>)";
  struct Case {
    std::string scripts;
    std::string want_raw;
  };
  const std::vector<Case> cases = {{video, "2022-10-01T10:00:00Z"}, {video + news, "2022-10-02T08:00:00Z"}};
  const std::string paras = "<p>" + std::string(200, 'x') + ", a, b, c.</p><p>" + std::string(200, 'y') + ", d, e.</p>";
  for (const auto& c : cases) {
    const std::string page = "<html><head>" + c.scripts + "</head><body><article><h1>عنوان الخبر الرئيسي هنا</h1>" +
                             paras + "</article></body></html>";
    auto a = extract_article(page, "https://example.org/a/1", {}, kNow);
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->published_raw, c.want_raw);
  }
}

// A date line showing a relative time keeps the exact one in its title attribute; a title that is
// no date leaves the visible text to be read.
TEST(ExtractArticle, DateLineTitleAttributeHoldsTheExactTime) {
  struct Case {
    std::string span;
    std::string want_raw;
  };
  const std::vector<Case> cases = {
      {R"(<span class="article__time" title="2022/10/08 12:30">منذ ساعتين</span>)", "2022/10/08 12:30"},
      {R"(<span class="article__time" title="تاريخ النشر">منذ ساعتين</span>)", "منذ ساعتين"},
  };
  const std::string paras = "<p>" + std::string(200, 'x') + ", a, b, c.</p><p>" + std::string(200, 'y') + ", d, e.</p>";
  for (const auto& c : cases) {
    const std::string page = "<html><body><article><h1>عنوان الخبر الرئيسي هنا</h1>" + c.span + paras +
                             "</article></body></html>";
    auto a = extract_article(page, "https://example.org/a/1", {}, kNow);
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->published_raw, c.want_raw) << c.span;
  }
}

}  // namespace
}  // namespace akhbar::parsers

namespace akhbar::parsers {
namespace {

const std::string kAuthorTestBody =
    "<p>" + std::string("وقالت الوزارة في بيان إن الشبكة استوعبت الأحمال دون انقطاعات مبرمجة، وإن فرق الصيانة في حالة استعداد.") +
    "</p><p>" + std::string("ودعت الوزارة المستهلكين إلى ترشيد الاستهلاك خلال ساعات الذروة، وضبط أجهزة التكييف على درجة معتدلة.") +
    "</p>";

std::string author_of(const std::string& page) {
  auto a = extract_article(page, "https://news.example/a/1", {}, kNow);
  return a ? a->author : "error: " + a.error().str();
}

// Several authors, one link each with the same class under the byline, are all named, in order.
TEST(ExtractArticleAuthor, SiblingAuthorLinksAreJoined) {
  const std::string page = "<html><body><article><h1>الأحمال الكهربائية تسجل رقماً قياسياً جديداً</h1>"
                           "<div class=\"article__authors\"><a href=\"/authors/1\" class=\"article__author\">نوف العنزي</a>"
                           "<a href=\"/authors/2\" class=\"article__author\">حمد الصالح</a></div><div class=\"article__content\">" +
                           kAuthorTestBody + "</div></article></body></html>";
  EXPECT_EQ(author_of(page), "نوف العنزي، حمد الصالح");
}

// An author in a related teaser further down (another parent) does not join the byline.
TEST(ExtractArticleAuthor, AuthorOfAnotherBlockDoesNotJoin) {
  const std::string page = "<html><body><article><h1>الأحمال الكهربائية تسجل رقماً قياسياً جديداً</h1>"
                           "<div><span class=\"author\">نوف العنزي</span></div><div class=\"content\">" + kAuthorTestBody +
                           "</div></article><div class=\"teaser\"><span class=\"author\">سالم الحضرمي</span></div></body></html>";
  EXPECT_EQ(author_of(page), "نوف العنزي");
}

// Drupal 7 RDFa: the foaf:name inside rel="sioc:has_creator" is the author; a submitted-by line
// naming a news agency is no person.
TEST(ExtractArticleAuthor, RdfaCreatorAndAgencies) {
  auto page = [](const std::string& submitted) {
    return "<html><head><meta property=\"og:site_name\" content=\"الجبل اليوم\"></head><body><div class=\"node\">"
           "<h1>مزارعو التفاح في جرود كسروان: موسم وفير وأسعار لا تغطي الكلفة</h1><div class=\"meta submitted\">"
           "<span property=\"dc:date dc:created\" content=\"2022-10-08T09:40:00+03:00\" rel=\"sioc:has_creator\">" +
           submitted + " - السبت 8 تشرين الأول 2022 - 09:40</span></div><div class=\"field-name-body\">" + kAuthorTestBody +
           "</div></div></body></html>";
  };
  EXPECT_EQ(author_of(page("<span class=\"username\" typeof=\"sioc:UserAccount\" property=\"foaf:name\">جورج عقيقي</span>")),
            "جورج عقيقي");
  EXPECT_EQ(author_of(page("<span class=\"username\">جورج عقيقي</span>")), "جورج عقيقي");
  EXPECT_EQ(author_of(page("<span class=\"username\">الوكالة الوطنية للإعلام</span>")), "");
}

// A date line that begins with the site's name (as <title> shows it beside the headline) names the
// reporter after it; a date line beginning with a place names nobody.
TEST(ExtractArticleAuthor, SiteNameLeadsTheBylineOnTheDateLine) {
  auto page = [](const std::string& info) {
    return "<html><head><title>عدن برس - ميناء عدن يستقبل أكبر سفينة حاويات منذ سنوات</title></head><body><table><tr>"
           "<td class=\"news_title\">ميناء عدن يستقبل أكبر سفينة حاويات منذ سنوات</td></tr><tr><td class=\"news_info\">" +
           info + "</td></tr><tr><td>" + kAuthorTestBody + "</td></tr></table></body></html>";
  };
  EXPECT_EQ(author_of(page("عدن برس - خاص - وضاح باحميش | تاريخ النشر: 08/10/2022 الساعة 13:25 | عدد القراءات: 1402")),
            "وضاح باحميش");
  EXPECT_EQ(author_of(page("عدن برس - سالم الحضرمي | تاريخ النشر: 08/10/2022 الساعة 18:50")), "سالم الحضرمي");
  EXPECT_EQ(author_of(page("عدن - تاريخ النشر: 08/10/2022 الساعة 18:50")), "");
  EXPECT_EQ(author_of(page("عدن برس | تاريخ النشر: 08/10/2022 الساعة 18:50")), "");
}

}  // namespace
}  // namespace akhbar::parsers
