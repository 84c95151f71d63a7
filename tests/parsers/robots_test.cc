// tests/parsers/robots_test.cc: parsers/robots/robots.h against tables of cases. Rfc9309_* cases encode
// RFC 9309 (section cited); Akhbar_* cases encode choices the RFC leaves to us.
#include "parsers/robots/robots.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "parsers/url/url.h"

namespace akhbar::parsers {
namespace {

struct Case {
  std::string_view name;
  std::string_view robots;
  std::string_view agent;
  std::string_view url;  // absolute URL or path
  bool allowed;
};

bool is_allowed(std::string_view robots, std::string_view agent, std::string_view url) {
  return RobotsPolicy::for_agent(parse_robots(robots), agent).allowed(robots_path_of(url));
}

void run_table(const Case* begin, const Case* end) {
  for (const Case* c = begin; c != end; ++c) {
    EXPECT_EQ(c->allowed, is_allowed(c->robots, c->agent, c->url))
        << c->name << ": agent '" << c->agent << "' url '" << c->url << "'";
  }
}

template <std::size_t N>
void run_table(const Case (&cases)[N]) {
  run_table(cases, cases + N);
}

// A path as the crawler passes it: the canonical, percent-encoded form of the URL.
std::string enc(std::string_view path) {
  return robots_path_of(Url::parse("https://x.example" + std::string(path))->canonical().str());
}

std::string read_fixture(std::string_view name) {
  const auto path = std::filesystem::path(AKHBAR_TEST_DATA) / "robots" / name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool has_warning(const RobotsTxt& r, std::string_view needle) {
  for (const auto& w : r.warnings) {
    if (w.find(needle) != std::string::npos) return true;
  }
  return false;
}

// RFC 9309 2.2.2 and 2.2.3: '*' matches any run of characters, a final '$' anchors the end, a
// pattern otherwise matches a prefix; matching is case-sensitive.
TEST(Robots, Rfc9309_MatchesWildcardsEndAnchorsAndPrefixes) {
  static const Case kCases[] = {
      {"Rfc9309_2_2_2_PrefixMatch", "user-agent: *\ndisallow: /fish\n", "akhbard", "/fish", false},
      {"Rfc9309_2_2_2_PrefixMatch", "user-agent: *\ndisallow: /fish\n", "akhbard", "/fish.html", false},
      {"Rfc9309_2_2_2_PrefixMatch", "user-agent: *\ndisallow: /fish\n", "akhbard", "/fishheads/x", false},
      {"Rfc9309_2_2_2_PrefixOnly", "user-agent: *\ndisallow: /fish\n", "akhbard", "/catfish", true},
      {"Rfc9309_2_2_2_PathsAreCaseSensitive", "user-agent: *\ndisallow: /fish\n", "akhbard", "/Fish.asp", true},
      {"Rfc9309_2_2_3_TrailingStarIsPrefix", "user-agent: *\ndisallow: /fish*\n", "akhbard", "/fish.html", false},
      {"Rfc9309_2_2_3_InnerStar", "user-agent: *\ndisallow: /fish*.php\n", "akhbard", "/fishheads/cat.php?x=1", false},
      {"Rfc9309_2_2_3_InnerStar", "user-agent: *\ndisallow: /fish*.php\n", "akhbard", "/fishheads/cat.PHP", true},
      {"Rfc9309_2_2_3_StarMatchesEmpty", "user-agent: *\ndisallow: /a*b\n", "akhbard", "/ab", false},
      {"Rfc9309_2_2_3_DollarAnchors", "user-agent: *\ndisallow: /*.php$\n", "akhbard", "/dir/file.php", false},
      {"Rfc9309_2_2_3_DollarAnchors", "user-agent: *\ndisallow: /*.php$\n", "akhbard", "/file.php?id=3", true},
      {"Rfc9309_2_2_3_DollarAnchors", "user-agent: *\ndisallow: /*.php$\n", "akhbard", "/file.php/", true},
      {"Rfc9309_2_2_3_RootOnly", "user-agent: *\ndisallow: /$\n", "akhbard", "http://x.example/", false},
      {"Rfc9309_2_2_3_RootOnly", "user-agent: *\ndisallow: /$\n", "akhbard", "http://x.example/a", true},
      {"Rfc9309_2_2_3_StarAlone", "user-agent: *\ndisallow: *\n", "akhbard", "/anything", false},
      {"Akhbar_DollarInsideIsLiteral", "user-agent: *\ndisallow: /a$b\n", "akhbard", "/a$b/c", false},
      {"Akhbar_DollarInsideIsLiteral", "user-agent: *\ndisallow: /a$b\n", "akhbard", "/a", true},
      {"Akhbar_StarRunsCollapse", "user-agent: *\ndisallow: /a***b\n", "akhbard", "/a/x/y/b", false},
      {"Akhbar_BacktracksPastFalseStarts", "user-agent: *\ndisallow: /*ab*abc$\n", "akhbard", "/xabyababcabc", false},
      {"Akhbar_BacktracksPastFalseStarts", "user-agent: *\ndisallow: /*ab*abc$\n", "akhbard", "/xabyababcab", true},
      {"Rfc9309_2_2_2_EmptyDisallowMeansNothing", "user-agent: *\ndisallow:\n", "akhbard", "/x", true},
      {"Rfc9309_2_2_2_UnmatchedIsAllowed", "user-agent: *\ndisallow: /private/\n", "akhbard", "/public/", true},
      {"Rfc9309_2_2_2_QueryIsPartOfPath", "user-agent: *\ndisallow: /*?replytocom=\n", "akhbard",
       "https://x.example/2024/03/%D8%AE%D8%A8%D8%B1/?replytocom=12#respond", false},
      {"Akhbar_FragmentIsNotPartOfPath", "user-agent: *\ndisallow: /a$\n", "akhbard", "https://x.example/a#b", false},
  };
  run_table(kCases);
}

// RFC 9309 2.2.2: the most specific (longest) match wins; on a tie, allow wins; order is irrelevant.
TEST(Robots, Rfc9309_LongestMatchWinsAndAllowWinsATie) {
  static const Case kCases[] = {
      {"Rfc9309_2_2_2_Longest", "user-agent: *\ndisallow: /x/\nallow: /x/page\n", "a", "/x/page.html", true},
      {"Rfc9309_2_2_2_LongestOrderIrrelevant", "user-agent: *\nallow: /x/page\ndisallow: /x/\n", "a", "/x/page", true},
      {"Rfc9309_2_2_2_Longest", "user-agent: *\nallow: /x/\ndisallow: /x/page\n", "a", "/x/page", false},
      {"Rfc9309_2_2_2_Longest", "user-agent: *\nallow: /x/\ndisallow: /x/page\n", "a", "/x/other", true},
      {"Rfc9309_2_2_2_TieAllowWins", "user-agent: *\ndisallow: /folder\nallow: /folder\n", "a", "/folder/x", true},
      {"Rfc9309_2_2_2_TieAllowWins", "user-agent: *\ndisallow: /\nallow: /\n", "a", "/x", true},
      {"Rfc9309_2_2_2_PatternOctetsCount", "user-agent: *\nallow: /page\ndisallow: /*.html\n", "a", "/page.html", false},
      {"Rfc9309_2_2_2_PatternOctetsCount", "user-agent: *\nallow: /page\ndisallow: /*.html\n", "a", "/page", true},
      {"Rfc9309_2_2_2_PatternOctetsCount", "user-agent: *\nallow: /x/page.\ndisallow: /*.html\n", "a", "/x/page.html", true},
      {"Rfc9309_2_2_2_RootAllowed", "user-agent: *\nallow: /$\ndisallow: /\n", "a", "/", true},
      {"Rfc9309_2_2_2_RootAllowed", "user-agent: *\nallow: /$\ndisallow: /\n", "a", "/page", false},
      {"Akhbar_EncodedPatternLengthCounts", "user-agent: *\ndisallow: /أ\nallow: /%D8%A3\n", "a", "/أخبار", true},
  };
  run_table(kCases);
}

// RFC 9309 2.1, 2.2.1: groups, several user-agent lines, merged groups, the most specific group.
TEST(Robots, Rfc9309_PicksAndMergesGroupsByProductToken) {
  static const std::string_view kShared = "user-agent: akhbard\nuser-agent: otherbot\ndisallow: /x\n";
  static const std::string_view kMerged =
      "user-agent: akhbard\ndisallow: /x\n\nuser-agent: otherbot\ndisallow: /y\n\nuser-agent: AKHBARD\ndisallow: /z\n";
  static const std::string_view kSpecific =
      "user-agent: *\ndisallow: /\ndisallow: /private\n\nuser-agent: akhbard\nallow: /\ndisallow: /tmp\n";
  static const Case kCases[] = {
      {"Rfc9309_2_1_SeveralAgentsOneGroup", kShared, "akhbard", "/x", false},
      {"Rfc9309_2_1_SeveralAgentsOneGroup", kShared, "otherbot", "/x", false},
      {"Rfc9309_2_1_SeveralAgentsOneGroup", kShared, "thirdbot", "/x", true},
      {"Rfc9309_2_2_1_SameAgentGroupsMerge", kMerged, "akhbard", "/x", false},
      {"Rfc9309_2_2_1_SameAgentGroupsMerge", kMerged, "akhbard", "/z", false},
      {"Rfc9309_2_2_1_SameAgentGroupsMerge", kMerged, "akhbard", "/y", true},
      {"Rfc9309_2_2_1_MostSpecificGroupWins", kSpecific, "akhbard", "/page", true},
      {"Rfc9309_2_2_1_MostSpecificGroupWins", kSpecific, "akhbard", "/tmp/x", false},
      {"Rfc9309_2_2_1_NoInheritanceFromStar", kSpecific, "akhbard", "/private", true},
      {"Rfc9309_2_2_1_StarIsTheFallback", kSpecific, "otherbot", "/page", false},
      {"Rfc9309_2_2_1_NoGroupNoStarAllowsAll", "user-agent: otherbot\ndisallow: /\n", "akhbard", "/x", true},
      {"Rfc9309_2_2_1_ProductTokenCaseInsensitive", "User-agent: AkhBard\nDisallow: /x\n", "akhbard", "/x", false},
      {"Rfc9309_2_2_1_ProductTokenCaseInsensitive", "user-agent: akhbard\ndisallow: /x\n", "AKHBARD", "/x", false},
      {"Rfc9309_2_2_1_AgentStringReducedToToken", "user-agent: akhbard\ndisallow: /x\n",
       "akhbard/1.0 (+https://example.org/crawler)", "/x", false},
      {"Rfc9309_2_2_1_RobotsValueReducedToToken", "User-Agent: Akhbard/2.1 (compatible)\nDisallow: /x\n", "akhbard",
       "/x", false},
      {"Akhbar_TokenIsWholeWordNotPrefix", "user-agent: akhbard-news\ndisallow: /\n", "akhbard", "/x", true},
      {"Akhbar_TokenIsWholeWordNotPrefix", "user-agent: akh\ndisallow: /\n", "akhbard", "/x", true},
      {"Akhbar_EmptyAgentUsesStarGroup", "user-agent: *\ndisallow: /x\n", "", "/x", false},
      {"Rfc9309_2_1_BlankLinesDoNotEndAGroup", "user-agent: akhbard\n\ndisallow: /x\n\n\ndisallow: /y\n", "akhbard",
       "/y", false},
      {"Rfc9309_2_1_RulesBeforeAnyAgentIgnored", "disallow: /x\nuser-agent: akhbard\ndisallow: /y\n", "akhbard", "/x",
       true},
      {"Rfc9309_2_1_SitemapDoesNotSplitAgents",
       "user-agent: akhbard\nsitemap: https://x.example/s.xml\nuser-agent: *\ndisallow: /\n", "akhbard", "/", false},
      {"Rfc9309_2_1_UnknownLineDoesNotSplitAgents", "user-agent: akhbard\nfoo: bar\nuser-agent: *\ndisallow: /\n",
       "akhbard", "/", false},
      {"Rfc9309_2_1_KeysCaseInsensitive", "USER-AGENT: akhbard\nDISALLOW: /x\nAlLoW: /x/y\n", "akhbard", "/x/z", false},
      {"Rfc9309_2_1_KeysCaseInsensitive", "USER-AGENT: akhbard\nDISALLOW: /x\nAlLoW: /x/y\n", "akhbard", "/x/y", true},
  };
  run_table(kCases);
}

// RFC 9309 2.2.2: non-ASCII and reserved octets percent-encoded, unreserved escapes decoded, in
// both pattern and URL, before comparison.
TEST(Robots, Rfc9309_EncodesPatternsAndComparesEncodedPaths) {
  static const std::string_view kRaw = "user-agent: *\ndisallow: /أخبار/\n";
  static const std::string_view kEncoded = "user-agent: *\ndisallow: /%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/\n";
  static const std::string_view kLower = "user-agent: *\ndisallow: /%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1/\n";
  static const Case kCases[] = {
      {"Rfc9309_2_2_2_RawPatternEncodedUrl", kRaw, "a", "https://x.example/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1", false},
      {"Rfc9309_2_2_2_EncodedPatternEncodedUrl", kEncoded, "a", "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1", false},
      {"Rfc9309_2_2_2_LowerHexPatternEncodedUrl", kLower, "a", "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1", false},
      {"Rfc9309_2_2_2_OtherArabicWordAllowed", kRaw, "a", "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1-x/", true},
      // The URL is the caller's to encode (google's ID_Encoding): the crawler passes canonical URLs.
      {"Akhbar_RawUrlIsNotEncodedForTheCaller", kRaw, "a", "https://x.example/أخبار/1", true},
      {"Akhbar_UrlHexCaseIsTheCallers", kRaw, "a", "/%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1/1", true},
      // Escapes of unreserved characters are not decoded (google's ID_Encoding, line 441).
      {"Akhbar_UnreservedEscapeNotDecoded", "user-agent: *\ndisallow: /foo/%62%61%7A\n", "a", "/foo/baz", true},
      {"Akhbar_UnreservedEscapeNotDecoded", "user-agent: *\ndisallow: /foo/%62%61%7a\n", "a", "/foo/%62%61%7A", false},
      {"Akhbar_UnreservedEscapeNotDecoded", "user-agent: *\ndisallow: /~joe\n", "a", "/%7Ejoe/x", true},
      {"Rfc9309_2_2_2_ReservedEscapeKept", "user-agent: *\ndisallow: /a%2Fb\n", "a", "/a/b", true},
      {"Rfc9309_2_2_2_ReservedEscapeKept", "user-agent: *\ndisallow: /a%2fb\n", "a", "/a%2Fb", false},
      {"Rfc9309_2_2_2_EncodedStarIsLiteral", "user-agent: *\ndisallow: /a%2Ab\n", "a", "/axxb", true},
      {"Rfc9309_2_2_2_ExcludedCharEscaped", "user-agent: *\ndisallow: /a<d.html\n", "a", "/a%3Cd.html", false},
      {"Rfc9309_2_2_2_QueryReservedAsWritten", "user-agent: *\ndisallow: /\nallow: /f?q=t&b=http://x?y\n", "a",
       "http://x.example/f?q=t&b=http://x?y", true},
      {"Akhbar_InnerSpaceEscaped", "user-agent: *\ndisallow: /a b\n", "a", "/a%20b/c", false},
      {"Akhbar_LonePercentIsLiteral", "user-agent: *\ndisallow: /100%\n", "a", "/100%25-off", false},
  };
  run_table(kCases);
}

// RFC 9309 2.2.2: /robots.txt is implicitly allowed, whatever the rules (and after a 5xx).
TEST(Robots, Rfc9309_RobotsTxtItselfIsAlwaysAllowed) {
  EXPECT_TRUE(is_allowed("user-agent: *\ndisallow: /\n", "akhbard", "https://x.example/robots.txt"));
  EXPECT_TRUE(is_allowed("user-agent: *\ndisallow: /robots.txt\n", "akhbard", "/robots.txt"));
  EXPECT_FALSE(is_allowed("user-agent: *\ndisallow: /\n", "akhbard", "/robots.txt.bak"));
  EXPECT_TRUE(RobotsPolicy::disallow_all().allowed("/robots.txt"));
  EXPECT_FALSE(RobotsPolicy::disallow_all().allowed("/"));
  EXPECT_TRUE(RobotsPolicy::disallow_all().is_disallow_all());
  EXPECT_TRUE(RobotsPolicy::allow_all().allowed("/anything"));
  EXPECT_TRUE(RobotsPolicy::allow_all().is_allow_all());
}

// RFC 9309 2.2 (lines end with CR, LF or CRLF), 2.4 (UTF-8; a BOM is skipped) and comments.
TEST(Robots, Rfc9309_ReadsLineEndingsBomAndComments) {
  static const Case kCases[] = {
      {"Rfc9309_2_2_Crlf", "user-agent: *\r\ndisallow: /a\r\nallow: /a/b\r\n", "x", "/a/c", false},
      {"Rfc9309_2_2_Crlf", "user-agent: *\r\ndisallow: /a\r\nallow: /a/b\r\n", "x", "/a/b", true},
      {"Rfc9309_2_2_CrOnly", "user-agent: *\rdisallow: /a\rallow: /a/b\r", "x", "/a/c", false},
      {"Rfc9309_2_2_CrOnly", "user-agent: *\rdisallow: /a\rallow: /a/b\r", "x", "/a/b", true},
      {"Rfc9309_2_2_Mixed", "user-agent: *\n\r\ndisallow: /a\r\rdisallow: /b", "x", "/b", false},
      {"Rfc9309_2_4_BomSkipped", "\xEF\xBB\xBFuser-agent: *\ndisallow: /x\n", "x", "/x", false},
      {"Rfc9309_2_2_CommentLine", "user-agent: *\n# disallow: /\ndisallow: /a\n", "x", "/b", true},
      {"Rfc9309_2_2_TrailingComment", "user-agent: *\ndisallow: /a # التحرير\n", "x", "/a/b", false},
      {"Rfc9309_2_2_HashStartsComment", "user-agent: *\ndisallow: /a#b\nallow: /\n", "x", "/a", false},
      {"Rfc9309_2_2_WhitespaceAroundColon", "user-agent :\t*  \ndisallow\t:  /a  \n", "x", "/a", false},
      {"Rfc9309_2_2_4_OtherRecordsIgnored", "user-agent: *\nhost: x.example\nclean-param: utm\ndisallow: /a\n", "x",
       "/a", false},
  };
  run_table(kCases);
}

// Lines without a colon: google/robotstxt (ID_LineSyntax_Line) reads "disallow /" as
// "disallow: /"; anything else without a colon is skipped. Both leave a warning.
TEST(Robots, Akhbar_ToleratesLinesWithoutColon) {
  static const Case kCases[] = {
      {"Akhbar_TwoWordsKnownKey", "user-agent akhbard\ndisallow /\n", "akhbard", "/x", false},
      {"Akhbar_ThreeWordsSkipped", "user-agent: *\ndisallow /a /b\n", "akhbard", "/a", true},
      {"Akhbar_UnknownKeySkipped", "user-agent: *\nforbid /a\n", "akhbard", "/a", true},
      {"Akhbar_MisspeltKeyAccepted", "user-agent: *\ndisalow: /a\n", "akhbard", "/a", false},
      {"Akhbar_UnknownKeyWithColonIgnored", "foo: akhbard\nbar: /\n", "akhbard", "/x", true},
  };
  run_table(kCases);
  const auto r = parse_robots("user-agent: *\ndisallow /a\nDisalow /a /b\n\nforbid: /c\n");
  ASSERT_EQ(3u, r.warnings.size());
  EXPECT_NE(std::string::npos, r.warnings[0].find("line 2: no ':'")) << r.warnings[0];
  EXPECT_NE(std::string::npos, r.warnings[1].find("line 3: no ':'")) << r.warnings[1];
  EXPECT_NE(std::string::npos, r.warnings[2].find("line 5: unknown key 'forbid'")) << r.warnings[2];
}

TEST(Robots, Rfc9309_CollectsSitemapLinesAnywhere) {
  const auto r = parse_robots(
      "Sitemap: https://x.example/news-sitemap.xml\n"
      "user-agent: akhbard\n"
      "SITEMAP: https://x.example/sitemap.xml?lang=ar # الأرشيف\n"
      "disallow: /x\n"
      "sitemap:\n"
      "site-map: https://x.example/old.xml\n");
  ASSERT_EQ(3u, r.sitemaps.size());
  EXPECT_EQ("https://x.example/news-sitemap.xml", r.sitemaps[0]);
  EXPECT_EQ("https://x.example/sitemap.xml?lang=ar", r.sitemaps[1]);
  EXPECT_EQ("https://x.example/old.xml", r.sitemaps[2]);
  ASSERT_EQ(1u, r.groups.size());
  EXPECT_EQ(1u, r.groups[0].rules.size());
}

TEST(Robots, Akhbar_ParsesCrawlDelaySecondsAndIgnoresGarbage) {
  static const struct {
    std::string_view value;
    std::optional<double> seconds;
  } kCases[] = {
      {"10", 10.0},     {"2.5", 2.5},        {" 0.5 ", 0.5},     {"0", 0.0},     {"30 # ثواني", 30.0},
      {"random_word", std::nullopt},       {"-3", std::nullopt}, {"10s", std::nullopt},
      {"inf", std::nullopt},               {"nan", std::nullopt}, {"", std::nullopt},
      {"10,5", std::nullopt},
  };
  for (const auto& c : kCases) {
    const auto r = parse_robots("user-agent: *\ncrawl-delay: " + std::string(c.value) + "\ndisallow: /x\n");
    const auto policy = RobotsPolicy::for_agent(r, "akhbard");
    EXPECT_EQ(c.seconds, policy.crawl_delay_s()) << "'" << c.value << "'";
    EXPECT_EQ(!c.seconds, has_warning(r, "crawl-delay")) << "'" << c.value << "'";
    EXPECT_FALSE(policy.allowed("/x")) << "'" << c.value << "': the group's rules survive";
  }
}

TEST(Robots, Akhbar_AppliesCrawlDelayOfTheChosenGroupOnly) {
  const auto r = parse_robots(
      "crawl-delay: 99\n"  // before any user-agent: ignored
      "user-agent: *\ncrawl-delay: 10\n\n"
      "user-agent: googlebot\ncrawl-delay: 1\n"  // a crawl-delay ends the agent run, like a rule
      "user-agent: akhbard\ncrawl-delay: 3\n\n"
      "user-agent: akhbard\ncrawl-delay: 4.5\ndisallow: /x\n"
      "user-agent: quietbot\ndisallow: /\n");
  EXPECT_EQ(10.0, RobotsPolicy::for_agent(r, "otherbot").crawl_delay_s());
  EXPECT_EQ(1.0, RobotsPolicy::for_agent(r, "Googlebot/2.1").crawl_delay_s());
  EXPECT_EQ(4.5, RobotsPolicy::for_agent(r, "akhbard/1.0").crawl_delay_s());  // merged: the largest
  EXPECT_EQ(std::nullopt, RobotsPolicy::for_agent(r, "quietbot").crawl_delay_s());  // no fallback to '*'
  EXPECT_TRUE(has_warning(r, "line 1: crawl-delay before any user-agent"));
}

// RFC 9309 2.5: at least 500 KiB must be parsed; we parse exactly that much, whole lines only.
TEST(Robots, Rfc9309_ParsesFiveHundredKibibytesAndIgnoresTheRest) {
  std::string body = "user-agent: *\ndisallow: /early\n";
  const std::string filler = "# " + std::string(97, 'x') + "\n";  // 100 bytes
  while (body.size() + filler.size() <= kMaxRobotsBytes - 200) body += filler;
  body += "disallow: /in-cap\n";  // ends before the cap
  body += std::string(kMaxRobotsBytes - 15 - body.size(), '#');
  body += "\ndisallow: /private-area\n";  // straddles the cap: "disallow: /pri|vate-area"
  body += "disallow: /late\n";
  ASSERT_GT(body.size(), kMaxRobotsBytes);

  const auto r = parse_robots(body);
  const auto policy = RobotsPolicy::for_agent(r, "akhbard");
  EXPECT_FALSE(policy.allowed("/early"));
  EXPECT_FALSE(policy.allowed("/in-cap"));
  EXPECT_TRUE(policy.allowed("/pri"));  // the cut line is dropped, not read as "disallow: /pri"
  EXPECT_TRUE(policy.allowed("/private-area"));
  EXPECT_TRUE(policy.allowed("/late"));
  EXPECT_TRUE(has_warning(r, "larger than 512000 bytes"));

  std::string exact = "user-agent: *\n";
  exact += std::string(kMaxRobotsBytes - exact.size() - 14, '#') + "\ndisallow: /z\n";
  ASSERT_EQ(kMaxRobotsBytes, exact.size());
  const auto whole = parse_robots(exact);
  EXPECT_FALSE(RobotsPolicy::for_agent(whole, "a").allowed("/z"));
  EXPECT_FALSE(has_warning(whole, "larger than"));
}

// Long lines (google's tests use 16 KB+) and pathological wildcards stay linear-ish: O(n*m).
TEST(Robots, Akhbar_MatchesLongLinesAndManyWildcards) {
  const std::string long_path = "/x/" + std::string(20000, 'a');
  EXPECT_FALSE(is_allowed("user-agent: *\ndisallow: " + long_path + "\n", "a", long_path + "/tail"));
  EXPECT_TRUE(is_allowed("user-agent: *\ndisallow: " + long_path + "b\n", "a", long_path));

  std::string stars = "/";
  for (int i = 0; i < 300; ++i) stars += "a*";
  const std::string many_a = "/" + std::string(16000, 'a');
  EXPECT_TRUE(is_allowed("user-agent: *\ndisallow: " + stars + "b$\n", "a", many_a));
  EXPECT_FALSE(is_allowed("user-agent: *\ndisallow: " + stars + "b$\n", "a", many_a + "b"));
}

TEST(Robots, Akhbar_ReducesAgentStringsToProductTokens) {
  static const struct {
    std::string_view agent, token;
  } kCases[] = {
      {"akhbard/1.0 (+https://example.org/crawler)", "akhbard"},
      {"Googlebot-News", "Googlebot-News"},
      {"Foo_Bar baz", "Foo_Bar"},
      {"Mozilla/5.0 (compatible; Yandex)", "Mozilla"},
      {"*", ""},
      {"123bot", ""},
      {"", ""},
  };
  for (const auto& c : kCases) EXPECT_EQ(c.token, robots_product_token(c.agent)) << c.agent;
}

TEST(Robots, Akhbar_TakesPathAndQueryOfAUrl) {
  static const struct {
    std::string_view url, path;
  } kCases[] = {
      {"", "/"},
      {"https://www.aljazeera.net", "/"},
      {"https://www.aljazeera.net/", "/"},
      {"https://www.aljazeera.net/news/2024/3/11/خبر", "/news/2024/3/11/خبر"},
      {"https://x.example/a/b?page=2&sort=new#comments", "/a/b?page=2&sort=new"},
      {"https://x.example/a;jsessionid=1", "/a;jsessionid=1"},
      {"https://x.example?q=1", "/?q=1"},
      {"https://x.example#top", "/"},
      {"//x.example/path", "/path"},
      {"/path/only?x", "/path/only?x"},
      {"x.example/path", "/path"},
      {"http://user:pw@x.example:8080/p", "/p"},
      {"https://x.example/redirect?to=http://y.example/z", "/redirect?to=http://y.example/z"},
  };
  for (const auto& c : kCases) EXPECT_EQ(c.path, robots_path_of(c.url)) << c.url;
}

// A realistic Arabic news site on WordPress: merged groups for our token (written twice, in two
// cases), crawl-delays, raw and %-encoded Arabic paths, sitemaps.
TEST(Robots, Akhbar_ReadsArabicNewsWordpressFixture) {
  const auto r = parse_robots(read_fixture("arabic-news-wordpress.robots.txt"));
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
  ASSERT_EQ(2u, r.sitemaps.size());
  EXPECT_EQ("https://www.alsharq-news.example/news-sitemap.xml", r.sitemaps[1]);

  const auto ours = RobotsPolicy::for_agent(r, "akhbard/1.0 (+https://example.org/crawler)");
  EXPECT_EQ(2.5, ours.crawl_delay_s());
  EXPECT_TRUE(ours.allowed(enc("/أخبار/سياسة/123")));
  EXPECT_FALSE(ours.allowed(robots_path_of(
      "https://www.alsharq-news.example/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D8%B9%D8%A7%D8%AC%D9%84/"
      "%D9%85%D8%A8%D8%A7%D8%B4%D8%B1-1")));
  EXPECT_FALSE(ours.allowed(enc("/مقالات-الرأي/2024/طباعة")));
  EXPECT_TRUE(ours.allowed(enc("/مقالات-الرأي/2024/")));
  EXPECT_TRUE(ours.allowed("/search/?q=x"));  // the '*' rules do not apply to us
  EXPECT_FALSE(ours.allowed("/wp-admin/"));

  const auto other = RobotsPolicy::for_agent(r, "SomeReader/3");
  EXPECT_EQ(10.0, other.crawl_delay_s());
  EXPECT_FALSE(other.allowed(enc("/وسم/انتخابات/")));  // pattern written %-encoded, URL raw
  EXPECT_FALSE(other.allowed("/%D8%A8%D8%AD%D8%AB/?q=1"));  // pattern raw, URL encoded
  EXPECT_FALSE(other.allowed("/2024/03/11/some-story/amp"));
  EXPECT_TRUE(other.allowed("/2024/03/11/some-story/amp/extra"));
  EXPECT_TRUE(other.allowed("/wp-admin/admin-ajax.php"));
  EXPECT_FALSE(other.allowed("/files/report.pdf"));
  EXPECT_TRUE(other.allowed("/robots.txt"));

  EXPECT_FALSE(RobotsPolicy::for_agent(r, "MJ12bot/v1.4.8").allowed("/"));
  const auto bing = RobotsPolicy::for_agent(r, "bingbot/2.0");
  EXPECT_EQ(std::nullopt, bing.crawl_delay_s());
  EXPECT_TRUE(bing.allowed("/search/"));
}

// A Drupal robots.txt saved on Windows: BOM, CRLF, a missing colon and a misspelt key.
TEST(Robots, Akhbar_ReadsWindowsCrlfBomFixture) {
  const auto r = parse_robots(read_fixture("windows-crlf-bom.robots.txt"));
  const auto policy = RobotsPolicy::for_agent(r, "akhbard");
  EXPECT_EQ(5.0, policy.crawl_delay_s());
  EXPECT_FALSE(policy.allowed("/admin/"));
  EXPECT_TRUE(policy.allowed("/misc/drupal.js"));
  EXPECT_TRUE(policy.allowed("/misc/drupal.js?v=7"));  // "/misc/*.js$" does not match, nor does any disallow
  EXPECT_FALSE(policy.allowed("/modules/node/node.css"));
  EXPECT_FALSE(policy.allowed("/?q=user/register/"));   // "Disallow /?q=…" without colon
  EXPECT_FALSE(policy.allowed("/?q=filter/tips/"));     // "Disalow:"
  EXPECT_FALSE(policy.allowed(enc("/ar/بحث?q=غزة")));         // lower-case %-escapes in the pattern
  ASSERT_EQ(1u, r.sitemaps.size());
  EXPECT_EQ("https://www.masrawy-akhbar.example/sitemap.xml", r.sitemaps[0]);
  EXPECT_TRUE(has_warning(r, "line 31: no ':'"));
  EXPECT_TRUE(has_warning(r, "line 32: 'disalow'"));
}

// An HTML page served as robots.txt (a bot challenge, say) has no rules and a bounded list of warnings.
TEST(Robots, Akhbar_BoundsWarningsAndKeepsTheSizeWarning) {
  std::string page = "<html>\n<head><title>تحقق من المتصفح</title></head>\n<body>\n";
  while (page.size() <= kMaxRobotsBytes) page += "<p>يرجى تفعيل جافاسكريبت</p>\n";
  const auto r = parse_robots(page);
  EXPECT_TRUE(r.groups.empty());
  ASSERT_EQ(102u, r.warnings.size());
  EXPECT_NE(std::string::npos, r.warnings[100].find("more than 100 warnings"));
  EXPECT_NE(std::string::npos, r.warnings[101].find("larger than"));
  EXPECT_TRUE(RobotsPolicy::for_agent(r, "akhbard").allowed("/"));
}

// Every fixture, and some byte soup, parses without crashing (ASan/UBSan run this too).
TEST(Robots, Akhbar_SurvivesEveryFixtureAndBinaryJunk) {
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(AKHBAR_TEST_DATA) / "robots")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto r = parse_robots(body);
    EXPECT_TRUE(RobotsPolicy::for_agent(r, "akhbard").allowed("/robots.txt")) << entry.path();
  }
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) % 256);
  const auto r = parse_robots(junk + "\nuser-agent: *\ndisallow: /%\xff%zz$\n" + junk);
  const auto policy = RobotsPolicy::for_agent(r, "akhbard");
  EXPECT_FALSE(policy.allowed("/%25%FF%25zz"));
  EXPECT_TRUE(policy.allowed("/%25%FF%25zzx"));
}

}  // namespace
}  // namespace akhbar::parsers
