// The generic body finder (parsers/article/generic_extract.h) through extract_article: which
// blocks of a page become the body, on small pages written after the templates that fooled it.
#include <chrono>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "parsers/article/article.h"

namespace akhbar::parsers {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const WallTime kNow = std::chrono::sys_days{std::chrono::year{2024} / 4 / 16} + std::chrono::hours{15};

constexpr std::string_view kFirst =
    "أظهرت بيانات اتحاد مصدري الحبوب أن صادرات القمح إلى مصر خلال الأشهر التسعة الأولى من الموسم "
    "بلغت نحو 8.6 مليون طن، وهو أعلى مستوى منذ خمس سنوات، بحسب ما نقلته وكالات.";
constexpr std::string_view kSecond =
    "وعزا محللون هذا الارتفاع إلى الأسعار التنافسية للقمح مقارنة بالمنشأ الأوروبي والأمريكي، إضافة "
    "إلى قرب المسافة وانخفاض تكاليف الشحن عبر البحر الأسود، وتوقعوا استمراره.";
constexpr std::string_view kThird =
    "وتتوقع وزارة الزراعة أن يصل إجمالي صادرات الحبوب في الموسم الحالي إلى 65 مليون طن، منها "
    "أكثر من 50 مليون طن من القمح، وهو رقم يقترب من المستوى القياسي.";

// An RT-like article: the headline's wrapper, the date, a cover image with its credit and a
// one-line summary are siblings of the text block, all with an "article__" class. The text block's
// "js-mediator-article" hook is no "media" hint, and class hints alone bring no one-line sibling in.
TEST(GenericExtract, SummaryCoverAndHeadlineSiblingsStayOutOfTheBody) {
  const std::string page = std::string(R"(<html><body><main><div class="article">
<div class="article__heading"><h1 class="article__heading heading">صادرات القمح إلى مصر تسجل أعلى مستوى في 5 سنوات</h1></div>
<div class="article__date"><span class="date_article">16.04.2024 | 14:22 GMT</span></div>
<div class="article__cover"><img src="/a.jpg" alt=""><div class="article__cover-source">Roscosmos / Handout</div></div>
<div class="article__summary article__text-summary"><p>قفزت واردات مصر من القمح إلى مستوى غير مسبوق منذ 2019</p></div>
<div class="article__text article__text_article-page js-mediator-article"><p>)") +
                           std::string(kFirst) + "</p><div class=\"read-more\"><a href=\"/x\">خبر آخر عن القمح والأسعار</a></div><p>" +
                           std::string(kSecond) + "</p><p>" + std::string(kThird) +
                           R"(</p><p><strong>المصدر: RT + وكالات</strong></p></div>
<div class="article__read-also"><div>مواضيع ذات صلة</div><a href="/y">تعرف على مواعيد الامتحانات</a></div>
</div></main></body></html>)";
  auto a = extract_article(page, "https://arabic.example/business/1", {}, kNow);
  ASSERT_TRUE(a) << a.error().str();
  EXPECT_EQ(a->body, std::string(kFirst) + "\n\n" + std::string(kSecond) + "\n\n" + std::string(kThird));
  EXPECT_THAT(a->body, Not(HasSubstr("قفزت واردات")));
  EXPECT_THAT(a->body, Not(HasSubstr("Handout")));
}

// A second block of real prose beside the best one still joins it (an article split by an ad).
TEST(GenericExtract, ProseSiblingStillJoins) {
  const std::string page = std::string(R"(<html><body><article><h1>عنوان الخبر الرئيسي في الصفحة</h1>
<div class="entry-content"><p>)") + std::string(kFirst) + "</p><p>" + std::string(kSecond) +
                           R"(</p></div><div class="ad-slot">إعلان</div><div class="entry-content-2"><p>)" +
                           std::string(kThird) + "</p></div></article></body></html>";
  auto a = extract_article(page, "https://arabic.example/business/2", {}, kNow);
  ASSERT_TRUE(a) << a.error().str();
  EXPECT_EQ(a->body, std::string(kFirst) + "\n\n" + std::string(kSecond) + "\n\n" + std::string(kThird));
}

}  // namespace
}  // namespace akhbar::parsers

