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

// ---- the daemon file -------------------------------------------------------------------------

TEST(LoadConfig, ReadsEveryKeyOfTheDaemonFile) {
  const fs::path file = kData / "valid/akhbard.yaml";
  LoadReport report = load_config(file);
  ASSERT_TRUE(report.ok()) << all(report.errors);
  const DaemonConfig& d = report.config.daemon;
  EXPECT_EQ(d.file, file);
  EXPECT_EQ(d.user_agent, "akhbard/1.0 (+https://akhbar.example.org/bot; ops@akhbar.example.org)");
  EXPECT_EQ(d.robots_agent, "akhbard");
  EXPECT_EQ(d.concurrency, 48);
  EXPECT_EQ(d.politeness.min_delay, 2500ms);
  EXPECT_EQ(d.politeness.max_crawl_delay, 2min);
  EXPECT_EQ(d.fetch.timeout, 45s);
  EXPECT_EQ(d.fetch.connect_timeout, 8s);
  EXPECT_EQ(d.fetch.max_body, 8u * 1024 * 1024);
  EXPECT_EQ(d.fetch.max_redirects, 7);
  EXPECT_EQ(d.retry.attempts, 4);
  EXPECT_EQ(d.retry.base_delay, 30s);
  EXPECT_EQ(d.retry.max_delay, 24h);
  EXPECT_FALSE(d.allow_private_addresses);
  EXPECT_EQ(d.fetch_log_keep, 14 * 24h);
  EXPECT_EQ(d.log.format, "json");
  EXPECT_EQ(d.log.level, "debug");
}

TEST(LoadConfig, ResolvesRelativeStoreAndSitesAgainstTheDaemonFileDirectory) {
  LoadReport report = load_config(kData / "valid/akhbard.yaml");
  EXPECT_EQ(report.config.daemon.store, kData / "valid/data/akhbar.db");
  EXPECT_EQ(report.config.daemon.sites, kData / "valid/sites.d");
}

TEST(LoadConfig, KeepsAbsolutePathsAndDefaultsForAbsentKeys) {
  TempDir dir;
  const fs::path file = dir.write("akhbard.yaml", "store: /srv/akhbar/news.db\nsites: sites.d\n");
  fs::create_directories(dir.path() / "sites.d");
  LoadReport report = load_config(file);
  ASSERT_TRUE(report.ok()) << all(report.errors);
  const DaemonConfig defaults;
  const DaemonConfig& d = report.config.daemon;
  EXPECT_EQ(d.store, "/srv/akhbar/news.db");
  EXPECT_EQ(d.user_agent, defaults.user_agent);
  EXPECT_EQ(d.concurrency, 32);
  EXPECT_EQ(d.politeness.min_delay, 5s);
  EXPECT_EQ(d.fetch.max_body, 15'000'000u);
  EXPECT_EQ(d.retry.max_delay, 24h);
  EXPECT_EQ(d.fetch_log_keep, 30 * 24h);
  EXPECT_EQ(d.log.format, "logfmt");
  EXPECT_EQ(d.log.level, "info");
  EXPECT_TRUE(report.config.sites.empty());
}

TEST(LoadConfig, AcceptsASectionWhoseKeysAreAllCommentedOut) {
  TempDir dir;
  fs::create_directories(dir.path() / "sites.d");
  const fs::path file = dir.write("akhbard.yaml", "sites: sites.d\npoliteness:\n  # min_delay: 1s\nlog:\n");
  LoadReport report = load_config(file);
  EXPECT_TRUE(report.ok()) << all(report.errors);
  EXPECT_EQ(report.config.daemon.politeness.min_delay, 5s);
}

TEST(LoadConfig, ReportsTyposWithTheNearestKnownKey) {
  const fs::path file = kData / "typo/akhbard.yaml";
  LoadReport report = load_config(file);
  ASSERT_EQ(report.errors.size(), 3u) << all(report.errors);
  EXPECT_EQ(report.errors[0].where, where(file, 3, 1));
  EXPECT_EQ(report.errors[0].message, "unknown key 'user-agent' (did you mean 'user_agent'?)");
  EXPECT_EQ(report.errors[1].where, where(file, 5, 3));
  EXPECT_EQ(report.errors[1].message, "unknown key 'min_dealy' in politeness (did you mean 'min_delay'?)");
  EXPECT_EQ(report.errors[2].where, where(file, 9, 1));
  EXPECT_EQ(report.errors[2].message, "unknown key 'loggin' (did you mean 'log'?)");
  EXPECT_EQ(report.errors[0].code, Errc::kInvalidInput);
  // The misspelt key left its default; the rest of the file and the sites still loaded.
  EXPECT_EQ(report.config.daemon.politeness.min_delay, 5s);
  EXPECT_EQ(report.config.daemon.user_agent, DaemonConfig().user_agent);
  EXPECT_EQ(report.config.sites.size(), 2u);
}

