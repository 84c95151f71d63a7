// The site files (sites.d/*.yaml) and the shipped examples.
#include "config/config.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/config/config_test_files.h"

namespace akhbar::config {
namespace {

using namespace test;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

// ---- one site file ---------------------------------------------------------------------------

TEST(LoadSiteFile, ReadsSourcesRulesAndPoliteness) {
  const fs::path file = kData / "valid/sites.d/baladi-news.yaml";
  std::vector<Error> errors;
  auto site = load_site_file(file, &errors);
  ASSERT_TRUE(site) << site.error().str();
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(site->file, file);
  EXPECT_EQ(site->name, "baladi-news");
  EXPECT_EQ(site->title, "بلدي نيوز");
  EXPECT_EQ(site->timezone, "Asia/Damascus");
  EXPECT_EQ(site->start, "https://www.baladi-news.com/");

  ASSERT_EQ(site->feeds.size(), 2u);
  EXPECT_EQ(site->feeds[0].url, "https://www.baladi-news.com/ar/rss.xml");
  EXPECT_EQ(site->feeds[0].every, 10min);
  EXPECT_EQ(site->feeds[1].url, "https://www.baladi-news.com/ar/rss/reports.xml");
  EXPECT_FALSE(site->feeds[1].every);
  ASSERT_EQ(site->sitemaps.size(), 2u);
  EXPECT_EQ(site->sitemaps[0].url, "https://www.baladi-news.com/sitemap.xml");
  EXPECT_FALSE(site->sitemaps[0].every);
  EXPECT_EQ(site->sitemaps[1].url, "https://www.baladi-news.com/news-sitemap.xml");
  EXPECT_EQ(site->sitemaps[1].every, 30min);
  ASSERT_EQ(site->sections.size(), 2u);
  EXPECT_EQ(site->sections[0].url, "https://www.baladi-news.com/ar/news");
  EXPECT_EQ(site->sections[0].every, 15min);
  EXPECT_FALSE(site->sections[1].every);

  EXPECT_EQ(site->match.pattern(), R"(^https?://www\.baladi-news\.com/ar/articles/\d+)");
  EXPECT_TRUE(site->match.matches("https://www.baladi-news.com/ar/articles/301842/slug"));
  EXPECT_FALSE(site->match.matches("https://www.baladi-news.com/ar/news"));
  EXPECT_EQ(site->rules.title, "h1");
  EXPECT_EQ(site->rules.body, "div.article-body p");
  EXPECT_EQ(site->rules.date, "time[datetime]@datetime");
  EXPECT_EQ(site->rules.author, ".author");
  EXPECT_EQ(site->rules.remove, (std::vector<std::string>{".related", ".share", "script", "style"}));
  EXPECT_EQ(site->rules.title_suffix, " - بلدي نيوز");
  EXPECT_EQ(site->rules.site_title, "بلدي نيوز");
  EXPECT_EQ(site->rules.timezone, "Asia/Damascus");
  EXPECT_EQ(site->min_delay, 10s);
}

TEST(LoadSiteFile, AcceptsASingleRemoveSelectorAndLeavesOptionalKeysEmpty) {
  auto site = load_site_file(kData / "valid/sites.d/enab-baladi.yaml");
  ASSERT_TRUE(site) << site.error().str();
  EXPECT_EQ(site->title, "عنب بلدي");
  EXPECT_EQ(site->rules.remove, std::vector<std::string>{".ads-inline"});
  EXPECT_EQ(site->rules.body, "xpath://div[contains(@class,'post-content')]//p");
  EXPECT_TRUE(site->rules.title.empty());
  EXPECT_TRUE(site->start.empty());
  EXPECT_TRUE(site->sitemaps.empty());
  EXPECT_FALSE(site->min_delay);
  EXPECT_TRUE(site->match.matches("https://www.enabbaladi.net/712345/"));
}

TEST(LoadSiteFile, DefaultsToUtcAndAnEmptyMatcher) {
  TempDir dir;
  auto site = load_site_file(dir.write("s.yaml", "name: alquds\n"));
  ASSERT_TRUE(site) << site.error().str();
  EXPECT_EQ(site->timezone, "UTC");
  EXPECT_EQ(site->rules.timezone, "UTC");
  EXPECT_TRUE(site->match.empty());
  EXPECT_FALSE(site->match.matches("https://www.alquds.co.uk/x"));
}

TEST(LoadSiteFile, HashesTheFileBytes) {
  TempDir dir;
  auto site = load_site_file(dir.write("x.yaml", "name: x\n"));
  ASSERT_TRUE(site) << site.error().str();
  // printf 'name: x\n' | sha256sum
  EXPECT_EQ(site->config_hash, "a2a79ea37edb1963efaae29281523ab441a8a99df048d204f22f3f413e325afc");
  auto edited = load_site_file(dir.write("x.yaml", "name: x\n# edited\n"));
  ASSERT_TRUE(edited);
  EXPECT_NE(edited->config_hash, site->config_hash);
}

TEST(LoadSiteFile, ReportsABadRegexAtTheMatchValue) {
  const fs::path file = kData / "bad_sites/sites.d/bad-regex.yaml";
  auto errors = site_errors(file);
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].where, where(file, 8, 10));
  EXPECT_THAT(errors[0].message, HasSubstr("articles.match: invalid regular expression: "));
  // The regex library's reason follows (libstdc++'s wording).
  EXPECT_THAT(errors[0].message, HasSubstr("Mismatched '(' and ')'"));
}

