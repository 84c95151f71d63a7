#include "fetchers/http_client.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <deque>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <sys/socket.h>

#include "fetchers/address_guard.h"
#include "fetchers/curl_handles.h"
#include "fetchers/curl_multi_driver.h"
#include "util/ascii.h"

namespace akhbar::fetchers {

namespace {

// Only these schemes, for the first request and for every redirect (CURLOPT_*PROTOCOLS_STR).
constexpr const char* kProtocols = "http,https";

using ascii::trim;

using ascii::iequals;

// What the caller should do about a failed transfer (see util/result.h).
Errc errc_for(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return Errc::kDeadlineExceeded;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_QUIC_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
      return Errc::kUnavailable;
    case CURLE_PARTIAL_FILE:
    case CURLE_BAD_CONTENT_ENCODING:
      return Errc::kDataLoss;
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return Errc::kInvalidInput;
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_OUT_OF_MEMORY:
      return Errc::kResourceExhausted;
    case CURLE_FAILED_INIT:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_UNKNOWN_OPTION:
    case CURLE_NOT_BUILT_IN:
    case CURLE_ABORTED_BY_CALLBACK:
      return Errc::kInternal;
    default:
      return Errc::kUnavailable;  // other transport failures: worth a retry with backoff
  }
}

struct Pending {
  Request request;
  HttpClient::Handler done;
};

// One transfer: owns its easy handle and everything curl borrows from it (CURLOPT_PRIVATE).
struct Transfer {
  Request request;
  HttpClient::Handler done;
  CurlEasy easy;
  CurlSlist headers;
  Response response;
  std::size_t max_body = 0;
  bool body_too_large = false;
  std::size_t max_header_bytes = 0;
  std::size_t header_bytes = 0;  // every header line of every response in the chain
  bool headers_too_large = false;
  bool in_headers = false;  // between a status line and the blank line that ends its block
  bool allow_private_addresses = false;
  std::string refused;  // why the open-socket callback refused an address; "" when it did not
  std::array<char, CURL_ERROR_SIZE> error{};
};

// CURLOPT_HEADERFUNCTION: one call per header line, for every response in a redirect chain
// (and 1xx interim responses): a status line starts a new block, so the fields describe the final
// response only.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  const std::size_t n = size * count;
  t->header_bytes += n;
  if (t->header_bytes > t->max_header_bytes) {
    t->headers_too_large = true;
    return 0;  // curl aborts with CURLE_WRITE_ERROR
  }
  std::string_view line(data, n);
  if (line == "\r\n" || line == "\n") {
    t->in_headers = false;
    return n;
  }
  if (line.substr(0, 5) == "HTTP/") {
    t->in_headers = true;
    t->response.content_type.clear();
    t->response.etag.clear();
    t->response.last_modified.clear();
    t->response.retry_after.clear();
    t->response.cache_control.clear();
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string_view name = trim(line.substr(0, colon));
  const std::string value(trim(line.substr(colon + 1)));
  if (iequals(name, "Content-Type")) {
    t->response.content_type = value;
  } else if (iequals(name, "ETag")) {
    t->response.etag = value;
  } else if (iequals(name, "Last-Modified")) {
    t->response.last_modified = value;
  } else if (iequals(name, "Retry-After")) {
    t->response.retry_after = value;
  } else if (iequals(name, "Cache-Control")) {
    if (!t->response.cache_control.empty()) t->response.cache_control += ", ";  // several lines are one list
    t->response.cache_control += value;
  }
  return n;
}

// CURLOPT_WRITEFUNCTION: the decoded body. A short count makes curl fail with CURLE_WRITE_ERROR;
// that is how max_body is enforced (CURLOPT_MAXFILESIZE only sees Content-Length in curl 7.88).
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  const std::size_t n = size * count;
  if (t->response.body.size() + n > t->max_body) {
    t->body_too_large = true;
    return 0;
  }
  t->response.body.append(data, n);
  return n;
}

