#include "parsers/article/page_facts.h"

#include <string>
#include <string_view>

#include "parsers/html/html_dom.h"
#include "util/ascii.h"

namespace akhbar::parsers::html {
namespace {

// Date lines and bylines are short; longer elements with such a class are containers.
constexpr std::size_t kMinDateChars = 6;
constexpr std::size_t kMaxDateChars = 80;
constexpr std::size_t kMaxAuthorChars = 100;

std::string raw_text(const xmlNode* n) {
  std::string out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->content != nullptr) out += reinterpret_cast<const char*>(c->content);
  }
  return out;
}

void remember(PageFacts& f, const std::string& key, const xmlNode* n) {
  if (key.empty()) return;
  std::string content = attr(n, "content");
  if (content.empty()) return;
  f.meta.emplace(ascii::to_lower(key), collapse_whitespace(content));
}

// A class or id naming a date line: a "date"/"time"/"published"/"pubdate" token, or a token
// ending in "date" (ASP.NET's "NewsDate", "PostDate"), but not "update".
bool names_a_date(std::string_view ci) {
  if (has_token(ci, "date") || has_token(ci, "published") || has_token(ci, "time") || has_token(ci, "pubdate")) {
    return true;
  }
  return any_token(ci, [](std::string_view token) {
    return token.size() > 4 && token.ends_with("date") && !token.ends_with("update");
  });
}

// Today's date printed in the site's header ("today-date", "date-today", "site-header__date",
// "HeaderDate") is the day of the visit, not of the article.
bool is_chrome_date(std::string_view ci) {
  return ci.find("today") != std::string_view::npos || ci.find("header") != std::string_view::npos;
}

constexpr std::size_t kMaxAuthors = 5;

// What the walk remembers between elements: the first author element, so that its siblings of the
// same class join it, and whether the RDFa creator came from a foaf:name.
struct WalkState {
  const xmlNode* author = nullptr;
  std::string author_ci;
  std::size_t authors = 0;
  bool rdfa_named = false;
  std::string ci;  // the element's class_and_id, in a buffer kept from element to element
};

// The attributes read_element asks every element for, read in one pass over its attributes.
struct Attributes {
  std::string_view href, itemprop, rel, cls, id;
  bool property = false;
};

Attributes attributes_of(const xmlNode* n) {
  Attributes a;
  for (const xmlAttr* p = n->properties; p != nullptr; p = p->next) {
    if (p->name == nullptr) continue;
    const std::string_view name = reinterpret_cast<const char*>(p->name);
    std::string_view* slot = nullptr;
    if (name == "class") {
      slot = &a.cls;
    } else if (name == "id") {
      slot = &a.id;
    } else if (name == "href") {
      slot = &a.href;
    } else if (name == "itemprop") {
      slot = &a.itemprop;
    } else if (name == "rel") {
      slot = &a.rel;
    } else if (name == "property") {
      a.property = true;
    }
    // The first of two attributes of one name wins, as attr_view reads it.
    if (slot != nullptr && slot->data() == nullptr) {
      *slot = p->children != nullptr && p->children->content != nullptr
                  ? std::string_view(reinterpret_cast<const char*>(p->children->content))
                  : std::string_view("");
    }
  }
  return a;
}

// class_and_id(n) into `out`, reusing its storage: "class id", lowercase.
void class_and_id_into(std::string& out, std::string_view cls, std::string_view id) {
  out.assign(cls);
  out.push_back(' ');
  out.append(id);
  ascii::lower_in_place(out);
}

// True when `value` (an attribute) has `token` as one of its space-separated tokens.
bool has_space_token(std::string_view value, std::string_view token) {
  return any_token(value, [&](std::string_view t) { return t == token; });
}

bool is_inside(const xmlNode* n, const xmlNode* ancestor) {
  for (const xmlNode* a = n->parent; a != nullptr; a = a->parent) {
    if (a == ancestor) return true;
  }
  return false;
}

void read_rdfa_creator(PageFacts& f, WalkState& w, const xmlNode* n) {
  if (w.rdfa_named) return;
  const std::string_view rel = attr_view(n, "rel");
  const std::string_view property = attr_view(n, "property");
  if (rel.empty() && property.empty()) return;
  if (has_space_token(property, "foaf:name")) {
    for (const xmlNode* a = n->parent; a != nullptr && a->type == XML_ELEMENT_NODE; a = a->parent) {
      if (has_space_token(attr(a, "rel"), "sioc:has_creator")) {
        f.rdfa_creator = text_of(n);
        w.rdfa_named = !f.rdfa_creator.empty();
        return;
      }
    }
  }
  if (f.rdfa_creator.empty() && (has_space_token(rel, "sioc:has_creator") || has_space_token(property, "dc:creator") ||
                                 has_space_token(rel, "dc:creator"))) {
    std::string t = text_of(n);
    if (visible_length(t) <= kMaxAuthorChars) f.rdfa_creator = std::move(t);
  }
}

