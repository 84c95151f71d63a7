// Tests for the store's dedupe step (store/dedupe.cc, store/near_index.cc): exact and near copies,
// stories, with a real SQLite file and the writer thread.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/normalize.h"
#include "store/near_index.h"
#include "store/writer.h"
#include "store/queries.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"
#include "tests/support/dedupe_set.h"

namespace akhbar::store {
namespace {

namespace fs = std::filesystem;

const std::string kBody =
    "القاهرة - بدأت الهيئة القومية للأنفاق صباح اليوم التشغيل التجريبي للمرحلة الثالثة من الخط الثالث لمترو "
    "القاهرة، التي تربط منطقة العتبة وسط العاصمة بحي إمبابة غرب النيل، بطول 17.7 كيلومتر و15 محطة.\n\n"
    "وقال رئيس الهيئة إن المرحلة الجديدة ستخدم نحو 400 ألف راكب يومياً في مرحلتها الأولى، مؤكداً أن القطارات "
    "ستعمل بتقاطر ثماني دقائق خلال الأسبوع الأول، وأن سعر التذكرة سيحدد وفق عدد المحطات.";

// An article as the crawler would hand it over: hash and fingerprint computed from its text.
ArticleRecord article(const std::string& site, const std::string& url, const std::string& title,
                      const std::string& body, std::string_view fetched = "2024-05-04T08:00:00Z") {
  ArticleRecord a;
  a.site = site;
  a.url = url;
  a.canonical_url = url;
  a.title = title;
  a.body = body;
  a.lang = "ar";
  a.content_hash = parsers::content_hash(title, body);
  a.near = parsers::near_fingerprint(body);
  a.simhash = a.near.simhash;
  a.fetched_at = at(fetched);
  return a;
}

class DedupeTest : public ::testing::Test {
 protected:
  fs::path db_path() const { return dir_.path() / "akhbar.db"; }

  std::unique_ptr<Store> open(const StoreOptions& options = {}) {
    auto store = Store::open(db_path(), options);
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    return store ? std::move(*store) : nullptr;
  }

  static AddedArticle add(Store& store, ArticleRecord a) {
    std::optional<Result<AddedArticle>> got;
    store.add_article(std::move(a), [&](Result<AddedArticle> r) { got = std::move(r); });
    store.flush();
    EXPECT_TRUE(got && *got) << (got && !*got ? got->error().str() : "no callback");
    return got && *got ? **got : AddedArticle{};
  }

  static std::map<std::int64_t, ArticleRow> rows(Store& store, const ExportFilter& filter = {}) {
    std::map<std::int64_t, ArticleRow> out;
    auto r = store.for_each_article(filter, [&](const ArticleRow& row) { out[row.id] = row; });
    EXPECT_TRUE(r) << (r ? "" : r.error().str());
    return out;
  }

