#include "parsers/html/html_dom.h"

#include <array>
#include <climits>
#include <cstdint>
#include <cstring>

#include "parsers/html/tree_builder.h"
#include "parsers/text/bytes8.h"
#include "parsers/text/utf8.h"

namespace akhbar::parsers::html {
namespace {

// Length of the whitespace sequence at `s[i]`, 0 when none: ASCII space/controls, U+00A0,
// U+1680, U+2000–U+200A, U+2028/2029, U+202F, U+205F, U+3000, and U+FEFF.
std::size_t space_len(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c < 0xC2) return 0;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if ((c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF) && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (c == 0xE1 && b1 == 0x9A && b2 == 0x80) return 3;
    if (c == 0xE2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) return 3;
    if (c == 0xE2 && b1 == 0x81 && b2 == 0x9F) return 3;
    if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) return 3;
    if (c == 0xEF && b1 == 0xBB && b2 == 0xBF) return 3;
  }
  return 0;
}

void collect_text(const xmlNode* root, std::string& out, bool& pending) {
  const xmlNode* n = root->children;
  while (n != nullptr) {
    bool skip = false;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) append_collapsed(out, reinterpret_cast<const char*>(n->content), pending);
    } else if (n->type == XML_ELEMENT_NODE) {
      const std::string_view name = name_of(n);
      if (name == "br") pending = true;
      skip = is_non_content(name);
    } else {
      skip = true;
    }
    n = next_in_tree(const_cast<xmlNode*>(n), root, skip);
  }
}

// Text a libxml2 tree can hold as it is: well-formed UTF-8 and no C0 control but tab, LF and CR
// (XML 1.0's characters: libxml2's own parser drops the others). Eight bytes at a time while they
// are printable ASCII, which most of a page is.
// `s` made fit for the tree (utf8::is_valid_text): ill-formed UTF-8 becomes U+FFFD, a form feed a
// space, other controls go.
std::string made_tree_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      if (c == '\f') out.push_back(' ');
      ++i;
      continue;
    }
    std::size_t bad = 0;
    const std::size_t len = utf8::sequence_length(s, i, bad);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      i += bad;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace

DocPtr parse(std::string_view utf8_html) {
  if (utf8_html.empty() || utf8_html.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  // libxml2 asks for one initialisation before concurrent use; a function-local static runs it once.
  static const bool initialised = (xmlInitParser(), true);
  (void)initialised;
  if (utf8::is_valid_text(utf8_html)) return DocPtr(build_tree(utf8_html));
  return DocPtr(build_tree(made_tree_safe(utf8_html)));
}

std::string attr(const xmlNode* n, std::string_view name) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || name != reinterpret_cast<const char*>(a->name)) continue;
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) value += reinterpret_cast<const char*>(c->content);
    }
    return value;
  }
  return {};
}

std::string_view attr_view(const xmlNode* n, std::string_view name) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || name != reinterpret_cast<const char*>(a->name)) continue;
    if (a->children == nullptr || a->children->content == nullptr) return {};
    return reinterpret_cast<const char*>(a->children->content);
  }
  return {};
}

bool has_attr(const xmlNode* n, std::string_view name) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE) return false;
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && name == reinterpret_cast<const char*>(a->name)) return true;
  }
  return false;
}

bool is_non_content(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "script", "style", "noscript", "template", "svg", "iframe",
      "object", "embed", "button", "select", "textarea", "head"};
  for (std::string_view k : kNames) {
    if (name == k) return true;
  }
  return false;
}

bool is_block_element(std::string_view n) {
  static constexpr std::array<std::string_view, 38> kBlocks = {
      "p",      "div",    "section", "article",    "main",    "header",  "footer", "aside",
      "nav",    "h1",     "h2",      "h3",         "h4",      "h5",      "h6",     "ul",
      "ol",     "li",     "dl",      "dt",         "dd",      "blockquote", "pre", "table",
      "thead",  "tbody",  "tfoot",   "tr",         "td",      "th",      "figure", "figcaption",
      "hr",     "address", "details", "summary",   "center",  "fieldset"};
  for (std::string_view b : kBlocks) {
    if (n == b) return true;
  }
  return false;
}

