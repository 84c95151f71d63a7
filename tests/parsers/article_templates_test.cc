// The generic extractor on the page templates news sites are built from (tests/data/articles/):
// one row per fixture, asserting title, author, date and where it came from, the first and last
// body paragraphs, the paragraph count, and that no boilerplate line reached the body.
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "parsers/article/article.h"
#include "parsers/article/jsonld.h"
#include "parsers/article/paragraphs.h"
#include "parsers/html/html_dom.h"
#include "parsers/date/date.h"

namespace akhbar::parsers {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const WallTime kNow = std::chrono::sys_days{std::chrono::year{2025} / 3 / 18} + std::chrono::hours{12};

std::string fixture(std::string_view name) {
  std::ifstream in(std::string(AKHBAR_TEST_DATA) + "/articles/" + std::string(name), std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> paragraphs_of(const std::string& body) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    if (end > start) out.push_back(body.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

struct TemplateCase {
  const char* file;
  const char* timezone;
  const char* title;
  const char* author;
  const char* published;  // RFC 3339
  const char* date_from;
  const char* first;      // the first paragraph begins so
  const char* last;       // the last paragraph begins so
  std::size_t paragraphs;
  std::vector<const char*> absent;  // boilerplate lines that must not be in the body
};

const std::vector<TemplateCase>& cases() {
  static const std::vector<TemplateCase> kCases = {
      // React/Next.js: one <div data-component="text-block"><div><p> per paragraph, image blocks
      // with captions and credits between them, crossheads, a links block, a source line.
      {"nextjs-text-blocks.html", "UTC", "سدود الفرات: المياه تتراجع إلى أدنى مستوى منذ عقود",
       "سلمى الحسيني، رامي داود", "2024-07-14T06:12:40Z", "jsonld",
       "تراجع منسوب نهر الفرات في شمال شرق سوريا", "وإلى أن يحدث ذلك، يراقب المزارعون", 12,
       {"المصدر:", "صورة أرشيفية", "Getty Images", "صدر الصورة", "انحسرت المياه عن ضفتي الفرات",
        "صهاريج المياه صارت المصدر الوحيد", "قصص مقترحة", "الجفاف يضرب حقول القمح", "مواضيع ذات صلة",
        "شارك هذه القصة", "الأكثر قراءة", "14 يوليو", "مراسل", "كيف غيّر الجفاف"}},
      // An old ASP.NET portal: layout tables inside one page-wide <form>, the date only as visible
      // text under the headline (a "today" date in the top bar further away), the byline as "كتب:",
      // <br><br> paragraphs, a source line, tags, related links and comments.
      // Egypt keeps summer time again since 2023: 6 October 2024 is +03:00 (tzdata 2023c and later).
      {"aspnet-portal-visible-date.html", "Africa/Cairo",
       "محافظ أسيوط يفتتح محطة مياه الشرب الجديدة بقرية بني عدي", "محمود عبد الرحيم",
       "2024-10-06T15:15:00+03:00", "text", "افتتح اللواء عصام سعد، محافظ أسيوط",
       "وفي ختام الجولة، التقى المحافظ", 6,
       {"المصدر:", "تصوير:", "الكلمات المفتاحية", "أخبار ذات صلة", "انطلاق العام الدراسي", "التعليقات",
        "أضف تعليقك", "ربنا يكرمكم", "جميع الحقوق محفوظة", "استطلاع الرأي", "أخبار عاجلة", "كتب:",
        "الأكثر قراءة", "مقالات الرأي", "مواقيت الصلاة", "الدولار", "سياسة الخصوصية", "حوادث طرق"}},
      // A live blog: each entry a paragraph (its heading kept), entry times and "منذ …" not in the
      // body, a caption with "(صورة: …)", an inline "اقرأ أيضا", tags, newsletter and follow boxes.
      {"live-blog-entries.html", "Africa/Cairo", "عاصفة رملية تضرب القاهرة والدلتا وتعطل حركة الطيران", "",
       "2025-03-18T07:05:00+02:00", "jsonld", "تتابع المنصة اليوم لحظة بلحظة",
       "بدأت الرياح المحملة بالأتربة", 9,
       {"منذ 5 دقائق", "منذ ساعتين", "01:40 م", "12:55", "صورة:", "طائرات متوقفة", "اقرأ أيضا", "نصائح للوقاية",
        "الوسوم", "عاصفة رملية\n", "اشترك في النشرة", "تابعونا", "الأكثر قراءة", "تغطيات ذات صلة",
        "آخر تحديث", "مباشر\n", "جميع الحقوق محفوظة"}},
      // AMP opinion page with schema.org microdata only (itemprop headline/author/articleBody,
      // <meta itemprop=datePublished>): the author card in the header, amp-img with an agency
      // credit, a results table kept as text rows, the opinion disclaimer dropped.
      {"amp-opinion-microdata.html", "Africa/Casablanca", "ماذا تقول أرقام الانتخابات البلدية عن مزاج الناخبين؟",
       "د. ليلى منصور", "2024-05-22T18:30:00+01:00", "meta", "لم تكن نتائج الانتخابات البلدية الأخيرة",
       "إن على الأحزاب أن تقرأ هذه الأرقام بتواضع", 11,
       {"رويترز", "أستاذة العلوم السياسية", "بقلم", "الوسوم", "شارك المقال", "إعلان", "اقرأ المزيد",
        "الميزانيات المحلية", "لا تعبر بالضرورة", "جميع الحقوق محفوظة", "القائمة\n"}},
      // A video page: two short paragraphs are still an article; the player's fallback text, its
      // duration, the gallery's heading, captions and credits (تصوير:، AFP، © رويترز) are not body.
      // parsely-pub-date (with a time) wins over dc.date (a day); parsely-author comes first.
      {"video-short-gallery.html", "Asia/Baghdad", "لحظة انهيار جسر قديم فوق نهر دجلة في الموصل", "قسم الفيديو",
       "2024-11-03T16:45:00+03:00", "meta", "وثقت كاميرات المارة لحظة انهيار", "وقالت السلطات المحلية", 2,
       {"متصفحك لا يدعم", "01:42", "مشاهدة", "صور من موقع الحادث", "الجزء المنهار", "تصوير", "AFP", "رويترز",
        "المزيد من الفيديوهات", "أمطار غزيرة", "تابعونا", "شارك", "عاجل"}},
  };
  return kCases;
}

TEST(ArticleTemplates, EachTemplateGivesTheArticleAndNoBoilerplate) {
  for (const TemplateCase& c : cases()) {
    SCOPED_TRACE(c.file);
    SiteRules rules;
    rules.timezone = c.timezone;
    auto article = extract_article(fixture(c.file), "https://news.example/a/1", rules, kNow);
    ASSERT_TRUE(article) << article.error().str();
    EXPECT_EQ(article->title, c.title);
    EXPECT_EQ(article->author, c.author);
    ASSERT_TRUE(article->published_at.has_value());
    EXPECT_EQ(to_unix_ms(*article->published_at), to_unix_ms(*parse_rfc3339(c.published)));
    EXPECT_EQ(article->date_from, c.date_from);
    const std::vector<std::string> paras = paragraphs_of(article->body);
    ASSERT_EQ(paras.size(), c.paragraphs) << article->body;
    if (std::string_view(c.file) == "amp-opinion-microdata.html") {
      EXPECT_EQ(paras[4], "التحالف الوطني | 412 | 31.4%");  // a table row is one line
    }
    EXPECT_THAT(paras.front(), StartsWith(c.first));
    EXPECT_THAT(paras.back(), StartsWith(c.last));
    for (const char* junk : c.absent) EXPECT_THAT(article->body, Not(HasSubstr(junk))) << junk;
  }
}

// Metadata wins over visible text; with neither, date_from is empty and published_raw too.
TEST(ArticleTemplates, DateFromSaysWhereTheDateCameFrom) {
  struct Row {
    const char* html;
    const char* date_from;
  };
  const Row rows[] = {
      {R"(<html><head><meta property="article:published_time" content="2024-10-05T08:00:00Z"></head><body>
<h1>عنوان الخبر في الصفحة هنا</h1><span class="NewsDate">الأحد 6 أكتوبر 2024 - 03:15 م</span>
<div><p>نص الخبر الأول طويل بما يكفي ليعد فقرة من فقرات المقال، وفيه تفاصيل كثيرة عن الحدث وما جرى فيه وما قاله الشهود عنه بعد ذلك.</p></div></body></html>)",
       "meta"},
      {R"(<html><body><h1>عنوان الخبر في الصفحة هنا</h1><time datetime="2024-10-05T08:00:00Z">أمس</time>
<div><p>نص الخبر الأول طويل بما يكفي ليعد فقرة من فقرات المقال، وفيه تفاصيل كثيرة عن الحدث وما جرى فيه وما قاله الشهود عنه بعد ذلك.</p></div></body></html>)",
       "time"},
      {R"(<html><body><h1>عنوان الخبر في الصفحة هنا</h1><div><span>السبت، 5 أكتوبر 2024 11:40 ص</span></div>
<div><p>نص الخبر الأول طويل بما يكفي ليعد فقرة من فقرات المقال، وفيه تفاصيل كثيرة عن الحدث وما جرى فيه وما قاله الشهود عنه بعد ذلك.</p></div></body></html>)",
       "text"},
      {R"(<html><body><h1>عنوان الخبر في الصفحة هنا</h1><div><p>نص الخبر الأول طويل بما يكفي ليعد فقرة من فقرات المقال، وفيه 3 تفاصيل عن الحدث وما جرى فيه وما قاله الشهود عنه بعد ذلك.</p></div></body></html>)",
       ""},
  };
  for (const Row& r : rows) {
    auto article = extract_article(r.html, "https://news.example/a/1", {}, kNow);
    ASSERT_TRUE(article) << article.error().str() << r.html;
    EXPECT_EQ(article->date_from, r.date_from) << r.html;
    EXPECT_EQ(article->published_at.has_value(), *r.date_from != '\0') << r.html;
  }
}

// Bylines are cleaned of prefixes, roles, dates, emails and the site name; the site alone is no author.
TEST(ArticleTemplates, BylinesAreCleaned) {
  struct Row {
    const char* byline;
    const char* author;
  };
  const Row rows[] = {
      {"كتب: محمود عبد الرحيم", "محمود عبد الرحيم"},
      {"كتبت - سارة علي", "سارة علي"},
      {"بقلم: د. أحمد خالد", "د. أحمد خالد"},
      {"بقلم أحمد خالد", "أحمد خالد"},
      {"إعداد: فريق التحرير", "فريق التحرير"},
      {"By Jane Doe", "Jane Doe"},
      {"رامي داود - مراسل الموقع في القامشلي", "رامي داود"},
      {"سلمى الحسيني | أخبار الشرق", "سلمى الحسيني"},
      {"أحمد علي - 6 أكتوبر 2024", "أحمد علي"},
      {"أحمد علي ahmad@news.example", "أحمد علي"},
      {"أخبار الشرق", ""},
      {"وكالة الأنباء الرسمية", ""},
      {"الوكالة الوطنية للإعلام - الاثنين 29 كانون الثاني 2024", ""},
      {"وكيل النيابة أحمد علي", "وكيل النيابة أحمد علي"},
  };
  for (const Row& r : rows) {
    const std::string page = std::string(R"(<html><head><meta property="og:site_name" content="أخبار الشرق"></head><body>
<h1>عنوان الخبر في الصفحة هنا</h1><span class="byline">)") + r.byline + R"(</span>
<div><p>نص الخبر الأول طويل بما يكفي ليعد فقرة من فقرات المقال، وفيه تفاصيل كثيرة عن الحدث وما جرى فيه وما قاله الشهود عنه بعد ذلك.</p></div></body></html>)";
    auto article = extract_article(page, "https://news.example/a/1", {}, kNow);
    ASSERT_TRUE(article) << article.error().str() << r.byline;
    EXPECT_EQ(article->author, r.author) << r.byline;
  }
}

}  // namespace
}  // namespace akhbar::parsers

