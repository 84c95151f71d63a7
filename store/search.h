// store/search.h: full-text search over articles_fts, the contentless FTS5 index of the normalised
// title and body in the search index file (search_index.h), attached to the read connection as
// `search`; internal to store/ (Store::search). The query arrives parsed and
// normalised (parsers/text/search_query.h) and is written out as an FTS5 expression in which every
// word is a quoted string, so nothing a user types can reach FTS5's own syntax.
#pragma once
#include <sqlite3.h>

#include <string>
#include <vector>

#include "parsers/text/search_query.h"
#include "store/store.h"

namespace akhbar::store {

// ("a" OR "b c") AND "d"* NOT "e": groups in order, OR inside a group, NOT for each excluded phrase.
std::string fts5_expression(const parsers::SearchQuery& query);

// The newest kSearchPool matches (all of them when there are fewer) are ranked by bm25, weights 2 for
// the title and 1 for the body; articles are then read in rank order, keeping those the filter
// allows, until `filter.limit` are found (a filter costs one row lookup per rejected match). When a
// pooled query leaves fewer than `limit` articles through the filter, all its matches are ranked.
Result<SearchResults> query_search(sqlite3* db, const parsers::SearchQuery& query, const SearchFilter& filter);

// Articles stored that the index has not read yet.
Result<std::int64_t> query_search_backlog(sqlite3* db);

}  // namespace akhbar::store
