#include "parsers/url/link_matcher.h"

#include <string>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

TEST(LinkMatcher, SearchesThePatternAnywhereInTheUrl) {
  auto m = LinkMatcher::compile(R"(^https?://www\.baladi-news\.com/ar/articles/\d+)");
  ASSERT_TRUE(m) << m.error().str();
  EXPECT_FALSE(m->empty());
  EXPECT_TRUE(m->matches("https://www.baladi-news.com/ar/articles/84512/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7"));
  EXPECT_TRUE(m->matches("http://www.baladi-news.com/ar/articles/1"));
  EXPECT_FALSE(m->matches("https://www.baladi-news.com/ar/news"));
  EXPECT_FALSE(m->matches("https://evil.example/?u=https://www.baladi-news.com/ar/articles/1"));

  auto unanchored = LinkMatcher::compile(R"(/archives/\d+$)");
  ASSERT_TRUE(unanchored);
  EXPECT_TRUE(unanchored->matches("https://www.enabbaladi.net/archives/612345"));
  EXPECT_FALSE(unanchored->matches("https://www.enabbaladi.net/archives/612345/feed"));
}

TEST(LinkMatcher, KeepsThePatternText) {
  auto m = LinkMatcher::compile("/news/");
  ASSERT_TRUE(m);
  EXPECT_EQ("/news/", m->pattern());
}

TEST(LinkMatcher, ReportsAPatternThatDoesNotCompile) {
  for (std::string_view bad : {"(unclosed", "[a-", "*leading", "a{2,1}"}) {
    auto m = LinkMatcher::compile(bad);
    ASSERT_FALSE(m) << bad;
    EXPECT_EQ(Errc::kInvalidInput, m.error().code);
    EXPECT_EQ(0u, m.error().message.rfind("link_matcher: bad pattern: ", 0)) << m.error().message;
    EXPECT_EQ(bad, m.error().where);
  }
}

TEST(LinkMatcher, DefaultMatchesNothing) {
  LinkMatcher m;
  EXPECT_TRUE(m.empty());
  EXPECT_FALSE(m.matches("https://example.org/"));
  EXPECT_EQ("", m.pattern());
}

TEST(LinkMatcher, CopiesShareOneCompiledPattern) {
  auto m = LinkMatcher::compile(R"(/\d{4}/\d{2}/)");
  ASSERT_TRUE(m);
  const LinkMatcher copy = *m;
  EXPECT_TRUE(copy.matches("https://www.alarabiya.net/2022/10/06/x"));
  EXPECT_EQ(&m->pattern(), &copy.pattern());
}

TEST(LinkMatcher, RefusesToMatchAbsurdlyLongUrls) {
  auto m = LinkMatcher::compile(".*x");
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->matches(std::string(100000, 'a') + "x"));
}

}  // namespace
}  // namespace akhbar::parsers
