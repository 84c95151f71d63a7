#include "daemon/poll_schedule.h"

#include <algorithm>

#include "util/clock.h"

namespace akhbar::daemon {
namespace {

constexpr Millis kWeek{7LL * 24 * 3600 * 1000};

Millis scaled(Millis base, double factor) {
  return Millis(static_cast<std::int64_t>(static_cast<double>(base.count()) * factor));
}

}  // namespace

PollDecision next_poll(const PollFacts& f, WallTime now, double jitter) {
  PollDecision d;
  bool adaptive = false;
  if (f.every) {
    d.interval = *f.every;
    d.why = "every " + format_duration(*f.every);
  } else if (f.kind == fetchers::JobKind::kSection) {
    d.interval = kSectionInterval;
    d.why = "section default";
  } else if (f.format == "news-sitemap") {  // changes by the hour, whatever its index says
    d.interval = kNewsSitemapInterval;
    d.why = "news sitemap";
  } else if (f.indexed) {
    d.interval = kIndexedSitemapInterval;
    d.why = "listed with <lastmod> in its index";
  } else if (f.kind == fetchers::JobKind::kSitemap || f.format == "sitemap" || f.format == "sitemapindex") {
    d.interval = kSitemapInterval;
    d.why = f.format == "sitemapindex" ? "sitemap index" : "sitemap";
  } else if (f.items_week < 0) {
    d.interval = kFeedIntervalWithoutHistory;
    d.why = "no history yet";
    adaptive = true;
  } else {
    adaptive = true;
    if (f.items_week == 0) {
      d.interval = kMaxAdaptiveInterval;
    } else {
      d.interval = std::clamp(Millis(kWeek.count() / f.items_week), kMinAdaptiveInterval, kMaxAdaptiveInterval);
    }
    d.why = "adaptive: " + std::to_string(f.items_week) + " new items in 7d";
  }

  if (adaptive) {
    if (f.max_age && *f.max_age > d.interval) {
      d.interval = std::min(*f.max_age, kMaxAdaptiveInterval);
      d.why += ", Cache-Control max-age " + format_duration(*f.max_age);
    }
    if (f.ttl_minutes && Millis(std::int64_t{*f.ttl_minutes} * 60000) > d.interval) {
      d.interval = std::min(Millis(std::int64_t{*f.ttl_minutes} * 60000), kMaxAdaptiveInterval);
      d.why += ", <ttl> " + std::to_string(*f.ttl_minutes) + "m";
    }
  }

  const Millis cap = std::max(kMaxAdaptiveInterval, f.every.value_or(Millis(0)));
  if (f.failures > 0) {
    Millis backed = d.interval;
    for (int i = 1; i < f.failures && backed < cap; ++i) backed *= 2;
    d.interval = std::min(backed, cap);
    d.why = "backoff: " + std::to_string(f.failures) + (f.failures == 1 ? " failure" : " failures") + " (" + d.why + ")";
    adaptive = true;
  }

  if (adaptive) {  // jittered, and still inside the bounds promised above
    d.interval = std::clamp(scaled(d.interval, 0.9 + 0.2 * std::clamp(jitter, 0.0, 1.0)),
                            std::min(kMinAdaptiveInterval, d.interval), cap);
  }
  d.due = now + d.interval;
  if (f.retry_after && *f.retry_after > d.due) {
    d.due = *f.retry_after;
    d.why += ", Retry-After";
  }
  return d;
}

}  // namespace akhbar::daemon
