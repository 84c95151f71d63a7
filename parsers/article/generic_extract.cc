#include "parsers/article/generic_extract.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/html/html_dom.h"
#include "util/ascii.h"

namespace akhbar::parsers::html {
namespace {

// A boilerplate-looking element holding this share of the page's text, with little of it linked,
// is a page-wide wrapper (ASP.NET <form>, "has-sidebar" layout divs) and is kept.
constexpr double kWrapperTextShare = 0.4;
constexpr double kWrapperMaxLinkDensity = 0.3;
// Whatever its links, an element holding this share of the page's text is the page itself
// (ASP.NET wraps every page in one <form>).
constexpr double kPageWrapperShare = 0.8;
// Readability's thresholds: blocks under 25 characters do not count as paragraphs; siblings join
// the best container when they score at least 20% of it (and at least 10).
constexpr std::size_t kMinParagraphChars = 25;
constexpr double kSiblingShare = 0.2;
constexpr double kMinSiblingScore = 10.0;
// A sibling <p> of the container joins when it is a real sentence block with few links; a scored
// sibling block needs as much prose, so that its class hint alone ("article__summary",
// "article__heading": +25) cannot bring in a one-line standfirst or the headline's wrapper.
constexpr std::size_t kSiblingParagraphChars = 80;
constexpr double kSiblingParagraphLinkDensity = 0.25;
// A container whose text is more than this share linked headlines is a listing or a teaser.
constexpr double kMaxHeadlineLinkShare = 0.2;
// Class/id hints, as in readability.
constexpr double kHintWeight = 25.0;
// Paragraphs split over many sibling wrappers (React/Next.js text-block divs, one <p> per <div>):
// when the best block's parent holds at least this multiple of its prose, the parent is the body.
constexpr double kClimbProseFactor = 1.8;
constexpr double kClimbMaxLinkDensity = 0.3;
constexpr double kWrapperProseFactor = 1.1;
// [itemprop=articleBody] is taken when it holds at least this share of the best block's prose.
constexpr double kMicrodataProseShare = 0.7;

xmlNode* body_of(xmlDoc* doc) {
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return nullptr;
  for (xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (is_element(c, "body")) return c;
  }
  return root;
}

struct Totals {
  std::size_t text = 0;
  std::size_t link = 0;
  bool holds_main = false;  // a <main> inside: the page's frame ("l-wrapper gate-ad"), not boilerplate
};

bool is_boilerplate_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kTags = {"nav",  "header", "footer", "aside",
                                                            "form", "menu",   "dialog", "figcaption"};
  return std::find(kTags.begin(), kTags.end(), name) != kTags.end();
}

// React/Next.js templates (BBC's data-component="image-block", "links-block", "topic-list", ...):
// the component name says what a block is when its class is a hash.
bool negative_component(const xmlNode* n) {
  static constexpr std::array<std::string_view, 9> kParts = {
      "image", "links", "topic", "byline", "related", "timestamp", "media", "video", "caption"};
  const std::string_view c = attr_view(n, "data-component");
  if (c.empty()) return false;
  if (c == "ad" || c == "ads" || c.starts_with("ad-") || c.starts_with("ad_")) return true;
  for (std::string_view p : kParts) {
    if (c.find(p) != std::string_view::npos) return true;
  }
  return false;
}

bool is_hidden(const xmlNode* n) {
  if (has_attr(n, "hidden")) return true;
  const std::string_view style_value = attr_view(n, "style");
  if (style_value.empty()) return false;
  std::string style(style_value);
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  ascii::lower_in_place(style);
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// A class token with "sidebar" names a sidebar, except the layout modifiers that themes put on
// the page's main column ("container sidebar-left", "has-sidebar", "no-sidebar").
bool names_a_sidebar(std::string_view ci) {
  static constexpr std::array<std::string_view, 9> kLayout = {
      "sidebar-left", "sidebar-right", "left-sidebar", "right-sidebar", "has-sidebar",
      "with-sidebar", "no-sidebar",    "sidebar-none", "full-width-sidebar"};
  return any_token(ci, [&](std::string_view token) {
    return token.find("sidebar") != std::string_view::npos &&
           std::find(kLayout.begin(), kLayout.end(), token) == kLayout.end();
  });
}

// Blocks that show media rather than prose: photo galleries and sliders (their title, "ألبوم
// الصور", and captions), pull quotes repeating a sentence of the text, embedded social posts.
// Matched per class token; WordPress's post classes ("format-gallery", "category-gallery") name
// the article itself and are skipped.
bool names_a_media_block(std::string_view ci) {
  static constexpr std::array<std::string_view, 9> kParts = {
      "gallery", "slider", "carousel", "slideshow", "pullquote", "pull-quote", "twitter-tweet", "instagram-media",
      "tiktok-embed"};
  static constexpr std::array<std::string_view, 5> kPostClasses = {"format-", "type-", "category-", "tag-",
                                                                   "post-format-"};
  // Most elements name none of these: one look at the whole string first, tokens only then.
  if (ci.find("embed") == std::string_view::npos &&
      std::none_of(kParts.begin(), kParts.end(), [&](std::string_view p) { return ci.find(p) != std::string_view::npos; })) {
    return false;
  }
  return any_token(ci, [&](std::string_view token) {
    if (std::any_of(kPostClasses.begin(), kPostClasses.end(), [&](std::string_view p) { return token.starts_with(p); })) {
      return false;
    }
    if (has_token(token, "embed")) return true;  // "article__embed", "embed-container"
    return std::any_of(kParts.begin(), kParts.end(), [&](std::string_view p) { return token.find(p) != std::string_view::npos; });
  });
}

bool negative_hint(std::string_view ci) {
  if (names_a_media_block(ci)) return true;
  static constexpr std::array<std::string_view, 16> kParts = {
      "share", "social", "comment", "related", "sidebar", "advert", "newsletter",
      "breadcrumb", "widget", "disqus", "popup", "cookie", "subscribe", "caption", "photo-credit",
      "image-credit"};
  static constexpr std::array<std::string_view, 10> kTokens = {"ad",   "ads",  "nav",   "navbar", "menu",
                                                               "footer", "tags", "print", "modal", "banner"};
  for (std::string_view p : kParts) {
    if (p == "sidebar" ? names_a_sidebar(ci) : ci.find(p) != std::string_view::npos) return true;
  }
  for (std::string_view t : kTokens) {
    if (has_token(ci, t)) return true;
  }
  return false;
}

double class_weight(const xmlNode* n) {
  static constexpr std::array<std::string_view, 14> kPositive = {
      "article", "body",  "content", "entry",   "hentry", "main",   "page",
      "post",    "text",  "blog",    "story",   "detail", "matn",   "news-body"};
  static constexpr std::array<std::string_view, 21> kNegative = {
      "hidden",  "banner", "combx",  "comment", "contact", "foot",     "masthead", "meta",
      "outbrain", "promo", "related", "scroll", "share",    "shoutbox", "sidebar",
      "sponsor", "tags",   "widget", "social",  "menu",    "newsletter"};
  const std::string ci = class_and_id(n);
  if (ci.size() <= 1) return 0.0;
  double w = 0.0;
  for (std::string_view p : kPositive) {
    if (ci.find(p) != std::string::npos) {
      w += kHintWeight;
      break;
    }
  }
  // "media" only as a whole token ("article__media", "media-box"): as a substring it also names
  // the text itself ("js-mediator-article", a mediation script's hook on the body container).
  bool negative = has_token(ci, "media");
  for (std::string_view p : kNegative) {
    if (negative) break;
    negative = ci.find(p) != std::string::npos;
  }
  return negative ? w - kHintWeight : w;
}

double tag_weight(std::string_view name) {
  if (name == "article") return 10.0;
  if (name == "div" || name == "main" || name == "section") return 5.0;
  if (name == "pre" || name == "td" || name == "blockquote") return 3.0;
  if (name == "ol" || name == "ul" || name == "dl" || name == "dd" || name == "dt" || name == "li") return -3.0;
  if (name.size() == 2 && name[0] == 'h') return -5.0;
  return 0.0;
}

bool paragraph_like(std::string_view name) {
  return name == "p" || name == "pre" || name == "blockquote" || name == "li" || name == "dd" ||
         (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
}

std::size_t count_commas(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    // U+060C ARABIC COMMA is D8 8C.
    if (static_cast<unsigned char>(s[i]) == 0xD8 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x8C) ++n;
  }
  return n;
}

struct Stats {
  const xmlNode* node = nullptr;
  std::size_t total = 0;
  std::size_t link = 0;
  std::size_t own = 0;
  std::size_t own_link = 0;
  std::size_t commas = 0;
  std::size_t headline_link = 0;
  std::size_t brs = 0;  // <br> directly in its inline content: text split by <br><br> is several paragraphs
  std::size_t prose = 0;  // own text of the paragraph blocks inside it (itself included)
  double score = 0.0;
  double final_score = -1.0;
  bool scored = false;
};

// Per-element statistics, indexed through xmlNode::_private (libxml2's application slot), so each
// lookup is O(1). The slot is cleared again in the destructor.
class Scorer {
 public:
  explicit Scorer(xmlNode* body) : body_(body) {}
  Scorer(const Scorer&) = delete;
  Scorer& operator=(const Scorer&) = delete;
  ~Scorer() {
    for (const Stats& s : stats_) const_cast<xmlNode*>(s.node)->_private = nullptr;
  }

  const Stats* stats_of(const xmlNode* n) const {
    if (n == nullptr || n->type != XML_ELEMENT_NODE || n->_private == nullptr) return nullptr;
    return &stats_[reinterpret_cast<std::uintptr_t>(n->_private) - 1];
  }

  Stats* stats(const xmlNode* n) {
    if (n == nullptr || n->type != XML_ELEMENT_NODE || n->_private == nullptr) return nullptr;
    return &stats_[reinterpret_cast<std::uintptr_t>(n->_private) - 1];
  }

  void measure() {
    xmlNode* n = body_;
    while (n != nullptr) {
      bool skip = false;
      if (n->type == XML_ELEMENT_NODE) {
        const std::string_view name = name_of(n);
        skip = is_non_content(name);
        if (!skip) {
          stats_.push_back(Stats{n});
          n->_private = reinterpret_cast<void*>(static_cast<std::uintptr_t>(stats_.size()));
          if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '4') headline(n);
          if (microdata_body_ == nullptr && has_attr(n, "itemprop") && has_token(attr(n, "itemprop"), "articleBody")) {
            microdata_body_ = n;
          }
          if (name == "br") {
            if (Stats* owner = owner_of(n); owner != nullptr) ++owner->brs;
          }
        }
      } else if (n->type == XML_TEXT_NODE && n->content != nullptr) {
        text(n);
      }
      n = next_in_tree(n, body_, skip || n->type != XML_ELEMENT_NODE);
    }
  }

  void score() {
    for (std::size_t i = 0; i < stats_.size(); ++i) {
      const Stats& s = stats_[i];
      if (s.own < kMinParagraphChars || s.own_link * 2 >= s.own) continue;
      for (const xmlNode* a = s.node; a != nullptr && a != body_->parent; a = a->parent) {
        if (Stats* up = stats(a); up != nullptr) up->prose += s.own;
      }
      // Readability's paragraph score (1 + commas + up to 3 for length), counted once per
      // <br><br>-separated paragraph.
      const auto paragraphs = static_cast<double>(std::max<std::size_t>(1, s.brs / 2));
      const double c = paragraphs + static_cast<double>(s.commas) +
                       std::min(static_cast<double>(s.own / 100), 3.0 * paragraphs);
      const xmlNode* first = paragraph_like(name_of(s.node)) ? s.node->parent : s.node;
      credit(first, c);
      if (first != nullptr && first != body_) credit(first->parent, c / 2.0);
    }
    for (Stats& s : stats_) {
      if (!s.scored || s.total == 0) continue;
      if (static_cast<double>(s.headline_link) > kMaxHeadlineLinkShare * static_cast<double>(s.total)) continue;
      const double density = static_cast<double>(s.link) / static_cast<double>(s.total);
      s.final_score = (s.score + class_weight(s.node) + tag_weight(name_of(s.node))) * (1.0 - density);
    }
  }

  // The first [itemprop~=articleBody] (schema.org microdata), or nullptr.
  const Stats* microdata_body() const { return microdata_body_ == nullptr ? nullptr : stats_of(microdata_body_); }

  // The best-scored block, or with rank k the k-th after it; nullptr when there are fewer.
  const Stats* best(std::size_t rank = 0) const {
    if (rank == 0) {
      const Stats* top = nullptr;
      for (const Stats& s : stats_) {
        if (s.final_score > 0 && (top == nullptr || s.final_score > top->final_score)) top = &s;
      }
      return top;
    }
    std::vector<const Stats*> ranked;
    for (const Stats& s : stats_) {
      if (s.final_score > 0) ranked.push_back(&s);
    }
    if (ranked.size() <= rank) return nullptr;
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(rank) + 1, ranked.end(),
                      [](const Stats* a, const Stats* b) { return a->final_score > b->final_score; });
    return ranked[rank];
  }

