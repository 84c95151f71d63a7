#include "parsers/html/tree_builder.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <libxml/HTMLtree.h>
#include <libxml/dict.h>
#include <libxml/parserInternals.h>  // xmlStringText, the name every text node shares

#include "parsers/html/char_ref.h"
#include "util/ascii.h"
#include "util/free_with.h"

namespace akhbar::parsers::html {
namespace {

// An element's kind, for what a start tag closes: a new element closes the current one as long as
// the current one's kind is in the new one's `closes` (libxml2's htmlStartClose table).
enum Kind : std::uint32_t {
  kP = 1U << 0,
  kLi = 1U << 1,
  kDt = 1U << 2,
  kDd = 1U << 3,
  kOption = 1U << 4,
  kHeading = 1U << 5,
  kA = 1U << 6,
  kCell = 1U << 7,
  kTr = 1U << 8,
  kThead = 1U << 9,
  kTbody = 1U << 10,
  kCaption = 1U << 11,
  kCol = 1U << 12,
  kPhrase = 1U << 13,  // span font b i u: a table cell closes them
  kFont = 1U << 14,    // font b i: <center> closes them
  kForm = 1U << 15,
  kPre = 1U << 16,
  kList = 1U << 17,
  kDl = 1U << 18,
  kAddress = 1U << 19,
};

enum class Content : std::uint8_t {
  kElements,  // ordinary markup
  kVoid,      // no content, no end tag
  kRaw,       // script, style: text up to "</name", not parsed
  kText,      // title, textarea: text up to "</name", references decoded
};

struct Tag {
  std::uint32_t kind = 0;
  std::uint32_t closes = 0;
  std::uint8_t priority = 100;  // an end tag does not close past an element of higher priority
  Content content = Content::kElements;
  bool block = false;  // whitespace beside it is not text
  bool head = false;   // goes in <head> when the body has not begun
};

struct Entry {
  std::string_view name;
  Tag tag;
};

constexpr std::uint32_t kHeadingCloses = kP | kHeading;
constexpr std::uint32_t kListCloses = kP | kAddress | kPre;
constexpr std::uint8_t kDefault = 100;

constexpr Tag block(std::uint32_t kind = 0, std::uint32_t closes = 0, std::uint8_t priority = kDefault) {
  return Tag{kind, closes, priority, Content::kElements, true, false};
}
constexpr Tag phrase(std::uint32_t kind, std::uint32_t closes = 0) {
  return Tag{kind, closes, kDefault, Content::kElements, false, false};
}
constexpr Tag empty(bool is_block = false, bool head = false, std::uint32_t closes = 0) {
  return Tag{0, closes, kDefault, Content::kVoid, is_block, head};
}
constexpr Tag text_only(Content content, bool head) { return Tag{0, 0, kDefault, content, false, head}; }

constexpr std::array kTags = {
    Entry{"p", block(kP, kP)},
    Entry{"div", block(0, kP, 150)},
    Entry{"blockquote", block(0, kP)},
    Entry{"address", block(kAddress, kP)},
    Entry{"center", block(0, kP | kFont)},
    Entry{"fieldset", block(0, kP | kHeading | kPre | kA)},
    Entry{"caption", block(kCaption, kP)},
    Entry{"pre", block(kPre, kP)},
    Entry{"listing", block(kPre, kP)},
    Entry{"xmp", block(kPre, kP)},
    Entry{"h1", block(kHeading, kHeadingCloses)},
    Entry{"h2", block(kHeading, kHeadingCloses)},
    Entry{"h3", block(kHeading, kHeadingCloses)},
    Entry{"h4", block(kHeading, kHeadingCloses)},
    Entry{"h5", block(kHeading, kHeadingCloses)},
    Entry{"h6", block(kHeading, kHeadingCloses)},
    Entry{"ul", block(kList, kListCloses)},
    Entry{"ol", block(kList, kListCloses)},
    Entry{"menu", block(kList, kListCloses)},
    Entry{"dir", block(kList, kListCloses)},
    Entry{"li", block(kLi, kP | kHeading | kDl | kAddress | kPre | kLi)},
    Entry{"dl", block(kDl, kP | kDt | kAddress | kPre)},
    Entry{"dt", block(kDt, kP | kAddress | kPre | kDd)},
    Entry{"dd", block(kDd, kP | kAddress | kPre | kDt)},
    Entry{"form", block(kForm, kForm | kP | kHeading | kDl | kList | kAddress | kPre)},
    Entry{"table", block(0, kP | kHeading | kPre | kA, 190)},
    Entry{"td", block(kCell, kCell | kP | kPhrase | kA, 160)},
    Entry{"th", block(kCell, kCell | kP | kPhrase | kA, 160)},
    Entry{"tr", block(kTr, kCell | kTr | kCaption | kCol | kP, 170)},
    Entry{"thead", block(kThead, kCaption | kCol, 180)},
    Entry{"tbody", block(kTbody, kCell | kTr | kCaption | kCol | kThead | kTbody | kP, 180)},
    Entry{"tfoot", block(kTbody, kCell | kTr | kCaption | kCol | kThead | kTbody | kP, 180)},
    Entry{"colgroup", block(kCol, kCaption | kCol | kP)},
    Entry{"col", Tag{kCol, kCaption | kCol | kP, kDefault, Content::kVoid, true, false}},
    Entry{"html", block(0, 0, 220)},
    Entry{"head", block(0, 0, 200)},
    Entry{"body", block(0, 0, 200)},
    Entry{"section", block()},
    Entry{"article", block()},
    Entry{"main", block()},
    Entry{"header", block()},
    Entry{"footer", block()},
    Entry{"aside", block()},
    Entry{"nav", block()},
    Entry{"figure", block()},
    Entry{"figcaption", block()},
    Entry{"details", block()},
    Entry{"summary", block()},
    Entry{"a", phrase(kA, kA)},
    Entry{"span", phrase(kPhrase)},
    Entry{"font", phrase(kPhrase | kFont)},
    Entry{"b", phrase(kPhrase | kFont)},
    Entry{"i", phrase(kPhrase | kFont)},
    Entry{"u", phrase(kPhrase)},
    Entry{"option", phrase(kOption, kOption)},
    Entry{"optgroup", phrase(0, kOption)},
    Entry{"hr", empty(true, false, kP)},
    Entry{"br", empty()},
    Entry{"img", empty()},
    Entry{"input", empty()},
    Entry{"wbr", empty()},
    Entry{"area", empty()},
    Entry{"embed", empty()},
    Entry{"param", empty()},
    Entry{"source", empty()},
    Entry{"track", empty()},
    Entry{"keygen", empty()},
    Entry{"isindex", empty()},
    Entry{"basefont", empty()},
    Entry{"frame", empty()},
    Entry{"noscript", Tag{0, 0, kDefault, Content::kElements, false, true}},
    Entry{"meta", empty(false, true)},
    Entry{"link", empty(false, true)},
    Entry{"base", empty(false, true)},
    Entry{"script", text_only(Content::kRaw, true)},
    Entry{"style", text_only(Content::kRaw, true)},
    Entry{"title", text_only(Content::kText, true)},
    Entry{"textarea", text_only(Content::kText, false)},
};

// kTags in an open-addressing table keyed by length and first and last letters: a lookup is a
// hash, usually one comparison, and no call.
class TagIndex {
 public:
  TagIndex() {
    slots_.fill(kEmpty);
    for (std::size_t i = 0; i < kTags.size(); ++i) {
      std::size_t h = hash(kTags[i].name);
      while (slots_[h] != kEmpty) h = (h + 1) & kMask;
      slots_[h] = static_cast<std::uint8_t>(i);
    }
  }
  const Tag& find(std::string_view name) const {
    if (name.empty()) return unknown_;
    for (std::size_t h = hash(name);; h = (h + 1) & kMask) {
      const std::uint8_t i = slots_[h];
      if (i == kEmpty) return unknown_;
      if (kTags[i].name == name) return kTags[i].tag;
    }
  }

