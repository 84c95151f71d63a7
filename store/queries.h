// store/queries.h: the reads behind Store's synchronous methods, on a connection the caller owns
// (internal to store/). Each prepares its statements afresh: reads are rare (startup, CLI) and this
// keeps a nested read from a for_each_article callback safe.
#pragma once
#include <sqlite3.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace akhbar::store {

Result<void> query_articles(sqlite3* db, const ExportFilter& filter, const std::function<void(const ArticleRow&)>& fn);
// store/stories.cc
Result<void> query_stories(sqlite3* db, const StoryFilter& filter, const std::function<void(const Story&)>& fn);
std::string_view stories_query();  // its SQL, for the tests that check its plan
Result<std::vector<SiteStats>> query_site_stats(sqlite3* db);
Result<std::optional<SourceRecord>> query_source(sqlite3* db, std::string_view site, std::string_view url);
Result<std::vector<SourceRecord>> query_sources(sqlite3* db, std::string_view site);
Result<std::vector<UrlRow>> query_pending_urls(sqlite3* db, std::size_t limit);
Result<std::int64_t> query_count_articles(sqlite3* db);
// queued + claimed + fetching, from the trigger-kept url_state_counts (one lookup).
Result<std::int64_t> query_count_queued(sqlite3* db);

}  // namespace akhbar::store
