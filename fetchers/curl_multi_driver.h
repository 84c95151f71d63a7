// fetchers/curl_multi_driver.h (private to fetchers/): libcurl's multi_socket API driven by one
// Boost.Asio io_context, as STYLE.md "Driving libcurl from Asio" lays out:
//  - CURLMOPT_SOCKETFUNCTION keeps one Watch per fd curl names (its transfers' sockets and its
//    internal ones alike): a posix::stream_descriptor that borrows the fd (released, never closed),
//    the directions curl wants, and whether a wait is pending in each direction.
//  - Wait handlers capture `this`, the fd and the Watch's serial number, never a Watch pointer; they
//    look the fd up again, call curl_multi_socket_action, then re-arm while curl still wants it.
//  - CURLMOPT_TIMERFUNCTION drives one steady_timer. Neither callback calls libcurl: the work runs
//    later, from the timer's or the descriptor's completion handler.
//  - After every socket_action, finished transfers are drained from curl_multi_info_read and handed
//    to the `on_done` callback, which must remove the easy handle (remove()) before returning.
// Not thread-safe: every member function runs on the io_context's thread. Destroying the driver
// calls curl_multi_cleanup; the owner must remove its easy handles first.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include "fetchers/curl_handles.h"

namespace akhbar::fetchers {

class CurlMultiDriver {
 public:
  // Called on the io thread for each CURLMSG_DONE, with the easy handle (borrowed for the call)
  // and its result. It must call remove(easy) and may add() new transfers.
  using DoneFn = std::function<void(CURL* easy, CURLcode result)>;

  // Creates the multi handle; valid() is false when libcurl could not be loaded (curl_api.h) or
  // curl_multi_init failed.
  CurlMultiDriver(boost::asio::io_context& io, DoneFn on_done);
  ~CurlMultiDriver();
  CurlMultiDriver(const CurlMultiDriver&) = delete;
  CurlMultiDriver& operator=(const CurlMultiDriver&) = delete;

  bool valid() const { return multi_ != nullptr; }

  // curl_multi_add_handle: the transfer starts from the timer curl sets (never inline).
  CURLMcode add(CURL* easy);
  // curl_multi_remove_handle: stops the transfer; no DONE message follows.
  CURLMcode remove(CURL* easy);

  std::size_t watched_sockets() const { return watches_.size(); }
  // The last unexpected CURLMcode from curl_multi_socket_action (CURLM_OK when none).
  CURLMcode last_error() const { return last_error_; }

 private:
  enum class Direction { kRead, kWrite };

  struct Watch {
    explicit Watch(boost::asio::io_context& io, std::uint64_t serial) : descriptor(io), serial(serial) {}
    boost::asio::posix::stream_descriptor descriptor;  // borrows curl's fd: release(), never close()
    std::uint64_t serial;                              // tells a reused fd number from the old one
    int wanted = 0;                                    // CURL_POLL_IN / CURL_POLL_OUT bits
    bool read_pending = false;
    bool write_pending = false;
  };

  static int socket_callback(CURL* easy, curl_socket_t fd, int what, void* userp, void* socketp);
  static int timer_callback(CURLM* multi, long timeout_ms, void* userp);

  int on_socket(curl_socket_t fd, int what);
  void on_timer(long timeout_ms);
  void arm(curl_socket_t fd, Watch& watch, Direction direction);
  void on_ready(curl_socket_t fd, std::uint64_t serial, Direction direction,
                const boost::system::error_code& ec);
  void on_timeout();
  void socket_action(curl_socket_t fd, int ev_bitmask);
  void drain_done();
  void forget(std::unordered_map<curl_socket_t, Watch>::iterator it);

  boost::asio::io_context& io_;
  DoneFn on_done_;
  boost::asio::steady_timer timer_;
  std::unordered_map<curl_socket_t, Watch> watches_;
  std::uint64_t next_serial_ = 1;
  CURLMcode last_error_ = CURLM_OK;
  // Handlers hold a weak_ptr to this: one that was already queued when the driver died returns
  // without touching it.
  std::shared_ptr<int> lifetime_ = std::make_shared<int>(0);
  CurlMulti multi_;
};

}  // namespace akhbar::fetchers
