// parsers/feed.cc: parse_feed(): the bytes to UTF-8, libxml2 with recovery, then the RSS 0.9x/2.0,
// RSS 1.0 (RDF) and Atom 0.3/1.0 readers. Sitemaps, JSON Feed and gzip are in sitemap.cc,
// json_feed.cc and gzip.cc (feed_formats.h); the scanner for documents that recovery could not save
// is feed_scan.cc; text helpers are feed_text.cc.
#include "parsers/feed.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <unicode/ucnv.h>

#include "parsers/charset.h"
#include "parsers/date.h"
#include "parsers/feed_formats.h"
#include "parsers/feed_scan.h"
#include "parsers/feed_text.h"
#include "parsers/url.h"
#include "parsers/utf8.h"
#include "parsers/xml_handles.h"

namespace akhbar::parsers {
namespace {

using feed_detail::collapse_whitespace;
using feed_detail::html_to_text;

constexpr std::string_view kAtom10Ns = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";
// RSS 0.9x/2.0 has no namespace, but some feeds put it in one of these.
constexpr std::string_view kRssUserlandNs[] = {"http://backend.userland.com/rss", "http://backend.userland.com/rss2",
                                               "http://blogs.law.harvard.edu/tech/rss"};
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kDctermsNs = "http://purl.org/dc/terms/";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kXhtmlNs = "http://www.w3.org/1999/xhtml";
constexpr std::string_view kFeedburnerNs = "http://rssnamespace.org/feedburner/ext/1.0";
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

// libxml2 keeps entity references as nodes (no XML_PARSE_NOENT) and stops exponential expansion
// itself (XML_ERR_ENTITY_LOOP), but one 100 KB entity referenced 10,000 times passes its check and
// would read as 1 GB. Text read through entity references is therefore capped; real feeds declare
// a few short entities, if any. Each reference followed costs kEntityRefCost even when empty, so
// a tree of empty entities cannot make the walk long either.
constexpr std::size_t kMaxEntityText = 1 << 20;
constexpr std::size_t kEntityRefCost = 16;
// Elements nested deeper are not read (libxml2 stops at depth 256 without XML_PARSE_HUGE).
constexpr int kMaxDepth = 512;
// Junk before the document ("Warning: ..." printed by a PHP plugin) is skipped when the XML starts
// within this many bytes.
constexpr std::size_t kMaxLeadingJunk = 4096;

std::string_view sv(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : ""; }
std::string_view ns_of(const xmlNode* n) { return n->ns ? sv(n->ns->href) : ""; }
std::string_view prefix_of(const xmlNode* n) { return n->ns ? sv(n->ns->prefix) : ""; }
bool is_element(const xmlNode* n) { return n != nullptr && n->type == XML_ELEMENT_NODE; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// An element of a known extension namespace. Feeds that forget xmlns:dc still say "dc:creator":
// libxml2 then keeps the prefixed name with no namespace, and we accept it.
bool is_ext(const xmlNode* n, std::string_view local, std::string_view ns, std::string_view prefix) {
  if (!is_element(n)) return false;
  const std::string_view name = sv(n->name);
  if (name == local && (ns_of(n) == ns || prefix_of(n) == prefix)) return true;
  return name.size() == prefix.size() + 1 + local.size() && name.substr(0, prefix.size()) == prefix &&
         name[prefix.size()] == ':' && name.substr(prefix.size() + 1) == local;
}

// Media RSS: the namespace has been written with and without its trailing slash, and by Yahoo's
// video search under another host.
bool is_media(const xmlNode* n, std::string_view local) {
  if (!is_element(n)) return false;
  const std::string_view ns = ns_of(n);
  const std::string_view name = sv(n->name);
  if (name == local) {
    return ns.rfind("http://search.yahoo.com/mrss", 0) == 0 || ns.rfind("http://video.search.yahoo.com/mrss", 0) == 0 ||
           prefix_of(n) == "media";
  }
  return name.size() == 6 + local.size() && name.rfind("media:", 0) == 0 && name.substr(6) == local;
}

bool is_rss_ns(std::string_view ns) {
  if (ns.empty() || ns == kRss10Ns || ns == kRss090Ns) return true;
  for (std::string_view u : kRssUserlandNs) {
    if (ns == u) return true;
  }
  return false;
}

// An RSS element: no namespace (RSS 0.9x/2.0), the RSS 1.0 / 0.90 namespaces, or Userland's.
bool is_rss(const xmlNode* n, std::string_view local) {
  return is_element(n) && sv(n->name) == local && is_rss_ns(ns_of(n));
}

bool is_atom(const xmlNode* n, std::string_view local) {
  if (!is_element(n) || sv(n->name) != local) return false;
  const std::string_view ns = ns_of(n);
  return ns.empty() || ns == kAtom10Ns || ns == kAtom03Ns;
}

bool is_item_element(const xmlNode* n) { return is_rss(n, "item") || is_atom(n, "entry"); }

bool looks_like_url(std::string_view s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

template <class Pred>
const xmlNode* first_child(const xmlNode* parent, Pred pred) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (pred(c)) return c;
  }
  return nullptr;
}

bool has_element_children(const xmlNode* n) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

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
  std::string attr(const xmlNode* el, std::string_view name, std::string_view ns = {}) {
    for (const xmlAttr* a = el->properties; a != nullptr; a = a->next) {
      if (sv(a->name) != name) continue;
      if (!ns.empty() && (a->ns == nullptr || sv(a->ns->href) != ns)) continue;
      std::string out;
      append(a->children, out, false, 0);
      return out;
    }
    return {};
  }

  bool exhausted() const { return exhausted_; }

 private:
  bool charge(std::size_t bytes) {
    entity_bytes_ += bytes;
    if (entity_bytes_ > kMaxEntityText) exhausted_ = true;
    return !exhausted_;
  }

  void append(const xmlNode* n, std::string& out, bool html, int depth) {
    for (; n != nullptr && !exhausted_; n = n->next) {
      switch (n->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE: {
          const std::string_view t = sv(n->content);
          if (entity_depth_ > 0 && !charge(t.size())) return;
          feed_detail::append_unmarked(t, cdata_, out);
          break;
        }
        case XML_ELEMENT_NODE:
          if (depth < kMaxDepth && !is_item_element(n)) append_element(n, out, html, depth);
          break;
        case XML_ENTITY_REF_NODE:
          append_entity(n, out, html, depth);
          break;
        default:
          break;
      }
    }
  }

