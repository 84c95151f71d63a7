#include "parsers/html/selector.h"

#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(CompileSelector, TranslatesTheCssSubsetToXPath) {
  const struct {
    std::string_view css, xpath;
  } kCases[] = {
      {"h1", "//h1"},
      {"H1", "//h1"},
      {"*", "//*"},
      {".author", "//*[contains(concat(' ', normalize-space(@class), ' '), ' author ')]"},
      {"#main", "//*[@id='main']"},
      {"div.article-body p", "//div[contains(concat(' ', normalize-space(@class), ' '), ' article-body ')]//p"},
      {"ul > li", "//ul/li"},
      {"ul>li", "//ul/li"},
      {"time[datetime]", "//time[@datetime]"},
      {"meta[property=\"og:title\"]", "//meta[@property='og:title']"},
      {"a[rel~=author]", "//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]"},
      {"a[href^='/ar/']", "//a[starts-with(@href, '/ar/')]"},
      {"p:nth-of-type(2)", "//p[2]"},
      {"p.lead:nth-of-type(1)", "//p[1][contains(concat(' ', normalize-space(@class), ' '), ' lead ')]"},
      {"p:last-of-type", "//p[last()]"},
      {".related, .share", "//*[contains(concat(' ', normalize-space(@class), ' '), ' related ')] | "
                           "//*[contains(concat(' ', normalize-space(@class), ' '), ' share ')]"},
      {"span[title=\"it's\"]", "//span[@title=\"it's\"]"},
  };
  for (const auto& c : kCases) {
    auto compiled = compile_selector(c.css);
    ASSERT_TRUE(compiled) << c.css << ": " << compiled.error().message;
    EXPECT_EQ(compiled->xpath, c.xpath) << c.css;
    EXPECT_EQ(compiled->attribute, "") << c.css;
  }
}

TEST(CompileSelector, TrailingAtTakesAnAttribute) {
  auto compiled = compile_selector("time[datetime]@datetime");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->xpath, "//time[@datetime]");
  EXPECT_EQ(compiled->attribute, "datetime");

  compiled = compile_selector("meta[property=\"article:published_time\"] @content");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->xpath, "//meta[@property='article:published_time']");
  EXPECT_EQ(compiled->attribute, "content");
}

TEST(CompileSelector, XPathPrefixPassesThrough) {
  auto compiled = compile_selector("xpath://div[@class='x']/p[position() > 1]");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->xpath, "//div[@class='x']/p[position() > 1]");
}

TEST(CompileSelector, RejectsUnsupportedOrBrokenSelectors) {
  for (std::string_view bad : {"", "   ", "div >", "p:hover", "p:nth-child(2)", "a[href", "[=x]", "p:nth-of-type(0)",
                               "div + p", "xpath://div[", ".", "#"}) {
    auto compiled = compile_selector(bad);
    ASSERT_FALSE(compiled) << bad;
    EXPECT_EQ(compiled.error().code, Errc::kInvalidInput) << bad;
    EXPECT_EQ(compiled.error().message.rfind("selector: ", 0), 0u) << compiled.error().message;
  }
}

constexpr std::string_view kPage = R"(<html><head>
<meta property="og:title" content="عنوان الخبر">
</head><body>
<div id="main" class="post  article-body featured">
  <p class="lead">الفقرة   الأولى</p>
  <p>الفقرة الثانية <a href="/x">رابط</a></p>
  <div class="share"><p>شارك</p></div>
  <p>الفقرة الثالثة</p>
</div>
<div class="article-body-extra"><p>not matched by .article-body</p></div>
<ul class="tags"><li><a href="/t/1">سوريا</a></li><li><a href="/t/2">روسيا</a></li></ul>
<time datetime="2022-10-08T13:05:00+03:00">8 تشرين الأول 2022</time>
</body></html>)";

std::vector<std::string> select(std::string_view selector) {
  auto values = select_in_html(kPage, selector);
  EXPECT_TRUE(values) << selector;
  return values ? *values : std::vector<std::string>{};
}

TEST(SelectInHtml, ClassMatchingIsByWholeToken) {
  EXPECT_THAT(select("div.article-body > p"),
              ElementsAre("الفقرة الأولى", "الفقرة الثانية رابط", "الفقرة الثالثة"));
  EXPECT_THAT(select(".featured.post > p.lead"), ElementsAre("الفقرة الأولى"));
}

TEST(SelectInHtml, DescendantAndChildCombinatorsDiffer) {
  EXPECT_EQ(select("#main p").size(), 4u);
  EXPECT_EQ(select("#main > p").size(), 3u);
}

TEST(SelectInHtml, NthOfTypeCountsAmongSiblingsOfTheSameType) {
  EXPECT_THAT(select("#main > p:nth-of-type(2)"), ElementsAre("الفقرة الثانية رابط"));
  EXPECT_THAT(select("ul.tags li:last-of-type"), ElementsAre("روسيا"));
}

TEST(SelectInHtml, AttributesAndListsAreReturnedInDocumentOrder) {
  EXPECT_THAT(select("time[datetime]@datetime"), ElementsAre("2022-10-08T13:05:00+03:00"));
  EXPECT_THAT(select("meta[property=\"og:title\"]@content"), ElementsAre("عنوان الخبر"));
  EXPECT_THAT(select("ul.tags a, #main a@href"), ElementsAre("/x", "/t/1", "/t/2"));
}

TEST(SelectInHtml, RawXPathCanReturnAttributesAndStrings) {
  EXPECT_THAT(select("xpath://ul/li/a/@href"), ElementsAre("/t/1", "/t/2"));
  EXPECT_THAT(select("xpath:string(//time)"), ElementsAre("8 تشرين الأول 2022"));
  EXPECT_THAT(select("xpath:count(//li)"), ElementsAre("2"));
}

TEST(SelectInHtml, NoMatchIsEmptyNotAnError) {
  EXPECT_THAT(select("article h1"), IsEmpty());
}

}  // namespace
}  // namespace akhbar::parsers
