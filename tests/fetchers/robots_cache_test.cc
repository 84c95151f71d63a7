// fetchers/robots_cache.h: each RFC 9309 2.3.1 fetch outcome, expiry and LRU eviction on a scripted
// `now`; then the same outcomes fetched for real from the loopback server.
#include "fetchers/robots_cache.h"

#include <string>

#include <gtest/gtest.h>

#include "tests/fetchers/loopback_fixture.h"

namespace akhbar::fetchers {
namespace {

const WallTime kNow = from_unix_ms(1'700'000'000'000);
const std::string kAgent = "akhbard/1.0 (+https://example.org/akhbard)";
const std::string kHost = "https://www.example-news.com:443";

// A news site's robots.txt: CRLF, comments in Arabic, a group for us, one for everybody.
const std::string kRobots =
    "# ملف robots.txt لموقع الأخبار\r\n"
    "User-agent: *\r\n"
    "Disallow: /search\r\n"
    "Disallow: /ar/admin/\r\n"
    "Crawl-delay: 5\r\n"
    "\r\n"
    "User-agent: akhbard\r\n"
    "Disallow: /ar/print/\r\n"
    "Allow: /ar/print/public$\r\n"
    "Crawl-delay: 2.5\r\n"
    "\r\n"
    "Sitemap: https://www.example-news.com/sitemap-news.xml\r\n"
    "Sitemap: https://www.example-news.com/sitemap-index.xml\r\n";

std::optional<Error> err(Errc code) { return Error{code, "fetch: test", kHost + "/robots.txt"}; }

TEST(RobotsCache, AHostGoesFromUnknownToFetchingToReady) {
  RobotsCache cache(kAgent, Millis(60000));
  EXPECT_EQ(cache.state(kHost, kNow), RobotsCache::State::kUnknown);
  EXPECT_FALSE(cache.allowed(kHost, "/")) << "nothing is allowed before robots.txt is known";
  cache.fetching(kHost);
  EXPECT_EQ(cache.state(kHost, kNow), RobotsCache::State::kFetching);
  EXPECT_FALSE(cache.allowed(kHost, "/"));
  cache.store(kHost, 200, kRobots, std::nullopt, kNow);
  EXPECT_EQ(cache.state(kHost, kNow), RobotsCache::State::kReady);
}

TEST(RobotsCache, ParsedRobotsAppliesOurGroupForADay) {
  RobotsCache cache(kAgent, Millis(60000));
  cache.fetching(kHost);
  const RobotsCache::Stored s = cache.store(kHost, 200, kRobots, std::nullopt, kNow);
  EXPECT_EQ(s.outcome, "parsed");
  ASSERT_EQ(s.sitemaps.size(), 2u);
  EXPECT_EQ(s.sitemaps[0], "https://www.example-news.com/sitemap-news.xml");
  EXPECT_EQ(s.sitemaps[1], "https://www.example-news.com/sitemap-index.xml");
  EXPECT_FALSE(s.allow_all);
  EXPECT_FALSE(s.disallow_all);
  ASSERT_TRUE(s.crawl_delay);
  EXPECT_EQ(*s.crawl_delay, Millis(2500)) << "our group's Crawl-delay, not the * group's";
  EXPECT_FALSE(s.crawl_delay_capped);
  EXPECT_EQ(cache.crawl_delay(kHost), Millis(2500));

  EXPECT_FALSE(cache.allowed(kHost, "/ar/print/2023/11/14/article-1"));
  EXPECT_TRUE(cache.allowed(kHost, "/ar/print/public"));
  EXPECT_TRUE(cache.allowed(kHost, "/search?q=غزة")) << "the * group does not apply to us";
  EXPECT_TRUE(cache.allowed(kHost, "/ar/news/2023/11/14/article-1"));

  EXPECT_EQ(cache.state(kHost, kNow + kRobotsTtl - Millis(1)), RobotsCache::State::kReady);
  EXPECT_EQ(cache.state(kHost, kNow + kRobotsTtl), RobotsCache::State::kUnknown) << "24 h later: refetch";
}

TEST(RobotsCache, ClientErrorsMeanNoRulesForADay) {
  for (int status : {401, 403, 404, 410}) {
    RobotsCache cache(kAgent, Millis(60000));
    const RobotsCache::Stored s = cache.store(kHost, status, "<h1>غير موجود</h1>", std::nullopt, kNow);
    EXPECT_TRUE(s.allow_all) << status;
    EXPECT_FALSE(s.disallow_all) << status;
    EXPECT_EQ(s.outcome, "no robots (" + std::to_string(status) + ")");
    EXPECT_TRUE(cache.allowed(kHost, "/ar/admin/")) << status;
    EXPECT_EQ(cache.crawl_delay(kHost), std::nullopt);
    EXPECT_EQ(cache.state(kHost, kNow + kRobotsTtl - Millis(1)), RobotsCache::State::kReady) << status;
    EXPECT_EQ(cache.state(kHost, kNow + kRobotsTtl), RobotsCache::State::kUnknown) << status;
  }
}

TEST(RobotsCache, ServerErrorsAndTransferFailuresDisallowEverythingForAnHour) {
  static const struct {
    int status;
    std::optional<Error> error;
    std::string outcome;
  } kCases[] = {
      {500, std::nullopt, "error 500: disallow all for 1h"},
      {503, std::nullopt, "error 503: disallow all for 1h"},
      {429, std::nullopt, "error 429: disallow all for 1h"},
      {0, err(Errc::kDeadlineExceeded), "error timeout: disallow all for 1h"},
      {0, err(Errc::kUnavailable), "error unreachable: disallow all for 1h"},
      {200, err(Errc::kDataLoss), "error truncated: disallow all for 1h"},
      {0, std::nullopt, "error no response: disallow all for 1h"},
  };
  for (const auto& c : kCases) {
    RobotsCache cache(kAgent, Millis(60000));
    cache.fetching(kHost);
    const RobotsCache::Stored s = cache.store(kHost, c.status, "", c.error, kNow);
    EXPECT_TRUE(s.disallow_all) << c.outcome;
    EXPECT_EQ(s.outcome, c.outcome);
    EXPECT_FALSE(cache.allowed(kHost, "/ar/news/1")) << c.outcome;
    EXPECT_FALSE(cache.allowed(kHost, "/")) << c.outcome;
    EXPECT_EQ(cache.state(kHost, kNow + kRobotsErrorTtl - Millis(1)), RobotsCache::State::kReady);
    EXPECT_EQ(cache.state(kHost, kNow + kRobotsErrorTtl), RobotsCache::State::kUnknown) << "retried after 1 h";
  }
}

TEST(RobotsCache, RedirectsThatLedNowhereMeanNoRules) {
  RobotsCache cache(kAgent, Millis(60000));
  const RobotsCache::Stored s =
      cache.store(kHost, 302, "", Error{Errc::kInvalidInput, "fetch: too many redirects (5), a redirect loop?", ""},
                  kNow);
  EXPECT_TRUE(s.allow_all);
  EXPECT_TRUE(cache.allowed(kHost, "/ar/news/1"));
}

TEST(RobotsCache, ABodyCutAtMaxBodyIsParsedAsFarAsItGoes) {
  RobotsCache cache(kAgent, Millis(60000));
  const RobotsCache::Stored s = cache.store(kHost, 200, "User-agent: *\nDisallow: /private/\n",
                                            err(Errc::kResourceExhausted), kNow);
  EXPECT_FALSE(s.disallow_all);
  EXPECT_NE(s.outcome.find("parsed"), std::string::npos) << s.outcome;
  EXPECT_FALSE(cache.allowed(kHost, "/private/x"));
  EXPECT_TRUE(cache.allowed(kHost, "/ar/news/1"));
}

TEST(RobotsCache, CrawlDelayAboveTheMaximumIsCappedAndSaysSo) {
  RobotsCache cache(kAgent, Millis(30000));
  const RobotsCache::Stored s = cache.store(kHost, 200, "User-agent: *\nCrawl-delay: 3600\n", std::nullopt, kNow);
  ASSERT_TRUE(s.crawl_delay);
  EXPECT_EQ(*s.crawl_delay, Millis(30000));
  EXPECT_TRUE(s.crawl_delay_capped);
  ASSERT_TRUE(s.crawl_delay_raw_s);
  EXPECT_DOUBLE_EQ(*s.crawl_delay_raw_s, 3600.0);
  EXPECT_EQ(cache.crawl_delay(kHost), Millis(30000));

  const RobotsCache::Stored one = cache.store(kHost, 200, "User-agent: *\nCrawl-delay: 1\n", std::nullopt, kNow);
  EXPECT_EQ(one.crawl_delay, Millis(1000));
  EXPECT_FALSE(one.crawl_delay_capped);
}

TEST(RobotsCache, EvictsTheLeastRecentlyUsedHostBeyondMaxHosts) {
  RobotsCache cache(kAgent, Millis(60000), 2);
  cache.store("https://a.example:443", 404, "", std::nullopt, kNow);
  cache.store("https://b.example:443", 404, "", std::nullopt, kNow);
  EXPECT_EQ(cache.state("https://a.example:443", kNow), RobotsCache::State::kReady);  // a is now the most recent
  cache.store("https://c.example:443", 404, "", std::nullopt, kNow);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.state("https://b.example:443", kNow), RobotsCache::State::kUnknown) << "b was least recent";
  EXPECT_EQ(cache.state("https://a.example:443", kNow), RobotsCache::State::kReady);
  EXPECT_EQ(cache.state("https://c.example:443", kNow), RobotsCache::State::kReady);