  void append_element(const xmlNode* n, std::string& out, bool html, int depth) {
    if (!html) {
      append(n->children, out, false, depth + 1);
      return;
    }
    char name[16];
    const std::string_view raw = sv(n->name);
    const std::size_t len = std::min(raw.size(), sizeof name);
    for (std::size_t i = 0; i < len; ++i) name[i] = (raw[i] >= 'A' && raw[i] <= 'Z') ? raw[i] - 'A' + 'a' : raw[i];
    const std::string_view lower(name, len);
    if (lower == "script" || lower == "style" || lower == "noscript" || lower == "template") return;
    const bool block = !feed_detail::is_inline_html_element(lower);
    if (block) out += ' ';
    append(n->children, out, true, depth + 1);
    if (block) out += ' ';
  }

  void append_entity(const xmlNode* ref, std::string& out, bool html, int depth) {
    if (!charge(kEntityRefCost) || depth >= kMaxDepth) return;
    const xmlEntity* ent = xmlGetDocEntity(ref->doc, ref->name);
    if (ent == nullptr || ent->etype != XML_INTERNAL_GENERAL_ENTITY) return;  // external ones are never read
    ++entity_depth_;
    if (ent->children != nullptr) {
      append(ent->children, out, html, depth + 1);
    } else if (const std::string_view content = sv(ent->content); charge(content.size())) {
      feed_detail::append_unmarked(content, cdata_, out);
    }
    --entity_depth_;
  }

  const std::vector<std::string_view>& cdata_;
  std::size_t entity_bytes_ = 0;
  int entity_depth_ = 0;
  bool exhausted_ = false;
};

// Resolves a link against the feed URL and every xml:base from the root down to `at`.
class LinkResolver {
 public:
  LinkResolver(std::string_view feed_url, TreeText& text) : text_(text) {
    if (auto u = Url::parse(feed_url)) base_ = *u;
  }

  std::string resolve(std::string_view ref, const xmlNode* at) const {
    ref = trim(ref);
    if (ref.empty()) return {};
    std::optional<Url> base = base_;
    const xmlNode* chain[64];
    std::size_t depth = 0;
    for (const xmlNode* n = at; n != nullptr && n->type == XML_ELEMENT_NODE && depth < 64; n = n->parent) {
      if (n->properties != nullptr) chain[depth++] = n;
    }
    while (depth > 0) {
      const std::string xml_base = text_.attr(chain[--depth], "base", kXmlNs);
      if (xml_base.empty()) continue;
      if (base) {
        if (auto r = base->resolve(xml_base)) base = *r;
      } else if (auto u = Url::parse(xml_base)) {
        base = *u;
      }
    }
    if (base) {
      if (auto r = base->resolve(ref)) return r->str();
      return {};
    }
    if (auto u = Url::parse(ref)) return u->str();
    return {};
  }

 private:
  TreeText& text_;
  std::optional<Url> base_;
};

using DateReader = feed_detail::FeedDates;

// RSS <author> is "email (Name)" by the spec, and often "Name (email)" in practice (dc:creator
// too): keep the name, whichever side of the parentheses it is on.
std::string rss_author(std::string_view text) {
  const std::size_t open = text.find('(');
  const std::size_t close = text.rfind(')');
  if (text.find('@') != std::string_view::npos && open != std::string_view::npos && close != std::string_view::npos &&
      close > open + 1) {
    const std::string_view inside = text.substr(open + 1, close - open - 1);
    if (inside.find('@') == std::string_view::npos) return collapse_whitespace(inside);
    std::string before = collapse_whitespace(text.substr(0, open));
    if (!before.empty()) return before;
  }
  return collapse_whitespace(text);
}

// Several dc:creator of one item are co-authors: joined the way Arabic bylines join names.
void add_author(std::string& author, std::string name) {
  if (name.empty()) return;
  if (author.empty()) {
    author = std::move(name);
  } else if (author != name) {
    author += "، " + name;
  }
}

// RFC 4648 base64 (Atom 0.3 mode="base64"); whitespace skipped, decoding stops at anything else.
std::string base64_decode(std::string_view in) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '+' || c == '-') v = 62;
    if (c == '/' || c == '_') v = 63;
    if (v < 0) {
      if (is_space(c)) continue;
      break;
    }
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// The RSS version attribute as Feed::version.
std::string rss_version(std::string_view v) {
  v = trim(v);
  if (v.empty()) return "rss";
  if (v[0] == '2') return "rss20";
  if (v == "0.91") return "rss091";
  if (v == "0.92") return "rss092";
  if (v == "0.93") return "rss093";
  if (v == "0.94") return "rss094";
  if (v == "0.90" || v == "0.9") return "rss090";
  return "rss";
}

// Reads the RSS / RDF / Atom tree into a Feed.
class TreeReader {
 public:
  TreeReader(TreeText& text, const LinkResolver& links, DateReader& dates, Feed& feed)
      : text_(text), links_(links), dates_(dates), feed_(feed) {}

  // `deep`: the document was not well-formed, so items may sit anywhere below the root (recovery
  // nests the items that follow an unclosed tag inside it).
  void read_rss(const xmlNode* root, bool rdf, bool deep);
  void read_atom(const xmlNode* root, bool deep);

  std::vector<std::string>& item_warnings() { return item_warnings_; }
  const xmlNode* channel() const { return channel_; }

  // The date that says when the feed was written: the reference for dates without a year.
  std::string channel_date_text(const xmlNode* root);

 private:
  std::string rich_text(const xmlNode* el);
  std::string atom_text(const xmlNode* el);
  std::string atom_link(const xmlNode* parent);
  std::string link_target(const xmlNode* link);
  std::string atom_author(const xmlNode* parent);
  void read_date(const xmlNode* el, std::optional<WallTime>& out, std::string* raw, std::size_t index);
  void add_enclosure(FeedItem& item, const xmlNode* el, const char* attr_name);
  void add_media(FeedItem& item, const xmlNode* el);
  void rss_item(const xmlNode* el, std::size_t index);
  void atom_entry(const xmlNode* el, const std::string& feed_author, std::size_t index);
  void finish_item(FeedItem item, std::size_t index);
  std::vector<const xmlNode*> items(const xmlNode* parent, bool deep, bool atom) const;

  TreeText& text_;
  const LinkResolver& links_;
  DateReader& dates_;
  Feed& feed_;
  const xmlNode* channel_ = nullptr;
  std::string channel_author_;  // the feed's author, for items without one
  std::vector<std::string> item_warnings_;
};

// Titles and descriptions: escaped HTML (the usual) becomes text; markup left unescaped is read
// as XHTML elements.
std::string TreeReader::rich_text(const xmlNode* el) {
  if (has_element_children(el)) return collapse_whitespace(text_.text(el, true));
  return html_to_text(text_.text(el));
}

