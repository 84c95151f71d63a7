#include "parsers/text/utf8.h"

#include <cstdint>
#include <cstring>

namespace akhbar::parsers::utf8 {

bool is_valid(std::string_view s, bool* non_ascii) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  bool high = false;
  bool ok = true;
  std::size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      // Eight ASCII bytes at a time: most of a feed's markup.
      while (i + 8 <= n) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        if ((word & 0x8080808080808080ULL) != 0) break;
        i += 8;
      }
      continue;
    }
    high = true;
    std::size_t bad = 0;
    const std::size_t len = sequence_length(s, i, bad);
    if (len == 0) {
      ok = false;
      break;
    }
    i += len;
  }
  if (non_ascii != nullptr) *non_ascii = high;
  return ok;
}

}  // namespace akhbar::parsers::utf8
