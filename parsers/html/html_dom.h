// parsers/html/html_dom.h (private to parsers/): libxml2 HTML documents owned by unique_ptr, and the
// small text helpers every HTML reader here needs (attribute lookup, whitespace-collapsed text,
// class/id tokens). Input is UTF-8; the tree builder (tree_builder.h) makes it a libxml2 tree the
// way libxml2's forgiving HTML parser would, at a fraction of its cost.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util/free_with.h"

namespace akhbar::parsers::html {

using DocPtr = std::unique_ptr<xmlDoc, FreeWith<xmlFreeDoc>>;

// Parses UTF-8 HTML (recovering from any error; ill-formed UTF-8 and NUL bytes become U+FFFD). Null
// for empty input or input past 2 GB.
DocPtr parse(std::string_view utf8_html);

// Lowercase element name ("" for non-elements); libxml2's HTML parser lowercases names already.
inline std::string_view name_of(const xmlNode* n) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE || n->name == nullptr) return {};
  return reinterpret_cast<const char*>(n->name);
}

inline bool is_element(const xmlNode* n, std::string_view name) {
  return n != nullptr && n->type == XML_ELEMENT_NODE && name_of(n) == name;
}

// The value of attribute `name` (lowercase), "" when absent.
std::string attr(const xmlNode* n, std::string_view name);
// The same without a copy, valid while the tree lives. html::parse holds each value as one text
// node; of a value libxml2 split into several (entity references), this is the first.
std::string_view attr_view(const xmlNode* n, std::string_view name);
bool has_attr(const xmlNode* n, std::string_view name);

// Elements whose content is never page text: script, style, noscript, template, svg, ...
bool is_non_content(std::string_view element_name);

// Elements that start and end a paragraph: p, div, section, headings, lists, tables, ...
bool is_block_element(std::string_view element_name);

// Appends `text` to `out` with runs of whitespace (ASCII, NBSP, Unicode spaces) collapsed to one
// ASCII space. `pending_space` carries a space owed across calls; no leading space is written.
void append_collapsed(std::string& out, std::string_view text, bool& pending_space);

// Whitespace collapsed and trimmed.
std::string collapse_whitespace(std::string_view text);

// The text of a subtree, whitespace collapsed, non-content elements skipped; <br> counts as space.
std::string text_of(const xmlNode* n);

// Number of code points in `text` that are not whitespace (a cheap, copy-free length measure).
std::size_t visible_length(std::string_view text);

// visible_length of a text node's content, remembered in the node (its `psvi` slot, which HTML
// documents leave unused) for the next reader: pruning, scoring and collecting each measure every
// text node. Only for the trees of html::parse, whose text nobody changes once built.
std::size_t text_length(const xmlNode* text);

// Lowercase "class id" of an element, for hint matching.
std::string class_and_id(const xmlNode* n);

// ASCII whitespace, as it separates the tokens of a class list.
constexpr bool is_list_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// True when `haystack` (lowercase class/id text) has `token` as a whole token, tokens being
// separated by spaces, '-' and '_'.
bool has_token(std::string_view haystack, std::string_view token);

// True when `pred` holds for one of the whitespace-separated tokens of `list` (a class list, a rel
// or property value).
template <class Pred>
bool any_token(std::string_view list, Pred&& pred) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && is_list_space(list[i])) ++i;
    std::size_t j = i;
    while (j < list.size() && !is_list_space(list[j])) ++j;
    if (j > i && pred(list.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

// Next node in document order (pre-order), staying under `root`; skips the children of the
// current node when `skip_children`.
inline xmlNode* next_in_tree(xmlNode* n, const xmlNode* root, bool skip_children = false) {
  if (!skip_children && n->children != nullptr) return n->children;
  while (n != nullptr && n != root) {
    if (n->next != nullptr) return n->next;
    n = n->parent;
  }
  return nullptr;
}

}  // namespace akhbar::parsers::html