// Atom text constructs (RFC 4287 section 3.1: type text, html or xhtml) and Atom 0.3 content
// (a MIME type, and mode xml, escaped or base64).
std::string TreeReader::atom_text(const xmlNode* el) {
  if (!text_.attr(el, "src").empty()) return {};  // out-of-line content
  const std::string type = lowercase(trim(text_.attr(el, "type")));
  const std::string mode = lowercase(trim(text_.attr(el, "mode")));
  const bool html = type == "html" || type == "text/html";
  const bool xhtml = type == "xhtml" || type == "application/xhtml+xml";
  const bool text = type.empty() || type == "text" || type == "text/plain";
  if (mode == "base64") {
    const std::string decoded = base64_decode(text_.text(el));
    if (html || xhtml) return html_to_text(decoded);
    if (text || type.rfind("text/", 0) == 0) return collapse_whitespace(decoded);
    return {};
  }
  if (xhtml || mode == "xml" || has_element_children(el)) return collapse_whitespace(text_.text(el, true));
  if (html) return html_to_text(text_.text(el));
  if (text || type.rfind("text/", 0) == 0 || type.find("xml") != std::string::npos) {
    return collapse_whitespace(text_.text(el));
  }
  return {};  // base64 of some binary type
}

// The alternate link: rel="alternate" (or none) of type HTML first, then any alternate, then a
// link of an unknown rel.
std::string TreeReader::atom_link(const xmlNode* parent) {
  const xmlNode* best = nullptr;
  int best_score = 0;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!is_atom(c, "link") && !is_ext(c, "link", kAtom10Ns, "atom")) continue;
    if (link_target(c).empty()) continue;
    const std::string rel = lowercase(trim(text_.attr(c, "rel")));
    const std::string type = lowercase(trim(text_.attr(c, "type")));
    int score = 0;
    if (rel.empty() || rel == "alternate") {
      score = (type.empty() || type == "text/html" || type == "application/xhtml+xml") ? 3 : 2;
    } else if (rel != "self" && rel != "edit" && rel != "replies" && rel != "enclosure" && rel != "related" &&
               rel != "via" && rel != "license" && rel != "edit-media" && rel != "hub" && rel != "first" &&
               rel != "last" && rel != "next" && rel != "previous" && rel != "prev" && rel != "payment") {
      score = 1;
    }
    if (score > best_score) {
      best = c;
      best_score = score;
    }
  }
  return best ? links_.resolve(link_target(best), best) : std::string();
}

// An Atom link's href; generators that confuse it with RSS write the URL as the element's text.
std::string TreeReader::link_target(const xmlNode* link) {
  std::string href = text_.attr(link, "href");
  if (trim(href).empty()) href = collapse_whitespace(text_.text(link));
  return href;
}

std::string TreeReader::atom_author(const xmlNode* parent) {
  const xmlNode* author = first_child(parent, [](const xmlNode* n) { return is_atom(n, "author"); });
  if (author == nullptr) return {};
  const xmlNode* name = first_child(author, [](const xmlNode* n) { return is_atom(n, "name"); });
  if (name == nullptr && has_element_children(author)) return {};  // only an email or a uri
  return collapse_whitespace(text_.text(name ? name : author));
}

// The first date that parses wins; `raw` keeps its text (or the first text when none parses).
void TreeReader::read_date(const xmlNode* el, std::optional<WallTime>& out, std::string* raw, std::size_t index) {
  if (out) return;
  std::string text = collapse_whitespace(text_.text(el));
  if (text.empty()) return;
  out = dates_.read(text);
  if (out) {
    if (raw != nullptr) *raw = std::move(text);
    return;
  }
  item_warnings_.push_back("feed: item " + std::to_string(index + 1) + ": unparsed date \"" + text + "\"");
  if (raw != nullptr && raw->empty()) *raw = std::move(text);
}

void TreeReader::add_enclosure(FeedItem& item, const xmlNode* el, const char* attr_name) {
  const bool atom_link = std::string_view(attr_name) == "href";
  std::string url = links_.resolve(atom_link ? link_target(el) : text_.attr(el, attr_name), el);
  if (url.empty()) return;
  for (const auto& e : item.enclosures) {
    if (e == url) return;
  }
  item.enclosures.push_back(std::move(url));
}

// media:content, also inside media:group. media:thumbnail is a picture of the item, not the item.
void TreeReader::add_media(FeedItem& item, const xmlNode* el) {
  if (is_media(el, "content")) {
    add_enclosure(item, el, "url");
  } else if (is_media(el, "group")) {
    for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
      if (is_media(c, "content")) add_enclosure(item, c, "url");
    }
  }
}

void TreeReader::finish_item(FeedItem item, std::size_t index) {
  if (item.id.empty()) item.id = item.link;
  if (item.id.empty()) {
    item_warnings_.push_back("feed: item " + std::to_string(index + 1) + " has neither link nor id; dropped");
    return;
  }
  feed_.items.push_back(std::move(item));
}

std::vector<const xmlNode*> TreeReader::items(const xmlNode* parent, bool deep, bool atom) const {
  std::vector<const xmlNode*> out;
  auto is_item = [atom](const xmlNode* n) { return atom ? is_atom(n, "entry") : is_rss(n, "item"); };
  if (!deep) {
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
      if (is_item(c)) out.push_back(c);
    }
    return out;
  }
  // Pre-order, so the items come in document order.
  std::vector<std::pair<const xmlNode*, int>> stack;
  for (const xmlNode* c = parent->last; c != nullptr; c = c->prev) stack.emplace_back(c, 0);
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (!is_element(n)) continue;
    if (is_item(n)) out.push_back(n);
    if (depth >= kMaxDepth) continue;
    for (const xmlNode* c = n->last; c != nullptr; c = c->prev) {
      if (c->type == XML_ELEMENT_NODE) stack.emplace_back(c, depth + 1);
    }
  }
  return out;
}

