// parsers/feed/feed_tree.h (private to parsers/): the vocabulary for reading an RSS or Atom document's
// libxml2 tree: the namespaces; which element is which (tolerating a feed that forgot xmlns:dc);
// an element's or attribute's text with CDATA markers restored and entity references followed
// within a budget (TreeText); links resolved against every xml:base (LinkResolver). What the
// elements mean for a Feed is feed.cc's.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

#include "parsers/url/url.h"

namespace akhbar::parsers::feed_detail {

inline constexpr std::string_view kAtom10Ns = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
inline constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
inline constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";
// RSS 0.9x/2.0 has no namespace, but some feeds put it in one of these.
inline constexpr std::string_view kRssUserlandNs[] = {
    "http://backend.userland.com/rss", "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss"};
inline constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kDctermsNs = "http://purl.org/dc/terms/";
inline constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kXhtmlNs = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view kFeedburnerNs = "http://rssnamespace.org/feedburner/ext/1.0";
inline constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

// libxml2 keeps entity references as nodes (no XML_PARSE_NOENT) and stops exponential expansion
// itself (XML_ERR_ENTITY_LOOP), but one 100 KB entity referenced 10,000 times passes its check and
// would read as 1 GB. Text read through entity references is therefore capped; real feeds declare
// a few short entities, if any. Each reference followed costs kEntityRefCost even when empty, so
// a tree of empty entities cannot make the walk long either.
inline constexpr std::size_t kMaxEntityText = 1 << 20;
inline constexpr std::size_t kEntityRefCost = 16;
// Elements nested deeper are not read (libxml2 stops at depth 256 without XML_PARSE_HUGE).
inline constexpr int kMaxDepth = 512;

inline std::string_view sv(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : ""; }
inline std::string_view ns_of(const xmlNode* n) { return n->ns ? sv(n->ns->href) : ""; }
inline std::string_view prefix_of(const xmlNode* n) { return n->ns ? sv(n->ns->prefix) : ""; }
inline bool is_element(const xmlNode* n) { return n != nullptr && n->type == XML_ELEMENT_NODE; }

// An element of a known extension namespace. Feeds that forget xmlns:dc still say "dc:creator":
// libxml2 then keeps the prefixed name with no namespace, and we accept it.
bool is_ext(const xmlNode* n, std::string_view local, std::string_view ns, std::string_view prefix);

// Media RSS: the namespace has been written with and without its trailing slash, and by Yahoo's
// video search under another host.
bool is_media(const xmlNode* n, std::string_view local);

bool is_rss_ns(std::string_view ns);

// An RSS element: no namespace (RSS 0.9x/2.0), the RSS 1.0 / 0.90 namespaces, or Userland's.
bool is_rss(const xmlNode* n, std::string_view local);

bool is_atom(const xmlNode* n, std::string_view local);

bool is_item_element(const xmlNode* n);

template <class Pred>
const xmlNode* first_child(const xmlNode* parent, Pred pred) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (pred(c)) return c;
  }
  return nullptr;
}

bool has_element_children(const xmlNode* n);

// Text out of the tree: CDATA markers restored (see prepare_xml), entity references followed within
// the budget above, external entities never read.
class TreeText {
 public:
  explicit TreeText(const std::vector<std::string_view>& cdata) : cdata_(cdata) {}

  // The text of `el`'s content. With `html`, the elements inside are HTML (XHTML content, or
  // markup a feed left unescaped): block elements separate words, script and style are dropped.
  // An item nested inside (recovery puts the items after an unclosed tag there) is not read.
  std::string text(const xmlNode* el, bool html = false) {
    std::string out;
    if (el != nullptr) append(el->children, out, html, 0);
    return out;
  }

  // Attribute `name` of `el` ("" when absent); `ns` empty matches any namespace.
  std::string attr(const xmlNode* el, std::string_view name, std::string_view ns = {});

  bool exhausted() const { return exhausted_; }

 private:
  bool charge(std::size_t bytes);
  void append(const xmlNode* n, std::string& out, bool html, int depth);
  void append_element(const xmlNode* n, std::string& out, bool html, int depth);
  void append_entity(const xmlNode* ref, std::string& out, bool html, int depth);

  const std::vector<std::string_view>& cdata_;
  std::size_t entity_bytes_ = 0;
  int entity_depth_ = 0;
  bool exhausted_ = false;
};

// Resolves a link against the feed URL and every xml:base from the root down to `at`.
class LinkResolver {
 public:
  LinkResolver(std::string_view feed_url, TreeText& text);

  std::string resolve(std::string_view ref, const xmlNode* at) const;

 private:
  TreeText& text_;
  std::optional<Url> base_;
};

}  // namespace akhbar::parsers::feed_detail