 private:
  void credit(const xmlNode* n, double v) {
    if (Stats* s = stats(n); s != nullptr) {
      s->score += v;
      s->scored = true;
    }
  }

  Stats* owner_of(const xmlNode* n) {
    for (const xmlNode* a = n->parent; a != nullptr && a != body_->parent; a = a->parent) {
      if (is_block_element(name_of(a)) || a == body_) return stats(a);
    }
    return nullptr;
  }

  void text(const xmlNode* t) {
    const std::size_t len = text_length(t);
    if (len == 0) return;
    bool in_link = false;
    for (const xmlNode* a = t->parent; a != nullptr && a != body_->parent; a = a->parent) {
      if (is_element(a, "a")) {
        in_link = true;
        break;
      }
    }
    Stats* owner = nullptr;
    for (const xmlNode* a = t->parent; a != nullptr && a != body_->parent; a = a->parent) {
      Stats* s = stats(a);
      if (s == nullptr) continue;
      s->total += len;
      if (in_link) s->link += len;
      if (owner == nullptr && (is_block_element(name_of(a)) || a == body_)) owner = s;
    }
    if (owner != nullptr) {
      owner->own += len;
      if (in_link) owner->own_link += len;
      owner->commas += count_commas(reinterpret_cast<const char*>(t->content));
    }
  }

