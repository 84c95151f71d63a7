// parsers/text/text_sniff.h: is this body text at all? Images, PDFs, archives and random bytes
// served as text/html (or saved as .html) must not become an "article" of mojibake.
//
// Looks at the first kSniffBytes (8 KiB):
//   1. a magic number: PNG, JPEG, GIF, WebP, ICO, PDF, gzip, zip, bzip2, xz, 7z, ELF, MP4 → "image/png"...;
//   2. a BOM (UTF-8, UTF-16) or the NUL pattern of BOM-less UTF-16 → text;
//   3. C0 control bytes other than tab, LF, FF, CR (NUL included) and DEL: text has none or a few;
//      at least 8 of them making at least 1% of the sample is "NUL bytes" / "control characters";
//   4. bytes that are not UTF-8 and read as no plausible single-byte charset (no candidate of
//      charset_detect.h reads even a quarter of the non-ASCII bytes as letters of plausible words)
//      are "not text in any charset". Skipped when the page declares a charset detection does not
//      know (Shift_JIS, KOI8-R...): that page is decoded as declared.
// Pure, thread-safe, never throws.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::parsers {

// "" when `bytes` looks like text (empty input is text); else why not: "image/png",
// "application/pdf", "NUL bytes", "control characters", "not text in any charset", ...
// `declared` is the charset the page declares (normalised label, see charset.h), "" when none.
std::string binary_kind(std::string_view bytes, std::string_view declared = {});

inline bool looks_like_text(std::string_view bytes) { return binary_kind(bytes).empty(); }

}  // namespace akhbar::parsers