TEST(LoadConfig, ListsTheKnownKeysWhenNothingIsClose) {
  TempDir dir;
  fs::create_directories(dir.path() / "sites.d");
  const fs::path file = dir.write("akhbard.yaml", "sites: sites.d\nlog:\n  colour: true\n");
  LoadReport report = load_config(file);
  ASSERT_EQ(report.errors.size(), 1u) << all(report.errors);
  EXPECT_EQ(report.errors[0].where, where(file, 3, 3));
  EXPECT_EQ(report.errors[0].message, "unknown key 'colour' in log (expected one of: format level)");
}

TEST(LoadConfig, ReportsWrongTypesAtTheValueInFileOrder) {
  const fs::path file = kData / "wrong_types/akhbard.yaml";
  LoadReport report = load_config(file);
  static const struct {
    int line, column;
    std::string_view message;
  } kExpected[] = {
      {2, 14, "concurrency: expected a whole number, got 'lots'"},
      {4, 14, "politeness.min_delay: expected a duration like 500ms, 5s, 10m, 6h, 1d, got 'fast'"},
      {5, 20, "politeness.max_crawl_delay: expected a duration like 500ms, 5s, 10m, 6h, 1d, got '60'"},
      {7, 12, "fetch.timeout: must be positive, got '0s'"},
      {8, 13, "fetch.max_body: expected a size like 512KB, 15MB, 1GiB, got 'huge'"},
      {9, 18, "fetch.max_redirects: expected a whole number, got a list"},
      {11, 13, "retry.attempts: must be between 1 and 1000, got 0"},
      {12, 26, "allow_private_addresses: expected true or false, got 'perhaps'"},
      {14, 11, "log.format: expected logfmt or json, got 'xml'"},
      {15, 10, "log.level: expected one of trace, debug, info, warn, error, got 'verbose'"},
      {16, 15, "robots_agent: expected a robots.txt product token"},
      {17, 17, "fetch_log_keep: expected a duration like 500ms, 5s, 10m, 6h, 1d, got 'forever'"},
  };
  ASSERT_EQ(report.errors.size(), std::size(kExpected)) << all(report.errors);
  for (std::size_t i = 0; i < std::size(kExpected); ++i) {
    EXPECT_EQ(report.errors[i].where, where(file, kExpected[i].line, kExpected[i].column)) << i;
    EXPECT_THAT(report.errors[i].message, HasSubstr(std::string(kExpected[i].message))) << i;
  }
  const DaemonConfig defaults;
  EXPECT_EQ(report.config.daemon.concurrency, defaults.concurrency);
  EXPECT_EQ(report.config.daemon.fetch.timeout, defaults.fetch.timeout);
  EXPECT_EQ(report.config.daemon.log.format, "logfmt");
  EXPECT_EQ(report.config.daemon.robots_agent, "akhbard");
}

TEST(LoadConfig, ChecksRangesAndTheRetryDelays) {
  TempDir dir;
  fs::create_directories(dir.path() / "sites.d");
  const fs::path file = dir.write("akhbard.yaml",
                                  "sites: sites.d\n"
                                  "concurrency: 5000\n"
                                  "retry:\n"
                                  "  base_delay: 2h\n"
                                  "  max_delay: 30m\n"
                                  "politeness:\n"
                                  "  min_delay: 0ms\n");
  LoadReport report = load_config(file);
  ASSERT_EQ(report.errors.size(), 2u) << all(report.errors);
  EXPECT_EQ(report.errors[0].str(), where(file, 2, 14) + ": concurrency: must be between 1 and 1024, got 5000");
  EXPECT_EQ(report.errors[1].str(), where(file, 4, 15) + ": retry.base_delay: must not exceed retry.max_delay");
  // No delay at all is allowed for one's own servers.
  EXPECT_EQ(report.config.daemon.politeness.min_delay, 0ms);
}

TEST(LoadConfig, ReportsARepeatedKey) {
  TempDir dir;
  fs::create_directories(dir.path() / "sites.d");
  const fs::path file = dir.write("akhbard.yaml", "sites: sites.d\nconcurrency: 8\nconcurrency: 16\n");
  LoadReport report = load_config(file);
  ASSERT_EQ(report.errors.size(), 1u) << all(report.errors);
  EXPECT_EQ(report.errors[0].str(), where(file, 3, 1) + ": duplicate key 'concurrency' (first given at 2:1)");
  EXPECT_EQ(report.config.daemon.concurrency, 8);
}

