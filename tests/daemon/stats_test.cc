// `akhbard stats`: a failing source is listed with its error and next try; --sources lists the
// schedule of every source. Run on a real SQLite file written through the store.
#include <filesystem>

#include <gtest/gtest.h>

#include "daemon/commands.h"
#include "store/store.h"

namespace akhbar::daemon {
namespace {

namespace fs = std::filesystem;

WallTime at(std::string_view text) { return *parse_rfc3339(text); }

class StatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("akhbar-stats-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = store::Store::open(db());
    ASSERT_TRUE(store);
    (*store)->ensure_site("alquds", "");
    store::SourceRecord feed;
    feed.site = "alquds";
    feed.url = "https://www.alquds.co.uk/feed/";
    feed.kind = "feed";
    feed.interval_s = 2400;
    feed.items_week = 252;
    feed.next_due_at = at("2026-12-02T10:40:00Z");
    feed.last_success_at = at("2026-12-02T10:00:00Z");
    (*store)->save_source(feed);
    store::SourceRecord broken = feed;
    broken.url = "https://www.alquds.co.uk/rss-old.xml";
    broken.failures = 4;
    broken.last_status = 200;
    broken.last_error = "feed: not a feed (root element <html>)";
    broken.interval_s = 8 * 3600;
    broken.items_week = -1;
    broken.next_due_at = at("2026-12-02T18:00:00Z");
    broken.last_success_at.reset();
    (*store)->save_source(broken);
    store::SourceRecord child;
    child.site = "alquds";
    child.url = "https://www.alquds.co.uk/post-sitemap12.xml";
    child.kind = "sitemap";
    child.origin = "index";
    child.interval_s = 30 * 24 * 3600;
    (*store)->save_source(child);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path db() const { return dir_ / "akhbar.db"; }

  std::string stats(bool sources) {
    CommonOptions common;
    common.db = db().string();
    ::testing::internal::CaptureStdout();
    EXPECT_EQ(cmd_stats(common, sources), 0);
    return ::testing::internal::GetCapturedStdout();
  }

  fs::path dir_;
};

TEST_F(StatsTest, AFailingSourceIsListedWithItsErrorAndNextTry) {
  const std::string out = stats(false);
  EXPECT_NE(out.find("alquds"), std::string::npos) << out;
  const auto failing = out.find("failing sources");
  ASSERT_NE(failing, std::string::npos) << out;
  const std::string tail = out.substr(failing);
  EXPECT_NE(tail.find("https://www.alquds.co.uk/rss-old.xml"), std::string::npos) << out;
  EXPECT_NE(tail.find("feed: not a feed (root element <html>)"), std::string::npos) << out;
  EXPECT_NE(tail.find("2026-12-02T18:00:00"), std::string::npos) << "the next try\n" << out;
  EXPECT_NE(tail.find("       4 "), std::string::npos) << "four failures\n" << out;
  EXPECT_EQ(tail.find("https://www.alquds.co.uk/feed/"), std::string::npos) << "a healthy feed is not failing";
  EXPECT_EQ(out.find("\nsources\n"), std::string::npos) << "the schedule only with --sources";
}

TEST_F(StatsTest, SourcesListsTheScheduleOfEverySource) {
  const std::string out = stats(true);
  const auto table = out.find("\nsources\n");
  ASSERT_NE(table, std::string::npos) << out;
  const std::string tail = out.substr(table);
  EXPECT_NE(tail.find("config"), std::string::npos) << out;
  EXPECT_NE(tail.find("found:index"), std::string::npos) << out;
  EXPECT_NE(tail.find("40.0m"), std::string::npos) << "the feed's interval\n" << out;
  EXPECT_NE(tail.find("252"), std::string::npos) << "its new items over 7 days\n" << out;
  EXPECT_NE(tail.find("720.0h"), std::string::npos) << "the indexed child's monthly poll\n" << out;
  EXPECT_NE(tail.find("2026-12-02T10:40:00"), std::string::npos) << out;
}

}  // namespace
}  // namespace akhbar::daemon