namespace akhbar::parsers {
namespace {

// A Jazeera-like live blog: each entry has a header with its time ("١٥:٤٠ بتوقيت مكة المكرمة" in a
// <time>) and an "تحديث" title; only the entries' texts are body, in page order.
TEST(GenericExtract, LiveBlogEntryTimesAndUpdateLabelsAreNotBody) {
  const char* entries[] = {
      "مركز الأرصاد: ذروة العاصفة ستكون خلال ساعات الليل، والرياح قد تصل سرعتها إلى 70 كيلومتراً في الساعة.",
      "بلدية شحات تعلن إخلاء 40 عائلة من منازل قريبة من مجرى وادٍ تحسباً لارتفاع منسوب المياه.",
      "الهلال الأحمر: فرقنا في حالة تأهب قصوى في درنة والبيضاء والمرج، وجرى تجهيز مراكز إيواء.",
  };
  const char* times[] = {"١٥:٤٠", "١٤:٠٥", "١٢:٣٠"};
  std::string page = "<html><body><main><h1>مباشر.. عاصفة قوية تضرب شرق ليبيا</h1><div class=\"liveblog-timeline\">";
  for (int i = 0; i < 3; ++i) {
    page += std::string("<div class=\"card-live\"><div class=\"card-live__header\"><span class=\"card-live__timestamp\">"
                        "<time datetime=\"2024-11-19T15:40:00+03:00\">") +
            times[i] + " بتوقيت مكة المكرمة</time></span><h2 class=\"card-live__title\">" +
            (i == 0 ? "آخر تحديث" : "تحديث") + "</h2></div><div class=\"card-live__content wysiwyg\"><p>" + entries[i] +
            "</p></div></div>";
  }
  page += "</div></main></body></html>";
  auto a = extract_article(page, "https://news.example/liveblog/1", {}, kNow);
  ASSERT_TRUE(a) << a.error().str();
  EXPECT_EQ(a->body, std::string(entries[0]) + "\n\n" + entries[1] + "\n\n" + entries[2]);
}

}  // namespace
}  // namespace akhbar::parsers

namespace akhbar::parsers {
namespace {

// Inside the body container, a photo gallery (its "ألبوم الصور" title and captions), a pull quote
// repeating a sentence with its attribution, and an embedded post are media, not prose. A
// WordPress gallery-format post ("format-gallery" on the <article>) is still read.
TEST(GenericExtract, GalleriesPullQuotesAndEmbedsAreNotBody) {
  const std::string body = std::string("<p>") + std::string(kFirst) + R"(</p>
<div id="td-gallery-1" class="td-gallery td-slide-on-2-columns"><div class="td-gallery-title">ألبوم الصور</div>
<div class="td-slider"><figure><img src="/1.jpg" alt=""><div class="td-sld-caption">جانب من الحضور في المدرج الجنوبي خلال حفل الافتتاح</div></figure></div></div>
<p>)" + std::string(kSecond) + R"(</p>
<figure class="wp-block-pullquote"><blockquote><p>الأسعار التنافسية للقمح هي السبب الأول</p><cite>محلل في السوق</cite></blockquote></figure>
<p>)" + std::string(kThird) + R"(</p>
<div class="article__embed"><blockquote class="twitter-tweet"><p>تابعونا على منصة إكس لآخر المستجدات</p>&mdash; الموقع (@site)</blockquote></div>)";
  // Headline modules around the article (tagDiv's mega-menus): the article holds well under half
  // of the page's text, so only its class, not its size, keeps it.
  std::string modules = "<div class=\"td-modules\">";
  for (int i = 0; i < 40; ++i) modules += "<div><a href=\"/n/" + std::to_string(i) + "\">عنوان خبر آخر من أخبار الموقع في القائمة</a></div>";
  modules += "</div>";
  const std::string page = "<html><body>" + modules + "<article class=\"post type-post format-gallery\"><h1>عنوان الخبر الرئيسي في الصفحة</h1>"
                           "<div class=\"entry-content\">" + body + "</div></article></body></html>";
  auto a = extract_article(page, "https://news.example/gallery/1", {}, kNow);
  ASSERT_TRUE(a) << a.error().str();
  EXPECT_EQ(a->body, std::string(kFirst) + "\n\n" + std::string(kSecond) + "\n\n" + std::string(kThird));
}

}  // namespace
}  // namespace akhbar::parsers
