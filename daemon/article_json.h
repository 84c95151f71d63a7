// daemon/article_json.h: the article fields of INTERFACE.md as one JSON object (extract, export).
#pragma once
#include <string>

#include "store/store.h"

namespace akhbar::daemon {

// One line of JSONL: id, site, url, canonical_url, title, author, published_at, published_raw, body,
// lang, content_hash, simhash (16 hex digits), duplicate_of, fetched_at; UTF-8 unescaped.
// `id` and `duplicate_of` are null when `id == 0` / absent. `file` is added when non-empty.
std::string article_json(const store::ArticleRow& row, const std::string& file = {});

}  // namespace akhbar::daemon
