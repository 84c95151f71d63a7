// Four Arabic news sites on 127.0.0.1 carry the stories of the labelled near-duplicate set
// (tests/data/dedupe): each story's versions (another headline, diacritics, hamza spellings,
// tatweel, a paragraph added or cut, words reworded) are spread over the sites, each page wrapped
// in its site's own menu, related-articles block and footer, and listed by its site's RSS feed,
// with the look-alike stories of the set (one agency, one template, one day) among them. One
// `run --once` crawl, several pages in flight at once, must store every page, put every version of
// a story into one story (who stored it first is the story), never put two stories together, and
// log each link as `dup=near distance=N` or `dup=exact`.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "store/store.h"
#include "tests/daemon/crawl_support.h"
#include "tests/support/dedupe_set.h"
#include "tests/support/test_http_server.h"

namespace akhbar {
namespace {

namespace fs = std::filesystem;
using testing::Route;
using testing::TestHttpServer;

constexpr int kSites = 4;

struct SiteLook {
  const char* name;
  const char* title;
  const char* menu;     // the navigation every page of the site repeats
  const char* related;  // the heading of its related-articles block
  const char* footer;
};

const SiteLook kLooks[kSites] = {
    {"wadi-news", "وادي نيوز", "الرئيسية سياسة اقتصاد رياضة ثقافة منوعات", "مقالات ذات صلة",
     "جميع الحقوق محفوظة لموقع وادي نيوز 2024"},
    {"al-mirsad", "المرصاد", "أخبار محلية عربي ودولي تقارير مقالات الرأي فيديو", "اقرأ أيضاً",
     "© المرصاد. يمنع نسخ المحتوى دون إذن"},
    {"sada-al-balad", "صدى البلد", "الرئيسية محافظات حوادث اقتصاد صحة تعليم", "أخبار متعلقة",
     "صدى البلد - جميع الحقوق محفوظة"},
    {"nabd-al-sham", "نبض الشام", "سوريا العالم اقتصاد رياضة تكنولوجيا", "الأكثر قراءة",
     "نبض الشام © 2024 - سياسة الخصوصية - اتصل بنا"},
};

std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::vector<std::string> paragraphs_of(const std::string& body) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    std::string p = body.substr(start, end - start);
    if (!p.empty()) out.push_back(p);
    start = end + 2;
  }
  return out;
}

// The page of text `n` on a site: its template around the article.
std::string page(const SiteLook& look, const testing::DedupeText& t, int n, const std::vector<std::string>& others) {
  std::string html = "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>" +
                     escaped(t.title) + " - " + look.title + "</title>"
                     "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>"
                     "</head><body><header><a href=\"/\">" + std::string(look.title) + "</a><nav><ul>";
  std::string menu = look.menu;
  for (std::size_t i = 0, j; i < menu.size(); i = j + 1) {
    j = menu.find(' ', i);
    if (j == std::string::npos) j = menu.size();
    html += "<li><a href=\"/section/" + std::to_string(i) + "\">" + menu.substr(i, j - i) + "</a></li>";
  }
  html += "</ul></nav></header><main><article><h1>" + escaped(t.title) + "</h1>";
  html += "<time datetime=\"2024-11-" + std::to_string(10 + n % 18) + "T0" + std::to_string(n % 10) +
          ":15:00+03:00\"></time><div class=\"entry-content\">";
  for (const auto& p : paragraphs_of(t.body)) html += "<p>" + escaped(p) + "</p>";
  html += "</div><div class=\"share\">شارك: فيسبوك تويتر واتساب</div></article><aside><h3>" +
          std::string(look.related) + "</h3><ul>";
  for (const auto& o : others) html += "<li><a href=\"/section/1\">" + escaped(o) + "</a></li>";
  html += "</ul></aside></main><footer><p>" + std::string(look.footer) + "</p></footer></body></html>";
  return html;
}

class NearCopiesCrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    set_ = testing::load_dedupe_set(fs::path(AKHBAR_TEST_DATA) / "dedupe");
    ASSERT_GE(set_.texts.size(), 100u);
    dir_ = fs::temp_directory_path() / ("akhbar-near-crawl-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sites.d");
    std::ofstream(dir_ / "akhbard.yaml") << "store: akhbar.db\n"
                                            "sites: sites.d\n"
                                            "concurrency: 8\n"
                                            "politeness:\n  min_delay: 0ms\n"
                                            "fetch:\n  timeout: 10s\n  connect_timeout: 2s\n"
                                            "allow_private_addresses: true\n";
    // A story's versions go round the sites (so most copies are on another site, some on the same);
    // the look-alike negatives too.
    std::vector<std::vector<std::size_t>> on_site(kSites);
    std::map<std::string, int> seen_of_story;
    for (std::size_t i = 0; i < set_.texts.size(); ++i) {
      const int site = (static_cast<int>(i) + seen_of_story[set_.texts[i].story]++) % kSites;
      on_site[site].push_back(i);
    }
    for (int s = 0; s < kSites; ++s) {
      const SiteLook& look = kLooks[s];
      TestHttpServer& server = servers_[s];
      std::string feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" +
                         std::string(look.title) + "</title><link>" + server.base_url() + "/</link>";
      for (std::size_t k = 0; k < on_site[s].size(); ++k) {
        const std::size_t i = on_site[s][k];
        const std::string path = "/news/" + std::to_string(i) + ".html";
        std::vector<std::string> others;
        for (std::size_t o = 1; o <= 5; ++o) others.push_back(set_.texts[(i + o * 17) % set_.texts.size()].title);
        Route r;
        r.body = page(look, set_.texts[i], static_cast<int>(i), others);
        server.route(path, std::move(r));
        feed += "<item><title>" + escaped(set_.texts[i].title) + "</title><link>" + server.base_url() + path +
                "</link><guid>" + path + "</guid></item>";
        url_text_[server.base_url() + path] = i;
      }
      feed += "</channel></rss>";
      Route f;
      f.content_type = "application/rss+xml; charset=UTF-8";
      f.body = feed;
      server.route("/feed.xml", std::move(f));
      std::string port = std::to_string(server.port());
      std::ofstream(dir_ / "sites.d" / (std::string(look.name) + ".yaml"))
          << "name: " << look.name << "\ntitle: " << look.title << "\ntimezone: Asia/Damascus\n"
          << "feeds:\n  - url: " << server.base_url() << "/feed.xml\n    every: 10m\n"
          << "articles:\n  match: '^http://127\\.0\\.0\\.1:" << port << "/news/'\n";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::DedupeSet set_;
  TestHttpServer servers_[kSites];
  std::map<std::string, std::size_t> url_text_;  // page URL → index of its text in set_
  fs::path dir_;
};

TEST_F(NearCopiesCrawlTest, EveryVersionOfAStoryJoinsItsStoryAndNoTwoStoriesMeet) {
  auto report = config::load_config(dir_ / "akhbard.yaml");
  for (const auto& e : report.errors) ADD_FAILURE() << e.str();
  ASSERT_EQ(static_cast<std::size_t>(kSites), report.config.sites.size());
  const std::string log = testing::crawl_once(report.config);

  auto store = store::Store::open(report.config.daemon.store);
  ASSERT_TRUE(store);
  std::vector<store::ArticleRow> rows;
  ASSERT_TRUE((*store)->for_each_article({}, [&](const store::ArticleRow& a) { rows.push_back(a); }));
  ASSERT_EQ(set_.texts.size(), rows.size()) << "every page is stored, copies included\n" << log.substr(0, 4000);

  std::map<std::int64_t, std::set<std::string>> labels_of_story;  // store story → labelled stories
  std::map<std::string, std::set<std::int64_t>> stories_of_label;
  std::map<std::int64_t, std::int64_t> first_of_story;
  int near = 0, exact = 0;
  for (const auto& a : rows) {
    ASSERT_TRUE(url_text_.count(a.canonical_url)) << a.canonical_url;
    const auto& t = set_.texts[url_text_.at(a.canonical_url)];
    EXPECT_EQ(t.title, a.title) << a.canonical_url;
    EXPECT_EQ(std::string::npos, a.body.find(kLooks[0].related)) << "boilerplate left in " << a.canonical_url;
    labels_of_story[a.story_id].insert(t.story);
    stories_of_label[t.story].insert(a.story_id);
    first_of_story.emplace(a.story_id, a.id);  // rows come by id: the first seen is the lowest
    if (a.duplicate_kind == store::kDuplicateNear) ++near;
    if (a.duplicate_kind == store::kDuplicateExact) ++exact;
    if (a.duplicate_of) {
      EXPECT_LT(*a.duplicate_of, a.id);
    }
  }
  for (const auto& [story, labels] : labels_of_story) {
    EXPECT_EQ(1u, labels.size()) << "story " << story << " joins " << *labels.begin() << " and " << *labels.rbegin();
    EXPECT_EQ(story, first_of_story.at(story)) << "a story is named by its first stored article";
  }
  // Versions of one labelled story that ended up outside its main story.
  int versions = 0, apart = 0;
  for (const auto& [label, stories] : stories_of_label) {
    std::size_t n = 0;
    for (const auto& a : rows) n += set_.texts[url_text_.at(a.canonical_url)].story == label ? 1 : 0;
    if (n < 2) continue;  // a negative: a story of its own
    versions += static_cast<int>(n) - 1;
    apart += static_cast<int>(stories.size()) - 1;
  }
  const double recall = 1.0 - static_cast<double>(apart) / versions;
  std::printf("crawl of %d sites: %zu pages, %d near and %d exact copies linked, %d of %d versions apart: "
              "recall %.3f\n",
              kSites, rows.size(), near, exact, apart, versions, recall);
  EXPECT_GE(recall, 0.95);
  EXPECT_GT(near, 50);

  std::size_t near_lines = 0;
  for (std::size_t pos = 0; (pos = log.find("dup=near distance=", pos)) != std::string::npos; ++pos) ++near_lines;
  EXPECT_EQ(static_cast<std::size_t>(near), near_lines) << "each near copy is logged with its distance";
  EXPECT_NE(std::string::npos, log.find("dup=no"));
}

}  // namespace
}  // namespace akhbar
