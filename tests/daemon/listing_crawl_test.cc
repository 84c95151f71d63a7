// Issue 5 end to end against a loopback news site whose site file names only its start page:
// the feed is found on that page (autodiscovery), the sitemaps in robots.txt, the sitemap index
// leads to its children; feed items drive the next poll; a second run reads only what changed.
#include <filesystem>
#include <fstream>
#include <map>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>

#include "config/config.h"
#include "parsers/date/date.h"
#include "store/store.h"
#include "tests/daemon/crawl_support.h"
#include "tests/support/fault_routes.h"
#include "tests/support/test_http_server.h"

namespace akhbar {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::system_clock;
using testing::Route;
using testing::TestHttpServer;

const char* const kStories[][2] = {
    {"الأمم المتحدة تدعو إلى إدخال المساعدات عبر معبر باب الهوى", "دعا مكتب تنسيق الشؤون الإنسانية التابع للأمم المتحدة إلى تمديد آلية إدخال المساعدات"},
    {"انخفاض منسوب نهر الفرات يهدد محطات مياه الشرب", "حذرت منظمات محلية من انخفاض غير مسبوق في منسوب نهر الفرات يهدد محطات ضخ مياه الشرب"},
    {"افتتاح أول مكتبة عامة في مدينة الباب منذ سنوات", "افتتحت في مدينة الباب بريف حلب الشرقي أول مكتبة عامة تضم آلاف الكتب في مختلف المجالات"},
    {"مزارعو درعا يبدؤون موسم قطاف الزيتون", "بدأ مزارعو محافظة درعا موسم قطاف الزيتون وسط توقعات بإنتاج أقل من العام الماضي"},
    {"وزارة التربية تعلن مواعيد امتحانات الشهادة الثانوية", "أعلنت وزارة التربية مواعيد امتحانات الشهادة الثانوية للدورة الأولى من العام الدراسي"},
};

std::string article_page(int story, const std::string& edit = "") {
  const auto& s = kStories[story];
  std::ostringstream out;
  out << "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>" << s[0]
      << " - عنب بلدي</title></head><body><article><h1>" << s[0] << "</h1>"
      << "<time datetime=\"2026-11-2" << story << "T09:30:00+03:00\">2" << story << " تشرين الثاني 2026</time>";
  for (int p = 0; p < 4; ++p) {
    out << "<p>" << s[1] << edit << "، بحسب ما نقله مراسل عنب بلدي في الفقرة " << p + 1
        << " من التقرير الذي يتابع تفاصيل القضية وتطوراتها خلال الأيام الماضية.</p>";
  }
  out << "</article></body></html>";
  return out.str();
}

std::string rfc822(WallTime t) {
  const std::time_t tt = system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

class ListingCrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = "http://127.0.0.1:" + std::to_string(site_.port());
    dir_ = fs::temp_directory_path() / ("akhbar-listing-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sites.d");
    std::ofstream(dir_ / "akhbard.yaml") << "store: akhbar.db\nsites: sites.d\nconcurrency: 4\n"
                                            "politeness:\n  min_delay: 10ms\n"
                                            "fetch:\n  timeout: 10s\n  connect_timeout: 2s\n"
                                            "allow_private_addresses: true\n";
    // Only the start page: feeds and sitemaps are for the crawler to find.
    std::ofstream(dir_ / "sites.d" / "enab.yaml") << "name: enab-baladi\ntitle: عنب بلدي\ntimezone: Asia/Damascus\n"
                                                     "start: " << base_ << "/\n"
                                                     "articles:\n  match: '/archives/\\d+$'\n";
    serve();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void serve() {
    site_.route("/robots.txt", testing::robots_txt(200, "User-agent: *\nDisallow: /wp-admin/\n\n"
                                                        "Sitemap: " + base_ + "/sitemap_index.xml\n"));
    site_.route("/", testing::ok_html(
        "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>عنب بلدي</title>"
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"عنب بلدي &raquo; الخلاصة\" href=\"" + base_ + "/feed/\">"
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"عنب بلدي &raquo; خلاصة التعليقات\" href=\"" + base_ + "/comments/feed/\">"
        "</head><body><h1>عنب بلدي</h1><a href=\"/archives/0\">" + std::string(kStories[0][0]) + "</a></body></html>"));
    // Three items of the last day: a busy enough feed to be polled within the day.
    const auto now = system_clock::now();
    std::ostringstream rss;
    rss << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>عنب بلدي</title>"
        << "<link>" << base_ << "/</link>";
    for (int i = 0; i < 3; ++i) {
      rss << "<item><title>" << kStories[i][0] << "</title><link>" << base_ << "/archives/" << i << "</link>"
          << "<guid isPermaLink=\"false\">" << base_ << "/?p=" << 700 + i << "</guid><pubDate>"
          << rfc822(now - hours(2 + 5 * i)) << "</pubDate></item>";
    }
    rss << "</channel></rss>";
    Route feed;
    feed.content_type = "application/rss+xml; charset=UTF-8";
    feed.body = rss.str();
    feed.headers.push_back({"Cache-Control", "public, max-age=1800"});
    site_.route("/feed/", feed);
    site_.route("/sitemap_index.xml", xml(index_xml("2026-11-20T08:00:00+00:00")));
    site_.route("/post-sitemap1.xml", xml(post_sitemap("2026-11-01T08:00:00+00:00")));
    site_.route("/news-sitemap.xml", xml(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
        "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>" + base_ + "/archives/4</loc>"
        "<news:news><news:publication><news:name>عنب بلدي</news:name><news:language>ar</news:language>"
        "</news:publication><news:publication_date>2026-11-24T09:30:00+03:00</news:publication_date>"
        "<news:title>" + kStories[4][0] + "</news:title></news:news></url></urlset>"));
    for (int i = 0; i < 5; ++i) site_.route("/archives/" + std::to_string(i), testing::ok_html(article_page(i)));
  }

  static Route xml(std::string body) {
    Route r;
    r.content_type = "application/xml; charset=UTF-8";
    r.body = std::move(body);
    return r;
  }
  std::string index_xml(const std::string& posts_lastmod) const {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
           "<sitemap><loc>" + base_ + "/post-sitemap1.xml</loc><lastmod>" + posts_lastmod + "</lastmod></sitemap>"
           "<sitemap><loc>" + base_ + "/news-sitemap.xml</loc><lastmod>2026-11-24T06:31:00+00:00</lastmod></sitemap>"
           "</sitemapindex>";
  }
  // Article 0 (also in the feed) and article 3 (only here).
  std::string post_sitemap(const std::string& lastmod3) const {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
           "xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">"
           "<url><loc>" + base_ + "/archives/0</loc><lastmod>2026-10-30T10:00:00+00:00</lastmod>"
           "<image:image><image:loc>" + base_ + "/wp-content/uploads/0.jpg</image:loc></image:image></url>"
           "<url><loc>" + base_ + "/archives/3</loc><lastmod>" + lastmod3 + "</lastmod></url>"
           "<url><loc>" + base_ + "/category/news</loc><lastmod>2026-11-01T08:00:00+00:00</lastmod></url>"
           "</urlset>";
  }

  config::Config load() {
    auto report = config::load_config(dir_ / "akhbard.yaml");
    for (const auto& e : report.errors) ADD_FAILURE() << e.str();
    return report.config;
  }

  std::map<std::string, store::SourceRecord> sources(const config::Config& cfg) {
    auto store = store::Store::open(cfg.daemon.store);
    EXPECT_TRUE(store);
    std::map<std::string, store::SourceRecord> out;
    if (!store) return out;
    auto rows = (*store)->load_sources("enab-baladi");
    EXPECT_TRUE(rows);
    for (auto& r : *rows) out[r.url.substr(base_.size())] = r;
    return out;
  }

  std::size_t article_count(const config::Config& cfg) {
    auto store = store::Store::open(cfg.daemon.store);
    auto n = store ? (*store)->count_articles() : Result<std::int64_t>(0);
    return n ? static_cast<std::size_t>(*n) : 0;
  }

  TestHttpServer site_;
  std::string base_;
  fs::path dir_;
};

TEST_F(ListingCrawlTest, FindsTheFeedAndSitemapsItselfAndSchedulesFromWhatItSaw) {
  const auto cfg = load();
  const auto before = system_clock::now();
  const std::string log = testing::crawl_once(cfg);

  // Found: the feed on the start page (not the comments feed), the index in robots.txt, its children.
  EXPECT_NE(log.find("source_found site=enab-baladi url=" + base_ + "/feed/ kind=feed origin=html"), std::string::npos) << log;
  if (std::getenv("AKHBAR_SHOW_LOG")) std::cout << log;
  EXPECT_EQ(site_.request_count("/comments/feed/"), 0u);
  EXPECT_NE(log.find("url=" + base_ + "/sitemap_index.xml kind=sitemap origin=robots"), std::string::npos) << log;
  EXPECT_NE(log.find("url=" + base_ + "/post-sitemap1.xml kind=sitemap origin=index"), std::string::npos) << log;
  EXPECT_NE(log.find("url=" + base_ + "/news-sitemap.xml kind=sitemap origin=index"), std::string::npos) << log;
  // Every article once: 0-2 from the feed (0 also on the start page and in the sitemap), 3 from the
  // post sitemap (its category page is not an article), 4 from the news sitemap.
  EXPECT_EQ(article_count(cfg), 5u) << log;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(site_.request_count("/archives/" + std::to_string(i)), 1u) << i;
  EXPECT_EQ(site_.request_count("/category/news"), 0u);

  // The feed's listing line says what was new and when it is read again, and why.
  EXPECT_NE(log.find("format=rss items=3 articles=3"), std::string::npos) << log;
  EXPECT_NE(log.find("new=3 new_7d=3"), std::string::npos) << log;
  EXPECT_NE(log.find("why=\"adaptive: 3 new items in 7d\""), std::string::npos) << log;
  EXPECT_NE(log.find("format=news-sitemap"), std::string::npos) << log;
  EXPECT_NE(log.find("format=sitemapindex items=2 articles=0 sitemaps=2"), std::string::npos) << log;

  // Due times are in the store: the next run (or a restart) starts from them.
  auto src = sources(cfg);
  ASSERT_EQ(src.size(), 5u);  // start page, feed, index, two children
  EXPECT_EQ(src["/feed/"].origin, "html");
  EXPECT_EQ(src["/feed/"].items_week, 3);
  ASSERT_TRUE(src["/feed/"].next_due_at);
  // 3 items in a week: 7d/3 = 56h, clamped to a day, minus at most 10% jitter.
  EXPECT_GE(*src["/feed/"].next_due_at, before + hours(21));
  EXPECT_LE(*src["/feed/"].next_due_at, system_clock::now() + hours(24));
  EXPECT_EQ(src["/sitemap_index.xml"].origin, "robots");
  EXPECT_EQ(src["/sitemap_index.xml"].interval_s, 24 * 3600);
  EXPECT_EQ(src["/news-sitemap.xml"].interval_s, 3600) << "news sitemaps are read hourly";
  EXPECT_EQ(src["/post-sitemap1.xml"].interval_s, 30 * 24 * 3600) << "its index says when it changes";
  EXPECT_EQ(src["/post-sitemap1.xml"].lastmod, parse_rfc3339("2026-11-20T08:00:00Z"));
  EXPECT_EQ(src["/"].origin, "");
  EXPECT_EQ(src["/"].interval_s, 30 * 60);
}

TEST_F(ListingCrawlTest, ASecondRunReadsOnlyChangedSitemapsAndChangedArticles) {
  const auto cfg = load();
  testing::crawl_once(cfg);
  ASSERT_EQ(article_count(cfg), 5u);
  // The site edits article 3 and says so: its lastmod moves past our fetch, and so does the post
  // sitemap's lastmod in the index. The news sitemap is unchanged.
  const std::string later = parsers::format_in_zone(system_clock::now() + minutes(1), "UTC");
  site_.route("/sitemap_index.xml", xml(index_xml(later)));
  site_.route("/post-sitemap1.xml", xml(post_sitemap(later)));
  site_.route("/archives/3", testing::ok_html(article_page(3, " (محدّث)")));
  const std::string log = testing::crawl_once(cfg);

  EXPECT_EQ(site_.request_count("/sitemap_index.xml"), 2u);
  EXPECT_EQ(site_.request_count("/post-sitemap1.xml"), 2u) << log;
  EXPECT_EQ(site_.request_count("/news-sitemap.xml"), 1u) << "unchanged in the index: not read again\n" << log;
  EXPECT_EQ(site_.request_count("/archives/3"), 2u) << "changed after we read it: read again\n" << log;
  EXPECT_EQ(site_.request_count("/archives/0"), 1u) << "its lastmod is older than our copy\n" << log;
  EXPECT_NE(log.find("sitemaps_changed site=enab-baladi"), std::string::npos) << log;
  // Start page, feed and index are read; the two children wait for their index's word.
  EXPECT_NE(log.find("schedule sources=5 due_now=3\n"), std::string::npos) << log;
  EXPECT_EQ(log.find("source_found"), std::string::npos) << "found sources come back from the store\n" << log;
  // The feed showed nothing new this time.
  EXPECT_NE(log.find("new=0 new_7d=3"), std::string::npos) << log;
  EXPECT_EQ(article_count(cfg), 5u) << "the edited article replaces its row";
}

TEST_F(ListingCrawlTest, AFailingFeedIsBackedOffAndKeptWithItsError) {
  std::ofstream(dir_ / "sites.d" / "enab.yaml", std::ios::app) << "feeds:\n  - url: " << base_ << "/broken-feed\n";
  site_.route("/broken-feed", testing::ok_html("<html><body>خطأ في الخادم</body></html>"));  // HTML, not a feed
  const auto cfg = load();
  const auto before = system_clock::now();
  const std::string log = testing::crawl_once(cfg);
  EXPECT_NE(log.find("parse_failed site=enab-baladi url=" + base_ + "/broken-feed"), std::string::npos) << log;
  EXPECT_EQ(log.find("origin=html"), std::string::npos) << "a configured feed: no autodiscovery\n" << log;
  testing::crawl_once(cfg);
  auto src = sources(cfg);
  const auto& broken = src["/broken-feed"];
  EXPECT_EQ(broken.failures, 2);
  EXPECT_NE(broken.last_error.find("not a feed"), std::string::npos) << broken.last_error;
  // Two failures: 15 min without history, doubled, ±10%.
  ASSERT_TRUE(broken.next_due_at);
  EXPECT_GE(*broken.next_due_at, before + minutes(27));
  EXPECT_LE(*broken.next_due_at, system_clock::now() + minutes(33));
}

}  // namespace
}  // namespace akhbar
