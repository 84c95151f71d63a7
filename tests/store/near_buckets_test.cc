// The near-duplicate buckets in memory (store/near_buckets.h): what they hold against a plain
// model over many batches, what they are rebuilt from, what another process indexed, and a store
// of the release before them (migration 10) that keeps finding its near copies.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/normalize.h"
#include "store/blob_arrays.h"
#include "store/migrations.h"
#include "store/near_buckets.h"
#include "store/sqlite_handles.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"
#include "tests/support/dedupe_set.h"

namespace akhbar::store {
namespace {

namespace fs = std::filesystem;

// What ids_of must return: the newest `limit` ids whose bucket key agrees in its high 32 bits.
std::vector<std::int64_t> model_ids(const std::multimap<std::uint32_t, std::int64_t>& model, std::uint64_t band,
                                    std::size_t limit) {
  std::vector<std::int64_t> ids;
  auto [first, last] = model.equal_range(static_cast<std::uint32_t>(band >> 32));
  for (auto it = first; it != last; ++it) ids.push_back(it->second);
  std::sort(ids.begin(), ids.end(), std::greater<>());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() > limit) ids.resize(limit);
  return ids;
}

// Batches of every size, with keys drawn from a small space so that buckets fill up, through
// both sorted runs and the merges between them: every bucket holds what a multimap holds.
TEST(NearBucketsTest, BucketsHoldWhatWasAddedNewestFirstAcrossMerges) {
  std::mt19937_64 rng(20261204);
  NearBuckets near;
  std::multimap<std::uint32_t, std::int64_t> model;
  std::vector<std::uint64_t> keys;
  std::int64_t id = 0;
  std::int64_t seq = 0;
  for (int batch = 0; batch < 60; ++batch) {
    std::vector<NearBuckets::Row> rows;
    const int articles = batch % 7 == 0 ? 3000 : static_cast<int>(rng() % 400);
    for (int a = 0; a < articles; ++a) {
      ++id;
      ++seq;
      for (std::size_t b = 0; b < parsers::kNearBands; ++b) {
        // A third of the keys repeat an earlier one (a copy's bucket); the rest are new, and
        // their low 32 bits differ from the key they share their high bits with.
        std::uint64_t key = rng();
        if (!keys.empty() && rng() % 3 == 0) key = keys[rng() % keys.size()] ^ (rng() & 0xFFFFFFFFULL);
        keys.push_back(key);
        rows.push_back({key, id});
        model.emplace(static_cast<std::uint32_t>(key >> 32), id);
      }
    }
    near.add(rows, seq);
  }
  EXPECT_EQ(model.size(), near.entries());
  EXPECT_GE(near.bytes(), near.entries() * sizeof(std::uint64_t));
  std::size_t full = 0;
  for (std::size_t k = 0; k < keys.size(); k += 37) {
    for (std::size_t limit : {std::size_t{1}, std::size_t{4}, std::size_t{32}}) {
      std::vector<std::int64_t> got{-1};  // ids_of appends
      near.ids_of(keys[k], limit, got);
      std::vector<std::int64_t> want{-1};
      const auto ids = model_ids(model, keys[k], limit);
      want.insert(want.end(), ids.begin(), ids.end());
      ASSERT_EQ(want, got) << "key " << k << " limit " << limit;
      if (ids.size() == limit && limit == 4) ++full;
    }
  }
  EXPECT_GT(full, 10u) << "some buckets held more than a limit";
  std::vector<std::int64_t> none;
  near.ids_of(0x1234567800000000ULL, 32, none);
  EXPECT_EQ(model_ids(model, 0x1234567800000000ULL, 32), none);
}

class NearBucketsStoreTest : public ::testing::Test {
 protected:
  fs::path db_path() const { return dir_.path() / "akhbar.db"; }

  std::unique_ptr<Store> open() {
    auto store = Store::open(db_path());
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    return store ? std::move(*store) : nullptr;
  }

