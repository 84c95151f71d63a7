// The whole pipe against real servers on 127.0.0.1: the demo sites of examples/demo/site, served by
// two loopback servers (two hosts), crawled with `run --once` semantics into a temporary SQLite file.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "config/config.h"
#include "store/store.h"
#include "tests/daemon/crawl_support.h"
#include "tests/support/test_http_server.h"

namespace akhbar {
namespace {

namespace fs = std::filesystem;
using testing::Route;
using testing::TestHttpServer;

const fs::path kDemo = fs::path(AKHBAR_SOURCE_DIR) / "examples" / "demo";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
}

// Serves every file under examples/demo/site/<dir> at /<dir>/...; "index.html" also at its folder.
void serve_demo_dir(TestHttpServer& server, const std::string& dir) {
  const fs::path root = kDemo / "site";
  for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string target = "/" + fs::relative(entry.path(), root).generic_string();
    Route r;
    r.body = slurp(entry.path());
    // No charset in the header: pages must be decoded from their own <meta> (one is windows-1256).
    r.content_type = entry.path().extension() == ".xml" ? "application/rss+xml; charset=UTF-8" : "text/html";
    if (entry.path().filename() == "index.html") {
      server.route(target.substr(0, target.size() - std::string("index.html").size()), r);
    }
    server.route(target, std::move(r));
  }
}

// Splits at blank lines and collapses whitespace (the seed has a no-break space before a space).
std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  bool space = false;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
    space = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\n\n") == 0) {
      flush();
      ++i;
    } else if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text.compare(i, 2, "\xC2\xA0") == 0) {
      if (text[i] == '\xC2') ++i;
      space = !cur.empty();
    } else {
      if (space) cur += ' ';
      space = false;
      cur += text[i];
    }
  }
  flush();
  return out;
}

class CrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    serve_demo_dir(baladi_, "baladi");
    serve_demo_dir(sham_, "shamtimes");
    dir_ = fs::temp_directory_path() / ("akhbar-crawl-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sites.d");
    std::ofstream(dir_ / "akhbard.yaml") << "store: akhbar.db\n"
                                            "sites: sites.d\n"
                                            "concurrency: 4\n"
                                            "politeness:\n  min_delay: 200ms\n"
                                            "fetch:\n  timeout: 10s\n  connect_timeout: 2s\n"
                                            "allow_private_addresses: true\n";
    // The shipped demo site files, pointed at the two test servers.
    write_site("baladi-news.yaml", baladi_.port());
    write_site("sham-times.yaml", sham_.port());
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_site(const std::string& name, std::uint16_t port) {
    std::string yaml = slurp(kDemo / "sites.d" / name);
    replace_all(yaml, "8765", std::to_string(port));
    std::ofstream(dir_ / "sites.d" / name) << yaml;
  }

  config::Config load() {
    auto report = config::load_config(dir_ / "akhbard.yaml");
    for (const auto& e : report.errors) ADD_FAILURE() << e.str();
    return report.config;
  }

  // Runs one `run --once` crawl; returns the log it wrote.
  std::string crawl(const config::Config& cfg) { return testing::crawl_once(cfg); }

  std::vector<store::ArticleRow> articles(const config::Config& cfg) {
    auto store = store::Store::open(cfg.daemon.store);
    std::vector<store::ArticleRow> rows;
    EXPECT_TRUE(store);
    if (!store) return rows;
    auto r = (*store)->for_each_article({}, [&](const store::ArticleRow& a) { rows.push_back(a); });
    EXPECT_TRUE(r);
    return rows;
  }

  TestHttpServer baladi_;
  TestHttpServer sham_;
  fs::path dir_;
};