 private:
  static constexpr std::size_t kSlots = 512;  // a quarter full at most: short probe runs
  static constexpr std::size_t kMask = kSlots - 1;
  static constexpr std::uint8_t kEmpty = 0xFF;
  static_assert(kTags.size() < kSlots / 4 && kTags.size() < kEmpty);

  static std::size_t hash(std::string_view n) {
    const auto first = static_cast<unsigned char>(n.front());
    const auto last = static_cast<unsigned char>(n.back());
    return (n.size() * 131 + first * 31 + last * 7 + (n.size() > 2 ? static_cast<unsigned char>(n[1]) : 0)) & kMask;
  }

  std::array<std::uint8_t, kSlots> slots_{};
  Tag unknown_;  // a custom element: inline, closes nothing
};

const Tag& tag_of(std::string_view name) {
  static const TagIndex index;
  return index.find(name);
}

// libxml2 stops at this depth; the builder goes on, adding what is deeper to the deepest element.
constexpr std::size_t kMaxDepth = 256;

bool is_space(char c) { return ascii::is_space(c); }
bool ends_tag_name(char c) { return is_space(c) || c == '/' || c == '>'; }

bool only_space(std::string_view s) {
  for (char c : s) {
    if (!is_space(c)) return false;
  }
  return true;
}

// HTML 4's boolean attributes (libxml2's htmlBooleanAttrs).
bool is_boolean_attribute(std::string_view name) {
  static constexpr std::array<std::string_view, 13> kNames = {"checked", "compact", "declare",  "defer",
                                                              "disabled", "ismap",  "multiple", "nohref",
                                                              "noresize", "noshade", "nowrap",  "readonly",
                                                              "selected"};
  for (std::string_view k : kNames) {
    if (name == k) return true;
  }
  return false;
}

void lower_into(std::string& out, std::string_view s) {
  out.resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) out[i] = ascii::to_lower(s[i]);
}

// Each thread's documents share one dictionary of names (creating one costs more than parsing a
// small page). A document holds a reference, so a dictionary outlives its last document; past
// kMaxNames names (a page of random tag names) the thread starts a new one, so it stays bounded.
constexpr int kMaxNames = 20000;

xmlDict* names_dict() {
  struct Holder {
    xmlDict* dict = nullptr;
    ~Holder() {
      if (dict != nullptr) xmlDictFree(dict);
    }
  };
  thread_local Holder holder;
  if (holder.dict != nullptr && xmlDictSize(holder.dict) > kMaxNames) {
    xmlDictFree(holder.dict);
    holder.dict = nullptr;
  }
  if (holder.dict == nullptr) holder.dict = xmlDictCreate();
  if (holder.dict == nullptr) return nullptr;
  xmlDictReference(holder.dict);  // the document's own reference, dropped by xmlFreeDoc
  return holder.dict;
}

class Builder {
 public:
  explicit Builder(std::string_view s) : s_(s) {
    doc_.reset(htmlNewDocNoDtD(nullptr, nullptr));
    if (doc_ == nullptr) throw std::bad_alloc();
    doc_->dict = names_dict();  // element and attribute names, once each
    if (doc_->dict == nullptr) throw std::bad_alloc();
    doc_->charset = XML_CHAR_ENCODING_UTF8;
    html_ = new_element("html");
    xmlAddChild(reinterpret_cast<xmlNode*>(doc_.get()), html_);
    stack_.push_back({html_, &tag_of("html")});
  }

