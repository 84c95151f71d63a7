#include "parsers/text/utf8.h"

#include <cstdint>
#include <cstring>

#include "parsers/text/bytes8.h"

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

namespace {

// One character of text at s[i] (see is_valid_text): advances `i` past it, false when it is a
// control or ill-formed.
bool step_text(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20) {
    ++i;
    return c == '\t' || c == '\n' || c == '\r';
  }
  std::size_t bad = 0;
  const std::size_t len = sequence_length(s, i, bad);
  i += len;
  return len != 0;
}

}  // namespace

bool is_valid_text(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  // Whether the last word ended with a two-byte lead, whose continuation opens this word.
  std::uint64_t carry = 0;
  while (i + 8 <= n) {
    using namespace bytes8;
    const std::uint64_t w = load8(p + i);
    const std::uint64_t high = w & kHigh;
    const std::uint64_t low = any_below(w, 0x20);
    const std::uint64_t bit6 = (w << 1) & kHigh;
    const std::uint64_t bit5 = (w << 2) & kHigh;
    const std::uint64_t continuation = high & ~bit6;  // 10xxxxxx
    const std::uint64_t lead = high & bit6 & ~bit5;   // 110xxxxx
    const std::uint64_t longer = high & bit6 & bit5;  // 111xxxxx: a three- or four-byte lead, or F8..FF
    // C0 and C1 are 110000 0x: overlong two-byte forms.
    const std::uint64_t overlong = lead & zero_bytes(w & (kOnes * 0x1E));
    // Every continuation byte follows a lead, and every lead but one in the last byte is followed by one.
    const std::uint64_t expected = (lead << 8) | carry;
    if ((low | longer | overlong) == 0 && continuation == expected) {
      carry = (lead >> 63) << 7;  // a lead in the last byte: its continuation opens the next word
      i += 8;
      continue;
    }
    // Byte by byte through this word, from the start of the character it opens with.
    if (carry != 0) --i;
    carry = 0;
    const std::size_t end = i + 8;
    while (i < end) {
      if (!step_text(s, i)) return false;
    }
  }
  if (carry != 0) --i;
  while (i < n) {
    if (!step_text(s, i)) return false;
  }
  return true;
}

void append(std::string& out, char32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 2);
  } else if (cp < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 4);
  }
}

}  // namespace akhbar::parsers::utf8
