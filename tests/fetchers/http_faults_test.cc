// HttpClient against the faults issue 4 lists (tests/support/fault_routes.h), on 127.0.0.1: the
// SSRF guard, header and decoded-size limits, redirects handed back to the caller, and the
// answer sequences (429 then 200, 503 ×2 then 200) the retry policy is meant for.
#include <string>

#include <gtest/gtest.h>

#include "fetchers/retry_policy.h"
#include "tests/fetchers/loopback_fixture.h"

namespace akhbar::fetchers {
namespace {

using testing::Fault;
using testing::Route;

const std::string kPage =
    "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
    "<title>ارتفاع أسعار الخضار في الأسواق المحلية</title></head><body><article>"
    "<h1>ارتفاع أسعار الخضار في الأسواق المحلية</h1>"
    "<p>شهدت الأسواق المحلية ارتفاعاً ملحوظاً في أسعار الخضار خلال الأسبوع الماضي.</p>"
    "</article></body></html>";

using HttpFaultsTest = LoopbackTest;

TEST_F(HttpFaultsTest, DefaultOptionsRefuseLoopbackWithoutReachingTheServer) {
  server_.route("/", testing::ok_html(kPage));
  Response resp = fetch_one(get(url("/")), ClientOptions{});
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kPermissionDenied);
  EXPECT_EQ(resp.error->message,
            "fetch: refusing to connect to 127.0.0.1 (loopback address): allow_private_addresses is false");
  EXPECT_EQ(resp.error->where, url("/"));
  EXPECT_EQ(resp.status, 0);
  EXPECT_FALSE(resp.error->retryable());
  EXPECT_EQ(classify_fetch(resp.status, resp.error), FetchClass::kPermanent);
  EXPECT_TRUE(server_.requests().empty()) << "the socket must never be opened";
}

TEST_F(HttpFaultsTest, RefusesAHostNameThatResolvesToLoopback) {
  // Judged on the resolved address, not the name: "localhost" is 127.0.0.1 (and maybe ::1).
  server_.route("/", testing::ok_html(kPage));
  Response resp = fetch_one(get("http://localhost:" + std::to_string(server_.port()) + "/"), ClientOptions{});
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kPermissionDenied) << resp.error->message;
  EXPECT_NE(resp.error->message.find("(loopback address)"), std::string::npos) << resp.error->message;
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(HttpFaultsTest, AllowPrivateAddressesReachesLoopback) {
  server_.route("/", testing::ok_html(kPage));
  Response resp = fetch_one(get(url("/")), loopback_options());
  ASSERT_FALSE(resp.error) << resp.error->message;
  EXPECT_EQ(resp.body, kPage);
  EXPECT_EQ(server_.request_count("/"), 1u);
}

TEST_F(HttpFaultsTest, OneMegabyteHeaderLineIsResourceExhausted) {
  server_.route("/fat", testing::huge_header(1024 * 1024));
  Response resp = fetch_one(get(url("/fat")));
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kResourceExhausted) << resp.error->message;
  EXPECT_EQ(resp.error->message, "fetch: response header line longer than curl's 100 KiB limit");
  EXPECT_EQ(classify_fetch(resp.status, resp.error), FetchClass::kPermanent);
  EXPECT_TRUE(resp.body.empty());
}

TEST_F(HttpFaultsTest, HeadersOverMaxHeaderBytesAbortTheTransfer) {
  server_.route("/many", testing::many_headers(40, 1000));  // ~41 KB of ordinary lines
  ClientOptions options = loopback_options();
  options.max_header_bytes = 16 * 1024;
  Response resp = fetch_one(get(url("/many")), options);
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kResourceExhausted);
  EXPECT_EQ(resp.error->message, "fetch: response headers larger than 16384 bytes");
  EXPECT_TRUE(resp.body.empty());

  options.max_header_bytes = 64 * 1024;  // the same answer fits under a larger limit
  Response fits = fetch_one(get(url("/many")), options);
  EXPECT_FALSE(fits.error) << fits.error->message;
  EXPECT_EQ(fits.status, 200);
}

TEST_F(HttpFaultsTest, GzipBombIsAbortedAtMaxBodyNotInflated) {
  Route bomb = testing::gzip_bomb(50 * 1000 * 1000);
  ASSERT_LT(bomb.body.size(), 1024u) << "a few hundred bytes on the wire";
  server_.route("/bomb", bomb);
  ClientOptions options = loopback_options();
  options.max_body = 1000 * 1000;
  Response resp = fetch_one(get(url("/bomb")), options);
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kResourceExhausted);
  EXPECT_EQ(resp.error->message, "fetch: body larger than max_body 1000000");
  EXPECT_LE(resp.body.size(), options.max_body);
  EXPECT_LE(resp.bytes, static_cast<std::int64_t>(options.max_body));
}

TEST_F(HttpFaultsTest, RedirectToItselfIsReportedAsALoop) {
  server_.route("/loop", testing::redirect_to("/loop"));
  ClientOptions options = loopback_options();
  options.max_redirects = 3;
  Response resp = fetch_one(get(url("/loop")), options);
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kInvalidInput);
  EXPECT_EQ(resp.error->message, "fetch: too many redirects (3), a redirect loop?");
  EXPECT_EQ(server_.request_count("/loop"), 4u) << "the first request and three hops";
}

