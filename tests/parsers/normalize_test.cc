#include "parsers/text/normalize.h"

#include <bitset>
#include <string>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

TEST(NormalizeArabic, FoldsTheSpellingsOfOneText) {
  static const struct {
    std::string_view in, out;
  } kCases[] = {
      {"مُحَمَّدٌ", "محمد"},                        // tashkeel
      {"الســـــلام", "السلام"},                  // tatweel
      {"أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنه الله"},  // alef forms, ta marbuta
      {"مستشفى", "مستشفي"},                       // alef maqsura
      {"مؤتمر رئيس", "مؤتمر رئيس"},               // hamza on waw and ya is kept
      {"کتاب فارسی", "كتاب فارسي"},               // Persian look-alikes
      {"خانۀ", "خانه"},
      {"ھذا", "هذا"},                             // heh doachashmee
      {"عام ٢٠٢٢ و۱۴۰۱", "عام 2022 و1401"},        // Arabic-Indic and Persian digits
      {"  BBC  عربي\n\tNEWS ", "bbc عربي news"},  // whitespace, Latin case
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(c.out, normalize_arabic(c.in)) << c.in;
  }
  EXPECT_EQ("سورياليوم", normalize_arabic("سوري\u200fا\u200bليوم\u202b"));  // bidi and zero-width marks
  EXPECT_EQ("لا", normalize_arabic("\uFEFB"));                              // presentation form (NFKC)
  EXPECT_EQ("", normalize_arabic(" \u00a0 "));
}

TEST(NormalizeArabic, NeverDropsDigitsOrLetters) {
  EXPECT_NE(normalize_arabic("قتل 5 أشخاص"), normalize_arabic("قتل 6 أشخاص"));
  EXPECT_NE(normalize_arabic("قتل ٥ أشخاص"), normalize_arabic("قتل ٦ أشخاص"));
  EXPECT_EQ("والكتاب", normalize_arabic("وَالْكِتَابُ"));  // no stemming: prefixes stay
}

TEST(NormalizeArabic, KeepsHamzaOnItsCarriersAndAlone) {
  // Lucene's ArabicNormalizer keeps them too: folding them would merge different words.
  EXPECT_NE(normalize_arabic("مسؤول"), normalize_arabic("مسوول"));
  EXPECT_NE(normalize_arabic("إسرائيل"), normalize_arabic("اسراييل"));
  EXPECT_NE(normalize_arabic("سماء"), normalize_arabic("سما"));
  EXPECT_EQ("مسؤول اسرائيلي", normalize_arabic("مسؤولٌ إسرائيليّ"));
}

TEST(NormalizeArabic, MappedKeyLeadsBackToTheOriginalWord) {
  const std::string original = "قالَ الرَّئِيسُ السُّورِيُّ إنَّ";
  const KeyText key = normalize_arabic_mapped(original);
  ASSERT_EQ("قال الرئيس السوري ان", key.text);
  const std::size_t at = key.text.find("الرئيس");
  ASSERT_NE(std::string::npos, at);
  const std::size_t last = at + std::string_view("الرئيس").size() - 1;
  const std::string_view word(original.data() + key.source[at].begin, key.source[last].end - key.source[at].begin);
  EXPECT_EQ("الرَّئِيسُ", word);  // the last letter's marks come with it
}

TEST(NormalizeArabic, SurvivesInvalidUtf8) {
  const std::string s = normalize_arabic(std::string("abc\xff\xfe\xd8"));
  EXPECT_EQ(0u, s.rfind("abc", 0));
}

TEST(ContentHash, IsEqualForSpellingVariantsOfOneArticle) {
  const std::string a = content_hash("أَخْبَارُ سُورِيَّةَ", "قُتِلَ ٥ أشخاص فـي إدلب.\n\nوأُصيب آخرون.");
  const std::string b = content_hash("اخبار سوريه", "قتل 5 اشخاص في ادلب. واصيب اخرون.");
  EXPECT_EQ(a, b);
}

TEST(ContentHash, DiffersWhenADigitDiffers) {
  EXPECT_NE(content_hash("عنوان", "قتل 5 أشخاص"), content_hash("عنوان", "قتل 6 أشخاص"));
  EXPECT_NE(content_hash("عنوان", "نص"), content_hash("عنوان نص", ""));  // title and body stay apart
}

TEST(ContentHash, OfKeyTextIsTheHashOfTheText) {
  const std::string title = "أَخْبَارُ سُورِيَّةَ";
  const std::string body = "قُتِلَ ٥ أشخاص فـي إدلب.\n\nوأُصيب آخرون.";
  EXPECT_EQ(content_hash(title, body), content_hash_of_keys(normalize_arabic(title), normalize_arabic(body)));
  EXPECT_EQ(content_hash("", ""), content_hash_of_keys("", ""));
}

TEST(ContentHash, IsStableLowercaseHexSha256) {
  const std::string h = content_hash("", "");
  // SHA-256 of "\n".
  EXPECT_EQ("01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b", h);
  const std::string g = content_hash("عنوان", "نص");
  EXPECT_EQ(64u, g.size());
  EXPECT_EQ(std::string::npos, g.find_first_not_of("0123456789abcdef"));
  EXPECT_EQ(g, content_hash("عنوان", "نص"));
}

}  // namespace
}  // namespace akhbar::parsers