void read_element(PageFacts& f, WalkState& w, const xmlNode* n, std::string_view name) {
  const Attributes at = attributes_of(n);
  if (name == "a") {
    if (!at.href.empty()) f.hrefs.emplace_back(at.href);
  } else if (name == "meta") {
    remember(f, attr(n, "property"), n);
    remember(f, attr(n, "name"), n);
    remember(f, attr(n, "itemprop"), n);
    remember(f, attr(n, "http-equiv"), n);
    return;
  } else if (name == "html") {
    if (f.lang.empty()) f.lang = attr(n, "lang");
  } else if (name == "base") {
    if (f.base_href.empty()) f.base_href = attr(n, "href");
  } else if (name == "title") {
    if (f.title.empty()) f.title = text_of(n);
  } else if (name == "link") {
    if (f.canonical_href.empty() && ascii::to_lower(attr(n, "rel")).find("canonical") != std::string::npos) {
      f.canonical_href = attr(n, "href");
    }
  } else if (name == "h1") {
    if (std::string t = text_of(n); !t.empty()) f.h1s.push_back(std::move(t));
  } else if (name == "img") {
    if (f.logo_alt.empty()) {
      // The header logo's alt text is the site's name (class "logo", "site-logo", "logo-img"...).
      int depth = 0;
      for (const xmlNode* a = n; a != nullptr && a->type == XML_ELEMENT_NODE && depth < 3; a = a->parent, ++depth) {
        if (ascii::to_lower(class_and_id(a)).find("logo") != std::string::npos) {
          f.logo_alt = collapse_whitespace(attr(n, "alt"));
          break;
        }
      }
    }
  } else if (name == "time") {
    if (f.time_datetime.empty()) f.time_datetime = collapse_whitespace(attr(n, "datetime"));
  }
  const std::string_view rel = at.rel;
  // Most elements carry none of these: nothing more to read from them.
  if (at.itemprop.empty() && rel.empty() && at.cls.empty() && at.id.empty() && !at.property) return;
  const std::string itemprop = ascii::to_lower(at.itemprop);
  if (has_token(itemprop, "headline") && f.itemprop_headline.empty()) f.itemprop_headline = text_of(n);
  if (itemprop == "name" && f.itemprop_author.empty()) {
    for (const xmlNode* a = n->parent; a != nullptr && a->type == XML_ELEMENT_NODE; a = a->parent) {
      if (has_attr(a, "itemscope")) {
        if (has_token(ascii::to_lower(attr(a, "itemprop")), "author")) f.itemprop_author = text_of(n);
        break;
      }
    }
  }
  if (itemprop == "datepublished" && f.itemprop_date.empty()) {
    f.itemprop_date = collapse_whitespace(attr(n, "content"));
    if (f.itemprop_date.empty()) f.itemprop_date = collapse_whitespace(attr(n, "datetime"));
    // hAtom's <abbr class="published" title="2024-06-12T21:34:00+01:00">09:34 م</abbr> (Blogger):
    // the title holds the machine-readable value, the text only the time.
    if (f.itemprop_date.empty() && name == "abbr") f.itemprop_date = collapse_whitespace(attr(n, "title"));
    if (f.itemprop_date.empty()) f.itemprop_date = text_of(n);
  }
  class_and_id_into(w.ci, at.cls, at.id);
  const std::string& ci = w.ci;
  if (f.date_text.empty() && names_a_date(ci) && !is_chrome_date(ci)) {
    std::string t = text_of(n);
    const std::size_t len = visible_length(t);
    if (len >= kMinDateChars && len <= kMaxDateChars) {
      f.date_text = std::move(t);
      // "منذ ساعتين" shown, the exact time in the tooltip (title="2024/02/25 12:30").
      f.date_title = collapse_whitespace(attr(n, "title"));
    }
  }
  read_rdfa_creator(f, w, n);
  const bool next_author = w.author != nullptr && w.authors < kMaxAuthors && n->parent == w.author->parent &&
                           ci == w.author_ci && !is_inside(n, w.author);
  if ((f.author_text.empty() || next_author) && ci.find("comment") == std::string::npos &&
      (has_token(ci, "author") || has_token(ci, "byline") || ci.find("writer") != std::string::npos ||
       has_token(ci, "reporter") || ascii::iequals(rel, "author") || itemprop == "author")) {
    std::string t = collapse_whitespace(text_of(n));
    const std::size_t len = visible_length(t);
    if (len <= 1 || len > kMaxAuthorChars) return;
    if (f.author_text.empty()) {
      f.author_text = std::move(t);
      w.author = n;
      w.author_ci = ci;
      w.authors = 1;
    } else if (f.author_text != t) {
      // Several authors, each in its own link or span of the same class ("article__author").
      f.author_text += "، " + t;
      ++w.authors;
    }
  }
}

