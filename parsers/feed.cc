#include "parsers/feed.h"

#include <charconv>
#include <string>
#include <vector>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "parsers/date.h"
#include "parsers/feed_text.h"
#include "parsers/url.h"
#include "parsers/xml_handles.h"

namespace akhbar::parsers {
namespace {

using feed_detail::collapse_whitespace;
using feed_detail::html_to_text;

constexpr std::string_view kAtom10Ns = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";

std::string_view sv(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : ""; }
std::string_view ns_of(const xmlNode* n) { return n->ns ? sv(n->ns->href) : ""; }
std::string_view prefix_of(const xmlNode* n) { return n->ns ? sv(n->ns->prefix) : ""; }

bool is_element(const xmlNode* n) { return n != nullptr && n->type == XML_ELEMENT_NODE; }

// An element of a known extension namespace. Feeds that forget xmlns:dc still say "dc:creator":
// libxml2 then keeps the prefixed name with no namespace, and we accept it.
bool is_ext(const xmlNode* n, std::string_view local, std::string_view ns, std::string_view prefix) {
  if (!is_element(n)) return false;
  if (sv(n->name) == local && (ns_of(n) == ns || prefix_of(n) == prefix)) return true;
  const std::string_view name = sv(n->name);
  return name.size() == prefix.size() + 1 + local.size() && name.substr(0, prefix.size()) == prefix &&
         name[prefix.size()] == ':' && name.substr(prefix.size() + 1) == local;
}

// An RSS element: no namespace (RSS 0.9x/2.0) or the RSS 1.0 / 0.90 namespaces.
bool is_rss(const xmlNode* n, std::string_view local) {
  if (!is_element(n) || sv(n->name) != local) return false;
  const std::string_view ns = ns_of(n);
  return ns.empty() || ns == kRss10Ns || ns == kRss090Ns;
}

bool is_atom(const xmlNode* n, std::string_view local) {
  if (!is_element(n) || sv(n->name) != local) return false;
  const std::string_view ns = ns_of(n);
  return ns.empty() || ns == kAtom10Ns || ns == kAtom03Ns;
}

std::string content_of(const xmlNode* n) { return take_xml_string(xmlNodeGetContent(n)); }
std::string attr(const xmlNode* n, const char* name) {
  return take_xml_string(xmlGetProp(n, reinterpret_cast<const xmlChar*>(name)));
}

template <class Pred>
const xmlNode* first_child(const xmlNode* parent, Pred pred) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (pred(c)) return c;
  }
  return nullptr;
}

// Resolves a link against the feed URL and every xml:base from the root down to `at`.
class LinkResolver {
 public:
  explicit LinkResolver(std::string_view feed_url) {
    if (auto u = Url::parse(feed_url)) base_ = *u;
  }

  std::string resolve(std::string_view ref, const xmlNode* at) const {
    ref = trim(ref);
    if (ref.empty()) return {};
    std::optional<Url> base = base_;
    std::vector<const xmlNode*> chain;
    for (const xmlNode* n = at; n != nullptr && n->type == XML_ELEMENT_NODE; n = n->parent) chain.push_back(n);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      std::string xml_base = take_xml_string(xmlGetNsProp(*it, reinterpret_cast<const xmlChar*>("base"),
                                                              reinterpret_cast<const xmlChar*>(XML_XML_NAMESPACE)));
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
  static std::string_view trim(std::string_view s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
    return s;
  }
  std::optional<Url> base_;
};

// Dates of one feed: parsed in the site's zone against a reference instant. Without one (no `now`
// and no channel date), a date that depends on the reference (relative, or without a year) is
// reported as unparsed rather than guessed.
class DateReader {
 public:
  DateReader(std::string_view zone, std::optional<WallTime> now) : zone_(zone), now_(now) {}
  void set_reference_if_unset(std::string_view text) {
    if (now_ || text.empty()) return;
    now_ = read(text);
  }
  std::optional<WallTime> read(std::string_view text) const {
    if (now_) return parse_date(text, zone_, *now_);
    // Two references ~400 days apart: an absolute date reads the same from both.
    const WallTime a = from_unix_ms(1'600'000'000'000);
    const WallTime b = a + std::chrono::hours(24 * 400);
    auto x = parse_date(text, zone_, a);
    auto y = parse_date(text, zone_, b);
    if (x && y && *x == *y) return x;
    return std::nullopt;
  }

