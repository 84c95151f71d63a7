#include "tests/support/test_http_server.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>

#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace akhbar::testing {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// kSlowBody sends the body in this many pieces, delay_ms apart.
constexpr std::size_t kSlowPieces = 4;
// kTruncated announces this many bytes more than it sends.
constexpr std::size_t kTruncatedMissing = 100;
// A request head larger than this is refused (the connection is closed).
constexpr std::size_t kMaxHead = 64 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string_view reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

bool has_body(int status, const std::string& method) {
  return method != "HEAD" && status != 204 && status != 304 && (status < 100 || status >= 200);
}

}  // namespace

std::string LoggedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

struct TestHttpServer::Impl {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
  tcp::acceptor acceptor{io};
  std::thread thread;
  std::uint16_t port = 0;
  std::uint64_t next_connection = 1;  // server thread only

  mutable std::mutex mu;  // guards everything below
  std::map<std::string, std::vector<Route>> routes;
  std::map<std::string, std::size_t> hits;
  std::vector<LoggedRequest> log;

  void accept();

  // The route for the next request to `target`, and its index in the log.
  std::pair<Route, std::size_t> arrive(LoggedRequest request) {
    std::lock_guard lock(mu);
    Route r;
    auto it = routes.find(request.target);
    const std::size_t n = hits[request.target]++;
    if (it == routes.end() || it->second.empty()) {
      r.status = 404;
      r.body = "<!doctype html><html lang=\"ar\"><body><h1>الصفحة غير موجودة</h1></body></html>";
    } else {
      r = it->second[std::min(n, it->second.size() - 1)];
    }
    request.status = r.status;
    log.push_back(std::move(request));
    return {std::move(r), log.size() - 1};
  }

  void finished(std::size_t index) {
    std::lock_guard lock(mu);
    if (index < log.size()) log[index].finished = Clock::now();
  }
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(TestHttpServer::Impl& server, tcp::socket socket, std::uint64_t connection)
      : server_(server), socket_(std::move(socket)), timer_(server.io), connection_(connection) {}

  void read_head() {
    asio::async_read_until(socket_, in_, "\r\n\r\n",
                           [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                             self->on_head(ec, n);
                           });
  }

 private:
  void on_head(const boost::system::error_code& ec, std::size_t n) {
    if (ec || n > kMaxHead) return close();
    std::string head(asio::buffers_begin(in_.data()), asio::buffers_begin(in_.data()) + static_cast<std::ptrdiff_t>(n));
    in_.consume(n);

    LoggedRequest request;
    request.arrived = Clock::now();
    request.connection = connection_;
    std::string_view rest(head);
    const auto eol = rest.find("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    const auto sp1 = line.find(' ');
    const auto sp2 = line.rfind(' ');
    if (sp1 == std::string_view::npos || sp2 == sp1) return close();
    request.method = std::string(line.substr(0, sp1));
    request.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
    const std::string_view version = line.substr(sp2 + 1);

    std::size_t content_length = 0;
    keep_alive_ = version == "HTTP/1.1";
    while (!rest.empty()) {
      const auto end = rest.find("\r\n");
      const std::string_view header = rest.substr(0, end);
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);
      const auto colon = header.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name(trim(header.substr(0, colon)));
      std::string value(trim(header.substr(colon + 1)));
      if (iequals(name, "Connection")) keep_alive_ = !iequals(value, "close") && (keep_alive_ || iequals(value, "keep-alive"));
      if (iequals(name, "Content-Length")) std::from_chars(value.data(), value.data() + value.size(), content_length);
      request.headers.emplace_back(std::move(name), std::move(value));
    }
    method_ = request.method;
    auto [route, index] = server_.arrive(std::move(request));
    route_ = std::move(route);
    log_index_ = index;

    // Discard a request body, if any, before answering.
    if (content_length > in_.size()) {
      asio::async_read(socket_, in_, asio::transfer_exactly(content_length - in_.size()),
                       [self = shared_from_this(), content_length](const boost::system::error_code& ec, std::size_t) {
                         if (ec) return self->close();
                         self->in_.consume(content_length);
                         self->answer();
                       });
      return;
    }
    in_.consume(content_length);
    answer();
  }

