// daemon/page_processor.h: what the worker pool does with one fetched body: decode its charset,
// parse it as what its source said it is (feed, section page, article), and return the article to
// store and the article URLs it leads to. No I/O, no clock (the fetch time is passed in).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "config/config.h"
#include "fetchers/host_frontier.h"
#include "store/store.h"
#include "util/clock.h"

namespace akhbar::daemon {

struct ProcessedPage {
  enum class Outcome { kListing, kArticle, kNoArticle, kInvalid };
  Outcome outcome = Outcome::kInvalid;
  std::vector<std::string> discovered;  // canonical article URLs for the frontier, document order
  std::optional<store::ArticleRecord> article;
  std::size_t words = 0;
  std::size_t items = 0;    // feed items or links seen on a listing page
  std::string charset;
  std::string charset_declared;  // a declaration the bytes contradicted (parsers::DecodeInfo::declared)
  std::string charset_repair;    // mojibake undone, e.g. "utf-8 read as windows-1256"; logged once
  std::string error;        // why there is no article / why the feed is unusable
  std::vector<std::string> warnings;

  // Feeds and sitemaps (parse_feed): what the document turned out to be (Feed::kind, e.g. "rss",
  // "news-sitemap", "sitemapindex") and its <ttl>.
  std::string format;
  std::optional<int> ttl_minutes;
  // Feed items (RSS, Atom, JSON Feed): a stable hash of each id with its date, for the count of new
  // items that adaptive scheduling runs on. Empty for sitemaps.
  std::vector<store::SeenItem> seen;
  // Sitemaps: the <lastmod> of each discovered URL (same order as `discovered`); empty otherwise.
  std::vector<std::optional<WallTime>> lastmods;
  // Feeds and sitemaps: the date of the item behind each discovered URL (same order as
  // `discovered`): a feed item's published, else updated; a news sitemap's publication_date, else
  // <lastmod>. `item_date_from` says which kind of listing gave them ("feed" or "sitemap"); both
  // empty for section pages and articles.
  std::vector<std::optional<WallTime>> item_dates;
  std::string item_date_from;
  // A sitemap index: its child sitemaps, with their <lastmod>.
  struct ChildSitemap {
    std::string url;
    std::optional<WallTime> lastmod;
  };
  std::vector<ChildSitemap> sitemaps;
  // A section page of a site without configured feeds: the feeds it advertises (autodiscovery).
  std::vector<std::string> feeds;
};

// A stable 64-bit key for a feed item id (FNV-1a): the same across runs and builds.
std::uint64_t item_key(std::string_view id);

// The date of the listing item that led to an article page (fetchers::Job::item_published).
struct ListedDate {
  std::optional<WallTime> at;
  std::string from;  // "feed" or "sitemap"; empty: no date
};

// `url` is the final URL after redirects; `content_type` the response header. `want_feeds`: the
// page is the start page of a site whose file lists no feed, so the feeds it advertises are read.
// `listed`: an article page without a date of its own (no published_at) takes this one, with
// date_from = listed.from; published_raw keeps whatever text the page had (empty when none), so it
// never holds the feed's text. A date read from the page always wins.
ProcessedPage process_page(fetchers::JobKind kind, const config::SiteConfig& site, const std::string& url,
                           const std::string& content_type, std::string body, WallTime fetched_at,
                           bool want_feeds = false, const ListedDate& listed = {});

// Links a page of `site` leads to that are articles of that site (articles.match), deduplicated.
std::vector<std::string> article_links(const config::SiteConfig& site, const std::vector<std::string>& links,
                                       const std::string& self);

}  // namespace akhbar::daemon
