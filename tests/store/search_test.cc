// Store::search over a real SQLite file holding the Arabic articles of tests/support/search_articles.h:
// the query is normalised like the index, so spelling variants find the same articles; phrases, OR,
// -word, prefixes, --site, --since and --limit; and the FTS5 expression the query becomes.
#include "store/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "parsers/text/normalize.h"
#include "parsers/text/search_query.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"
#include "tests/support/search_articles.h"

namespace akhbar::store {
namespace {

using namespace akhbar::testing;
using Ids = std::vector<std::int64_t>;

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.path() / "akhbar.db");
    ASSERT_TRUE(opened) << opened.error().str();
    store_ = std::move(*opened);
    for (auto& a : search_articles()) store_->add_article(std::move(a));
    store_->flush();
    ASSERT_EQ(0, store_->write_errors().count);
  }

  std::vector<SearchHit> hits(std::string_view text, SearchFilter filter = {}) {
    auto query = parsers::parse_search_query(text);
    EXPECT_TRUE(query) << text << ": " << (query ? "" : query.error().message);
    if (!query) return {};
    auto found = store_->search(*query, filter);
    EXPECT_TRUE(found) << text << ": " << (found ? "" : found.error().str());
    if (found) {
      EXPECT_FALSE(found->pooled) << "a handful of articles is never pooled";
    }
    return found ? found->hits : std::vector<SearchHit>{};
  }
  // The ids found, in rank order.
  Ids ranked(std::string_view text, SearchFilter filter = {}) {
    Ids out;
    for (const auto& h : hits(text, std::move(filter))) out.push_back(h.id);
    return out;
  }
  // The ids found, sorted (when the order is not the point).
  Ids found(std::string_view text, SearchFilter filter = {}) {
    Ids out = ranked(text, std::move(filter));
    std::sort(out.begin(), out.end());
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SearchTest, AWordWithOrWithoutTashkeelFindsTheSameArticles) {
  const Ids plain = found("الرئيس");
  EXPECT_EQ((Ids{kPresidentDelegation, kElectricity}), plain);
  EXPECT_EQ(plain, found("الرَّئِيسُ"));
  EXPECT_EQ(plain, found("الرئيسُ"));
}

TEST_F(SearchTest, HamzaOnAlefAndOtherFoldedLettersFindTheSameArticles) {
  EXPECT_EQ((Ids{kNovelPrize, kBookFair}), found("أحمد"));
  EXPECT_EQ(found("أحمد"), found("احمد"));
  EXPECT_EQ(found("إدلب"), found("ادلب"));
  EXPECT_EQ(Ids{kIdlibCeasefire}, found("ادلب"));
  EXPECT_EQ(Ids{kFootball}, found("كاس اسيا"));      // كأس آسيا
  EXPECT_EQ(Ids{kElectricity}, found("الكهربائيه"));  // ة written as ه
  EXPECT_EQ(Ids{kNovelPrize}, found("علي النهر"));   // على written with ي
}

TEST_F(SearchTest, ATitleMatchRanksFirst) {
  const Ids order = ranked("الرئيس");
  ASSERT_EQ(2u, order.size());
  EXPECT_EQ(kPresidentDelegation, order[0]) << "in its title and twice in its body";
  const auto h = hits("الرئيس");
  EXPECT_LT(h[0].rank, h[1].rank) << "bm25: lower is better";
}

TEST_F(SearchTest, APhraseMatchesItsWordsInOrderOnly) {
  EXPECT_EQ(Ids{kIdlibCeasefire}, found("\"وقف إطلاق النار\""));
  EXPECT_EQ(Ids{kIdlibCeasefire}, found("\"وَقْفِ إِطْلَاقِ النَّارِ\""));
  EXPECT_TRUE(found("\"النار إطلاق وقف\"").empty());
  EXPECT_EQ((Ids{kNovelPrize, kBookFair}), found("\"احمد الخطيب\""));
}

TEST_F(SearchTest, OrNotAndPrefixes) {
  EXPECT_EQ((Ids{kVegetablePrices, kBookFair}), found("البندورة OR الكتاب"));
  EXPECT_EQ(Ids{kNovelPrize}, found("الرواية -حلب"));
  EXPECT_EQ(Ids{kNovelPrize}, found("الرواية -\"معرض للكتاب\""));
  EXPECT_EQ((Ids{kPresidentDelegation, kElectricity}), found("الكهرب*"));
  EXPECT_EQ((Ids{kPresidentDelegation, kElectricity}), found("\"محطات الكهر\"* OR \"وزير الكهرباء\""));
  // OR binds tighter than the implicit AND.
  EXPECT_EQ(Ids{kVegetablePrices}, found("البندورة OR الرواية دمشق"));
}

