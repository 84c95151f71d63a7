// Scripted timelines: every `now` is an explicit WallTime, no clock is read.
#include "fetchers/host_frontier.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace akhbar::fetchers {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const WallTime kT0 = from_unix_ms(1'700'000'000'000);  // 2023-11-14T22:13:20Z

constexpr const char* kJazeera = "https://www.aljazeera.net";
constexpr const char* kHespress = "https://www.hespress.com";

Job job(const std::string& host, const std::string& path, JobKind kind = JobKind::kArticle) {
  Job j;
  j.url = host + path;
  j.host_key = host;
  j.kind = kind;
  return j;
}

TEST(HostFrontier, StartsOnlyOneTransferPerHostAtATime) {
  HostFrontier f(seconds(2));
  f.push(job(kJazeera, "/news/2023/11/14/a"));
  f.push(job(kJazeera, "/news/2023/11/14/b"));

  auto first = f.pop_ready(kT0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->url, std::string(kJazeera) + "/news/2023/11/14/a");
  EXPECT_EQ(f.busy_hosts(), 1u);
  EXPECT_EQ(f.queued(), 1u);
  // Still busy, however much later it is.
  EXPECT_FALSE(f.pop_ready(kT0 + seconds(60)));
  EXPECT_FALSE(f.next_ready_at()) << "a busy host's queue is not waiting on time";
}

TEST(HostFrontier, WaitsTheDelayBetweenFinishAndNextStart) {
  HostFrontier f(seconds(2));
  f.push(job(kJazeera, "/a"));
  f.push(job(kJazeera, "/b"));
  ASSERT_TRUE(f.pop_ready(kT0));
  f.finished(kJazeera, kT0 + milliseconds(700));  // the transfer took 700 ms

  EXPECT_EQ(f.busy_hosts(), 0u);
  ASSERT_TRUE(f.next_ready_at());
  EXPECT_EQ(*f.next_ready_at(), kT0 + milliseconds(2700));
  EXPECT_FALSE(f.pop_ready(kT0 + milliseconds(2699)));
  auto second = f.pop_ready(kT0 + milliseconds(2700));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->url, std::string(kJazeera) + "/b");
}

TEST(HostFrontier, DelayAppliesToJobsPushedAfterTheHostWentQuiet) {
  HostFrontier f(seconds(3));
  f.push(job(kJazeera, "/a"));
  ASSERT_TRUE(f.pop_ready(kT0));
  f.finished(kJazeera, kT0 + seconds(1));
  EXPECT_FALSE(f.next_ready_at());

  f.push(job(kJazeera, "/b"));
  EXPECT_EQ(f.next_ready_at(), kT0 + seconds(4));
  EXPECT_FALSE(f.pop_ready(kT0 + seconds(2)));
  EXPECT_TRUE(f.pop_ready(kT0 + seconds(4)));
}

TEST(HostFrontier, TwoHostsInterleaveWhileEachWaitsItsDelay) {
  HostFrontier f(seconds(5));
  for (const char* path : {"/1", "/2", "/3"}) f.push(job(kJazeera, path));
  for (const char* path : {"/1", "/2"}) f.push(job(kHespress, path));

  // Both hosts are idle at kT0: the one queued first goes first, then the other at once.
  auto a = f.pop_ready(kT0);
  auto b = f.pop_ready(kT0);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->host_key, kJazeera);
  EXPECT_EQ(b->host_key, kHespress);
  EXPECT_EQ(f.busy_hosts(), 2u);
  EXPECT_FALSE(f.pop_ready(kT0));

  f.finished(kHespress, kT0 + seconds(1));  // Hespress ready at +6 s
  f.finished(kJazeera, kT0 + seconds(2));   // Jazeera ready at +7 s
  EXPECT_EQ(f.next_ready_at(), kT0 + seconds(6));

  std::vector<std::string> order;
  WallTime now = kT0;
  while (!f.idle()) {
    auto next = f.next_ready_at();
    ASSERT_TRUE(next);
    now = *next;
    auto j = f.pop_ready(now);
    ASSERT_TRUE(j);
    order.push_back(j->url.substr(j->url.find("//") + 6));
    f.finished(j->host_key, now + seconds(1));
  }
  // Hespress /2 at +6; Jazeera /2 at +7; Jazeera /3 at +7+1+5 = +13.
  EXPECT_EQ(order, (std::vector<std::string>{"hespress.com/2", "aljazeera.net/2", "aljazeera.net/3"}));
  EXPECT_EQ(now, kT0 + seconds(13));
}

TEST(HostFrontier, PushFrontPutsFeedsAheadOfQueuedArticles) {
  HostFrontier f(seconds(1));
  f.push(job(kJazeera, "/news/a"));
  f.push(job(kJazeera, "/news/b"));
  f.push_front(job(kJazeera, "/rss", JobKind::kFeed));

  auto first = f.pop_ready(kT0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->kind, JobKind::kFeed);
  EXPECT_EQ(first->url, std::string(kJazeera) + "/rss");
  f.finished(kJazeera, kT0);
  auto second = f.pop_ready(kT0 + seconds(1));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->url, std::string(kJazeera) + "/news/a");
}