void TreeReader::rss_item(const xmlNode* el, std::size_t index) {
  FeedItem item;
  std::string guid;
  bool has_guid = false;
  bool guid_is_permalink = true;
  std::string link;
  std::string alternate;
  std::string orig_link;
  std::string description;
  std::string content;
  bool rss_author_seen = false;
  for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
    if (!is_element(c)) continue;
    if (is_rss(c, "title")) {
      if (item.title.empty()) item.title = rich_text(c);
    } else if (is_rss(c, "link")) {
      if (link.empty()) link = links_.resolve(text_.text(c), c);
      if (link.empty() && !text_.attr(c, "href").empty()) link = links_.resolve(text_.attr(c, "href"), c);
    } else if (is_ext(c, "link", kAtom10Ns, "atom")) {
      const std::string rel = text_.attr(c, "rel");
      if (rel == "enclosure") {
        add_enclosure(item, c, "href");
      } else if ((rel.empty() || rel == "alternate") && alternate.empty()) {
        alternate = links_.resolve(text_.attr(c, "href"), c);
      }
    } else if (is_ext(c, "origLink", kFeedburnerNs, "feedburner")) {
      orig_link = links_.resolve(text_.text(c), c);
    } else if (is_rss(c, "guid")) {
      if (!has_guid) {
        has_guid = true;
        guid = collapse_whitespace(text_.text(c));
        guid_is_permalink = lowercase(trim(text_.attr(c, "isPermaLink"))) != "false";
      }
    } else if (is_rss(c, "pubDate") || is_ext(c, "date", kDcNs, "dc") || is_ext(c, "issued", kDctermsNs, "dcterms") ||
               is_ext(c, "created", kDctermsNs, "dcterms") || is_ext(c, "published", kAtom10Ns, "atom")) {
      read_date(c, item.published, &item.published_raw, index);
    } else if (is_ext(c, "updated", kAtom10Ns, "atom") || is_ext(c, "modified", kDctermsNs, "dcterms") ||
               is_ext(c, "modified", kDcNs, "dc")) {
      read_date(c, item.updated, nullptr, index);
    } else if (is_rss(c, "author")) {
      if (!rss_author_seen) item.author = rss_author(text_.text(c));  // <author> outranks dc:creator
      rss_author_seen = !item.author.empty();
    } else if (is_ext(c, "creator", kDcNs, "dc")) {
      if (!rss_author_seen) add_author(item.author, rss_author(text_.text(c)));
    } else if (is_ext(c, "author", kAtom10Ns, "atom")) {
      if (item.author.empty()) {
        const xmlNode* name = first_child(c, [](const xmlNode* n) { return is_atom(n, "name"); });
        item.author = collapse_whitespace(text_.text(name ? name : c));
      }
    } else if (is_rss(c, "description") || is_ext(c, "description", kDcNs, "dc")) {
      if (description.empty()) description = rich_text(c);
    } else if (is_ext(c, "encoded", kContentNs, "content")) {
      if (content.empty()) content = rich_text(c);
    } else if (is_ext(c, "body", kXhtmlNs, "xhtml")) {
      if (content.empty()) content = collapse_whitespace(text_.text(c, true));
    } else if (is_rss(c, "enclosure")) {
      add_enclosure(item, c, "url");
    } else {
      add_media(item, c);
    }
  }
  // FeedBurner's <link> is its own redirector; origLink is the article.
  item.link = !orig_link.empty() ? orig_link : !link.empty() ? link : alternate;
  // RSS 1.0 names the item's URI in rdf:about.
  const std::string about = text_.attr(el, "about", kRdfNs);
  if (item.link.empty() && !about.empty()) item.link = links_.resolve(about, el);
  if (item.link.empty() && guid_is_permalink && looks_like_url(guid)) item.link = links_.resolve(guid, el);
  item.id = !guid.empty() ? guid : about;
  if (item.author.empty()) item.author = channel_author_;
  item.content = std::move(content);
  item.summary = !description.empty() ? std::move(description) : item.content;
  finish_item(std::move(item), index);
}

std::string TreeReader::channel_date_text(const xmlNode* root) {
  const xmlNode* scope = root;
  if (const xmlNode* ch = first_child(root, [](const xmlNode* n) { return is_rss(n, "channel"); })) scope = ch;
  // lastBuildDate says when the feed was written; pubDate when its content last changed.
  static constexpr std::string_view kOrder[] = {"lastBuildDate", "pubDate", "updated", "modified", "date"};
  for (std::string_view want : kOrder) {
    for (const xmlNode* c = scope->children; c != nullptr; c = c->next) {
      if (!is_element(c) || sv(c->name) != want) continue;
      const bool ok = want == "date" ? is_ext(c, "date", kDcNs, "dc")
                                     : (want == "updated" || want == "modified" ? is_atom(c, want) : is_rss(c, want));
      if (!ok) continue;
      std::string text = collapse_whitespace(text_.text(c));
      if (!text.empty()) return text;
    }
  }
  return {};
}

// RSS 2.0 / 0.9x: <rss><channel>…<item>…</item></channel></rss>. RSS 1.0: <rdf:RDF><channel/><item/>…</rdf:RDF>.
void TreeReader::read_rss(const xmlNode* root, bool rdf, bool deep) {
  feed_.kind = "rss";
  channel_ = first_child(root, [](const xmlNode* n) { return is_rss(n, "channel"); });
  if (channel_ != nullptr) {
    std::string alternate;
    std::string editor;
    for (const xmlNode* c = channel_->children; c != nullptr; c = c->next) {
      if (is_ext(c, "creator", kDcNs, "dc") || is_rss(c, "author")) {
        if (channel_author_.empty()) channel_author_ = rss_author(text_.text(c));
      } else if (is_rss(c, "managingEditor")) {
        if (editor.empty()) editor = rss_author(text_.text(c));
      } else if (is_rss(c, "title")) {
        if (feed_.title.empty()) feed_.title = rich_text(c);
      } else if (is_rss(c, "link")) {
        if (feed_.link.empty()) feed_.link = links_.resolve(text_.text(c), c);
      } else if (is_ext(c, "link", kAtom10Ns, "atom")) {
        const std::string rel = text_.attr(c, "rel");
        if (alternate.empty() && (rel.empty() || rel == "alternate")) {
          alternate = links_.resolve(text_.attr(c, "href"), c);
        }
      } else if (is_rss(c, "ttl")) {
        const std::string text = collapse_whitespace(text_.text(c));
        int minutes = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), minutes);
        if (ec == std::errc() && end == text.data() + text.size() && minutes >= 0) {
          feed_.ttl_minutes = minutes;
        } else {
          feed_.warnings.push_back("feed: bad <ttl> \"" + text + "\"");
        }
      }
    }
    if (feed_.link.empty()) feed_.link = alternate;
    if (channel_author_.empty()) channel_author_ = std::move(editor);
    // "editor@example.org" alone names no one: items keep no author rather than an address.
    if (channel_author_.find('@') != std::string::npos && channel_author_.find(' ') == std::string::npos) {
      channel_author_.clear();
    }
  }
  const xmlNode* item_parent = rdf || channel_ == nullptr ? root : channel_;
  std::vector<const xmlNode*> found = items(deep ? root : item_parent, deep, false);
  // Some generators put items beside the channel even in RSS 2.0.
  if (found.empty() && !rdf && item_parent != root) found = items(root, false, false);
  for (std::size_t i = 0; i < found.size(); ++i) rss_item(found[i], i);
}

