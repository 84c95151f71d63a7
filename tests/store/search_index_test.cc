// The search index file (store/search_index.h) over real SQLite files: it is caught up from what
// the store committed, whoever indexes and however often; an article revised several times before
// the index reads it again is found by its last text only; a lost, foreign or broken index file is
// rebuilt from the store; a store whose index lags says how many articles a search cannot see.
#include "store/search_index.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "parsers/text/search_query.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"
#include "tests/support/search_articles.h"

namespace akhbar::store {
namespace {

namespace fs = std::filesystem;
using Ids = std::vector<std::int64_t>;

class SearchIndexTest : public ::testing::Test {
 protected:
  fs::path db_path() const { return dir_.path() / "akhbar.db"; }
  fs::path index_path() const { return search_index_path(db_path()); }

  std::unique_ptr<Store> open(bool index_search = true) {
    StoreOptions options;
    options.index_search = index_search;
    auto store = Store::open(db_path(), options);
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    return store ? std::move(*store) : nullptr;
  }

  // Stores the search articles with the index kept or not; returns the store, flushed.
  std::unique_ptr<Store> filled(bool index_search) {
    auto store = open(index_search);
    if (!store) return nullptr;
    for (auto& a : testing::search_articles()) store->add_article(std::move(a));
    store->flush();
    EXPECT_EQ(0, store->write_errors().count);
    return store;
  }