namespace akhbar::parsers::html {
namespace {

// Boilerplate is decided per paragraph, on short lines that match a cue exactly or as a prefix:
// real sentences that mention a cue word are kept.
TEST(CleanParagraphs, CuesDropShortLinesAndKeepSentences) {
  struct Row {
    const char* text;
    bool kept;
  };
  const Row rows[] = {
      {"المصدر: RT + وكالات", false},
      {"المصدر : وكالات", false},
      {"صورة أرشيفية", false},
      {"(صورة: المنصة اليوم)", false},
      {"حقوق الصورة: Getty Images", false},
      {"Getty Images", false},
      {"AFP/رويترز", false},
      {"© رويترز", false},
      {"(رويترز)", false},
      {"(الأناضول)", false},
      {"Roscosmos / Handout", false},
      {"صورة تعبيرية", false},
      {"صورة توضيحية من الأرشيف", false},
      {"تصوير: علي حسن", false},
      {"تابعونا على فيسبوك وتويتر", false},
      {"اشترك في النشرة البريدية", false},
      {"اقرأ أيضاً: الحكومة تعلن خطة جديدة", false},
      {"الوسوم: سوريا، تركيا", false},
      {"منذ 5 دقائق", false},
      {"01:40 م", false},
      {"١٥:٤٠ بتوقيت مكة المكرمة", false},
      {"۰۸:۰۵ م", false},
      {"تحديث", false},
      {"آخر تحديث", false},
      {"آخر تحديث: 19 نوفمبر 15:40", false},
      {"عاجل", false},
      {"الحصيلة: 150 قتيلا", true},
      {"تحديث المناهج الدراسية يثير جدلا واسعا بين أولياء الأمور في المدارس الحكومية.", true},
      {"Follow us on Instagram", false},
      {"وقال المصدر إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة بحضور الوسطاء.", true},
      {"ونقلت رويترز عن مسؤول في الوزارة قوله إن الخطة ستعلن خلال أيام.", true},
      {"قبل الانتخابات", true},
      {"(رويترز) قالت الحكومة إنها ستعلن الخطة خلال أيام.", true},
      {"تابعوا معنا تفاصيل المؤتمر الذي يعقد في بيروت بمشاركة أكثر من ثلاثين دولة عربية وأجنبية، وسط اهتمام واسع.", true},
  };
  for (const Row& r : rows) {
    Paragraph p;
    p.text = r.text;
    p.chars = visible_length(p.text);
    const std::vector<std::string> kept = clean_paragraphs({p});
    EXPECT_EQ(!kept.empty(), r.kept) << r.text;
  }
}

// A short line that is mostly a <time> element is a time, whatever it says; a sentence holding a
// <time> is prose.
TEST(CleanParagraphs, LinesThatAreMostlyATimeElementAreDropped) {
  auto para = [](const char* text, const char* in_time) {
    Paragraph p;
    p.text = text;
    p.chars = visible_length(p.text);
    p.time_chars = visible_length(in_time);
    return p;
  };
  const std::string sentence = "وكانت الوزارة قد أعلنت يوم الثلاثاء 19 نوفمبر عن إغلاق المدارس في المدن الساحلية.";
  const std::vector<Paragraph> in = {para("الثلاثاء ١٩ نوفمبر الساعة الثالثة عصرا", "الثلاثاء ١٩ نوفمبر الساعة الثالثة عصرا"),
                                     para(sentence.c_str(), "الثلاثاء 19 نوفمبر")};
  EXPECT_EQ(clean_paragraphs(in), std::vector<std::string>{sentence});
}

// A tag list or comments label drops the label and the links after it.
TEST(CleanParagraphs, TagAndCommentLabelsDropTheirLists) {
  auto para = [](const char* text, bool linked, bool li) {
    Paragraph p;
    p.text = text;
    p.chars = visible_length(p.text);
    p.link_chars = linked ? p.chars : 0;
    p.list_item = li;
    return p;
  };
  const std::vector<Paragraph> in = {
      para("نص الخبر الأول طويل بما يكفي ليعد فقرة من فقرات المقال.", false, false),
      para("كلمات دلالية", false, false), para("سوريا", true, true), para("المياه", true, true),
      para("التعليقات", false, false), para("أضف تعليقك", false, false)};
  EXPECT_EQ(clean_paragraphs(in), std::vector<std::string>{"نص الخبر الأول طويل بما يكفي ليعد فقرة من فقرات المقال."});
}

}  // namespace
}  // namespace akhbar::parsers::html

