// Migration 5 over a store written by the release before it: schema version 4, content_hash and
// simhash computed with the old key (ؤ → و, ئ → ي, ھ left alone), articles_fts holding the stored
// text. After Store::open, no row is lost, every hash is the new key's, duplicate_of follows the
// new hashes, and search reads the key text through the triggers.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/normalize.h"
#include "parsers/text/sha256.h"
#include "store/key_functions.h"
#include "store/migrations.h"
#include "store/sqlite_handles.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

namespace akhbar::store {
namespace {

namespace fs = std::filesystem;

// A row as the previous release stored it: `old_title` / `old_body` are its key text under the old
// normalisation, written out by hand, so content_hash is what that release computed.
struct OldRow {
  int id;
  const char* site;
  const char* title;
  const char* body;
  const char* old_title;
  const char* old_body;
  std::optional<int> old_duplicate_of;
};

const OldRow kRows[] = {
    {1, "sana", "مسؤول سوري: إعادة فتح معبر نصيب", "قال مسؤول في وزارة النقل إن المعبر سيفتح أمام الشاحنات يوم الأحد.",
     "مسوول سوري: اعاده فتح معبر نصيب", "قال مسوول في وزاره النقل ان المعبر سيفتح امام الشاحنات يوم الاحد.",
     std::nullopt},
    // The same story with the hamza left out: one key for the old release, another for the new one.
    {2, "watan", "مسوول سوري: إعادة فتح معبر نصيب", "قال مسوول في وزارة النقل إن المعبر سيفتح أمام الشاحنات يوم الأحد.",
     "مسوول سوري: اعاده فتح معبر نصيب", "قال مسوول في وزاره النقل ان المعبر سيفتح امام الشاحنات يوم الاحد.", 1},
    // The same story with tashkeel: a copy under both keys.
    {3, "baladi", "مسؤولٌ سوريّ: إعادةُ فتحِ معبرِ نصيب",
     "قالَ مسؤولٌ في وزارةِ النقلِ إنَّ المعبرَ سيفتحُ أمامَ الشاحناتِ يومَ الأحد.", "مسوول سوري: اعاده فتح معبر نصيب",
     "قال مسوول في وزاره النقل ان المعبر سيفتح امام الشاحنات يوم الاحد.", 1},
    // ھ (U+06BE) was not folded: two spellings of one story had two keys, now one.
    {4, "enab", "ھيئة الأرصاد: أمطار غزيرة على الساحل", "توقعت ھيئة الأرصاد أمطاراً غزيرة ليل الخميس.",
     "ھييه الارصاد: امطار غزيره علي الساحل", "توقعت ھييه الارصاد امطارا غزيره ليل الخميس.", std::nullopt},
    {5, "sana", "هيئة الأرصاد: أمطار غزيرة على الساحل", "توقعت هيئة الأرصاد أمطاراً غزيرة ليل الخميس.",
     "هييه الارصاد: امطار غزيره علي الساحل", "توقعت هييه الارصاد امطارا غزيره ليل الخميس.", std::nullopt},
    {6, "baladi", "لقاء في دمشق", "استقبلَ الرَّئِيسُ وفداً من رجال الأعمال لبحث مشاريع إعادة الإعمار.",
     "لقاء في دمشق", "استقبل الرييس وفدا من رجال الاعمال لبحث مشاريع اعاده الاعمار.", std::nullopt},
    // Copies far from their originals: the migration works through the ids a chunk at a time.
    {1001, "watan", "هيئة الأرصاد: أمطار غزيرة على الساحل", "توقعت هيئة الأرصاد أمطاراً غزيرة ليل الخميس.",
     "هييه الارصاد: امطار غزيره علي الساحل", "توقعت هييه الارصاد امطارا غزيره ليل الخميس.", 5},
    {2500, "enab", "مسؤولٌ سوريّ: إعادةُ فتحِ معبرِ نصيب",
     "قالَ مسؤولٌ في وزارةِ النقلِ إنَّ المعبرَ سيفتحُ أمامَ الشاحناتِ يومَ الأحد.", "مسوول سوري: اعاده فتح معبر نصيب",
     "قال مسوول في وزاره النقل ان المعبر سيفتح امام الشاحنات يوم الاحد.", 1},
};

std::string old_hash(const OldRow& r) { return parsers::sha256_hex(std::string(r.old_title) + "\n" + r.old_body); }

class KeyMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite3* raw = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(db_path().c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr));
    SqliteDb db(raw);
    ASSERT_TRUE(migrate(db.get(), 4));
    ASSERT_EQ(4, *schema_version(db.get()));
    ASSERT_TRUE(exec(db.get(), "INSERT INTO sites(id, name) VALUES (1, 'sana'), (2, 'watan'), (3, 'baladi'), (4, 'enab')"));
    for (const OldRow& r : kRows) {
      auto site = Stmt::prepare(db.get(), "SELECT id FROM sites WHERE name = ?1");
      ASSERT_TRUE(site);
      site->bind(1, std::string_view(r.site));
      ASSERT_TRUE(site->step().value_or(false));
      const std::int64_t site_id = site->int64(0);
      const std::string url = "https://" + std::string(r.site) + ".example/news/" + std::to_string(r.id);
      auto insert = Stmt::prepare(db.get(),
                                  "INSERT INTO articles(id, site_id, url, canonical_url, title, body, content_hash, "
                                  "simhash, fetched_at, fetched_ts, duplicate_of) "
                                  "VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, '2024-10-06T10:00:00Z', ?8, ?9)");
      ASSERT_TRUE(insert);
      insert->bind(1, std::int64_t{r.id}).bind(2, site_id).bind(3, std::string_view(url));
      insert->bind(4, std::string_view(r.title)).bind(5, std::string_view(r.body)).bind(6, std::string_view(old_hash(r)));
      insert->bind(7, std::int64_t{0x1234}).bind(8, std::int64_t{1728208800000} + r.id);
      insert->bind(9, r.old_duplicate_of ? std::optional<std::int64_t>(*r.old_duplicate_of) : std::nullopt);
      ASSERT_TRUE(insert->run());
      // The previous writer indexed the stored text.
      auto fts = Stmt::prepare(db.get(), "INSERT INTO articles_fts(rowid, title, body) VALUES (?1, ?2, ?3)");
      ASSERT_TRUE(fts);
      fts->bind(1, std::int64_t{r.id}).bind(2, std::string_view(r.title)).bind(3, std::string_view(r.body));
      ASSERT_TRUE(fts->run());
    }
  }

  fs::path db_path() const { return dir_.path() / "akhbar.db"; }

  std::unique_ptr<Store> open() {
    auto store = Store::open(db_path());
    EXPECT_TRUE(store) << (store ? "" : store.error().str());
    return store ? std::move(*store) : nullptr;
  }

  // Rowids the index returns for an FTS5 expression, in rowid order.
  std::vector<std::int64_t> matches(std::string_view expression) {
    std::vector<std::int64_t> out;
    sqlite3* db = nullptr;
    EXPECT_EQ(SQLITE_OK, sqlite3_open_v2(search_index_path(db_path()).c_str(), &db, SQLITE_OPEN_READONLY, nullptr));
    SqliteDb owned(db);
    auto q = Stmt::prepare(db, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rowid");
    EXPECT_TRUE(q) << (q ? "" : q.error().str());
    if (!q) return out;
    q->bind(1, expression);
    for (auto row = q->step(); row && *row; row = q->step()) out.push_back(q->int64(0));
    return out;
  }

  TempDir dir_;
};

