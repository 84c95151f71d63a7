// parsers/text/utf8.h (private to parsers/): the one UTF-8 well-formedness check the parsers share
// (charset detection, the feed sniffer, the JSON Feed reader).
//
// Well-formed means the Unicode Standard's table 3-7: no overlong forms (C0 80, E0 80 80), no surrogates
// (ED A0 80), nothing above U+10FFFF (F4 90 80 80), no lone continuation byte, no sequence cut short.
// These are the rules of ICU's UTF-8 converter and of nlohmann's JSON lexer, so text that passes
// here passes there. Pure, allocation-free; `s` is never read past its end.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace akhbar::parsers::utf8 {

// Length (1 to 4) of the well-formed sequence starting at s[i], or 0 when there is none; `bad` is
// then set to the length of the maximal ill-formed subpart there (1 to 3): the bytes one U+FFFD
// replaces under Unicode's "maximal subpart" practice (3.9, U+FFFD substitution), after which
// scanning resumes. `bad` is left alone when the sequence is well-formed. REQUIRES: i < s.size().
//
// Inline: the JSON Feed reader calls it once per non-ASCII character.
inline std::size_t sequence_length(std::string_view s, std::size_t i, std::size_t& bad) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  const unsigned char b0 = p[i];
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {  // two bytes: Arabic, and most of what is not ASCII
    if (i + 1 < n && (p[i + 1] & 0xC0) == 0x80) return 2;
    bad = 1;
    return 0;
  }
  std::size_t trail = 0;
  unsigned char lo = 0x80;  // the range of the second byte; later ones are always 80..BF
  unsigned char hi = 0xBF;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    trail = 2;
    if (b0 == 0xE0) lo = 0xA0;  // E0 80..9F would be overlong
    if (b0 == 0xED) hi = 0x9F;  // ED A0..BF would be a surrogate
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    trail = 3;
    if (b0 == 0xF0) lo = 0x90;  // F0 80..8F would be overlong
    if (b0 == 0xF4) hi = 0x8F;  // F4 90.. would be above U+10FFFF
  } else {  // 80..BF (a lone continuation byte), C0, C1 (always overlong), F5..FF
    bad = 1;
    return 0;
  }
  for (std::size_t k = 1; k <= trail; ++k) {
    if (i + k >= n || p[i + k] < lo || p[i + k] > hi) {
      bad = k;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return trail + 1;
}

// True when all of `s` is well-formed UTF-8 (see sequence_length). `non_ascii`, when given, tells
// whether a byte of 0x80 or above was seen before the scan ended (it stops at the first ill-formed
// sequence, which is itself non-ASCII, so *non_ascii is true whenever the result is false).
// Skips ASCII eight bytes at a time: most of a feed or page is ASCII markup.
bool is_valid(std::string_view s, bool* non_ascii = nullptr);

// True when `s` is well-formed UTF-8 (as is_valid) and holds no C0 control but tab, LF and CR:
// text a tree can hold as it is. Eight bytes at a time through ASCII and through two-byte letters
// (Arabic, and most other scripts' letters); only words holding a longer sequence or a control
// are read byte by byte.
bool is_valid_text(std::string_view s);

// Appends the UTF-8 form of code point `cp`; U+FFFD for NUL, surrogates and values past U+10FFFF.
void append(std::string& out, char32_t cp);


}  // namespace akhbar::parsers::utf8
