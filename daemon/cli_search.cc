// daemon/cli_search.cc: `akhbard search`: full-text search of the stored articles. The query is
// read and normalised by parsers/text/search_query.h, run by the store (bm25 over the normalised
// title and body), and each hit is shown in its original text with the matches marked
// (parsers/text/snippet.h).
#include <chrono>
#include <iostream>

#include "daemon/cli_db.h"
#include "daemon/commands.h"
#include "parsers/text/search_query.h"
#include "parsers/text/snippet.h"
#include "store/store.h"

namespace akhbar::daemon {
namespace {

// The date a hit is shown with: when it was published, else when it was fetched.
std::string shown_date(const store::SearchHit& hit) {
  if (!hit.published_at_text.empty()) return hit.published_at_text;
  return "fetched " + format_utc_rfc3339(hit.fetched_at);
}

// Articles left unindexed that a search indexes before it runs (about 150 us each).
constexpr std::int64_t kIndexBeforeSearch = 20'000;

}  // namespace

int cmd_search(const CommonOptions& common, const SearchOptions& options) {
  auto query = parsers::parse_search_query(options.query);
  if (!query) {
    std::cerr << "akhbard " << query.error().message << '\n';
    return 2;
  }
  if (options.limit < 1 || options.limit > store::kMaxSearchLimit) {
    std::cerr << "akhbard search: --limit: expected 1 to " << store::kMaxSearchLimit << ", got " << options.limit
              << '\n';
    return 2;
  }
  store::SearchFilter filter;
  filter.site = options.site;
  filter.limit = options.limit;
  if (!read_since_option("search", options.since, filter.since)) return 2;
  auto store = open_existing_store(common);
  if (!store) {
    std::cerr << store.error().str() << '\n';
    return 1;
  }
  // What an earlier run stored and did not index yet is indexed now when that takes a few seconds;
  // a larger backlog (the first search after an upgrade) is searched as it stands, and said so.
  if (auto backlog = (*store)->search_backlog(); backlog && *backlog > 0 && *backlog <= kIndexBeforeSearch) {
    (*store)->flush();
  }
  auto found = (*store)->search(*query, filter);
  if (!found) {
    std::cerr << found.error().str() << '\n';
    return 1;
  }
  if (found->unindexed > 0) {
    std::cerr << "akhbard search: the " << found->unindexed
              << " newest articles are not in the search index yet (it is being built: by a running daemon, or "
                 "by this command while it runs)\n";
  }
  const std::vector<store::SearchHit>& hits = found->hits;
  if (hits.empty()) {
    std::cerr << "akhbard search: no article matches\n";
    return 1;
  }
  const std::vector<parsers::QueryPhrase> wanted = query->wanted();
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const store::SearchHit& hit = hits[i];
    if (i > 0) std::cout << '\n';
    std::cout << i + 1 << ". " << parsers::mark_matches(hit.title, wanted) << '\n'
              << "   " << hit.site << " · " << shown_date(hit) << " · " << hit.url << '\n';
    const std::string snippet = parsers::make_snippet(hit.body, wanted);
    if (!snippet.empty()) std::cout << "   " << snippet << '\n';
  }
  if (found->pooled) {
    std::cerr << "akhbard search: more than " << store::kSearchPool << " articles match; these are the best of the newest "
              << store::kSearchPool << " (more words narrow the query)\n";
  }
  return 0;
}

}  // namespace akhbar::daemon