TEST_F(KeyMigrationTest, UpgradingKeepsEveryRowAndTheStoredText) {
  ASSERT_TRUE(open());
  RawDb raw(db_path());
  EXPECT_EQ(latest_schema_version(), raw.scalar("PRAGMA user_version"));
  EXPECT_LE(5, latest_schema_version());
  EXPECT_EQ(static_cast<std::int64_t>(std::size(kRows)), raw.scalar("SELECT COUNT(*) FROM articles"));
  EXPECT_EQ(4, raw.scalar("SELECT COUNT(*) FROM sites"));
  for (const OldRow& r : kRows) {
    const std::string id = std::to_string(r.id);
    EXPECT_EQ(r.title, raw.text("SELECT title FROM articles WHERE id = " + id)) << r.id;
    EXPECT_EQ(r.body, raw.text("SELECT body FROM articles WHERE id = " + id)) << r.id;
  }
}

TEST_F(KeyMigrationTest, HashesAreComputedAgainWithTheNewKey) {
  ASSERT_TRUE(open());
  RawDb raw(db_path());
  for (const OldRow& r : kRows) {
    const std::string id = std::to_string(r.id);
    const bool key_changed = parsers::normalize_arabic(r.title) != r.old_title || parsers::normalize_arabic(r.body) != r.old_body;
    EXPECT_EQ(id != "2", key_changed) << "row 2 has none of the letters the keys treat differently";
    if (key_changed) {
      EXPECT_NE(old_hash(r), raw.text("SELECT content_hash FROM articles WHERE id = " + id)) << r.id;
    }
    EXPECT_EQ(parsers::content_hash(r.title, r.body), raw.text("SELECT content_hash FROM articles WHERE id = " + id))
        << r.id;
    EXPECT_EQ(static_cast<std::int64_t>(parsers::near_fingerprint(r.body).simhash),
              raw.scalar("SELECT simhash FROM articles WHERE id = " + id))
        << r.id;
  }
}