// CURLOPT_OPENSOCKETFUNCTION: runs for every connection curl opens (each redirect hop, each Happy
// Eyeballs attempt), with the address already resolved, so the SSRF guard sees what will really be
// dialled. Allowed: creates the socket as curl would (curl then reports it to the driver's socket
// callback as usual). Refused: CURL_SOCKET_BAD, which curl reports as CURLE_COULDNT_CONNECT.
curl_socket_t on_open_socket(void* clientp, curlsocktype /*purpose*/, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(clientp);
  if (!t->allow_private_addresses) {
    const AddressClass c = classify_address(&address->addr);
    if (c != AddressClass::kPublic) {
      t->refused = "fetch: refusing to connect to " + address_to_string(&address->addr) + " (" +
                   address_class_name(c) + " address): allow_private_addresses is false";
      return CURL_SOCKET_BAD;
    }
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// Sets every option of one transfer; the first failing curl_easy_setopt/slist call stops it.
CURLcode configure(Transfer& t, const ClientOptions& options) {
  CURL* easy = t.easy.get();
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl().easy_setopt(easy, option, value);
  };
  set(CURLOPT_URL, t.request.url.c_str());
  set(CURLOPT_PRIVATE, static_cast<void*>(&t));
  set(CURLOPT_ERRORBUFFER, t.error.data());
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_HTTPGET, 1L);
  set(CURLOPT_FOLLOWLOCATION, t.request.follow_redirects ? 1L : 0L);
  set(CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  set(CURLOPT_ACCEPT_ENCODING, "");  // every decoder built in: gzip, deflate, br, zstd
  set(CURLOPT_USERAGENT, options.user_agent.c_str());
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  set(CURLOPT_PROTOCOLS_STR, kProtocols);
  set(CURLOPT_REDIR_PROTOCOLS_STR, kProtocols);
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body));  // early stop on Content-Length
  set(CURLOPT_HEADERFUNCTION, &on_header);
  set(CURLOPT_HEADERDATA, static_cast<void*>(&t));
  set(CURLOPT_WRITEFUNCTION, &on_body);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&t));
  set(CURLOPT_OPENSOCKETFUNCTION, &on_open_socket);
  set(CURLOPT_OPENSOCKETDATA, static_cast<void*>(&t));
  if (rc != CURLE_OK) return rc;

  std::vector<std::string> lines;
  if (!t.request.if_none_match.empty()) lines.push_back("If-None-Match: " + t.request.if_none_match);
  if (!t.request.if_modified_since.empty()) lines.push_back("If-Modified-Since: " + t.request.if_modified_since);
  for (const auto& h : t.request.extra_headers) lines.push_back(h);
  for (const auto& line : lines) {
    if (has_line_break(line)) continue;  // a stored validator must not inject headers
    curl_slist* next = curl().slist_append(t.headers.get(), line.c_str());
    if (next == nullptr) return CURLE_OUT_OF_MEMORY;
    (void)t.headers.release();  // `next` is the same list, now one longer
    t.headers.reset(next);
  }
  if (t.headers) set(CURLOPT_HTTPHEADER, t.headers.get());
  return rc;
}

std::string curl_message(CURLcode code, const char* error_buffer) {
  std::string message = "fetch: ";
  message += curl().easy_strerror(code);
  if (error_buffer != nullptr && error_buffer[0] != '\0') {
    message += ": ";
    message += trim(error_buffer);
  }
  return message;
}

}  // namespace

struct HttpClient::Impl {
  Impl(boost::asio::io_context& io_context, ClientOptions opts)
      : io(io_context),
        options(std::move(opts)),
        driver(io_context, [this](CURL* easy, CURLcode result) { on_done(easy, result); }) {}

  ~Impl() {
    // STYLE.md driver rule 7: remove every easy handle, then curl_multi_cleanup (the driver's
    // destructor), then the easy handles themselves (`active`, destroyed after `driver`).
    for (auto& entry : active) (void)driver.remove(entry.second->easy.get());
  }

  void fetch(Request request, Handler done) {
    pending.push_back(Pending{std::move(request), std::move(done)});
    pump();
  }

  // Starts queued requests, oldest first, while there is room.
  void pump() {
    const std::size_t limit = static_cast<std::size_t>(std::max(1, options.max_in_flight));
    while (!pending.empty() && active.size() < limit) {
      Pending next = std::move(pending.front());
      pending.pop_front();
      start(std::move(next));
    }
  }

  void start(Pending p) {
    auto t = std::make_unique<Transfer>();
    t->request = std::move(p.request);
    t->done = std::move(p.done);
    t->max_body = options.max_body;
    t->max_header_bytes = options.max_header_bytes;
    t->allow_private_addresses = options.allow_private_addresses;
    t->response.url = t->request.url;
    t->response.started_at = options.clock->now();
    if (const auto& api = curl_api(); !api) {
      fail_now(std::move(t), api.error().code, api.error().message);
      return;
    }
    t->easy.reset(curl().easy_init());
    if (!t->easy) {
      fail_now(std::move(t), Errc::kInternal, "fetch: curl_easy_init failed");
      return;
    }
    if (const CURLcode rc = configure(*t, options); rc != CURLE_OK) {
      fail_now(std::move(t), errc_for(rc), curl_message(rc, t->error.data()));
      return;
    }
    if (!driver.valid()) {
      fail_now(std::move(t), Errc::kInternal, "fetch: curl_multi_init failed");
      return;
    }
    if (const CURLMcode rc = driver.add(t->easy.get()); rc != CURLM_OK) {
      fail_now(std::move(t), Errc::kInternal,
               std::string("fetch: curl_multi_add_handle: ") + curl().multi_strerror(rc));
      return;
    }
    Transfer* key = t.get();
    active.emplace(key, std::move(t));
  }

