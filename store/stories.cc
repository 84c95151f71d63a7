// store/stories.cc: stories and who ran them first, for `akhbard stories` (docs/dedupe.md).
//
// One query answers it: the stories with a copy fetched since the filter's time (a range of the
// articles_fetched index, which covers it; named, since without a bound the planner would rather
// walk articles_story), narrowed to a site when asked, then every article of those stories
// (through articles_story), each with the time it counts by (published_ts when the page had a date,
// else fetched_ts) and its story's size, ordered by story and that time. The first row of a story
// is its first publisher. Rows stream; a story is handed over when the next one starts.
#include <limits>
#include <utility>

#include "store/queries.h"
#include "store/sqlite_handles.h"

namespace akhbar::store {
namespace {

constexpr const char* kSelectStories = R"sql(
WITH picked AS (
  SELECT DISTINCT a.story_id AS story FROM articles a INDEXED BY articles_fetched
   WHERE a.fetched_ts >= ?1 AND (?2 = '' OR a.site_id = (SELECT id FROM sites WHERE name = ?2))
),
members AS (
  SELECT a.story_id AS story, a.id, a.site_id, a.canonical_url, a.title, a.published_ts IS NOT NULL AS published,
         COALESCE(a.published_ts * 1000, a.fetched_ts) AS at_ms, a.duplicate_of, a.duplicate_kind,
         COUNT(*) OVER (PARTITION BY a.story_id) AS copies
    FROM articles a
   WHERE a.story_id IN (SELECT story FROM picked)
)
SELECT m.story, m.id, s.name, m.canonical_url, m.title, m.at_ms, m.published, m.duplicate_of, m.duplicate_kind
  FROM members m JOIN sites s ON s.id = m.site_id
 WHERE m.copies >= ?3
 ORDER BY m.story, m.at_ms, m.id
)sql";

}  // namespace

std::string_view stories_query() { return kSelectStories; }

Result<void> query_stories(sqlite3* db, const StoryFilter& filter, const std::function<void(const Story&)>& fn) {
  auto q = Stmt::prepare(db, kSelectStories);
  if (!q) return pass(q);
  q->bind(1, filter.since ? to_unix_ms(*filter.since) : std::numeric_limits<std::int64_t>::min());
  q->bind(2, filter.site);
  q->bind(3, static_cast<std::int64_t>(filter.min_copies));
  Story story;
  for (;;) {
    auto more = q->step();
    if (!more) return pass(more);
    if (!*more) break;
    const std::int64_t id = q->int64(0);
    if (id != story.id && !story.copies.empty()) {
      fn(story);
      story.copies.clear();
    }
    story.id = id;
    StoryCopy& c = story.copies.emplace_back();
    c.article_id = q->int64(1);
    c.site = q->text(2);
    c.canonical_url = q->text(3);
    c.title = q->text(4);
    c.at = from_unix_ms(q->int64(5));
    c.published = q->int64(6) != 0;
    c.duplicate_of = q->opt_int64(7);
    c.duplicate_kind = q->text(8);
  }
  if (!story.copies.empty()) fn(story);
  return {};
}

}  // namespace akhbar::store