TEST_F(KeyMigrationTest, DuplicatesFollowTheNewHashes) {
  ASSERT_TRUE(open());
  RawDb raw(db_path());
  auto duplicate_of = [&](int id) {
    return raw.scalar("SELECT COALESCE(duplicate_of, 0) FROM articles WHERE id = " + std::to_string(id));
  };
  EXPECT_EQ(0, duplicate_of(1));
  EXPECT_EQ(0, duplicate_of(2)) << "مسوول is not مسؤول any more";
  EXPECT_EQ(1, duplicate_of(3)) << "tashkeel still makes no difference";
  EXPECT_EQ(0, duplicate_of(4));
  EXPECT_EQ(4, duplicate_of(5)) << "ھ and ه are one letter now";
  EXPECT_EQ(0, duplicate_of(6));
  EXPECT_EQ(4, duplicate_of(1001)) << "the lowest id with the hash, not the old original";
  EXPECT_EQ(1, duplicate_of(2500));
}

TEST_F(KeyMigrationTest, TheIndexIsRebuiltFromTheKeyTextWithoutASecondCopy) {
  auto store = open();
  ASSERT_TRUE(store);
  store->flush();  // the index reads the migrated store on a thread of its own
  RawDb raw(db_path());
  EXPECT_EQ(std::vector<std::int64_t>{6}, matches("\"الرئيس\""));  // stored as الرَّئِيسُ
  EXPECT_EQ((std::vector<std::int64_t>{1, 3, 2500}), matches("\"مسؤول\""));
  EXPECT_EQ(std::vector<std::int64_t>{2}, matches("\"مسوول\""));
  EXPECT_EQ((std::vector<std::int64_t>{4, 5, 1001}), matches("\"هيئه\""));
  RawDb index(search_index_path(db_path()));
  EXPECT_EQ(0, index.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles_fts_content'"))
      << "contentless: no copy of the text";
  EXPECT_EQ(0, raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'articles_fts%'"))
      << "nothing of the index is left in the store";
  EXPECT_NE(std::string::npos, raw.text("SELECT value FROM meta WHERE key = 'articles_fts'").find("contentless"));
}

TEST_F(KeyMigrationTest, ArticlesWrittenAfterTheUpgradeAreIndexedAndReindexed) {
  auto store = open();
  ASSERT_TRUE(store);
  ArticleRecord a;
  a.site = "enab";
  a.url = a.canonical_url = "https://enab.example/news/2501";
  a.title = "وزير الاقتصاد يلتقي التجار";
  a.body = "ناقش الوزيرُ مع التجارِ أسعارَ المواد الغذائية.";
  a.content_hash = parsers::content_hash(a.title, a.body);
  a.fetched_at = at("2024-10-07T08:00:00Z");
  std::int64_t id = 0;
  store->add_article(a, [&](Result<AddedArticle> r) { id = r ? r->id : -1; });
  store->flush();
  ASSERT_GT(id, 2500);
  EXPECT_EQ(std::vector<std::int64_t>{id}, matches("\"الوزير\" \"التجار\""));
  a.body = "ناقش الوزير مع الصناعيين كلفة الطاقة.";
  a.content_hash = parsers::content_hash(a.title, a.body);
  store->add_article(a);
  store->flush();
  EXPECT_EQ(std::vector<std::int64_t>{id}, matches("\"الصناعيين\""));
  EXPECT_TRUE(matches("\"الغذائيه\"").empty()) << "the old body left the index";
  EXPECT_EQ(std::vector<std::int64_t>{id}, matches("\"التجار\"")) << "still in the title";
  EXPECT_EQ(0, store->write_errors().count);
}

}  // namespace
}  // namespace akhbar::store