  TempDir dir_;
};

// Many crawler workers finish copies of one story at the same moment: whatever batches they land
// in, one of them is the original and every other one points to it.
TEST_F(DedupeTest, CopiesRacingFromManyThreadsResolveToOneOriginal) {
  for (std::size_t max_batch : {std::size_t{1}, std::size_t{7}, std::size_t{500}}) {
    SCOPED_TRACE(max_batch);
    TempDir dir;
    StoreOptions options;
    options.max_batch = max_batch;
    auto opened = Store::open(dir.path() / "race.db", options);
    ASSERT_TRUE(opened);
    Store& store = **opened;
    constexpr int kThreads = 12, kEach = 20;
    std::vector<std::thread> threads;
    std::mutex mu;
    std::vector<AddedArticle> results;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          const std::string site = "site-" + std::to_string(t);
          const std::string url = "https://" + site + ".example/" + std::to_string(i);
          store.add_article(article(site, url, "افتتاح المرحلة الثالثة من مترو القاهرة", kBody),
                            [&](Result<AddedArticle> r) {
                              ASSERT_TRUE(r) << r.error().str();
                              std::lock_guard lock(mu);
                              results.push_back(*r);
                            });
          // Other stories in between, as a crawl would have them.
          store.add_article(article(site, url + "-other", "خبر آخر " + std::to_string(t * 100 + i),
                                    "نص مختلف تماماً عن الخبر رقم " + std::to_string(t * 100 + i)));
        }
      });
    }
    for (auto& th : threads) th.join();
    store.flush();
    ASSERT_EQ(static_cast<std::size_t>(kThreads * kEach), results.size());
    std::set<std::int64_t> originals;
    for (const auto& r : results) {
      if (!r.duplicate_of) originals.insert(r.id);
    }
    ASSERT_EQ(1u, originals.size());
    const std::int64_t original = *originals.begin();
    for (const auto& r : results) {
      if (r.id == original) continue;
      EXPECT_EQ(original, r.duplicate_of) << r.id;
      EXPECT_EQ("exact", r.duplicate_kind);
      EXPECT_EQ(original, r.story_id);
    }
    // The same, read back from the file by another connection.
    RawDb raw(dir.path() / "race.db");
    const std::string hash = parsers::content_hash("افتتاح المرحلة الثالثة من مترو القاهرة", kBody);
    EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM articles WHERE content_hash = ? AND duplicate_of IS NULL", hash));
    EXPECT_EQ(kThreads * kEach - 1,
              raw.scalar("SELECT COUNT(*) FROM articles WHERE content_hash = ? AND duplicate_of = "
                         "(SELECT MIN(id) FROM articles WHERE content_hash = ?1)",
                         hash));
    EXPECT_EQ(0, store.write_errors().count);
  }
}

// The cause of copies stored as originals: an article fetched again whose text is now one a later
// article already has. Its lookup used to look only at lower ids, so it found nothing and both
// were originals. Now it is a copy of the stored one, and the two stories become one.
TEST_F(DedupeTest, AStoredUrlWhoseNewTextIsAlreadyStoredBecomesItsCopy) {
  auto store = open();
  const auto first = add(*store, article("site-a", "https://a.example/1", "عنوان مؤقت", "نص أولي قصير"));
  const auto other = add(*store, article("site-b", "https://b.example/7", "افتتاح المترو", kBody));
  EXPECT_FALSE(other.duplicate_of);
  const auto again = add(*store, article("site-a", "https://a.example/1", "افتتاح المترو", kBody));
  EXPECT_TRUE(again.existed);
  EXPECT_TRUE(again.revised);
  EXPECT_EQ(first.id, again.id);
  EXPECT_EQ(other.id, again.duplicate_of);
  EXPECT_EQ("exact", again.duplicate_kind);
  EXPECT_EQ(first.id, again.story_id);  // the merged story keeps the lower id
  const auto stored = rows(*store);
  EXPECT_EQ(first.id, stored.at(other.id).story_id);
  EXPECT_FALSE(stored.at(other.id).duplicate_of);
  RawDb raw(db_path());
  EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM articles WHERE content_hash = ? AND duplicate_of IS NULL",
                          parsers::content_hash("افتتاح المترو", kBody)));
}

