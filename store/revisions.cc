// store/revisions.cc: an article's earlier texts (article_revisions, from the stories migration). The writer keeps
// the stored text before add_article replaces it with one of another content_hash; queries read
// them back for `export --revisions`.
#include <utility>

#include "store/writer.h"

namespace akhbar::store {
namespace {

constexpr const char* kKeepRevision =
    "INSERT INTO article_revisions(article_id, revision, title, author, published_at, published_ts, published_raw, "
    "body, content_hash, fetched_at, fetched_ts, replaced_ts) "
    "SELECT id, ?2, title, author, published_at, published_ts, published_raw, body, content_hash, fetched_at, "
    "fetched_ts, ?3 FROM articles WHERE id = ?1";

}  // namespace

Result<void> Writer::keep_revision(std::int64_t id, int revision, WallTime now) {
  auto keep = stmt(kKeepRevision);
  if (!keep) return tl::make_unexpected(std::move(keep.error()));
  (*keep)->bind(1, id).bind(2, std::int64_t{revision}).bind(3, to_unix_ms(now));
  if (auto r = (*keep)->run(); !r) return r;
  if (sqlite3_changes(db_.get()) != 1) {
    return fail(Errc::kInternal, "store: article row vanished while keeping its revision", std::to_string(id));
  }
  return {};
}

}  // namespace akhbar::store