  xmlDoc* run() {
    std::size_t i = 0;
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // a byte order mark
    const std::size_t n = s_.size();
    while (i < n) {
      const void* lt = std::memchr(s_.data() + i, '<', n - i);
      const std::size_t j = lt == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(lt) - s_.data());
      if (j > i) append_text(s_.substr(i, j - i));
      if (j >= n) break;
      i = markup(j);
    }
    flush_text();
    return doc_.release();
  }

 private:
  struct Open {
    xmlNode* node;
    const Tag* tag;
  };
  struct RecentName {
    const xmlChar* name = nullptr;
    std::size_t size = 0;
  };
  std::array<RecentName, 64> recent_{};

  struct Attribute {
    std::string name;
    std::string value;
    bool has_value = false;
  };

  xmlNode* current() const { return stack_.back().node; }

  xmlNode* new_element(std::string_view name) {
    const xmlChar* interned = intern(name);
    xmlNode* n = interned == nullptr ? nullptr : xmlNewDocNodeEatName(doc_.get(), nullptr, const_cast<xmlChar*>(interned), nullptr);
    if (n == nullptr) throw std::bad_alloc();
    return n;
  }

  // The attributes just read, built by hand: xmlNewProp would look each name up, copy its value
  // twice, walk the list to its end and register every id="" in a hash table no reader uses.
  void add_attributes(xmlNode* el) {
    xmlAttr* last = el->properties;
    while (last != nullptr && last->next != nullptr) last = last->next;
    for (std::size_t k = 0; k < attr_count_; ++k) {
      const Attribute& a = attrs_[k];
      const xmlChar* name = intern(a.name);
      if (name == nullptr) throw std::bad_alloc();
      if (has_attribute(el, name)) continue;  // the first of two wins
      auto* attr = static_cast<xmlAttr*>(xmlMalloc(sizeof(xmlAttr)));
      if (attr == nullptr) throw std::bad_alloc();
      std::memset(attr, 0, sizeof(xmlAttr));
      attr->type = XML_ATTRIBUTE_NODE;
      attr->name = name;
      attr->doc = doc_.get();
      attr->parent = el;
      attr->prev = last;
      if (last == nullptr) {
        el->properties = attr;
      } else {
        last->next = attr;
      }
      last = attr;
      if (a.has_value) {
        xmlNode* t = new_text(a.value);
        t->parent = reinterpret_cast<xmlNode*>(attr);
        attr->children = attr->last = t;
      }
    }
  }

