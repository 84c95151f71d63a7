// parsers/date/date_iso.cc: the machine form of a whole date string, ISO 8601 / RFC 3339:
// "2022-10-06", "2022-10-06T14:00", "2022-10-06 14:00:00.5+0300" (see date_internal.h).
#include <string_view>

#include "parsers/date/date_internal.h"
#include "util/ascii.h"

namespace akhbar::parsers::date_detail {


namespace {

bool read_digits(std::string_view s, std::size_t& p, std::size_t n, int& out) {
  if (p + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[p + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  p += n;
  return true;
}

}  // namespace

std::optional<WallTime> parse_iso(std::string_view s, std::string_view zone) {
  Civil c;
  std::size_t p = 0;
  if (!read_digits(s, p, 4, c.year) || p >= s.size() || s[p++] != '-' || !read_digits(s, p, 2, c.month) ||
      p >= s.size() || s[p++] != '-' || !read_digits(s, p, 2, c.day)) {
    return std::nullopt;
  }
  std::optional<int> offset;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return std::nullopt;
    ++p;
    if (!read_digits(s, p, 2, c.hour) || p >= s.size() || s[p++] != ':' || !read_digits(s, p, 2, c.minute)) {
      return std::nullopt;
    }
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!read_digits(s, p, 2, c.second)) return std::nullopt;
      if (c.second == 60) c.second = 59;  // leap second
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        int scale = 100;
        std::size_t start = p;
        for (; p < s.size() && s[p] >= '0' && s[p] <= '9'; ++p) {
          c.millis += (s[p] - '0') * scale;
          scale /= 10;
        }
        if (p == start) return std::nullopt;
      }
    }
    while (p < s.size() && s[p] == ' ') ++p;
    if (p < s.size()) {
      if (s[p] == 'Z' || s[p] == 'z') {
        offset = 0;
        ++p;
      } else if (s[p] == '+' || s[p] == '-') {
        const int sign = s[p++] == '-' ? -1 : 1;
        int hh = 0;
        int mm = 0;
        if (!read_digits(s, p, 2, hh)) return std::nullopt;
        if (p < s.size() && s[p] == ':') ++p;
        if (p < s.size() && !read_digits(s, p, 2, mm)) return std::nullopt;
        if (hh > 18 || mm > 59) return std::nullopt;
        offset = sign * (hh * 3600 + mm * 60);
      } else if (ascii::iequals(s.substr(p), "utc") || ascii::iequals(s.substr(p), "gmt")) {
        offset = 0;
        p = s.size();
      }
    }
    if (p != s.size()) return std::nullopt;
  }
  return to_instant(c, offset, zone);
}

}  // namespace akhbar::parsers::date_detail