namespace akhbar::parsers {
namespace {

// The article object is found however the page nests it.
TEST(JsonLd, ArticleIsFoundInEveryShapePagesUse) {
  struct Row {
    const char* script;
    const char* headline;
    const char* author;
    const char* body;
  };
  const Row rows[] = {
      {R"({"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"الموقع"},{"@type":"NewsArticle","headline":"عنوان","author":{"@type":"Person","name":"سارة"}}]})",
       "عنوان", "سارة", ""},
      {R"([{"@type":"BreadcrumbList"},{"@type":["Article","ReportageNewsArticle"],"headline":"عنوان","author":[{"name":"أ"},{"name":"ب"}]}])",
       "عنوان", "أ، ب", ""},
      {R"({"@type":"WebPage","mainEntity":{"@type":"OpinionNewsArticle","headline":"رأي","author":"كاتب"}})", "رأي", "كاتب", ""},
      {R"({"@type":"WebPage","name":"صفحة","articleBody":"نص المقال كاملا"})", "صفحة", "", "نص المقال كاملا"},
      {R"({"@type":"LiveBlogPosting","headline":"مباشر","liveBlogUpdate":[{"@type":"BlogPosting","articleBody":"الأول"},{"@type":"BlogPosting","articleBody":"الثاني"}]})",
       "مباشر", "", "الأول\n\nالثاني"},
      {R"({"@type":"AnalysisNewsArticle","headline":"تحليل",})", "تحليل", "", ""},  // trailing comma: relaxed
  };
  for (const Row& r : rows) {
    const JsonLdArticle a = find_jsonld_article({r.script});
    EXPECT_TRUE(a.found) << r.script;
    EXPECT_EQ(a.headline, r.headline) << r.script;
    EXPECT_EQ(a.author, r.author) << r.script;
    EXPECT_EQ(a.body, r.body) << r.script;
  }
  EXPECT_FALSE(find_jsonld_article({R"({"@type":"Organization","name":"الموقع"})", "{broken"}).found);
}

}  // namespace
}  // namespace akhbar::parsers
