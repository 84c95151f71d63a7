// Tests for the durable frontier in store/: claim_due, retry_later, recover_frontier, move_source,
// the counts, and migration 2 from a version-1 database. Real SQLite files, no sleeps: every due
// time is given explicitly, so "later" is a WallTime passed to claim_due, not a wait.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/sqlite_handles.h"
#include "store/store.h"
#include "store/writer.h"
#include "tests/store/store_test_support.h"

namespace akhbar::store {
namespace {

namespace fs = std::filesystem;
using std::chrono::minutes;
using std::chrono::seconds;

const WallTime kT0 = at("2022-10-06T14:00:00Z");

UrlRecord url_at(std::string site, std::string url, WallTime not_before, std::string host = {}) {
  return UrlRecord{std::move(site), url, url, "https://www.aljazeera.net/aljazeerarss", std::move(host), not_before, std::nullopt, std::nullopt, {}};
}

std::vector<std::string> urls_of(const ClaimedBatch& batch) {
  std::vector<std::string> out;
  for (const auto& u : batch.urls) out.push_back(u.url);
  return out;
}

class FrontierTest : public ::testing::Test {
 protected:
  fs::path db_path() const { return dir_.path() / "akhbar.db"; }

  std::unique_ptr<Store> open(const StoreOptions& options = {}) {
    auto store = Store::open(db_path(), options);
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    return store ? std::move(*store) : nullptr;
  }

  static ClaimedBatch claim(Store& store, WallTime now, std::size_t limit, std::size_t per_host) {
    std::optional<Result<ClaimedBatch>> got;
    store.claim_due(now, limit, per_host, [&](Result<ClaimedBatch> r) { got = std::move(r); });
    store.flush();
    EXPECT_TRUE(got && *got) << (got && !*got ? got->error().str() : "no callback");
    return got && *got ? std::move(**got) : ClaimedBatch{};
  }

  static const SiteStats* stats_of(const std::vector<SiteStats>& all, std::string_view site) {
    for (const auto& s : all) {
      if (s.site == site) return &s;
    }
    ADD_FAILURE() << "no stats for " << site;
    return nullptr;
  }

