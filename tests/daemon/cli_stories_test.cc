// `akhbard stories` and what `akhbard export` says about stories and revisions, on a real SQLite
// file written through the store.
#include <filesystem>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/commands.h"
#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/normalize.h"
#include "store/store.h"

namespace akhbar::daemon {
namespace {

namespace fs = std::filesystem;

WallTime at(std::string_view text) { return *parse_rfc3339(text); }

const std::string kBody =
    "عمّان - أعلنت المديرية العامة للدفاع المدني إنقاذ 37 شخصاً بينهم 14 طفلاً حاصرتهم مياه السيول في مناطق "
    "متفرقة من لواء الأغوار الشمالية، إثر هطول أمطار غزيرة استمرت أكثر من ست ساعات.\n\n"
    "وقال الناطق الإعلامي باسم المديرية إن فرق الإنقاذ المائي تعاملت مع 52 بلاغاً خلال فترة المنخفض، معظمها "
    "لمركبات علقت في العبارات والطرق المنخفضة ومنازل تسربت إليها المياه.";

store::ArticleRecord record(const std::string& site, const std::string& url, const std::string& title,
                            const std::string& body, std::string_view fetched) {
  store::ArticleRecord a;
  a.site = site;
  a.url = a.canonical_url = url;
  a.title = title;
  a.body = body;
  a.content_hash = parsers::content_hash(title, body);
  a.near = parsers::near_fingerprint(body);
  a.simhash = a.near.simhash;
  a.fetched_at = at(fetched);
  return a;
}

class StoriesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("akhbar-stories-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = store::Store::open(db());
    ASSERT_TRUE(store);
    auto agency = record("petra", "https://petra.example/ar/1", "إنقاذ 37 شخصاً في الأغوار", kBody,
                         "2024-02-02T18:10:00Z");
    agency.published_at = at("2024-02-02T17:45:00Z");
    auto exact = record("roya", "https://roya.example/news/1", "إنقاذ 37 شخصاً في الأغوار", kBody,
                        "2024-02-02T18:30:00Z");
    auto near = record("alghad", "https://alghad.example/1", "سيول الأغوار: إنقاذ 37 محاصراً",
                       kBody + "\n\nتابعوا آخر الأخبار عبر قناتنا على تلغرام.", "2024-02-02T19:00:00Z");
    near.published_at = at("2024-02-02T18:20:00Z");
    auto lone = record("petra", "https://petra.example/ar/2", "خبر آخر", "نص خبر آخر لم ينقله أحد من المواقع",
                       "2024-02-02T20:00:00Z");
    for (auto* a : {&agency, &exact, &near, &lone}) (*store)->add_article(*a);
    // Petra edits its second article: one earlier text is kept.
    (*store)->add_article(record("petra", "https://petra.example/ar/2", "خبر آخر محدث",
                                 "نص خبر آخر لم ينقله أحد من المواقع، مع تصحيح", "2024-02-02T21:00:00Z"));
    (*store)->flush();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path db() const { return dir_ / "akhbar.db"; }

  CommonOptions common() const {
    CommonOptions c;
    c.db = db().string();
    return c;
  }
  std::string stories(const std::string& site, const std::string& since, int want_exit = 0) {
    ::testing::internal::CaptureStdout();
    EXPECT_EQ(want_exit, cmd_stories(common(), site, since));
    return ::testing::internal::GetCapturedStdout();
  }
  std::vector<nlohmann::json> export_jsonl(const ExportOptions& options) {
    ::testing::internal::CaptureStdout();
    EXPECT_EQ(0, cmd_export(common(), options));
    std::istringstream lines(::testing::internal::GetCapturedStdout());
    std::vector<nlohmann::json> out;
    for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

  fs::path dir_;
};

TEST_F(StoriesCliTest, StoriesShowTheFirstPublisherThenEveryCopyInTimeOrder) {
  const std::string out = stories("", "");
  EXPECT_NE(std::string::npos, out.find("story 1: 3 copies, first petra 2024-02-02T17:45:00Z (published)")) << out;
  EXPECT_NE(std::string::npos, out.find("\n  إنقاذ 37 شخصاً في الأغوار\n")) << out;
  const auto petra = out.find("2024-02-02T17:45:00Z  published  petra");
  const auto alghad = out.find("2024-02-02T18:20:00Z  published  alghad");
  const auto roya = out.find("2024-02-02T18:30:00Z  fetched    roya");
  ASSERT_NE(std::string::npos, petra) << out;
  ASSERT_NE(std::string::npos, alghad) << out;
  ASSERT_NE(std::string::npos, roya) << out;
  EXPECT_LT(petra, alghad);
  EXPECT_LT(alghad, roya);
  EXPECT_NE(std::string::npos, out.find("first stored")) << out;
  EXPECT_NE(std::string::npos, out.find("near copy of #1")) << out;
  EXPECT_NE(std::string::npos, out.find("exact copy of #1")) << out;
  EXPECT_NE(std::string::npos, out.find("https://alghad.example/1")) << out;
  EXPECT_EQ(std::string::npos, out.find("خبر آخر")) << "an article nobody copied is no story";
}

TEST_F(StoriesCliTest, StoriesFilterBySiteAndSince) {
  EXPECT_NE(std::string::npos, stories("roya", "").find("3 copies"));
  EXPECT_EQ("", stories("nobody", ""));
  EXPECT_NE(std::string::npos, stories("", "2024-02-02T18:45:00Z").find("3 copies"));
  EXPECT_EQ("", stories("", "2024-02-03"));
  stories("", "next tuesday", 2);
}

TEST_F(StoriesCliTest, ExportCarriesStoriesAndRevisions) {
  const auto rows = export_jsonl({});
  ASSERT_EQ(4u, rows.size());
  EXPECT_EQ(1, rows[0]["story_id"]);
  EXPECT_TRUE(rows[0]["duplicate_kind"].is_null());
  EXPECT_EQ(1, rows[1]["story_id"]);
  EXPECT_EQ("exact", rows[1]["duplicate_kind"]);
  EXPECT_EQ(1, rows[1]["duplicate_of"]);
  EXPECT_EQ("near", rows[2]["duplicate_kind"]);
  EXPECT_EQ(4, rows[3]["story_id"]);
  EXPECT_EQ(1, rows[3]["revisions"]);
  EXPECT_EQ("خبر آخر محدث", rows[3]["title"]);
  EXPECT_FALSE(rows[3].contains("revision_history"));

  ExportOptions with_revisions;
  with_revisions.revisions = true;
  const auto full = export_jsonl(with_revisions);
  ASSERT_EQ(4u, full.size());
  ASSERT_EQ(1u, full[3]["revision_history"].size());
  EXPECT_EQ(1, full[3]["revision_history"][0]["revision"]);
  EXPECT_EQ("خبر آخر", full[3]["revision_history"][0]["title"]);
  EXPECT_EQ("2024-02-02T20:00:00Z", full[3]["revision_history"][0]["fetched_at"]);
  EXPECT_TRUE(full[0]["revision_history"].empty());

  ExportOptions one_story;
  one_story.story = 1;
  EXPECT_EQ(3u, export_jsonl(one_story).size());
}

TEST_F(StoriesCliTest, CsvExportEndsWithTheStoryColumnsAndListsEarlierTexts) {
  ExportOptions csv;
  csv.format = "csv";
  csv.revisions = true;
  ::testing::internal::CaptureStdout();
  ASSERT_EQ(0, cmd_export(common(), csv));
  const std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(0u, out.find("id,site,url,canonical_url,title,author,published_at,published_raw,lang,content_hash,"
                         "duplicate_of,fetched_at,body,date_from,story_id,duplicate_kind,revisions,revision\n"))
      << out;
  EXPECT_NE(std::string::npos, out.find(",\"\",4,,1,\n")) << out;    // the current text of article 4
  EXPECT_NE(std::string::npos, out.find(",\"\",4,,1,1\n")) << out;   // its first text, revision 1
  EXPECT_NE(std::string::npos, out.find("\"خبر آخر\"")) << out;

  ExportOptions atom;
  atom.format = "atom";
  atom.revisions = true;
  EXPECT_EQ(2, cmd_export(common(), atom));
}

}  // namespace
}  // namespace akhbar::daemon
