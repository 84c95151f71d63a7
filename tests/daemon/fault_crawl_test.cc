// A crawl through every fault a news site can throw at us, served by fault-injecting loopback
// servers (one per host): politeness, robots.txt, retries and limits are checked from the servers'
// own request logs and from what ended up in the store, never from sleeps or timings in the test.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
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
using testing::Fault;
using testing::LoggedRequest;
using testing::Route;
using testing::TestHttpServer;
using testing::gzip_bomb;
using testing::huge_header;
using testing::ok_html;
using testing::redirect_to;
using testing::retry_after;
using testing::robots_txt;
using testing::unavailable;

// Distinct Arabic stories (distinct content hashes), one per article page.
const char* const kStories[][2] = {
    {"انقطاع الكهرباء عن أحياء واسعة في دمشق", "تشهد أحياء واسعة في العاصمة دمشق انقطاعاً للتيار الكهربائي يصل إلى عشرين ساعة يومياً"},
    {"ارتفاع سعر صرف الدولار في الأسواق السورية", "سجل سعر صرف الدولار الأمريكي ارتفاعاً جديداً أمام الليرة السورية في السوق الموازية"},
    {"افتتاح معبر حدودي جديد مع الأردن", "أعلنت السلطات افتتاح معبر حدودي جديد لتسهيل حركة البضائع والمسافرين بين البلدين"},
    {"موجة برد تضرب مخيمات الشمال السوري", "يعاني آلاف النازحين في مخيمات الشمال السوري من موجة برد قارس وسط نقص في وسائل التدفئة"},
    {"إطلاق حملة لقاح ضد شلل الأطفال في إدلب", "أطلقت مديرية الصحة في إدلب حملة تلقيح ضد شلل الأطفال تستهدف أكثر من مئة ألف طفل"},
    {"تأجيل امتحانات الجامعة بسبب الأحوال الجوية", "قررت إدارة الجامعة تأجيل الامتحانات المقررة هذا الأسبوع بسبب العاصفة الثلجية"},
    {"مزارعو الغوطة يشكون ارتفاع أسعار الأسمدة", "يشكو مزارعو الغوطة الشرقية من ارتفاع أسعار الأسمدة والمحروقات مع بداية الموسم الزراعي"},
    {"عودة رحلات الطيران بين دمشق والرياض", "استأنفت شركات الطيران رحلاتها المباشرة بين دمشق والرياض بعد توقف دام أكثر من عشر سنوات"},
    {"ترميم سوق المدينة القديم في حلب", "انتهت أعمال ترميم أجزاء من سوق المدينة القديم في حلب بعد سنوات من الدمار الذي لحق به"},
    {"نقص حاد في أدوية الأمراض المزمنة", "تشهد الصيدليات نقصاً حاداً في أدوية الأمراض المزمنة مثل السكري وضغط الدم"},
    {"معرض للكتاب في اللاذقية بمشاركة واسعة", "افتتح في اللاذقية معرض للكتاب بمشاركة أكثر من خمسين دار نشر محلية وعربية"},
    {"تحسن ملحوظ في إنتاج القمح هذا العام", "توقعت وزارة الزراعة تحسناً ملحوظاً في إنتاج القمح بفضل الأمطار الغزيرة هذا الموسم"},
};

std::string article_page(int story) {
  const auto& s = kStories[story % std::size(kStories)];
  std::ostringstream out;
  out << "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>" << s[0]
      << " - أخبار الشام</title><meta property=\"article:published_time\" content=\"2024-11-2" << story % 10
      << "T10:00:00+03:00\"></head><body><nav><a href=\"/\">الرئيسية</a></nav><article><h1>" << s[0]
      << "</h1><div class=\"content\">";
  for (int p = 0; p < 4; ++p) {
    out << "<p>" << s[1] << "، وفق ما أفاد به مراسلنا في الفقرة رقم " << p + 1
        << " من هذا التقرير الذي يتابع تفاصيل الحدث وتطوراته خلال الأيام الماضية.</p>";
  }
  out << "</div><div class=\"related\"><h3>اقرأ أيضاً</h3></div></article><footer>© أخبار الشام</footer></body></html>";
  return out.str();
}

std::string listing_page(const std::vector<std::string>& paths) {
  std::string html = "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>آخر الأخبار</title></head><body><ul>";
  for (const auto& p : paths) html += "<li><a href=\"" + p + "\">خبر</a></li>";
  return html + "</ul></body></html>";
}