TEST_F(CrawlTest, CrawlsTwoSitesAndAFeedStoresArticlesAndMarksTheRepublishedStoryAsDuplicate) {
  const auto cfg = load();
  ASSERT_EQ(2u, cfg.sites.size());
  const std::string log = crawl(cfg);
  const auto rows = articles(cfg);

  std::map<std::string, store::ArticleRow> by_path;
  for (const auto& a : rows) by_path[a.canonical_url.substr(a.canonical_url.find('/', 8))] = a;
  // Baladi: the section page leads to 3 articles; their related blocks to 2 more (2 links are 404).
  // Sham Times: the feed's 3 items.
  for (const char* path : {"/baladi/ar/articles/296801.html", "/baladi/ar/articles/296802.html",
                           "/baladi/ar/articles/296803.html", "/baladi/ar/articles/296804.html",
                           "/baladi/ar/articles/296805.html", "/shamtimes/news/qamishli-raid.html",
                           "/shamtimes/news/aleppo-bread-prices.html", "/shamtimes/news/idlib-schools.html"}) {
    EXPECT_TRUE(by_path.count(path)) << path << "\n" << log;
  }
  EXPECT_EQ(8u, rows.size()) << log;

  const auto& seed = by_path["/baladi/ar/articles/296801.html"];
  EXPECT_EQ("وكالة: أمريكا تجاهلت روسيا خلال تنفيذ عملية أمنية في القامشلي", seed.title);
  EXPECT_EQ("baladi-news", seed.site);
  EXPECT_EQ("2022-10-08T13:45:00+03:00", seed.published_at_text);
  // Every paragraph of the seed, in order, and nothing else: the golden file is title, then paragraphs.
  EXPECT_EQ(paragraphs(slurp(fs::path(AKHBAR_TEST_DATA) / "articles/baladi-news-qamishli.expected.txt")),
            paragraphs(seed.title + "\n\n" + seed.body));
  for (const char* junk : {"مقالات ذات صلة", "اقرأ أيضاً", "شارك", "جميع الحقوق محفوظة", "إعلان", "التعليقات"}) {
    EXPECT_EQ(std::string::npos, seed.body.find(junk)) << junk;
  }

  // The windows-1256 page, paragraphs given as <br><br> runs, decoded from its <meta charset>.
  const auto& cp1256 = by_path["/baladi/ar/articles/296803.html"];
  EXPECT_EQ("نحو 20 قتيلا وعشرات الجرحى بقصف النظام وروسيا على شمال غرب سوريا", cp1256.title);
  EXPECT_EQ(4, std::count(cp1256.body.begin(), cp1256.body.end(), '\n') / 2 + 1) << cp1256.body;

  // The same story republished by Sham Times, with tashkeel and tatweel: both stored, the one stored
  // second (the two hosts are crawled in parallel, so either) marked as a duplicate of the first.
  const auto& copy = by_path["/shamtimes/news/qamishli-raid.html"];
  EXPECT_EQ(seed.content_hash, copy.content_hash);
  EXPECT_EQ("محرر الشؤون السورية", copy.author);
  const auto& first = seed.id < copy.id ? seed : copy;
  const auto& second = seed.id < copy.id ? copy : seed;
  EXPECT_FALSE(first.duplicate_of);
  ASSERT_TRUE(second.duplicate_of) << log;
  EXPECT_EQ(first.id, *second.duplicate_of);
  for (const auto& a : rows) {
    if (a.id != second.id) {
      EXPECT_FALSE(a.duplicate_of) << a.canonical_url;
    }
  }
  EXPECT_EQ(first.id, second.story_id);
  EXPECT_EQ(first.id, first.story_id);
  EXPECT_EQ("exact", second.duplicate_kind);
  EXPECT_NE(std::string::npos, log.find("dup=exact"));
  EXPECT_NE(std::string::npos, log.find("dup=no"));

  // One log line per fetch and per article; a 404 is one clear line and the crawl goes on.
  EXPECT_NE(std::string::npos, log.find("article site=baladi-news url=http://127.0.0.1:"));
  EXPECT_NE(std::string::npos, log.find("status=404"));
  EXPECT_NE(std::string::npos, log.find("title=\"وكالة: أمريكا تجاهلت روسيا"));
}

