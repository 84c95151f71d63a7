// parsers/feed/feed_discovery.cc: discover_feeds(), the feeds a page advertises with <link rel="alternate">.
//
// The page goes through libxml2's HTML parser (html::parse) rather than a hand-written scan of
// <link> tags. A scan that is right on real pages has to skip comments ("<!-- <link …> -->" left
// by themes), script and style bodies, parse quoted, unquoted and upper-case attributes, and decode
// entities in href ("?feed=rss2&amp;cat=3"): that is an HTML tokenizer, which libxml2 already is,
// tested and linear (~40 ms for 1 MB of HTML). Discovery runs once per site or homepage refresh,
// not per article, and most of the time only the head is parsed: when nothing after the first
// "<body" can start a <link> or <base> element (a byte search), the body is not parsed at all.
// The whole tree is searched, not only <head>: libxml2 closes the head at the first element it does
// not allow there (a stray <div> or <svg> from a plugin), and the <link>s after it land in <body>.
#include "parsers/feed/feed.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/html/html_dom.h"
#include "parsers/url/url.h"
#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

// The contract's cap: a page listing more feeds than this (tag and author feeds) gains nothing from
// the rest, the first ones being the site-wide feeds.
constexpr std::size_t kMaxFeeds = 16;

using ascii::is_space;
using ascii::trim;

// rel is a set of space-separated, case-insensitive tokens ("alternate home", "Alternate").
bool has_rel_alternate(std::string_view rel) {
  const std::string lower = ascii::to_lower(rel);
  std::string_view rest = lower;
  while (!rest.empty()) {
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    std::size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    if (rest.substr(0, end) == "alternate") return true;
    rest.remove_prefix(end);
  }
  return false;
}

enum class FeedType { kNone, kXml, kJson };

// The media type without parameters, compared case-insensitively. application/json+oembed (oEmbed,
// which WordPress advertises with rel="alternate" too) is not a feed.
FeedType feed_type(std::string_view type) {
  if (auto semi = type.find(';'); semi != std::string_view::npos) type = type.substr(0, semi);
  const std::string t = ascii::to_lower(trim(type));
  if (t == "application/rss+xml" || t == "application/atom+xml" || t == "application/rdf+xml") return FeedType::kXml;
  if (t == "application/feed+json" || t == "application/json") return FeedType::kJson;
  return FeedType::kNone;
}

// WordPress (5.5+) marks its REST API with rel="alternate" type="application/json" on every post
// and category page ("/wp-json/wp/v2/posts/123", or "?rest_route=" without pretty permalinks):
// JSON, but not a feed.
bool is_rest_api(std::string_view lower_href) {
  return lower_href.find("/wp-json/") != std::string_view::npos ||
         lower_href.find("rest_route=") != std::string_view::npos;
}

// Comment feeds: WordPress "/comments/feed/" and "?feed=comments-rss2", Blogger
// "/feeds/comments/default", and per-post feeds titled "… موجز التعليقات" / "Comments Feed".
bool is_comment_feed(std::string_view lower_href, std::string_view title) {
  const std::string lower_title = ascii::to_lower(title);
  return lower_href.find("/comments/") != std::string_view::npos ||
         lower_href.find("feed=comments") != std::string_view::npos ||
         lower_title.find("comment") != std::string::npos || title.find("تعليق") != std::string_view::npos;
}

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view word) {
  return at <= s.size() && ascii::istarts_with(s.substr(at), word);
}

// The part of the page worth parsing: up to the first "<body" when no "<link" or "<base" follows
// it (any case), else all of it. libxml2 makes an element only from its start tag, so a tail
// without either string holds neither element; a "<body" inside a head comment or script makes
// the tail contain the head's remaining links, and the whole page is parsed.
std::string_view relevant_part(std::string_view html) {
  std::size_t body = std::string_view::npos;
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    if (starts_with_ci(html, i + 1, "body")) {
      body = i;
      break;
    }
  }
  if (body == std::string_view::npos) return html;
  for (std::size_t i = html.find('<', body + 1); i != std::string_view::npos; i = html.find('<', i + 1)) {
    if (starts_with_ci(html, i + 1, "link") || starts_with_ci(html, i + 1, "base")) return html;
  }
  return html.substr(0, body);
}

struct Candidate {
  std::string href;
  std::string title;
  FeedType type;
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v) {
    if (x == s) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> discover_feeds(std::string_view html, std::string_view url) {
  const html::DocPtr doc = html::parse(relevant_part(html));
  if (!doc) return {};
  std::vector<Candidate> candidates;
  std::string base_href;
  bool have_base = false;
  const xmlNode* root = reinterpret_cast<const xmlNode*>(doc.get());
  for (xmlNode* n = doc->children; n != nullptr; n = html::next_in_tree(n, root)) {
    if (html::is_element(n, "base") && !have_base && html::has_attr(n, "href")) {
      // The document's base URL is the first <base href>, wherever the links stand (HTML §4.2.3).
      have_base = true;
      base_href = html::attr(n, "href");
    } else if (html::is_element(n, "link") && has_rel_alternate(html::attr(n, "rel"))) {
      const FeedType type = feed_type(html::attr(n, "type"));
      std::string href = html::attr(n, "href");
      if (type != FeedType::kNone && !trim(href).empty()) {
        candidates.push_back({std::move(href), html::attr(n, "title"), type});
      }
    }
  }
  if (candidates.empty()) return {};

  std::optional<Url> base;
  if (auto u = Url::parse(url)) base = *u;
  if (have_base) {
    if (base) {
      if (auto b = base->resolve(base_href)) base = *b;
    } else if (auto b = Url::parse(base_href)) {
      base = *b;
    }
  }

  std::vector<std::string> feeds;
  std::vector<std::string> comment_feeds;
  for (const Candidate& c : candidates) {
    auto resolved = base ? base->resolve(c.href) : Url::parse(c.href);
    if (!resolved || !resolved->is_http() || resolved->host.empty()) continue;
    std::string link = resolved->str();
    const std::string lower = ascii::to_lower(link);
    if (c.type == FeedType::kJson && is_rest_api(lower)) continue;
    if (contains(feeds, link) || contains(comment_feeds, link)) continue;
    auto& list = is_comment_feed(lower, c.title) ? comment_feeds : feeds;
    if (list.size() < kMaxFeeds) list.push_back(std::move(link));
  }
  for (std::string& c : comment_feeds) {
    if (feeds.size() == kMaxFeeds) break;
    feeds.push_back(std::move(c));
  }
  return feeds;
}

}  // namespace akhbar::parsers
