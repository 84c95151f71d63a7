// parsers/feed/sitemap.cc: sitemaps (https://www.sitemaps.org/protocol.html) and Google News sitemaps
// (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap) as a Feed.
//
// A news site's sitemap holds up to 50,000 URLs (the protocol's cap), so the tree is walked once,
// text is read in place from libxml2's nodes, and an ordinary absolute <loc> is kept as written
// without going through Url (which would allocate a handful of strings per entry).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <libxml/tree.h>

#include "parsers/date/date.h"
#include "parsers/feed/feed_formats.h"
#include "parsers/feed/feed_internal.h"
#include "parsers/feed/feed_text.h"
#include "parsers/feed/feed_tree.h"
#include "parsers/url/url.h"

namespace akhbar::parsers::feed_detail {
namespace {

constexpr std::string_view kSitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
constexpr std::string_view kGoogleSitemapNs = "http://www.google.com/schemas/sitemap/0.84";  // before sitemaps.org
constexpr std::string_view kNewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

// Twice the protocol's 50,000: generators that ignore the cap still get read, a runaway one does
// not fill memory with items.
constexpr std::size_t kMaxSitemapItems = 100'000;
// A generator that writes "0000-00-00" in every <lastmod> would otherwise leave 50,000 warnings.
constexpr std::size_t kMaxDetailedWarnings = 20;
// Quoted text in warnings is cut at this many bytes.
constexpr std::size_t kMaxQuotedBytes = 200;

bool is_text(const xmlNode* n) { return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE; }

void append_text(const xmlNode* el, std::string& buf) {
  for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
    if (is_text(c)) {
      buf += sv(c->content);
    } else if (is_element(c)) {
      append_text(c, buf);  // libxml2 caps nesting depth, so the recursion is bounded
    }
  }
}

// The text of an element: a view of its only text node (the usual case: no copy), else the text of
// all its descendants gathered in `buf`. Entities and CDATA are already decoded by libxml2.
std::string_view text_of(const xmlNode* el, std::string& buf) {
  const xmlNode* c = el->children;
  if (c == nullptr) return {};
  if (c->next == nullptr && is_text(c)) return sv(c->content);
  buf.clear();
  append_text(el, buf);
  return buf;
}

// `text` in quotes for a warning, cut (on a UTF-8 boundary) when long.
std::string quoted(std::string_view text) {
  if (text.size() > kMaxQuotedBytes) {
    std::size_t cut = kMaxQuotedBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return "\"" + std::string(text.substr(0, cut)) + "…\"";
  }
  return "\"" + std::string(text) + "\"";
}

// "http(s)://host/path…" with a lowercase host, no port or userinfo, a path without dot segments and
// no whitespace: what Url::resolve(...).str() would return unchanged, so it is kept as written.
bool is_plain_absolute(std::string_view s) {
  std::size_t start = 0;
  if (s.rfind("https://", 0) == 0) {
    start = 8;
  } else if (s.rfind("http://", 0) == 0) {
    start = 7;
  } else {
    return false;
  }
  std::size_t i = start;
  for (; i < s.size() && s[i] != '/'; ++i) {
    const char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
  }
  if (i == start || i == s.size()) return false;  // no host, or no path ("/" would be added)
  const std::size_t path_end = s.find_first_of("?#", i);
  if (s.substr(i, path_end == std::string_view::npos ? std::string_view::npos : path_end - i).find("/.") !=
      std::string_view::npos) {
    return false;
  }
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ') return false;
  }
  return true;
}

class SitemapReader {
 public:
  SitemapReader(const xmlNode* root, std::string_view url, std::string_view timezone, std::optional<WallTime> now,
                Feed& feed)
      : root_(root), root_ns_(ns_of(root)), dates_(timezone, now), feed_(feed) {
    if (auto u = Url::parse(url)) base_ = std::move(*u);
  }

  // <urlset><url><loc/><lastmod/><news:news>…</news:news></url>…</urlset>
  void read_urlset(const xmlNode* root) {
    feed_.kind = "sitemap";
    feed_.version = "sitemap";
    bool news = false;
    read_entries(root, "url", [&](const xmlNode* f, std::size_t index, FeedItem& item) {
      if (is_news(f, "news")) {
        news = true;
        read_news(f, index, item);
      }
      // changefreq, priority, image:image, video:video, xhtml:link, mobile:mobile…: not ours.
    });
    if (news) feed_.kind = "news-sitemap";
  }

  // <sitemapindex><sitemap><loc/><lastmod/></sitemap>…</sitemapindex>
  void read_index(const xmlNode* root) {
    feed_.kind = "sitemapindex";
    feed_.version = "sitemapindex";
    read_entries(root, "sitemap", [](const xmlNode*, std::size_t, FeedItem&) {});
  }