TEST_F(CrawlTest, NeverSendsTwoRequestsToOneHostCloserThanItsDelay) {
  const auto cfg = load();
  crawl(cfg);
  // baladi-news overrides min_delay to 300ms; sham-times uses the daemon's 200ms.
  for (auto [server, delay] : {std::pair{&baladi_, Millis(300)}, std::pair{&sham_, Millis(200)}}) {
    const auto log = server->requests();
    ASSERT_GE(log.size(), 3u);
    for (std::size_t i = 1; i < log.size(); ++i) {
      const auto gap = std::chrono::duration_cast<Millis>(log[i].arrived - log[i - 1].finished);
      EXPECT_GE(gap, delay) << log[i - 1].target << " → " << log[i].target << " only " << gap.count() << "ms apart";
    }
  }
}

TEST_F(CrawlTest, ASecondRunFetchesOnlyTheSourcesAndStoresNothingTwice) {
  const auto cfg = load();
  crawl(cfg);
  const auto first_baladi = baladi_.requests().size();
  const auto first_sham = sham_.requests().size();
  const auto first = articles(cfg);
  crawl(cfg);
  EXPECT_EQ(first.size(), articles(cfg).size());
  // Second run: robots.txt, then the section page (start and section are one URL) and the news
  // sitemap, or the feed, and nothing else: every article URL is already known to the store, and
  // the sitemap's <lastmod>s are older than our copies.
  const auto baladi = baladi_.requests();
  const auto sham = sham_.requests();
  ASSERT_EQ(first_baladi + 3, baladi.size());
  ASSERT_EQ(first_sham + 2, sham.size());
  EXPECT_EQ("/robots.txt", baladi[first_baladi].target);
  std::set<std::string> sources{baladi[first_baladi + 1].target, baladi[first_baladi + 2].target};
  EXPECT_EQ(sources, (std::set<std::string>{"/baladi/ar/news/", "/baladi/sitemap-news.xml"}));
  EXPECT_EQ("/shamtimes/feed.xml", sham[first_sham + 1].target);
}

TEST_F(CrawlTest, ABrokenSiteFileIsReportedAndTheOtherSitesStillCrawl) {
  std::ofstream(dir_ / "sites.d" / "broken.yaml") << "name: broken\ntimezone: Asia/Amman\nfeeds: [http://x.org/rss\n";
  auto report = config::load_config(dir_ / "akhbard.yaml");
  ASSERT_EQ(1u, report.errors.size());
  EXPECT_NE(std::string::npos, report.errors[0].where.find("broken.yaml:")) << report.errors[0].str();
  ASSERT_EQ(2u, report.config.sites.size());
  crawl(report.config);
  EXPECT_EQ(8u, articles(report.config).size());
}

TEST_F(CrawlTest, AFeedThatIsNotXmlAndAnUnreachableHostAreLoggedAndSkipped) {
  Route not_xml;
  not_xml.content_type = "text/html";
  not_xml.body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  sham_.route("/shamtimes/feed.xml", not_xml);
  std::ofstream(dir_ / "sites.d" / "gone.yaml") << "name: gone\ntimezone: Asia/Beirut\n"
                                                   "feeds:\n  - http://127.0.0.1:1/rss.xml\n";
  const auto cfg = load();
  ASSERT_EQ(3u, cfg.sites.size());
  const std::string log = crawl(cfg);
  EXPECT_NE(std::string::npos, log.find("parse_failed site=sham-times")) << log;
  // The unreachable host fails at its robots.txt: one clear line, then its feed waits for an hour.
  EXPECT_NE(std::string::npos, log.find("robots site=gone url=http://127.0.0.1:1/robots.txt status=0")) << log;
  EXPECT_NE(std::string::npos, log.find("result=deferred reason=\"robots.txt unavailable\"")) << log;
  EXPECT_EQ(5u, articles(cfg).size()) << log;  // Baladi still crawled
}

}  // namespace
}  // namespace akhbar
