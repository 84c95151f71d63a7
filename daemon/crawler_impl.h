// daemon/crawler_impl.h: the inside of Crawler, shared by crawler.cc (fetch loop, robots, responses),
// crawler_frontier.cc (discovery, the durable frontier window, retries) and crawler_sources.cc
// (configured sources, their schedule and state). Everything here runs on the I/O thread, except
// process_page() on the worker pool and store callbacks, which post back before touching state.
#pragma once
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "daemon/crawler.h"
#include "daemon/page_processor.h"
#include "daemon/poll_schedule.h"
#include "fetchers/host_frontier.h"
#include "fetchers/http_client.h"
#include "fetchers/retry_policy.h"
#include "fetchers/robots_cache.h"

namespace akhbar::daemon {

namespace asio = boost::asio;
using fetchers::Job;
using fetchers::JobKind;

// The in-memory window over the durable frontier: at most this many article jobs in RAM; it is
// refilled from SQLite when it falls below half. 1M queued URLs stay in the database.
inline constexpr std::size_t kWindow = 4000;
inline constexpr std::size_t kWindowLowWater = kWindow / 2;
// At most this many URLs of one host per refill, so one big site cannot fill the window.
inline constexpr std::size_t kClaimPerHost = 16;
// Hosts remembered for 429/503 streaks; beyond it they are forgotten (the worst case is a host
// backoff that starts again from its first step).
inline constexpr std::size_t kMaxHostStreaks = 100000;
// `run --once` waits for retries and Retry-After deferrals due within this long; URLs due later
// (a host whose robots.txt is down for an hour, a long backoff) stay queued for the next run.
inline constexpr Millis kOnceMaxWait{5 * 60 * 1000};

struct Crawler::Impl {
  // A configured feed, section (or start page) or sitemap, and what the store knows of it.
  struct Source {
    std::size_t site = 0;
    JobKind kind = JobKind::kFeed;
    std::string url;
    std::optional<Millis> every;  // from the site file; adaptive when absent
    int attempt = 1;  // of the current fetch (retried in memory: sources are not frontier rows)
    bool start = false;   // the site's start page (it stays so when a 301 moves it)
    bool queued = false;  // in the frontier or being fetched: enqueue_source() does not add it twice
    store::SourceRecord state;
    std::unique_ptr<asio::steady_timer> timer;
    // What the last answer and document said, for the next poll decision.
    std::string format;                     // Feed::kind of the last document
    std::optional<int> ttl_minutes;         // its <ttl>
    std::optional<Millis> max_age;          // Cache-Control of the last answer
    std::optional<WallTime> retry_after;    // Retry-After of the last answer
    bool indexed = false;                   // a child sitemap whose index gives its <lastmod>
    std::optional<WallTime> pending_lastmod;  // the index's <lastmod> that made us fetch it now
  };

  Impl(const config::Config& c, store::Store& s, spdlog::logger& l, CrawlOptions o);

  // crawler.cc
  void pump();
  void start(Job job);
  void start_robots(Job job);
  void on_robots(Job job, fetchers::Response r);
  void on_response(Job job, fetchers::Response r);
  void on_processed(Job job, ProcessedPage page, const std::string& final_url, Millis parse_ms, WallTime now);
  void store_article(Job job, store::ArticleRecord rec, std::size_t words, Millis parse_ms);
  void follow_redirect(Job job, const fetchers::Response& r, WallTime now);
  void note_host_answer(const Job& job, const fetchers::Response& r, WallTime now);
  Millis delay_for_host(std::size_t site, const std::string& host) const;
  void stop();
  void maybe_finish();
  void log_fetch(const Job& job, const fetchers::Response& r, const std::string& error);

  // crawler_frontier.cc
  // Every URL a page led to, as one store operation (a sitemap may list 50,000).
  // `item_dates`: the date of the item behind each URL (same order; may be empty), from a listing
  // of kind `item_date_from` ("feed", "sitemap").
  void discover(std::size_t site, std::vector<std::string> urls, const std::vector<std::optional<WallTime>>& lastmods,
                const std::vector<std::optional<WallTime>>& item_dates, const std::string& item_date_from,
                const std::string& via);
  void maybe_refill();
  void on_claimed(Result<store::ClaimedBatch> batch);
  void article_failed(const Job& job, int status, const std::optional<Error>& error, WallTime now);
  void url_state(const Job& job, std::string_view state, std::string error = {});

  // crawler_sources.cc
  void setup();
  // Returns the index in `sources`, or nullopt when the URL is already a source. `stored_row`: its
  // row when the caller has read it already (else it is looked up).
  std::optional<std::size_t> add_source(std::size_t site, JobKind kind, const std::string& url,
                                        std::optional<Millis> every, std::string_view origin = {},
                                        const store::SourceRecord* stored_row = nullptr);
  void load_discovered_sources(std::size_t site);
  void found_source(std::size_t site, JobKind kind, const std::string& url, std::string_view origin,
                    const std::string& via, std::optional<WallTime> lastmod = std::nullopt);
  void found_child_sitemaps(std::size_t site, std::vector<ProcessedPage::ChildSitemap> children, const std::string& via);
  void robots_sitemaps(const Job& job, const std::vector<std::string>& urls);
  void listing_done(std::size_t source, ProcessedPage& page, const std::string& final_url, Millis parse_ms,
                    WallTime now);
  void schedule_source(std::size_t i, Millis wait);
  void enqueue_source(std::size_t i);
  Source* source_for(const Job& job);
  // Records the outcome of a source's fetch and arms its next poll; returns that decision.
  PollDecision source_done(Source& src, WallTime now, int status, const std::string& error);
  void source_failed(Source& src, const Job& job, int status, const std::optional<Error>& error, WallTime now);
  void source_moved(Source& src, const std::string& new_url);
  void arm_stats();
  void log_stats(std::string_view event);

  const config::SiteConfig& site_of(const Job& job) const { return config.sites[job.site]; }
  double jitter() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); }

  const config::Config& config;
  store::Store& store;
  spdlog::logger& log;
  CrawlOptions options;
  fetchers::RetrySettings retry;
  asio::io_context io;
  fetchers::HttpClient http;
  fetchers::HostFrontier frontier;
  fetchers::RobotsCache robots;
  asio::steady_timer wake;
  asio::steady_timer due_timer;  // next retry / not-yet-due URL in the store
  asio::steady_timer stats_timer;
  asio::signal_set signals;
  asio::thread_pool workers;
  std::mt19937_64 rng{std::random_device{}()};

  std::vector<Source> sources;
  std::unordered_map<std::string, std::size_t> source_index;  // url → sources[i] (bounded by config)
  std::unordered_map<std::string, std::size_t> site_index;    // name → config.sites[i]
  std::vector<std::size_t> discovered_sources;                // per site: sources the crawler found itself
  std::unordered_map<std::string, int> host_streak;           // host → consecutive 429/503
  std::size_t in_flight = 0;
  std::size_t parsing = 0;
  std::size_t pending_store = 0;
  std::size_t retry_timers = 0;   // sources waiting to be retried in memory
  bool refilling = false;
  bool refill_wanted = true;      // new URLs may be due in the store
  std::int64_t store_queued = -1; // queued rows left in the store after the last claim (-1: unknown)
  std::optional<WallTime> store_next_due;
  bool stopping = false;
  bool finished = false;
  std::optional<SteadyTime> wake_at;
  SteadyTime started{};
  CrawlSummary summary;
  std::size_t retries = 0;
  std::size_t disallowed = 0;
};

std::string host_key_of(const std::string& url);
Millis since(const Clock& clock, SteadyTime t);

}  // namespace akhbar::daemon