Millis gap(const LoggedRequest& before, const LoggedRequest& after) {
  return std::chrono::duration_cast<Millis>(after.arrived - before.finished);
}

class FaultCrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("akhbar-faults-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sites.d");
    std::ofstream(dir_ / "akhbard.yaml") << "store: akhbar.db\nsites: sites.d\nconcurrency: 8\n"
                                            "politeness:\n  min_delay: 100ms\n  max_crawl_delay: 60s\n"
                                            "fetch:\n  timeout: 3s\n  connect_timeout: 1s\n  max_body: 2MB\n"
                                            "retry:\n  attempts: 4\n  base_delay: 200ms\n  max_delay: 3s\n"
                                            "allow_private_addresses: true\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  void site(const std::string& name, const std::string& body) {
    std::ofstream(dir_ / "sites.d" / (name + ".yaml")) << "name: " << name << "\ntimezone: Asia/Damascus\n" << body;
  }

  std::string crawl() {
    auto report = config::load_config(dir_ / "akhbard.yaml");
    for (const auto& e : report.errors) ADD_FAILURE() << e.str();
    return testing::crawl_once(report.config);
  }

  std::set<std::string> stored_paths() {
    std::set<std::string> paths;
    auto store = store::Store::open(dir_ / "akhbar.db");
    EXPECT_TRUE(store);
    (*store)->for_each_article({}, [&](const store::ArticleRow& a) {
      paths.insert(a.canonical_url.substr(a.canonical_url.find('/', 8)));
    });
    return paths;
  }

  fs::path dir_;
};

