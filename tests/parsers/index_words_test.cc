#include "parsers/text/index_words.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/text/normalize.h"

namespace akhbar::parsers {
namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  for (const WordSpan& w : index_words(text)) out.emplace_back(text.substr(w.begin, w.end - w.begin));
  return out;
}

TEST(IndexWords, LettersAndDigitsMakeWordsEverythingElseSeparates) {
  static const struct {
    std::string_view text;
    std::vector<std::string> words;
  } kCases[] = {
      {"الرئيس يستقبل وفدا", {"الرئيس", "يستقبل", "وفدا"}},
      {"«الصحه»: 594 اصابه", {"الصحه", "594", "اصابه"}},
      {"الروسي-الامريكي", {"الروسي", "الامريكي"}},
      {"u.s. 2024/10/06", {"u", "s", "2024", "10", "06"}},
      {"مسؤول, سماء; رئيس?", {"مسؤول", "سماء", "رئيس"}},  // hamza is a letter
      {"50٪ +3", {"50", "3"}},
      {"", {}},
      {" ، . ", {}},
  };
  for (const auto& c : kCases) EXPECT_EQ(c.words, words_of(c.text)) << c.text;
}

TEST(IndexWords, SpansPointIntoTheText) {
  const std::string key = normalize_arabic("قالَ الرَّئِيسُ: «نعم»");
  const auto spans = index_words(key);
  ASSERT_EQ(3u, spans.size());
  EXPECT_EQ(0u, spans[0].begin);
  EXPECT_EQ("نعم", key.substr(spans[2].begin, spans[2].end - spans[2].begin));
  EXPECT_EQ(key.size() - std::string("»").size(), spans[2].end);
}

TEST(IndexWords, SurvivesInvalidUtf8) {
  EXPECT_EQ((std::vector<std::string>{"ab", "cd"}), words_of("ab\xff" "cd"));
}

}  // namespace
}  // namespace akhbar::parsers
