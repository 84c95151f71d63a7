// daemon/poll_schedule.h: when a configured or discovered source (feed, section, sitemap) is
// fetched next. A pure decision: the crawler gathers the facts, passes `now` and a jitter draw, and
// arms a timer for the answer; tests run it with scripted clocks.
//
// The rules, in order:
//  1. The base interval. `every:` from the site file when given. Otherwise by what the source is:
//     a feed adapts to how much it publishes: 7 days ÷ the new items it showed over the last 7
//     days, clamped to [5 min, 24 h] (none in a week: 24 h; no history yet: 15 min); a section page
//     30 min; a sitemap or sitemap index 24 h; a Google News sitemap 1 h (even as a child of an index); a
//     child sitemap whose index gives its <lastmod> 30 days (the index says when it changes).
//  2. Never sooner than the server asked: Cache-Control max-age and RSS <ttl> raise an adaptive
//     interval (an explicit `every:` is the user's choice and stays).
//  3. A source that keeps failing backs off: base × 2^(failures-1), up to 24 h (or `every:` when
//     that is longer). It is never dropped.
//  4. Adaptive and backed-off intervals get ±10 % jitter, so thousands of feeds added together do
//     not stay in step.
//  5. Retry-After, when the last answer had one, is a floor on the due time in every case.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fetchers/host_frontier.h"
#include "util/clock.h"

namespace akhbar::daemon {

inline constexpr Millis kMinAdaptiveInterval{5 * 60 * 1000};
inline constexpr Millis kMaxAdaptiveInterval{24 * 3600 * 1000};
inline constexpr Millis kFeedIntervalWithoutHistory{15 * 60 * 1000};
inline constexpr Millis kSectionInterval{30 * 60 * 1000};
inline constexpr Millis kSitemapInterval{24 * 3600 * 1000};
inline constexpr Millis kNewsSitemapInterval{3600 * 1000};
inline constexpr Millis kIndexedSitemapInterval{30LL * 24 * 3600 * 1000};

struct PollFacts {
  fetchers::JobKind kind = fetchers::JobKind::kFeed;
  // What the last successful fetch turned out to be (Feed::kind: "rss", "news-sitemap", ...), or
  // "" before the first one. A URL listed under `feeds:` that serves a news sitemap is a news sitemap.
  std::string_view format;
  std::optional<Millis> every;      // from the site file
  std::int64_t items_week = -1;     // new items over the last 7 days; -1: no history
  bool indexed = false;             // a child sitemap whose index gives its <lastmod>
  std::optional<Millis> max_age;    // Cache-Control max-age of the last answer
  std::optional<int> ttl_minutes;   // RSS <ttl> of the last feed
  std::optional<WallTime> retry_after;  // from the last answer's Retry-After
  int failures = 0;                 // consecutive failed fetches, this one included (0: it succeeded)
};

struct PollDecision {
  Millis interval{0};  // from now to `due` (before the Retry-After floor)
  WallTime due{};
  std::string why;     // for the log: "every 10m", "adaptive: 42 new items in 7d", "backoff: 3 failures", ...
};

// `jitter` is a draw in [0, 1); 0.5 means none.
PollDecision next_poll(const PollFacts& facts, WallTime now, double jitter);

}  // namespace akhbar::daemon