  // Names are interned in the document's dictionary: one name, one pointer.
  static bool has_attribute(const xmlNode* el, const xmlChar* name) {
    for (const xmlAttr* p = el->properties; p != nullptr; p = p->next) {
      if (p->name == name) return true;
    }
    return false;
  }

  // A page uses a few dozen names thousands of times: each is looked up in the dictionary once,
  // then found in a small table of recent ones (a collision only costs a dictionary lookup).
  const xmlChar* intern(std::string_view name) {
    const auto lookup = [&] {
      return xmlDictLookup(doc_->dict, reinterpret_cast<const xmlChar*>(name.data()), static_cast<int>(name.size()));
    };
    if (name.empty()) return lookup();
    RecentName& r = recent_[(name.size() * 31 + static_cast<unsigned char>(name.front()) * 7 +
                             static_cast<unsigned char>(name.back())) %
                            recent_.size()];
    if (r.name != nullptr && r.size == name.size() && std::memcmp(r.name, name.data(), name.size()) == 0) return r.name;
    const xmlChar* interned = lookup();
    if (interned != nullptr) r = RecentName{interned, name.size()};
    return interned;
  }

  // A text node built by hand, as libxml2's own parser does with XML_PARSE_COMPACT: a text shorter
  // than two pointers lives in the node, in place of `properties` and `nsDef`, which a text node
  // has no use for (libxml2 never frees it there, and its writers copy it out before changing it).
  // Most attribute values and the spaces between inline elements are that short.
  xmlNode* new_text(std::string_view text) {
    static_assert(offsetof(xmlNode, nsDef) == offsetof(xmlNode, properties) + sizeof(void*));
    auto* t = static_cast<xmlNode*>(xmlMalloc(sizeof(xmlNode)));
    if (t == nullptr) throw std::bad_alloc();
    std::memset(t, 0, sizeof(xmlNode));
    t->type = XML_TEXT_NODE;
    t->name = xmlStringText;
    t->doc = doc_.get();
    xmlChar* content = nullptr;
    if (text.size() < 2 * sizeof(void*)) {
      content = reinterpret_cast<xmlChar*>(&t->properties);
    } else {
      content = static_cast<xmlChar*>(xmlMallocAtomic(text.size() + 1));
      if (content == nullptr) {
        xmlFree(t);
        throw std::bad_alloc();
      }
    }
    std::memcpy(content, text.data(), text.size());
    content[text.size()] = '\0';
    t->content = content;
    return t;
  }

  void append_text(std::string_view raw) {
    if (raw.find('&') == std::string_view::npos) {
      text_.append(raw);
    } else {
      append_decoded(text_, raw);
    }
  }

  // Whitespace-only text stays where it may separate words: after text or an inline element, or
  // first in an inline element.
  bool keeps_space() const {
    const xmlNode* last = current()->last;
    if (last == nullptr) return !stack_.back().tag->block;
    if (last->type == XML_TEXT_NODE) return true;
    return last->type == XML_ELEMENT_NODE && !tag_of(reinterpret_cast<const char*>(last->name)).block;
  }

