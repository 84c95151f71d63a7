#include "util/logfmt.h"

#include <gtest/gtest.h>

namespace akhbar {
namespace {

TEST(Logfmt, QuotesOnlyValuesWithSpacesQuotesOrEquals) {
  static const struct { std::string_view in, out; } kCases[] = {
      {"baladi-news", "baladi-news"},
      {"https://x.org/a?b=1", "\"https://x.org/a?b=1\""},
      {"two words", "\"two words\""},
      {"say \"hi\"", "\"say \\\"hi\\\"\""},
      {"", "\"\""},
      {"line\nbreak", "\"line\\nbreak\""},
  };
  for (const auto& c : kCases) EXPECT_EQ(c.out, logfmt_value(c.in)) << c.in;
}

TEST(Logfmt, KeepsArabicAsUtf8) {
  auto line = Logfmt("article").add("title", "وكالة: أمريكا تجاهلت روسيا").add("words", 412).add("dup", false);
  EXPECT_EQ("article title=\"وكالة: أمريكا تجاهلت روسيا\" words=412 dup=no", line.str());
}

TEST(Logfmt, ArabicWithoutSpacesStaysUnquoted) {
  EXPECT_EQ("x site=بلدي", Logfmt("x").add("site", "بلدي").str());
}

}  // namespace
}  // namespace akhbar
