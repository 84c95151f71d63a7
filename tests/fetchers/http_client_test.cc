// HttpClient against the loopback TestHttpServer: real sockets on 127.0.0.1, no sleeps. Each test
// runs the io_context until its handlers have run, with a deadline as a safety stop only.
#include "fetchers/http_client.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <gtest/gtest.h>

#include "tests/fetchers/loopback_fixture.h"

namespace akhbar::fetchers {
namespace {

using testing::Fault;
using testing::Route;
using testing::gzip;

const std::string kArticleHtml =
    "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
    "<title>الحكومة تعلن خطة جديدة لدعم المزارعين | الأخبار</title></head><body>"
    "<article><h1>الحكومة تعلن خطة جديدة لدعم المزارعين</h1>"
    "<p>أعلنت وزارة الزراعة، اليوم الثلاثاء، عن حزمة إجراءات لدعم صغار المزارعين في المناطق الريفية.</p>"
    "<p>وقال الوزير في مؤتمر صحفي إن الخطة تشمل قروضاً ميسّرة وتوزيع بذور محسّنة.</p>"
    "</article></body></html>";

Route html(std::string body) { return testing::ok_html(std::move(body)); }

using HttpClientTest = LoopbackTest;

TEST_F(HttpClientTest, ReturnsBodyStatusAndFinalResponseHeaders) {
  Route r = html(kArticleHtml);
  r.headers = {{"ETag", "\"a1b2c3\""},
               {"Last-Modified", "Tue, 14 Nov 2023 08:00:00 GMT"},
               {"Retry-After", "120"}};
  server_.route("/news/2023/11/14/farmers?ref=rss", r);

  ClientOptions options = loopback_options();
  options.user_agent = "akhbard-test/1.0 (+https://example.org/bot)";
  Response resp = fetch_one(get(url("/news/2023/11/14/farmers?ref=rss")), options);

  EXPECT_FALSE(resp.error) << resp.error->message;
  EXPECT_TRUE(resp.ok());
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, kArticleHtml);
  EXPECT_EQ(resp.bytes, static_cast<std::int64_t>(kArticleHtml.size()));
  EXPECT_EQ(resp.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(resp.etag, "\"a1b2c3\"");
  EXPECT_EQ(resp.last_modified, "Tue, 14 Nov 2023 08:00:00 GMT");
  EXPECT_EQ(resp.retry_after, "120");
  EXPECT_EQ(resp.url, url("/news/2023/11/14/farmers?ref=rss"));
  EXPECT_EQ(resp.effective_url, resp.url);
  EXPECT_EQ(resp.redirects, 0);

  auto log = server_.requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].target, "/news/2023/11/14/farmers?ref=rss");
  EXPECT_EQ(log[0].header("user-agent"), options.user_agent);
  EXPECT_NE(log[0].header("Accept-Encoding").find("gzip"), std::string::npos);
}

TEST_F(HttpClientTest, DecodesGzipEncodedBody) {
  Route r = html(gzip(kArticleHtml));
  r.headers = {{"Content-Encoding", "gzip"}, {"Vary", "Accept-Encoding"}};
  server_.route("/gz", r);

  Response resp = fetch_one(get(url("/gz")));
  ASSERT_FALSE(resp.error) << resp.error->message;
  EXPECT_EQ(resp.body, kArticleHtml);
  EXPECT_EQ(resp.bytes, static_cast<std::int64_t>(kArticleHtml.size()));
}

TEST_F(HttpClientTest, SendsValidatorsAndReportsNotModified) {
  Route r;
  r.status = 304;
  r.content_type.clear();
  r.headers = {{"ETag", "\"v7\""}};
  server_.route("/feed.xml", r);

  Request req = get(url("/feed.xml"));
  req.if_none_match = "\"v7\"";
  req.if_modified_since = "Tue, 14 Nov 2023 08:00:00 GMT";
  req.extra_headers = {"Accept: application/rss+xml, application/xml;q=0.9"};
  Response resp = fetch_one(req);

  EXPECT_FALSE(resp.error) << resp.error->message;
  EXPECT_EQ(resp.status, 304);
  EXPECT_FALSE(resp.ok());
  EXPECT_TRUE(resp.body.empty());
  EXPECT_EQ(resp.etag, "\"v7\"");
  auto log = server_.requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].header("If-None-Match"), "\"v7\"");
  EXPECT_EQ(log[0].header("If-Modified-Since"), "Tue, 14 Nov 2023 08:00:00 GMT");
  EXPECT_EQ(log[0].header("Accept"), "application/rss+xml, application/xml;q=0.9");
}

