// tests/daemon/crawl_support.h: one `run --once` crawl in-process, for the integration tests.
#pragma once
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include "config/config.h"
#include "daemon/crawler.h"
#include "store/store.h"

namespace akhbar::testing {

// Crawls `cfg` once into its store and returns the log lines it wrote (without timestamps).
inline std::string crawl_once(const config::Config& cfg) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger log("test", sink);
  log.set_pattern("%v");
  auto store = store::Store::open(cfg.daemon.store);
  EXPECT_TRUE(store) << (store ? "" : store.error().str());
  if (!store) return {};
  daemon::CrawlOptions options;
  options.once = true;
  daemon::Crawler crawler(cfg, **store, log, options);
  crawler.run();
  return out.str();
}

}  // namespace akhbar::testing
