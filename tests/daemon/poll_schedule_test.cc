// The scheduling decisions of issue 5, with a scripted clock: no timers, no network.
#include "daemon/poll_schedule.h"

#include <gtest/gtest.h>

namespace akhbar::daemon {
namespace {

using fetchers::JobKind;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const WallTime kNow = from_unix_ms(1'760'000'000'000);  // 2025-10-09T08:53:20Z
constexpr double kNoJitter = 0.5;

PollFacts feed(std::int64_t items_week) {
  PollFacts f;
  f.kind = JobKind::kFeed;
  f.format = "rss";
  f.items_week = items_week;
  return f;
}

TEST(PollSchedule, ABusyFeedIsPolledAboutOncePerNewItem) {
  // 336 new items in a week is one every 30 minutes.
  const auto d = next_poll(feed(336), kNow, kNoJitter);
  EXPECT_EQ(d.interval, Millis(minutes(30)));
  EXPECT_EQ(d.due, kNow + minutes(30));
  EXPECT_EQ(d.why, "adaptive: 336 new items in 7d");
}

TEST(PollSchedule, AdaptiveIntervalIsClampedToFiveMinutesAndADay) {
  EXPECT_EQ(next_poll(feed(100000), kNow, kNoJitter).interval, Millis(minutes(5)));
  EXPECT_EQ(next_poll(feed(3), kNow, kNoJitter).interval, Millis(hours(24))) << "7d/3 = 56h, clamped";
  EXPECT_EQ(next_poll(feed(0), kNow, kNoJitter).interval, Millis(hours(24))) << "a silent feed: daily";
  EXPECT_EQ(next_poll(feed(7), kNow, kNoJitter).interval, Millis(hours(24)));
  EXPECT_EQ(next_poll(feed(14), kNow, kNoJitter).interval, Millis(hours(12)));
}

TEST(PollSchedule, NoHistoryStartsAtFifteenMinutes) {
  const auto d = next_poll(feed(-1), kNow, kNoJitter);
  EXPECT_EQ(d.interval, Millis(minutes(15)));
  EXPECT_EQ(d.why, "no history yet");
}

TEST(PollSchedule, EveryWinsOverAdaptationAndServerHints) {
  auto f = feed(100000);
  f.every = Millis(minutes(10));
  f.ttl_minutes = 60;
  f.max_age = Millis(hours(2));
  const auto d = next_poll(f, kNow, 0.99);
  EXPECT_EQ(d.interval, Millis(minutes(10))) << "no jitter, no ttl on an explicit every:";
  EXPECT_EQ(d.why, "every 10.0m");
}

TEST(PollSchedule, TtlAndMaxAgeAreFloorsOfTheAdaptiveInterval) {
  auto f = feed(2016);  // one every 5 minutes
  f.ttl_minutes = 60;
  EXPECT_EQ(next_poll(f, kNow, kNoJitter).interval, Millis(minutes(60)));
  f.ttl_minutes.reset();
  f.max_age = Millis(minutes(20));
  auto d = next_poll(f, kNow, kNoJitter);
  EXPECT_EQ(d.interval, Millis(minutes(20)));
  EXPECT_EQ(d.why, "adaptive: 2016 new items in 7d, Cache-Control max-age 20.0m");
  f.max_age = Millis(hours(72));  // silly max-age: still polled daily
  EXPECT_EQ(next_poll(f, kNow, kNoJitter).interval, Millis(hours(24)));
  // A floor below the adaptive interval changes nothing.
  auto slow = feed(14);
  slow.ttl_minutes = 15;
  EXPECT_EQ(next_poll(slow, kNow, kNoJitter).interval, Millis(hours(12)));
}

TEST(PollSchedule, RetryAfterIsAFloorOnTheDueTimeEvenWithEvery) {
  auto f = feed(-1);
  f.every = Millis(minutes(10));
  f.failures = 1;
  f.retry_after = kNow + hours(2);
  const auto d = next_poll(f, kNow, kNoJitter);
  EXPECT_EQ(d.due, kNow + hours(2));
  EXPECT_NE(d.why.find("Retry-After"), std::string::npos) << d.why;
  f.retry_after = kNow + seconds(30);  // sooner than the interval: no effect
  EXPECT_EQ(next_poll(f, kNow, kNoJitter).due, kNow + minutes(10));
}

TEST(PollSchedule, AFailingFeedBacksOffExponentiallyUpToADayAndIsNeverDropped) {
  auto f = feed(336);  // 30 min when healthy
  const Millis expected[] = {Millis(minutes(30)), Millis(hours(1)), Millis(hours(2)), Millis(hours(4)),
                             Millis(hours(8)), Millis(hours(16)), Millis(hours(24)), Millis(hours(24))};
  for (int failures = 1; failures <= 8; ++failures) {
    f.failures = failures;
    const auto d = next_poll(f, kNow, kNoJitter);
    EXPECT_EQ(d.interval, expected[failures - 1]) << failures << " failures";
  }
  f.failures = 1000;
  EXPECT_EQ(next_poll(f, kNow, kNoJitter).interval, Millis(hours(24)));
  EXPECT_EQ(next_poll(f, kNow, kNoJitter).why, "backoff: 1000 failures (adaptive: 336 new items in 7d)");
  // An every: longer than a day is not shortened by the cap.
  auto weekly = feed(-1);
  weekly.every = Millis(hours(48));
  weekly.failures = 3;
  EXPECT_EQ(next_poll(weekly, kNow, kNoJitter).interval, Millis(hours(48)));
}

TEST(PollSchedule, JitterStaysWithinTenPercentAndTheBounds) {
  const auto low = next_poll(feed(336), kNow, 0.0);
  const auto high = next_poll(feed(336), kNow, 0.999999);
  EXPECT_EQ(low.interval, Millis(minutes(27)));
  EXPECT_GE(high.interval, Millis(minutes(32)));
  EXPECT_LE(high.interval, Millis(minutes(33)));
  EXPECT_EQ(next_poll(feed(0), kNow, 0.999999).interval, Millis(hours(24))) << "never above a day";
  EXPECT_EQ(next_poll(feed(100000), kNow, 0.0).interval, Millis(minutes(5))) << "never below five minutes";
}

TEST(PollSchedule, SitemapsAreDailyNewsSitemapsHourlyIndexedChildrenMonthly) {
  PollFacts s;
  s.kind = JobKind::kSitemap;
  EXPECT_EQ(next_poll(s, kNow, kNoJitter).interval, Millis(hours(24)));
  s.format = "sitemapindex";
  EXPECT_EQ(next_poll(s, kNow, kNoJitter).why, "sitemap index");
  s.format = "news-sitemap";
  EXPECT_EQ(next_poll(s, kNow, kNoJitter).interval, Millis(hours(1)));
  s.indexed = true;
  EXPECT_EQ(next_poll(s, kNow, kNoJitter).interval, Millis(hours(1))) << "a news sitemap is read hourly, indexed or not";
  s.format = "sitemap";
  EXPECT_EQ(next_poll(s, kNow, kNoJitter).interval, Millis(hours(24 * 30)));
  // A news sitemap configured under feeds: is still a news sitemap.
  PollFacts listed_as_feed;
  listed_as_feed.kind = JobKind::kFeed;
  listed_as_feed.format = "news-sitemap";
  listed_as_feed.items_week = 5000;
  EXPECT_EQ(next_poll(listed_as_feed, kNow, kNoJitter).interval, Millis(hours(1)));
  PollFacts section;
  section.kind = JobKind::kSection;
  EXPECT_EQ(next_poll(section, kNow, 0.9).interval, Millis(minutes(30)));
}

}  // namespace
}  // namespace akhbar::daemon