 private:
  std::string zone_;
  std::optional<WallTime> now_;
};

struct Context {
  const LinkResolver& links;
  const DateReader& dates;
  Feed& feed;
};

void read_date(const Context& ctx, const xmlNode* el, std::optional<WallTime>& out, std::string* raw,
               std::size_t item_index) {
  const std::string text = collapse_whitespace(content_of(el));
  if (text.empty()) return;
  if (raw != nullptr && raw->empty()) *raw = text;
  if (out) return;
  out = ctx.dates.read(text);
  if (!out) {
    ctx.feed.warnings.push_back("feed: item " + std::to_string(item_index + 1) + ": unparsed date \"" + text + "\"");
  }
}

// RSS <author> is "email (Name)" by the spec; keep the name when there is one.
std::string rss_author(std::string_view text) {
  const std::size_t open = text.find('(');
  const std::size_t close = text.rfind(')');
  if (text.find('@') != std::string_view::npos && open != std::string_view::npos && close != std::string_view::npos &&
      close > open + 1) {
    return collapse_whitespace(text.substr(open + 1, close - open - 1));
  }
  return collapse_whitespace(text);
}

bool looks_like_url(std::string_view s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

void finish_item(const Context& ctx, FeedItem item, std::size_t index) {
  if (item.id.empty()) item.id = item.link;
  if (item.id.empty() && item.link.empty()) {
    ctx.feed.warnings.push_back("feed: item " + std::to_string(index + 1) + " has neither link nor id; dropped");
    return;
  }
  ctx.feed.items.push_back(std::move(item));
}

void parse_rss_item(const Context& ctx, const xmlNode* el, std::size_t index) {
  FeedItem item;
  std::string description;
  std::string encoded;
  std::string guid;
  bool guid_is_permalink = true;
  // RSS 1.0 items name their link in rdf:about.
  const std::string about = take_xml_string(
      xmlGetNsProp(el, reinterpret_cast<const xmlChar*>("about"), reinterpret_cast<const xmlChar*>(kRdfNs.data())));
  for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
    if (!is_element(c)) continue;
    if (is_rss(c, "title")) {
      item.title = html_to_text(content_of(c));
    } else if (is_rss(c, "link") && item.link.empty()) {
      item.link = ctx.links.resolve(content_of(c), c);
    } else if (is_rss(c, "guid")) {
      guid = collapse_whitespace(content_of(c));
      guid_is_permalink = attr(c, "isPermaLink") != "false";
    } else if (is_rss(c, "pubDate")) {
      read_date(ctx, c, item.published, &item.published_raw, index);
    } else if (is_ext(c, "date", kDcNs, "dc")) {
      read_date(ctx, c, item.published, &item.published_raw, index);
    } else if (is_ext(c, "updated", kAtom10Ns, "atom") || is_ext(c, "modified", kDcNs, "dc")) {
      read_date(ctx, c, item.updated, nullptr, index);
    } else if (is_rss(c, "author") && item.author.empty()) {
      item.author = rss_author(content_of(c));
    } else if (is_ext(c, "creator", kDcNs, "dc") && item.author.empty()) {
      item.author = collapse_whitespace(content_of(c));
    } else if (is_rss(c, "description")) {
      description = content_of(c);
    } else if (is_ext(c, "encoded", kContentNs, "content")) {
      encoded = content_of(c);
    }
  }
  if (item.link.empty() && !about.empty()) item.link = ctx.links.resolve(about, el);
  if (item.link.empty() && guid_is_permalink && looks_like_url(guid)) item.link = ctx.links.resolve(guid, el);
  item.id = guid.empty() ? about : guid;
  item.summary = html_to_text(description);
  if (item.summary.empty()) item.summary = html_to_text(encoded);
  finish_item(ctx, std::move(item), index);
}

void parse_rss_channel(const Context& ctx, const xmlNode* channel) {
  for (const xmlNode* c = channel->children; c != nullptr; c = c->next) {
    if (is_rss(c, "title") && ctx.feed.title.empty()) {
      ctx.feed.title = html_to_text(content_of(c));
    } else if (is_rss(c, "link") && ctx.feed.link.empty()) {
      ctx.feed.link = ctx.links.resolve(content_of(c), c);
    } else if (is_rss(c, "ttl")) {
      const std::string text = collapse_whitespace(content_of(c));
      int minutes = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), minutes);
      if (ec == std::errc() && end == text.data() + text.size() && minutes >= 0) {
        ctx.feed.ttl_minutes = minutes;
      } else {
        ctx.feed.warnings.push_back("feed: bad <ttl> \"" + text + "\"");
      }
    }
  }
}