TEST_F(HttpClientTest, FollowsRedirectsAndKeepsOnlyTheFinalHeaders) {
  Route moved;
  moved.status = 301;
  moved.body = "moved";
  moved.headers = {{"Location", "/ar/news/farmers"}, {"ETag", "\"old\""}, {"Retry-After", "5"}};
  server_.route("/news?id=42", moved);
  Route final_page = html(kArticleHtml);
  final_page.headers = {{"ETag", "\"new\""}};
  server_.route("/ar/news/farmers", final_page);

  Response resp = fetch_one(get(url("/news?id=42")));
  ASSERT_FALSE(resp.error) << resp.error->message;
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.url, url("/news?id=42"));
  EXPECT_EQ(resp.effective_url, url("/ar/news/farmers"));
  EXPECT_EQ(resp.redirects, 1);
  EXPECT_EQ(resp.etag, "\"new\"");
  EXPECT_EQ(resp.retry_after, "") << "Retry-After belonged to the redirect, not the final response";
  EXPECT_EQ(resp.body, kArticleHtml);
}

TEST_F(HttpClientTest, RedirectLoopFailsAsInvalidInput) {
  Route a;
  a.status = 302;
  a.headers = {{"Location", "/b"}};
  Route b = a;
  b.headers = {{"Location", "/a"}};
  server_.route("/a", a);
  server_.route("/b", b);

  ClientOptions options = loopback_options();
  options.max_redirects = 3;
  Response resp = fetch_one(get(url("/a")), options);
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kInvalidInput);
  EXPECT_EQ(server_.request_count("/a") + server_.request_count("/b"), 4u);
}

TEST_F(HttpClientTest, RefusesRedirectToANonHttpScheme) {
  Route r;
  r.status = 302;
  r.headers = {{"Location", "file:///etc/passwd"}};
  server_.route("/evil", r);

  Response resp = fetch_one(get(url("/evil")));
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kInvalidInput);
}

TEST_F(HttpClientTest, BodyOverMaxBodyIsResourceExhausted) {
  server_.route("/big", html(std::string(10000, 'x')));
  ClientOptions options = loopback_options();
  options.max_body = 1000;
  Response resp = fetch_one(get(url("/big")), options);
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kResourceExhausted);
  EXPECT_EQ(resp.error->message, "fetch: body larger than max_body 1000");
  EXPECT_FALSE(resp.ok());
}

TEST_F(HttpClientTest, DecodedBodyOverMaxBodyIsCutInTheWriteCallback) {
  // 4 KB of gzip that inflates to 200 KB: Content-Length is under the cap, the decoded body is not.
  std::string plain;
  while (plain.size() < 200 * 1000) plain += kArticleHtml;
  Route r = html(gzip(plain));
  r.headers = {{"Content-Encoding", "gzip"}};
  ASSERT_LT(r.body.size(), 50'000u);
  server_.route("/bomb", r);

  ClientOptions options = loopback_options();
  options.max_body = 50'000;
  Response resp = fetch_one(get(url("/bomb")), options);
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kResourceExhausted);
  EXPECT_EQ(resp.error->message, "fetch: body larger than max_body 50000");
  EXPECT_LE(resp.body.size(), 50'000u);
}

TEST_F(HttpClientTest, SlowServerHitsTheTimeout) {
  Route r = html(kArticleHtml);
  r.delay_ms = 2000;
  server_.route("/slow", r);
  ClientOptions options = loopback_options();
  options.timeout = Millis(300);
  Response resp = fetch_one(get(url("/slow")), options);
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kDeadlineExceeded);
  EXPECT_TRUE(resp.error->retryable());
  EXPECT_EQ(resp.error->where, url("/slow"));
  EXPECT_NE(resp.error->message.find("imed out"), std::string::npos) << resp.error->message;
}