TEST_F(DedupeTest, ANearCopyIsLinkedToTheFirstArticleAndJoinsItsStory) {
  const auto set = testing::load_dedupe_set(fs::path(AKHBAR_TEST_DATA) / "dedupe");
  auto text = [&](std::string_view name) -> const testing::DedupeText& {
    return *std::find_if(set.texts.begin(), set.texts.end(), [&](const auto& t) { return t.name == name; });
  };
  auto store = open();
  const auto& v0 = text("s04-cairo-metro/v0");
  const auto& v2 = text("s04-cairo-metro/v2");
  const auto& v6 = text("s04-cairo-metro/v6");
  const auto& other = text("s03-lebanon-electricity/v0");
  const auto a = add(*store, article("agency", "https://agency.example/1", v0.title, v0.body));
  const auto b = add(*store, article("site-b", "https://b.example/2", other.title, other.body));
  const auto c = add(*store, article("site-c", "https://c.example/3", v2.title, v2.body));
  const auto d = add(*store, article("site-d", "https://d.example/4", v6.title, v6.body));
  EXPECT_FALSE(a.duplicate_of);
  EXPECT_FALSE(b.duplicate_of);
  EXPECT_EQ(a.id, c.duplicate_of);
  EXPECT_EQ("near", c.duplicate_kind);
  EXPECT_EQ(a.id, c.story_id);
  EXPECT_GE(c.overlap, 0.6);
  EXPECT_GT(c.distance, 0);
  EXPECT_EQ(a.id, d.story_id);
  EXPECT_EQ("near", d.duplicate_kind);
  // The read connection finds the same.
  auto hit = store->find_near_copy(parsers::near_fingerprint(v2.body));
  ASSERT_TRUE(hit);
  ASSERT_TRUE(*hit);
  EXPECT_EQ(a.id, (*hit)->id);
  auto miss = store->find_near_copy(parsers::near_fingerprint(text("n14-army-repels-a").body));
  ASSERT_TRUE(miss);
  EXPECT_FALSE(*miss);
}

// A batch is written without savepoints first; one failed operation makes the writer roll it back
// and write it again, one savepoint per operation (store/writer.h). The copies in that batch are
// linked as if it had been written once, and nothing of the first pass is kept.
TEST_F(DedupeTest, ABatchWrittenAgainAfterAFailureLinksItsCopiesOnce) {
  const auto set = testing::load_dedupe_set(fs::path(AKHBAR_TEST_DATA) / "dedupe");
  auto text = [&](std::string_view name) -> const testing::DedupeText& {
    return *std::find_if(set.texts.begin(), set.texts.end(), [&](const auto& t) { return t.name == name; });
  };
  open().reset();
  RawDb(db_path()).exec_sql(
      "CREATE TRIGGER reject_ads BEFORE INSERT ON articles WHEN NEW.title = 'إعلان' "
      "BEGIN SELECT RAISE(ABORT, 'rejected by test trigger'); END");
  auto store = open();
  std::vector<Result<AddedArticle>> got;
  auto collect = [&](Result<AddedArticle> r) { got.push_back(std::move(r)); };
  const auto& v0 = text("s04-cairo-metro/v0");
  const auto& v2 = text("s04-cairo-metro/v2");
  // Queued from a callback, on the writer thread between two batches: all three land in the next one.
  const std::string feed = "https://agency.example/rss";
  store->add_url({"agency", feed, feed, feed, "", std::nullopt, std::nullopt, std::nullopt, {}}, [&](bool) {
    store->add_article(article("agency", "https://agency.example/1", v0.title, v0.body), collect);
    store->add_article(article("ads", "https://ads.example/1", "إعلان", text("s03-lebanon-electricity/v0").body),
                       collect);
    store->add_article(article("site-c", "https://c.example/3", v2.title, v2.body), collect);
  });
  store->flush();  // the callback has run: the three are queued
  store->flush();
  ASSERT_EQ(3u, got.size());
  ASSERT_TRUE(got[0]) << got[0].error().str();
  EXPECT_FALSE(got[1]);
  ASSERT_TRUE(got[2]) << got[2].error().str();
  EXPECT_EQ(got[0]->id, got[2]->duplicate_of);
  EXPECT_EQ("near", got[2]->duplicate_kind);
  EXPECT_EQ(1, store->write_errors().count) << "the failure counted once, not once per pass";
  RawDb raw(db_path());
  EXPECT_EQ(2, raw.scalar("SELECT COUNT(*) FROM article_bands")) << "the first pass's rows were rolled back";
  // The next copy finds the original through the buckets in memory, each bucket holding it once.
  const auto c = add(*store, article("site-d", "https://d.example/4", text("s04-cairo-metro/v6").title,
                                     text("s04-cairo-metro/v6").body));
  EXPECT_EQ(got[0]->id, c.story_id);
}

