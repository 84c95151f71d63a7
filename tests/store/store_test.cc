// Tests for store/: a real SQLite file in a fresh temporary directory per test.
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/migrations.h"
#include "store/sqlite_handles.h"
#include "tests/store/store_test_support.h"

namespace akhbar::store {
namespace {

namespace fs = std::filesystem;

ArticleRecord article(std::string site, std::string canonical, std::string hash, std::string title,
                      std::string_view fetched = "2022-10-06T14:03:00Z") {
  ArticleRecord a;
  a.site = std::move(site);
  a.url = canonical + "?utm_source=twitter";
  a.canonical_url = std::move(canonical);
  a.title = std::move(title);
  a.author = "بيروت - الوكالة الوطنية";
  a.published_at = at("2022-10-06T17:03:00+03:00");
  a.published_at_text = "2022-10-06T17:03:00+03:00";
  a.published_raw = "الخميس 6 تشرين الأول/أكتوبر 2022 - 05:03 م";
  a.body =
      "أقر مجلس الوزراء في جلسته المسائية مشروع قانون الموازنة العامة بعد نقاش استمر ساعات.\n\n"
      "وقال وزير المالية إن الأرقام «واقعية» رغم الأزمة.";
  a.lang = "ar";
  a.content_hash = std::move(hash);
  a.simhash = 0xF00DFACE12345678ULL;
  a.fetched_at = at(fetched);
  return a;
}

class StoreTest : public ::testing::Test {
 protected:
  fs::path db_path() const { return dir_.path() / "akhbar.db"; }

  std::unique_ptr<Store> open(const StoreOptions& options = {}) {
    auto store = Store::open(db_path(), options);
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    return store ? std::move(*store) : nullptr;
  }

  // Adds an article and waits for its commit.
  static AddedArticle add(Store& store, ArticleRecord a) {
    std::optional<Result<AddedArticle>> got;
    store.add_article(std::move(a), [&](Result<AddedArticle> r) { got = std::move(r); });
    store.flush();
    EXPECT_TRUE(got.has_value());
    EXPECT_TRUE(got && *got) << (got && !*got ? got->error().str() : "");
    return got && *got ? **got : AddedArticle{};
  }

  static std::vector<ArticleRow> rows(Store& store, const ExportFilter& filter = {}) {
    std::vector<ArticleRow> out;
    auto r = store.for_each_article(filter, [&](const ArticleRow& row) { out.push_back(row); });
    EXPECT_TRUE(r) << (r ? "" : r.error().str());
    return out;
  }

  TempDir dir_;
};

TEST_F(StoreTest, MigrationsCreateTheSchemaAndSetUserVersion) {
  open().reset();
  RawDb raw(db_path());
  EXPECT_EQ(latest_schema_version(), raw.scalar("PRAGMA user_version"));
  for (const char* table : {"meta", "sites", "sources", "urls", "articles", "fetch_log", "source_items"}) {
    EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = ?", table)) << table;
  }
  EXPECT_EQ(0, raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles_fts'")) << "in a file of its own";
  RawDb index(search_index_path(db_path()));
  EXPECT_EQ(1, index.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles_fts'"));
  EXPECT_EQ(raw.text("SELECT value FROM meta WHERE key = 'store_id'"),
            index.text("SELECT value FROM search_state WHERE key = 'store_id'"));
  EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?",
                          "articles_content_key"));
  EXPECT_EQ("wal", raw.text("PRAGMA journal_mode"));
  EXPECT_NE(std::string::npos, raw.text("SELECT value FROM meta WHERE key = 'articles_fts'").find("rowid"));
  EXPECT_EQ(db_path().parent_path() / "akhbar.search.db", search_index_path(db_path()));
}

TEST_F(StoreTest, ReopeningAMigratedDatabaseIsIdempotent) {
  {
    auto store = open();
    store->ensure_site("nna", "hash-1");
  }
  const std::int64_t meta_rows = RawDb(db_path()).scalar("SELECT COUNT(*) FROM meta");
  EXPECT_GE(meta_rows, 3);
  for (int i = 0; i < 2; ++i) {
    auto store = open();
    ASSERT_TRUE(store);
    auto stats = store->site_stats();
    ASSERT_TRUE(stats);
    ASSERT_EQ(1u, stats->size());
    EXPECT_EQ("nna", (*stats)[0].site);
  }
  RawDb raw(db_path());
  EXPECT_EQ(latest_schema_version(), raw.scalar("PRAGMA user_version"));
  EXPECT_EQ(meta_rows, raw.scalar("SELECT COUNT(*) FROM meta"));
}

TEST_F(StoreTest, OpenRejectsAFileThatIsNotADatabaseAsDataLoss) {
  {
    std::ofstream out(db_path(), std::ios::binary);
    std::string garbage;
    for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919 + 13) % 251));
    out << "<html><head><title>502 Bad Gateway</title></head>" << garbage;
  }
  auto store = Store::open(db_path());
  ASSERT_FALSE(store);
  EXPECT_EQ(Errc::kDataLoss, store.error().code);
  EXPECT_NE(std::string::npos, store.error().message.find(db_path().string() + " is not an SQLite database"))
      << store.error().message;
}

