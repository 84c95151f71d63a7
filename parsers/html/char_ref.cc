#include "parsers/html/char_ref.h"

#include <cstring>

#include <libxml/HTMLparser.h>

#include "parsers/text/utf8.h"
#include "util/ascii.h"

namespace akhbar::parsers::html {
namespace {

// HTML entity names are at most 31 characters ("CounterClockwiseContourIntegral").
constexpr std::size_t kMaxEntityName = 32;

constexpr char32_t kC1[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                              0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                              0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

bool is_hex(char c) { return ascii::is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

unsigned hex_value(char c) {
  return ascii::is_digit(c) ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(ascii::to_lower(c) - 'a' + 10);
}

}  // namespace

char32_t windows1252_c1(unsigned c1) { return c1 >= 0x80 && c1 <= 0x9F ? kC1[c1 - 0x80] : c1; }

std::size_t decode_char_ref(std::string_view s, std::size_t i, std::string& out) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    const std::size_t start = j;
    unsigned long cp = 0;
    while (j < s.size() && (hex ? is_hex(s[j]) : ascii::is_digit(s[j]))) {
      if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + hex_value(s[j]);
      ++j;
    }
    if (j == start) return 0;
    if (j < s.size() && s[j] == ';') ++j;
    utf8::append(out, cp > 0x10FFFF ? 0xFFFD : windows1252_c1(static_cast<unsigned>(cp)));
    return j - i;
  }
  while (j < s.size() && j - i <= kMaxEntityName &&
         (ascii::is_alpha(s[j]) || (j > i + 1 && ascii::is_digit(s[j])))) {
    ++j;
  }
  const std::size_t len = j - i - 1;
  if (len == 0 || len > kMaxEntityName) return 0;
  const bool semicolon = j < s.size() && s[j] == ';';
  const std::string_view name = s.substr(i + 1, len);
  if (!semicolon && name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "nbsp") return 0;
  char32_t cp = 0;
  if (name == "apos") {  // XML's and HTML 5's, not in HTML 4's table
    cp = '\'';
  } else {
    char buf[kMaxEntityName + 1];
    std::memcpy(buf, name.data(), len);
    buf[len] = '\0';
    const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(buf));
    if (e == nullptr) return 0;
    cp = e->value;
  }
  utf8::append(out, cp);
  return j - i + (semicolon ? 1 : 0);
}

void append_decoded(std::string& out, std::string_view raw) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t amp = raw.find('&', i);
    if (amp == std::string_view::npos) break;
    out.append(raw.substr(i, amp - i));
    const std::size_t used = decode_char_ref(raw, amp, out);
    if (used == 0) out.push_back('&');
    i = amp + (used == 0 ? 1 : used);
  }
  if (i < raw.size()) out.append(raw.substr(i));
}

}  // namespace akhbar::parsers::html
