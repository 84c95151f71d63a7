#include "parsers/feed_text.h"

#include <cstdio>
#include <vector>

#include <libxml/HTMLparser.h>

#include "parsers/xml_handles.h"

namespace akhbar::parsers::feed_detail {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// HTML entity names are at most 31 characters ("CounterClockwiseContourIntegral").
constexpr std::size_t kMaxEntityName = 32;

// Length of a character reference "&#38;" / "&#x26;" starting at s[i] == '&', or 0.
std::size_t char_ref_length(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j >= s.size() || s[j] != '#') return 0;
  ++j;
  const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
  if (hex) ++j;
  const std::size_t start = j;
  while (j < s.size() && (hex ? is_hex(s[j]) : is_digit(s[j]))) ++j;
  if (j == start || j >= s.size() || s[j] != ';') return 0;
  return j + 1 - i;
}

}  // namespace

std::string charset_from_content_type(std::string_view ct) {
  std::string lower(ct);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::size_t at = lower.find("charset=");
  if (at == std::string::npos) return {};
  std::size_t begin = at + 8;
  while (begin < ct.size() && (ct[begin] == '"' || ct[begin] == '\'' || ct[begin] == ' ')) ++begin;
  std::size_t end = begin;
  while (end < ct.size() && ct[end] != '"' && ct[end] != '\'' && ct[end] != ';' && !is_space(ct[end])) ++end;
  return std::string(ct.substr(begin, end - begin));
}

std::string escape_stray_ampersands(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 64);
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '<' && s.compare(i, 9, "<![CDATA[") == 0) {
      std::size_t end = s.find("]]>", i + 9);
      end = end == std::string_view::npos ? s.size() : end + 3;
      out.append(s, i, end - i);
      i = end;
      continue;
    }
    if (c == '<' && s.compare(i, 4, "<!--") == 0) {
      std::size_t end = s.find("-->", i + 4);
      end = end == std::string_view::npos ? s.size() : end + 3;
      out.append(s, i, end - i);
      i = end;
      continue;
    }
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    if (std::size_t n = char_ref_length(s, i); n > 0) {
      out.append(s, i, n);
      i += n;
      continue;
    }
    std::size_t j = i + 1;
    while (j < s.size() && j - i <= kMaxEntityName && (is_alpha(s[j]) || (j > i + 1 && is_digit(s[j])))) ++j;
    if (j > i + 1 && j < s.size() && s[j] == ';') {
      const std::string name(s.substr(i + 1, j - i - 1));
      if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
        out.append(s, i, j + 1 - i);
      } else if (const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "&#%u;", e->value);
        out += buf;
      } else {
        out += "&amp;";
        out += name;
        out += ';';
      }
      i = j + 1;
      continue;
    }
    out += "&amp;";
    ++i;
  }
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (is_space(c) || nbsp) {
      space = true;
      if (nbsp) ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

bool is_skipped_element(const xmlNode* n) {
  const auto* name = reinterpret_cast<const char*>(n->name);
  return std::string_view(name) == "script" || std::string_view(name) == "style" ||
         std::string_view(name) == "noscript" || std::string_view(name) == "template";
}

// Inline elements join their text to the neighbours ("<b>ال</b>كهرباء" is one word); every other
// element is a boundary.
bool is_inline_element(const xmlNode* n) {
  static constexpr std::string_view kInline[] = {"a",    "abbr", "b",   "bdi",  "bdo", "cite", "code", "em",
                                                 "font", "i",    "kbd", "mark", "q",   "s",    "small", "span",
                                                 "strong", "sub", "sup", "time", "u",  "var"};
  const std::string_view name(reinterpret_cast<const char*>(n->name));
  for (std::string_view i : kInline) {
    if (name == i) return true;
  }
  return false;
}

// Iterative pre-order walk: text nodes appended, a space at every block element so that
// "<p>أ</p><p>ب</p>" does not glue words.
void append_text(const xmlNode* root, std::string& out) {
  std::vector<const xmlNode*> stack{root};  // nullptr marks the end of a block element
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (n == nullptr) {
      out += ' ';
      continue;
    }
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) out += reinterpret_cast<const char*>(n->content);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE && n->type != XML_HTML_DOCUMENT_NODE) continue;
    if (n->type == XML_ELEMENT_NODE) {
      if (is_skipped_element(n)) continue;
      if (!is_inline_element(n)) {
        out += ' ';
        stack.push_back(nullptr);
      }
    }
    const xmlNode* last = nullptr;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) last = c;
    for (const xmlNode* c = last; c != nullptr; c = c->prev) stack.push_back(c);
  }
}

}  // namespace

std::string html_to_text(std::string_view html) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    return collapse_whitespace(html);
  }
  const std::string wrapped = "<html><body>" + std::string(html) + "</body></html>";
  XmlDoc doc(htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  if (!doc) return collapse_whitespace(html);
  std::string text;
  append_text(reinterpret_cast<const xmlNode*>(doc.get()), text);
  return collapse_whitespace(text);
}

}  // namespace akhbar::parsers::feed_detail
