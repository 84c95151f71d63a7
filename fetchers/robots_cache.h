// fetchers/robots_cache.h: robots.txt per host (scheme+host+port), as RFC 9309 2.3.1 says to treat
// each fetch outcome. Pure decisions with `now` passed in; the crawler does the fetching.
//  - 2xx: parse (parsers/robots/robots.h) and keep the policy for the configured agent, 24 h;
//  - 4xx (401, 403, 404 included): no rules, allow all, 24 h;
//  - 5xx, timeout, unreachable: disallow all, retried after 1 h; a 503 also defers the host (the
//    crawler asks host_deferral()), it never unlocks it;
//  - redirects are followed by the HTTP layer (up to 5 hops) before the outcome reaches here; a
//    3xx that still arrives (too many hops) counts as unavailable: allow all, 24 h (2.3.1.2);
//  - 429 counts as an error (disallow, 1 h), as Google does; a 2xx cut at max_body
//    (kResourceExhausted) is parsed as far as it goes.
// allowed()/crawl_delay() on a host that is not ready answer false/nullopt.
// Crawl-delay is returned capped at max_crawl_delay, and whether it was capped (to log it).
// Bounded: at most `max_hosts` entries; the least recently used is dropped (refetched when needed).
#pragma once
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "parsers/robots/robots.h"
#include "util/clock.h"
#include "util/result.h"

namespace akhbar::fetchers {

inline constexpr Millis kRobotsTtl{24LL * 3600 * 1000};
inline constexpr Millis kRobotsErrorTtl{3600LL * 1000};

class RobotsCache {
 public:
  RobotsCache(std::string agent, Millis max_crawl_delay, std::size_t max_hosts = 100000);

  enum class State { kUnknown, kFetching, kReady };
  // kUnknown: not cached or expired (the caller should fetch robots.txt, then call fetching()).
  State state(const std::string& host_key, WallTime now);
  void fetching(const std::string& host_key);

  struct Stored {
    std::optional<Millis> crawl_delay;  // capped
    bool crawl_delay_capped = false;
    std::optional<double> crawl_delay_raw_s;
    bool disallow_all = false;
    bool allow_all = false;
    std::vector<std::string> sitemaps;  // Sitemap: lines, as written (absolute URLs expected)
    std::string outcome;  // "parsed", "no robots (404)", "error 500: disallow all for 1h", ...
  };
  // Records the outcome of fetching robots.txt: the final status (0 when no response), the body
  // (2xx only), the transfer error if any.
  Stored store(const std::string& host_key, int status, std::string_view body, const std::optional<Error>& error,
               WallTime now);

  // Conditional GET (If-None-Match / If-Modified-Since) for the next fetch of this host's
  // robots.txt: the validators of the last 2xx copy still held, empty when there is none. A 304
  // answer given to store() keeps those rules for another kRobotsTtl.
  struct Validators {
    std::string etag;
    std::string last_modified;
  };
  Validators validators(const std::string& host_key) const;
  void set_validators(const std::string& host_key, std::string etag, std::string last_modified);

  // When the host's robots.txt could not be fetched (5xx, timeout, unreachable): until when its
  // disallow-all stands (RFC 9309 2.3.1.4), so the caller can put URLs back rather than drop them.
  // nullopt when the rules came from an answer, or at/after that time.
  std::optional<WallTime> unavailable_until(const std::string& host_key, WallTime now) const;

  // Requires state()==kReady. `path` as parsers::robots_path_of().
  bool allowed(const std::string& host_key, std::string_view path) const;
  std::optional<Millis> crawl_delay(const std::string& host_key) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    parsers::RobotsPolicy policy;
    std::optional<Millis> crawl_delay;
    WallTime expires{};
    bool fetching = false;
    bool ready = false;
    bool parsed = false;       // the rules come from a 2xx body (a 304 may then revalidate them)
    bool unavailable = false;  // disallow all because robots.txt could not be fetched
    Validators validators;
    std::list<std::string>::iterator lru;
  };
  // The host's entry, created (most recently used) when absent; the caller evicts after.
  Entry& entry(const std::string& host_key);
  void touch(Entry& e, const std::string& host_key);
  void evict();
  std::string agent_;
  Millis max_crawl_delay_;
  std::size_t max_hosts_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // front: most recently used
};

}  // namespace akhbar::fetchers
