// parsers/feed/feed_formats.h (private to parsers/): the formats parse_feed() dispatches to besides
// RSS/Atom (feed.cc): sitemaps (sitemap.cc), JSON Feed (json_feed.cc), gzip (gzip.cc).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <libxml/tree.h>

#include "parsers/feed/feed.h"

namespace akhbar::parsers::feed_detail {

// True when the bytes start with the gzip magic (1f 8b).
bool is_gzip(std::string_view bytes);

// Inflates a gzip stream (several concatenated members allowed; bytes after the last member that
// do not start another, such as zero padding, are ignored). kInvalidInput for a corrupt or
// truncated stream, kResourceExhausted when the output would exceed `limit` bytes (a gzip bomb):
// inflation stops there, and no buffer larger than limit + 1 bytes is ever allocated.
Result<std::string> gunzip(std::string_view bytes, std::size_t limit);

// A sitemap document whose root is <urlset> or <sitemapindex> (sitemaps.org 0.9, Google's older
// 0.84, whatever namespace the root declares, or none). Fills kind/version/items of `out` (see
// Feed), and its title from the first news:publication/news:name; image:, video:, xhtml: and other
// extensions are ignored. `url` resolves relative <loc>s (which the protocol forbids but sites
// write); an entry without an http(s) <loc> is dropped with a warning. Dates are read in `timezone`
// against `now` (W3C datetime; a date alone is midnight in that zone). At most 100,000 entries
// (twice the protocol's cap) are read, the rest reported by one warning; past 20 warnings about
// entries, the others are only counted.
void parse_sitemap(const xmlNode* root, std::string_view url, std::string_view timezone,
                   std::optional<WallTime> now, Feed& out);

// JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1): UTF-8 bytes (a BOM is skipped). kInvalidInput
// when the bytes are not JSON, or JSON without a jsonfeed.org "version" nor an "items" array.
Result<Feed> parse_json_feed(std::string_view bytes, std::string_view url, std::string_view timezone,
                             std::optional<WallTime> now);

}  // namespace akhbar::parsers::feed_detail
