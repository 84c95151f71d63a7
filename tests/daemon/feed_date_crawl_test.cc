// An article page without a date of its own takes the date of the feed or news-sitemap item that
// led to it, and says so (date_from=feed / sitemap); a date on the page always wins. End to end
// against a loopback site, into a real SQLite store.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "config/config.h"
#include "store/store.h"
#include "tests/daemon/crawl_support.h"
#include "tests/support/fault_routes.h"
#include "tests/support/test_http_server.h"

namespace akhbar {
namespace {

namespace fs = std::filesystem;
using testing::Route;
using testing::TestHttpServer;

// No date anywhere: no <time>, no meta, no JSON-LD, no date in the text.
std::string undated_page(const std::string& title, const std::string& lead) {
  std::ostringstream out;
  out << "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>" << title
      << " - هسبريس</title></head><body><article><h1>" << title << "</h1>";
  for (int p = 0; p < 4; ++p) {
    out << "<p>" << lead << "، وفق ما أفاد به مصدر مطلع لجريدة هسبريس في الفقرة رقم " << p + 1
        << " من هذا التقرير الذي يتابع تفاصيل الملف وتطوراته المختلفة لدى الجهات المعنية.</p>";
  }
  out << "</article></body></html>";
  return out.str();
}

std::string dated_page(const std::string& title, const std::string& lead, const std::string& iso) {
  std::string page = undated_page(title, lead);
  const std::string h1_end = "</h1>";
  page.insert(page.find(h1_end) + h1_end.size(), "<time datetime=\"" + iso + "\"></time>");
  return page;
}

class FeedDateCrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = "http://127.0.0.1:" + std::to_string(site_.port());
    dir_ = fs::temp_directory_path() / ("akhbar-feeddate-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sites.d");
    std::ofstream(dir_ / "akhbard.yaml") << "store: akhbar.db\nsites: sites.d\nconcurrency: 4\n"
                                            "politeness:\n  min_delay: 10ms\n"
                                            "fetch:\n  timeout: 10s\n  connect_timeout: 2s\n"
                                            "allow_private_addresses: true\n";
    std::ofstream(dir_ / "sites.d" / "hespress.yaml")
        << "name: hespress\ntitle: هسبريس\ntimezone: Africa/Casablanca\n"
        << "feeds:\n  - url: " << base_ << "/feed\n"
        << "sitemaps:\n  - " << base_ << "/news-sitemap.xml\n"
        << "articles:\n  match: '/news/\\d+$'\n";
    site_.route("/robots.txt", testing::robots_txt(200, "User-agent: *\nDisallow: /wp-admin/\n"));
    Route feed;
    feed.content_type = "application/rss+xml; charset=UTF-8";
    feed.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>هسبريس</title>"
                "<link>" + base_ + "/</link>"
                "<item><title>الحكومة تصادق على مشروع قانون المالية</title><link>" + base_ + "/news/1</link>"
                "<guid>" + base_ + "/?p=1</guid><pubDate>Tue, 01 Dec 2026 07:15:00 +0000</pubDate></item>"
                "<item><title>أمطار رعدية مرتقبة بعدد من المدن</title><link>" + base_ + "/news/2</link>"
                "<guid>" + base_ + "/?p=2</guid><pubDate>Tue, 01 Dec 2026 08:00:00 +0000</pubDate></item>"
                "</channel></rss>";
    site_.route("/feed", feed);
    Route sitemap;
    sitemap.content_type = "application/xml; charset=UTF-8";
    sitemap.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                   "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>" + base_ + "/news/3</loc>"
                   "<news:news><news:publication><news:name>هسبريس</news:name><news:language>ar</news:language>"
                   "</news:publication><news:publication_date>2026-11-30T18:45:00+01:00</news:publication_date>"
                   "<news:title>افتتاح معرض الكتاب</news:title></news:news></url></urlset>";
    site_.route("/news-sitemap.xml", sitemap);
    // 1: no date on the page; 2: the page's own date, which must win over the feed's; 3: no date,
    // listed by the news sitemap only.
    site_.route("/news/1", testing::ok_html(undated_page("الحكومة تصادق على مشروع قانون المالية",
                                                         "صادق مجلس الحكومة على مشروع قانون المالية للسنة المقبلة")));
    site_.route("/news/2", testing::ok_html(dated_page("أمطار رعدية مرتقبة بعدد من المدن",
                                                       "توقعت المديرية العامة للأرصاد الجوية أمطارا رعدية قوية",
                                                       "2026-11-30T22:10:00+01:00")));
    site_.route("/news/3", testing::ok_html(undated_page("افتتاح معرض الكتاب",
                                                         "افتتحت الدورة الجديدة من المعرض الدولي للنشر والكتاب بالرباط")));
  }
  void TearDown() override { fs::remove_all(dir_); }

  config::Config load() {
    auto report = config::load_config(dir_ / "akhbard.yaml");
    for (const auto& e : report.errors) ADD_FAILURE() << e.str();
    return report.config;
  }

  std::map<std::string, store::ArticleRow> stored(const config::Config& cfg) {
    std::map<std::string, store::ArticleRow> out;
    auto store = store::Store::open(cfg.daemon.store);
    EXPECT_TRUE(store);
    if (!store) return out;
    auto r = (*store)->for_each_article({}, [&](const store::ArticleRow& a) {
      out[a.canonical_url.substr(a.canonical_url.rfind('/'))] = a;
    });
    EXPECT_TRUE(r);
    return out;
  }

  TestHttpServer site_;
  std::string base_;
  fs::path dir_;
};

TEST_F(FeedDateCrawlTest, AnUndatedPageTakesTheFeedItemsPubDateAndThePagesOwnDateWins) {
  const auto cfg = load();
  const std::string log = testing::crawl_once(cfg);
  const auto articles = stored(cfg);
  ASSERT_EQ(3u, articles.size()) << log;

  // The feed's pubDate, in the site's zone (Casablanca is +01:00), said to come from the feed.
  const auto& one = articles.at("/1");
  ASSERT_TRUE(one.published_at) << log;
  EXPECT_EQ("2026-12-01T08:15:00+01:00", one.published_at_text);
  EXPECT_EQ("feed", one.date_from);
  EXPECT_EQ("", one.published_raw) << "published_raw only ever holds text from the page";
  EXPECT_NE(log.find("date_from=feed"), std::string::npos) << log;

  // The page's <time datetime> wins over the feed item's pubDate.
  const auto& two = articles.at("/2");
  ASSERT_TRUE(two.published_at);
  EXPECT_EQ("2026-11-30T22:10:00+01:00", two.published_at_text);
  EXPECT_EQ("time", two.date_from);

  // A news sitemap's publication_date stands in the same way.
  const auto& three = articles.at("/3");
  ASSERT_TRUE(three.published_at) << log;
  EXPECT_EQ("2026-11-30T18:45:00+01:00", three.published_at_text);
  EXPECT_EQ("sitemap", three.date_from);
}

}  // namespace
}  // namespace akhbar
