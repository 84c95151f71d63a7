// parsers/text/charset_detect.h: which charset undeclared (or wrongly declared) bytes are in, for the
// encodings Arabic news sites use: UTF-8, UTF-16 without a BOM, windows-1256, ISO-8859-6, and
// windows-1252 (Latin pages, and Arabic pages saved by a Latin-only tool).
//
// How (measured in tests/parsers/charset_detect_test.cc on Arabic, French and English samples):
// valid UTF-8 is UTF-8; a NUL byte in every other position of mostly-markup text is UTF-16; the
// rest is decoded with each single-byte candidate and scored by how much it reads like text: a
// word is a run of letters, an all-Arabic word scores its non-ASCII letters, a Latin word scores its
// accented letters when ASCII letters carry it, and mixed-script words, U+FFFD, C1 controls and
// unassigned bytes score against. libuchardet's answer only breaks ties: alone it misreads short
// Arabic windows-1256 as other code pages (see the measurement).
// Pure, thread-safe, never throws.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::parsers {

// Lowercase name ICU accepts: "utf-8", "utf-16le", "utf-16be", "windows-1256", "iso-8859-6" or
// "windows-1252". Pure ASCII and empty input are "utf-8". Looks at the first 64 KiB at most.
std::string detect_charset(std::string_view bytes);

// How well `bytes` decoded with `charset` reads as text (higher is better; 0 for ASCII only).
// Exposed for the detector's measurement and the wrong-declaration check.
long charset_score(std::string_view bytes, std::string_view charset);

// The best charset_score among the single-byte candidates (windows-1256, ISO-8859-6, windows-1252).
long best_single_byte_score(std::string_view bytes);

// "utf-16le" / "utf-16be" when the first 4 KiB have the NUL pattern of BOM-less UTF-16 markup (the
// high byte of nearly every unit is 00 or 06, the low byte almost never 00), else "".
std::string utf16_without_bom(std::string_view bytes);

// True when `prefix` is well-formed UTF-8 except perhaps for a last sequence cut short (a prefix of a
// longer body cuts wherever it cuts).
bool valid_utf8_prefix(std::string_view prefix);

// libuchardet's guess, lowercased ("windows-1256", "iso-8859-6", "maccentraleurope", ...), "" when
// it has none. Exposed for the measurement only: detect_charset is what the decoder uses.
std::string uchardet_guess(std::string_view bytes);

}  // namespace akhbar::parsers
