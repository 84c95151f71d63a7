// tests/fetchers/loopback_fixture.h: the fixture HttpClient tests share: one io_context, one
// loopback TestHttpServer, and a run loop that stops on an event (a deadline is a safety stop only).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "fetchers/http_client.h"
#include "tests/support/fault_routes.h"
#include "tests/support/test_http_server.h"

namespace akhbar::fetchers {

// Far above anything a passing test needs; it only stops a broken test from hanging.
inline constexpr auto kSafetyStop = std::chrono::seconds(20);

// The test server is 127.0.0.1, which the default options refuse: every test that means to reach
// it says so.
inline ClientOptions loopback_options() {
  ClientOptions o;
  o.allow_private_addresses = true;
  return o;
}

inline Request get(std::string url) {
  Request r;
  r.url = std::move(url);
  return r;
}

class LoopbackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto curl = global_init();
    ASSERT_TRUE(curl) << curl.error().message;
  }

  // Runs the io_context until `done()` holds or the safety stop passes.
  template <class Pred>
  void run_until(Pred done) {
    const auto deadline = std::chrono::steady_clock::now() + kSafetyStop;
    if (io_.stopped()) io_.restart();  // an earlier run ran out of work
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      if (io_.run_one_until(deadline) == 0) break;
    }
  }

  Response fetch_one(Request request, ClientOptions options = loopback_options()) {
    HttpClient client(io_, options);
    std::optional<Response> got;
    client.fetch(std::move(request), [&](Response r) { got = std::move(r); });
    run_until([&] { return got.has_value(); });
    EXPECT_TRUE(got) << "no response before the safety stop";
    return got ? std::move(*got) : Response{};
  }

  std::string url(const std::string& target) const { return server_.base_url() + target; }

  boost::asio::io_context io_;
  testing::TestHttpServer server_;
};

}  // namespace akhbar::fetchers
