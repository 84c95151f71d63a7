// parsers/feed/feed.h: every listing format a news site publishes, behind one entry point that sniffs:
// RSS 0.90/0.91/0.92/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.0/1.1, sitemap `urlset`,
// `sitemapindex` and Google News sitemaps (gzip-compressed or not). Pure: no I/O, no clock, no logging.
//
// The bytes are given raw: a BOM, valid UTF-8, a charset in `content_type` or the XML declaration
// decide the encoding (windows-1256 and ISO-8859-6 included, and bytes that are not what their
// label says). libxml2 parses with recovery and XML_PARSE_NONET, never loads a DTD or an external
// entity, and never substitutes entities itself (no XML_PARSE_NOENT): the text of an entity the
// document declares is read by us, at most 1 MiB of it per document, and an exponential
// definition (billion laughs) fails fast with kResourceExhausted in bounded memory. When even
// recovery leaves items behind (an unclosed tag swallowing the rest), a tolerant tag scanner reads
// them instead. A JSON Feed nested deeper than 64 levels is refused (kResourceExhausted).
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
  // guid / atom:id / JSON Feed id / sitemap <loc>, else the link. Never empty: an item with neither
  // is dropped (and reported in Feed::warnings).
  std::string id;
  std::string title;    // plain text: entities and CDATA decoded, HTML stripped (news:title in sitemaps)
  std::string link;     // absolute: resolved against xml:base, then the feed URL; <loc> in sitemaps
  std::optional<WallTime> published;  // pubDate / dc:date / published / issued / news:publication_date
  std::optional<WallTime> updated;    // atom:updated / modified / dc:modified / sitemap <lastmod>
  std::string published_raw;          // the text `published` was read from ("" when there was none)
  std::string author;   // author / dc:creator / atom author name (the feed's author when the entry has none)
  std::string summary;  // plain text: description / summary (content when there is no summary)
  std::string content;  // plain text of content:encoded / atom:content / content_html|content_text
  std::vector<std::string> enclosures;  // absolute URLs: <enclosure>, media:content, atom rel=enclosure, attachments
};

struct Feed {
  // "rss", "atom", "jsonfeed", "sitemap", "news-sitemap" (a urlset with news:news entries) or
  // "sitemapindex" (whose items are the child sitemaps: link and id = <loc>, updated = <lastmod>).
  std::string kind;
  // The exact dialect: "rss090", "rss091", "rss092", "rss093", "rss094", "rss20", "rss" (a version
  // that is missing or unknown), "rss10", "atom03", "atom10", "atom" (no namespace), "json1",
  // "json11", "sitemap", "sitemapindex".
  std::string version;
  std::string title;
  std::string link;                 // the site the feed belongs to (channel link / alternate link / home_page_url)
  std::optional<WallTime> updated;  // lastBuildDate / pubDate / atom:updated of the channel
  std::optional<int> ttl_minutes;   // RSS <ttl>: do not poll again sooner
  std::string encoding;             // the charset the bytes were read in, lowercase ("utf-8", "windows-1256")
  bool recovered = false;           // the document was not well-formed; what could be read was read
  std::vector<FeedItem> items;      // document order
  std::vector<std::string> warnings;
};

// Feeds larger than this are refused (kResourceExhausted); the largest real feeds are a few MB.
// A gzip sitemap is refused when its inflated size would pass this limit.
inline constexpr std::size_t kMaxFeedBytes = 50 * 1024 * 1024;

// Fails with kInvalidInput when the bytes are not a recognisable feed (empty, not XML or JSON, an
// unknown root such as <html>, corrupt gzip), and with kResourceExhausted above kMaxFeedBytes or
// when libxml2 stops an entity expansion. `url` (the final URL) resolves relative links, under any
// xml:base. `timezone` is used for dates without a zone. `now` is the reference for dates without a
// year or relative ones ("منذ ساعتين"); when absent, the channel's lastBuildDate/pubDate (Atom:
// updated) serves, and failing that such dates stay unparsed. Unparsed dates and dropped items are
// reported in Feed::warnings. Thread-safe once xmlInitParser has run.
Result<Feed> parse_feed(std::string_view bytes, std::string_view url, std::string_view content_type = {},
                        std::string_view timezone = "UTC", std::optional<WallTime> now = std::nullopt);

// The feeds an HTML page advertises: <link rel="alternate"> (rel may hold other tokens too, e.g.
// "alternate home") with type application/rss+xml, application/atom+xml, application/rdf+xml,
// application/feed+json or application/json (JSON Feed), resolved against <base href> and `url`,
// deduplicated, in document order; comment feeds ("/comments/feed", title mentioning comments /
// "التعليقات") come last. The HTML is UTF-8 (decoded by the caller). At most 16.
std::vector<std::string> discover_feeds(std::string_view html, std::string_view url);

}  // namespace akhbar::parsers
