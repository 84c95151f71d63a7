#include "parsers/html/html_dom.h"

#include <array>
#include <climits>
#include <cstdint>
#include "util/ascii.h"

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
    if (c == 0xE2 && b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) return 3;
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

// Case-insensitive: does `s` at `i` start with the lowercase ASCII word `word`?
bool starts_with_word(std::string_view s, std::size_t i, std::string_view word) {
  return i <= s.size() && ascii::istarts_with(s.substr(i), word);
}

// End of the start tag that opens at `lt` (the index just past its '>'), npos when it does not
// end. A quoted attribute value (a quote after '=') may hold '>'.
std::size_t tag_end(std::string_view s, std::size_t lt) {
  std::size_t i = lt + 1;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '>') return i + 1;
    if (c == '"' || c == '\'') {
      std::size_t k = i;
      while (k > lt && ascii::is_space(s[k - 1])) --k;
      if (s[k - 1] == '=') {
        const std::size_t close = s.find(c, i + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        i = close + 1;
        continue;
      }
    }
    ++i;
  }
  return std::string_view::npos;
}

bool is_tag_name_end(char c) { return c == '>' || c == '/' || ascii::is_space(c); }

// The page without what libxml2 is slowest on and no reader here looks at: the contents of
// <script> (except JSON ones: JSON-LD is read from the tree) and <style>, and comments, which the
// extractor drops anyway. The elements themselves stay, empty, so the tree has the same shape. A
// script's contents end where libxml2's recovering parser ends them ("</script", any case); an
// unterminated comment or tag leaves the rest of the page untouched. libxml2 2.9 walks script text
// character by character at ~85 instructions a byte; this scan costs a few.
// Empty when there is nothing to drop: the caller parses its input as it is, uncopied.
std::string without_script_text(std::string_view in) {
  std::string out;
  std::size_t copied = 0;  // in[copied, i) is still owed to `out`
  std::size_t i = 0;
  auto drop = [&](std::size_t from, std::size_t to) {
    if (out.empty()) out.reserve(in.size());
    out.append(in.substr(copied, from - copied));
    copied = to;
  };
  while ((i = in.find('<', i)) != std::string_view::npos) {
    if (in.compare(i, 4, "<!--") == 0) {
      const std::size_t end = in.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      drop(i, end + 3);
      i = end + 3;
      continue;
    }
    if (i + 1 >= in.size() || !ascii::is_alpha(in[i + 1])) {
      ++i;
      continue;
    }
    std::string_view name;
    if (starts_with_word(in, i + 1, "script")) {
      name = "script";
    } else if (starts_with_word(in, i + 1, "style")) {
      name = "style";
    }
    const std::size_t after_name = i + 1 + name.size();
    const bool raw = !name.empty() && after_name < in.size() && is_tag_name_end(in[after_name]);
    const std::size_t end = tag_end(in, i);
    if (end == std::string_view::npos) break;
    const std::string_view tag = in.substr(i, end - i);
    i = end;
    // "<script .../>": libxml2 closes it there, or not (an unquoted value ending in '/'); its
    // contents, if any, are left to libxml2 either way.
    if (!raw || tag[tag.size() - 2] == '/') continue;
    const bool keep = ascii::ifind(tag, "json") != std::string_view::npos;  // ld+json, application/json
    std::size_t close = i;
    while ((close = in.find("</", close)) != std::string_view::npos && !starts_with_word(in, close + 2, name)) {
      close += 2;
    }
    if (close == std::string_view::npos) close = in.size();
    if (!keep) drop(i, close);
    i = close;
  }
  if (copied == 0) return {};
  out.append(in.substr(copied));
  return out;
}

}  // namespace

DocPtr parse(std::string_view utf8_html) {
  if (utf8_html.empty() || utf8_html.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  // libxml2 asks for one initialisation before concurrent use; a function-local static runs it once.
  static const bool initialised = (xmlInitParser(), true);
  (void)initialised;
  const std::string stripped = without_script_text(utf8_html);
  const std::string_view html = stripped.empty() ? utf8_html : std::string_view(stripped);
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  return DocPtr(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions));
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

std::size_t visible_length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    // Fast paths: printable ASCII, continuation bytes, and lead bytes (Arabic is D8–DB) that
    // never start a whitespace sequence.
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

std::string class_and_id(const xmlNode* n) {
  std::string s = attr(n, "class");
  s.push_back(' ');
  s += attr(n, "id");
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
