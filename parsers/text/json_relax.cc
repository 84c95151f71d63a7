#include "parsers/text/json_relax.h"

namespace akhbar::parsers {
namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The code unit of a "\uXXXX" escape starting at s[i] (the backslash), or -1.
int unicode_escape_at(std::string_view s, std::size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  int v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    if (!is_hex(s[k])) return -1;
    v = v * 16 + (s[k] <= '9' ? s[k] - '0' : (s[k] | 0x20) - 'a' + 10);
  }
  return v;
}

}  // namespace

std::string relax_json(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 64);
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!in_string) {
      if (c == '"') in_string = true;
      if (c == ',') {
        std::size_t j = i + 1;
        while (j < s.size() && is_json_space(s[j])) ++j;
        if (j < s.size() && (s[j] == '}' || s[j] == ']')) continue;
      }
      out.push_back(c);
      continue;
    }
    if (c == '"') {
      in_string = false;
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : " ";
    } else if (c != '\\' || i + 1 == s.size()) {
      out.push_back(c);
    } else if (const char e = s[i + 1]; e == 'u') {
      const int unit = unicode_escape_at(s, i);
      if (unit < 0) {  // "\u" without four hex digits: keep the text, drop the backslash
        ++i;
        out.push_back('u');
      } else if (unit >= 0xD800 && unit <= 0xDBFF) {
        const int low = unicode_escape_at(s, i + 6);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          out.append(s.data() + i, 12);
          i += 11;
        } else {
          out += "\\ufffd";
          i += 5;
        }
      } else {
        out += unit >= 0xDC00 && unit <= 0xDFFF ? std::string_view("\\ufffd") : s.substr(i, 6);
        i += 5;
      }
    } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
      out.push_back(c);
      out.push_back(e);
      ++i;
    }
    // else "\'" and friends: the backslash is dropped, and the character is copied on the next turn.
  }
  return out;
}

}  // namespace akhbar::parsers