  static AddedArticle add(Store& store, const testing::DedupeText& t, const std::string& site, int n) {
    ArticleRecord a;
    a.site = site;
    a.url = a.canonical_url = "https://" + site + ".example/" + std::to_string(n);
    a.title = t.title;
    a.body = t.body;
    a.lang = "ar";
    a.content_hash = parsers::content_hash(a.title, a.body);
    a.near = parsers::near_fingerprint(a.body);
    a.simhash = a.near.simhash;
    a.fetched_at = at("2024-05-04T08:00:00Z");
    std::optional<Result<AddedArticle>> got;
    store.add_article(std::move(a), [&](Result<AddedArticle> r) { got = std::move(r); });
    store.flush();
    EXPECT_TRUE(got && *got) << (got && !*got ? got->error().str() : "no callback");
    return got && *got ? **got : AddedArticle{};
  }

  const testing::DedupeText& text(std::string_view name) {
    if (set_.texts.empty()) set_ = testing::load_dedupe_set(fs::path(AKHBAR_TEST_DATA) / "dedupe");
    auto it = std::find_if(set_.texts.begin(), set_.texts.end(), [&](const auto& t) { return t.name == name; });
    EXPECT_NE(it, set_.texts.end()) << name;
    return *it;
  }

  TempDir dir_;
  testing::DedupeSet set_;
};

// Two processes write one store: each one's writer reads, under the write lock, what the other
// indexed since its last batch, so a copy stored by one is found by the other.
TEST_F(NearBucketsStoreTest, ACopyStoredByAnotherProcessIsFound) {
  auto first = open();
  auto second = open();
  const auto unrelated = add(*second, text("s03-lebanon-electricity/v0"), "b", 1);  // second's index is loaded
  const auto original = add(*first, text("s04-cairo-metro/v0"), "a", 1);
  const auto copy = add(*second, text("s04-cairo-metro/v2"), "b", 2);
  EXPECT_FALSE(unrelated.duplicate_of);
  EXPECT_EQ(original.id, copy.duplicate_of);
  EXPECT_EQ("near", copy.duplicate_kind);
  const auto again = add(*first, text("s04-cairo-metro/v6"), "a", 2);
  EXPECT_EQ(original.id, again.story_id);
  EXPECT_EQ(4, RawDb(db_path()).scalar("SELECT COUNT(*) FROM article_bands")) << "one row per indexed article";
}

// The buckets come back from article_bands when a store is opened again; a revised article's
// old buckets stop counting once the index is rebuilt.
TEST_F(NearBucketsStoreTest, BucketsAreRebuiltFromTheStore) {
  std::int64_t original = 0;
  {
    auto store = open();
    original = add(*store, text("s04-cairo-metro/v0"), "a", 1).id;
    add(*store, text("s03-lebanon-electricity/v0"), "a", 2);
  }
  auto store = open();
  auto hit = store->find_near_copy(parsers::near_fingerprint(text("s04-cairo-metro/v2").body));
  ASSERT_TRUE(hit) << hit.error().str();
  ASSERT_TRUE(*hit);
  EXPECT_EQ(original, (*hit)->id);
  EXPECT_EQ(original, add(*store, text("s04-cairo-metro/v3"), "b", 1).duplicate_of);

  // The first URL now carries another story: its article leaves the metro's buckets.
  const auto revised = add(*store, text("s06-gaza-fuel/v0"), "a", 1);
  EXPECT_EQ(original, revised.id);
  EXPECT_TRUE(revised.revised);
  RawDb raw(db_path());
  EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM article_bands WHERE article_id = " + std::to_string(original)));
  NearBuckets rebuilt;
  StmtCache stmts;
  sqlite3* db = nullptr;
  ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(db_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr));
  SqliteDb owned(db);
  ASSERT_TRUE(rebuilt.catch_up(db, stmts));
  EXPECT_EQ(static_cast<std::size_t>(raw.scalar("SELECT COUNT(*) FROM article_bands")) * parsers::kNearBands,
            rebuilt.entries());
  const auto fuel = parsers::near_fingerprint(text("s06-gaza-fuel/v0").body);
  const auto metro = parsers::near_fingerprint(text("s04-cairo-metro/v0").body);
  for (std::size_t b = 0; b < parsers::kNearBands; ++b) {
    std::vector<std::int64_t> ids;
    rebuilt.ids_of(fuel.bands[b], 32, ids);
    EXPECT_NE(ids.end(), std::find(ids.begin(), ids.end(), original)) << b;
    ids.clear();
    rebuilt.ids_of(metro.bands[b], 32, ids);
    EXPECT_EQ(ids.end(), std::find(ids.begin(), ids.end(), original)) << "old bucket " << b;
  }
}

