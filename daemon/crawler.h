// daemon/crawler.h: the wiring of one crawl. The I/O thread runs the io_context: the HTTP client,
// the per-host frontier (politeness) and the source timers. Bodies go to a small worker pool for
// parsing (page_processor.h); results come back to the I/O thread; the store's writer thread
// persists them. Nothing blocks the I/O thread.
//
// --once: every configured source is fetched once, what it leads to is followed, the frontier is
// drained (politely), then run() returns. Otherwise sources are fetched again on their interval
// until request_stop() (SIGTERM/SIGINT), which lets transfers in flight finish and flushes the store.
#pragma once
#include <memory>

#include <spdlog/logger.h>

#include "config/config.h"
#include "store/store.h"

namespace akhbar::daemon {

struct CrawlOptions {
  bool once = false;
  int workers = 2;           // parsing threads
  Millis stats_every{60000}; // periodic stats line (daemon mode)
  const Clock* clock = &akhbar::system_clock();  // every time the crawl reads
};

struct CrawlSummary {
  std::size_t fetched = 0;
  std::size_t failed = 0;
  std::size_t articles = 0;
  std::size_t duplicates = 0;
  std::size_t no_article = 0;
  std::size_t discovered = 0;
  Millis elapsed{0};
};

class Crawler {
 public:
  Crawler(const config::Config& config, store::Store& store, spdlog::logger& log, CrawlOptions options);
  ~Crawler();
  Crawler(const Crawler&) = delete;
  Crawler& operator=(const Crawler&) = delete;

  // Runs on the calling thread (it becomes the I/O thread) until done or stopped.
  CrawlSummary run();
  // Thread-safe and async-signal-free: posts a stop to the I/O thread.
  void request_stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace akhbar::daemon
