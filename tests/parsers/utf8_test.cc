#include "parsers/text/utf8.h"

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

// The lengths sequence_length() walks `s` in: a positive length for a well-formed sequence, the
// negated `bad` length for an ill-formed one (what one U+FFFD replaces).
std::vector<int> steps(std::string_view s) {
  std::vector<int> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t bad = 99;
    const std::size_t n = utf8::sequence_length(s, i, bad);
    if (n == 0) {
      out.push_back(-static_cast<int>(bad));
      i += bad;
    } else {
      EXPECT_EQ(99u, bad) << "bad set on a well-formed sequence at " << i;
      out.push_back(static_cast<int>(n));
      i += n;
    }
  }
  return out;
}

bool valid(std::string_view s, bool* non_ascii = nullptr) { return utf8::is_valid(s, non_ascii); }

// --- Well-formed text ---

TEST(Utf8SequenceLength, AsciiIsOneByteEach) {
  EXPECT_EQ((std::vector<int>{1, 1, 1, 1}), steps("<rss"));
}

TEST(Utf8SequenceLength, ArabicLettersAreTwoBytes) {
  // "خبر" U+062E U+0628 U+0631, then a space and the Arabic comma U+060C.
  EXPECT_EQ((std::vector<int>{2, 2, 2, 1, 2}), steps("خبر ،"));
  EXPECT_EQ((std::vector<int>{2}), steps("\xC2\x80"));  // U+0080, the smallest two-byte character
  EXPECT_EQ((std::vector<int>{2}), steps("\xDF\xBF"));  // U+07FF, the largest
}

TEST(Utf8SequenceLength, ThreeByteCharacters) {
  // The zero-width non-joiner U+200C that Arabic CMSs leave in titles, the euro sign, the ligature ﷲ
  // U+FDF2, and the edges: U+0800, U+D7FF (just below the surrogates), U+E000, U+FFFF.
  EXPECT_EQ((std::vector<int>{3, 3, 3}), steps("\u200c€ﷲ"));
  EXPECT_EQ((std::vector<int>{3, 3, 3, 3}), steps("\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF"));
}