TEST_F(NearBucketsStoreTest, ARowOutsideWhatTheIndexHoldsIsAnError) {
  open().reset();
  RawDb(db_path()).exec_sql(
      "INSERT INTO article_bands(article_id, bands) VALUES (4294967296, zeroblob(64))");
  NearBuckets near;
  StmtCache stmts;
  sqlite3* db = nullptr;
  ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(db_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr));
  SqliteDb owned(db);
  auto r = near.catch_up(db, stmts);
  ASSERT_FALSE(r);
  EXPECT_EQ(Errc::kDataLoss, r.error().code);
  EXPECT_NE(std::string::npos, r.error().message.find("4294967296")) << r.error().message;
  EXPECT_EQ(0u, near.entries());
}

// A store of the release before (schema 9: one (band, article) row per bucket, the keys also in
// article_fingerprints) is upgraded in place: one row per article, and its texts are still
// found by their near copies.
TEST_F(NearBucketsStoreTest, AVersion9StoreKeepsFindingItsNearCopies) {
  const auto& old_text = text("s04-cairo-metro/v0");
  const auto fp = parsers::near_fingerprint(old_text.body);
  ASSERT_TRUE(fp.indexable());
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(db_path().c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr));
    SqliteDb db(raw);
    ASSERT_TRUE(migrate(db.get(), 9));
    ASSERT_TRUE(exec(db.get(),
                     "INSERT INTO sites(id, name) VALUES (1, 'agency');"
                     "INSERT INTO articles(id, site_id, url, canonical_url, title, body, content_hash, fetched_at, "
                     "fetched_ts, date_from, story_id) VALUES (7, 1, 'https://agency.example/7', "
                     "'https://agency.example/7', 'م', 'ن', 'h7', '2024-05-04T08:00:00Z', 1714809600000, '', 7)"));
    auto save = Stmt::prepare(db.get(),
                              "INSERT INTO article_fingerprints(article_id, simhash, shingles, numbers, bands) "
                              "VALUES (7, ?1, ?2, ?3, ?4)");
    ASSERT_TRUE(save);
    save->bind(1, static_cast<std::int64_t>(fp.simhash));
    save->bind_blob(2, encode_array(fp.shingles.data(), fp.shingles.size()));
    save->bind_blob(3, encode_array(fp.numbers.data(), fp.numbers.size()));
    save->bind_blob(4, encode_array(fp.bands.data(), fp.bands.size()));
    ASSERT_TRUE(save->run());
    auto band = Stmt::prepare(db.get(), "INSERT INTO article_bands(band, article_id) VALUES (?1, 7)");
    ASSERT_TRUE(band);
    for (std::uint64_t key : fp.bands) {
      band->bind(1, static_cast<std::int64_t>(key));
      ASSERT_TRUE(band->run());
    }
  }
  auto store = open();
  ASSERT_TRUE(store);
  RawDb raw(db_path());
  EXPECT_EQ(latest_schema_version(), raw.scalar("PRAGMA user_version"));
  EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM article_bands WHERE article_id = 7"));
  EXPECT_EQ(0, raw.scalar("SELECT COUNT(*) FROM pragma_table_info('article_fingerprints') WHERE name = 'bands'"));
  EXPECT_EQ(1, raw.scalar("SELECT COUNT(*) FROM article_fingerprints"));
  const auto copy = add(*store, text("s04-cairo-metro/v2"), "b", 1);
  EXPECT_EQ(7, copy.duplicate_of);
  EXPECT_EQ("near", copy.duplicate_kind);
  EXPECT_EQ(7, copy.story_id);
}

}  // namespace
}  // namespace akhbar::store