// The whole labelled set through the store (SQLite buckets, stored fingerprints), in three
// orders: no story mixes two labelled stories, and nearly every copy that arrives after another
// copy of its story lands in that story.
TEST_F(DedupeTest, TheLabelledSetThroughTheStoreKeepsItsStoriesApart) {
  const auto set = testing::load_dedupe_set(fs::path(AKHBAR_TEST_DATA) / "dedupe");
  int linked = 0, missed = 0;
  // One article per batch, and all of them queued at once (batches of many, in which copies find
  // each other through the band rows the batch has not inserted yet).
  for (const auto& [batched, seed] : std::vector<std::pair<bool, unsigned>>{
           {false, 0}, {false, 1}, {false, 2}, {true, 0}, {true, 1}, {true, 2}}) {
    SCOPED_TRACE(seed);
    SCOPED_TRACE(batched ? "batched" : "one by one");
    TempDir dir;
    auto opened = Store::open(dir.path() / "set.db");
    ASSERT_TRUE(opened);
    std::vector<std::size_t> order(set.texts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (seed) std::shuffle(order.begin(), order.end(), std::mt19937(seed));
    std::set<std::string> seen;  // labelled stories with a text stored
    std::map<std::int64_t, std::set<std::string>> stories;  // store story → labelled stories in it
    std::vector<AddedArticle> added(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
      const auto& t = set.texts[order[k]];
      auto a = article("site-" + std::to_string(k % 9), "https://x.example/" + std::to_string(k), t.title, t.body);
      if (batched) {
        (*opened)->add_article(std::move(a), [&added, k](Result<AddedArticle> r) {
          if (r) added[k] = *r;
        });
      } else {
        added[k] = add(**opened, std::move(a));
      }
    }
    (*opened)->flush();
    EXPECT_EQ(0, (*opened)->write_errors().count);
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (!seen.insert(set.texts[order[k]].story).second) (added[k].duplicate_of ? linked : missed)++;
    }
    std::map<std::int64_t, std::string> label_of;
    for (std::size_t k = 0; k < order.size(); ++k) {
      // ids follow arrival order: the k-th text stored is article k + 1
      label_of[static_cast<std::int64_t>(k + 1)] = set.texts[order[k]].story;
    }
    for (const auto& [id, row] : rows(**opened)) stories[row.story_id].insert(label_of.at(id));
    for (const auto& [story, labels] : stories) {
      EXPECT_EQ(1u, labels.size()) << "story " << story << " mixes " << *labels.begin() << " and " << *labels.rbegin();
    }
  }
  const double recall = static_cast<double>(linked) / (linked + missed);
  std::printf("store, 3 orders, one by one and batched: %d copies linked into their story, %d started one of their own; recall %.3f\n", linked,
              missed, recall);
  EXPECT_GE(recall, 0.97);
}

