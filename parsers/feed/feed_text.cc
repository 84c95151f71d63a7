#include "parsers/feed/feed_text.h"

#include <algorithm>
#include <cstring>

#include <libxml/HTMLparser.h>

#include "parsers/date/date.h"
#include "parsers/html/char_ref.h"
#include "parsers/text/utf8.h"
#include "util/ascii.h"

namespace akhbar::parsers::feed_detail {

namespace {

bool starts_with_year(std::string_view s) {
  return s.size() >= 5 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
         s[3] >= '0' && s[3] <= '9' && s[4] == '-';
}

}  // namespace

std::string resolve_link(const std::optional<Url>& base, std::string_view ref) {
  while (!ref.empty() && static_cast<unsigned char>(ref.front()) <= ' ') ref.remove_prefix(1);
  while (!ref.empty() && static_cast<unsigned char>(ref.back()) <= ' ') ref.remove_suffix(1);
  if (ref.empty()) return {};
  auto u = base ? base->resolve(ref) : Url::parse(ref);
  return u ? u->str() : std::string();
}

void FeedDates::set_reference_if_unset(std::string_view text) {
  if (now_ || text.empty()) return;
  now_ = read(text);
}

std::optional<WallTime> FeedDates::read(std::string_view text) const {
  if (now_) return parse_date(text, zone_, *now_);
  const WallTime a = from_unix_ms(1'600'000'000'000);
  auto x = parse_date(text, zone_, a);
  if (!x || starts_with_year(text)) return x;
  auto y = parse_date(text, zone_, a + std::chrono::hours(24 * 400));
  if (y && *x == *y) return x;
  return std::nullopt;
}
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
using ascii::is_space;

// HTML entity names are at most 31 characters ("CounterClockwiseContourIntegral").
constexpr std::size_t kMaxEntityName = 32;

// The CDATA marker's brackets: U+E000 and U+E001, private-use characters no feed should carry.
constexpr std::string_view kMarkOpen = "\xEE\x80\x80";
constexpr std::string_view kMarkClose = "\xEE\x80\x81";

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

bool is_predefined_entity(std::string_view name) {
  return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

// Skips a quoted literal or up to the '>' closing a markup declaration, from `i` inside it.
std::size_t skip_declaration(std::string_view s, std::size_t i) {
  char quote = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return s.size();
}

// What the prolog's <!DOCTYPE> says about entities: the general entities its internal subset
// declares (sorted, slices of the input), and whether it names an external DTD.
struct Doctype {
  std::vector<std::string_view> entities;
  bool external = false;
  bool declares(std::string_view name) const { return std::binary_search(entities.begin(), entities.end(), name); }
};

Doctype read_doctype(std::string_view s) {
  Doctype d;
  std::size_t i = 0;
  for (;;) {  // the prolog: whitespace, a BOM, PIs and comments before <!DOCTYPE
    while (i < s.size() && (is_space(s[i]) || static_cast<unsigned char>(s[i]) >= 0x80)) ++i;
    if (s.compare(i, 2, "<?") == 0) {
      const std::size_t end = s.find("?>", i + 2);
      if (end == std::string_view::npos) return d;
      i = end + 2;
    } else if (s.compare(i, 4, "<!--") == 0) {
      const std::size_t end = s.find("-->", i + 4);
      if (end == std::string_view::npos) return d;
      i = end + 3;
    } else {
      break;
    }
  }
  if (s.compare(i, 9, "<!DOCTYPE") != 0) return d;
  i += 9;
  const std::size_t header_start = i;
  char quote = 0;
  for (; i < s.size(); ++i) {  // the name and external id, up to '[' or '>'
    const char c = s[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '>') {
      break;
    }
  }
  const std::string_view header = s.substr(header_start, i - header_start);
  d.external = header.find("SYSTEM") != std::string_view::npos || header.find("PUBLIC") != std::string_view::npos;
  if (i >= s.size() || s[i] != '[') return d;
  ++i;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ']') break;
    if (s.compare(i, 4, "<!--") == 0) {
      const std::size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
    } else if (s.compare(i, 8, "<!ENTITY") == 0) {
      std::size_t j = i + 8;
      while (j < s.size() && is_space(s[j])) ++j;
      if (j < s.size() && s[j] != '%') {  // parameter entities are the DTD's own business
        const std::size_t start = j;
        while (j < s.size() && !is_space(s[j]) && s[j] != '"' && s[j] != '\'' && s[j] != '>') ++j;
        if (j > start) d.entities.push_back(s.substr(start, j - start));
      }
      i = skip_declaration(s, j);
    } else if (s.compare(i, 2, "<?") == 0) {
      const std::size_t end = s.find("?>", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else if (s.compare(i, 2, "<!") == 0) {
      i = skip_declaration(s, i + 2);
    } else {
      ++i;
    }
  }
  std::sort(d.entities.begin(), d.entities.end());
  return d;
}

void append_decimal(std::string& out, std::size_t n) {
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

// Elements whose content is not text a reader sees.
bool is_hidden_html_element(std::string_view name) {
  return name == "script" || name == "style" || name == "noscript" || name == "template";
}

// Whitespace for the text sink: ASCII space and every control character (a NUL or a vertical tab
// pasted from a word processor is never meant as text).
bool is_blank(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }

// The bytes that may end a run of visible text: blanks, and 0xC2 (the lead byte of U+00A0).
constexpr struct Breaks {
  bool table[256] = {};
  constexpr Breaks() {
    for (int c = 0; c <= 0x20; ++c) table[c] = true;
    table[0x7F] = true;
    table[0xC2] = true;
  }
  constexpr bool test(unsigned char c) const { return table[c]; }
} kBreaks;

// Appends text to `out` collapsing whitespace as it goes: `space` remembers a pending separator,
// written only before the next visible character (so the result is also trimmed).
class TextSink {
 public:
  explicit TextSink(std::string& out) : out_(out) {}
  void space() { space_ = true; }
  void text(std::string_view t) {
    std::size_t i = 0;
    while (i < t.size()) {
      const char c = t[i];
      if (is_blank(c)) {
        space_ = true;
        ++i;
        continue;
      }
      if (c == '\xC2' && i + 1 < t.size() && t[i + 1] == '\xA0') {
        space_ = true;
        i += 2;
        continue;
      }
      if (c == '\xC2' && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0x80 &&
          static_cast<unsigned char>(t[i + 1]) <= 0x9F) {
        // A C1 control in text is a windows-1252 character that went through a latin-1 decoder
        // ("don\u0092t"): what the writer meant is the 1252 one (’), as for &#146;.
        if (space_ && !out_.empty()) out_ += ' ';
        space_ = false;
        utf8::append(out_, html::windows1252_c1(static_cast<unsigned char>(t[i + 1])));
        i += 2;
        continue;
      }
      std::size_t run = i + 1;
      while (run < t.size() && !kBreaks.test(static_cast<unsigned char>(t[run]))) ++run;
      if (space_ && !out_.empty()) out_ += ' ';
      space_ = false;
      out_.append(t, i, run - i);
      i = run;
    }
  }

 private:
  std::string& out_;
  bool space_ = false;
};

}  // namespace

PreparedXml prepare_xml(std::string_view s, bool take_cdata) {
  PreparedXml p;
  if (take_cdata && s.find(kMarkOpen) != std::string_view::npos) take_cdata = false;
  const Doctype doctype = read_doctype(s);
  std::string& out = p.storage;
  bool changed = false;
  std::size_t copied = 0;  // s[0, copied) is in `out` (once changed)
  auto flush = [&](std::size_t upto) {
    if (!changed) {
      out.reserve(s.size() + s.size() / 64);
      changed = true;
    }
    out.append(s, copied, upto - copied);
    copied = upto;
  };
  const char* const base = s.data();
  std::size_t i = 0;
  while (i < s.size()) {
    // The next '<' or '&': two memchr calls beat a byte loop on long text runs.
    const auto* lt = static_cast<const char*>(std::memchr(base + i, '<', s.size() - i));
    const std::size_t amp_end = lt != nullptr ? static_cast<std::size_t>(lt - base) : s.size();
    const auto* amp = static_cast<const char*>(std::memchr(base + i, '&', amp_end - i));
    if (amp == nullptr && lt == nullptr) break;
    if (amp == nullptr) {
      i = static_cast<std::size_t>(lt - base);
      if (s.compare(i, 9, "<![CDATA[") == 0) {
        const std::size_t end = s.find("]]>", i + 9);
        if (end == std::string_view::npos) {  // never closed: libxml2 and the scanner cope; go on
          i += 9;
          continue;
        }
        if (take_cdata) {
          flush(i);
          out += kMarkOpen;
          append_decimal(out, p.cdata.size());
          out += kMarkClose;
          p.cdata.push_back(s.substr(i + 9, end - i - 9));
          copied = end + 3;
        }
        i = end + 3;
      } else if (s.compare(i, 4, "<!--") == 0) {
        const std::size_t end = s.find("-->", i + 4);
        i = end == std::string_view::npos ? i + 4 : end + 3;
      } else {
        ++i;
      }
      continue;
    }
    i = static_cast<std::size_t>(amp - base);
    if (std::size_t n = char_ref_length(s, i); n > 0) {
      // &#150; means what windows-1252 puts there (an en dash) on every site that writes it;
      // XML would read an invisible C1 control.
      const bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
      unsigned long value = 0;
      for (std::size_t k = i + (hex ? 3 : 2); k + 1 < i + n && value <= 0x10FFFF; ++k) {
        value =
            value * (hex ? 16 : 10) + static_cast<unsigned long>(is_digit(s[k]) ? s[k] - '0' : ascii::to_lower(s[k]) - 'a' + 10);
      }
      if (value >= 0x80 && value <= 0x9F) {
        flush(i);
        out += "&#";
        append_decimal(out, html::windows1252_c1(value));
        out += ';';
        copied = i + n;
      }
      i += n;
      continue;
    }
    std::size_t j = i + 1;
    while (j < s.size() && j - i <= kMaxEntityName &&
           (is_alpha(s[j]) || (j > i + 1 && (is_digit(s[j]) || s[j] == '_' || s[j] == '-' || s[j] == '.')))) {
      ++j;
    }
    if (j > i + 1 && j < s.size() && s[j] == ';') {
      const std::string_view name = s.substr(i + 1, j - i - 1);
      if (is_predefined_entity(name) || doctype.declares(name)) {
        i = j + 1;
        continue;
      }
      const std::string zname(name);
      flush(i);
      if (const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(zname.c_str()))) {
        out += "&#";
        append_decimal(out, e->value);
        out += ';';
        // With an external DTD (RSS 0.91's Netscape DTD declares the HTML entities) the name was
        // legitimate; without one the document was not well-formed.
        if (!doctype.external) p.repaired = true;
        copied = j + 1;
      } else {
        out += "&amp;";  // "&name;" stays as text
        p.repaired = true;
        copied = i + 1;
      }
      i = j + 1;
      continue;
    }
    flush(i);
    out += "&amp;";
    p.repaired = true;
    copied = ++i;
  }
  if (changed) flush(s.size());
  p.input = s;
  p.changed = changed;
  return p;
}

void append_unmarked(std::string_view text, const std::vector<std::string_view>& cdata, std::string& out) {
  if (cdata.empty()) {
    out.append(text);
    return;
  }
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find(kMarkOpen, i);
    if (open == std::string_view::npos) break;
    std::size_t j = open + kMarkOpen.size();
    std::size_t index = 0;
    const std::size_t digits = j;
    while (j < text.size() && is_digit(text[j]) && j - digits < 12)
      index = index * 10 + static_cast<std::size_t>(text[j++] - '0');
    if (j == digits || text.compare(j, kMarkClose.size(), kMarkClose) != 0 || index >= cdata.size()) {
      out.append(text, i, j - i);  // not a marker of ours: keep the bytes
      i = j;
      continue;
    }
    out.append(text, i, open - i);
    out.append(cdata[index]);
    i = j + kMarkClose.size();
  }
  out.append(text, i, std::string_view::npos);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  TextSink sink(out);
  sink.text(text);
  return out;
}