  void fail_now(std::unique_ptr<Transfer> t, Errc code, std::string message) {
    t->response.error = Error{code, std::move(message), t->request.url};
    deliver(std::move(t->done), std::move(t->response));
  }

  // From the driver's drain of curl_multi_info_read (never from inside a curl callback).
  void on_done(CURL* easy, CURLcode result) {
    char* priv = nullptr;
    const CURLcode info_rc = curl().easy_getinfo(easy, CURLINFO_PRIVATE, &priv);
    auto it = active.find(reinterpret_cast<Transfer*>(priv));
    if (info_rc != CURLE_OK || it == active.end()) {
      (void)driver.remove(easy);  // not ours: stop it anyway so the message does not repeat
      return;
    }
    std::unique_ptr<Transfer> t = std::move(it->second);
    active.erase(it);

    Response& r = t->response;
    long status = 0;
    if (curl().easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK) r.status = static_cast<int>(status);
    char* effective = nullptr;
    if (curl().easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective != nullptr) {
      r.effective_url = effective;
    } else {
      r.effective_url = r.url;
    }
    long redirects = 0;
    if (curl().easy_getinfo(easy, CURLINFO_REDIRECT_COUNT, &redirects) == CURLE_OK) {
      r.redirects = static_cast<int>(redirects);
    }
    curl_off_t total_us = 0;
    if (curl().easy_getinfo(easy, CURLINFO_TOTAL_TIME_T, &total_us) == CURLE_OK) {
      r.elapsed = std::chrono::duration_cast<Millis>(std::chrono::microseconds(total_us));
    }
    if (!t->request.follow_redirects && r.status >= 300 && r.status <= 399) {
      char* location = nullptr;  // absolute, resolved against the effective URL by curl
      if (curl().easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) {
        r.location = location;
      }
    }
    (void)driver.remove(easy);

    r.bytes = static_cast<std::int64_t>(r.body.size());
    if (result != CURLE_OK) {
      if (result == CURLE_COULDNT_CONNECT && !t->refused.empty()) {  // every address refused
        r.error = Error{Errc::kPermissionDenied, t->refused, r.url};
      } else if (result == CURLE_WRITE_ERROR && t->headers_too_large) {
        r.error = Error{Errc::kResourceExhausted,
                        "fetch: response headers larger than " + std::to_string(t->max_header_bytes) + " bytes",
                        r.url};
      } else if (result == CURLE_OUT_OF_MEMORY && t->in_headers) {
        // curl 7.88 refuses one header line over CURL_MAX_HTTP_HEADER (100 KiB) this way, before
        // our header callback sees it.
        r.error = Error{Errc::kResourceExhausted,
                        "fetch: response header line longer than curl's 100 KiB limit", r.url};
      } else if (result == CURLE_TOO_MANY_REDIRECTS) {
        r.error = Error{Errc::kInvalidInput,
                        "fetch: too many redirects (" + std::to_string(options.max_redirects) + "), a redirect loop?",
                        r.url};
      } else if ((result == CURLE_WRITE_ERROR && t->body_too_large) || result == CURLE_FILESIZE_EXCEEDED) {
        r.error = Error{Errc::kResourceExhausted,
                        "fetch: body larger than max_body " + std::to_string(t->max_body), r.url};
      } else {
        r.error = Error{errc_for(result), curl_message(result, t->error.data()), r.url};
      }
    }
    deliver(std::move(t->done), std::move(r));
    pump();
  }

  // Completions always go through the io_context, so no handler runs inside fetch() or inside
  // the driver; once the client is gone, undelivered completions are dropped.
  void deliver(Handler done, Response response) {
    boost::asio::post(io, [guard = std::weak_ptr<int>(lifetime), done = std::move(done),
                           response = std::move(response)]() mutable {
      if (guard.expired() || !done) return;
      done(std::move(response));
    });
  }

  boost::asio::io_context& io;
  ClientOptions options;
  std::shared_ptr<int> lifetime = std::make_shared<int>(0);
  std::deque<Pending> pending;
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> active;
  CurlMultiDriver driver;  // declared last: destroyed (curl_multi_cleanup) before the transfers
};

HttpClient::HttpClient(boost::asio::io_context& io, ClientOptions options)
    : impl_(std::make_unique<Impl>(io, std::move(options))) {}

HttpClient::~HttpClient() = default;

void HttpClient::fetch(Request request, Handler done) { impl_->fetch(std::move(request), std::move(done)); }

std::size_t HttpClient::in_flight() const { return impl_->active.size(); }

std::size_t HttpClient::queued() const { return impl_->pending.size(); }

Result<void> global_init() {
  const auto& api = curl_api();
  if (!api) return tl::make_unexpected(api.error());
  return {};
}

}  // namespace akhbar::fetchers