  cache.fetching("https://d.example:443");  // a fetch in flight takes a slot too
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.state("https://a.example:443", kNow), RobotsCache::State::kUnknown);
  EXPECT_EQ(cache.state("https://d.example:443", kNow), RobotsCache::State::kFetching);
}

TEST(RobotsCache, HostsAreKeyedBySchemeHostAndPort) {
  RobotsCache cache(kAgent, Millis(60000));
  cache.store("https://www.example-news.com:443", 200, "User-agent: *\nDisallow: /\n", std::nullopt, kNow);
  cache.store("http://www.example-news.com:80", 404, "", std::nullopt, kNow);
  EXPECT_FALSE(cache.allowed("https://www.example-news.com:443", "/ar/news/1"));
  EXPECT_TRUE(cache.allowed("http://www.example-news.com:80", "/ar/news/1"));
  EXPECT_EQ(cache.state("https://www.example-news.com:8443", kNow), RobotsCache::State::kUnknown);
}

// The outcomes as the crawler gets them: fetched from the loopback server, then stored.
using RobotsFetchTest = LoopbackTest;

RobotsCache::Stored fetch_and_store(RobotsCache& cache, const Response& r) {
  return cache.store(kHost, r.status, r.body, r.error, kNow);
}

TEST_F(RobotsFetchTest, ServedOutcomesBecomeTheRightPolicies) {
  RobotsCache cache(kAgent, Millis(60000));

  server_.route("/robots.txt", testing::robots_txt(200, "User-agent: *\nCrawl-delay: 1\nDisallow: /search\n"));
  RobotsCache::Stored s = fetch_and_store(cache, fetch_one(get(url("/robots.txt"))));
  EXPECT_EQ(s.outcome, "parsed");
  EXPECT_EQ(s.crawl_delay, Millis(1000));
  EXPECT_FALSE(cache.allowed(kHost, "/search?q=x"));
  EXPECT_TRUE(cache.allowed(kHost, "/ar/news/1"));

  server_.route("/robots.txt", testing::robots_txt(404, "not found"));
  s = fetch_and_store(cache, fetch_one(get(url("/robots.txt"))));
  EXPECT_TRUE(s.allow_all);
  EXPECT_TRUE(cache.allowed(kHost, "/search?q=x"));

  server_.route("/robots.txt", testing::robots_txt(500, "oops"));
  s = fetch_and_store(cache, fetch_one(get(url("/robots.txt"))));
  EXPECT_TRUE(s.disallow_all);
  EXPECT_EQ(s.outcome, "error 500: disallow all for 1h");
  EXPECT_FALSE(cache.allowed(kHost, "/ar/news/1"));

  server_.route("/robots.txt", testing::redirect_to("/robots-moved.txt", 301));
  server_.route("/robots-moved.txt", testing::robots_txt(200, "User-agent: akhbard\nDisallow: /ar/print/\n"));
  s = fetch_and_store(cache, fetch_one(get(url("/robots.txt"))));
  EXPECT_EQ(s.outcome, "parsed") << "the HTTP layer follows the redirect";
  EXPECT_FALSE(cache.allowed(kHost, "/ar/print/1"));
  EXPECT_TRUE(cache.allowed(kHost, "/ar/news/1"));
}

}  // namespace
}  // namespace akhbar::fetchers