  void answer() {
    if (route_.delay_ms > 0 && route_.fault != Fault::kSlowBody) {
      timer_.expires_after(std::chrono::milliseconds(route_.delay_ms));
      timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec) return self->close();
        self->respond();
      });
      return;
    }
    respond();
  }

  std::string head(std::size_t content_length, bool with_length) const {
    std::string h = "HTTP/1.1 " + std::to_string(route_.status) + " " + std::string(reason(route_.status)) + "\r\n";
    if (!route_.content_type.empty()) h += "Content-Type: " + route_.content_type + "\r\n";
    if (with_length) h += "Content-Length: " + std::to_string(content_length) + "\r\n";
    for (const auto& [name, value] : route_.headers) h += name + ": " + value + "\r\n";
    h += keep_alive_ && route_.fault == Fault::kNone ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    h += "\r\n";
    return h;
  }

  // `finished` is stamped when the last bytes are handed to the socket, before the write completes:
  // the client cannot have the whole response earlier, so a gap measured from this stamp never
  // overstates the client's politeness. (Stamped in the completion handler instead, it can land
  // after the client has already read the response, by a millisecond or so.)
  void respond() {
    const bool body = has_body(route_.status, method_);
    const std::string& b = route_.body;
    switch (route_.fault) {
      case Fault::kNone:
        out_ = head(b.size(), body) + (body ? b : std::string());
        mark_finished();
        return write(out_, [](Session& s) { s.done_keep_alive(); });
      case Fault::kSlowBody:
        out_ = head(b.size(), true);
        piece_ = 0;
        return write(out_, [](Session& s) { s.next_piece(); });
      case Fault::kResetMidBody:
        out_ = head(b.size(), true) + b.substr(0, b.size() / 2);
        mark_finished();
        return write(out_, [](Session& s) { s.reset(); });
      case Fault::kTruncated:
        out_ = head(b.size() + kTruncatedMissing, true) + b;
        mark_finished();
        return write(out_, [](Session& s) { s.close(); });
    }
  }

  template <class Next>
  void write(const std::string& data, Next next) {
    asio::async_write(socket_, asio::buffer(data),
                      [self = shared_from_this(), next](const boost::system::error_code& ec, std::size_t) {
                        if (ec) return self->close();
                        next(*self);
                      });
  }

  void next_piece() {
    const std::string& b = route_.body;
    const std::size_t size = (b.size() + kSlowPieces - 1) / kSlowPieces;
    if (piece_ * size >= b.size()) return done(false);
    timer_.expires_after(std::chrono::milliseconds(route_.delay_ms));
    timer_.async_wait([self = shared_from_this(), size](const boost::system::error_code& ec) {
      if (ec) return self->close();
      self->out_ = self->route_.body.substr(self->piece_ * size, size);
      ++self->piece_;
      if (self->piece_ * size >= self->route_.body.size()) self->mark_finished();  // the last piece
      self->write(self->out_, [](Session& s) { s.next_piece(); });
    });
  }

  void done_keep_alive() { done(keep_alive_); }

  void done(bool keep_open) {
    mark_finished();
    if (keep_open) return read_head();
    close();
  }

  // Abortive close: SO_LINGER with a zero timeout makes close() send RST.
  void reset() {
    boost::system::error_code ignored;
    socket_.set_option(tcp::socket::linger(true, 0), ignored);
    socket_.close(ignored);
    mark_finished();
  }

  void close() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    mark_finished();
  }

  // Stamps the current request's completion time once.
  void mark_finished() {
    if (log_index_ != kNoRequest) server_.finished(log_index_);
    log_index_ = kNoRequest;
  }

  static constexpr std::size_t kNoRequest = static_cast<std::size_t>(-1);
  TestHttpServer::Impl& server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  asio::streambuf in_;
  std::string out_;
  std::string method_;
  Route route_;
  std::size_t log_index_ = kNoRequest;
  std::size_t piece_ = 0;
  std::uint64_t connection_;
  bool keep_alive_ = true;
};

}  // namespace

void TestHttpServer::Impl::accept() {
  acceptor.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) std::make_shared<Session>(*this, std::move(socket), next_connection++)->read_head();
    accept();
  });
}

TestHttpServer::TestHttpServer() : impl_(std::make_unique<Impl>()) {
  boost::system::error_code ec;
  const tcp::endpoint endpoint(asio::ip::address_v4::loopback(), 0);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  tcp::endpoint bound;
  if (!ec) bound = impl_->acceptor.local_endpoint(ec);
  if (ec) {
    std::fprintf(stderr, "TestHttpServer: cannot listen on 127.0.0.1: %s\n", ec.message().c_str());
    std::abort();
  }
  impl_->port = bound.port();
  impl_->accept();
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

TestHttpServer::~TestHttpServer() {
  impl_->io.stop();
  impl_->thread.join();
}

std::uint16_t TestHttpServer::port() const { return impl_->port; }

std::string TestHttpServer::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

void TestHttpServer::route(const std::string& target, Route r) { route_sequence(target, {std::move(r)}); }

void TestHttpServer::route_sequence(const std::string& target, std::vector<Route> responses) {
  std::lock_guard lock(impl_->mu);
  impl_->routes[target] = std::move(responses);
}

std::vector<LoggedRequest> TestHttpServer::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->log;
}

std::size_t TestHttpServer::request_count(const std::string& target) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->hits.find(target);
  return it == impl_->hits.end() ? 0 : it->second;
}

}  // namespace akhbar::testing