// RSS 2.0 / 0.9x: <rss><channel>…<item>…</item></channel></rss>. RSS 1.0: <rdf:RDF><channel/><item/>…</rdf:RDF>.
void parse_rss(const Context& ctx, const xmlNode* root, bool rdf) {
  ctx.feed.kind = "rss";
  const xmlNode* channel = first_child(root, [](const xmlNode* n) { return is_rss(n, "channel"); });
  if (channel != nullptr) parse_rss_channel(ctx, channel);
  std::size_t index = 0;
  const xmlNode* item_parent = rdf ? root : channel;
  if (item_parent == nullptr) return;
  for (const xmlNode* c = item_parent->children; c != nullptr; c = c->next) {
    if (is_rss(c, "item")) parse_rss_item(ctx, c, index++);
  }
  // Some generators put items beside the channel even in RSS 2.0.
  if (!rdf && index == 0) {
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (is_rss(c, "item")) parse_rss_item(ctx, c, index++);
    }
  }
}

// Atom text constructs (RFC 4287 section 3.1): type text, html or xhtml.
std::string atom_text(const xmlNode* el) {
  const std::string type = attr(el, "type");
  if (type == "html" || type == "text/html" || type == "xhtml" || type == "application/xhtml+xml") {
    if (type == "xhtml" || type == "application/xhtml+xml") {
      std::string text;
      for (const xmlNode* c = el->children; c != nullptr; c = c->next) text += " " + content_of(c);
      return collapse_whitespace(text);
    }
    return html_to_text(content_of(el));
  }
  return collapse_whitespace(content_of(el));
}

std::string atom_alternate_link(const Context& ctx, const xmlNode* parent) {
  const xmlNode* fallback = nullptr;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!is_atom(c, "link")) continue;
    const std::string rel = attr(c, "rel");
    if (rel.empty() || rel == "alternate") return ctx.links.resolve(attr(c, "href"), c);
    if (fallback == nullptr && rel != "self" && rel != "replies" && rel != "edit" && rel != "enclosure") fallback = c;
  }
  return fallback ? ctx.links.resolve(attr(fallback, "href"), fallback) : std::string();
}

std::string atom_author(const xmlNode* parent) {
  const xmlNode* author = first_child(parent, [](const xmlNode* n) { return is_atom(n, "author"); });
  if (author == nullptr) return {};
  const xmlNode* name = first_child(author, [](const xmlNode* n) { return is_atom(n, "name"); });
  return collapse_whitespace(content_of(name ? name : author));
}

void parse_atom_entry(const Context& ctx, const xmlNode* el, const std::string& feed_author, std::size_t index) {
  FeedItem item;
  std::string summary;
  std::string content;
  for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
    if (is_atom(c, "title")) {
      item.title = atom_text(c);
    } else if (is_atom(c, "id")) {
      item.id = collapse_whitespace(content_of(c));
    } else if (is_atom(c, "published") || is_atom(c, "issued")) {
      read_date(ctx, c, item.published, &item.published_raw, index);
    } else if (is_atom(c, "updated") || is_atom(c, "modified")) {
      read_date(ctx, c, item.updated, nullptr, index);
    } else if (is_atom(c, "summary")) {
      summary = atom_text(c);
    } else if (is_atom(c, "content")) {
      content = atom_text(c);
    }
  }
  item.link = atom_alternate_link(ctx, el);
  if (item.link.empty() && looks_like_url(item.id)) item.link = item.id;
  item.author = atom_author(el);
  if (item.author.empty()) item.author = feed_author;
  item.summary = summary.empty() ? content : summary;
  finish_item(ctx, std::move(item), index);
}