  void flush_text() {
    if (text_.empty()) return;
    if (only_space(text_)) {
      if ((body_ == nullptr && stack_.size() <= 2) || !keeps_space()) {
        text_.clear();
        return;
      }
    } else if (body_ == nullptr && stack_.size() <= 2) {
      start_body(false);
    }
    add_text(current(), text_);
    text_.clear();
  }

  void add_text(xmlNode* parent, std::string_view text) {
    xmlAddChild(parent, new_text(text));
  }

  void start_body(bool with_attributes) {
    stack_.resize(1);  // closes <head>
    body_ = new_element("body");
    if (with_attributes) add_attributes(body_);
    xmlAddChild(html_, body_);
    stack_.push_back({body_, &tag_of("body")});
  }

  void open_head() {
    if (head_ == nullptr) {
      head_ = new_element("head");
      xmlAddChild(html_, head_);
    }
    if (stack_.size() == 1) stack_.push_back({head_, &tag_of("head")});
  }

  // Position just past the '>' at or after `from`; the end of input when there is none.
  std::size_t past_gt(std::size_t from) const {
    const std::size_t gt = s_.find('>', from);
    return gt == std::string_view::npos ? s_.size() : gt + 1;
  }

  // Markup at s_[lt] == '<'; returns where reading goes on.
  std::size_t markup(std::size_t lt) {
    const std::size_t n = s_.size();
    const std::size_t k = lt + 1;
    if (k >= n) {
      text_.push_back('<');
      return n;
    }
    const char c = s_[k];
    if (c == '!') {
      if (s_.compare(k, 3, "!--") == 0) {
        if (s_.compare(k + 3, 1, ">") == 0) return k + 4;   // <!-->
        if (s_.compare(k + 3, 2, "->") == 0) return k + 5;  // <!--->
        const std::size_t end = s_.find("-->", k + 3);
        return end == std::string_view::npos ? n : end + 3;  // an unclosed comment runs to the end
      }
      return past_gt(k);  // doctype, <![CDATA[ ... ]]>, other declarations
    }
    if (c == '?') return past_gt(k);
    if (c == '/') {
      if (k + 1 < n && ascii::is_alpha(s_[k + 1])) return end_tag(k + 1);
      return past_gt(k);
    }
    if (ascii::is_alpha(c)) return start_tag(k);
    text_.push_back('<');  // "5 < 6"
    return k;
  }

  std::size_t skip_space(std::size_t p) const {
    while (p < s_.size() && is_space(s_[p])) ++p;
    return p;
  }

  std::size_t start_tag(std::size_t k) {
    const std::size_t n = s_.size();
    std::size_t p = k;
    while (p < n && !ends_tag_name(s_[p])) ++p;
    lower_into(name_, s_.substr(k, p - k));
    attr_count_ = 0;
    bool self_closing = false;
    while (true) {
      while (p < n && (is_space(s_[p]) || s_[p] == '/')) {
        if (s_[p] == '/' && p + 1 < n && s_[p + 1] == '>') self_closing = true;
        ++p;
      }
      if (p >= n) return n;  // a tag cut off by the end of input is dropped
      if (s_[p] == '>') {
        ++p;
        break;
      }
      const std::size_t a = p++;
      while (p < n && !ends_tag_name(s_[p]) && s_[p] != '=') ++p;
      if (attr_count_ == attrs_.size()) attrs_.emplace_back();
      Attribute& attr = attrs_[attr_count_++];
      lower_into(attr.name, s_.substr(a, p - a));
      attr.value.clear();
      attr.has_value = false;
      p = skip_space(p);
      if (p < n && s_[p] == '=') {
        p = skip_space(p + 1);
        std::string_view raw;
        if (p < n && (s_[p] == '"' || s_[p] == '\'')) {
          const std::size_t close = s_.find(s_[p], p + 1);
          if (close == std::string_view::npos) return n;
          raw = s_.substr(p + 1, close - p - 1);
          p = close + 1;
        } else {
          const std::size_t v = p;
          while (p < n && !is_space(s_[p]) && s_[p] != '>') ++p;
          raw = s_.substr(v, p - v);
        }
        append_decoded(attr.value, raw);
        attr.has_value = true;
      } else if (is_boolean_attribute(attr.name)) {
        attr.value = attr.name;  // <script defer>: defer="defer", as libxml2 has it
        attr.has_value = true;
      }
    }
    return element(p, self_closing);
  }