TEST_F(DedupeTest, ANewTextForAStoredUrlKeepsTheOldOneAsARevision) {
  auto store = open();
  const std::string url = "https://www.example.com/news/1";
  const auto first = add(*store, article("site", url, "عنوان أولي", kBody, "2024-05-04T08:00:00Z"));
  EXPECT_FALSE(first.revised);
  EXPECT_EQ(0, first.revisions);
  const std::string edited = kBody + "\n\nوأضاف أن الخط سيعمل حتى منتصف الليل خلال شهر رمضان.";
  const auto second = add(*store, article("site", url, "عنوان محدث", edited, "2024-05-04T10:00:00Z"));
  EXPECT_TRUE(second.existed);
  EXPECT_TRUE(second.revised);
  EXPECT_EQ(1, second.revisions);
  EXPECT_EQ(first.id, second.id);
  // The same text again is no revision.
  const auto same = add(*store, article("site", url, "عنوان محدث", edited, "2024-05-04T11:00:00Z"));
  EXPECT_TRUE(same.existed);
  EXPECT_FALSE(same.revised);
  EXPECT_EQ(1, same.revisions);
  const auto third = add(*store, article("site", url, "عنوان ثالث", edited, "2024-05-04T12:00:00Z"));
  EXPECT_EQ(2, third.revisions);

  ExportFilter with_history;
  with_history.revisions = true;
  const auto stored = rows(*store, with_history);
  ASSERT_EQ(1u, stored.size());
  const auto& row = stored.begin()->second;
  EXPECT_EQ("عنوان ثالث", row.title);
  EXPECT_EQ(2, row.revisions);
  ASSERT_EQ(2u, row.history.size());
  EXPECT_EQ(1, row.history[0].revision);
  EXPECT_EQ("عنوان أولي", row.history[0].title);
  EXPECT_EQ(kBody, row.history[0].body);
  EXPECT_EQ(parsers::content_hash("عنوان أولي", kBody), row.history[0].content_hash);
  EXPECT_EQ(at("2024-05-04T08:00:00Z"), row.history[0].fetched_at);
  EXPECT_EQ(2, row.history[1].revision);
  EXPECT_EQ("عنوان محدث", row.history[1].title);
  EXPECT_EQ(edited, row.history[1].body);
  EXPECT_EQ(at("2024-05-04T11:00:00Z"), row.history[1].fetched_at);  // the unchanged fetch updated it
  EXPECT_TRUE(rows(*store).begin()->second.history.empty());  // only read when asked
  RawDb raw(db_path());
  EXPECT_EQ(2, raw.scalar("SELECT COUNT(*) FROM article_revisions"));
  EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM articles"));
}

TEST_F(DedupeTest, ARevisedArticleKeepsItsStoryAndItsCopies) {
  auto store = open();
  const auto original = add(*store, article("agency", "https://agency.example/1", "افتتاح المترو", kBody));
  const auto copy = add(*store, article("site-b", "https://b.example/1", "افتتاح المترو", kBody));
  ASSERT_EQ(original.id, copy.duplicate_of);
  // The agency corrects a figure in its text: still the same story, the copy still points to it.
  std::string corrected = kBody;
  corrected.replace(corrected.find("400"), 3, "450");
  const auto revised = add(*store, article("agency", "https://agency.example/1", "افتتاح المترو", corrected));
  EXPECT_TRUE(revised.revised);
  EXPECT_EQ(original.id, revised.story_id);
  EXPECT_FALSE(revised.duplicate_of);
  const auto stored = rows(*store);
  EXPECT_EQ(original.id, stored.at(copy.id).duplicate_of);
  EXPECT_EQ(original.id, stored.at(copy.id).story_id);
  // Its new text is what a later near copy finds.
  auto hit = store->find_near_copy(parsers::near_fingerprint(corrected + "\n\nالمصدر: وكالات"));
  ASSERT_TRUE(hit && *hit);
  EXPECT_EQ(original.id, (*hit)->story_id);
}