  TempDir dir_;
};

TEST_F(FrontierTest, ClaimDueReturnsOnlyDueUrlsOldestFirstAndTellsWhenTheNextIsDue) {
  auto store = open();
  const std::string base = "https://www.aljazeera.net/news/2022/10/6/";
  store->add_url(url_at("aljazeera", base + "c", kT0 + minutes(3)));
  store->add_url(url_at("aljazeera", base + "a", kT0 + minutes(1)));
  store->add_url(url_at("aljazeera", base + "late", kT0 + minutes(30)));
  store->add_url(url_at("aljazeera", base + "b", kT0 + minutes(2)));

  const ClaimedBatch batch = claim(*store, kT0 + minutes(5), 10, 10);
  EXPECT_EQ((std::vector<std::string>{base + "a", base + "b", base + "c"}), urls_of(batch));
  EXPECT_EQ(kT0 + minutes(30), batch.next_due_at);
  EXPECT_EQ(1, batch.queued);
  ASSERT_FALSE(batch.urls.empty());
  const DueUrl& first = batch.urls[0];
  EXPECT_EQ("aljazeera", first.site);
  EXPECT_EQ(base + "a", first.canonical_url);
  EXPECT_EQ("https://www.aljazeera.net:443", first.host);
  EXPECT_EQ("https://www.aljazeera.net/aljazeerarss", first.via);
  EXPECT_EQ(0, first.attempts);
  EXPECT_GT(first.id, 0);

  // Claimed URLs still count as pending work; a claim at the same instant finds nothing new.
  EXPECT_EQ(4, *store->count_queued());
  const ClaimedBatch again = claim(*store, kT0 + minutes(5), 10, 10);
  EXPECT_TRUE(again.urls.empty());
  EXPECT_EQ(kT0 + minutes(30), again.next_due_at);
  EXPECT_EQ(1, again.queued);
}

TEST_F(FrontierTest, ClaimDueTakesAtMostPerHostFromOneHostAndAtMostLimit) {
  auto store = open();
  // nna has a backlog of six, annahar three, alquds one; every one of them is due.
  for (int i = 0; i < 6; ++i) {
    store->add_url(url_at("nna", "https://nna-leb.gov.lb/ar/" + std::to_string(i), kT0 + seconds(i)));
  }
  for (int i = 0; i < 3; ++i) {
    store->add_url(url_at("annahar", "https://www.annahar.com/arabic/" + std::to_string(i), kT0 + seconds(10 + i)));
  }
  store->add_url(url_at("alquds", "https://www.alquds.co.uk/?p=2801", kT0 + seconds(20)));

  const ClaimedBatch batch = claim(*store, kT0 + minutes(1), 4, 2);
  // Oldest first, but nna stops at two: its third URL is skipped for annahar's.
  EXPECT_EQ((std::vector<std::string>{"https://nna-leb.gov.lb/ar/0", "https://nna-leb.gov.lb/ar/1",
                                      "https://www.annahar.com/arabic/0", "https://www.annahar.com/arabic/1"}),
            urls_of(batch));
  EXPECT_EQ(6, batch.queued);
  // Due URLs were left behind: the next one is due already.
  EXPECT_EQ(kT0 + seconds(2), batch.next_due_at);

  const ClaimedBatch second = claim(*store, kT0 + minutes(1), 10, 2);
  EXPECT_EQ((std::vector<std::string>{"https://nna-leb.gov.lb/ar/2", "https://nna-leb.gov.lb/ar/3",
                                      "https://www.annahar.com/arabic/2", "https://www.alquds.co.uk/?p=2801"}),
            urls_of(second));
  EXPECT_EQ(2, second.queued);

  const ClaimedBatch none = claim(*store, kT0 + minutes(1), 0, 2);
  EXPECT_TRUE(none.urls.empty());
  EXPECT_EQ(2, none.queued);
  EXPECT_EQ(kT0 + seconds(4), none.next_due_at);
}

TEST_F(FrontierTest, RepeatedClaimsHandOutEveryUrlExactlyOnce) {
  auto store = open();
  std::set<std::string> added;
  for (int host = 0; host < 7; ++host) {
    for (int i = 0; i < 9; ++i) {
      const std::string u = "https://site" + std::to_string(host) + ".example/akhbar/" + std::to_string(i);
      store->add_url(url_at("s" + std::to_string(host), u, kT0 + seconds((i * 7 + host * 3) % 11)));
      added.insert(u);
    }
  }
  std::multiset<std::string> claimed;
  for (int round = 0; round < 100; ++round) {
    const ClaimedBatch batch = claim(*store, kT0 + minutes(1), 5, 2);
    std::map<std::string, int> per_host;
    for (const auto& u : batch.urls) {
      claimed.insert(u.url);
      EXPECT_LE(++per_host[u.host], 2) << u.url;
    }
    EXPECT_LE(batch.urls.size(), 5u);
    if (batch.urls.empty()) {
      EXPECT_EQ(0, batch.queued);
      EXPECT_FALSE(batch.next_due_at);
      break;
    }
  }
  EXPECT_EQ(added.size(), claimed.size());
  EXPECT_EQ(added, std::set<std::string>(claimed.begin(), claimed.end()));
}

TEST_F(FrontierTest, BothClaimPassesGiveTheSameAnswer) {
  // One host has a large backlog ahead of everyone else: the due-order pass gives up on a small
  // budget and the host-by-host pass must produce exactly what an unbounded due-order pass does.
  auto fill = [](Store& store) {
    for (int i = 0; i < 300; ++i) {
      store.add_url(url_at("sitemap", "https://www.hespress.com/archive-" + std::to_string(i) + ".html",
                           kT0 + seconds(i / 10)));
    }
    for (int host = 0; host < 40; ++host) {
      for (int i = 0; i < 4; ++i) {
        const std::string u = "https://news" + std::to_string(host % 13) + ".example:" + std::to_string(8000 + host) +
                              "/" + std::to_string(i);
        store.add_url(url_at("n", u, kT0 + seconds(5 + (host * 7 + i * 11) % 37)));
      }
    }
  };
  StoreOptions host_by_host;
  host_by_host.claim_scan_budget = 1;
  StoreOptions due_order;
  due_order.claim_scan_budget = 1'000'000;
  TempDir other;
  auto a = Store::open(dir_.path() / "a.db", host_by_host);
  auto b = Store::open(other.path() / "b.db", due_order);
  ASSERT_TRUE(a && b);
  fill(**a);
  fill(**b);
  std::size_t total = 0;
  for (int round = 0; round < 200; ++round) {
    const WallTime now = kT0 + seconds(round / 4);
    const ClaimedBatch from_a = claim(**a, now, 17, 3);
    const ClaimedBatch from_b = claim(**b, now, 17, 3);
    ASSERT_EQ(urls_of(from_b), urls_of(from_a)) << "round " << round;
    EXPECT_EQ(from_b.queued, from_a.queued);
    EXPECT_EQ(from_b.next_due_at, from_a.next_due_at);
    total += from_a.urls.size();
  }
  EXPECT_EQ(300u + 160u, total);
}

TEST_F(FrontierTest, ALargeQueueOverManyHostsIsClaimedPerHost) {
  constexpr int kHosts = 1000;
  constexpr int kPerHost = 100;
  auto store = open();
  for (int host = 0; host < kHosts; ++host) {
    char name[32];
    std::snprintf(name, sizeof name, "https://h%04d.example", host);
    for (int i = 0; i < kPerHost; ++i) {
      store->add_url(url_at("bulk", std::string(name) + "/akhbar/" + std::to_string(i), kT0));
    }
  }
  store->flush();
  EXPECT_EQ(kHosts * kPerHost, *store->count_queued());

  const ClaimedBatch batch = claim(*store, kT0, 500, 5);
  ASSERT_EQ(500u, batch.urls.size());
  std::map<std::string, int> per_host;
  for (const auto& u : batch.urls) ++per_host[u.host];
  EXPECT_EQ(100u, per_host.size());
  for (const auto& [host, n] : per_host) EXPECT_EQ(5, n) << host;
  // Equal due times: ties go by host, so the first hundred host names.
  EXPECT_EQ("https://h0000.example:443", per_host.begin()->first);
  EXPECT_EQ("https://h0099.example:443", per_host.rbegin()->first);
  EXPECT_EQ(kHosts * kPerHost - 500, batch.queued);
  EXPECT_EQ(kT0, batch.next_due_at);
  EXPECT_EQ(kHosts * kPerHost, *store->count_queued());
}

TEST_F(FrontierTest, RetryLaterQueuesTheUrlAgainNotBeforeItsTime) {
  auto store = open();
  const std::string u = "https://www.alaraby.co.uk/politics/2022/10/6/budget";
  store->add_url(url_at("alaraby", u, kT0));
  ASSERT_EQ(1u, claim(*store, kT0, 10, 10).urls.size());

  store->retry_later(u, 1, kT0 + minutes(10), "HTTP 503");
  const ClaimedBatch early = claim(*store, kT0 + minutes(9), 10, 10);
  EXPECT_TRUE(early.urls.empty());
  EXPECT_EQ(kT0 + minutes(10), early.next_due_at);
  EXPECT_EQ(1, early.queued);

  const ClaimedBatch due = claim(*store, kT0 + minutes(10), 10, 10);
  ASSERT_EQ(1u, due.urls.size());
  EXPECT_EQ(u, due.urls[0].url);
  EXPECT_EQ(1, due.urls[0].attempts);
  EXPECT_EQ("HTTP 503", RawDb(db_path()).text("SELECT last_error FROM urls WHERE canonical_url = ?", u));
}

TEST_F(FrontierTest, RetryLaterAndAddUrlLeaveADoneUrlDone) {
  auto store = open();
  const std::string u = "https://www.alquds.co.uk/?p=2805";
  store->add_url(url_at("alquds", u, kT0));
  store->set_url_state(u, kUrlDone, 1);
  std::optional<bool> inserted;
  store->add_url(url_at("alquds", u, kT0), [&](bool ok) { inserted = ok; });
  store->retry_later(u, 2, kT0, "late duplicate");
  store->flush();
  EXPECT_EQ(false, inserted);
  EXPECT_TRUE(claim(*store, kT0 + minutes(1), 10, 10).urls.empty());
  EXPECT_EQ(0, *store->count_queued());
  EXPECT_EQ("done", RawDb(db_path()).text("SELECT state FROM urls WHERE canonical_url = ?", u));
}

TEST_F(FrontierTest, AfterAKilledProcessRecoverFrontierRequeuesInFlightUrlsOnly) {
  const std::string base = "https://www.aljazeera.net/news/";
  // The child claims three URLs, starts one, finishes one, then dies without closing the store.
  const pid_t child = fork();
  ASSERT_NE(-1, child);
  if (child == 0) {
    auto store = Store::open(db_path());
    if (!store) _exit(2);
    for (int i = 0; i < 5; ++i) (*store)->add_url(url_at("aljazeera", base + std::to_string(i), kT0 + seconds(i)));
    std::size_t claimed = 0;
    (*store)->claim_due(kT0 + minutes(1), 3, 5, [&](Result<ClaimedBatch> b) { claimed = b ? b->urls.size() : 0; });
    (*store)->set_url_state(base + "1", kUrlFetching, 1);
    (*store)->set_url_state(base + "2", kUrlDone, 1);
    (*store)->flush();
    _exit(claimed == 3 ? 0 : 3);  // no destructor: the writer thread and the connections just vanish
  }
  int status = 0;
  ASSERT_EQ(child, waitpid(child, &status, 0));
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(0, WEXITSTATUS(status));

  auto store = open();
  EXPECT_EQ(4, *store->count_queued());  // 0 claimed, 1 fetching, 3 and 4 queued
  const WallTime restart = kT0 + minutes(2);
  // Before recovery the dead run's claims are invisible to claim_due.
  EXPECT_EQ((std::vector<std::string>{base + "3", base + "4"}), urls_of(claim(*store, restart, 10, 10)));
  auto recovered = store->recover_frontier();
  ASSERT_TRUE(recovered) << recovered.error().str();
  EXPECT_EQ(4, *recovered);  // 0 and 1 from the dead run, 3 and 4 from the claim just made
  const ClaimedBatch batch = claim(*store, restart, 10, 10);
  EXPECT_EQ((std::vector<std::string>{base + "0", base + "1", base + "3", base + "4"}), urls_of(batch));
  ASSERT_EQ(4u, batch.urls.size());
  EXPECT_EQ(1, batch.urls[1].attempts);
  EXPECT_EQ(0, batch.queued);
  EXPECT_FALSE(batch.next_due_at);
  EXPECT_EQ("done", RawDb(db_path()).text("SELECT state FROM urls WHERE canonical_url = ?", base + "2"));
}

TEST_F(FrontierTest, RecoverFrontierMakesALateRetryDueNowButKeepsAnEarlierDueTime) {
  auto store = open();
  store->add_url(url_at("nna", "https://nna-leb.gov.lb/ar/early", kT0));
  store->add_url(url_at("nna", "https://nna-leb.gov.lb/ar/later", kT0 + minutes(1)));
  ASSERT_EQ(2u, claim(*store, kT0 + minutes(1), 10, 10).urls.size());
  store->set_url_state("https://nna-leb.gov.lb/ar/early", kUrlFetching, 1);
  store->flush();
  RawDb raw(db_path());
  // A claimed row whose stored due time lies far ahead (as a clock step back would leave it).
  raw.exec_sql("UPDATE urls SET next_attempt_at = 99999999999999 WHERE canonical_url LIKE '%later'");
  const WallTime before = std::chrono::system_clock::now();
  auto recovered = store->recover_frontier();
  ASSERT_TRUE(recovered);
  EXPECT_EQ(2, *recovered);
  EXPECT_EQ(to_unix_ms(kT0), raw.scalar("SELECT next_attempt_at FROM urls WHERE canonical_url LIKE '%early'"));
  EXPECT_GE(raw.scalar("SELECT next_attempt_at FROM urls WHERE canonical_url LIKE '%later'"), to_unix_ms(before));
  EXPECT_EQ(2, raw.scalar("SELECT COUNT(*) FROM urls WHERE state = 'queued'"));
}

TEST_F(FrontierTest, RecoverFrontierFromAStoreCallbackFailsInsteadOfDeadlocking) {
  auto store = open();
  std::optional<Result<std::int64_t>> got;
  store->add_url(url_at("nna", "https://nna-leb.gov.lb/ar/1", kT0), [&](bool) { got = store->recover_frontier(); });
  store->flush();
  ASSERT_TRUE(got);
  ASSERT_FALSE(*got);
  EXPECT_EQ(Errc::kInternal, got->error().code);
}

TEST_F(FrontierTest, AddUrlComputesTheHostKeyWhenNoneIsGivenAndDefaultsTheDueTimeToNow) {
  auto store = open();
  const WallTime before = std::chrono::system_clock::now();
  store->add_url(UrlRecord{"x", "HTTPS://User@WWW.Alaraby.CO.UK/news/1", "https://www.alaraby.co.uk/news/1", "", "",
                           std::nullopt, std::nullopt, std::nullopt, {}});
  store->add_url(url_at("x", "http://www.alaraby.co.uk:8080/news/2", kT0, "http://given.example:80"));
  store->flush();
  RawDb raw(db_path());
  EXPECT_EQ("https://www.alaraby.co.uk:443",
            raw.text("SELECT host FROM urls WHERE canonical_url = ?", "https://www.alaraby.co.uk/news/1"));
  EXPECT_GE(raw.scalar("SELECT next_attempt_at FROM urls WHERE canonical_url = ?", "https://www.alaraby.co.uk/news/1"),
            to_unix_ms(before));
  EXPECT_EQ("http://given.example:80",
            raw.text("SELECT host FROM urls WHERE canonical_url = ?", "http://www.alaraby.co.uk:8080/news/2"));
  const ClaimedBatch batch = claim(*store, std::chrono::system_clock::now() + seconds(1), 10, 10);
  EXPECT_EQ(2u, batch.urls.size());
}

TEST_F(FrontierTest, StatsAndCountsSeeClaimedAndDisallowedUrls) {
  auto store = open();
  for (int i = 0; i < 6; ++i) {
    store->add_url(url_at("hespress", "https://www.hespress.com/" + std::to_string(i), kT0 + seconds(i)));
  }
  ASSERT_EQ(2u, claim(*store, kT0 + seconds(1), 10, 10).urls.size());  // 0 and 1 claimed
  store->set_url_state("https://www.hespress.com/2", kUrlDisallowed, 0, "robots.txt");
  store->set_url_state("https://www.hespress.com/3", kUrlDisallowed, 0, "robots.txt");
  store->set_url_state("https://www.hespress.com/4", kUrlFetching, 1);
  store->set_url_state("https://www.hespress.com/1", kUrlFailed, 5, "HTTP 404");
  store->flush();
  auto stats = store->site_stats();
  ASSERT_TRUE(stats);
  const SiteStats* s = stats_of(*stats, "hespress");
  ASSERT_NE(nullptr, s);
  EXPECT_EQ(3, s->urls_queued);  // 0 claimed, 4 fetching, 5 queued
  EXPECT_EQ(2, s->urls_disallowed);
  EXPECT_EQ(1, s->urls_failed);
  EXPECT_EQ(3, *store->count_queued());
  // The trigger-kept counts agree with the table.
  RawDb raw(db_path());
  EXPECT_EQ(0, raw.scalar("SELECT COUNT(*) FROM (SELECT site_id, state, COUNT(*) AS n FROM urls "
                          "GROUP BY site_id, state) t LEFT JOIN url_state_counts c USING (site_id, state) "
                          "WHERE c.n IS NOT t.n"));
  EXPECT_EQ(0, raw.scalar("SELECT COALESCE(SUM(n), 0) FROM url_state_counts c WHERE NOT EXISTS "
                          "(SELECT 1 FROM urls u WHERE u.site_id = c.site_id AND u.state = c.state)"));
}

TEST_F(FrontierTest, MoveSourceFollowsAPermanentRedirect) {
  auto store = open();
  const std::string old_url = "http://www.annahar.com/rss";
  const std::string new_url = "https://www.annahar.com/arabic/rss";
  store->save_source({"annahar", old_url, "feed", "\"v1\"", "", kT0, 300, 0, 200, "", kT0, "", std::nullopt});
  store->move_source("annahar", old_url, new_url);
  store->flush();
  EXPECT_FALSE(*store->load_source("annahar", old_url));
  auto moved = store->load_source("annahar", new_url);
  ASSERT_TRUE(moved && *moved);
  EXPECT_EQ("\"v1\"", (*moved)->etag);
  EXPECT_EQ(300, (*moved)->interval_s);
}

TEST_F(FrontierTest, MoveSourceOntoAKnownSourceDropsTheOldRow) {
  auto store = open();
  const std::string old_url = "https://nna-leb.gov.lb/rss/ar";
  const std::string new_url = "https://nna-leb.gov.lb/ar/rss";
  store->save_source({"nna", old_url, "feed", "\"old\"", "", kT0, 300, 0, 200, "", kT0, "", std::nullopt});
  store->save_source({"nna", new_url, "feed", "\"new\"", "", kT0, 600, 0, 200, "", kT0, "", std::nullopt});
  store->save_source({"other", old_url, "feed", "\"other\"", "", kT0, 900, 0, 200, "", kT0, "", std::nullopt});
  store->move_source("nna", old_url, new_url);
  store->flush();
  EXPECT_EQ(0, store->write_errors().count);
  EXPECT_FALSE(*store->load_source("nna", old_url));
  EXPECT_EQ("\"new\"", (*store->load_source("nna", new_url))->etag);
  EXPECT_EQ("\"other\"", (*store->load_source("other", old_url))->etag);  // another site's row is untouched
}

TEST_F(FrontierTest, ClaimQueriesReadACoveringIndexRangeWithoutSorting) {
  open().reset();
  RawDb raw(db_path());
  for (std::string_view sql : claim_queries()) {
    const std::string plan = raw.plan(sql);
    EXPECT_NE(std::string::npos, plan.find("COVERING INDEX urls_")) << sql << "\n" << plan;
    EXPECT_EQ(std::string::npos, plan.find("TEMP B-TREE")) << sql << "\n" << plan;
    EXPECT_EQ(std::string::npos, plan.find("SCAN")) << sql << "\n" << plan;
  }
}

// A database written by the version-1 schema (what the previous release created), then opened
// by this build: migration 2 fills host and due times and the counts, and the frontier works.
TEST_F(FrontierTest, AVersionOneDatabaseIsUpgradedWithItsUrlsKept) {
  {
    sqlite3* raw_db = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(db_path().c_str(), &raw_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                         nullptr));
    SqliteDb db(raw_db);
    ASSERT_TRUE(migrate(db.get(), 1));
    ASSERT_EQ(1, *schema_version(db.get()));
    ASSERT_TRUE(exec(db.get(),
                     "INSERT INTO sites(id, name) VALUES (1, 'aljazeera'), (2, 'nna');"
                     "INSERT INTO urls(site_id, url, canonical_url, state, attempts, discovered_at, via, updated_at) "
                     "VALUES (1, 'https://www.aljazeera.net/news/2022/10/6/a', "
                     "'https://www.aljazeera.net/news/2022/10/6/a', 'queued', 0, 1665064800000, 'rss', 1665064800000),"
                     "(1, 'HTTPS://WWW.Aljazeera.NET?p=7', 'https://www.aljazeera.net/?p=7', 'fetching', 2, "
                     "1665064860000, 'rss', 1665064860000),"
                     "(2, 'http://nna-leb.gov.lb:8080/ar/show-news/1', 'http://nna-leb.gov.lb:8080/ar/show-news/1', "
                     "'done', 1, 1665064700000, '', 1665064900000),"
                     "(2, 'http://nna-leb.gov.lb/ar/show-news/2', 'http://nna-leb.gov.lb/ar/show-news/2', 'failed', 5, "
                     "1665064700000, '', 1665064900000);"));
  }
  auto store = open();
  ASSERT_TRUE(store);
  RawDb raw(db_path());
  EXPECT_EQ(latest_schema_version(), raw.scalar("PRAGMA user_version"));
  EXPECT_EQ(4, raw.scalar("SELECT COUNT(*) FROM urls"));
  EXPECT_EQ("https://www.aljazeera.net:443", raw.text("SELECT host FROM urls WHERE canonical_url = ?",
                                                      "https://www.aljazeera.net/?p=7"));
  EXPECT_EQ("http://nna-leb.gov.lb:8080", raw.text("SELECT host FROM urls WHERE canonical_url = ?",
                                                   "http://nna-leb.gov.lb:8080/ar/show-news/1"));
  EXPECT_EQ("http://nna-leb.gov.lb:80", raw.text("SELECT host FROM urls WHERE canonical_url = ?",
                                                 "http://nna-leb.gov.lb/ar/show-news/2"));
  EXPECT_EQ(0, raw.scalar("SELECT COUNT(*) FROM urls WHERE next_attempt_at IS NOT discovered_at"));
  EXPECT_EQ(2, *store->count_queued());

  // The queued row is due from its discovery; the in-flight one comes back with recovery.
  const WallTime discovered = from_unix_ms(1665064800000);
  EXPECT_EQ(std::vector<std::string>{"https://www.aljazeera.net/news/2022/10/6/a"},
            urls_of(claim(*store, discovered, 10, 10)));
  EXPECT_EQ(2, *store->recover_frontier());
  const ClaimedBatch batch = claim(*store, std::chrono::system_clock::now(), 10, 10);
  ASSERT_EQ(2u, batch.urls.size());
  EXPECT_EQ("HTTPS://WWW.Aljazeera.NET?p=7", batch.urls[1].url);
  EXPECT_EQ(2, batch.urls[1].attempts);
  EXPECT_EQ("aljazeera", batch.urls[1].site);

  auto stats = store->site_stats();
  ASSERT_TRUE(stats);
  const SiteStats* nna = stats_of(*stats, "nna");
  ASSERT_NE(nullptr, nna);
  EXPECT_EQ(1, nna->urls_failed);
  EXPECT_EQ(0, nna->urls_queued);
}

}  // namespace
}  // namespace akhbar::store