  void headline(const xmlNode* h) {
    bool linked = false;
    for (const xmlNode* a = h->parent; a != nullptr && !linked; a = a->parent) linked = is_element(a, "a");
    for (const xmlNode* d = h->children; d != nullptr && !linked; d = next_in_tree(const_cast<xmlNode*>(d), h)) {
      linked = is_element(d, "a");
    }
    if (!linked) return;
    const std::size_t len = visible_length(text_of(h));
    for (const xmlNode* a = h; a != nullptr && a != body_->parent; a = a->parent) {
      if (Stats* s = stats(a); s != nullptr) s->headline_link += len;
    }
  }

  xmlNode* body_;
  const xmlNode* microdata_body_ = nullptr;
  std::vector<Stats> stats_;
};

}  // namespace

// Totals of every element under `n` (and of `n`), bottom-up in one walk: element->_private is its
// index + 1 in `all`, its node in `nodes`. html::parse nests at most 256 deep; past 512 (a tree
// from elsewhere) nothing more is indexed, and such an element counts as holding no text.
Totals index_totals(xmlNode* n, std::vector<Totals>& all, std::vector<xmlNode*>& nodes, int depth) {
  Totals t;
  if (depth > 512) return t;
  for (xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content != nullptr) {
      t.text += text_length(c);
    } else if (c->type == XML_ELEMENT_NODE && !is_non_content(name_of(c))) {
      const Totals ct = index_totals(c, all, nodes, depth + 1);
      t.text += ct.text;
      t.link += ct.link;
      t.holds_main = t.holds_main || ct.holds_main || name_of(c) == "main";
    }
  }
  if (name_of(n) == "a") t.link = t.text;
  all.push_back(t);
  nodes.push_back(n);
  n->_private = reinterpret_cast<void*>(static_cast<std::uintptr_t>(all.size()));
  return t;
}

