// Tests for parsers/dedupe/near_match.h: when two bodies are copies of one story.
#include "parsers/dedupe/near_match.h"

#include <gtest/gtest.h>

#include <string>

namespace akhbar::parsers {
namespace {

// A short agency story, paragraph by paragraph.
const std::string kLead =
    "بنغازي - أعلن صندوق إعادة إعمار مدينة درنة اليوم بدء الأعمال الإنشائية لأربعة جسور جديدة تربط شرق المدينة "
    "بغربها، لتحل محل الجسور التي دمرتها الفيضانات العام الماضي.";
const std::string kMiddle =
    "وقال مدير الصندوق إن الجسور الجديدة صممت لتحمل تدفقات مائية تفوق بثلاثة أضعاف ما شهدته المدينة ليلة "
    "الكارثة، وإن أعمال إنشائها ستستغرق 18 شهراً بكلفة تقدر بنحو 600 مليون دينار.";
const std::string kEnd =
    "وأضاف أن الصندوق أنجز حتى الآن ترميم 1300 وحدة سكنية وتسليمها لأصحابها، فيما يجري العمل على بناء حي "
    "سكني جديد في الضواحي الجنوبية للمدينة لإيواء الأسر التي فقدت منازلها.";
const std::string kStory = kLead + "\n\n" + kMiddle + "\n\n" + kEnd;

NearMatch match(const std::string& a, const std::string& b) {
  return compare_near(near_fingerprint(a), near_fingerprint(b));
}

TEST(CompareNear, ACopyWithItsEndingCutIsACopy) {
  const auto m = match(kStory, kLead + "\n\n" + kMiddle);
  EXPECT_TRUE(m.similar);
  EXPECT_DOUBLE_EQ(1.0, m.overlap);
}

TEST(CompareNear, ACopyWithASitesParagraphAndBoilerplateAddedIsACopy) {
  const std::string copy = "خاص - شبكة الشرق الإخبارية\n\n" + kStory +
                           "\n\nوكانت لجنة أممية قد أوصت بإجراء مسح شامل لجميع السدود في ليبيا بعد الكارثة.\n\n"
                           "تابعوا آخر الأخبار عبر قناتنا على تلغرام.";
  const auto m = match(kStory, copy);
  EXPECT_TRUE(m.similar);
  EXPECT_DOUBLE_EQ(1.0, m.overlap);  // all of the agency text is in the copy
}

TEST(CompareNear, IsSymmetric) {
  const std::string cut = kLead + "\n\n" + kMiddle;
  const auto ab = match(kStory, cut);
  const auto ba = match(cut, kStory);
  EXPECT_EQ(ab.similar, ba.similar);
  EXPECT_DOUBLE_EQ(ab.overlap, ba.overlap);
  EXPECT_DOUBLE_EQ(ab.numbers, ba.numbers);
  EXPECT_EQ(ab.distance, ba.distance);
}

TEST(CompareNear, TheSameTemplateWithOtherFiguresIsAnotherStory) {
  const std::string monday =
      "أعلنت وزارة الصحة تسجيل 412 إصابة جديدة بالكوليرا خلال الساعات الأربع والعشرين الماضية و3 وفيات، ليرتفع "
      "إجمالي الحالات منذ بداية العام إلى 18760 حالة بينها 142 وفاة، وتصدرت محافظة الحديدة القائمة بـ 137 حالة "
      "تلتها تعز بـ 96 حالة، داعية المواطنين إلى غلي مياه الشرب ومراجعة أقرب مركز صحي.";
  const std::string tuesday =
      "أعلنت وزارة الصحة تسجيل 389 إصابة جديدة بالكوليرا خلال الساعات الأربع والعشرين الماضية و5 وفيات، ليرتفع "
      "إجمالي الحالات منذ بداية العام إلى 19149 حالة بينها 147 وفاة، وتصدرت محافظة الحديدة القائمة بـ 121 حالة "
      "تلتها تعز بـ 104 حالات، داعية المواطنين إلى غلي مياه الشرب ومراجعة أقرب مركز صحي.";
  const auto m = match(monday, tuesday);
  EXPECT_FALSE(m.similar);
  EXPECT_LT(m.numbers, kMinNumberAgreement);
  // Each day's bulletin is a copy of itself reprinted elsewhere.
  EXPECT_TRUE(match(monday, "المصدر: وكالات\n\n" + monday).similar);
}

TEST(CompareNear, StoriesSharingOnlyTheirLeadAreDifferent) {
  const std::string lead =
      "قال مصدر عسكري في تصريح اليوم إن وحدات من الجيش تصدت فجر اليوم لهجوم شنته مجموعات مسلحة بالطائرات المسيرة "
      "على نقاط عسكرية وأسقطت عدداً منها قبل وصولها إلى أهدافها.";
  const std::string hama =
      lead + "\n\nوأوضح المصدر أن الهجوم استهدف نقاطاً في محيط بلدتين بريف حماة الشمالي، وأن المدفعية ردت على "
             "مصادر الإطلاق ودمرت منصة ومستودعاً للذخيرة، ولم تسجل خسائر بشرية في صفوف العسكريين، واقتصرت الأضرار "
             "على تحطم زجاج عدد من المنازل.";
  const std::string latakia =
      lead + "\n\nوبين المصدر أن عملية التصدي ترافقت مع محاولة تسلل لمجموعة من المسلحين باتجاه تلة حاكمة في "
             "ريف اللاذقية، تم إحباطها بعد اشتباك استمر قرابة ساعتين، وعملت وحدات الهندسة بعده على تفكيك عبوات "
             "ناسفة زرعت على طريق ترابي.";
  const auto m = match(hama, latakia);
  EXPECT_FALSE(m.similar);
  EXPECT_LT(m.overlap, kMinOverlap);
}

TEST(CompareNear, TextsTooShortToJudgeAreNeverCopies) {
  const std::string brief = "الجيش يتصدى لهجوم بالمسيرات في ريف حماة";
  EXPECT_FALSE(match(brief, brief).similar);
  EXPECT_FALSE(match(brief, kStory).similar);
}

TEST(Containment, CountsWhatTheSmallerSetShares) {
  EXPECT_DOUBLE_EQ(2.0 / 3.0, containment({1, 2, 3}, {2, 3, 4, 5}));
  EXPECT_DOUBLE_EQ(0.0, containment({1, 2}, {3, 4}));
  EXPECT_DOUBLE_EQ(1.0, containment({}, {3, 4}));
  EXPECT_DOUBLE_EQ(0.0, containment({3}, {}));
}

}  // namespace
}  // namespace akhbar::parsers