TEST_F(HttpClientTest, BodySentInSlowPiecesArrivesWhole) {
  Route r = html(kArticleHtml);
  r.fault = Fault::kSlowBody;
  r.delay_ms = 30;
  server_.route("/trickle", r);
  Response resp = fetch_one(get(url("/trickle")));
  ASSERT_FALSE(resp.error) << resp.error->message;
  EXPECT_EQ(resp.body, kArticleHtml);
}

TEST_F(HttpClientTest, RefusedConnectionIsUnavailable) {
  std::uint16_t port = 0;
  {
    // Bind a port, then close it: nothing listens there any more.
    boost::asio::ip::tcp::acceptor a(io_, {boost::asio::ip::address_v4::loopback(), 0});
    port = a.local_endpoint().port();
  }
  Response resp = fetch_one(get("http://127.0.0.1:" + std::to_string(port) + "/"));
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kUnavailable);
  EXPECT_EQ(resp.status, 0);
  EXPECT_NE(resp.error->message.find("fetch: "), std::string::npos);
}

TEST_F(HttpClientTest, ConnectionResetMidBodyIsARetryableError) {
  Route r = html(std::string(64 * 1024, 'y'));
  r.fault = Fault::kResetMidBody;
  server_.route("/reset", r);
  Response resp = fetch_one(get(url("/reset")));
  ASSERT_TRUE(resp.error);
  EXPECT_FALSE(resp.ok());
  EXPECT_TRUE(resp.error->code == Errc::kUnavailable || resp.error->code == Errc::kDataLoss)
      << errc_name(resp.error->code) << ": " << resp.error->message;
}

TEST_F(HttpClientTest, TruncatedBodyIsDataLoss) {
  Route r = html(kArticleHtml);
  r.fault = Fault::kTruncated;
  server_.route("/short", r);
  Response resp = fetch_one(get(url("/short")));
  ASSERT_TRUE(resp.error);
  EXPECT_EQ(resp.error->code, Errc::kDataLoss) << resp.error->message;
  EXPECT_EQ(resp.status, 200);
}

