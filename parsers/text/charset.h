// parsers/text/charset.h: bytes of unknown encoding → UTF-8. Order: BOM > HTTP Content-Type charset >
// <meta charset> / <meta http-equiv> / <?xml encoding?> in the first 4 KiB > detection
// (charset_detect.h: valid UTF-8, BOM-less UTF-16, else the best-reading of windows-1256,
// ISO-8859-6 and windows-1252). A declaration the bytes plainly contradict is overridden by
// detection and DecodeInfo::declared says what was declared: "utf-8" on bytes that are mostly not
// UTF-8, or a legacy charset on non-ASCII bytes that are all valid UTF-8. Then mojibake baked into
// the text (mojibake.h: UTF-8 once read as windows-1256, windows-1256 read as windows-1252) is
// repaired and DecodeInfo::repair says so. Conversion through ICU; invalid sequences become
// U+FFFD, never a failure. decode_text also refuses bytes that are not text (text_sniff.h). Pure.
#pragma once
#include <string>
#include <string_view>

#include "util/result.h"

namespace akhbar::parsers {

// "text/html; charset=Windows-1256" → "windows-1256"; empty when absent.
std::string charset_from_content_type(std::string_view content_type);

// The charset declared inside the document (<meta>, XML declaration), lowercased; empty when none.
std::string sniff_declared_charset(std::string_view bytes);

struct DecodeInfo {
  std::string charset;   // what was used, lowercased ("utf-8", "windows-1256", ...)
  std::string source;    // "bom", "header", "meta", "detected", "default"
  std::string declared;  // a declaration the bytes contradicted (source is then "detected"), else ""
  std::string repair;    // "utf-8 read as windows-1256", "windows-1256 read as windows-1252", or ""
};

// Takes the body by value so a body that is already UTF-8 (and needs no repair) is moved through
// without a copy. A leading UTF-8 BOM is removed.
std::string decode_to_utf8(std::string bytes, std::string_view content_type, DecodeInfo* info = nullptr);

// decode_to_utf8 for a page that must be text (an article, a listing): bytes that are not text
// (an image, a PDF, an archive, random bytes; see text_sniff.h) fail with kInvalidInput and the
// message "binary data (image/png)", "binary data (NUL bytes)", ... The few stray NULs a text page
// may carry are dropped.
Result<std::string> decode_text(std::string bytes, std::string_view content_type, DecodeInfo* info = nullptr);

// `bytes` in `charset` (a name ICU knows) as UTF-8, malformed input as U+FFFD; "" when ICU has no
// such converter. The one conversion helper of parsers/text/.
std::string convert_to_utf8(std::string_view bytes, const std::string& charset);

}  // namespace akhbar::parsers