TEST(HostFrontier, DeferHostHoldsItUntilRetryAfterWithoutBlockingOthers) {
  HostFrontier f(seconds(1));
  f.push(job(kJazeera, "/a"));
  f.push(job(kHespress, "/a"));
  f.defer_host(kJazeera, kT0 + seconds(120));  // e.g. 429 with Retry-After: 120

  auto j = f.pop_ready(kT0);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->host_key, kHespress);
  f.finished(kHespress, kT0);
  EXPECT_FALSE(f.pop_ready(kT0 + seconds(119)));
  EXPECT_EQ(f.next_ready_at(), kT0 + seconds(120));
  auto late = f.pop_ready(kT0 + seconds(120));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->host_key, kJazeera);
}

TEST(HostFrontier, DeferNeverShortensAnExistingWait) {
  HostFrontier f(seconds(10));
  f.push(job(kJazeera, "/a"));
  f.push(job(kJazeera, "/b"));
  ASSERT_TRUE(f.pop_ready(kT0));
  f.finished(kJazeera, kT0);  // ready at +10 s
  f.defer_host(kJazeera, kT0 + seconds(3));
  EXPECT_EQ(f.next_ready_at(), kT0 + seconds(10));
}

TEST(HostFrontier, PerHostDelayOverridesTheDefault) {
  HostFrontier f(seconds(1));
  f.set_delay(kHespress, seconds(30));
  EXPECT_EQ(f.delay_for(kHespress), seconds(30));
  EXPECT_EQ(f.delay_for(kJazeera), seconds(1));

  f.push(job(kHespress, "/a"));
  f.push(job(kHespress, "/b"));
  ASSERT_TRUE(f.pop_ready(kT0));
  f.finished(kHespress, kT0);
  EXPECT_EQ(f.next_ready_at(), kT0 + seconds(30));
}

TEST(HostFrontier, NextReadyAtIsEmptyWhenNothingIsQueued) {
  HostFrontier f(seconds(1));
  EXPECT_FALSE(f.next_ready_at());
  EXPECT_FALSE(f.pop_ready(kT0));
  EXPECT_TRUE(f.idle());
  f.push(job(kJazeera, "/a"));
  EXPECT_EQ(f.next_ready_at(), WallTime{}) << "a host never visited is ready at once";
  EXPECT_FALSE(f.idle());
}

TEST(HostFrontier, ManyHostsComeOutInTheOrderTheyBecomeReady) {
  HostFrontier f(seconds(1));
  // Host i is deferred to kT0 + (20 - i) s, so the last pushed is ready first.
  for (int i = 0; i < 20; ++i) {
    const std::string host = "https://site" + std::to_string(i) + ".example";
    f.push(job(host, "/a"));
    f.defer_host(host, kT0 + seconds(20 - i));
  }
  for (int i = 19; i >= 0; --i) {
    auto j = f.pop_ready(kT0 + seconds(100));
    ASSERT_TRUE(j);
    EXPECT_EQ(j->host_key, "https://site" + std::to_string(i) + ".example");
  }
  EXPECT_EQ(f.busy_hosts(), 20u);
  EXPECT_EQ(f.queued(), 0u);
}

TEST(JobKindName, NamesEveryKind) {
  EXPECT_EQ(job_kind_name(JobKind::kFeed), "feed");
  EXPECT_EQ(job_kind_name(JobKind::kSection), "section");
  EXPECT_EQ(job_kind_name(JobKind::kSitemap), "sitemap");
  EXPECT_EQ(job_kind_name(JobKind::kArticle), "article");
}

}  // namespace
}  // namespace akhbar::fetchers

namespace akhbar::fetchers {
namespace {

TEST(HostFrontierRelease, AJobNotStartedFreesTheHostWithoutADelay) {
  HostFrontier f(Millis(5000));
  const WallTime t0 = from_unix_ms(1'700'000'000'000);
  f.push(Job{"http://a.org/1", "http://a.org:80", JobKind::kArticle, 0, 1, "", 0, "", std::nullopt, ""});
  f.push(Job{"http://a.org/2", "http://a.org:80", JobKind::kArticle, 0, 1, "", 0, "", std::nullopt, ""});
  auto first = f.pop_ready(t0);
  ASSERT_TRUE(first);
  EXPECT_FALSE(f.pop_ready(t0));  // busy
  f.release("http://a.org:80");   // robots.txt said no: nothing was sent
  auto second = f.pop_ready(t0);
  ASSERT_TRUE(second);
  EXPECT_EQ("http://a.org/2", second->url);
}

}  // namespace
}  // namespace akhbar::fetchers