TEST(LoadConfig, AMissingDaemonFileIsAnErrorNamingTheFile) {
  const fs::path file = kData / "no-such-dir/akhbard.yaml";
  LoadReport report = load_config(file);
  ASSERT_EQ(report.errors.size(), 1u) << all(report.errors);
  EXPECT_EQ(report.errors[0].code, Errc::kNotFound);
  EXPECT_EQ(report.errors[0].str(), file.string() + ": cannot read: No such file or directory");
  EXPECT_TRUE(report.config.sites.empty());
}

TEST(LoadConfig, ADirectoryIsNotADaemonFile) {
  LoadReport report = load_config(kData / "valid");
  ASSERT_EQ(report.errors.size(), 1u) << all(report.errors);
  EXPECT_EQ(report.errors[0].str(), (kData / "valid").string() + ": cannot read: Is a directory");
}

TEST(LoadConfig, AMissingSitesDirectoryIsAnErrorAtTheSitesValue) {
  TempDir dir;
  const fs::path file = dir.write("akhbard.yaml", "store: akhbar.db\nsites:   ./sites-enabled\n");
  LoadReport report = load_config(file);
  ASSERT_EQ(report.errors.size(), 1u) << all(report.errors);
  EXPECT_EQ(report.errors[0].where, where(file, 2, 10));
  EXPECT_EQ(report.errors[0].message,
            "sites: cannot read '" + (dir.path() / "./sites-enabled").string() + "': No such file or directory");
}

TEST(LoadConfig, AnEmptyFileOrANonMappingIsAnErrorAtTheStart) {
  TempDir dir;
  for (std::string_view text : {"", "# nothing but a comment\n", "- store: a.db\n", "just words\n"}) {
    const fs::path file = dir.write("akhbard.yaml", text);
    LoadReport report = load_config(file);
    ASSERT_EQ(report.errors.size(), 1u) << text << all(report.errors);
    EXPECT_EQ(report.errors[0].where, where(file, 1, 1)) << text;
    EXPECT_THAT(report.errors[0].message, HasSubstr("expected a mapping")) << text;
  }
}

TEST(LoadConfig, ConvertsYamlSyntaxErrorsToFileLineColumn) {
  TempDir dir;
  const fs::path file = dir.write("akhbard.yaml", "store: a.db\npoliteness:\n  min_delay: 5s\n\tmax_crawl_delay: 1m\n");
  LoadReport report = load_config(file);
  ASSERT_EQ(report.errors.size(), 1u) << all(report.errors);
  EXPECT_EQ(report.errors[0].where, where(file, 4, 1));
  EXPECT_THAT(report.errors[0].message, HasSubstr("invalid YAML: illegal tab"));
}

TEST(LoadConfig, RejectsASecondYamlDocument) {
  TempDir dir;
  const fs::path file = dir.write("akhbard.yaml", "store: a.db\n---\nstore: b.db\n");
  LoadReport report = load_config(file);
  ASSERT_EQ(report.errors.size(), 1u) << all(report.errors);
  EXPECT_EQ(report.errors[0].where, where(file, 3, 1));
  EXPECT_THAT(report.errors[0].message, HasSubstr("only one YAML document"));
}

// ---- the sites directory ---------------------------------------------------------------------

TEST(LoadConfig, LoadsYamlSiteFilesAndIgnoresEverythingElse) {
  LoadReport report = load_config(kData / "valid/akhbard.yaml");
  ASSERT_TRUE(report.ok()) << all(report.errors);
  ASSERT_EQ(report.config.sites.size(), 2u);
  EXPECT_EQ(report.config.sites[0].name, "baladi-news");
  EXPECT_EQ(report.config.sites[0].file, kData / "valid/sites.d/baladi-news.yaml");
  EXPECT_EQ(report.config.sites[1].name, "enab-baladi");  // not README.txt, not .draft.yaml
}