void TreeReader::atom_entry(const xmlNode* el, const std::string& feed_author, std::size_t index) {
  FeedItem item;
  std::string summary;
  std::string content;
  std::optional<WallTime> created;
  std::string created_raw;
  bool atom10_published = false;
  for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
    if (!is_element(c)) continue;
    if (is_atom(c, "title")) {
      if (item.title.empty()) item.title = atom_text(c);
    } else if (is_atom(c, "id")) {
      if (item.id.empty()) item.id = collapse_whitespace(text_.text(c));
    } else if (is_atom(c, "published") && !atom10_published) {
      // Atom 1.0's name outranks 0.3's <issued> and dc:date, wherever it stands in the entry.
      std::optional<WallTime> published;
      std::string raw;
      read_date(c, published, &raw, index);
      if (published) {
        item.published = published;
        item.published_raw = std::move(raw);
        atom10_published = true;
      }
    } else if (is_atom(c, "issued") || is_ext(c, "date", kDcNs, "dc")) {
      if (!atom10_published) read_date(c, item.published, &item.published_raw, index);
    } else if (is_atom(c, "created")) {  // Atom 0.3: when no <issued> says otherwise
      read_date(c, created, &created_raw, index);
    } else if (is_atom(c, "updated") || is_atom(c, "modified")) {
      read_date(c, item.updated, nullptr, index);
    } else if (is_atom(c, "summary")) {
      if (summary.empty()) summary = atom_text(c);
    } else if (is_atom(c, "content")) {
      if (content.empty()) content = atom_text(c);
    } else if (is_atom(c, "link")) {
      if (text_.attr(c, "rel") == "enclosure") add_enclosure(item, c, "href");
    } else if (is_ext(c, "creator", kDcNs, "dc")) {
      if (item.author.empty()) item.author = collapse_whitespace(text_.text(c));
    } else {
      add_media(item, c);
    }
  }
  if (!item.published && created) {
    item.published = created;
    item.published_raw = std::move(created_raw);
  }
  item.link = atom_link(el);
  if (item.link.empty() && looks_like_url(item.id)) item.link = item.id;
  if (std::string author = atom_author(el); !author.empty()) item.author = std::move(author);
  if (item.author.empty()) {
    // RFC 4287 4.2.1: an entry without an author takes its <source>'s, then the feed's.
    if (const xmlNode* source = first_child(el, [](const xmlNode* n) { return is_atom(n, "source"); })) {
      item.author = atom_author(source);
    }
  }
  if (item.author.empty()) item.author = feed_author;
  item.content = std::move(content);
  item.summary = !summary.empty() ? std::move(summary) : item.content;
  finish_item(std::move(item), index);
}

void TreeReader::read_atom(const xmlNode* root, bool deep) {
  feed_.kind = "atom";
  const xmlNode* title = first_child(root, [](const xmlNode* n) { return is_atom(n, "title"); });
  if (title != nullptr) feed_.title = atom_text(title);
  feed_.link = atom_link(root);
  const std::string feed_author = atom_author(root);
  const std::vector<const xmlNode*> found = items(root, deep, true);
  for (std::size_t i = 0; i < found.size(); ++i) atom_entry(found[i], feed_author, i);
}

// An item the scanner read, made into a FeedItem like the tree's.
FeedItem from_scanned(feed_detail::ScannedItem s, bool atom, const LinkResolver& links, const xmlNode* base,
                      DateReader& dates, std::size_t index, std::vector<std::string>& warnings) {
  // RSS text is HTML; Atom says which (text, html or xhtml, whose markup the scanner kept).
  auto text_of = [atom](const std::string& raw, const std::string& type) {
    const std::string t = lowercase(trim(type));
    if (!atom || t == "html" || t == "text/html" || t == "xhtml" || t == "application/xhtml+xml") {
      return html_to_text(raw);
    }
    return collapse_whitespace(raw);
  };
  FeedItem item;
  item.title = text_of(s.title, s.title_type);
  item.link = links.resolve(s.link, base);
  if (item.link.empty() && s.guid_is_permalink && looks_like_url(s.guid)) item.link = links.resolve(s.guid, base);
  item.id = collapse_whitespace(s.guid);
  auto read = [&](const std::string& text, std::optional<WallTime>& out, std::string* raw) {
    if (text.empty()) return;
    out = dates.read(text);
    if (raw != nullptr) *raw = text;
    if (!out) warnings.push_back("feed: item " + std::to_string(index + 1) + ": unparsed date \"" + text + "\"");
  };
  read(s.published, item.published, &item.published_raw);
  read(s.updated, item.updated, nullptr);
  item.author = atom ? s.author : rss_author(s.author);
  item.content = text_of(s.content, s.content_type);
  item.summary = text_of(s.summary, s.summary_type);
  if (item.summary.empty()) item.summary = item.content;
  for (const auto& e : s.enclosures) {
    std::string url = links.resolve(e, base);
    if (!url.empty()) item.enclosures.push_back(std::move(url));
  }
  return item;
}

// `s`, the scanner's reading of tree item `t`, replaces its text fields when both name the same item.
void merge_scanned(FeedItem& t, FeedItem s) {
  if (s.id != t.id && s.link != t.link) return;
  if (!s.title.empty()) t.title = std::move(s.title);
  if (t.link.empty()) t.link = std::move(s.link);  // the tree saw every xml:base on the way
  if (s.published) {
    t.published = s.published;
    t.published_raw = std::move(s.published_raw);
  }
  if (s.updated) t.updated = s.updated;
  if (!s.author.empty()) t.author = std::move(s.author);
  if (!s.summary.empty()) t.summary = std::move(s.summary);
  if (!s.content.empty()) t.content = std::move(s.content);
  if (t.enclosures.empty()) t.enclosures = std::move(s.enclosures);
}

