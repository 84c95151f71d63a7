// parsers/html/tree_builder.h (private to parsers/): UTF-8 HTML → a libxml2 HTML document, built
// by a tokenizer of our own that jumps from '<' to '<' (memchr) instead of decoding the page one
// character at a time as libxml2 2.9's HTML parser does (~85 instructions a byte).
//
// The tree is the one libxml2's HTML parser builds, so every reader (XPath, selectors, the
// extractor) sees the same shape: html > head, body; names lowercased; entities decoded (HTML 4
// names from libxml2's own table, plus &apos;; numeric references, C1 ones read as windows-1252
// as browsers do); an element closed by a start tag on the same rules (a <p> by a <div>, an <li>
// by the next <li>, a cell by the next cell, ...); an end tag ignored when no such element is
// open, or when a more important one (div, td, tr, table, body) stands in between; "<x/>" empty.
// Head elements (title, meta, link, base, style, script) before the body go in <head>, anything
// else opens <body>. Comments, doctypes and processing instructions are dropped; <script> and
// <style> keep no text, except JSON scripts (ld+json, application/json), whose text is kept whole;
// <title> and <textarea> are text only. Whitespace-only text is kept where it separates inline
// content. Nesting deeper than 256 elements goes on at the deepest level (libxml2 stops there).
#pragma once
#include <string_view>

#include <libxml/tree.h>

namespace akhbar::parsers::html {

// A new document (free with xmlFreeDoc); never null. REQUIRES: well-formed UTF-8 without NUL bytes
// (html::parse repairs what is not).
xmlDoc* build_tree(std::string_view utf8_html);

}  // namespace akhbar::parsers::html