TEST_F(DedupeTest, StoriesListWhoRanItFirstThenEveryCopy) {
  auto store = open();
  auto a = article("sana", "https://sana.example/1", "افتتاح المترو", kBody, "2024-05-04T09:00:00Z");
  a.published_at = at("2024-05-04T07:30:00Z");
  auto b = article("baladi", "https://baladi.example/1", "افتتاح المترو", kBody, "2024-05-04T08:00:00Z");
  auto c = article("sham", "https://sham.example/1", "افتتاح المترو", kBody + "\n\nالمصدر: وكالات",
                   "2024-05-04T10:00:00Z");
  c.published_at = at("2024-05-04T07:00:00Z");
  const auto lone = add(*store, article("sana", "https://sana.example/2", "خبر وحيد", "نص خبر لم ينقله أحد"));
  const auto ia = add(*store, a);
  const auto ib = add(*store, b);
  const auto ic = add(*store, c);
  ASSERT_EQ(ia.id, ib.story_id);
  ASSERT_EQ(ia.id, ic.story_id);

  std::vector<Story> got;
  ASSERT_TRUE(store->for_each_story({}, [&](const Story& s) { got.push_back(s); }));
  ASSERT_EQ(1u, got.size());  // the lone article is no story of copies
  const Story& s = got[0];
  EXPECT_EQ(ia.id, s.id);
  ASSERT_EQ(3u, s.copies.size());
  // Sham Times published first (07:00), SANA at 07:30, Baladi has no date: fetched at 08:00.
  EXPECT_EQ("sham", s.copies[0].site);
  EXPECT_TRUE(s.copies[0].published);
  EXPECT_EQ(at("2024-05-04T07:00:00Z"), s.copies[0].at);
  EXPECT_EQ("near", s.copies[0].duplicate_kind);
  EXPECT_EQ("sana", s.copies[1].site);
  EXPECT_EQ("baladi", s.copies[2].site);
  EXPECT_FALSE(s.copies[2].published);
  EXPECT_EQ(at("2024-05-04T08:00:00Z"), s.copies[2].at);
  EXPECT_EQ(ia.id, s.copies[2].duplicate_of);

  StoryFilter one;
  one.min_copies = 1;
  got.clear();
  ASSERT_TRUE(store->for_each_story(one, [&](const Story& st) { got.push_back(st); }));
  ASSERT_EQ(2u, got.size());
  EXPECT_EQ(lone.id, got[0].id);

  StoryFilter by_site;
  by_site.site = "baladi";
  got.clear();
  ASSERT_TRUE(store->for_each_story(by_site, [&](const Story& st) { got.push_back(st); }));
  ASSERT_EQ(1u, got.size());
  EXPECT_EQ(3u, got[0].copies.size());  // every copy, not only Baladi's
  by_site.site = "nobody";
  got.clear();
  ASSERT_TRUE(store->for_each_story(by_site, [&](const Story& st) { got.push_back(st); }));
  EXPECT_TRUE(got.empty());

  StoryFilter since;
  since.since = at("2024-05-04T09:30:00Z");  // only Sham Times' copy was fetched since
  got.clear();
  ASSERT_TRUE(store->for_each_story(since, [&](const Story& st) { got.push_back(st); }));
  ASSERT_EQ(1u, got.size());
  EXPECT_EQ(3u, got[0].copies.size());
  since.since = at("2024-05-04T10:30:00Z");
  got.clear();
  ASSERT_TRUE(store->for_each_story(since, [&](const Story& st) { got.push_back(st); }));
  EXPECT_TRUE(got.empty());

  ExportFilter story;
  story.story = ia.id;
  EXPECT_EQ(3u, rows(*store, story).size());
}

