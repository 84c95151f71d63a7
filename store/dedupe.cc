// store/dedupe.cc: the Writer's dedupe step (declared in writer.h): which stored text an article
// copies, which story it joins, and what happens when a stored article's text changes.
//
// It runs inside add_article's savepoint, on the writer thread, in the batch's transaction: the
// lookups see every row written before them, committed or not, so two copies of one text in one
// batch (or in two) resolve to one original. Links always point to a row that already existed
// when they were made, so following duplicate_of never loops.
//
// Stories: story_id is the lowest id among a story's articles. A new article joins the story of
// the text it copies. When a stored article's new text is a copy of an article of another story,
// the two stories become one (the lower story_id stays); when it copies nothing, it stays in its
// story: an edited copy is still a copy.
#include <algorithm>
#include <utility>

#include "store/near_index.h"
#include "store/writer.h"

namespace akhbar::store {
namespace {

constexpr const char* kStoredArticle =
    "SELECT id, content_hash, duplicate_of, duplicate_kind, story_id, revisions FROM articles WHERE canonical_url = ?1";
// The first stored article with this text. The index holds (the hash's first 16 hex digits, id):
// the first entry of the range whose hash agrees in the rest too, whatever was stored after it or
// updated since (migration 11). Not `content_hash = ?`: SQLite would put the value in place of the
// column in the other term, which then no longer names the index's expression.
constexpr const char* kExactOriginal =
    "SELECT id, story_id FROM articles WHERE substr(content_hash, 1, 16) = ?3 AND substr(content_hash, 17) = ?1 "
    "AND id <> ?2 "
    "ORDER BY id LIMIT 1";
constexpr const char* kMergeStory = "UPDATE articles SET story_id = ?1 WHERE story_id = ?2";
// The id SQLite would give the next row (INTEGER PRIMARY KEY without AUTOINCREMENT: one more than
// the largest), so that a new story's row is written once, with its story_id, instead of inserted
// then updated (an update rewrites the whole record, body and overflow pages included). Safe: the
// writer holds the write lock for the whole batch.
constexpr const char* kNextId = "SELECT COALESCE(MAX(id), 0) + 1 FROM articles";

}  // namespace

std::string_view exact_original_query() { return kExactOriginal; }

Result<std::optional<Writer::StoredArticle>> Writer::stored_article(std::string_view canonical) {
  auto find = stmt(kStoredArticle);
  if (!find) return pass(find);
  Stmt& q = **find;
  q.bind(1, canonical);
  auto row = q.step();
  if (!row) return pass(row);
  std::optional<StoredArticle> stored;
  if (*row) {
    StoredArticle s;
    s.id = q.int64(0);
    s.content_hash = q.text(1);
    s.place.duplicate_of = q.opt_int64(2);
    s.place.kind = q.text(3);
    s.place.story_id = q.opt_int64(4).value_or(s.id);
    s.revisions = static_cast<int>(q.int64(5));
    stored = std::move(s);
  }
  q.reset();
  return stored;
}

Result<std::optional<Writer::Placement>> Writer::copy_of(const ArticleRecord& article, std::int64_t exclude) {
  if (!article.content_hash.empty()) {
    auto exact = stmt(kExactOriginal);
    if (!exact) return pass(exact);
    const std::string_view hash = article.content_hash;
    (*exact)->bind(1, hash.substr(std::min<std::size_t>(hash.size(), 16))).bind(2, exclude);
    (*exact)->bind(3, hash.substr(0, 16));
    auto row = (*exact)->step();
    if (!row) return pass(row);
    if (*row) {
      Placement p;
      p.duplicate_of = (*exact)->int64(0);
      p.kind = std::string(kDuplicateExact);
      p.story_id = (*exact)->opt_int64(1).value_or(*p.duplicate_of);
      p.exact_copy = true;
      (*exact)->reset();
      return std::optional<Placement>(std::move(p));
    }
    (*exact)->reset();
  }
  auto near = find_near(db_.get(), stmts_, near_, article.near, exclude, &pending_bands_);
  if (!near) return pass(near);
  if (!*near) return std::optional<Placement>();
  Placement p;
  p.duplicate_of = (*near)->id;
  p.kind = std::string(kDuplicateNear);
  p.story_id = (*near)->story_id;
  p.distance = (*near)->distance;
  p.overlap = (*near)->overlap;
  return std::optional<Placement>(std::move(p));
}

Result<void> Writer::merge_stories(std::int64_t keep, std::int64_t drop) {
  if (keep == drop) return {};
  auto merge = stmt(kMergeStory);
  if (!merge) return pass(merge);
  (*merge)->bind(1, keep).bind(2, drop);
  return (*merge)->run();
}

Result<Writer::Placement> Writer::place_article(const ArticleRecord& article,
                                                const std::optional<StoredArticle>& stored, WallTime now,
                                                AddedArticle& added) {
  Placement place;
  if (!stored) {
    auto link = copy_of(article, 0);
    if (!link) return pass(link);
    if (*link) {
      place = std::move(**link);
    } else {
      auto next = stmt(kNextId);
      if (!next) return pass(next);
      auto row = (*next)->step();
      if (!row) return pass(row);
      place.story_id = *row ? (*next)->int64(0) : 1;
      place.own_story = true;
      (*next)->reset();
    }
  } else {
    added.existed = true;
    added.id = stored->id;
    added.revisions = stored->revisions;
    place = stored->place;
    place.distance = 0;
    place.overlap = 0;
    if (stored->content_hash != article.content_hash) {
      added.revised = true;
      added.revisions = stored->revisions + 1;
      if (auto kept = keep_revision(stored->id, added.revisions, now); !kept) return pass(kept);
      auto link = copy_of(article, stored->id);
      if (!link) return pass(link);
      place.exact_copy = *link && (*link)->exact_copy;
      if (*link && (*link)->story_id != place.story_id) {
        const std::int64_t keep = std::min(place.story_id, (*link)->story_id);
        const std::int64_t drop = std::max(place.story_id, (*link)->story_id);
        if (auto merged = merge_stories(keep, drop); !merged) return pass(merged);
        place = std::move(**link);
        place.story_id = keep;
      }
    }
  }
  added.duplicate_of = place.duplicate_of;
  added.duplicate_kind = place.kind;
  added.story_id = place.story_id;
  added.distance = place.distance;
  added.overlap = place.overlap;
  return place;
}

Result<void> Writer::placed(const ArticleRecord& article, const Placement& place, AddedArticle& added) {
  if (place.own_story && added.id != place.story_id) {
    return fail(Errc::kInternal, "store: a new story's article got another id than its story",
                std::to_string(added.id));
  }
  if (added.existed && !added.revised) return {};  // the same text: its index entries stand
  if (added.revised) {
    if (auto r = unindex_near(db_.get(), stmts_, pending_bands_, added.id); !r) return r;
  }
  // An exact copy's text is indexed under the first article that has it.
  if (place.exact_copy) return {};
  return index_near(db_.get(), stmts_, pending_bands_, added.id, article.near);
}

}  // namespace akhbar::store