TEST(Utf8SequenceLength, FourByteCharacters) {
  // 📰 U+1F4F0, then the edges U+10000 and U+10FFFF.
  EXPECT_EQ((std::vector<int>{4, 4, 4}), steps("📰\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));
}

TEST(Utf8SequenceLength, ReadsOnlyFromTheGivenIndex) {
  const std::string_view s = "عاجل: 📰";
  std::size_t bad = 0;
  EXPECT_EQ(2u, utf8::sequence_length(s, 2, bad));  // "ا"
  EXPECT_EQ(1u, utf8::sequence_length(s, 8, bad));  // ":"
  EXPECT_EQ(4u, utf8::sequence_length(s, 10, bad));
  EXPECT_EQ(0u, utf8::sequence_length(s, 11, bad));  // inside the emoji: a continuation byte
  EXPECT_EQ(1u, bad);
}

// --- Ill-formed text: the maximal subpart (Unicode 3.9, table 3-8) ---

TEST(Utf8SequenceLength, OverlongFormsAreRejectedAtTheirFirstByteOrSecond) {
  // C0 and C1 can only start overlong forms: they are ill-formed alone, and the 80 after them is a
  // lone continuation byte.
  EXPECT_EQ((std::vector<int>{-1, -1}), steps("\xC0\x80"));  // "/" or NUL, overlong
  EXPECT_EQ((std::vector<int>{-1, -1}), steps("\xC1\xBF"));
  // E0 80..9F and F0 80..8F are overlong: E0 and F0 alone are the maximal subpart.
  EXPECT_EQ((std::vector<int>{-1, -1, -1}), steps("\xE0\x80\x80"));
  EXPECT_EQ((std::vector<int>{-1, -1, -1}), steps("\xE0\x9F\xBF"));
  EXPECT_EQ((std::vector<int>{-1, -1, -1, -1}), steps("\xF0\x8F\xBF\xBF"));
}

TEST(Utf8SequenceLength, SurrogatesAreRejected) {
  // U+D800 and U+DFFF written as three bytes (CESU-8, or a JSON "\ud83d" turned into UTF-8 alone).
  EXPECT_EQ((std::vector<int>{-1, -1, -1}), steps("\xED\xA0\x80"));
  EXPECT_EQ((std::vector<int>{-1, -1, -1}), steps("\xED\xBF\xBF"));
  // A surrogate pair so written is six ill-formed bytes, not one character.
  EXPECT_EQ((std::vector<int>{-1, -1, -1, -1, -1, -1}), steps("\xED\xA0\xBD\xED\xB3\xB0"));
}

TEST(Utf8SequenceLength, CodePointsAboveU10FFFFAreRejected) {
  EXPECT_EQ((std::vector<int>{-1, -1, -1, -1}), steps("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_EQ((std::vector<int>{-1, -1, -1, -1}), steps("\xF5\x80\x80\x80"));
  EXPECT_EQ((std::vector<int>{-1, -1}), steps("\xFE\xFF"));  // a UTF-16 BOM is not UTF-8
}

TEST(Utf8SequenceLength, LoneContinuationBytesAreOneEach) {
  // The second halves of "خبر" with their lead bytes lost (a title cut one byte too far).
  EXPECT_EQ((std::vector<int>{-1, 2, -1, 1}), steps("\xAE\xD8\xA8\xB1 "));
  EXPECT_EQ((std::vector<int>{-1, -1, -1}), steps("\x80\x80\xBF"));
}

TEST(Utf8SequenceLength, ATruncatedSequenceIsOneSubpart) {
  // Cut off by the end of the input: everything present is one subpart.
  EXPECT_EQ((std::vector<int>{2, -1}), steps("خ\xD8"));
  EXPECT_EQ((std::vector<int>{-2}), steps("\xE2\x80"));        // U+200C without its last byte
  EXPECT_EQ((std::vector<int>{-3}), steps("\xF0\x9F\x93"));    // 📰 without its last byte
  EXPECT_EQ((std::vector<int>{-2}), steps("\xF0\x9F"));
  EXPECT_EQ((std::vector<int>{-1}), steps("\xF0"));
  // Cut off by a byte that cannot continue it: the subpart stops before that byte.
  EXPECT_EQ((std::vector<int>{-2, 1}), steps("\xE2\x80x"));
  EXPECT_EQ((std::vector<int>{-3, 2}), steps("\xF0\x9F\x93\xD8\xA8"));
  EXPECT_EQ((std::vector<int>{-1, 1}), steps("\xD8<"));
}

TEST(Utf8SequenceLength, UnicodeTable3_8) {
  // The Unicode Standard's own example: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 reads as
  // a, U+FFFD, U+FFFD, U+FFFD, b, U+FFFD, c, U+FFFD, U+FFFD, d.
  EXPECT_EQ((std::vector<int>{1, -3, -2, -1, 1, -1, 1, -1, -1, 1}),
            steps("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"));
}

// An independent reading of the rules (decode, then check the value) against every two- and
// three-byte input and every four-byte lead with boundary trail bytes.
std::size_t reference_length(const unsigned char* b, std::size_t n) {
  std::size_t len = 0;
  unsigned cp = 0;
  if (b[0] < 0x80) return 1;
  if (b[0] >= 0xC0 && b[0] < 0xE0) {
    len = 2;
    cp = b[0] & 0x1F;
  } else if (b[0] >= 0xE0 && b[0] < 0xF0) {
    len = 3;
    cp = b[0] & 0x0F;
  } else if (b[0] >= 0xF0 && b[0] < 0xF8) {
    len = 4;
    cp = b[0] & 0x07;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((b[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b[k] & 0x3F);
  }
  const unsigned min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

TEST(Utf8SequenceLength, AgreesWithADecoderOnEveryShortInput) {
  unsigned char b[4];
  auto check = [&b](std::size_t n) {
    const std::string_view s(reinterpret_cast<const char*>(b), n);
    std::size_t bad = 0;
    const std::size_t got = utf8::sequence_length(s, 0, bad);
    const std::size_t want = reference_length(b, n);
    if (got != want) {
      ADD_FAILURE() << "bytes " << std::hex << int(b[0]) << " " << (n > 1 ? int(b[1]) : -1) << " "
                    << (n > 2 ? int(b[2]) : -1) << " " << (n > 3 ? int(b[3]) : -1) << ": " << got << " != " << want;
      return false;
    }
    if (got == 0 && (bad < 1 || bad > 3 || bad > n)) {
      ADD_FAILURE() << "bad " << bad << " for lead " << std::hex << int(b[0]);
      return false;
    }
    if (got == 0 || got == n) {
      EXPECT_EQ(got == n, utf8::is_valid(s)) << std::hex << int(b[0]);
    }
    return true;
  };
  for (unsigned b0 = 0; b0 < 0x100; ++b0) {
    b[0] = static_cast<unsigned char>(b0);
    if (!check(1)) return;
    for (unsigned b1 = 0; b1 < 0x100; ++b1) {
      b[1] = static_cast<unsigned char>(b1);
      if (!check(2)) return;
      if (b0 < 0xE0 || b0 > 0xEF) continue;
      for (unsigned b2 = 0; b2 < 0x100; ++b2) {
        b[2] = static_cast<unsigned char>(b2);
        if (!check(3)) return;
      }
    }
  }
  for (unsigned b0 = 0xF0; b0 < 0x100; ++b0) {
    for (unsigned b1 = 0; b1 < 0x100; ++b1) {
      for (int b2 : {0x7F, 0x80, 0xBF, 0xC0}) {
        for (int b3 : {0x7F, 0x80, 0xBF, 0xC0}) {
          b[0] = static_cast<unsigned char>(b0);
          b[1] = static_cast<unsigned char>(b1);
          b[2] = static_cast<unsigned char>(b2);
          b[3] = static_cast<unsigned char>(b3);
          if (!check(4)) return;
        }
      }
    }
  }
}

// --- is_valid ---

TEST(Utf8IsValid, AcceptsWellFormedText) {
  EXPECT_TRUE(valid(""));
  EXPECT_TRUE(valid("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  EXPECT_TRUE(valid("<title>عنب بلدي – أخبار\u200c سوريا 📰</title>"));
  EXPECT_TRUE(valid("\xF4\x8F\xBF\xBF"));
}

TEST(Utf8IsValid, RejectsEachKindOfIllFormedSequence) {
  for (std::string_view bad : {"\xC0\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xBF",
                               "\xD8", "\xE2\x80", "\xF0\x9F\x93", "\xFF", "\xFE\xFF"}) {
    EXPECT_FALSE(valid(bad)) << testing::PrintToString(std::string(bad));
    EXPECT_FALSE(valid(std::string("عاجل ") + std::string(bad))) << "at the end";
    EXPECT_FALSE(valid(std::string(bad) + " <item>")) << "at the start";
  }
}

TEST(Utf8IsValid, FindsABadByteAtEveryOffsetOfTheAsciiFastPath) {
  // ASCII is skipped eight bytes at a time: a bad byte must be seen wherever it falls in a word,
  // and a good character right after a run of ASCII must not be taken for a bad one.
  const std::string ascii = "<link>https://www.enabbaladi.net/archives/612345</link>";
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    std::string s = ascii;
    s.insert(at, "\x80");
    EXPECT_FALSE(valid(s)) << "lone continuation at " << at;
    s = ascii;
    s.insert(at, "\xE2\x80");  // cut short by the ASCII after it, or by the end
    EXPECT_FALSE(valid(s)) << "truncated at " << at;
    s = ascii;
    s.insert(at, "إدلب");
    EXPECT_TRUE(valid(s)) << "Arabic at " << at;
  }
}

TEST(Utf8IsValid, ReportsWhetherAnyByteWasNotAscii) {
  bool non_ascii = true;
  EXPECT_TRUE(valid("", &non_ascii));
  EXPECT_FALSE(non_ascii);
  non_ascii = true;
  EXPECT_TRUE(valid("<rss version=\"2.0\"><channel><title>Enab Baladi</title>", &non_ascii));
  EXPECT_FALSE(non_ascii);
  EXPECT_TRUE(valid("<rss version=\"2.0\"><channel><title>عنب بلدي</title>", &non_ascii));
  EXPECT_TRUE(non_ascii);
  non_ascii = false;
  EXPECT_FALSE(valid("<title>\xC3\xCE\xC8\xC7\xD1</title>", &non_ascii));  // "أخبار" in windows-1256
  EXPECT_TRUE(non_ascii);
  EXPECT_TRUE(valid("\xC2\xA0", nullptr));  // the flag is optional
}

// is_valid_text reads eight bytes at a time; it must say what the definition says, byte by byte:
// well-formed UTF-8 (is_valid) and no C0 control but tab, LF and CR.
bool valid_text_reference(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') return false;
  }
  return utf8::is_valid(s);
}

TEST(Utf8IsValidText, AgreesWithTheDefinitionAtEveryAlignment) {
  const std::string text = "قال الوزير، في بيان\tرسمي:\n«الأسعار» ستبقى — كما هي… حتى ٢٠٢٥ 📰 é ß\r\n";
  for (std::size_t start = 0; start < 12; ++start) {
    for (std::size_t len = 0; start + len <= text.size(); ++len) {
      const std::string_view t = std::string_view(text).substr(start, len);
      ASSERT_EQ(utf8::is_valid_text(t), valid_text_reference(t)) << start << "+" << len;
    }
  }
  EXPECT_TRUE(utf8::is_valid_text(text));
  EXPECT_FALSE(utf8::is_valid_text("نص\x01نص"));
  EXPECT_FALSE(utf8::is_valid_text("abcdefg\xD8"));                      // a lead cut off at the end
  EXPECT_FALSE(utf8::is_valid_text("abcdefgh\xC0\x80ijklmnop"));          // overlong
  EXPECT_FALSE(utf8::is_valid_text("abcdefg\xD8\xD8\xA7" "bcdefgh"));        // a lead without its continuation
  EXPECT_FALSE(utf8::is_valid_text("abcdefgh\xA7" "bcdefghijklmno"));        // a lone continuation
}

TEST(Utf8IsValidText, AgreesWithTheDefinitionOnRandomBytes) {
  std::mt19937 rng(4122026);
  // Mostly the bytes that matter: Arabic leads and continuations, ASCII, controls, the leads of
  // longer sequences and bytes that are never UTF-8.
  const unsigned char pool[] = {'a', ' ', '\n', '\t', '\r', 0x01, 0x1F, 0x7F, 0xD8, 0xD9, 0xDB, 0xA7, 0x84,
                                0xBF, 0x80, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
                                0xFF, 0x9F, 0xA0, 0x90, 0x8F};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof pool - 1);
  std::uniform_int_distribution<int> coin(0, 3);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::size_t n = static_cast<std::size_t>(round % 41);
    while (s.size() < n) {
      if (coin(rng) != 0) {  // mostly well-formed Arabic letters and ASCII, so long runs pass the fast path
        s += coin(rng) == 0 ? "x" : "\xD8\xB3";
      } else {
        s += static_cast<char>(pool[pick(rng)]);
      }
    }
    ASSERT_EQ(utf8::is_valid_text(s), valid_text_reference(s)) << "round " << round;
  }
}

}  // namespace
}  // namespace akhbar::parsers
