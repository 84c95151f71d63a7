// util/ascii.h: the ASCII-only text helpers every module needs, in one place so that they
// agree: what a space is, how to lowercase, trim and compare case-insensitively. Only ASCII bytes
// are touched; UTF-8 sequences (Arabic letters, NBSP, ...) pass through unchanged, so these are
// right for protocol text (tags, attribute names, charsets, header values, robots.txt keys) and
// safe on any UTF-8. Unicode whitespace in page text is parsers/html/html_dom.h's collapse_whitespace.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::ascii {

// Space, tab, LF, CR, FF and VT: C's isspace() in the "C" locale, without the locale.
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// In place, for a string the caller already owns.
inline void lower_in_place(std::string& s) {
  for (char& c : s) c = to_lower(c);
}

constexpr std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

constexpr std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

constexpr std::string_view trim(std::string_view s) { return trim_right(trim_left(s)); }

// Also drops the other C0 control characters (DEL is kept): for values where a stray \x01 at an
// end is noise, such as feed fields recovered from broken XML.
constexpr std::string_view trim_controls(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

constexpr bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

constexpr bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// Position of `needle` in `haystack` ignoring ASCII case, npos when absent.
constexpr std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0) {
  if (needle.size() > haystack.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (iequals(haystack.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

}  // namespace akhbar::ascii
