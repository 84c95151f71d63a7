#include "tests/parsers/libxml2_reference.h"

#include <climits>
#include <string>

#include <libxml/HTMLparser.h>

#include "util/ascii.h"

namespace akhbar::parsers::testing {
namespace {

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

html::DocPtr parse_with_libxml2(std::string_view utf8_html) {
  if (utf8_html.empty() || utf8_html.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  const std::string stripped = without_script_text(utf8_html);
  const std::string_view html = stripped.empty() ? utf8_html : std::string_view(stripped);
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  return html::DocPtr(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions));
}

}  // namespace akhbar::parsers::testing