// Recovery keeps what it can, but an unclosed tag can leave an item's fields, or whole items,
// inside another element, and some faults end the parse early. The scanner builds no tree: when it
// finds more items than the tree holds, its reading replaces the tree's; with as many, its text
// fields win (they end at their own end tags) and the tree keeps what the scanner did not read.
void rescue_with_scanner(const feed_detail::PreparedXml& prepared, bool atom, const xmlNode* base,
                         const LinkResolver& links, DateReader& dates, Feed& feed,
                         std::vector<std::string>& item_warnings, std::vector<std::string>& notes) {
  const feed_detail::ScannedItem channel = feed_detail::scan_channel(prepared.text(), atom, prepared.cdata);
  if (feed.title.empty()) feed.title = atom ? collapse_whitespace(channel.title) : html_to_text(channel.title);
  if (feed.link.empty()) feed.link = links.resolve(channel.link, base);
  if (!feed.updated && !channel.updated.empty()) {
    dates.set_reference_if_unset(channel.updated);
    feed.updated = dates.read(channel.updated);
  }
  std::vector<feed_detail::ScannedItem> scanned = feed_detail::scan_items(prepared.text(), atom, prepared.cdata);
  std::vector<std::string> scan_warnings;
  std::vector<FeedItem> items;
  for (std::size_t i = 0; i < scanned.size(); ++i) {
    FeedItem item = from_scanned(std::move(scanned[i]), atom, links, base, dates, i, scan_warnings);
    if (item.id.empty()) item.id = item.link;
    if (item.id.empty()) {
      scan_warnings.push_back("feed: item " + std::to_string(i + 1) + " has neither link nor id; dropped");
    } else {
      items.push_back(std::move(item));
    }
  }
  if (items.size() > feed.items.size()) {
    notes.push_back("feed: " + std::to_string(items.size()) +
                    " items read by the tolerant scanner (the XML tree held " + std::to_string(feed.items.size()) +
                    ")");
    feed.items = std::move(items);
    item_warnings = std::move(scan_warnings);
  } else if (items.size() == feed.items.size()) {
    for (std::size_t i = 0; i < items.size(); ++i) merge_scanned(feed.items[i], std::move(items[i]));
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes to UTF-8.

struct Decoded {
  std::string_view input;  // the bytes, less a UTF-8 BOM: the text when they are UTF-8 or `wide`
  std::string storage;     // the bytes converted to UTF-8, when they were not
  bool converted = false;
  std::string charset;   // lowercase, what the bytes were read as
  bool wide = false;     // UTF-16/32: libxml2 decodes
  std::string mismatch;  // why the declared charset was not used ("" when it was, or none was needed)

  std::string_view text() const { return converted ? std::string_view(storage) : input; }
};

std::string normalize_label(std::string_view label) {
  std::string l = lowercase(trim(label));
  while (!l.empty() && (l.front() == '"' || l.front() == '\'')) l.erase(0, 1);
  while (!l.empty() && (l.back() == '"' || l.back() == '\'')) l.pop_back();
  if (l == "utf8") l = "utf-8";
  return l;
}

bool is_utf8_label(std::string_view l) { return l == "utf-8" || l == "unicode-1-1-utf-8"; }
bool is_wide_label(std::string_view l) {
  return l.rfind("utf-16", 0) == 0 || l.rfind("utf-32", 0) == 0 || l.rfind("ucs", 0) == 0 || l == "unicode";
}
// The charsets servers send by default: the XML declaration knows better.
bool is_default_label(std::string_view l) {
  return l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" || l == "us-ascii" || l == "ascii" ||
         l == "windows-1252";
}

// True when ICU can read `label` (the converter decode_to_utf8 will use).
bool is_known_charset(const std::string& label) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(label.c_str(), &status);
  if (converter != nullptr) ucnv_close(converter);
  return U_SUCCESS(status) && converter != nullptr;
}

// encoding="…" of the XML declaration at the start of `text`, lowercase; "" when none.
std::string xml_declared_encoding(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  if (text.compare(i, 5, "<?xml") != 0) return {};
  const std::size_t end = text.find("?>", i);
  const std::string_view decl = text.substr(i, end == std::string_view::npos ? 200 : end - i);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t j = at + 8;
  while (j < decl.size() && (is_space(decl[j]) || decl[j] == '=')) ++j;
  if (j >= decl.size() || (decl[j] != '"' && decl[j] != '\'')) return {};
  const char quote = decl[j++];
  const std::size_t close = decl.find(quote, j);
  if (close == std::string_view::npos) return {};
  return normalize_label(decl.substr(j, close - j));
}

// Wide encodings by BOM or by the zero bytes of "<" in UTF-16/32. A Content-Type naming UTF-16 over
// bytes without those zeros is wrong, and ignored.
std::string wide_charset(std::string_view b) {
  auto at = [&](std::size_t i) { return i < b.size() ? static_cast<unsigned char>(b[i]) : 0x100u; };
  if (at(0) == 0xFF && at(1) == 0xFE) return at(2) == 0 && at(3) == 0 ? "utf-32le" : "utf-16le";
  if (at(0) == 0xFE && at(1) == 0xFF) return "utf-16be";
  if (at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF) return "utf-32be";
  if (at(0) == '<' && at(1) == 0) return at(2) == 0 ? "utf-32le" : "utf-16le";
  if (at(0) == 0 && at(1) == '<') return "utf-16be";
  if (at(0) == 0 && at(1) == 0 && at(2) == 0 && at(3) == '<') return "utf-32be";
  return {};
}

// Order: a BOM; bytes that are valid UTF-8 with non-ASCII text (whatever a label says: windows-1256
// or ISO-8859-6 Arabic is never valid UTF-8, while a CMS moved to UTF-8 often keeps its old
// declaration); the Content-Type charset, unless it is a server default (ISO-8859-1) and the
// document declares another; the XML declaration; windows-1256 (charset.h's detection).
Decoded decode(std::string_view bytes, std::string_view content_type) {
  Decoded d;
  std::string header = normalize_label(charset_from_content_type(content_type));
  if (std::string wide = wide_charset(bytes); !wide.empty()) {
    d.wide = true;
    d.input = bytes;
    d.charset = std::move(wide);
    return d;
  }
  const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
  const std::string_view body = bom ? bytes.substr(3) : bytes;
  bool non_ascii = false;
  const bool valid = utf8::is_valid(body, &non_ascii);
  std::string declared = xml_declared_encoding(body);
  // A label no converter knows ("bogus") counts as absent, but the document is broken.
  std::string unknown;
  auto drop_unknown = [&unknown](std::string& l) {
    if (!l.empty() && !is_utf8_label(l) && !is_wide_label(l) && !is_known_charset(l)) unknown = std::exchange(l, {});
  };
  drop_unknown(declared);
  drop_unknown(header);
  const std::string& label = !header.empty() ? header : declared;
  if (valid) {
    d.input = body;
    if (bom || non_ascii) {
      d.charset = "utf-8";
      if (!bom && !label.empty() && !is_utf8_label(label)) {
        d.mismatch = "declared " + label + " but the bytes are UTF-8";
      }
    } else {
      d.charset = label.empty() || is_wide_label(label) ? "utf-8" : label;  // ASCII reads the same in all
    }
    if (d.mismatch.empty() && !unknown.empty()) d.mismatch = "unknown charset " + unknown + " declared";
    return d;
  }
  auto legacy = [](const std::string& l) { return !l.empty() && !is_utf8_label(l); };
  std::string chosen;
  if (legacy(header) && !(is_default_label(header) && legacy(declared))) {
    chosen = header;
  } else if (legacy(declared)) {
    chosen = declared;
  } else if (legacy(header)) {
    chosen = header;
  }
  DecodeInfo info;
  std::string ct = !chosen.empty() ? "text/xml; charset=" + chosen
                                   : (is_utf8_label(label) || bom ? "text/xml; charset=utf-8" : std::string());
  d.storage = decode_to_utf8(std::string(body), ct, &info);
  d.converted = true;
  d.charset = info.charset.empty() ? "utf-8" : info.charset;
  if (!unknown.empty()) {
    d.mismatch = "unknown charset " + unknown + " declared; read as " + d.charset;
  } else if (chosen.empty()) {
    d.mismatch = (label.empty() ? std::string("no charset declared") : "declared " + label) +
                 " but the bytes are not UTF-8; read as " + d.charset;
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// libxml2.

struct XmlErrors {
  std::size_t count = 0;
  bool entity_loop = false;
  std::string first;  // "line 12: Opening and ending tag mismatch: description and item"
};

void on_xml_error(void* data, xmlErrorPtr error) {
  const auto* ctxt = static_cast<const xmlParserCtxt*>(data);
  auto* errors = ctxt ? static_cast<XmlErrors*>(ctxt->_private) : nullptr;
  if (errors == nullptr || error == nullptr || error->level < XML_ERR_ERROR) return;
  ++errors->count;
  if (error->code == XML_ERR_ENTITY_LOOP) errors->entity_loop = true;
  if (errors->first.empty() && error->message != nullptr) {
    std::string_view message = error->message;
    message = message.substr(0, message.find('\n'));  // libxml2 appends the offending text on a new line
    errors->first = "line " + std::to_string(error->line) + ": " + std::string(trim(message));
  }
}

using XmlParserCtxt = std::unique_ptr<xmlParserCtxt, FreeWith<xmlFreeParserCtxt>>;

// libxml2 reports some errors without a parser context (a UTF-16 document with a broken surrogate:
// "encoding error : input conversion failed") to the thread's handler, which prints to stderr.
// Parsers do not log: while one parse runs, this thread's handler drops them.
class QuietLibxml2 {
 public:
  QuietLibxml2() : saved_(xmlStructuredError), saved_context_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(nullptr, [](void*, xmlErrorPtr) {});
  }
  ~QuietLibxml2() { xmlSetStructuredErrorFunc(saved_context_, saved_); }
  QuietLibxml2(const QuietLibxml2&) = delete;
  QuietLibxml2& operator=(const QuietLibxml2&) = delete;

 private:
  xmlStructuredErrorFunc saved_;
  void* saved_context_;
};

// Recovery on; no network, no DTD loading, no entity substitution (no XML_PARSE_NOENT): entity
// references stay nodes, read through TreeText's budget, and external ones are never fetched.
// UTF-8 text goes in with XML_PARSE_IGNORE_ENC, the declaration having been dealt with already.
XmlDoc parse_xml(std::string_view text, const std::string& wide_charset, XmlErrors& errors) {
  int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR | XML_PARSE_NOCDATA |
                XML_PARSE_COMPACT;
  if (wide_charset.empty()) options |= XML_PARSE_IGNORE_ENC;
  const QuietLibxml2 quiet;
  XmlParserCtxt ctxt(xmlCreateMemoryParserCtxt(text.data(), static_cast<int>(text.size())));
  if (!ctxt) return nullptr;
  xmlCtxtUseOptions(ctxt.get(), options);
  if (!wide_charset.empty()) {
    if (xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(wide_charset.c_str())) {
      xmlSwitchToEncoding(ctxt.get(), handler);
    }
  }
  ctxt->_private = &errors;
  ctxt->sax->serror = on_xml_error;
  xmlParseDocument(ctxt.get());
  XmlDoc doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  if (!ctxt->wellFormed && errors.count == 0) errors.count = 1;
  return doc;
}

// The name of the root element, looking past the prolog (declaration, PIs, comments, DOCTYPE).
std::string_view root_name_hint(std::string_view t) {
  std::size_t i = 0;
  for (;;) {
    while (i < t.size() && is_space(t[i])) ++i;
    if (t.compare(i, 2, "<?") == 0) {
      const std::size_t end = t.find("?>", i);
      if (end == std::string_view::npos) return {};
      i = end + 2;
    } else if (t.compare(i, 4, "<!--") == 0) {
      const std::size_t end = t.find("-->", i);
      if (end == std::string_view::npos) return {};
      i = end + 3;
    } else if (t.compare(i, 2, "<!") == 0) {
      int brackets = 0;
      char quote = 0;
      for (i += 2; i < t.size(); ++i) {
        const char c = t[i];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[') {
          ++brackets;
        } else if (c == ']') {
          --brackets;
        } else if (c == '>' && brackets <= 0) {
          break;
        }
      }
      if (i < t.size()) ++i;
    } else {
      break;
    }
  }
  if (i >= t.size() || t[i] != '<') return {};
  std::size_t j = ++i;
  while (j < t.size() && !is_space(t[j]) && t[j] != '>' && t[j] != '/') ++j;
  return t.substr(i, j - i);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_feed_root(std::string_view name) {
  return name == "rss" || name == "feed" || ends_with(name, ":feed") || ends_with(name, "RDF") ||
         ends_with(name, "urlset") || ends_with(name, "sitemapindex");
}

// Where the XML starts in decoded text: after whitespace, or after junk printed ahead of the
// document (a PHP warning, "<br />\n<b>Warning</b>: ...") when the XML follows within
// kMaxLeadingJunk bytes. Both are noted: neither is well-formed XML.
Result<std::size_t> xml_start(std::string_view text, std::vector<std::string>& notes) {
  std::size_t start = 0;
  while (start < text.size() && is_space(text[start])) ++start;
  if (start < text.size() && text[start] == '<' && is_feed_root(root_name_hint(text.substr(start)))) {
    if (start > 0 && text.compare(start, 5, "<?xml") == 0)
      notes.push_back("feed: whitespace before the XML declaration");
    return start;
  }
  std::size_t xml = std::string_view::npos;
  for (std::string_view mark : {"<?xml", "<rss", "<feed", "<rdf:RDF", "<urlset", "<sitemapindex"}) {
    xml = std::min(xml, text.substr(0, kMaxLeadingJunk).find(mark, start));
  }
  if (xml != std::string_view::npos && xml > start) {
    notes.push_back("feed: skipped " + std::to_string(xml - start) + " bytes of junk before the XML");
    return xml;
  }
  if (start < text.size() && text[start] != '<')
    return fail(Errc::kInvalidInput, "feed: not XML (does not start with '<')");
  return start;  // some other markup: libxml2 will say what it is
}

bool is_utf16_or_32(std::string_view bytes) { return !wide_charset(bytes).empty(); }

// First byte that is not whitespace or part of a UTF-8 BOM.
char first_significant_byte(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  for (char c : bytes) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
  }
  return '\0';
}

}  // namespace

Result<Feed> parse_feed(std::string_view bytes, std::string_view url, std::string_view content_type,
                        std::string_view timezone, std::optional<WallTime> now) {
  if (bytes.size() > kMaxFeedBytes) {
    return fail(Errc::kResourceExhausted,
                "feed: document too large (" + std::to_string(bytes.size()) + " bytes, limit 50 MB)", std::string(url));
  }
  std::string inflated;
  if (feed_detail::is_gzip(bytes)) {  // a .xml.gz sitemap served as application/x-gzip
    auto out = feed_detail::gunzip(bytes, kMaxFeedBytes);
    if (!out) return tl::unexpected(Error{out.error().code, out.error().message, std::string(url)});
    inflated = std::move(*out);
    bytes = inflated;
  }
  if (first_significant_byte(bytes) == '{') return feed_detail::parse_json_feed(bytes, url, timezone, now);
  const bool wide = is_utf16_or_32(bytes);
  if (!wide && first_significant_byte(bytes) == '\0') {
    return fail(Errc::kInvalidInput, "feed: empty document", std::string(url));
  }

  Decoded in = decode(bytes, content_type);
  std::vector<std::string> notes;  // what recovery had to do, for Feed::warnings
  if (!in.mismatch.empty()) notes.push_back("feed: " + in.mismatch);
  std::string_view text = in.text();
  if (!in.wide) {
    auto start = xml_start(text, notes);
    if (!start) return fail(Errc::kInvalidInput, start.error().message, std::string(url));
    text.remove_prefix(*start);
  }

  // CDATA markers for RSS and Atom only: sitemap.cc reads text straight from the tree.
  const std::string_view hint = root_name_hint(text);
  const bool sitemap_hint = ends_with(hint, "urlset") || ends_with(hint, "sitemapindex");
  feed_detail::PreparedXml prepared;
  if (in.wide) {
    prepared.input = text;
  } else {
    prepared = feed_detail::prepare_xml(text, !sitemap_hint);
  }

  XmlErrors errors;
  XmlDoc doc = parse_xml(prepared.text(), in.wide ? in.charset : std::string(), errors);
  if (errors.entity_loop) {
    return fail(Errc::kResourceExhausted,
                "feed: entity expansion over libxml2's limit (an entity loop or 'billion laughs')", std::string(url));
  }
  if (errors.count > 0) {
    notes.push_back("feed: not well-formed (" + std::to_string(errors.count) + " errors; first: " + errors.first + ")");
  }
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;

  Feed feed;
  feed.encoding = in.charset;
  feed.recovered = errors.count > 0 || prepared.repaired || !notes.empty();
  TreeText tree_text(prepared.cdata);
  const LinkResolver links(url, tree_text);
  DateReader dates(timezone, now);
  TreeReader reader(tree_text, links, dates, feed);
  const bool deep = errors.count > 0;
  bool atom = false;

  if (root == nullptr) {
    // libxml2 made nothing of it; the scanner may still find items in what looks like a feed.
    const bool rss_hint = hint == "rss" || ends_with(hint, "RDF");
    atom = hint == "feed";
    if (in.wide || !(rss_hint || atom)) {
      return fail(Errc::kInvalidInput, "feed: not XML (no root element)", std::string(url));
    }
    feed.kind = atom ? "atom" : "rss";
    feed.version = atom ? "atom" : "rss";
  } else {
    const std::string_view root_name = sv(root->name);
    dates.set_reference_if_unset(reader.channel_date_text(root));
    if (root_name == "rss" && is_rss_ns(ns_of(root))) {
      feed.version = rss_version(tree_text.attr(root, "version"));
      reader.read_rss(root, false, deep);
    } else if (root_name == "RDF" && (ns_of(root) == kRdfNs || prefix_of(root) == "rdf")) {
      const xmlNode* first =
          first_child(root, [](const xmlNode* n) { return is_rss(n, "channel") || is_rss(n, "item"); });
      std::string_view ns = first ? ns_of(first) : "";
      for (const xmlNs* d = root->nsDef; d != nullptr && ns.empty(); d = d->next) {  // an empty document
        if (d->prefix == nullptr) ns = sv(d->href);
      }
      feed.version = ns == kRss10Ns ? "rss10" : ns == kRss090Ns ? "rss090" : "rss";
      reader.read_rss(root, true, deep);
    } else if ((root_name == "urlset" || root_name == "sitemapindex")) {
      feed_detail::parse_sitemap(root, url, timezone, now, feed);
      return feed;  // sitemap.cc reports its own warnings; `recovered` tells the rest
    } else if (root_name == "feed" && (ns_of(root) == kAtom10Ns || ns_of(root) == kAtom03Ns || ns_of(root).empty())) {
      atom = true;
      const std::string_view ns = ns_of(root);
      feed.version = ns == kAtom10Ns                                                     ? "atom10"
                     : ns == kAtom03Ns || trim(tree_text.attr(root, "version")) == "0.3" ? "atom03"
                                                                                         : "atom";
      reader.read_atom(root, deep);
    } else {
      return fail(Errc::kInvalidInput, "feed: not a feed (root element <" + std::string(root_name) + ">)",
                  std::string(url));
    }
    const std::string updated = reader.channel_date_text(root);
    if (!updated.empty()) {
      feed.updated = dates.read(updated);
      if (!feed.updated) feed.warnings.push_back("feed: unparsed feed date \"" + updated + "\"");
    }
  }
  if (tree_text.exhausted()) {
    return fail(Errc::kResourceExhausted,
                "feed: entity expansion over " + std::to_string(kMaxEntityText) + " bytes (a 'billion laughs' variant)",
                std::string(url));
  }
  std::vector<std::string> item_warnings = std::move(reader.item_warnings());

  if (!in.wide && (errors.count > 0 || root == nullptr)) {
    const xmlNode* base = reader.channel() != nullptr ? reader.channel() : root;
    rescue_with_scanner(prepared, atom, base, links, dates, feed, item_warnings, notes);
  }
  if (root == nullptr && feed.items.empty()) {
    return fail(Errc::kInvalidInput, "feed: not XML (no root element)", std::string(url));
  }
  for (auto& n : notes) feed.warnings.push_back(std::move(n));
  for (auto& w : item_warnings) feed.warnings.push_back(std::move(w));
  return feed;
}

}  // namespace akhbar::parsers
