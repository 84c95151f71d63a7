#include "util/logfmt.h"

#include <cstdio>

namespace akhbar {

std::string logfmt_value(std::string_view value) {
  bool quote = value.empty();
  for (unsigned char c : value) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || c < 0x20) {
      quote = true;
      break;
    }
  }
  if (!quote) return std::string(value);
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  for (unsigned char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
  return out;
}

Logfmt& Logfmt::add(std::string_view key, std::string_view value) { return add_raw(key, logfmt_value(value)); }

Logfmt& Logfmt::add(std::string_view key, double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", value);
  return add_raw(key, buf);
}

Logfmt& Logfmt::add_raw(std::string_view key, std::string_view value) {
  line_.push_back(' ');
  line_.append(key);
  line_.push_back('=');
  line_.append(value);
  return *this;
}

}  // namespace akhbar
