// parsers/feed/feed.cc: parse_feed(): the RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 readers over
// libxml2's tree, and the order of the steps. The bytes to UTF-8 are feed_charset.cc; libxml2 and
// where the document starts, feed_xml.cc; element names, text and xml:base, feed_tree.cc.
// Sitemaps, JSON Feed and gzip are in sitemap.cc, json_feed.cc and gzip.cc (feed_formats.h); the
// scanner for documents that recovery could not save is feed_scan.cc; text helpers are feed_text.cc.
#include "parsers/feed/feed.h"

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libxml/tree.h>

#include "parsers/feed/feed_formats.h"
#include "parsers/feed/feed_internal.h"
#include "parsers/feed/feed_scan.h"
#include "parsers/feed/feed_text.h"
#include "parsers/feed/feed_tree.h"
#include "parsers/feed/xml_handles.h"

namespace akhbar::parsers {
namespace {

using namespace feed_detail;

bool looks_like_url(std::string_view s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

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
  v = trim_controls(v);
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
  const std::string type = ascii::to_lower(trim_controls(text_.attr(el, "type")));
  const std::string mode = ascii::to_lower(trim_controls(text_.attr(el, "mode")));
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
    const std::string rel = ascii::to_lower(trim_controls(text_.attr(c, "rel")));
    const std::string type = ascii::to_lower(trim_controls(text_.attr(c, "type")));
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
  if (trim_controls(href).empty()) href = collapse_whitespace(text_.text(link));
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
        guid_is_permalink = ascii::to_lower(trim_controls(text_.attr(c, "isPermaLink"))) != "false";
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
    const std::string t = ascii::to_lower(trim_controls(type));
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
  const bool sitemap_hint = hint.ends_with("urlset") || hint.ends_with("sitemapindex");
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
    const bool rss_hint = hint == "rss" || hint.ends_with("RDF");
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
                     : ns == kAtom03Ns || trim_controls(tree_text.attr(root, "version")) == "0.3" ? "atom03"
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