TEST_F(StoreTest, OpenReportsAnUnreachablePathAsUnavailable) {
  const fs::path path = dir_.path() / "no-such-dir" / "akhbar.db";
  auto store = Store::open(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(Errc::kUnavailable, store.error().code);
  EXPECT_NE(std::string::npos, store.error().message.find(path.string())) << store.error().message;
}

TEST_F(StoreTest, OpenRefusesADatabaseWithANewerSchema) {
  open().reset();
  RawDb(db_path()).exec_sql("PRAGMA user_version = 99");
  auto store = Store::open(db_path());
  ASSERT_FALSE(store);
  EXPECT_EQ(Errc::kInvalidInput, store.error().code);
}

TEST_F(StoreTest, AddArticleWithAKnownContentHashIsADuplicateOfTheFirst) {
  auto store = open();
  const auto first = add(*store, article("nna", "https://nna-leb.gov.lb/ar/1", "h-budget", "الحكومة تقر الموازنة"));
  const auto second =
      add(*store, article("annahar", "https://www.annahar.com/arabic/2", "h-budget", "مجلس الوزراء يقر الموازنة"));
  const auto third = add(*store, article("annahar", "https://www.annahar.com/arabic/3", "h-budget", "الموازنة"));
  EXPECT_FALSE(first.duplicate_of);
  EXPECT_FALSE(first.existed);
  EXPECT_EQ(first.id, second.duplicate_of);
  EXPECT_EQ(first.id, third.duplicate_of);  // the original, not the previous duplicate
  EXPECT_NE(first.id, second.id);
  EXPECT_EQ(3, *store->count_articles());
  const auto stored = rows(*store);
  ASSERT_EQ(3u, stored.size());
  EXPECT_EQ(first.id, stored[1].duplicate_of);
}

TEST_F(StoreTest, AddArticleWithAStoredCanonicalUrlUpdatesTheRow) {
  auto store = open();
  const auto first = add(*store, article("nna", "https://nna-leb.gov.lb/ar/1", "h-1", "عنوان أولي"));
  auto updated = article("nna", "https://nna-leb.gov.lb/ar/1", "h-2", "عنوان محدث: الحكومة تقر الموازنة");
  const auto again = add(*store, updated);
  EXPECT_TRUE(again.existed);
  EXPECT_EQ(first.id, again.id);
  EXPECT_FALSE(again.duplicate_of);
  EXPECT_EQ(1, *store->count_articles());
  const auto stored = rows(*store);
  ASSERT_EQ(1u, stored.size());
  EXPECT_EQ("عنوان محدث: الحكومة تقر الموازنة", stored[0].title);
  EXPECT_EQ("h-2", stored[0].content_hash);

  RawDb index(search_index_path(db_path()));
  EXPECT_EQ(1, index.scalar("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", "محدث"));
  EXPECT_EQ(0, index.scalar("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", "أولي"));
}

TEST_F(StoreTest, AddUrlInsertsACanonicalUrlOnlyOnce) {
  auto store = open();
  std::vector<bool> inserted;
  const UrlRecord url{"aljazeera", "https://www.aljazeera.net/news/2022/10/6/x?ref=rss",
                      "https://www.aljazeera.net/news/2022/10/6/x", "https://www.aljazeera.net/aljazeerarss", "", std::nullopt, std::nullopt, std::nullopt, {}};
  store->add_url(url, [&](bool ok) { inserted.push_back(ok); });
  store->add_url(url, [&](bool ok) { inserted.push_back(ok); });
  UrlRecord other = url;
  other.canonical_url += "-2";
  store->add_url(other, [&](bool ok) { inserted.push_back(ok); });
  store->flush();
  EXPECT_EQ((std::vector<bool>{true, false, true}), inserted);
  auto pending = store->pending_urls(10);
  ASSERT_TRUE(pending);
  ASSERT_EQ(2u, pending->size());
  EXPECT_EQ(std::string(kUrlQueued), (*pending)[0].state);
  EXPECT_EQ(url.url, (*pending)[0].url);
  EXPECT_EQ("aljazeera", (*pending)[0].site);
}

TEST_F(StoreTest, AddArticleMarksItsUrlDoneAndCreatesTheRowWhenAbsent) {
  auto store = open();
  store->add_url({"nna", "https://nna-leb.gov.lb/ar/1", "https://nna-leb.gov.lb/ar/1", "feed", "", std::nullopt, std::nullopt, std::nullopt, {}});
  add(*store, article("nna", "https://nna-leb.gov.lb/ar/1", "h-1", "خبر"));
  add(*store, article("nna", "https://nna-leb.gov.lb/ar/2", "h-2", "خبر آخر"));
  EXPECT_TRUE(store->pending_urls(10)->empty());
  RawDb raw(db_path());
  EXPECT_EQ(2, raw.scalar("SELECT COUNT(*) FROM urls WHERE state = 'done'"));
  EXPECT_EQ(2, raw.scalar("SELECT COUNT(*) FROM articles a JOIN urls u ON u.id = a.url_id "
                          "WHERE u.canonical_url = a.canonical_url"));
}

TEST_F(StoreTest, CallbacksRunOnlyAfterTheirBatchIsCommitted) {
  auto store = open();
  const fs::path path = db_path();
  std::vector<std::int64_t> seen_by_other_connection;
  for (int i = 0; i < 20; ++i) {
    const std::string canonical = "https://www.alquds.co.uk/?p=" + std::to_string(2800 + i);
    store->add_article(article("alquds", canonical, "h-" + std::to_string(i), "القدس العربي " + std::to_string(i)),
                       [&, canonical](Result<AddedArticle> r) {
                         ASSERT_TRUE(r);
                         RawDb other(path);  // sees only committed data
                         seen_by_other_connection.push_back(
                             other.scalar("SELECT COUNT(*) FROM articles WHERE canonical_url = ?", canonical));
                       });
  }
  store->flush();
  EXPECT_EQ(std::vector<std::int64_t>(20, 1), seen_by_other_connection);
}

TEST_F(StoreTest, DataSurvivesClosingAndReopeningTheStore) {
  std::int64_t id = 0;
  {
    auto store = open();
    store->ensure_site("nna", "cfg-1");
    id = add(*store, article("nna", "https://nna-leb.gov.lb/ar/1", "h-1", "خبر محفوظ")).id;
    store->add_url({"nna", "https://nna-leb.gov.lb/ar/9", "https://nna-leb.gov.lb/ar/9", "feed", "", std::nullopt, std::nullopt, std::nullopt, {}});
    // No flush: the destructor commits what is queued.
  }
  auto store = open();
  const auto stored = rows(*store);
  ASSERT_EQ(1u, stored.size());
  EXPECT_EQ(id, stored[0].id);
  EXPECT_EQ("خبر محفوظ", stored[0].title);
  EXPECT_EQ(1u, store->pending_urls(10)->size());
  EXPECT_EQ("cfg-1", RawDb(db_path()).text("SELECT config_hash FROM sites WHERE name = 'nna'"));
}

TEST_F(StoreTest, ForEachArticleFiltersBySiteAndSinceInIdOrder) {
  auto store = open();
  add(*store, article("nna", "https://nna-leb.gov.lb/ar/1", "h-1", "أ", "2022-10-05T08:00:00Z"));
  add(*store, article("annahar", "https://www.annahar.com/a/2", "h-2", "ب", "2022-10-06T08:00:00Z"));
  add(*store, article("nna", "https://nna-leb.gov.lb/ar/3", "h-3", "ج", "2022-10-06T09:30:00.250Z"));
  add(*store, article("nna", "https://nna-leb.gov.lb/ar/4", "h-4", "د", "2022-10-07T00:00:00Z"));

  auto titles = [&](const ExportFilter& f) {
    std::vector<std::string> out;
    for (const auto& r : rows(*store, f)) out.push_back(r.title);
    return out;
  };
  EXPECT_EQ((std::vector<std::string>{"أ", "ب", "ج", "د"}), titles({}));
  EXPECT_EQ((std::vector<std::string>{"أ", "ج", "د"}), titles({"nna", std::nullopt, std::nullopt, false}));
  EXPECT_EQ((std::vector<std::string>{"ج", "د"}), titles({"nna", at("2022-10-06T09:30:00.250Z"), std::nullopt, false}));
  EXPECT_EQ((std::vector<std::string>{"د"}), titles({"nna", at("2022-10-06T09:30:00.251Z"), std::nullopt, false}));
  EXPECT_EQ((std::vector<std::string>{"ب", "ج", "د"}), titles({"", at("2022-10-06T00:00:00Z"), std::nullopt, false}));
  EXPECT_TRUE(titles({"no-such-site", std::nullopt, std::nullopt, false}).empty());

  const auto all = rows(*store);
  ASSERT_EQ(4u, all.size());
  const ArticleRow& r = all[2];
  EXPECT_EQ("nna", r.site);
  EXPECT_EQ("https://nna-leb.gov.lb/ar/3?utm_source=twitter", r.url);
  EXPECT_EQ("https://nna-leb.gov.lb/ar/3", r.canonical_url);
  EXPECT_EQ("2022-10-06T17:03:00+03:00", r.published_at_text);
  EXPECT_EQ(at("2022-10-06T14:03:00Z"), r.published_at);
  EXPECT_EQ("الخميس 6 تشرين الأول/أكتوبر 2022 - 05:03 م", r.published_raw);
  EXPECT_EQ(0xF00DFACE12345678ULL, r.simhash);
  EXPECT_EQ(at("2022-10-06T09:30:00.250Z"), r.fetched_at);
  EXPECT_EQ("ar", r.lang);
  EXPECT_NE(std::string::npos, r.body.find("\n\n"));
}

TEST_F(StoreTest, ArticlesWithoutADateKeepTheRawTextAndNoTime) {
  auto store = open();
  auto a = article("nna", "https://nna-leb.gov.lb/ar/5", "h-5", "بلا تاريخ");
  a.published_at.reset();
  a.published_at_text.clear();
  a.published_raw = "منذ زمن";
  add(*store, a);
  const auto stored = rows(*store);
  ASSERT_EQ(1u, stored.size());
  EXPECT_FALSE(stored[0].published_at);
  EXPECT_EQ("", stored[0].published_at_text);
  EXPECT_EQ("منذ زمن", stored[0].published_raw);
  EXPECT_EQ(1, RawDb(db_path()).scalar("SELECT COUNT(*) FROM articles WHERE published_ts IS NULL"));
}

TEST_F(StoreTest, SiteStatsCountsSourcesArticlesDuplicatesMissesAndUrls) {
  auto store = open();
  store->ensure_site("nna", "c1");
  store->ensure_site("quiet", "c2");  // a site with nothing yet still gets a row
  SourceRecord feed{"nna", "https://nna-leb.gov.lb/ar/rss", "feed", "\"abc\"", "", std::nullopt, 300, 0, 200, "",
                    at("2022-10-06T10:00:00Z"), "", std::nullopt};
  SourceRecord section{"nna", "https://nna-leb.gov.lb/ar/politics", "section", "", "", std::nullopt, 600, 3, 503,
                       "HTTP 503", at("2022-10-06T11:00:00Z"), "", std::nullopt};
  store->save_source(feed);
  store->save_source(section);
  add(*store, article("nna", "https://nna-leb.gov.lb/ar/1", "same", "أ"));
  add(*store, article("nna", "https://nna-leb.gov.lb/ar/2", "same", "ب"));
  add(*store, article("nna", "https://nna-leb.gov.lb/ar/3", "other", "ج"));
  for (int i = 0; i < 6; ++i) {
    const std::string u = "https://nna-leb.gov.lb/ar/u" + std::to_string(i);
    store->add_url({"nna", u, u, feed.url, "", std::nullopt, std::nullopt, std::nullopt, {}});
  }
  store->set_url_state("https://nna-leb.gov.lb/ar/u0", kUrlNoArticle, 1);
  store->set_url_state("https://nna-leb.gov.lb/ar/u1", kUrlNoArticle, 1);
  store->set_url_state("https://nna-leb.gov.lb/ar/u2", kUrlFailed, 5, "HTTP 404");
  store->set_url_state("https://nna-leb.gov.lb/ar/u3", kUrlFetching, 1);
  store->flush();

  auto stats = store->site_stats();
  ASSERT_TRUE(stats) << stats.error().str();
  ASSERT_EQ(2u, stats->size());
  const SiteStats& s = (*stats)[0];
  EXPECT_EQ("nna", s.site);
  EXPECT_EQ(2, s.sources);
  EXPECT_EQ(1, s.failing_sources);
  EXPECT_EQ(at("2022-10-06T11:00:00Z"), s.last_success_at);
  EXPECT_EQ(3, s.articles);
  EXPECT_EQ(1, s.duplicates);
  EXPECT_EQ(2, s.extraction_misses);
  EXPECT_EQ(3, s.urls_queued);  // u3 fetching, u4 and u5 queued
  EXPECT_EQ(1, s.urls_failed);
  const SiteStats& quiet = (*stats)[1];
  EXPECT_EQ("quiet", quiet.site);
  EXPECT_EQ(0, quiet.sources);
  EXPECT_FALSE(quiet.last_success_at);
  EXPECT_EQ(0, quiet.articles);
}

TEST_F(StoreTest, LoadSourceRoundTripsAndSaveSourceUpsertsBySiteAndUrl) {
  auto store = open();
  EXPECT_FALSE(*store->load_source("nna", "https://nna-leb.gov.lb/ar/rss"));
  SourceRecord s{"nna", "https://nna-leb.gov.lb/ar/rss", "feed", "W/\"5f3-abc\"", "Thu, 06 Oct 2022 14:03:00 GMT",
                 at("2022-10-06T14:08:00Z"), 300, 0, 200, "", at("2022-10-06T14:03:00.125Z"), "", std::nullopt};
  store->save_source(s);
  s.failures = 2;
  s.last_status = 0;
  s.last_error = "connect timeout";
  s.last_success_at.reset();
  s.next_due_at = at("2022-10-06T14:20:00Z");
  store->save_source(s);
  store->flush();
  auto loaded = store->load_source("nna", "https://nna-leb.gov.lb/ar/rss");
  ASSERT_TRUE(loaded && *loaded);
  const SourceRecord& got = **loaded;
  EXPECT_EQ("nna", got.site);
  EXPECT_EQ("feed", got.kind);
  EXPECT_EQ("W/\"5f3-abc\"", got.etag);
  EXPECT_EQ("Thu, 06 Oct 2022 14:03:00 GMT", got.last_modified);
  EXPECT_EQ(at("2022-10-06T14:20:00Z"), got.next_due_at);
  EXPECT_EQ(300, got.interval_s);
  EXPECT_EQ(2, got.failures);
  EXPECT_EQ("connect timeout", got.last_error);
  EXPECT_FALSE(got.last_success_at);
  EXPECT_EQ(1, RawDb(db_path()).scalar("SELECT COUNT(*) FROM sources"));
}

TEST_F(StoreTest, ArticlesFromTwoThreadsAreAllStoredThroughABoundedQueue) {
  StoreOptions options;
  options.max_queued = 64;  // producers will block on a full queue
  options.max_batch = 100;
  auto store = open(options);
  constexpr int kPerThread = 2500;
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  auto produce = [&](int thread) {
    for (int i = 0; i < kPerThread; ++i) {
      const std::string n = std::to_string(thread) + "-" + std::to_string(i);
      // Every tenth article repeats the story of the article before it.
      const std::string hash = "h-" + std::to_string(thread) + "-" + std::to_string(i % 10 == 9 ? i - 1 : i);
      store->add_article(article(thread == 0 ? "nna" : "annahar", "https://example.org/" + n, hash, "خبر " + n),
                         [&](Result<AddedArticle> r) { (r ? ok : failed)++; });
    }
  };
  std::thread a(produce, 0);
  std::thread b(produce, 1);
  a.join();
  b.join();
  store->flush();
  EXPECT_EQ(2 * kPerThread, ok.load());
  EXPECT_EQ(0, failed.load());
  EXPECT_EQ(2 * kPerThread, *store->count_articles());
  auto stats = store->site_stats();
  ASSERT_TRUE(stats);
  ASSERT_EQ(2u, stats->size());
  for (const auto& s : *stats) {
    EXPECT_EQ(kPerThread, s.articles) << s.site;
    EXPECT_EQ(kPerThread / 10, s.duplicates) << s.site;
  }
  EXPECT_EQ(0, store->write_errors().count);
}

TEST_F(StoreTest, PendingUrlsResumeWhatACrashedRunLeftQueuedOrFetching) {
  {
    auto store = open();
    for (int i = 0; i < 5; ++i) {
      const std::string u = "https://www.alaraby.co.uk/politics/" + std::to_string(i);
      store->add_url({"alaraby", u, u, "https://www.alaraby.co.uk/rss", "", std::nullopt, std::nullopt, std::nullopt, {}});
      store->flush();  // separate batches: distinct discovery order
    }
    store->set_url_state("https://www.alaraby.co.uk/politics/0", kUrlFetching, 1);
    store->set_url_state("https://www.alaraby.co.uk/politics/1", kUrlNoArticle, 1);
    store->set_url_state("https://www.alaraby.co.uk/politics/2", kUrlFetching, 2, "timeout");
    store->set_url_state("https://www.alaraby.co.uk/politics/3", kUrlFailed, 5, "HTTP 410");
    // The process "dies" here: nothing marks 0, 2 or 4 done.
  }
  auto store = open();
  auto pending = store->pending_urls(100);
  ASSERT_TRUE(pending);
  std::vector<std::string> urls;
  for (const auto& u : *pending) urls.push_back(u.canonical_url);
  EXPECT_EQ((std::vector<std::string>{"https://www.alaraby.co.uk/politics/0", "https://www.alaraby.co.uk/politics/2",
                                      "https://www.alaraby.co.uk/politics/4"}),
            urls);
  EXPECT_EQ(2, (*pending)[1].attempts);
  EXPECT_EQ(std::string(kUrlFetching), (*pending)[1].state);
  EXPECT_EQ(2u, store->pending_urls(2)->size());
}

TEST_F(StoreTest, AFailingOperationIsReportedWithoutAbortingItsBatch) {
  open().reset();
  RawDb(db_path()).exec_sql(
      "CREATE TRIGGER reject_spam BEFORE INSERT ON articles WHEN NEW.title = 'إعلان' "
      "BEGIN SELECT RAISE(ABORT, 'rejected by test trigger'); END");
  auto store = open();
  std::vector<bool> results;
  std::optional<Error> error;
  auto collect = [&](Result<AddedArticle> r) {
    results.push_back(r.has_value());
    if (!r) error = r.error();
  };
  store->add_article(article("nna", "https://nna-leb.gov.lb/ar/1", "h-1", "خبر"), collect);
  store->add_article(article("nna", "https://nna-leb.gov.lb/ar/ad", "h-ad", "إعلان"), collect);
  store->add_article(article("nna", "https://nna-leb.gov.lb/ar/3", "h-3", "خبر ثالث"), collect);
  ArticleRecord no_url;
  no_url.site = "nna";
  store->add_article(no_url, collect);
  store->flush();
  EXPECT_EQ((std::vector<bool>{true, false, true, false}), results);
  EXPECT_EQ(2, *store->count_articles());
  ASSERT_TRUE(error);
  EXPECT_EQ(Errc::kInvalidInput, error->code);
  EXPECT_EQ(2, store->write_errors().count);
  // The failed article's URL upsert was undone with it.
  EXPECT_EQ(0, RawDb(db_path()).scalar("SELECT COUNT(*) FROM urls WHERE canonical_url = ?",
                                       "https://nna-leb.gov.lb/ar/ad"));
}

TEST_F(StoreTest, LogFetchKeepsOnlyTheNewestRows) {
  StoreOptions options;
  options.fetch_log_keep = 10;
  options.fetch_log_prune_every = 5;
  auto store = open(options);
  for (int i = 1; i <= 23; ++i) {
    store->log_fetch({"nna", "https://nna-leb.gov.lb/ar/" + std::to_string(i), "article",
                      at("2022-10-06T14:03:00Z"), i % 4 == 0 ? 503 : 200, 51234, 312,
                      i % 4 == 0 ? "HTTP 503" : ""});
  }
  store->flush();
  RawDb raw(db_path());
  // Pruned after the 20th insert down to 11..20, then 21..23 were added.
  EXPECT_EQ(13, raw.scalar("SELECT COUNT(*) FROM fetch_log"));
  EXPECT_EQ("https://nna-leb.gov.lb/ar/11", raw.text("SELECT url FROM fetch_log ORDER BY id LIMIT 1"));
  EXPECT_EQ(503, raw.scalar("SELECT status FROM fetch_log WHERE url = ?", "https://nna-leb.gov.lb/ar/12"));
}

// The log keeps the last fetch_log_days, counted back from the newest fetch.
TEST_F(StoreTest, LogFetchForgetsFetchesOlderThanTheRetention) {
  StoreOptions options;
  options.fetch_log_days = Millis(3LL * 24 * 3600 * 1000);
  options.fetch_log_prune_every = 1;
  auto store = open(options);
  const WallTime first = *parse_rfc3339("2024-10-01T08:00:00Z");
  for (int day = 0; day < 10; ++day) {
    store->log_fetch({"hespress", "https://www.hespress.com/news-" + std::to_string(day) + ".html", "article",
                      first + std::chrono::hours(24 * day), 200, 48211, 250, ""});
  }
  store->flush();
  RawDb raw(db_path());
  // The newest is 2024-10-10T08:00; three days back is 2024-10-07T08:00, which stays.
  EXPECT_EQ(4, raw.scalar("SELECT COUNT(*) FROM fetch_log"));
  EXPECT_EQ("https://www.hespress.com/news-6.html", raw.text("SELECT url FROM fetch_log ORDER BY id LIMIT 1"));
}

TEST_F(StoreTest, CallbacksMayQueueMoreWorkAndFlushWithoutDeadlock) {
  StoreOptions options;
  options.max_queued = 1;  // a callback enqueuing on a full queue must not wait for itself
  auto store = open(options);
  std::vector<bool> chained;
  for (int i = 0; i < 5; ++i) {
    const std::string u = "https://www.hespress.com/" + std::to_string(i);
    store->add_url({"hespress", u, u, "rss", "", std::nullopt, std::nullopt, std::nullopt, {}}, [&, u](bool inserted) {
      ASSERT_TRUE(inserted);
      store->add_url({"hespress", u, u, "rss", "", std::nullopt, std::nullopt, std::nullopt, {}}, [&](bool again) { chained.push_back(again); });
      store->flush();  // returns at once on the writer thread
    });
  }
  store->flush();
  store->flush();  // the chained adds were queued before this call
  EXPECT_EQ(std::vector<bool>(5, false), chained);
}

}  // namespace
}  // namespace akhbar::store