bool has_digit(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] >= '0' && t[i] <= '9') return true;
    // Arabic-Indic digits U+0660..U+0669 are D9 A0..D9 A9.
    if (static_cast<unsigned char>(t[i]) == 0xD9 && i + 1 < t.size() &&
        static_cast<unsigned char>(t[i + 1]) >= 0xA0 && static_cast<unsigned char>(t[i + 1]) <= 0xA9) {
      return true;
    }
  }
  return false;
}

constexpr std::size_t kMinCandidateChars = 6;
constexpr std::size_t kMaxCandidateChars = 100;

// Collects the date candidates around the first <h1> in one pass: a ring of the last ones before
// it, the first ones after it, and the first ones of the page for pages without an <h1>.
// A visible byline ("كتب: …", "بقلم …", "By …") among the first texts after the <h1>.
constexpr std::size_t kBylineWindow = 12;
constexpr std::size_t kMaxBylineChars = 100;
bool starts_like_byline(std::string_view t) {
  t = ascii::trim(t);
  for (std::string_view p : {"كتب", "كتبت", "بقلم", "إعداد", "اعداد", "تقرير:", "By ", "by "}) {
    if (t.substr(0, p.size()) == p) return true;
  }
  return false;
}

class DateCandidates {
 public:
  void h1() { seen_h1_ = true; }
  // The byline found, or "".
  std::string byline() { return std::move(byline_); }
  void text(const xmlNode* t) {
    const std::string_view content(reinterpret_cast<const char*>(t->content));
    if (seen_h1_ && texts_after_h1_ < kBylineWindow && text_length(t) > 0) {
      ++texts_after_h1_;
      if (byline_.empty() && content.size() < kMaxBylineChars * 4 && starts_like_byline(content) &&
          text_length(t) <= kMaxBylineChars) {
        byline_ = collapse_whitespace(content);
      }
    }
    if (content.size() > kMaxCandidateChars * 4 || !has_digit(content)) return;
    const std::size_t len = text_length(t);
    if (len < kMinCandidateChars || len > kMaxCandidateChars) return;
    if (!seen_h1_) {
      if (first_.size() < kDateCandidates) first_.push_back(collapse_whitespace(content));
      before_.push_back(collapse_whitespace(content));
      if (before_.size() > kDateCandidates / 2) before_.erase(before_.begin());
    } else if (after_.size() < kDateCandidates) {
      after_.push_back(collapse_whitespace(content));
    }
  }
  std::vector<std::string> ordered() {
    if (!seen_h1_) return std::move(first_);
    std::vector<std::string> out;
    for (std::size_t k = 0; k < after_.size() || k < before_.size(); ++k) {
      if (k < after_.size()) out.push_back(std::move(after_[k]));
      if (k < before_.size()) out.push_back(std::move(before_[before_.size() - 1 - k]));
    }
    if (out.size() > kDateCandidates) out.resize(kDateCandidates);
    return out;
  }

 private:
  bool seen_h1_ = false;
  std::size_t texts_after_h1_ = 0;
  std::string byline_;
  std::vector<std::string> first_, before_, after_;
};

}  // namespace

PageFacts read_page_facts(const xmlDoc* doc) {
  PageFacts f;
  const xmlNode* root = xmlDocGetRootElement(const_cast<xmlDoc*>(doc));
  if (root == nullptr) return f;
  xmlNode* n = const_cast<xmlNode*>(root);
  DateCandidates dates;
  WalkState state;
  while (n != nullptr) {
    bool skip = false;
    if (n->type == XML_TEXT_NODE && n->content != nullptr) {
      dates.text(n);
      skip = true;
    } else if (n->type == XML_ELEMENT_NODE) {
      const std::string_view name = name_of(n);
      if (name == "h1") dates.h1();
      if (name == "script") {
        if (ascii::to_lower(attr(n, "type")).find("ld+json") != std::string::npos) f.jsonld.push_back(raw_text(n));
        skip = true;
      } else if (name == "style" || name == "template" || name == "svg" || name == "noscript" ||
                 name == "select" || name == "option" || name == "textarea" || name == "iframe") {
        skip = true;
      } else {
        read_element(f, state, n, name);
      }
    } else {
      skip = true;
    }
    n = next_in_tree(n, root, skip);
  }
  f.date_candidates = dates.ordered();
  f.byline_text = dates.byline();
  return f;
}

std::string_view meta_of(const PageFacts& facts, std::string_view key) {
  auto it = facts.meta.find(std::string(key));
  return it == facts.meta.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace akhbar::parsers::html