namespace {

// The walk's vectors, kept per thread from page to page: on a real page they reach tens of KB, and
// allocating and freeing that much each time makes glibc consolidate its heap. Past kKeptEntries
// (a page of that many elements is rare) they are given back.
struct PruneScratch {
  std::vector<Totals> all;
  std::vector<xmlNode*> indexed;
  std::vector<xmlNode*> doomed;
};
constexpr std::size_t kKeptEntries = 1 << 15;

class ScratchLease {
 public:
  ScratchLease() : s_(slot()) {
    s_.all.clear();
    s_.indexed.clear();
    s_.doomed.clear();
  }
  ~ScratchLease() {
    if (s_.all.capacity() > kKeptEntries) s_.all = {};
    if (s_.indexed.capacity() > kKeptEntries) s_.indexed = {};
    if (s_.doomed.capacity() > kKeptEntries) s_.doomed = {};
  }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  PruneScratch& operator*() { return s_; }

 private:
  static PruneScratch& slot() {
    thread_local PruneScratch s;
    return s;
  }
  PruneScratch& s_;
};

}  // namespace

void prune_boilerplate(xmlDoc* doc) {
  xmlNode* body = body_of(doc);
  if (body == nullptr) return;
  ScratchLease lease;
  std::vector<Totals>& all = (*lease).all;
  std::vector<xmlNode*>& indexed = (*lease).indexed;
  const std::size_t page_text = index_totals(body, all, indexed, 0).text;
  auto totals = [&](const xmlNode* n) {
    return n->_private != nullptr ? all[reinterpret_cast<std::uintptr_t>(n->_private) - 1] : Totals{};
  };
  std::vector<xmlNode*>& doomed = (*lease).doomed;
  xmlNode* n = body->children;
  while (n != nullptr) {
    bool remove = false;
    if (n->type == XML_COMMENT_NODE) {
      remove = true;
    } else if (n->type == XML_ELEMENT_NODE) {
      const std::string_view name = name_of(n);
      if (is_non_content(name) || is_hidden(n)) {
        remove = true;
      } else if (name != "main" &&
                 (is_boilerplate_tag(name) || negative_hint(class_and_id(n)) || negative_component(n))) {
        const Totals t = totals(n);
        const auto share = static_cast<double>(t.text) / static_cast<double>(std::max<std::size_t>(page_text, 1));
        const bool wrapper = t.holds_main || share >= kPageWrapperShare ||
                             (share >= kWrapperTextShare &&
                              static_cast<double>(t.link) < kWrapperMaxLinkDensity * static_cast<double>(t.text));
        remove = !wrapper;
      }
    }
    if (remove) doomed.push_back(n);
    n = next_in_tree(n, body, remove || n->type != XML_ELEMENT_NODE);
  }
  for (xmlNode* i : indexed) i->_private = nullptr;  // the scorer's slot from here on
  for (xmlNode* d : doomed) {
    xmlUnlinkNode(d);
    xmlFreeNode(d);
  }
}