TEST(LoadConfig, KeepsGoodSitesAndReportsEveryBadOne) {
  const fs::path dir = kData / "bad_sites/sites.d";
  LoadReport report = load_config(kData / "bad_sites/akhbard.yaml");
  static const struct {
    std::string_view file;
    int line, column;
    std::string_view message;
  } kExpected[] = {
      {"bad-regex.yaml", 8, 10, "articles.match: invalid regular expression: "},
      {"bad-timezone.yaml", 3, 11, "timezone: unknown time zone 'Africa/Rabbat'"},
      {"mirror-alarabiya.yaml", 2, 7,
       "name: duplicate site name 'alarabiya' (already used by "},
      {"tab-indent.yaml", 5, 1, "invalid YAML: illegal tab when looking for indentation"},
      {"unclosed-quote.yml", 5, 24, "invalid YAML: end of sequence flow not found"},
  };
  ASSERT_EQ(report.errors.size(), std::size(kExpected)) << all(report.errors);
  for (std::size_t i = 0; i < std::size(kExpected); ++i) {
    EXPECT_EQ(report.errors[i].where, where(dir / kExpected[i].file, kExpected[i].line, kExpected[i].column));
    EXPECT_THAT(report.errors[i].message, HasSubstr(std::string(kExpected[i].message)));
  }
  EXPECT_THAT(report.errors[2].message, HasSubstr((dir / "alarabiya.yaml").string()));
  ASSERT_EQ(report.config.sites.size(), 1u);
  EXPECT_EQ(report.config.sites[0].name, "alarabiya");
  EXPECT_EQ(report.config.sites[0].file, dir / "alarabiya.yaml");
}

TEST(LoadConfig, SortsSitesByName) {
  TempDir dir;
  const fs::path file = dir.write("akhbard.yaml", "sites: sites.d\n");
  dir.write("sites.d/01.yaml", "name: zaman-alwsl\nfeeds: [https://www.zamanalwsl.net/rss.xml]\n");
  dir.write("sites.d/02.yml", "name: alquds\nfeeds: [https://www.alquds.co.uk/feed/]\n");
  LoadReport report = load_config(file);
  ASSERT_TRUE(report.ok()) << all(report.errors);
  ASSERT_EQ(report.config.sites.size(), 2u);
  EXPECT_EQ(report.config.sites[0].name, "alquds");
  EXPECT_EQ(report.config.sites[1].name, "zaman-alwsl");
}

// ---- the small grammars ----------------------------------------------------------------------

TEST(ParseDuration, ReadsEveryUnit) {
  static const struct {
    std::string_view text;
    long long ms;
  } kCases[] = {
      {"500ms", 500},       {"5s", 5'000},         {"10m", 600'000}, {"6h", 21'600'000},
      {"1d", 86'400'000},   {"0s", 0},             {"90s", 90'000},  {"2500ms", 2'500},
      {"365d", 31'536'000'000},
  };
  for (const auto& c : kCases) {
    auto d = parse_duration(c.text);
    ASSERT_TRUE(d) << c.text;
    EXPECT_EQ(d->count(), c.ms) << c.text;
  }
}

TEST(ParseDuration, RejectsMalformedText) {
  for (std::string_view text : {"", "5", "s", "fast", "5 s", " 5s", "5s ", "-5s", "+5s", "1.5s", "5S", "5sec",
                                "5min", "1h30m", "5w", "99999999999999999999s", "9999999999999999d"}) {
    EXPECT_FALSE(parse_duration(text)) << text;
  }
}

TEST(ParseSize, ReadsDecimalAndBinaryUnits) {
  static const struct {
    std::string_view text;
    std::size_t bytes;
  } kCases[] = {
      {"100", 100},           {"100B", 100},         {"512KB", 512'000},
      {"15MB", 15'000'000},   {"2GB", 2'000'000'000}, {"1KiB", 1024},
      {"1MiB", 1'048'576},    {"8MiB", 8'388'608},    {"1GiB", 1'073'741'824},
      {"15mb", 15'000'000},   {"0", 0},
  };
  for (const auto& c : kCases) {
    auto s = parse_size(c.text);
    ASSERT_TRUE(s) << c.text;
    EXPECT_EQ(*s, c.bytes) << c.text;
  }
}

TEST(ParseSize, RejectsMalformedText) {
  for (std::string_view text : {"", "MB", "huge", "15 MB", "1.5MB", "-1MB", "15TB", "15MBs",
                                "99999999999999999999", "99999999999999999GB"}) {
    EXPECT_FALSE(parse_size(text)) << text;
  }
}

// ---- where the daemon file is looked for -----------------------------------------------------

TEST(DefaultConfigPath, FallsBackToTheWorkingDirectory) {
  if (fs::exists("/etc/akhbar/akhbard.yaml")) GTEST_SKIP() << "/etc/akhbar/akhbard.yaml exists here";
  TempDir dir;
  const fs::path old_cwd = fs::current_path();
  fs::current_path(dir.path());
  const fs::path none = default_config_path();
  dir.write("akhbard.yaml", "store: a.db\n");
  const fs::path found = default_config_path();
  fs::current_path(old_cwd);
  EXPECT_TRUE(none.empty()) << none;
  EXPECT_EQ(found, "akhbard.yaml");
}

}  // namespace
}  // namespace akhbar::config