TEST_F(FaultCrawlTest, EveryRecoverableArticleIsStoredPolitelyAndNothingForbiddenIsRequested) {
  TestHttpServer news;   // the main site: every fault, robots disallows /private/
  TestHttpServer down;   // robots.txt answers 500: disallow all, nothing else is requested
  TestHttpServer open;   // robots.txt answers 404: allow all
  TestHttpServer slow;   // robots.txt sets Crawl-delay: 1

  news.route("/robots.txt", robots_txt(200, "User-agent: *\nDisallow: /private/\n\nUser-agent: akhbard\nDisallow: /private/\n"
                                      "Disallow: /*.pdf$\nSitemap: " + news.base_url() + "/sitemap.xml\n"));
  news.route("/news/", ok_html(listing_page({"/a/1", "/a/2", "/a/3", "/a/4", "/a/5", "/a/6", "/a/7", "/a/8", "/a/9",
                                          "/a/11", "/a/12", "/private/10", "/a/13.pdf"})));
  news.route("/a/1", ok_html(article_page(0)));
  Route slow_body = ok_html(article_page(1));
  slow_body.fault = Fault::kSlowBody;
  slow_body.delay_ms = 20;
  news.route("/a/2", slow_body);
  Route reset = ok_html(article_page(2));
  reset.fault = Fault::kResetMidBody;
  news.route_sequence("/a/3", {reset, ok_html(article_page(2))});
  Route truncated = ok_html(article_page(3));
  truncated.fault = Fault::kTruncated;
  news.route_sequence("/a/4", {truncated, ok_html(article_page(3))});
  news.route_sequence("/a/5", {retry_after(429, "2"), ok_html(article_page(4))});
  news.route_sequence("/a/6", {unavailable(), unavailable(), ok_html(article_page(5))});
  news.route("/a/7", redirect_to("/a/7"));         // a loop
  news.route("/a/8", gzip_bomb(64 << 20));         // 64 MB of zeros in a few hundred bytes
  news.route("/a/9", huge_header(1 << 20));        // one 1 MiB header line
  news.route("/a/11", redirect_to("/a/11-moved", 301));
  news.route("/a/11-moved", ok_html(article_page(7)));
  Route gone = ok_html("<html><body><h1>الصفحة غير موجودة</h1></body></html>");
  gone.status = 404;
  news.route("/a/12", gone);
  news.route("/private/10", ok_html(article_page(8)));
  news.route("/a/13.pdf", ok_html(article_page(8)));
  news.route("/feed.xml", redirect_to("/rss.xml", 301));
  Route rss;
  rss.content_type = "application/rss+xml; charset=utf-8";
  rss.body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>أخبار الشام</title><item><title>" +
             std::string(kStories[9][0]) + "</title><link>/a/20</link></item></channel></rss>";
  news.route("/rss.xml", rss);
  news.route("/a/20", ok_html(article_page(9)));

  down.route("/robots.txt", robots_txt(500, "oops"));
  down.route("/news/", ok_html(listing_page({"/x/1"})));
  down.route("/x/1", ok_html(article_page(10)));

  open.route("/news/", ok_html(listing_page({"/y/1"})));
  open.route("/y/1", ok_html(article_page(10)));

  slow.route("/robots.txt", robots_txt(200, "User-agent: *\nCrawl-delay: 1\n"));
  slow.route("/news/", ok_html(listing_page({"/z/1", "/z/2"})));
  slow.route("/z/1", ok_html(article_page(11)));
  slow.route("/z/2", ok_html(article_page(0) + "<!-- same story, another URL -->"));

  auto site_with = [&](const TestHttpServer& s, const std::string& extra) {
    return "sections:\n  - " + s.base_url() + "/news/\narticles:\n  match: '^" + s.base_url() + "/[a-z]+/'\n" + extra;
  };
  site("news", site_with(news, "feeds:\n  - " + news.base_url() + "/feed.xml\n"));
  site("down", site_with(down, ""));
  site("open", site_with(open, ""));
  site("slow", site_with(slow, ""));

  const std::string log = crawl();
  const auto stored = stored_paths();
  for (const char* path : {"/a/1", "/a/2", "/a/3", "/a/4", "/a/5", "/a/6", "/a/11-moved", "/a/20", "/y/1", "/z/1",
                           "/z/2"}) {
    EXPECT_TRUE(stored.count(path)) << path << "\n" << log;
  }
  for (const char* path : {"/a/7", "/a/8", "/a/9", "/a/12", "/private/10", "/a/13.pdf", "/x/1"}) {
    EXPECT_FALSE(stored.count(path)) << path;
  }

  // robots.txt: disallowed paths never requested; a 500 robots.txt locks the whole host.
  EXPECT_EQ(0u, news.request_count("/private/10"));
  EXPECT_EQ(0u, news.request_count("/a/13.pdf"));
  for (const auto& r : down.requests()) EXPECT_EQ("/robots.txt", r.target);
  EXPECT_EQ(1u, open.request_count("/y/1"));
  EXPECT_NE(std::string::npos, log.find("result=disallowed")) << log;

  // Permanent failures are tried once; transient ones until they succeed.
  EXPECT_EQ(1u, news.request_count("/a/12"));
  EXPECT_EQ(1u, news.request_count("/a/8"));
  EXPECT_EQ(2u, news.request_count("/a/3"));
  EXPECT_EQ(3u, news.request_count("/a/6"));
  EXPECT_NE(std::string::npos, log.find("retry site=news")) << log;
  EXPECT_NE(std::string::npos, log.find("attempt=2")) << log;
  EXPECT_NE(std::string::npos, log.find("source_moved site=news")) << log;

  // Politeness, from each server's own log: never two requests closer than the host's delay,
  // Crawl-delay: 1 honoured, and Retry-After: 2 defers the whole host.
  for (auto [server, delay] : {std::pair{&news, Millis(100)}, std::pair{&open, Millis(100)},
                               std::pair{&slow, Millis(1000)}, std::pair{&down, Millis(100)}}) {
    const auto requests = server->requests();
    for (std::size_t i = 1; i < requests.size(); ++i) {
      EXPECT_GE(gap(requests[i - 1], requests[i]), delay)
          << requests[i - 1].target << " → " << requests[i].target << " on " << server->base_url();
    }
  }
  const auto requests = news.requests();
  for (std::size_t i = 1; i < requests.size(); ++i) {
    if (requests[i - 1].target == "/a/5" && requests[i - 1].status == 429) {
      EXPECT_GE(gap(requests[i - 1], requests[i]), Millis(2000)) << "after 429 Retry-After: 2";
    }
  }

  // Failures are visible, never silently dropped.
  auto store = store::Store::open(dir_ / "akhbar.db");
  ASSERT_TRUE(store);
  auto stats = (*store)->site_stats();
  ASSERT_TRUE(stats);
  for (const auto& s : *stats) {
    if (s.site == "news") {
      EXPECT_EQ(4, s.urls_failed) << "redirect loop, gzip bomb, 1 MB header, 404";
      EXPECT_EQ(2, s.urls_disallowed);
    }
  }
}

}  // namespace
}  // namespace akhbar