TEST(LoadSiteFile, CompilesEverySelectorAndReportsBadOnesWhereTheyAre) {
  const fs::path file = kData / "bad_selectors/bad-selectors.yaml";
  auto errors = site_errors(file);
  static const struct {
    int line, column;
    std::string_view message;
  } kExpected[] = {
      {5, 10, "articles.title: bad CSS selector \"h1..headline\": empty class name at 3"},
      {6, 9, "articles.body: bad CSS selector \"div..x\": empty class name at 4"},
      {7, 9, "articles.date: bad XPath selector \"xpath://time[@datetime\": invalid predicate at 16"},
      {8, 11, "articles.author: bad CSS selector \".author >\": expected a selector at 9"},
      {9, 19, "articles.remove[1]: bad CSS selector \"div[\": expected attribute name at 4"},
      {9, 27, "articles.remove[2]: bad XPath selector \"xpath:\": empty expression"},
  };
  ASSERT_EQ(errors.size(), std::size(kExpected)) << all(errors);
  for (std::size_t i = 0; i < std::size(kExpected); ++i) {
    EXPECT_EQ(errors[i].where, where(file, kExpected[i].line, kExpected[i].column)) << errors[i].str();
    EXPECT_THAT(errors[i].message, HasSubstr(std::string(kExpected[i].message))) << errors[i].str();
  }
}

TEST(LoadSiteFile, AcceptsEverySupportedSelectorForm) {
  TempDir dir;
  const fs::path file = dir.write("s.yaml",
                                  "name: ok\n"
                                  "articles:\n"
                                  "  title: 'h1.headline, h2#main'\n"
                                  "  body: \"div.article-body > p:nth-of-type(2), article p\"\n"
                                  "  date: 'time[datetime]@datetime'\n"
                                  "  author: \"xpath://span[contains(@class, 'author')]/text()\"\n"
                                  "  remove: ['[data-ad]', 'a[href^=\"https://ads\"]', 'xpath://aside']\n");
  std::vector<Error> errors;
  auto site = load_site_file(file, &errors);
  ASSERT_TRUE(site) << site.error().str();
  EXPECT_TRUE(errors.empty()) << all(errors);
}

TEST(LoadSiteFile, ReportsAnUnknownTimeZone) {
  const fs::path file = kData / "bad_sites/sites.d/bad-timezone.yaml";
  auto errors = site_errors(file);
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].str(), where(file, 3, 11) +
                                 ": timezone: unknown time zone 'Africa/Rabbat' (expected an IANA name "
                                 "like Asia/Damascus)");
}

TEST(LoadSiteFile, RequiresAWellFormedName) {
  TempDir dir;
  const fs::path missing = dir.write("a.yaml", "title: القدس العربي\nfeeds:\n  - https://www.alquds.co.uk/feed/\n");
  auto errors = site_errors(missing);
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].where, where(missing, 1, 1));
  EXPECT_THAT(errors[0].message, HasSubstr("name: required"));

  const fs::path bad = dir.write("b.yaml", "name: Al Quds\n");
  errors = site_errors(bad);
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].str(),
            where(bad, 1, 7) + ": name: expected lowercase letters, digits, '.', '_' or '-', got 'Al Quds'");
}

TEST(LoadSiteFile, ValidatesUrlsAndListShapes) {
  TempDir dir;
  const fs::path file = dir.write("s.yaml",
                                  "name: alquds\n"                                    // 1
                                  "start: www.alquds.co.uk\n"                         // 2
                                  "feeds:\n"                                          // 3
                                  "  - ftp://www.alquds.co.uk/feed\n"                 // 4
                                  "  - every: 10m\n"                                  // 5
                                  "  - url: https://www.alquds.co.uk/feed/\n"         // 6
                                  "    every: 0s\n"                                   // 7
                                  "  - url: https://www.alquds.co.uk/feed/\n"         // 8
                                  "    evry: 5m\n"                                    // 9
                                  "sitemaps: https://www.alquds.co.uk/sitemap.xml\n"  // 10
                                  "sections:\n"                                       // 11
                                  "  - https://www.alquds.co.uk/category/news/\n"     // 12
                                  "  - https://www.alquds.co.uk/category/news/\n");   // 13
  auto errors = site_errors(file);
  static const struct {
    int line, column;
    std::string_view message;
  } kExpected[] = {
      {2, 8, "start: expected an absolute http(s) URL, got 'www.alquds.co.uk'"},
      {4, 5, "feeds[0]: expected an absolute http(s) URL, got 'ftp://www.alquds.co.uk/feed'"},
      {5, 5, "feeds[1]: url is required"},
      {7, 12, "feeds[2].every: must be positive, got '0s'"},
      {9, 5, "unknown key 'evry' in feeds[3] (did you mean 'every'?)"},
      {10, 11, "sitemaps: expected a list, got 'https://www.alquds.co.uk/sitemap.xml'"},
      {13, 5, "sections[1]: 'https://www.alquds.co.uk/category/news/' is listed twice"},
  };
  ASSERT_EQ(errors.size(), std::size(kExpected)) << all(errors);
  for (std::size_t i = 0; i < std::size(kExpected); ++i) {
    EXPECT_EQ(errors[i].str(), where(file, kExpected[i].line, kExpected[i].column) + ": " +
                                   std::string(kExpected[i].message));
  }
}

