// tests/util/ascii_test.cc: util/ascii.h, one table per helper. The helpers touch ASCII only, so
// every table also carries Arabic and NBSP text that must come through unchanged.
#include "util/ascii.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace akhbar::ascii {
namespace {

TEST(Ascii, SpaceIsCIsspaceInTheCLocale) {
  for (char c : std::string_view(" \t\n\r\f\v")) EXPECT_TRUE(is_space(c)) << int(c);
  for (char c : std::string_view("a0-_\x01\x7f")) EXPECT_FALSE(is_space(c)) << int(c);
  EXPECT_FALSE(is_space('\xC2'));  // the lead byte of U+00A0: Unicode spaces are not ASCII spaces
}

TEST(Ascii, ToLowerTouchesOnlyAsciiLetters) {
  struct Case {
    std::string_view in, out;
  } cases[] = {
      {"Windows-1256", "windows-1256"},
      {"ALTERNATE Home", "alternate home"},
      {"العربية Arabic", "العربية arabic"},
      {"", ""},
      {"@[`{", "@[`{"},  // the neighbours of A-Z and a-z
  };
  for (const auto& c : cases) EXPECT_EQ(to_lower(c.in), c.out) << c.in;
  std::string s = "Content-TYPE";
  lower_in_place(s);
  EXPECT_EQ(s, "content-type");
}

TEST(Ascii, TrimRemovesAsciiSpaceOnly) {
  struct Case {
    std::string_view in, trimmed, controls_trimmed;
  } cases[] = {
      {"  utf-8\r\n", "utf-8", "utf-8"},
      {"\t\v x \f", "x", "x"},
      {"\x01 value \x1f", "\x01 value \x1f", "value"},
      {"\xC2\xA0نص\xC2\xA0", "\xC2\xA0نص\xC2\xA0", "\xC2\xA0نص\xC2\xA0"},
      {"   ", "", ""},
      {"", "", ""},
      {"a b", "a b", "a b"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(trim(c.in), c.trimmed) << c.in;
    EXPECT_EQ(trim_controls(c.in), c.controls_trimmed) << c.in;
  }
  EXPECT_EQ(trim_left("  a  "), "a  ");
  EXPECT_EQ(trim_right("  a  "), "  a");
}

TEST(Ascii, CaseInsensitiveComparisons) {
  EXPECT_TRUE(iequals("Retry-After", "retry-after"));
  EXPECT_FALSE(iequals("Retry-After", "retry-afte"));
  EXPECT_TRUE(iequals("", ""));
  EXPECT_TRUE(iequals("أخبار", "أخبار"));
  EXPECT_TRUE(istarts_with("<BODY class=x>", "<body"));
  EXPECT_FALSE(istarts_with("<bo", "<body"));
  EXPECT_TRUE(iends_with("sitemap.XML", ".xml"));
  EXPECT_FALSE(iends_with("xml", ".xml"));
  EXPECT_EQ(ifind("text/HTML; Charset=UTF-8", "charset"), 11u);
  EXPECT_EQ(ifind("abc", "abcd"), std::string_view::npos);
  EXPECT_EQ(ifind("aXbX", "x", 2), 3u);
}

static_assert(trim("  x ") == "x");
static_assert(iequals("GMT", "gmt"));

}  // namespace
}  // namespace akhbar::ascii