  static Ids found(Store& store, std::string_view text) {
    auto query = parsers::parse_search_query(text);
    EXPECT_TRUE(query) << text;
    Ids out;
    if (!query) return out;
    auto r = store.search(*query, SearchFilter{});
    EXPECT_TRUE(r) << (r ? "" : r.error().str());
    if (!r) return out;
    for (const auto& h : r->hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::int64_t indexed_rows() { return RawDb(index_path()).scalar("SELECT COUNT(*) FROM articles_fts"); }

  TempDir dir_;
};

TEST_F(SearchIndexTest, AStoreWhoseIndexLagsSaysHowManyArticlesASearchCannotSee) {
  auto store = filled(false);
  ASSERT_TRUE(store);
  const auto n = static_cast<std::int64_t>(testing::search_articles().size());
  EXPECT_EQ(n, *store->search_backlog());
  auto query = parsers::parse_search_query("الرئيس");
  ASSERT_TRUE(query);
  auto r = store->search(*query, SearchFilter{});
  ASSERT_TRUE(r) << r.error().str();
  EXPECT_TRUE(r->hits.empty());
  EXPECT_EQ(n, r->unindexed);
  store.reset();

  // The next store that keeps the index catches up from where it was left.
  store = open();
  ASSERT_TRUE(store);
  store->flush();
  EXPECT_EQ(0, *store->search_backlog());
  EXPECT_EQ((Ids{testing::kPresidentDelegation, testing::kElectricity}), found(*store, "الرئيس"));
  EXPECT_EQ(n, indexed_rows());
}

TEST_F(SearchIndexTest, ArticlesRevisedSeveralTimesBeforeTheIndexReadsThemAreFoundByTheirLastTextOnly) {
  auto store = filled(true);
  ASSERT_TRUE(store);
  store.reset();
  // Two revisions of one article and one of another, and a new article, while nothing indexes.
  store = open(false);
  ASSERT_TRUE(store);
  auto articles = testing::search_articles();
  ArticleRecord football = articles[testing::kFootball - 1];
  football.body = "تأهل المنتخب إلى الدور نصف النهائي بعد فوزه بركلات الترجيح.";
  football.content_hash = parsers::content_hash(football.title, football.body);
  store->add_article(football);
  football.title = "المنتخب في نصف نهائي البطولة القارية";
  football.body = "يلاقي المنتخب غداً نظيره الياباني في نصف النهائي على ملعب الدوحة.";
  football.content_hash = parsers::content_hash(football.title, football.body);
  store->add_article(football);
  ArticleRecord fair = articles[testing::kBookFair - 1];
  fair.body = "افتتح معرض الكتاب في حلب بمشاركة مئة دار نشر من سبع دول.";
  fair.content_hash = parsers::content_hash(fair.title, fair.body);
  store->add_article(fair);
  ArticleRecord fresh = testing::search_article("sana", 99, "افتتاح جسر جديد في اللاذقية",
                                                "افتتحت المحافظة جسراً جديداً يربط الكورنيش بالمرفأ.",
                                                "2024-10-09T08:00:00+03:00");
  store->add_article(fresh);
  store->flush();
  ASSERT_EQ(0, store->write_errors().count);
  EXPECT_EQ(1, *store->search_backlog());
  store.reset();

  store = open();
  ASSERT_TRUE(store);
  store->flush();
  EXPECT_EQ(0, *store->search_backlog());
  EXPECT_EQ(Ids{testing::kFootball}, found(*store, "الياباني"));
  EXPECT_EQ(Ids{testing::kFootball}, found(*store, "المنتخب"));
  EXPECT_TRUE(found(*store, "الترجيح").empty()) << "the second text left the index with the first";
  EXPECT_TRUE(found(*store, "آسيا").empty()) << "the first text left the index";
  EXPECT_EQ(Ids{testing::kBookFair}, found(*store, "دار نشر"));
  EXPECT_EQ(Ids{testing::kBookFair}, found(*store, "معرض الكتاب")) << "the title is indexed once, still";
  EXPECT_EQ(Ids{testing::kFootball + 1}, found(*store, "اللاذقية"));
  EXPECT_EQ(static_cast<std::int64_t>(articles.size()) + 1, indexed_rows()) << "one entry per article";
  RawDb index(index_path());
  EXPECT_EQ(3, index.scalar("SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'revisions'"));
}

TEST_F(SearchIndexTest, TwoIndexersTakingTurnsIndexEveryArticleOnce) {
  auto store = open(false);
  ASSERT_TRUE(store);
  for (int i = 0; i < 250; ++i) {
    ArticleRecord a = testing::search_article("sana", 1000 + i, "نشرة الأسعار رقم " + std::to_string(i),
                                              "سجلت أسعار الخضار في سوق الهال اليوم ارتفاعاً جديداً، النشرة " +
                                                  std::to_string(i) + ".",
                                              "2024-10-06T10:30:00+03:00");
    store->add_article(std::move(a));
  }
  store->flush();
  auto a = SearchIndex::open(db_path());
  auto b = SearchIndex::open(db_path());
  ASSERT_TRUE(a && b);
  for (bool more = true; more;) {
    auto ra = a->catch_up(30);
    auto rb = b->catch_up(30);
    ASSERT_TRUE(ra && rb);
    more = ra->more || rb->more;
  }
  EXPECT_EQ(0, *a->backlog());
  EXPECT_EQ(250, indexed_rows());
  auto query = parsers::parse_search_query("\"النشرة 137\"");
  ASSERT_TRUE(query);
  auto r = store->search(*query, SearchFilter{});
  ASSERT_TRUE(r);
  ASSERT_EQ(1u, r->hits.size());
  EXPECT_EQ(138, r->hits[0].id);
}

TEST_F(SearchIndexTest, ALostIndexFileIsRebuiltFromTheStore) {
  filled(true).reset();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(index_path().string() + suffix);
  auto store = open();
  ASSERT_TRUE(store);
  store->flush();
  EXPECT_EQ((Ids{testing::kNovelPrize, testing::kBookFair}), found(*store, "احمد الخطيب"));
}

TEST_F(SearchIndexTest, AnIndexFileOfAnotherStoreOrNotADatabaseIsRebuilt) {
  filled(true).reset();
  // Another store's index, copied over this one's.
  TempDir other;
  {
    auto o = Store::open(other.path() / "akhbar.db");
    ASSERT_TRUE(o);
    (*o)->add_article(testing::search_article("enab", 7, "خبر من مخزن آخر", "نص لا علاقة له بالمخزن الأول.",
                                              "2024-10-06T10:30:00+03:00"));
    (*o)->flush();
  }
  fs::copy_file(search_index_path(other.path() / "akhbar.db"), index_path(), fs::copy_options::overwrite_existing);
  fs::remove(index_path().string() + "-wal");
  fs::remove(index_path().string() + "-shm");
  {
    auto store = open();
    ASSERT_TRUE(store);
    store->flush();
    EXPECT_TRUE(found(*store, "مخزن").empty());
    EXPECT_EQ((Ids{testing::kPresidentDelegation, testing::kElectricity}), found(*store, "الرئيس"));
  }
  // A file that is not a database at all.
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(index_path().string() + suffix);
  std::ofstream(index_path(), std::ios::trunc) << std::string(8192, 'x');
  auto store = open();
  ASSERT_TRUE(store);
  store->flush();
  EXPECT_EQ((Ids{testing::kPresidentDelegation, testing::kElectricity}), found(*store, "الرئيس"));
}

}  // namespace
}  // namespace akhbar::store
