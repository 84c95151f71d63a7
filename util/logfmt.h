// util/logfmt.h: one log line per event, "event key=value ...", values quoted only when they hold a
// space, '"' or '=', UTF-8 printed as-is (no \u escapes).
//   log.info("{}", Logfmt("fetch").add("site", s).add("url", u).add("status", 200).add("ms", 12));
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace akhbar {

class Logfmt {
 public:
  explicit Logfmt(std::string_view event) : line_(event) {}

  Logfmt& add(std::string_view key, std::string_view value);
  Logfmt& add(std::string_view key, const std::string& value) { return add(key, std::string_view(value)); }
  Logfmt& add(std::string_view key, const char* value) { return add(key, std::string_view(value ? value : "")); }
  Logfmt& add(std::string_view key, bool value) { return add(key, std::string_view(value ? "yes" : "no")); }
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Logfmt& add(std::string_view key, T value) {
    return add_raw(key, std::to_string(value));
  }
  Logfmt& add(std::string_view key, double value);

  const std::string& str() const { return line_; }
  operator std::string_view() const { return line_; }  // NOLINT: reads naturally in log calls

 private:
  Logfmt& add_raw(std::string_view key, std::string_view value);
  std::string line_;
};

// Quotes a logfmt value when it needs it; control characters are escaped, UTF-8 kept.
std::string logfmt_value(std::string_view value);

}  // namespace akhbar

