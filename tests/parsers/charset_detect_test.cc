// Detection of undeclared charsets, and the measurement of detect_charset against libuchardet on
// Arabic (windows-1256, ISO-8859-6, UTF-8, BOM-less UTF-16LE) and Latin (windows-1252) samples,
// each as a bare sentence and as a small page. The figures are printed; only ours is asserted.
#include "parsers/text/charset_detect.h"

#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

namespace akhbar::parsers {
namespace {

// Written for these tests; every character is in ISO-8859-6 (no Arabic-Indic digits, no Persian).
constexpr std::string_view kArabic[] = {
    "افتتح معرض الكتاب في عمّان",
    "قال وزير الصحة إن عدد الإصابات انخفض خلال الأسبوع الماضي.",
    "ارتفعت أسعار الخضار في الأسواق المحلية بسبب موجة البرد.",
    "فاز المنتخب الوطني على نظيره بهدفين مقابل هدف واحد في المباراة الودية.",
    "أعلنت الحكومة عن خطة جديدة لدعم المزارعين الصغار في المناطق الريفية.",
    "تستمر الأمطار الغزيرة حتى نهاية الأسبوع، وتحذر الأرصاد من السيول.",
    "شارك آلاف الطلاب في امتحانات الشهادة الثانوية التي بدأت صباح اليوم.",
    "عقد مجلس النواب جلسة طارئة لمناقشة قانون الموازنة العامة للدولة.",
    "ذكرت مصادر محلية أن الطريق الدولي أغلق لساعات بعد حادث سير.",
    "هل تنجح المفاوضات؟ يقول مراقبون إن الفرص ضئيلة؛ لكن الباب لم يغلق.",
    "غادر الوفد العاصمة متوجهاً إلى جنيف للمشاركة في المؤتمر الدولي للمناخ.",
    "ظهرت نتائج القبول الجامعي وحصل أكثر من ثلثي المتقدمين على مقاعد.",
};
constexpr std::string_view kLatin[] = {
    "Le ministère a annoncé une réforme des écoles élémentaires pour la rentrée.",
    "À Genève, les négociations ont repris après une pause d'été très agitée.",
    "Die Bürger können ab März ihre Anträge über das Portal einreichen.",
    "The café on the corner serves crème brûlée and a piña colada.",
    "El niño pidió una canción más antes de dormir, según su mamá.",
    "Les élèves français étudient l'histoire, la géographie et les sciences.",
};

std::string encode(std::string_view utf8_text, const char* charset) {
  std::string out(utf8_text.size() * 4 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8_text.data(),
                                 static_cast<int32_t>(utf8_text.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string as_page(std::string_view sentence, std::string_view dir) {
  std::string p = "<!DOCTYPE html>\n<html dir=\"" + std::string(dir) + "\">\n<head>\n<title>";
  p += sentence;
  p += "</title>\n</head>\n<body><div class=\"content\"><h1>";
  p += sentence;
  p += "</h1>\n<p>";
  p += sentence;
  p += "</p>\n</div></body></html>\n";
  return p;
}

// uchardet's names for what each of ours means.
bool same_charset(const std::string& expected, const std::string& guess) {
  static const std::map<std::string, std::vector<std::string>> kEquivalent = {
      {"windows-1252", {"windows-1252", "iso-8859-1", "iso-8859-15"}},
      {"utf-16le", {"utf-16le", "utf-16"}},
  };
  if (guess == expected) return true;
  auto it = kEquivalent.find(expected);
  if (it == kEquivalent.end()) return false;
  for (const auto& g : it->second) {
    if (g == guess) return true;
  }
  return false;
}

enum class Length { kWords, kSentence, kPage };
constexpr const char* kLengthNames[] = {"3 words", "sentence", "page"};

std::string first_words(std::string_view text, int n) {
  std::size_t end = 0;
  for (int i = 0; i < n && end != std::string_view::npos; ++i) end = text.find(' ', end + 1);
  return std::string(text.substr(0, end));
}

struct Tally {
  int total = 0, ours = 0, uchardet = 0;
};

TEST(DetectCharset, BeatsUchardetOnArabicAndLatinSamples) {
  struct Sample {
    const char* charset;     // ICU name to encode with
    std::string expected;    // what detect_charset should answer
    bool arabic;
  };
  const Sample kSamples[] = {
      {"windows-1256", "windows-1256", true}, {"ISO-8859-6", "iso-8859-6", true}, {"UTF-8", "utf-8", true},
      {"UTF-16LE", "utf-16le", true},         {"windows-1252", "windows-1252", false}, {"UTF-8", "utf-8", false},
  };
  std::map<std::string, Tally> tallies;
  int ours_total = 0, ours_right = 0, ud_right = 0;
  for (const auto& s : kSamples) {
    const auto& texts = s.arabic ? std::vector<std::string_view>(std::begin(kArabic), std::end(kArabic))
                                 : std::vector<std::string_view>(std::begin(kLatin), std::end(kLatin));
    for (Length length : {Length::kWords, Length::kSentence, Length::kPage}) {
      const std::string key = s.expected + (s.arabic ? " arabic " : " latin ") + kLengthNames[static_cast<int>(length)];
      Tally& t = tallies[key];
      for (std::string_view text : texts) {
        const std::string sample = length == Length::kWords    ? first_words(text, 3)
                                   : length == Length::kPage   ? as_page(text, s.arabic ? "rtl" : "ltr")
                                                               : std::string(text);
        const std::string bytes = encode(sample, s.charset);
        const std::string ours = detect_charset(bytes);
        const std::string theirs = uchardet_guess(bytes);
        ++t.total;
        ++ours_total;
        if (ours == s.expected) ++t.ours, ++ours_right;
        if (same_charset(s.expected, theirs)) ++t.uchardet, ++ud_right;
        EXPECT_EQ(ours, s.expected) << key << ": " << text << " (uchardet: " << theirs << ")";
      }
    }
  }
  std::printf("%-32s %8s %8s\n", "sample", "ours", "uchardet");
  for (const auto& [key, t] : tallies) {
    std::printf("%-32s %4d/%-3d %4d/%-3d\n", key.c_str(), t.ours, t.total, t.uchardet, t.total);
  }
  std::printf("%-32s %4d/%-3d %4d/%-3d\n", "all", ours_right, ours_total, ud_right, ours_total);
}

TEST(DetectCharset, AsciiAndEmptyAreUtf8) {
  EXPECT_EQ(detect_charset(""), "utf-8");
  EXPECT_EQ(detect_charset("<html><body><p>plain ascii</p></body></html>"), "utf-8");
}

TEST(DetectCharset, Utf8CutInTheMiddleOfASequenceByThePrefixIsStillUtf8) {
  // 64 KiB of ASCII, then Arabic: the 64 KiB prefix ends inside a two-byte sequence.
  std::string bytes(64 * 1024 - 1, 'a');
  bytes += "العربية";
  EXPECT_EQ(detect_charset(bytes), "utf-8");
}

TEST(Utf16WithoutBom, SeesTheNulPatternOfMarkupInBothByteOrders) {
  const std::string page = as_page("العربية في الصفحة", "rtl");
  EXPECT_EQ(utf16_without_bom(encode(page, "UTF-16LE")), "utf-16le");
  EXPECT_EQ(utf16_without_bom(encode(page, "UTF-16BE")), "utf-16be");
  EXPECT_EQ(utf16_without_bom(page), "");
  EXPECT_EQ(utf16_without_bom(encode(page, "windows-1256")), "");
}

}  // namespace
}  // namespace akhbar::parsers
