#include "parsers/article/page_facts.h"

#include <string>
#include <string_view>

#include "parsers/html/html_dom.h"

namespace akhbar::parsers::html {
namespace {

// Date lines and bylines are short; longer elements with such a class are containers.
constexpr std::size_t kMinDateChars = 6;
constexpr std::size_t kMaxDateChars = 80;
constexpr std::size_t kMaxAuthorChars = 100;

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

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
  f.meta.emplace(lower(key), collapse_whitespace(content));
}

void read_element(PageFacts& f, const xmlNode* n, std::string_view name) {
  if (name == "a") {
    if (std::string href = attr(n, "href"); !href.empty()) f.hrefs.push_back(std::move(href));
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
    if (f.canonical_href.empty() && lower(attr(n, "rel")).find("canonical") != std::string::npos) {
      f.canonical_href = attr(n, "href");
    }
  } else if (name == "h1") {
    if (std::string t = text_of(n); !t.empty()) f.h1s.push_back(std::move(t));
  } else if (name == "time") {
    if (f.time_datetime.empty()) f.time_datetime = collapse_whitespace(attr(n, "datetime"));
  }
  const std::string itemprop = lower(attr(n, "itemprop"));
  if (itemprop == "datepublished" && f.itemprop_date.empty()) {
    f.itemprop_date = collapse_whitespace(attr(n, "content"));
    if (f.itemprop_date.empty()) f.itemprop_date = collapse_whitespace(attr(n, "datetime"));
    if (f.itemprop_date.empty()) f.itemprop_date = text_of(n);
  }
  const std::string ci = class_and_id(n);
  if (f.date_text.empty() && (has_token(ci, "date") || has_token(ci, "published") || has_token(ci, "time") ||
                              has_token(ci, "pubdate"))) {
    std::string t = text_of(n);
    const std::size_t len = visible_length(t);
    if (len >= kMinDateChars && len <= kMaxDateChars) f.date_text = std::move(t);
  }
  if (f.author_text.empty() && (has_token(ci, "author") || has_token(ci, "byline") ||
                                lower(attr(n, "rel")) == "author" || itemprop == "author")) {
    std::string t = text_of(n);
    const std::size_t len = visible_length(t);
    if (len > 1 && len <= kMaxAuthorChars) f.author_text = std::move(t);
  }
}

}  // namespace

PageFacts read_page_facts(const xmlDoc* doc) {
  PageFacts f;
  const xmlNode* root = xmlDocGetRootElement(const_cast<xmlDoc*>(doc));
  if (root == nullptr) return f;
  xmlNode* n = const_cast<xmlNode*>(root);
  while (n != nullptr) {
    bool skip = false;
    if (n->type == XML_ELEMENT_NODE) {
      const std::string_view name = name_of(n);
      if (name == "script") {
        if (lower(attr(n, "type")).find("ld+json") != std::string::npos) f.jsonld.push_back(raw_text(n));
        skip = true;
      } else if (name == "style" || name == "template" || name == "svg" || name == "noscript") {
        skip = true;
      } else {
        read_element(f, n, name);
      }
    } else {
      skip = true;
    }
    n = next_in_tree(n, root, skip);
  }
  return f;
}

std::string_view meta_of(const PageFacts& facts, std::string_view key) {
  auto it = facts.meta.find(std::string(key));
  return it == facts.meta.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace akhbar::parsers::html