  bool attribute_contains(std::string_view name, std::string_view needle) const {
    for (std::size_t k = 0; k < attr_count_; ++k) {
      if (attrs_[k].name == name) return ascii::ifind(attrs_[k].value, needle) != std::string_view::npos;
    }
    return false;
  }

  // Where "</name" (any case, then the end of the name) begins at or after `from`; the end of input
  // when it does not occur.
  std::size_t raw_text_end(std::size_t from) const {
    std::size_t close = from;
    while ((close = s_.find("</", close)) != std::string_view::npos) {
      const std::size_t after = close + 2 + name_.size();
      if (ascii::istarts_with(s_.substr(close + 2), name_) && (after >= s_.size() || ends_tag_name(s_[after]))) {
        return close;
      }
      close += 2;
    }
    return s_.size();
  }

  // The start tag in name_ and attrs_ has been read up to `p`.
  std::size_t element(std::size_t p, bool self_closing) {
    const Tag& tag = tag_of(name_);
    if (name_ == "html") {
      if (html_->properties == nullptr) add_attributes(html_);
      return p;
    }
    if (name_ == "head") {
      flush_text();
      if (head_ == nullptr && body_ == nullptr) {
        open_head();
        add_attributes(head_);
      }
      return p;
    }
    if (name_ == "body") {
      flush_text();
      if (body_ == nullptr) start_body(true);
      return p;
    }
    flush_text();
    if (body_ == nullptr) {
      if (tag.head) {
        open_head();
      } else if (stack_.size() <= 2) {  // inside a <noscript> of the head, anything stays there
        start_body(false);
      }
    } else {
      while (stack_.size() > 2 && (tag.closes & stack_.back().tag->kind) != 0) stack_.pop_back();
    }
    xmlNode* el = new_element(name_);
    add_attributes(el);
    xmlAddChild(current(), el);
    switch (tag.content) {
      case Content::kVoid:
        return p;
      case Content::kRaw:
      case Content::kText: {
        if (self_closing) return p;
        const std::size_t end = raw_text_end(p);
        const std::string_view inner = s_.substr(p, end - p);
        if (tag.content == Content::kText) {
          std::string decoded;
          append_decoded(decoded, inner);
          if (!decoded.empty()) add_text(el, decoded);
        } else if (!inner.empty() && name_ == "script" && attribute_contains("type", "json")) {
          add_text(el, inner);  // JSON-LD and JSON state: read from the tree
        }
        return end >= s_.size() ? end : past_gt(end);
      }
      case Content::kElements:
        break;
    }
    if (!self_closing && stack_.size() < kMaxDepth) stack_.push_back({el, &tag});
    return p;
  }

  std::size_t end_tag(std::size_t k) {
    std::size_t p = k;
    while (p < s_.size() && !ends_tag_name(s_[p])) ++p;
    lower_into(name_, s_.substr(k, p - k));
    p = past_gt(p);
    flush_text();
    if (name_ == "html" || name_ == "body") return p;  // what follows stays in the body
    if (name_ == "head") {
      if (stack_.size() > 1 && stack_[1].node == head_) stack_.resize(1);
      return p;
    }
    std::size_t i = stack_.size();
    while (--i >= 1) {
      if (name_ == reinterpret_cast<const char*>(stack_[i].node->name)) break;
    }
    if (i == 0) return p;  // nothing of that name is open
    const std::uint8_t priority = tag_of(name_).priority;
    for (std::size_t j = stack_.size() - 1; j > i; --j) {
      if (stack_[j].tag->priority > priority) return p;  // "</span>" does not close an open <div>
    }
    stack_.resize(i);
    return p;
  }

  std::string_view s_;
  std::unique_ptr<xmlDoc, FreeWith<xmlFreeDoc>> doc_;
  xmlNode* html_ = nullptr;
  xmlNode* head_ = nullptr;
  xmlNode* body_ = nullptr;
  std::vector<Open> stack_;
  std::string text_;  // text read since the last tag, references decoded
  std::string name_;
  std::vector<Attribute> attrs_;
  std::size_t attr_count_ = 0;
};

}  // namespace

xmlDoc* build_tree(std::string_view utf8_html) { return Builder(utf8_html).run(); }

}  // namespace akhbar::parsers::html
