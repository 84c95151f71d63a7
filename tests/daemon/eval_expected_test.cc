// tests/daemon/eval_expected_test.cc: reading NAME.expected.json (daemon/eval_expected.h).
#include "daemon/eval_expected.h"

#include <gtest/gtest.h>

namespace akhbar::daemon::eval {
namespace {

TEST(ParseExpected, ReadsTheConformanceFieldsAndLeavesNullUnannotated) {
  const auto exp = parse_expected(R"({
    "title": "عنوان", "body": "one\n\ntwo", "published": null, "author": ["A", "B"],
    "url": "https://x.example/a", "lang": "ar", "content_type": "text/html; charset=windows-1256",
    "site": "site.yaml", "fetched_at": "2024-03-05T12:00:00Z",
    "body_must_contain": ["one"], "body_must_not_contain": ["three"], "source": "ignored"})",
                                  "x.expected.json");
  ASSERT_TRUE(exp) << exp.error().str();
  EXPECT_EQ("عنوان", exp->title.value_or("?"));
  EXPECT_EQ("one\n\ntwo", exp->body.value_or("?"));
  EXPECT_FALSE(exp->published);
  EXPECT_EQ((std::vector<std::string>{"A", "B"}), exp->authors);
  EXPECT_EQ((std::vector<std::string>{"one", "two"}), exp->paragraphs);  // the body's blocks
  EXPECT_EQ("text/html; charset=windows-1256", exp->content_type);
  EXPECT_EQ("site.yaml", exp->site);
  EXPECT_EQ("2024-03-05T12:00:00Z", exp->fetched_at);
  EXPECT_EQ((std::vector<std::string>{"one"}), exp->must_contain);
  EXPECT_EQ((std::vector<std::string>{"three"}), exp->must_not_contain);
}

TEST(ParseExpected, TakesParagraphsFromBodySectionsAndNowFromCrawlDate) {
  const auto exp = parse_expected(R"({"body": "lead\n\np1\n\np2", "author": "Solo",
    "body_sections": [{"headline": [], "paragraphs": ["p1", "p2"]}], "crawl_date": "2024-01-01 10:00:00"})",
                                  "f.expected.json");
  ASSERT_TRUE(exp) << exp.error().str();
  EXPECT_EQ((std::vector<std::string>{"p1", "p2"}), exp->paragraphs);
  EXPECT_EQ((std::vector<std::string>{"Solo"}), exp->authors);
  EXPECT_EQ("2024-01-01 10:00:00", exp->fetched_at);
  // A single-block body has no paragraphs to score.
  EXPECT_TRUE(parse_expected(R"({"body": "just one"})", "g")->paragraphs.empty());
}

TEST(ParseExpected, SyntaxErrorsNameFileLineAndColumn) {
  const auto exp = parse_expected("{\n  \"title\": \"x\"\n  \"body\": \"y\"\n}\n", "d/p.expected.json");
  ASSERT_FALSE(exp);
  EXPECT_EQ(Errc::kInvalidInput, exp.error().code);
  EXPECT_EQ("d/p.expected.json:3:8", exp.error().where);  // the parser stops at the end of "body"
  EXPECT_NE(std::string::npos, exp.error().message.find("invalid JSON: syntax error")) << exp.error().message;
  EXPECT_EQ(std::string::npos, exp.error().message.find("json.exception")) << exp.error().message;

  const auto cut = parse_expected("{\"title\": \"عنوان", "q.json");
  ASSERT_FALSE(cut);
  // Cut short after 16 characters (21 bytes): the column counts characters, up to the end of input.
  EXPECT_EQ("q.json:1:17", cut.error().where);
}

TEST(ParseExpected, WrongTypesNameTheField) {
  static const struct {
    std::string_view json, message;
  } kCases[] = {
      {R"({"title": 3})", "title: expected a string or null"},
      {R"({"author": {"name": "x"}})", "author: expected a string, an array of strings or null"},
      {R"({"body_must_not_contain": ["a", 1]})", "body_must_not_contain: expected an array of strings"},
      {R"({"body_sections": [1]})", "body_sections: expected an array of objects"},
      {R"([1, 2])", "expected a JSON object"},
  };
  for (const auto& c : kCases) {
    const auto exp = parse_expected(c.json, "f.json");
    ASSERT_FALSE(exp) << c.json;
    EXPECT_EQ(c.message, exp.error().message) << c.json;
    EXPECT_EQ(0u, exp.error().where.find("f.json")) << c.json;
  }
}

}  // namespace
}  // namespace akhbar::daemon::eval
