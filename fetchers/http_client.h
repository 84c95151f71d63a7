// fetchers/http_client.h: HTTP(S) transfers on libcurl's multi_socket interface, driven by one
// Boost.Asio io_context (socket watches and one timer; no polling, no thread per request).
// Not thread-safe: construct, call fetch() and destroy on the io_context's thread; completion
// handlers run on that thread too. Politeness is not decided here (see host_frontier.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/clock.h"
#include "util/result.h"

namespace boost::asio {
class io_context;
}

namespace akhbar::fetchers {

struct ClientOptions {
  const Clock* clock = &akhbar::system_clock();  // a response's started_at
  std::string user_agent = "akhbard/1.0";
  Millis timeout{30000};
  Millis connect_timeout{10000};
  std::size_t max_body = 15 * 1000 * 1000;  // enforced in the write callback (curl 7.88)
  int max_redirects = 5;
  int max_in_flight = 32;  // transfers at once; further fetch() calls wait in order
  // Sum of all response header lines of one transfer (redirect hops included); larger aborts with
  // kResourceExhausted "fetch: response headers larger than N bytes". One line over curl's own
  // 100 KiB limit also fails with kResourceExhausted, whatever this is.
  std::size_t max_header_bytes = 256 * 1024;
  // false: connecting to loopback/private/link-local/multicast/reserved addresses is refused with
  // kPermissionDenied (checked on the resolved address of every connection, redirects included).
  bool allow_private_addresses = false;
};

struct Request {
  std::string url;
  std::string if_none_match;      // ETag of the stored copy (conditional GET)
  std::string if_modified_since;  // Last-Modified of the stored copy
  std::vector<std::string> extra_headers;  // "Name: value"
  // false: a 3xx is returned as it is, with Response::location set, so the caller can send the next
  // hop through its own politeness queue. true: curl follows up to max_redirects hops.
  bool follow_redirects = true;
};

struct Response {
  std::string url;            // as requested
  std::string effective_url;  // after redirects
  int status = 0;             // 0 when there was no HTTP response
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string retry_after;
  std::string cache_control;  // every Cache-Control line, joined by ", "
  std::string location;       // absolute redirect target of a 3xx not followed; "" otherwise
  std::string body;           // decoded (gzip/deflate/br), at most max_body bytes
  std::int64_t bytes = 0;     // body size
  Millis elapsed{0};
  WallTime started_at{};
  int redirects = 0;
  // Set when the transfer failed (no status) or was cut short: kDeadlineExceeded (timeout),
  // kUnavailable (connect/reset/DNS), kResourceExhausted (max_body), kDataLoss (truncated),
  // kInvalidInput (bad URL / unsupported scheme), kNotFound (too many redirects is kInvalidInput).
  // A refused address (allow_private_addresses false) is kPermissionDenied, status 0, message
  // "fetch: refusing to connect to 10.0.0.5 (private address): allow_private_addresses is false";
  // header limits are kResourceExhausted; a redirect loop is kInvalidInput
  // "fetch: too many redirects (N), a redirect loop?".
  std::optional<Error> error;
  bool ok() const { return !error && status >= 200 && status < 300; }
};

class HttpClient {
 public:
  HttpClient(boost::asio::io_context& io, ClientOptions options);
  // Aborts transfers still running and drops completions not yet delivered: those handlers are
  // never called. Must run on the io thread; the io_context must outlive the client.
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  using Handler = std::function<void(Response)>;
  // Starts (or queues, beyond max_in_flight) a GET. `done` runs exactly once on the io thread,
  // never from inside fetch() itself.
  void fetch(Request request, Handler done);

  std::size_t in_flight() const;
  std::size_t queued() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Loads libcurl and runs curl_global_init, once (see curl_api.h). main() calls it before any thread
// starts; only the commands that fetch do. Fails with kInternal, naming the library and the
// loader's reason, when libcurl.so.4 is missing or lacks a function; fetch() then completes every
// request with that error.
Result<void> global_init();

}  // namespace akhbar::fetchers