bool is_inline_html_element(std::string_view name) {
  static constexpr std::string_view kInline[] = {"a",    "abbr",  "b",    "bdi",    "bdo", "cite", "code", "data",
                                                 "dfn",  "em",    "font", "i",      "kbd", "mark", "q",    "s",
                                                 "samp", "small", "span", "strong", "sub", "sup",  "time", "u",
                                                 "var",  "wbr",   "ins",  "del",    "tt",  "big",  "nobr", "label"};
  for (std::string_view i : kInline) {
    if (name == i) return true;
  }
  return false;
}

std::string html_to_text(std::string_view html) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    return collapse_whitespace(html);
  }
  std::string out;
  out.reserve(html.size());
  TextSink sink(out);
  std::string entity;
  const std::size_t n = html.size();
  std::size_t i = 0;
  std::size_t text_start = 0;
  auto emit_text = [&](std::size_t end) {
    if (end > text_start) sink.text(html.substr(text_start, end - text_start));
  };
  while (i < n) {
    const char c = html[i];
    if (c == '&') {
      entity.clear();
      const std::size_t used = html::decode_char_ref(html, i, entity);
      if (used == 0) {
        ++i;
        continue;
      }
      emit_text(i);
      sink.text(entity);
      i += used;
      text_start = i;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      emit_text(i);
      const std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? n : end + 3;
      text_start = i;
      continue;
    }
    const bool closing = i + 1 < n && html[i + 1] == '/';
    const std::size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= n ||
        !(is_alpha(html[name_start]) || (!closing && (html[name_start] == '!' || html[name_start] == '?')))) {
      ++i;  // "5 < 6": a '<' that opens nothing is text
      continue;
    }
    // The tag runs to the next '>' outside quoted attribute values.
    std::size_t end = name_start;
    char quote = 0;
    char last = 0;  // the last non-space character outside quotes: a value is quoted right after '='
    while (end < n && (quote != 0 || html[end] != '>')) {
      const char e = html[end];
      if (quote != 0) {
        if (e == quote) quote = 0;
      } else if ((e == '"' || e == '\'') && last == '=') {
        quote = e;
      } else if (!is_space(e)) {
        last = e;
      }
      ++end;
    }
    if (end >= n) {
      ++i;  // a tag never closed: keep the text, as a reader would rather see it
      continue;
    }
    emit_text(i);
    char name[16];
    std::size_t len = 0;
    for (std::size_t k = name_start; k < end && len < sizeof name && (is_alpha(html[k]) || is_digit(html[k])); ++k) {
      name[len++] = ascii::to_lower(html[k]);
    }
    const std::string_view tag(name, len);
    i = end + 1;
    if (!closing && is_hidden_html_element(tag) && html[end - 1] != '/') {
      // Skip to the matching end tag ("</script", any case).
      std::size_t k = i;
      for (;;) {
        k = html.find("</", k);
        if (k == std::string_view::npos) {
          k = n;
          break;
        }
        std::size_t m = 0;
        while (m < len && k + 2 + m < n && ascii::to_lower(html[k + 2 + m]) == tag[m]) ++m;
        if (m == len) break;
        k += 2;
      }
      const std::size_t close = html.find('>', k);
      i = close == std::string_view::npos ? n : close + 1;
    }
    if (len == 0 || !is_inline_html_element(tag)) sink.space();
    text_start = i;
  }
  emit_text(n);
  return out;
}

}  // namespace akhbar::parsers::feed_detail