TEST(LoadSiteFile, SuggestsArticleKeysAndChecksSelectorTypes) {
  TempDir dir;
  const fs::path file = dir.write("s.yaml",
                                  "name: alquds\n"
                                  "articles:\n"
                                  "  tittle: h1\n"
                                  "  body: {css: p}\n"
                                  "  remove: [\".share\", [\".ads\"]]\n"
                                  "politeness:\n"
                                  "  min_delay: soon\n");
  auto errors = site_errors(file);
  ASSERT_EQ(errors.size(), 4u) << all(errors);
  EXPECT_EQ(errors[0].str(), where(file, 3, 3) + ": unknown key 'tittle' in articles (did you mean 'title'?)");
  EXPECT_EQ(errors[1].str(), where(file, 4, 9) + ": articles.body: expected a string, got a mapping");
  EXPECT_EQ(errors[2].str(), where(file, 5, 22) + ": articles.remove[1]: expected a string, got a list");
  EXPECT_EQ(errors[3].str(), where(file, 7, 14) +
                                 ": politeness.min_delay: expected a duration like 500ms, 5s, 10m, 6h, 1d, "
                                 "got 'soon'");
}

TEST(LoadSiteFile, ConvertsSyntaxErrors) {
  const fs::path tab = kData / "bad_sites/sites.d/tab-indent.yaml";
  auto errors = site_errors(tab);
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].where, where(tab, 5, 1));
  EXPECT_EQ(errors[0].code, Errc::kInvalidInput);

  const fs::path quote = kData / "bad_sites/sites.d/unclosed-quote.yml";
  errors = site_errors(quote);
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].where, where(quote, 5, 24));
}

TEST(LoadSiteFile, AMissingFileIsNotFound) {
  auto site = load_site_file(kData / "bad_sites/sites.d/nope.yaml");
  ASSERT_FALSE(site);
  EXPECT_EQ(site.error().code, Errc::kNotFound);
  EXPECT_EQ(site.error().str(), (kData / "bad_sites/sites.d/nope.yaml").string() +
                                    ": cannot read: No such file or directory");
}

// ---- the shipped examples --------------------------------------------------------------------

TEST(Examples, EverySiteFileLoads) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kExamples / "sites.d")) {
    auto site = load_site_file(entry.path());
    ASSERT_TRUE(site) << site.error().str();
    EXPECT_FALSE(site->match.empty()) << entry.path();
    EXPECT_FALSE(site->feeds.empty()) << entry.path();
    names.push_back(site->name);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"alarabiya", "aljazeera", "baladi-news"}));
}

TEST(Examples, TheDaemonFileIsTheDefaultsOfInterfaceMd) {
  std::string text = read_text(kExamples / "akhbard.yaml");
  const std::string from = "/etc/akhbar/sites.d";
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), (kExamples / "sites.d").string());
  TempDir dir;
  LoadReport report = load_config(dir.write("akhbard.yaml", text));
  ASSERT_TRUE(report.ok()) << all(report.errors);
  const DaemonConfig defaults;
  const DaemonConfig& d = report.config.daemon;
  EXPECT_EQ(d.store, defaults.store);
  EXPECT_EQ(d.user_agent, defaults.user_agent);
  EXPECT_EQ(d.concurrency, defaults.concurrency);
  EXPECT_EQ(d.politeness.min_delay, defaults.politeness.min_delay);
  EXPECT_EQ(d.politeness.max_crawl_delay, defaults.politeness.max_crawl_delay);
  EXPECT_EQ(d.fetch.timeout, defaults.fetch.timeout);
  EXPECT_EQ(d.fetch.connect_timeout, defaults.fetch.connect_timeout);
  EXPECT_EQ(d.fetch.max_body, defaults.fetch.max_body);
  EXPECT_EQ(d.fetch.max_redirects, defaults.fetch.max_redirects);
  EXPECT_EQ(d.retry.attempts, defaults.retry.attempts);
  EXPECT_EQ(d.retry.base_delay, defaults.retry.base_delay);
  EXPECT_EQ(d.retry.max_delay, defaults.retry.max_delay);
  EXPECT_EQ(d.log.format, defaults.log.format);
  EXPECT_EQ(report.config.sites.size(), 3u);
}

}  // namespace
}  // namespace akhbar::config