std::vector<const xmlNode*> find_body_nodes(xmlDoc* doc, std::size_t rank) {
  std::vector<const xmlNode*> out;
  xmlNode* body = body_of(doc);
  if (body == nullptr) return out;
  Scorer scorer(body);
  scorer.measure();
  scorer.score();
  const Stats* top = scorer.best(rank);
  if (top == nullptr) return out;
  // Climb from one wrapper of a run of sibling text blocks to the container of the run; wrappers
  // that add no prose (a block's own <div>) are passed through.
  for (const xmlNode* p = top->node->parent; p != nullptr && p != body; p = p->parent) {
    const Stats* up = scorer.stats(p);
    if (up == nullptr || up->total == 0) break;
    if (static_cast<double>(up->link) > kClimbMaxLinkDensity * static_cast<double>(up->total)) break;
    if (static_cast<double>(up->headline_link) > kMaxHeadlineLinkShare * static_cast<double>(up->total)) break;
    if (class_weight(p) < 0) break;
    const auto ratio = static_cast<double>(up->prose) / static_cast<double>(std::max<std::size_t>(top->prose, 1));
    if (ratio >= kClimbProseFactor) {
      top = up;
    } else if (ratio > kWrapperProseFactor) {
      break;
    }
  }
  // A page's own microdata body, inside the best block or elsewhere, wins when it holds most of
  // the prose the scoring found (a best block inside it is the tighter one and stays).
  bool inside_microdata = false;
  if (const Stats* md = scorer.microdata_body(); md != nullptr) {
    for (const xmlNode* a = top->node; a != nullptr && !inside_microdata; a = a->parent) inside_microdata = a == md->node;
  }
  if (const Stats* md = scorer.microdata_body(); md != nullptr && !inside_microdata &&
      static_cast<double>(md->prose) >= kMicrodataProseShare * static_cast<double>(top->prose) &&
      static_cast<double>(md->link) <= kClimbMaxLinkDensity * static_cast<double>(md->total)) {
    top = md;
  }
  const xmlNode* parent = top->node->parent;
  if (top->node == body || parent == nullptr) {
    out.push_back(top->node);
    return out;
  }
  const double threshold = std::max(kMinSiblingScore, top->final_score * kSiblingShare);
  for (const xmlNode* sib = parent->children; sib != nullptr; sib = sib->next) {
    if (sib == top->node) {
      out.push_back(sib);
      continue;
    }
    const Stats* s = scorer.stats(sib);
    if (s == nullptr) continue;
    if (s->final_score >= threshold && s->prose >= kSiblingParagraphChars && class_weight(sib) >= 0) {
      out.push_back(sib);
    } else if (is_element(sib, "p") && s->own >= kSiblingParagraphChars &&
               static_cast<double>(s->own_link) < kSiblingParagraphLinkDensity * static_cast<double>(s->own)) {
      out.push_back(sib);
    }
  }
  return out;
}

}  // namespace akhbar::parsers::html
