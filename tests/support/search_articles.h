// tests/support/search_articles.h: a handful of Arabic news articles (written for these tests) that
// the search tests store and query: spelling variants the key must join (tashkeel, hamza on alef,
// ى/ي, ة/ه), phrases, words shared across articles, three sites, dated and undated.
#pragma once
#include <string>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/normalize.h"
#include "store/store.h"
#include "util/clock.h"

namespace akhbar::testing {

// Ids in insertion order, as a fresh store gives them.
enum SearchArticle : std::int64_t {
  kPresidentDelegation = 1,  // sana: الرَّئِيسُ with tashkeel, in title and body
  kIdlibCeasefire,           // baladi: "وقف إطلاق النار"
  kNovelPrize,               // enab: أحمد الخطيب (hamza)
  kVegetablePrices,          // sana: البندورة, دمشق
  kBookFair,                 // baladi, undated: احمد الخطيب (no hamza), حلب
  kElectricity,              // enab: الرئيس without tashkeel, الكهرباء
  kFootball,                 // sana: كأس آسيا
};

inline store::ArticleRecord search_article(std::string site, int n, std::string title, std::string body,
                                           std::string published) {
  store::ArticleRecord a;
  a.site = std::move(site);
  a.url = "https://" + a.site + ".example/news/" + std::to_string(n);
  a.canonical_url = a.url;
  a.title = std::move(title);
  a.body = std::move(body);
  a.lang = "ar";
  if (!published.empty()) {
    a.published_at = parse_rfc3339(published);
    a.published_at_text = published;
    a.date_from = "jsonld";
  }
  a.fetched_at = a.published_at.value_or(*parse_rfc3339("2024-10-10T12:00:00Z"));
  a.content_hash = parsers::content_hash(a.title, a.body);
  a.near = parsers::near_fingerprint(a.body);
  a.simhash = a.near.simhash;
  return a;
}

inline std::vector<store::ArticleRecord> search_articles() {
  return {
      search_article("sana", 1, "الرَّئِيسُ يستقبل وفداً اقتصادياً في دمشق",
                     "استقبل الرَّئِيسُ صباح اليوم في قصر الشعب وفداً اقتصادياً يضم رجال أعمال من عدة دول عربية، "
                     "وجرى خلال اللقاء بحث فرص الاستثمار في قطاعي الطاقة والزراعة.\n\n"
                     "وأكد الرَّئِيسُ أن الحكومة ستقدم التسهيلات اللازمة للمستثمرين، مشيراً إلى أن إعادة تأهيل "
                     "محطات الكهرباء تأتي في مقدمة الأولويات.",
                     "2024-10-06T10:30:00+03:00"),
      search_article("baladi", 2, "مسؤول: وقف إطلاق النار في إدلب صامد رغم الخروقات",
                     "قال مسؤول في الدفاع المدني إن وقف إطلاق النار في ريف إدلب الجنوبي ما زال صامداً، رغم تسجيل "
                     "خروقات محدودة خلال الليل.\n\n"
                     "وأضاف المسؤول أن فرق الإسعاف نقلت ثلاثة مصابين إلى مستشفى المدينة، وأن الأهالي بدأوا العودة "
                     "إلى منازلهم.",
                     "2024-10-07T09:00:00+03:00"),
      search_article("enab", 3, "أحمد الخطيب يفوز بجائزة الرواية العربية",
                     "فاز الكاتب أحمد الخطيب بجائزة الرواية العربية لهذا العام عن روايته «بيت على النهر»، التي "
                     "تروي حكاية ثلاثة أجيال من عائلة واحدة في حمص.\n\n"
                     "وقالت لجنة التحكيم إن الرواية تتميز بلغة شعرية ورصد دقيق لتحولات المدينة.",
                     "2024-10-08T14:15:00+03:00"),
      search_article("sana", 4, "ارتفاع أسعار الخضار في أسواق دمشق",
                     "شهدت أسواق دمشق ارتفاعاً ملحوظاً في أسعار الخضار خلال الأسبوع الحالي، إذ وصل سعر كيلو "
                     "البندورة إلى ٥٠٠٠ ليرة.\n\n"
                     "وعزا تجار الارتفاع إلى تراجع الإنتاج بسبب موجة الحر وارتفاع تكاليف النقل، فيما وعدت مديرية "
                     "التجارة الداخلية بتكثيف الرقابة.",
                     "2024-10-09T08:00:00+03:00"),
      search_article("baladi", 5, "افتتاح معرض للكتاب في حلب",
                     "افتُتح في مدينة حلب معرض للكتاب بمشاركة أكثر من مئة دار نشر عربية، ويستمر عشرة أيام.\n\n"
                     "ويتضمن المعرض ندوات عن الرواية والشعر، وتوقيع كتب لعدد من الكتاب الشباب، بينهم احمد الخطيب.",
                     ""),
      search_article("enab", 6, "وزير الكهرباء: تحسن ساعات التغذية في الشتاء",
                     "أعلن وزير الكهرباء أن ساعات التغذية الكهربائية ستتحسن مع دخول محطتين جديدتين إلى الخدمة قبل "
                     "الشتاء.\n\n"
                     "وأوضح الوزير أن الرئيس وجّه بإعطاء الأولوية للمناطق الصناعية والمستشفيات.",
                     "2024-10-10T18:00:00+03:00"),
      search_article("sana", 7, "منتخب سوريا يتأهل إلى نهائيات كأس آسيا",
                     "تأهل منتخب سوريا لكرة القدم إلى نهائيات كأس آسيا بعد فوزه على نظيره بهدفين مقابل هدف.\n\n"
                     "وسجل هدفي المنتخب اللاعب سامر الحلبي في الشوط الثاني.",
                     "2024-10-11T20:00:00+03:00"),
  };
}

}  // namespace akhbar::testing
