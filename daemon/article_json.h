// daemon/article_json.h: the article fields of INTERFACE.md as one JSON object (extract, export).
#pragma once
#include <string>

#include "store/store.h"

namespace akhbar::daemon {

// One line of JSONL: id, site, url, canonical_url, title, author, published_at, published_raw,
// date_from, body, lang, content_hash, simhash (16 hex digits), duplicate_of, fetched_at, then
// story_id, duplicate_kind ("exact", "near" or null) and revisions; UTF-8 unescaped. `id`,
// `duplicate_of` and `story_id` are null when `id == 0` / absent. `file` is added when non-empty;
// `revision_history` (row.history, oldest first) when `with_history`.
std::string article_json(const store::ArticleRow& row, const std::string& file = {}, bool with_history = false);

}  // namespace akhbar::daemon
