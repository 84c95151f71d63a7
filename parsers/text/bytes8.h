// parsers/text/bytes8.h (private to parsers/): eight bytes at a time. The masks below set the high
// bit of each byte of a 64-bit word (read with load8) that meets a test; the text scanners
// (utf8::is_valid_text, html::visible_length, the binary sniffer) skip whole words with them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace akhbar::parsers::bytes8 {

inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr std::uint64_t kHigh = 0x8080808080808080ULL;

// The eight bytes at `p`, byte 0 lowest (x86 and every little-endian target the project builds on).
inline std::uint64_t load8(const void* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Exactly the bytes that are zero.
constexpr std::uint64_t zero_bytes(std::uint64_t w) { return ~(((w & ~kHigh) + ~kHigh) | w) & kHigh; }

// Exactly the bytes equal to `c`.
constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) { return zero_bytes(w ^ (kOnes * c)); }

// Non-zero when some byte is below `n` (n ≤ 0x80); which bytes are flagged may be off.
constexpr std::uint64_t any_below(std::uint64_t w, unsigned n) { return (w - kOnes * n) & ~w & kHigh; }

// Exactly the bytes from `n` up, for a word whose high bits are cleared (n < 0x80).
constexpr std::uint64_t at_least(std::uint64_t low7, unsigned n) { return (low7 + kOnes * (0x80U - n)) & kHigh; }

// How many bytes a mask flags: a multiply, not the library call __builtin_popcountll becomes when
// the target may lack POPCNT.
constexpr std::size_t count(std::uint64_t mask) { return static_cast<std::size_t>(((mask >> 7) * kOnes) >> 56); }

}  // namespace akhbar::parsers::bytes8
