// parsers/text/mojibake.h: undoing one wrong decoding that a CMS (or a copy-paste) baked into a page,
// so that the page is already "valid" text, just the wrong text:
//   - "utf-8 read as windows-1256": "ط§ظ„ط¹ط±ط¨ظٹط©" for "العربية" (UTF-8 bytes shown as cp1256);
//   - "windows-1256 read as windows-1252": "ÇáÚÑÈíÉ" for "العربية".
// Works on runs: a maximal run of non-ASCII characters not glued to an ASCII letter or digit (both
// wrong decodings map ASCII to itself, so spaces and markup bound the damage). A run is repaired
// when it encodes back into the wrong charset's bytes without loss, those bytes decode cleanly
// in the right charset (valid UTF-8; no U+FFFD or C1 control), and the result is clearly more
// Arabic: at least kRepairedArabicShare (0.8) of its letters-or-marks are Arabic, a gain of at least
// kArabicShareGain (0.3) over the run as it was. Only runs are touched, so a page whose title is right
// and whose body is broken comes out right everywhere. Nothing is repaired unless the repaired runs
// together hold at least kMinRepairedLetters (5) Arabic letters (a French "Ça" is not Arabic mojibake).
// Pure, thread-safe, never throws.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace akhbar::parsers {

struct MojibakeRepair {
  std::string text;     // the whole input with every repaired run replaced
  std::string what;     // "utf-8 read as windows-1256" or "windows-1256 read as windows-1252"
  std::size_t runs = 0; // how many runs were repaired
};

// `text` is UTF-8. nullopt when nothing is (safely) repairable; the input is then right as it is.
std::optional<MojibakeRepair> repair_mojibake(std::string_view text);

}  // namespace akhbar::parsers