TEST_F(SearchTest, FiltersBySiteAndDate) {
  EXPECT_EQ(Ids{kElectricity}, found("الرئيس", {"enab", std::nullopt, 20}));
  EXPECT_TRUE(found("الرئيس", {"watan", std::nullopt, 20}).empty());
  EXPECT_EQ((Ids{kPresidentDelegation, kVegetablePrices}), found("دمشق"));
  EXPECT_EQ(Ids{kVegetablePrices}, found("دمشق", {"", at("2024-10-08T00:00:00Z"), 20}));
  // An undated article counts from when it was fetched (2024-10-10T12:00Z).
  EXPECT_EQ(Ids{kBookFair}, found("حلب", {"", at("2024-10-10T00:00:00Z"), 20}));
  EXPECT_TRUE(found("حلب", {"", at("2024-10-11T00:00:00Z"), 20}).empty());
}

TEST_F(SearchTest, LimitKeepsTheBestOnes) {
  const Ids all = ranked("في");
  ASSERT_GE(all.size(), 5u);
  EXPECT_EQ(Ids(all.begin(), all.begin() + 2), ranked("في", {"", std::nullopt, 2}));
  EXPECT_EQ(3u, ranked("في", {"sana", std::nullopt, 3}).size());
  EXPECT_TRUE(ranked("في", {"", std::nullopt, 0}).empty());
}

TEST_F(SearchTest, AQueryWithMoreMatchesThanThePoolIsRankedAmongTheNewest) {
  auto q = parsers::parse_search_query("في");  // in every article
  ASSERT_TRUE(q);
  auto ids_of = [](const SearchResults& r) {
    Ids out;
    for (const auto& h : r.hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  SearchFilter filter;
  filter.pool = 2;
  filter.limit = 2;
  auto pooled = store_->search(*q, filter);
  ASSERT_TRUE(pooled) << pooled.error().str();
  EXPECT_TRUE(pooled->pooled);
  EXPECT_EQ((Ids{kElectricity, kFootball}), ids_of(*pooled)) << "the two newest";
  // The filter leaves one of the pool: enough for a limit of 1.
  filter.site = "sana";
  filter.limit = 1;
  auto one = store_->search(*q, filter);
  ASSERT_TRUE(one);
  EXPECT_TRUE(one->pooled);
  EXPECT_EQ(Ids{kFootball}, ids_of(*one));
  // The filter leaves none of the pool: every match is ranked instead.
  filter.site = "baladi";
  filter.limit = 2;
  auto all = store_->search(*q, filter);
  ASSERT_TRUE(all);
  EXPECT_FALSE(all->pooled);
  EXPECT_EQ((Ids{kIdlibCeasefire, kBookFair}), ids_of(*all));
  filter = SearchFilter{};
  filter.pool = 0;
  auto unpooled = store_->search(*q, filter);
  ASSERT_TRUE(unpooled);
  EXPECT_FALSE(unpooled->pooled);
  EXPECT_EQ(7u, unpooled->hits.size());
}

TEST_F(SearchTest, AHitCarriesTheOriginalText) {
  const auto h = hits("وفدا");
  ASSERT_EQ(1u, h.size());
  EXPECT_EQ("sana", h[0].site);
  EXPECT_EQ("الرَّئِيسُ يستقبل وفداً اقتصادياً في دمشق", h[0].title);
  EXPECT_EQ("https://sana.example/news/1", h[0].url);
  EXPECT_EQ("2024-10-06T10:30:00+03:00", h[0].published_at_text);
  EXPECT_NE(std::string::npos, h[0].body.find("وأكد الرَّئِيسُ"));
}

TEST_F(SearchTest, ARevisedArticleIsFoundByItsNewTextOnly) {
  const auto before = hits("وفدا");
  ASSERT_EQ(1u, before.size());
  ArticleRecord again;
  again.site = before[0].site;
  again.url = before[0].url;
  again.canonical_url = before[0].url;
  again.title = "الرئيس يستقبل بعثة تجارية في دمشق";
  again.body = "استقبل الرئيس بعثة تجارية من رجال الأعمال وبحث معها مشاريع الطاقة الشمسية.";
  again.content_hash = parsers::content_hash(again.title, again.body);
  again.fetched_at = WallTime(std::chrono::seconds(1'728'300'000));
  store_->add_article(std::move(again));
  store_->flush();
  ASSERT_EQ(0, store_->write_errors().count);
  EXPECT_EQ(Ids{}, found("وفدا"));
  EXPECT_EQ(Ids{before[0].id}, found("الشمسيه"));
  EXPECT_EQ(Ids{before[0].id}, found("بعثة"));
}

TEST(Fts5Expression, QuotesEveryPhraseAndSpellsOutTheOperators) {
  auto q = parsers::parse_search_query("الرئيس OR \"وزير الخارجية\" دمش* -حلب -\"ريف إدلب\"");
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ("((\"الرئيس\" OR \"وزير الخارجيه\") AND \"دمش\"*) NOT \"حلب\" NOT \"ريف ادلب\"", fts5_expression(*q));
  auto plain = parsers::parse_search_query("NEAR AND \"OR\"");
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ("\"near\" AND \"and\" AND \"or\"", fts5_expression(*plain)) << "FTS5 keywords are only words here";
}

}  // namespace
}  // namespace akhbar::store
