// tests/support/test_http_server.h: a real HTTP/1.1 server on 127.0.0.1 (port 0, its own thread,
// Boost.Asio) for integration tests. Routes are exact paths (with query); each route can also inject
// a fault. Every request is logged with its arrival and completion times, so politeness is checked
// from the server's own log, never from sleeps in the test.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace akhbar::testing {

enum class Fault {
  kNone,
  kSlowBody,         // sends the body in small pieces with pauses (delay_ms between pieces)
  kResetMidBody,     // sends half the body, then closes the connection (RST)
  kTruncated,        // Content-Length larger than the body actually sent, then close
};

struct Route {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
  Fault fault = Fault::kNone;
  int delay_ms = 0;  // wait before answering (kSlowBody: between pieces)
};

struct LoggedRequest {
  std::string method;
  std::string target;  // path + query as received
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::steady_clock::time_point arrived;   // request head fully read
  std::chrono::steady_clock::time_point finished;  // last response bytes handed to the socket (or closed)
  int status = 0;
  std::uint64_t connection = 0;  // serial of the TCP connection: a repeat means keep-alive reuse
  std::string header(std::string_view name) const;  // case-insensitive, "" when absent
};

class TestHttpServer {
 public:
  TestHttpServer();  // binds 127.0.0.1:0 and starts serving on its own thread
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT"

  // Adds or replaces a route. Unknown paths answer 404 with a small HTML body.
  void route(const std::string& target, Route r);
  // A sequence: the n-th request to `target` gets responses[min(n, size-1)] (e.g. 503, 503, 200).
  void route_sequence(const std::string& target, std::vector<Route> responses);

  std::vector<LoggedRequest> requests() const;  // a copy, in arrival order
  std::size_t request_count(const std::string& target) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace akhbar::testing