// Every dedupe lookup is an index search, never a scan of a table.
TEST_F(DedupeTest, DedupeLookupsSearchIndexesAndNeverScan) {
  open().reset();
  RawDb raw(db_path());
  // The buckets are in memory (near_buckets.h); what they are rebuilt and kept up to date from is
  // read by seq, and an article whose text changed is found by its id.
  const std::string since = raw.plan("SELECT seq, article_id, bands FROM article_bands WHERE seq > ?1 ORDER BY seq");
  EXPECT_NE(std::string::npos, since.find("SEARCH article_bands USING INTEGER PRIMARY KEY (rowid>?)")) << since;
  EXPECT_EQ(std::string::npos, since.find("TEMP B-TREE")) << since;
  const std::string drop = raw.plan("DELETE FROM article_bands WHERE article_id = ?1");
  EXPECT_NE(std::string::npos, drop.find("USING INDEX article_bands_article (article_id=?)")) << drop;
  const std::string exact = raw.plan(exact_original_query());
  EXPECT_NE(std::string::npos, exact.find("USING INDEX articles_content_key (<expr>=?)")) << exact;
  EXPECT_EQ(std::string::npos, exact.find("TEMP B-TREE")) << exact;
  const std::string merge = raw.plan("UPDATE articles SET story_id = ?1 WHERE story_id = ?2");
  EXPECT_NE(std::string::npos, merge.find("articles_story")) << merge;
  const std::string fp = raw.plan("SELECT simhash, shingles, numbers FROM article_fingerprints WHERE article_id = ?1");
  EXPECT_NE(std::string::npos, fp.find("INTEGER PRIMARY KEY")) << fp;
  // stories: a covering range of the fetch times, then each story through its index.
  const std::string stories = raw.plan(std::string(stories_query()));
  EXPECT_NE(std::string::npos, stories.find("USING COVERING INDEX articles_fetched (fetched_ts>?)")) << stories;
  EXPECT_NE(std::string::npos, stories.find("USING INDEX articles_story (story_id=?)")) << stories;
  EXPECT_EQ(std::string::npos, stories.find("SCAN a")) << stories;
}

}  // namespace
}  // namespace akhbar::store

namespace akhbar::store {
namespace {

// The writer's buckets of a batch: looked up before they are committed, undone with an operation
// that failed, void once the article's text changed again, and in NearBuckets once committed.
TEST_F(DedupeTest, TheBatchsBucketsAreFoundUndoneAndCommittedOnce) {
  parsers::NearFingerprint a, b;
  for (std::size_t i = 0; i < parsers::kNearBands; ++i) {
    a.bands[i] = 0x9000000000000000ULL + (std::uint64_t{i} << 32);  // negative as SQLite integers
    b.bands[i] = (std::uint64_t{100} + i) << 32;
  }
  b.bands[3] = a.bands[3];  // one bucket in common
  BandBuffer buffer;
  buffer.begin_op();
  buffer.add(1, a, 1);
  buffer.begin_op();
  buffer.add(2, b, 2);
  std::vector<std::int64_t> ids;
  buffer.ids_of(a.bands[3], ids);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ((std::vector<std::int64_t>{1, 2}), ids);
  buffer.abort_op();  // article 2's operation failed
  ids.clear();
  buffer.ids_of(a.bands[3], ids);
  EXPECT_EQ(std::vector<std::int64_t>{1}, ids);
  buffer.begin_op();
  buffer.drop(1, 0);  // article 1's text changed again in the batch...
  buffer.add(1, b, 3);
  ids.clear();
  buffer.ids_of(a.bands[0], ids);
  EXPECT_TRUE(ids.empty()) << "its first text's buckets are void";
  buffer.ids_of(b.bands[0], ids);
  EXPECT_EQ(std::vector<std::int64_t>{1}, ids);
  buffer.begin_op();
  buffer.drop(1, 0);
  buffer.abort_op();  // ...and a later operation that voided it failed
  ids.clear();
  buffer.ids_of(b.bands[5], ids);
  EXPECT_EQ(std::vector<std::int64_t>{1}, ids);

  NearBuckets near;
  buffer.commit_to(near);
  EXPECT_EQ(0u, buffer.size());
  EXPECT_EQ(parsers::kNearBands, near.entries()) << "the second text's buckets only";
  for (std::size_t i = 0; i < parsers::kNearBands; ++i) {
    ids.clear();
    near.ids_of(b.bands[i], 32, ids);
    EXPECT_EQ(std::vector<std::int64_t>{1}, ids) << i;
  }
  ids.clear();
  near.ids_of(a.bands[0], 32, ids);
  EXPECT_TRUE(ids.empty());
  // Committed rows that a catch-up already read (up to seq 3) are not added twice.
  buffer.add(1, b, 3);
  buffer.commit_to(near);
  EXPECT_EQ(parsers::kNearBands, near.entries());
}

}  // namespace
}  // namespace akhbar::store