 private:
  // Each <entry> child of the root (<url> or <sitemap>) becomes an item from its first <loc> and its
  // <lastmod>; any other child element of the entry goes to `other(element, index, item)`. A
  // template, not a std::function: the walk over 50,000 entries stays one inlined loop.
  template <class Other>
  void read_entries(const xmlNode* root, std::string_view entry, Other other) {
    reserve_items(root, entry);
    std::size_t index = 0;
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (!is_sitemap(c, entry)) continue;
      if (!room_for_one_more()) break;
      ++index;
      FeedItem item;
      std::string_view loc;
      bool has_loc = false;
      for (const xmlNode* f = c->children; f != nullptr; f = f->next) {
        if (!is_element(f)) continue;
        if (is_sitemap(f, "loc")) {
          if (!has_loc) loc = trim_controls(text_of(f, loc_buf_));
          has_loc = true;
        } else if (is_sitemap(f, "lastmod")) {
          read_date(f, "lastmod", index, item.updated, nullptr);
        } else {
          other(f, index, item);
        }
      }
      keep(std::move(item), has_loc, loc, entry, index);
    }
    finish();
  }

  // A sitemap element: in the root's namespace (whatever a generator declared there), the
  // sitemaps.org or old Google namespace, or none.
  bool is_sitemap(const xmlNode* n, std::string_view local) const {
    if (!is_element(n) || sv(n->name) != local) return false;
    if (n->ns == root_->ns) return true;  // the usual case, without comparing strings
    const std::string_view ns = ns_of(n);
    return ns.empty() || ns == root_ns_ || ns == kSitemapNs || ns == kGoogleSitemapNs;
  }

  // A Google News element. A sitemap that forgets xmlns:news still writes "news:title": libxml2 then
  // keeps the prefixed name with no namespace.
  static bool is_news(const xmlNode* n, std::string_view local) {
    if (!is_element(n)) return false;
    const std::string_view name = sv(n->name);
    if (name == local) return ns_of(n) == kNewsNs || (n->ns != nullptr && sv(n->ns->prefix) == "news");
    return n->ns == nullptr && name.size() == local.size() + 5 && name.substr(0, 5) == "news:" &&
           name.substr(5) == local;
  }

  void read_news(const xmlNode* el, std::size_t index, FeedItem& item) {
    for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
      if (is_news(c, "title")) {
        if (item.title.empty()) item.title = html_to_text(text_of(c, text_buf_));
      } else if (is_news(c, "publication_date")) {
        read_date(c, "news:publication_date", index, item.published, &item.published_raw);
      } else if (is_news(c, "publication") && feed_.title.empty()) {
        for (const xmlNode* p = c->children; p != nullptr; p = p->next) {
          if (is_news(p, "name")) {
            feed_.title = collapse_whitespace(text_of(p, text_buf_));
            break;
          }
        }
      }
      // news:keywords, news:genres, news:access, news:stock_tickers: not used.
    }
  }

  void read_date(const xmlNode* el, std::string_view what, std::size_t index, std::optional<WallTime>& out,
                 std::string* raw) {
    const std::string_view text = trim_controls(text_of(el, text_buf_));
    if (text.empty() || out) return;
    out = parse(text);
    if (raw != nullptr && raw->empty()) *raw = collapse_whitespace(text);
    if (!out) {
      warn([&] {
        return "sitemap: " + std::string(root_is_index() ? "sitemap " : "url ") + std::to_string(index) +
               ": unparsed <" + std::string(what) + "> " + quoted(text);
      });
    }
  }

  std::optional<WallTime> parse(std::string_view text) const { return dates_.read(text); }

  // An absolute http(s) URL for `loc`, resolved against the sitemap's URL when relative; "" when
  // there is none.
  std::string resolve(std::string_view loc) const {
    if (is_plain_absolute(loc)) return std::string(loc);
    Result<Url> u = base_ ? base_->resolve(loc) : Url::parse(loc);
    if (!u || !u->is_http() || u->host.empty()) return {};
    return u->str();
  }

  void keep(FeedItem item, bool has_loc, std::string_view loc, std::string_view what, std::size_t index) {
    if (loc.empty()) {
      warn([&] {
        return "sitemap: " + std::string(what) + " " + std::to_string(index) +
               (has_loc ? " has an empty <loc>; dropped" : " has no <loc>; dropped");
      });
      return;
    }
    item.link = resolve(loc);
    if (item.link.empty()) {
      warn([&] {
        return "sitemap: " + std::string(what) + " " + std::to_string(index) + ": <loc> " + quoted(loc) +
               " is not an http(s) URL; dropped";
      });
      return;
    }
    item.id = item.link;
    feed_.items.push_back(std::move(item));
  }

  void reserve_items(const xmlNode* root, std::string_view entry) {
    std::size_t n = 0;
    for (const xmlNode* c = root->children; c != nullptr && n < kMaxSitemapItems; c = c->next) {
      if (is_sitemap(c, entry)) ++n;
    }
    feed_.items.reserve(feed_.items.size() + n);
  }

  bool room_for_one_more() {
    if (feed_.items.size() < kMaxSitemapItems) return true;
    feed_.warnings.push_back("sitemap: more than " + std::to_string(kMaxSitemapItems) +
                             " entries; the rest are ignored");
    return false;
  }

  template <class MakeMessage>
  void warn(MakeMessage make) {
    if (detailed_warnings_ < kMaxDetailedWarnings) {
      ++detailed_warnings_;
      feed_.warnings.push_back(make());
    } else {
      ++suppressed_warnings_;
    }
  }

  void finish() {
    if (suppressed_warnings_ > 0) {
      feed_.warnings.push_back("sitemap: " + std::to_string(suppressed_warnings_) + " more warnings not shown");
    }
  }

  bool root_is_index() const { return feed_.kind == "sitemapindex"; }

  const xmlNode* root_;
  std::string_view root_ns_;
  feed_detail::FeedDates dates_;
  std::optional<Url> base_;
  Feed& feed_;
  std::string loc_buf_;   // <loc> text when it is not a single text node
  std::string text_buf_;  // the same for other elements (a <loc> view stays valid meanwhile)
  std::size_t detailed_warnings_ = 0;
  std::size_t suppressed_warnings_ = 0;
};

}  // namespace

void parse_sitemap(const xmlNode* root, std::string_view url, std::string_view timezone, std::optional<WallTime> now,
                   Feed& out) {
  SitemapReader reader(root, url, timezone, now, out);
  if (sv(root->name) == "sitemapindex") {
    reader.read_index(root);
  } else {
    reader.read_urlset(root);
  }
}

}  // namespace akhbar::parsers::feed_detail