TEST_F(HttpClientTest, UnsupportedSchemeAndMalformedUrlAreInvalidInput) {
  for (const std::string bad : {"ftp://127.0.0.1/pub/feed.xml", "http://[::1"}) {
    Response resp = fetch_one(get(bad));
    ASSERT_TRUE(resp.error) << bad;
    EXPECT_EQ(resp.error->code, Errc::kInvalidInput) << bad << ": " << resp.error->message;
  }
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(HttpClientTest, ServerErrorIsAResponseNotATransportError) {
  Route unavailable = html("<h1>الخدمة غير متاحة مؤقتاً</h1>");
  unavailable.status = 503;
  unavailable.headers = {{"Retry-After", "30"}};
  server_.route_sequence("/flaky", {unavailable, html(kArticleHtml)});

  Response first = fetch_one(get(url("/flaky")));
  EXPECT_FALSE(first.error);
  EXPECT_EQ(first.status, 503);
  EXPECT_EQ(first.retry_after, "30");
  EXPECT_FALSE(first.ok());
  Response second = fetch_one(get(url("/flaky")));
  EXPECT_EQ(second.status, 200);
  EXPECT_TRUE(second.ok());
  EXPECT_EQ(server_.request_count("/flaky"), 2u);
}

TEST_F(HttpClientTest, TwentyRequestsWithFourInFlightAllComplete) {
  for (int i = 0; i < 20; ++i) {
    Route r = html(kArticleHtml + "<!-- " + std::to_string(i) + " -->");
    r.delay_ms = 5 * (i % 3);
    server_.route("/a/" + std::to_string(i), r);
  }
  ClientOptions options = loopback_options();
  options.max_in_flight = 4;
  HttpClient client(io_, options);
  std::vector<Response> done;
  std::size_t most_in_flight = 0;
  for (int i = 0; i < 20; ++i) {
    client.fetch(get(url("/a/" + std::to_string(i))), [&](Response r) {
      most_in_flight = std::max(most_in_flight, client.in_flight());
      done.push_back(std::move(r));
    });
  }
  EXPECT_EQ(client.in_flight(), 4u);
  EXPECT_EQ(client.queued(), 16u);
  run_until([&] { return done.size() == 20; });

  ASSERT_EQ(done.size(), 20u);
  EXPECT_LE(most_in_flight, 4u);
  EXPECT_EQ(client.in_flight(), 0u);
  EXPECT_EQ(client.queued(), 0u);
  std::set<std::string> urls;
  for (const auto& r : done) {
    EXPECT_TRUE(r.ok()) << r.url;
    EXPECT_EQ(r.body.substr(0, kArticleHtml.size()), kArticleHtml);
    urls.insert(r.url);
  }
  EXPECT_EQ(urls.size(), 20u);
  // Queued requests start in order: the last one queued starts only after 16 have completed, so
  // the four started at once all reached the server before it. (Among the first five arrivals the
  // order is a race between connections: /a/0 may finish and /a/4 arrive before /a/3.)
  auto log = server_.requests();
  ASSERT_EQ(log.size(), 20u);
  const auto position = [&](const std::string& target) {
    return std::find_if(log.begin(), log.end(), [&](const auto& r) { return r.target == target; }) - log.begin();
  };
  for (const char* first : {"/a/0", "/a/1", "/a/2", "/a/3"}) EXPECT_LT(position(first), position("/a/19")) << first;
}

TEST_F(HttpClientTest, ReusesTheConnectionForTheNextRequestToTheSameHost) {
  server_.route("/rss", html("<rss version=\"2.0\"><channel><title>أخبار</title></channel></rss>"));
  server_.route("/news/1", html(kArticleHtml));
  HttpClient client(io_, loopback_options());
  std::vector<Response> done;
  client.fetch(get(url("/rss")), [&](Response r) {
    done.push_back(std::move(r));
    client.fetch(get(url("/news/1")), [&](Response r2) { done.push_back(std::move(r2)); });
  });
  run_until([&] { return done.size() == 2; });
  ASSERT_EQ(done.size(), 2u);
  EXPECT_TRUE(done[0].ok() && done[1].ok());
  auto log = server_.requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].connection, log[1].connection) << "curl keeps the connection alive between transfers";
}

TEST_F(HttpClientTest, HandlerIsNeverCalledInsideFetch) {
  server_.route("/ok", html(kArticleHtml));
  ClientOptions options = loopback_options();
  options.max_in_flight = 1;
  HttpClient client(io_, options);
  int called = 0;
  client.fetch(get(url("/ok")), [&](Response) { ++called; });
  client.fetch(get("gopher://127.0.0.1/1"), [&](Response) { ++called; });  // fails inside curl
  client.fetch(get(url("/ok")), [&](Response) { ++called; });
  EXPECT_EQ(called, 0);
  run_until([&] { return called == 3; });
  EXPECT_EQ(called, 3);
}

TEST_F(HttpClientTest, DestroyingTheClientDropsUnfinishedHandlers) {
  Route r = html(kArticleHtml);
  r.delay_ms = 2000;
  server_.route("/slow", r);
  int called = 0;
  {
    HttpClient client(io_, loopback_options());
    client.fetch(get(url("/slow")), [&](Response) { ++called; });
    run_until([&] { return server_.request_count("/slow") == 1; });
    EXPECT_EQ(client.in_flight(), 1u);
  }
  // Whatever the client left queued in the io_context must now be a no-op.
  if (io_.stopped()) io_.restart();
  io_.run_for(kSafetyStop);
  EXPECT_EQ(called, 0);
  EXPECT_EQ(server_.request_count("/slow"), 1u);
}

}  // namespace
}  // namespace akhbar::fetchers
