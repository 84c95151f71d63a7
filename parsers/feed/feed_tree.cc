// parsers/feed/feed_tree.cc: see feed_tree.h.
#include "parsers/feed/feed_tree.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/entities.h>

#include "parsers/feed/feed_internal.h"
#include "parsers/feed/feed_text.h"
#include "parsers/url/url.h"

namespace akhbar::parsers::feed_detail {

bool is_ext(const xmlNode* n, std::string_view local, std::string_view ns, std::string_view prefix) {
  if (!is_element(n)) return false;
  const std::string_view name = sv(n->name);
  if (name == local && (ns_of(n) == ns || prefix_of(n) == prefix)) return true;
  return name.size() == prefix.size() + 1 + local.size() && name.substr(0, prefix.size()) == prefix &&
         name[prefix.size()] == ':' && name.substr(prefix.size() + 1) == local;
}

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

bool is_rss(const xmlNode* n, std::string_view local) {
  return is_element(n) && sv(n->name) == local && is_rss_ns(ns_of(n));
}

bool is_atom(const xmlNode* n, std::string_view local) {
  if (!is_element(n) || sv(n->name) != local) return false;
  const std::string_view ns = ns_of(n);
  return ns.empty() || ns == kAtom10Ns || ns == kAtom03Ns;
}

bool is_item_element(const xmlNode* n) { return is_rss(n, "item") || is_atom(n, "entry"); }

bool has_element_children(const xmlNode* n) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

std::string TreeText::attr(const xmlNode* el, std::string_view name, std::string_view ns) {
  for (const xmlAttr* a = el->properties; a != nullptr; a = a->next) {
    if (sv(a->name) != name) continue;
    if (!ns.empty() && (a->ns == nullptr || sv(a->ns->href) != ns)) continue;
    std::string out;
    append(a->children, out, false, 0);
    return out;
  }
  return {};
}

bool TreeText::charge(std::size_t bytes) {
  entity_bytes_ += bytes;
  if (entity_bytes_ > kMaxEntityText) exhausted_ = true;
  return !exhausted_;
}

void TreeText::append(const xmlNode* n, std::string& out, bool html, int depth) {
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

void TreeText::append_element(const xmlNode* n, std::string& out, bool html, int depth) {
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

void TreeText::append_entity(const xmlNode* ref, std::string& out, bool html, int depth) {
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

LinkResolver::LinkResolver(std::string_view feed_url, TreeText& text) : text_(text) {
  if (auto u = Url::parse(feed_url)) base_ = *u;
}

std::string LinkResolver::resolve(std::string_view ref, const xmlNode* at) const {
  if (trim_controls(ref).empty()) return {};  // before walking up for xml:base
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
  return resolve_link(base, ref);
}

}  // namespace akhbar::parsers::feed_detail