namespace akhbar::fetchers {
namespace {

// Conditional GET for robots.txt: an expired 2xx copy offers its validators; a 304 keeps its rules
// for another day; an error answer forgets them.
TEST(RobotsCacheConditionalGet, A304KeepsTheRulesForAnotherDay) {
  RobotsCache cache("akhbard", Millis(60000));
  const std::string host = "https://news.example:443";
  const WallTime t0 = from_unix_ms(1'732'600'000'000);
  cache.fetching(host);
  cache.store(host, 200, "User-agent: *\nDisallow: /private/\n", std::nullopt, t0);
  cache.set_validators(host, "\"v1\"", "Tue, 26 Nov 2024 08:30:00 GMT");

  const WallTime later = t0 + kRobotsTtl + Millis(1);
  ASSERT_EQ(RobotsCache::State::kUnknown, cache.state(host, later));
  EXPECT_EQ("\"v1\"", cache.validators(host).etag);
  EXPECT_EQ("Tue, 26 Nov 2024 08:30:00 GMT", cache.validators(host).last_modified);

  cache.fetching(host);
  const auto stored = cache.store(host, 304, "", std::nullopt, later);
  EXPECT_EQ("unchanged (304)", stored.outcome);
  EXPECT_EQ(RobotsCache::State::kReady, cache.state(host, later + kRobotsTtl - Millis(1)));
  EXPECT_FALSE(cache.allowed(host, "/private/x"));
  EXPECT_TRUE(cache.allowed(host, "/news/1"));

  cache.fetching(host);
  cache.store(host, 503, "", std::nullopt, later + kRobotsTtl);
  EXPECT_TRUE(cache.validators(host).etag.empty());
  EXPECT_FALSE(cache.allowed(host, "/news/1"));
}

}  // namespace
}  // namespace akhbar::fetchers

namespace akhbar::fetchers {
namespace {

TEST(RobotsCacheUnavailable, ReportsUntilWhenAnUnreachableRobotsTxtLocksTheHost) {
  RobotsCache cache("akhbard", Millis(60000));
  const WallTime t0 = from_unix_ms(1'732'600'000'000);
  cache.fetching("http://down.example:80");
  cache.store("http://down.example:80", 500, "", std::nullopt, t0);
  EXPECT_EQ(t0 + kRobotsErrorTtl, cache.unavailable_until("http://down.example:80", t0));
  EXPECT_FALSE(cache.unavailable_until("http://down.example:80", t0 + kRobotsErrorTtl));
  cache.fetching("http://open.example:80");
  cache.store("http://open.example:80", 200, "User-agent: *\nDisallow: /\n", std::nullopt, t0);
  EXPECT_FALSE(cache.unavailable_until("http://open.example:80", t0));  // a real disallow is not an outage
  EXPECT_FALSE(cache.unavailable_until("http://never.example:80", t0));
}

}  // namespace
}  // namespace akhbar::fetchers
