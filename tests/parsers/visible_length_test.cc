// visible_length counts the code points of a text that are not whitespace. It reads eight bytes at
// a time; these tests hold it to the plain definition, one code point at a time.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "parsers/html/html_dom.h"
#include "parsers/text/utf8.h"

namespace akhbar::parsers::html {
namespace {

bool is_space_cp(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// The definition: decode well-formed sequences, count every other lead byte on its own.
std::size_t reference_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 && c < 0xC0) {  // a stray continuation byte
      ++i;
      continue;
    }
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    bool ok = i + n <= s.size();
    for (std::size_t k = 1; ok && k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      ok = (b & 0xC0) == 0x80;
      cp = (cp << 6) | (b & 0x3F);
    }
    const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && cp >= least[n];  // an overlong form is no code point
    if (ok && is_space_cp(cp)) {
      i += n;
      continue;
    }
    ++count;
    i += ok ? n : 1;
  }
  return count;
}

std::string hex(std::string_view s) {
  std::string out;
  for (const char c : s) {
    constexpr char kDigits[] = "0123456789abcdef";
    out += kDigits[static_cast<unsigned char>(c) >> 4];
    out += kDigits[static_cast<unsigned char>(c) & 15];
    out += ' ';
  }
  return out;
}

TEST(VisibleLength, CountsLettersNotSpaces) {
  EXPECT_EQ(visible_length(""), 0U);
  EXPECT_EQ(visible_length("   \n\t "), 0U);
  EXPECT_EQ(visible_length("abc def"), 6U);
  EXPECT_EQ(visible_length("الرئيس يزور القاهرة"), 17U);
  EXPECT_EQ(visible_length("قال\u00a0الوزير"), 9U);           // no-break space
  EXPECT_EQ(visible_length("٢٠٢٤\u2009م\u3000\ufeff"), 5U);  // thin and ideographic spaces, BOM
  EXPECT_EQ(visible_length("\u200fنص\u200e"), 4U);            // bidi marks are not whitespace
}

TEST(VisibleLength, AgreesWithTheDefinitionOnEveryAlignment) {
  const std::string arabic =
      "أعلنت وزارة الصحة\u00a0اليوم، في بيان رسمي، عن ٣٥ إصابة جديدة\u2002بالفيروس —\n\t"
      "\u0640\u0640 «الأرقام» مستقرة (\U0001F4F0) & <b>";
  for (std::size_t start = 0; start < 16; ++start) {
    for (std::size_t len = 0; start + len <= arabic.size(); len += 3) {
      const std::string_view s = std::string_view(arabic).substr(start, len);
      ASSERT_EQ(visible_length(s), reference_length(s)) << "start " << start << " len " << len;
    }
  }
}

TEST(VisibleLength, AgreesWithTheDefinitionOnRandomBytes) {
  std::mt19937 rng(20261204);
  // Bytes drawn mostly from those that matter: spaces, controls, Arabic lead and continuation
  // bytes, the leads of Unicode spaces, and anything else.
  const unsigned char pool[] = {' ',  '\t', '\n', '\r', 0x0B, 0x0C, 0x01, 0x1F, 'a',  'Z',  0x7F, 0xD8,
                                0xD9, 0xA7, 0x84, 0xC2, 0xA0, 0xE1, 0x9A, 0x80, 0xE2, 0x80, 0x8A, 0xA8,
                                0xAF, 0x81, 0x9F, 0xE3, 0xEF, 0xBB, 0xBF, 0xF0, 0x9F, 0xC0, 0xFF};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof pool - 1);
  std::uniform_int_distribution<int> any(0, 255);
  for (int round = 0; round < 4000; ++round) {
    std::string s(static_cast<std::size_t>(round % 67), '\0');
    for (char& c : s) c = static_cast<char>(round % 5 == 0 ? any(rng) : pool[pick(rng)]);
    ASSERT_EQ(visible_length(s), reference_length(s)) << "round " << round << ": " << hex(s);
  }
}

}  // namespace
}  // namespace akhbar::parsers::html
