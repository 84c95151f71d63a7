#include "parsers/text/search_query.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

// A readable form of a parsed query: groups joined by " & ", alternatives by " | ", phrases in
// quotes, prefixes with *, excluded phrases after " - ".
std::string shape(const SearchQuery& q) {
  auto phrase = [](const QueryPhrase& p) {
    std::string s = "\"";
    for (std::size_t i = 0; i < p.words.size(); ++i) s += (i ? " " : "") + p.words[i];
    return s + "\"" + (p.prefix ? "*" : "");
  };
  std::string out;
  for (const auto& group : q.all_of) {
    if (!out.empty()) out += " & ";
    for (std::size_t i = 0; i < group.size(); ++i) out += (i ? " | " : "") + phrase(group[i]);
  }
  for (const auto& p : q.none_of) out += " - " + phrase(p);
  return out;
}

std::string parsed(std::string_view text) {
  auto q = parse_search_query(text);
  EXPECT_TRUE(q) << text << ": " << (q ? "" : q.error().message);
  return q ? shape(*q) : "<error>";
}

TEST(ParseSearchQuery, ReadsWordsPhrasesOrNotAndPrefixes) {
  static const struct {
    std::string_view text, shape;
  } kCases[] = {
      {"الرئيس", "\"الرئيس\""},
      {"الرئيس دمشق", "\"الرئيس\" & \"دمشق\""},
      {"\"وقف اطلاق النار\"", "\"وقف اطلاق النار\""},
      {"حلب OR ادلب", "\"حلب\" | \"ادلب\""},
      {"حلب OR ادلب OR حمص الكهرباء", "\"حلب\" | \"ادلب\" | \"حمص\" & \"الكهرباء\""},
      {"الرئيس -دمشق", "\"الرئيس\" - \"دمشق\""},
      {"الرئيس -\"قصر الشعب\"", "\"الرئيس\" - \"قصر الشعب\""},
      {"الكهرب*", "\"الكهرب\"*"},
      {"\"محطات الكهر\"*", "\"محطات الكهر\"*"},
      {"  الرئيس \t  دمشق  ", "\"الرئيس\" & \"دمشق\""},
      {"or", "\"or\""},  // only OR in capitals is the operator
      {"الروسي-الأمريكي", "\"الروسي الامريكي\""},  // a word the key cuts in two is a phrase
      {"U.N.", "\"u n\""},
      {"الرئيس ، دمشق", "\"الرئيس\" & \"دمشق\""},  // nothing is left of the comma
      {"5 - 6", "\"5\" & \"6\""},                   // a lone minus excludes nothing
  };
  for (const auto& c : kCases) EXPECT_EQ(c.shape, parsed(c.text)) << c.text;
}

TEST(ParseSearchQuery, NormalisesEveryWordWithTheDedupeKey) {
  EXPECT_EQ(parsed("الرئيس"), parsed("الرَّئِيسُ"));
  EXPECT_EQ(parsed("احمد"), parsed("أحمد"));
  EXPECT_EQ(parsed("\"وقف اطلاق النار\""), parsed("\"وَقْفُ إطلاقِ النّار\""));
  EXPECT_EQ("\"مسؤول\"", parsed("مسؤول")) << "hamza on its carrier is kept";
  EXPECT_EQ("\"2024\"", parsed("٢٠٢٤"));
  EXPECT_EQ("\"bbc\" & \"عربي\"", parsed("BBC عربي"));
  EXPECT_EQ("\"الكهرب\"*", parsed("الكهـــرب*"));
}

TEST(ParseSearchQuery, WantedListsThePhrasesThatMakeAMatch) {
  auto q = parse_search_query("حلب OR ادلب \"قصر الشعب\" -دمشق");
  ASSERT_TRUE(q);
  const auto wanted = q->wanted();
  ASSERT_EQ(3u, wanted.size());
  EXPECT_EQ(std::vector<std::string>{"حلب"}, wanted[0].words);
  EXPECT_EQ((std::vector<std::string>{"قصر", "الشعب"}), wanted[2].words);
}

TEST(ParseSearchQuery, RejectsMalformedQueriesWithAMessageSayingWhatToFix) {
  static const struct {
    std::string_view text, message;
  } kCases[] = {
      {"", "no word to look for"},
      {"   ", "no word to look for"},
      {"، .", "no word to look for"},
      {"\"وقف اطلاق", "unclosed quote"},
      {"الرئيس\"", "unclosed quote"},
      {"OR حلب", "OR needs a word on each side"},
      {"حلب OR", "OR needs a word on each side"},
      {"حلب OR OR ادلب", "OR needs a word on each side"},
      {"حلب OR -ادلب", "OR cannot join an excluded -word"},
      {"-حلب OR ادلب", "OR cannot join an excluded -word"},
      {"-حلب", "only excludes words"},
      {"-حلب -\"ريف ادلب\"", "only excludes words"},
      {"ا*", "a prefix needs at least 2 letters"},
      {"\"ريف ا\"*", "a prefix needs at least 2 letters"},
  };
  for (const auto& c : kCases) {
    auto q = parse_search_query(c.text);
    ASSERT_FALSE(q) << c.text;
    EXPECT_EQ(Errc::kInvalidInput, q.error().code) << c.text;
    EXPECT_EQ(0u, q.error().message.rfind("search: ", 0)) << q.error().message;
    EXPECT_NE(std::string::npos, q.error().message.find(c.message)) << c.text << ": " << q.error().message;
  }
}

TEST(ParseSearchQuery, CapsTheNumberOfWords) {
  std::string many;
  for (std::size_t i = 0; i <= kMaxQueryWords; ++i) many += "كلمة" + std::to_string(i) + " ";
  auto q = parse_search_query(many);
  ASSERT_FALSE(q);
  EXPECT_NE(std::string::npos, q.error().message.find("more than 64 words")) << q.error().message;
}

}  // namespace
}  // namespace akhbar::parsers