TEST_F(HttpFaultsTest, UnfollowedPermanentRedirectReturnsTheAbsoluteLocation) {
  server_.route("/rss/old.xml", testing::redirect_to("/feeds/ar/latest.xml", 301));
  server_.route("/feeds/ar/latest.xml", testing::ok_html("<rss version=\"2.0\"></rss>"));
  Request req = get(url("/rss/old.xml"));
  req.follow_redirects = false;
  Response resp = fetch_one(req);
  ASSERT_FALSE(resp.error) << resp.error->message;
  EXPECT_EQ(resp.status, 301);
  EXPECT_EQ(resp.location, url("/feeds/ar/latest.xml"));
  EXPECT_EQ(resp.effective_url, url("/rss/old.xml"));
  EXPECT_EQ(resp.redirects, 0);
  EXPECT_EQ(classify_fetch(resp.status, resp.error), FetchClass::kRedirect);
  EXPECT_EQ(server_.request_count("/feeds/ar/latest.xml"), 0u) << "the caller sends the next hop";
}

TEST_F(HttpFaultsTest, FollowedPermanentRedirectLeavesLocationEmpty) {
  server_.route("/rss/old.xml", testing::redirect_to("/feeds/ar/latest.xml", 301));
  server_.route("/feeds/ar/latest.xml", testing::ok_html("<rss version=\"2.0\"></rss>"));
  Response resp = fetch_one(get(url("/rss/old.xml")));
  ASSERT_FALSE(resp.error) << resp.error->message;
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.location, "");
  EXPECT_EQ(resp.effective_url, url("/feeds/ar/latest.xml"));
  EXPECT_EQ(resp.redirects, 1);
}

TEST_F(HttpFaultsTest, TooManyRequestsWithRetryAfterThenSuccess) {
  server_.route_sequence("/news/1", {testing::retry_after(429, "2"), testing::ok_html(kPage)});
  const WallTime now = from_unix_ms(1'700'000'000'000);
  Response first = fetch_one(get(url("/news/1")));
  ASSERT_FALSE(first.error) << first.error->message;
  EXPECT_EQ(first.status, 429);
  EXPECT_EQ(first.retry_after, "2");
  EXPECT_EQ(decide_retry(first.status, first.error, 1, RetrySettings{}, now, 0.5).kind, RetryDecision::kRetry);
  EXPECT_EQ(host_deferral(first.status, first.retry_after, 1, RetrySettings{}, now, 0.5), now + Seconds(2));

  Response second = fetch_one(get(url("/news/1")));
  EXPECT_TRUE(second.ok());
  EXPECT_EQ(second.body, kPage);
  EXPECT_EQ(decide_retry(second.status, second.error, 2, RetrySettings{}, now, 0.5).kind, RetryDecision::kDone);
  EXPECT_EQ(server_.request_count("/news/1"), 2u);
}

TEST_F(HttpFaultsTest, ServiceUnavailableTwiceThenSuccess) {
  server_.route_sequence("/news/2", {testing::unavailable(), testing::unavailable(), testing::ok_html(kPage)});
  std::vector<int> statuses;
  for (int i = 0; i < 3; ++i) statuses.push_back(fetch_one(get(url("/news/2"))).status);
  EXPECT_EQ(statuses, (std::vector<int>{503, 503, 200}));
  Response after = fetch_one(get(url("/news/2")));
  EXPECT_EQ(after.status, 200) << "the last answer of a sequence repeats";
}

TEST_F(HttpFaultsTest, TransportFaultsClassifyAsTransient) {
  Route reset = testing::ok_html(std::string(64 * 1024, 'y'));
  reset.fault = Fault::kResetMidBody;
  server_.route("/reset", reset);
  Route truncated = testing::ok_html(kPage);
  truncated.fault = Fault::kTruncated;
  server_.route("/short", truncated);
  Route slow = testing::ok_html(kPage);
  slow.delay_ms = 2000;
  server_.route("/slow", slow);
  ClientOptions options = loopback_options();
  options.timeout = Millis(300);

  for (const std::string target : {"/reset", "/short", "/slow"}) {
    Response resp = fetch_one(get(url(target)), options);
    ASSERT_TRUE(resp.error) << target;
    EXPECT_EQ(classify_fetch(resp.status, resp.error), FetchClass::kTransient)
        << target << ": " << resp.error->message;
  }
}

TEST_F(HttpFaultsTest, RobotsTxtAnswersArriveAsTheServerSentThem) {
  server_.route("/robots.txt", testing::robots_txt(200, "User-agent: *\nCrawl-delay: 1\nDisallow: /search\n"));
  Response ok = fetch_one(get(url("/robots.txt")));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(ok.body, "User-agent: *\nCrawl-delay: 1\nDisallow: /search\n");

  server_.route("/robots.txt", testing::robots_txt(500, "error"));
  EXPECT_EQ(fetch_one(get(url("/robots.txt"))).status, 500);
  server_.route("/robots.txt", testing::robots_txt(404, ""));
  EXPECT_EQ(fetch_one(get(url("/robots.txt"))).status, 404);
}

}  // namespace
}  // namespace akhbar::fetchers
