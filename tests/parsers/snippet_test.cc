#include "parsers/text/snippet.h"

#include <string>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

std::vector<QueryPhrase> wanted(std::string_view text) {
  auto q = parse_search_query(text);
  EXPECT_TRUE(q) << text;
  return q ? q->wanted() : std::vector<QueryPhrase>{};
}

constexpr std::string_view kBody =
    "قال مسؤول في الدفاع المدني إن وقفَ إطلاقِ النار في ريف إدلب الجنوبي ما زال صامداً، رغم تسجيل خروقات "
    "محدودة خلال الليل.\n\n"
    "وأضاف المسؤول أن فرق الإسعاف نقلت ثلاثة مصابين إلى مستشفى المدينة، وأن الأهالي بدأوا العودة إلى منازلهم "
    "بعد أسبوع من النزوح إلى القرى المجاورة.";

TEST(MakeSnippet, MarksTheMatchInTheOriginalSpelling) {
  const std::string s = make_snippet("استقبل الرَّئِيسُ صباح اليوم وفداً", wanted("الرئيس"));
  EXPECT_EQ("استقبل [الرَّئِيسُ] صباح اليوم وفداً", s);
  EXPECT_EQ(s, make_snippet("استقبل الرَّئِيسُ صباح اليوم وفداً", wanted("الرَّئِيسُ")));
  EXPECT_EQ("فاز الكاتب [أحمد] الخطيب", make_snippet("فاز الكاتب أحمد الخطيب", wanted("احمد")));
}

TEST(MakeSnippet, CutsAboutTwentyWordsAroundTheFirstMatchAtWordBoundaries) {
  const std::string s = make_snippet(kBody, wanted("مستشفى"));
  EXPECT_EQ("… الإسعاف نقلت ثلاثة مصابين إلى [مستشفى] المدينة، وأن الأهالي بدأوا العودة إلى منازلهم بعد أسبوع من "
            "النزوح إلى القرى المجاورة",
            s);
  // Twenty words: the match with five before it; the text ends with the window (no " …"), and the
  // full stop after the last word is left out with the rest of what is not a word.
  std::size_t spaces = 0;
  for (char c : s) spaces += c == ' ';
  EXPECT_EQ(20u, spaces) << "an ellipsis and 20 words: " << s;
}

TEST(MakeSnippet, ShowsParagraphBreaksAsOneSpaceAndEllipsesWhereTextWasCut) {
  const std::string s = make_snippet(kBody, wanted("الليل"));
  EXPECT_NE(std::string::npos, s.find("[الليل]. وأضاف")) << s;
  EXPECT_EQ(std::string::npos, s.find('\n')) << s;
  EXPECT_EQ(0u, s.rfind("… ", 0)) << s;
  EXPECT_EQ(s.size() - std::string(" …").size(), s.rfind(" …")) << s;
}

TEST(MakeSnippet, MarksPhrasesPrefixesAndEveryMatchInTheWindow) {
  EXPECT_NE(std::string::npos, make_snippet(kBody, wanted("\"وقف إطلاق النار\"")).find("[وقفَ إطلاقِ النار]"));
  EXPECT_NE(std::string::npos, make_snippet(kBody, wanted("مستشف*")).find("[مستشفى]"));
  const std::string both = make_snippet(kBody, wanted("المسؤول OR الإسعاف"));
  EXPECT_NE(std::string::npos, both.find("[المسؤول] أن فرق [الإسعاف]")) << both;
  EXPECT_EQ(std::string::npos, make_snippet(kBody, wanted("إدلب -النار")).find("[النار]"))
      << "an excluded word is not marked";
}

TEST(MakeSnippet, WithoutAMatchShowsTheLead) {
  const std::string s = make_snippet(kBody, wanted("حلب"));
  EXPECT_EQ(0u, s.rfind("قال مسؤول في الدفاع المدني", 0)) << s;
  EXPECT_EQ(std::string::npos, s.find('[')) << s;
  EXPECT_EQ("", make_snippet("", wanted("حلب")));
  EXPECT_EQ("", make_snippet(" ،،، ", wanted("حلب")));
  EXPECT_EQ("خبر قصير", make_snippet("خبر قصير", wanted("حلب")));
}

TEST(MakeSnippet, KeepsLigaturesWholeAndSurvivesInvalidUtf8) {
  EXPECT_EQ("قال النبي [ﷺ]", make_snippet("قال النبي ﷺ", wanted("\"الله عليه\"")));
  EXPECT_EQ("[ﷺ]", make_snippet("ﷺ", wanted("صلي OR وسلم")));
  const std::string bad = make_snippet("خبر \xff عاجل", wanted("عاجل"));
  EXPECT_NE(std::string::npos, bad.find("[عاجل]")) << bad;
}

TEST(MarkMatches, MarksEveryMatchOfAWholeTitle) {
  EXPECT_EQ("«[الصحة]»: 594 إصابة في حلب [والصحة] تحذر",
            mark_matches("«الصحة»: 594 إصابة في حلب والصحة تحذر", wanted("الصحه OR والصحه")));
  EXPECT_EQ("الرَّئِيسُ يستقبل وفداً", mark_matches("الرَّئِيسُ يستقبل وفداً", wanted("حلب")));
  EXPECT_EQ("[الرَّئِيسُ] يستقبل وفداً في [دمشق]", mark_matches("الرَّئِيسُ يستقبل وفداً في دمشق", wanted("الرئيس دمشق")));
}

}  // namespace
}  // namespace akhbar::parsers