void append_collapsed(std::string& out, std::string_view text, bool& pending_space) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::size_t sl = space_len(text, i); sl != 0) {
      pending_space = true;
      i += sl;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && space_len(text, j) == 0) ++j;
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.append(text.substr(i, j - i));
    i = j;
  }
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  append_collapsed(out, text, pending);
  return out;
}

std::string text_of(const xmlNode* n) {
  std::string out;
  if (n == nullptr) return out;
  bool pending = false;
  if (n->type == XML_TEXT_NODE || n->type == XML_ATTRIBUTE_NODE) {
    xmlChar* content = xmlNodeGetContent(n);
    if (content != nullptr) {
      append_collapsed(out, reinterpret_cast<const char*>(content), pending);
      xmlFree(content);
    }
    return out;
  }
  collect_text(n, out, pending);
  return out;
}

// Eight bytes at a time: a byte counts unless it is a UTF-8 continuation byte or ASCII
// whitespace (space, \t \n \v \f \r). A word holding a byte that may start a longer whitespace
// sequence (0xC2 for U+00A0, 0xE0–0xEF for U+1680 … U+FEFF) goes byte by byte instead.
namespace {

using namespace bytes8;

std::size_t visible_length_slow(std::string_view text, std::size_t& i, std::size_t end) {
  std::size_t count = 0;
  while (i < end) {
    const auto c = static_cast<unsigned char>(text[i]);
    // Printable ASCII and the lead bytes (Arabic is D8–DB) that never open a whitespace sequence.
    if ((c > ' ' && c < 0x7F) || (c >= 0xC3 && c <= 0xE0)) {
      ++count;
      ++i;
      continue;
    }
    if (c >= 0x80 && c < 0xC0) {
      ++i;
      continue;
    }
    if (std::size_t sl = space_len(text, i); sl != 0) {
      i += sl;
      continue;
    }
    ++count;
    ++i;
  }
  return count;
}

}  // namespace

std::size_t visible_length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i + 8 <= text.size()) {
    const std::uint64_t w = load8(text.data() + i);
    const std::uint64_t high = w & kHigh;
    const std::uint64_t low7 = w & ~kHigh;
    // 0xC2 or 0xE0–0xEF may open a Unicode space: read those words byte by byte.
    const std::uint64_t c2 = bytes_equal(w, 0xC2);
    const std::uint64_t ex = zero_bytes((w & (kOnes * 0xF0)) ^ (kOnes * 0xE0));
    if ((c2 | ex) != 0) {
      const std::size_t end = i + 8;
      count += visible_length_slow(text, i, end);
      continue;
    }
    const std::uint64_t continuation = high & ~((w << 1) & kHigh);
    const std::uint64_t ascii = ~high & kHigh;
    const std::uint64_t space = bytes_equal(w, 0x20) |
                                (ascii & at_least(low7, 0x09) & ~at_least(low7, 0x0E));
    count += 8 - bytes8::count(continuation | space);
    i += 8;
  }
  count += visible_length_slow(text, i, text.size());
  return count;
}

std::size_t text_length(const xmlNode* text) {
  if (text->content == nullptr) return 0;
  if (text->psvi != nullptr) return reinterpret_cast<std::uintptr_t>(text->psvi) - 1;
  const std::size_t len = visible_length(reinterpret_cast<const char*>(text->content));
  const_cast<xmlNode*>(text)->psvi = reinterpret_cast<void*>(static_cast<std::uintptr_t>(len) + 1);
  return len;
}

std::string class_and_id(const xmlNode* n) {
  const std::string_view cls = attr_view(n, "class");
  const std::string_view id = attr_view(n, "id");
  std::string s;
  s.reserve(cls.size() + 1 + id.size());
  s += cls;
  s.push_back(' ');
  s += id;
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool has_token(std::string_view haystack, std::string_view token) {
  auto is_sep = [](char c) { return c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n'; };
  std::size_t pos = haystack.find(token);
  while (pos != std::string_view::npos) {
    const bool left = pos == 0 || is_sep(haystack[pos - 1]);
    const std::size_t end = pos + token.size();
    const bool right = end == haystack.size() || is_sep(haystack[end]);
    if (left && right) return true;
    pos = haystack.find(token, pos + 1);
  }
  return false;
}

}  // namespace akhbar::parsers::html
