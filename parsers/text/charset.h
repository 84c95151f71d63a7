// parsers/text/charset.h: bytes of unknown encoding → UTF-8. Order: BOM > HTTP Content-Type charset >
// <meta charset> / <meta http-equiv> / <?xml encoding?> in the first 4 KiB > valid UTF-8 >
// windows-1256 (the most common legacy Arabic encoding). Conversion through ICU; invalid
// sequences become U+FFFD, never a failure. Pure.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::parsers {

// "text/html; charset=Windows-1256" → "windows-1256"; empty when absent.
std::string charset_from_content_type(std::string_view content_type);

// The charset declared inside the document (<meta>, XML declaration), lowercased; empty when none.
std::string sniff_declared_charset(std::string_view bytes);

struct DecodeInfo {
  std::string charset;  // what was used, lowercased ("utf-8", "windows-1256", ...)
  std::string source;   // "bom", "header", "meta", "detected", "default"
};

// Takes the body by value so a body that is already UTF-8 is moved through without a copy.
// A leading UTF-8 BOM is removed.
std::string decode_to_utf8(std::string bytes, std::string_view content_type, DecodeInfo* info = nullptr);

}  // namespace akhbar::parsers