void parse_atom(const Context& ctx, const xmlNode* root) {
  ctx.feed.kind = "atom";
  const xmlNode* title = first_child(root, [](const xmlNode* n) { return is_atom(n, "title"); });
  if (title != nullptr) ctx.feed.title = atom_text(title);
  ctx.feed.link = atom_alternate_link(ctx, root);
  const std::string feed_author = atom_author(root);
  std::size_t index = 0;
  for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (is_atom(c, "entry")) parse_atom_entry(ctx, c, feed_author, index++);
  }
}

// The date that says when the feed was written: the reference for dates without a year.
std::string channel_date(const xmlNode* root) {
  const xmlNode* scope = root;
  if (const xmlNode* ch = first_child(root, [](const xmlNode* n) { return is_rss(n, "channel"); })) scope = ch;
  for (const xmlNode* c = scope->children; c != nullptr; c = c->next) {
    if (is_rss(c, "lastBuildDate") || is_rss(c, "pubDate") || is_atom(c, "updated") ||
        is_ext(c, "date", kDcNs, "dc")) {
      return collapse_whitespace(content_of(c));
    }
  }
  return {};
}

bool is_utf16_or_32(std::string_view bytes, std::string_view charset) {
  std::string cs(charset);
  for (char& c : cs) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (cs.rfind("UTF-16", 0) == 0 || cs.rfind("UTF-32", 0) == 0 || cs.rfind("UCS", 0) == 0) return true;
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return true;
  }
  return bytes.size() >= 2 && (bytes[0] == '\0' || bytes[1] == '\0');
}

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
  const std::string charset = feed_detail::charset_from_content_type(content_type);
  const bool wide = is_utf16_or_32(bytes, charset);
  if (!wide) {
    const char first = first_significant_byte(bytes);
    if (first == '\0') return fail(Errc::kInvalidInput, "feed: empty document", std::string(url));
    if (first != '<') return fail(Errc::kInvalidInput, "feed: not XML (does not start with '<')", std::string(url));
  }
  const std::string prepared = wide ? std::string(bytes) : feed_detail::escape_stray_ampersands(bytes);
  const std::string url_z(url);
  constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
                           XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
  XmlDoc doc(xmlReadMemory(prepared.data(), static_cast<int>(prepared.size()), url_z.empty() ? nullptr : url_z.c_str(),
                           charset.empty() ? nullptr : charset.c_str(), kOptions));
  if (!doc && !charset.empty()) {  // a charset libxml2 does not know: let the document decide
    doc.reset(xmlReadMemory(prepared.data(), static_cast<int>(prepared.size()),
                            url_z.empty() ? nullptr : url_z.c_str(), nullptr, kOptions));
  }
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) return fail(Errc::kInvalidInput, "feed: not XML (no root element)", std::string(url));

  Feed feed;
  const LinkResolver links(url);
  DateReader dates(timezone, now);
  dates.set_reference_if_unset(channel_date(root));
  const Context ctx{links, dates, feed};
  const std::string_view root_name = sv(root->name);
  if (root_name == "rss" && ns_of(root).empty()) {
    parse_rss(ctx, root, false);
  } else if (root_name == "RDF" && (ns_of(root) == kRdfNs || prefix_of(root) == "rdf")) {
    parse_rss(ctx, root, true);
  } else if (root_name == "feed" && (ns_of(root) == kAtom10Ns || ns_of(root) == kAtom03Ns || ns_of(root).empty())) {
    parse_atom(ctx, root);
  } else {
    return fail(Errc::kInvalidInput, "feed: not a feed (root element <" + std::string(root_name) + ">)",
                std::string(url));
  }
  return feed;
}

}  // namespace akhbar::parsers
