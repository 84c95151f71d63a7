// parsers/feed.h: RSS 2.0 (and 0.9x) and Atom 1.0 into one Feed. Pure: no I/O, no clock, no logging.
// The bytes are given raw: the XML declaration / BOM decide the encoding unless `content_type`
// carries a charset. libxml2 with recovery, XML_PARSE_NONET, never entity expansion (no NOENT).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/clock.h"
#include "util/result.h"

namespace akhbar::parsers {

struct FeedItem {
  std::string id;       // guid / atom:id, else the link
  std::string title;    // plain text: entities and CDATA decoded, HTML stripped
  std::string link;     // absolute (resolved against xml:base / the feed URL)
  std::optional<WallTime> published;
  std::optional<WallTime> updated;
  std::string published_raw;
  std::string author;
  std::string summary;  // plain text
};

struct Feed {
  std::string kind;   // "rss" or "atom"
  std::string title;
  std::string link;
  std::optional<int> ttl_minutes;  // RSS <ttl>
  std::vector<FeedItem> items;     // document order
  std::vector<std::string> warnings;
};

// Feeds larger than this are refused (kResourceExhausted); the largest real feeds are a few MB.
inline constexpr std::size_t kMaxFeedBytes = 50 * 1024 * 1024;

// Fails with kInvalidInput when the bytes are not a recognisable feed (empty, not XML, or an unknown
// root such as <html>), and with kResourceExhausted above kMaxFeedBytes. `url` (the final URL)
// resolves relative links, under any xml:base. `timezone` is used for dates without a zone. `now`
// is the reference for dates without a year or relative ones ("منذ ساعتين"); when absent, the
// channel's lastBuildDate/pubDate (Atom: updated) serves, and failing that such dates stay unparsed.
// A bare "&" and HTML entities (&nbsp;) are tolerated; items with neither link nor id are dropped
// and reported in Feed::warnings, as are unparsed dates. Thread-safe once xmlInitParser has run.
Result<Feed> parse_feed(std::string_view bytes, std::string_view url, std::string_view content_type = {},
                        std::string_view timezone = "UTC", std::optional<WallTime> now = std::nullopt);

}  // namespace akhbar::parsers
