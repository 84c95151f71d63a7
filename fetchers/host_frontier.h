// fetchers/host_frontier.h: the politeness decision, pure. Jobs wait in one FIFO per host
// (scheme+host+port); a host has at most one transfer in flight, and the next one starts no
// sooner than `delay` after the previous one ended. The caller (Asio glue) asks what is ready
// at `now`, starts it, and reports when it ended; it never reads a clock inside.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/clock.h"

namespace akhbar::fetchers {

enum class JobKind { kFeed, kSection, kSitemap, kArticle };
std::string_view job_kind_name(JobKind kind);

struct Job {
  std::string url;       // what to fetch
  std::string host_key;  // politeness key (Url::host_key())
  JobKind kind = JobKind::kArticle;
  std::size_t site = 0;  // index into the configured sites
  int attempt = 1;
  std::string via;       // what discovered it
  int redirects = 0;     // hops taken so far when this job is a redirect target
  std::string origin;    // the URL the chain started from (its frontier row); empty: `url` is it
  const std::string& frontier_url() const { return origin.empty() ? url : origin; }
  // An article: the date of the feed/sitemap item that listed it, and which kind ("feed",
  // "sitemap"; empty: none). Used when the page itself has no date.
  std::optional<WallTime> item_published;
  std::string item_date_from;
};

class HostFrontier {
 public:
  explicit HostFrontier(Millis default_delay) : default_delay_(default_delay) {}

  // Per-host delay override (site politeness.min_delay; later robots Crawl-delay). Larger wins
  // only if the caller says so: this sets it.
  void set_delay(const std::string& host_key, Millis delay);
  Millis delay_for(const std::string& host_key) const;

  void push(Job job);
  // Feeds, sections and sitemaps go ahead of articles queued on the same host.
  void push_front(Job job);

  // The next job whose host is idle and whose delay has passed at `now`, oldest-ready host first.
  // Marks that host busy. nullopt when none is ready.
  std::optional<Job> pop_ready(WallTime now);
  // Earliest time a queued job could become ready (ignores busy hosts); nullopt when none waits
  // on an idle host.
  std::optional<WallTime> next_ready_at() const;
  // The transfer for this host ended at `now` (success or failure): the host is idle again and
  // its next job waits `delay` from now.
  void finished(const std::string& host_key, WallTime now);
  // A job returned by pop_ready was not started after all (robots.txt forbids it): the host is
  // idle again at once, with no delay, since nothing was sent to it.
  void release(const std::string& host_key);
  // Defer a host (Retry-After, backoff): nothing starts there before `until`.
  void defer_host(const std::string& host_key, WallTime until);

  std::size_t queued() const { return queued_; }
  std::size_t busy_hosts() const { return busy_; }
  bool idle() const { return queued_ == 0 && busy_ == 0; }

 private:
  // Idle hosts with queued jobs, ordered by when they may start next; `seq` keeps hosts that
  // became ready at the same instant in arrival order. pop_ready and next_ready_at look only at
  // the first entry: O(log hosts) per call, independent of the number of queued jobs.
  struct ReadyKey {
    WallTime not_before;
    std::uint64_t seq;
    std::string host_key;
    bool operator<(const ReadyKey& o) const {
      if (not_before != o.not_before) return not_before < o.not_before;
      return seq < o.seq;
    }
  };
  struct Host {
    std::deque<Job> jobs;
    bool busy = false;
    WallTime not_before{};
    std::optional<Millis> delay;
    std::optional<std::set<ReadyKey>::iterator> ready_it;  // set while the host is in ready_
  };
  void add_job(Job job, bool front);
  // Puts the host in ready_ (or takes it out) to match its state.
  void refresh(const std::string& host_key, Host& host);

  Millis default_delay_;
  std::unordered_map<std::string, Host> hosts_;
  std::set<ReadyKey> ready_;
  std::uint64_t next_seq_ = 0;
  std::size_t queued_ = 0;
  std::size_t busy_ = 0;
};

}  // namespace akhbar::fetchers
