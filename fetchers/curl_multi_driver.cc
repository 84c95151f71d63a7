#include "fetchers/curl_multi_driver.h"

#include <chrono>
#include <utility>

#include <boost/asio/error.hpp>

namespace akhbar::fetchers {

namespace {
int want_bit(bool read) { return read ? CURL_POLL_IN : CURL_POLL_OUT; }
}  // namespace

CurlMultiDriver::CurlMultiDriver(boost::asio::io_context& io, DoneFn on_done)
    : io_(io), on_done_(std::move(on_done)), timer_(io), multi_(nullptr) {
  if (!curl_api()) return;  // libcurl could not be loaded: valid() is false
  multi_.reset(curl().multi_init());
  if (!multi_) return;
  CURLMcode rc = curl().multi_setopt(multi_.get(), CURLMOPT_SOCKETFUNCTION, &CurlMultiDriver::socket_callback);
  if (rc == CURLM_OK) rc = curl().multi_setopt(multi_.get(), CURLMOPT_SOCKETDATA, this);
  if (rc == CURLM_OK) rc = curl().multi_setopt(multi_.get(), CURLMOPT_TIMERFUNCTION, &CurlMultiDriver::timer_callback);
  if (rc == CURLM_OK) rc = curl().multi_setopt(multi_.get(), CURLMOPT_TIMERDATA, this);
  if (rc != CURLM_OK) multi_.reset();
}

CurlMultiDriver::~CurlMultiDriver() {
  // The owner has removed its easy handles. curl_multi_cleanup may still call the socket callback
  // (to remove cached connections' sockets) and the timer callback: both still work here.
  multi_.reset();
  while (!watches_.empty()) forget(watches_.begin());
  boost::system::error_code ignored;
  timer_.cancel(ignored);
}

CURLMcode CurlMultiDriver::add(CURL* easy) {
  if (!multi_) return CURLM_BAD_HANDLE;
  return curl().multi_add_handle(multi_.get(), easy);
}

CURLMcode CurlMultiDriver::remove(CURL* easy) {
  if (!multi_) return CURLM_BAD_HANDLE;
  return curl().multi_remove_handle(multi_.get(), easy);
}

int CurlMultiDriver::socket_callback(CURL* /*easy*/, curl_socket_t fd, int what, void* userp,
                                     void* /*socketp*/) {
  return static_cast<CurlMultiDriver*>(userp)->on_socket(fd, what);
}

int CurlMultiDriver::timer_callback(CURLM* /*multi*/, long timeout_ms, void* userp) {
  static_cast<CurlMultiDriver*>(userp)->on_timer(timeout_ms);
  return 0;
}

// Called by libcurl (from socket_action, add/remove_handle or cleanup): only Asio work here.
int CurlMultiDriver::on_socket(curl_socket_t fd, int what) {
  auto it = watches_.find(fd);
  if (what == CURL_POLL_REMOVE) {
    if (it != watches_.end()) forget(it);
    return 0;
  }
  if (it == watches_.end()) {
    it = watches_.try_emplace(fd, io_, next_serial_++).first;
    boost::system::error_code ec;
    it->second.descriptor.assign(fd, ec);
    if (ec) {
      watches_.erase(it);
      return -1;
    }
  }
  Watch& watch = it->second;
  watch.wanted = what & (CURL_POLL_IN | CURL_POLL_OUT);
  // A wait already pending in a direction curl no longer wants is left alone: when it fires,
  // on_ready sees it is unwanted and does not call curl or re-arm.
  if ((watch.wanted & CURL_POLL_IN) && !watch.read_pending) arm(fd, watch, Direction::kRead);
  if ((watch.wanted & CURL_POLL_OUT) && !watch.write_pending) arm(fd, watch, Direction::kWrite);
  return 0;
}

// Called by libcurl: a new timeout replaces the old one; -1 deletes it. Never calls libcurl.
void CurlMultiDriver::on_timer(long timeout_ms) {
  boost::system::error_code ignored;
  timer_.cancel(ignored);
  if (timeout_ms < 0) return;
  // 0 ms is fine as is: Asio never runs a completion handler inside async_wait itself.
  timer_.expires_after(std::chrono::milliseconds(timeout_ms));
  timer_.async_wait([this, guard = std::weak_ptr<int>(lifetime_)](const boost::system::error_code& ec) {
    if (guard.expired() || ec == boost::asio::error::operation_aborted) return;
    on_timeout();
  });
}

void CurlMultiDriver::arm(curl_socket_t fd, Watch& watch, Direction direction) {
  const bool read = direction == Direction::kRead;
  (read ? watch.read_pending : watch.write_pending) = true;
  auto wait = read ? boost::asio::posix::stream_descriptor::wait_read
                   : boost::asio::posix::stream_descriptor::wait_write;
  watch.descriptor.async_wait(
      wait, [this, guard = std::weak_ptr<int>(lifetime_), fd, serial = watch.serial,
             direction](const boost::system::error_code& ec) {
        if (guard.expired()) return;
        on_ready(fd, serial, direction, ec);
      });
}

void CurlMultiDriver::on_ready(curl_socket_t fd, std::uint64_t serial, Direction direction,
                               const boost::system::error_code& ec) {
  // The Watch may be gone (CURL_POLL_REMOVE) or the fd number reused by a new socket.
  auto it = watches_.find(fd);
  if (it == watches_.end() || it->second.serial != serial) return;
  const bool read = direction == Direction::kRead;
  (read ? it->second.read_pending : it->second.write_pending) = false;
  if (ec == boost::asio::error::operation_aborted) return;
  if ((it->second.wanted & want_bit(read)) == 0) return;

  int events = read ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
  if (ec) events |= CURL_CSELECT_ERR;
  socket_action(fd, events);

  // socket_action may have removed this Watch or changed what curl wants: look it up again.
  it = watches_.find(fd);
  if (it == watches_.end() || it->second.serial != serial) return;
  Watch& watch = it->second;
  const bool pending = read ? watch.read_pending : watch.write_pending;
  if ((watch.wanted & want_bit(read)) && !pending) arm(fd, watch, direction);
}

void CurlMultiDriver::on_timeout() { socket_action(CURL_SOCKET_TIMEOUT, 0); }

void CurlMultiDriver::socket_action(curl_socket_t fd, int ev_bitmask) {
  if (!multi_) return;
  int running = 0;
  const CURLMcode rc = curl().multi_socket_action(multi_.get(), fd, ev_bitmask, &running);
  // CURLM_BAD_SOCKET: curl already forgot that fd (an event raced its removal); nothing to do.
  if (rc != CURLM_OK && rc != CURLM_BAD_SOCKET) last_error_ = rc;
  drain_done();
}

void CurlMultiDriver::drain_done() {
  for (;;) {
    int left = 0;
    CURLMsg* msg = curl().multi_info_read(multi_.get(), &left);
    if (msg == nullptr) break;
    if (msg->msg != CURLMSG_DONE) continue;
    // Copy out before on_done_ removes the handle (which frees the message).
    CURL* easy = msg->easy_handle;
    const CURLcode result = msg->data.result;
    on_done_(easy, result);
  }
}

void CurlMultiDriver::forget(std::unordered_map<curl_socket_t, Watch>::iterator it) {
  boost::system::error_code ignored;
  it->second.descriptor.cancel(ignored);
  (void)it->second.descriptor.release();  // curl owns the fd and closes it itself
  watches_.erase(it);
}

}  // namespace akhbar::fetchers
