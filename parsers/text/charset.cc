#include "parsers/text/charset.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <unicode/ucnv.h>
#include <unicode/utypes.h>

#include "parsers/text/charset_detect.h"
#include "parsers/text/mojibake.h"
#include "parsers/text/text_sniff.h"
#include "parsers/text/utf8.h"
#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

// Declarations are only looked for in the first 4 KiB, like miniflux's and close to the HTML
// standard's 1024-byte prescan (4 KiB also catches <meta> placed after long inline styles).
constexpr std::size_t kPrescanBytes = 4096;

// A page declared UTF-8 whose bytes are broken keeps UTF-8 (with U+FFFD) when at least this share
// of its non-ASCII sequences is valid UTF-8: a few stray bytes in a real UTF-8 page must not turn
// the whole page into windows-1256 mojibake.
constexpr double kMostlyUtf8 = 0.9;

// A legacy declaration is overridden as UTF-8 only on this many well-formed multi-byte sequences
// and no ill-formed one: cp1256 or ISO-8859-6 Arabic is never that, by accident.
constexpr std::size_t kMinUtf8Evidence = 4;

constexpr std::string_view kFallbackCharset = "windows-1256";

// The value after "charset=" in a Content-Type-like string (also a meta content attribute).
std::string charset_param(std::string_view s) {
  std::size_t pos = ascii::ifind(s, "charset");
  while (pos != std::string_view::npos) {
    std::size_t i = pos + 7;
    while (i < s.size() && ascii::is_space(s[i])) ++i;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && ascii::is_space(s[i])) ++i;
      char quote = 0;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) quote = s[i++];
      std::size_t end = i;
      while (end < s.size() && s[end] != quote && s[end] != ';' && s[end] != ',' &&
             !(quote == 0 && (ascii::is_space(s[end]) || s[end] == '"' || s[end] == '\''))) {
        ++end;
      }
      return ascii::to_lower(ascii::trim(s.substr(i, end - i)));
    }
    pos = ascii::ifind(s, "charset", pos + 7);
  }
  return {};
}

// Maps the labels seen on Arabic sites to the names we report and hand to ICU. Unknown labels are
// returned as given (ICU knows many aliases itself); an empty result means "ignore it".
std::string normalize_label(std::string_view raw) {
  std::string label = ascii::to_lower(ascii::trim(raw));
  struct Alias {
    std::string_view from;
    std::string_view to;
  };
  static constexpr std::array kAliases = {
      Alias{"utf8", "utf-8"},
      Alias{"utf-8", "utf-8"},
      Alias{"unicode-1-1-utf-8", "utf-8"},
      Alias{"x-unicode20utf8", "utf-8"},
      Alias{"windows-1256", "windows-1256"},
      Alias{"cp1256", "windows-1256"},
      Alias{"x-cp1256", "windows-1256"},
      Alias{"win-1256", "windows-1256"},
      Alias{"windows1256", "windows-1256"},
      Alias{"ms-arab", "windows-1256"},
      Alias{"iso-8859-6", "iso-8859-6"},
      Alias{"iso8859-6", "iso-8859-6"},
      Alias{"iso_8859-6", "iso-8859-6"},
      Alias{"iso-8859-6-i", "iso-8859-6"},
      Alias{"iso-8859-6-e", "iso-8859-6"},
      Alias{"arabic", "iso-8859-6"},
      Alias{"asmo-708", "iso-8859-6"},
      Alias{"ecma-114", "iso-8859-6"},
      Alias{"iso-ir-127", "iso-8859-6"},
      Alias{"csisolatinarabic", "iso-8859-6"},
      // The web treats these as windows-1252 (WHATWG Encoding); it is a superset.
      Alias{"iso-8859-1", "windows-1252"},
      Alias{"iso8859-1", "windows-1252"},
      Alias{"latin1", "windows-1252"},
      Alias{"l1", "windows-1252"},
      Alias{"us-ascii", "windows-1252"},
      Alias{"ascii", "windows-1252"},
      Alias{"cp1252", "windows-1252"},
      Alias{"windows-1252", "windows-1252"},
      Alias{"utf-16", "utf-16le"},
      Alias{"utf-16le", "utf-16le"},
      Alias{"utf-16be", "utf-16be"},
  };
  for (const auto& a : kAliases) {
    if (label == a.from) return std::string(a.to);
  }
  if (label.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(label.c_str(), &status);
  if (U_FAILURE(status) || cnv == nullptr) return {};
  ucnv_close(cnv);
  return label;
}

// What kMostlyUtf8 weighs: the well-formed multi-byte sequences, and the bytes at which no
// well-formed sequence starts. After such a byte the scan moves on by one byte, not by the maximal
// ill-formed subpart, so a cut-off three-byte sequence counts twice.
struct Utf8Scan {
  std::size_t valid_multibyte = 0;
  std::size_t invalid = 0;
};

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan r;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t bad = 0;
    const std::size_t len = utf8::sequence_length(s, i, bad);
    if (len == 0) {
      ++r.invalid;
      ++i;
    } else {
      if (len > 1) ++r.valid_multibyte;
      i += len;
    }
  }
  return r;
}

bool is_utf16(std::string_view charset) { return charset.rfind("utf-16", 0) == 0; }

}  // namespace

// Converts through ICU; malformed input becomes U+FFFD (ICU's default substitute callback).
std::string convert_to_utf8(std::string_view bytes, const std::string& from) {
  if (bytes.empty()) return {};
  // A single-byte or UTF-16 code unit never needs more than 3 UTF-8 bytes; multibyte legacy
  // encodings use at least 2 bytes for the 4-byte UTF-8 sequences. The retry covers the rest.
  std::string out(bytes.size() * 3 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t written = ucnv_convert("UTF-8", from.c_str(), out.data(), static_cast<int32_t>(out.size()),
                                 bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    out.assign(static_cast<std::size_t>(written) + 1, '\0');
    status = U_ZERO_ERROR;
    written = ucnv_convert("UTF-8", from.c_str(), out.data(), static_cast<int32_t>(out.size()),
                           bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  }
  if (U_FAILURE(status)) return {};
  out.resize(static_cast<std::size_t>(written));
  return out;
}

namespace {

// UTF-8 with bad sequences replaced by U+FFFD.
std::string repair_utf8(std::string_view bytes) { return convert_to_utf8(bytes, "UTF-8"); }

void report(DecodeInfo* info, std::string_view charset, std::string_view source) {
  if (info != nullptr) {
    info->charset = std::string(charset);
    info->source = std::string(source);
  }
}

// Bytes whose declaration was overridden: decoded with what detection says, and the declaration
// kept in DecodeInfo::declared.
std::string decode_detected(std::string bytes, const std::string& declared, DecodeInfo* info) {
  const std::string detected = detect_charset(bytes);
  report(info, detected, "detected");
  if (info != nullptr) info->declared = declared;
  if (detected == "utf-8") return utf8::is_valid(bytes) ? bytes : repair_utf8(bytes);
  return convert_to_utf8(bytes, detected);
}

// Decodes with a declared (header or meta) charset. `declared` is already normalised.
std::string decode_declared(std::string bytes, const std::string& declared, std::string_view source,
                            DecodeInfo* info) {
  const Utf8Scan scan = scan_utf8(bytes);
  if (declared == "utf-8") {
    if (scan.invalid == 0) {
      report(info, "utf-8", source);
      return bytes;
    }
    const double total = static_cast<double>(scan.valid_multibyte + scan.invalid);
    if (static_cast<double>(scan.valid_multibyte) >= kMostlyUtf8 * total) {
      report(info, "utf-8", source);
      return repair_utf8(bytes);
    }
    return decode_detected(std::move(bytes), declared, info);
  }
  // Every legacy encoding we accept is ASCII-compatible: pure ASCII passes through untouched.
  if (!is_utf16(declared) && scan.valid_multibyte == 0 && scan.invalid == 0) {
    report(info, declared, source);
    return bytes;
  }
  // A legacy label on bytes that are plainly UTF-8 (a CMS that moved to UTF-8 and kept its old
  // header or <meta>).
  if (!is_utf16(declared) && scan.invalid == 0 && scan.valid_multibyte >= kMinUtf8Evidence) {
    report(info, "utf-8", "detected");
    if (info != nullptr) info->declared = declared;
    return bytes;
  }
  report(info, declared, source);
  std::string out = convert_to_utf8(bytes, declared);
  if (out.empty() && !bytes.empty()) {
    report(info, kFallbackCharset, "default");
    return convert_to_utf8(bytes, std::string(kFallbackCharset));
  }
  return out;
}

// Value of attribute `name` inside one tag's text ("<meta ... >"), lowercase name; empty if absent.
std::string tag_attribute(std::string_view tag, std::string_view name) {
  std::size_t i = 0;
  while (i < tag.size()) {
    while (i < tag.size() && (ascii::is_space(tag[i]) || tag[i] == '/')) ++i;
    std::size_t start = i;
    while (i < tag.size() && !ascii::is_space(tag[i]) && tag[i] != '=' && tag[i] != '>' && tag[i] != '/') ++i;
    std::string_view attr = tag.substr(start, i - start);
    while (i < tag.size() && ascii::is_space(tag[i])) ++i;
    std::string_view value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && ascii::is_space(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        const char q = tag[i++];
        std::size_t end = tag.find(q, i);
        if (end == std::string_view::npos) end = tag.size();
        value = tag.substr(i, end - i);
        i = end + 1;
      } else {
        std::size_t vs = i;
        while (i < tag.size() && !ascii::is_space(tag[i]) && tag[i] != '>') ++i;
        value = tag.substr(vs, i - vs);
      }
    }
    if (attr.empty()) {
      ++i;
      continue;
    }
    if (ascii::to_lower(attr) == name) return std::string(value);
  }
  return {};
}

}  // namespace

std::string charset_from_content_type(std::string_view content_type) {
  return charset_param(content_type);
}

std::string sniff_declared_charset(std::string_view bytes) {
  std::string_view head = bytes.substr(0, kPrescanBytes);
  std::string_view start = ascii::trim(head);
  if (ascii::istarts_with(start, "<?xml")) {
    std::size_t end = start.find("?>");
    std::string_view decl = start.substr(0, end == std::string_view::npos ? start.size() : end);
    std::string enc = tag_attribute(decl.substr(5), "encoding");
    if (!enc.empty()) return ascii::to_lower(ascii::trim(enc));
  }
  std::size_t pos = ascii::ifind(head, "<meta");
  while (pos != std::string_view::npos) {
    std::size_t end = head.find('>', pos);
    if (end == std::string_view::npos) break;
    std::string_view tag = head.substr(pos + 5, end - pos - 5);
    std::string charset = tag_attribute(tag, "charset");
    if (!charset.empty()) return ascii::to_lower(ascii::trim(charset));
    if (ascii::to_lower(ascii::trim(tag_attribute(tag, "http-equiv"))) == "content-type") {
      std::string from_content = charset_param(tag_attribute(tag, "content"));
      if (!from_content.empty()) return from_content;
    }
    pos = ascii::ifind(head, "<meta", end);
  }
  return {};
}

namespace {

// The decoding proper (no mojibake repair), in the order of the header comment.
std::string decode_bytes(std::string bytes, std::string_view content_type, DecodeInfo* info) {
  const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    bytes.erase(0, 3);
    report(info, "utf-8", "bom");
    if (utf8::is_valid(bytes)) return bytes;
    return repair_utf8(bytes);
  }
  if (bytes.size() >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    const bool le = u[0] == 0xFF;
    report(info, le ? "utf-16le" : "utf-16be", "bom");
    return convert_to_utf8(std::string_view(bytes).substr(2), le ? "UTF-16LE" : "UTF-16BE");
  }
  if (std::string header = normalize_label(charset_from_content_type(content_type)); !header.empty()) {
    // A UTF-16 header on bytes without a BOM or the NUL pattern is wrong (most likely "utf-16"
    // from a misconfigured server on an ASCII-compatible page).
    if (!is_utf16(header) || !utf16_without_bom(bytes).empty()) {
      return decode_declared(std::move(bytes), header, "header", info);
    }
  }
  if (std::string meta = normalize_label(sniff_declared_charset(bytes)); !meta.empty()) {
    // A document that could declare its charset in ASCII is not UTF-16 (HTML standard: treat as
    // UTF-8).
    if (is_utf16(meta)) meta = "utf-8";
    return decode_declared(std::move(bytes), meta, "meta", info);
  }
  const std::string detected = detect_charset(bytes);
  report(info, detected, "detected");
  if (detected == "utf-8") return bytes;
  return convert_to_utf8(bytes, detected);
}

}  // namespace

std::string decode_to_utf8(std::string bytes, std::string_view content_type, DecodeInfo* info) {
  std::string text = decode_bytes(std::move(bytes), content_type, info);
  if (auto repaired = repair_mojibake(text)) {
    if (info != nullptr) info->repair = std::move(repaired->what);
    return std::move(repaired->text);
  }
  return text;
}

Result<std::string> decode_text(std::string bytes, std::string_view content_type, DecodeInfo* info) {
  std::string declared = normalize_label(charset_from_content_type(content_type));
  if (declared.empty()) declared = normalize_label(sniff_declared_charset(bytes));
  if (std::string kind = binary_kind(bytes, declared); !kind.empty()) {
    return fail(Errc::kInvalidInput, "binary data (" + kind + ")");
  }
  std::string text = decode_to_utf8(std::move(bytes), content_type, info);
  // A stray NUL (text_sniff.h tolerates a few) would end the string for libxml2's parser.
  std::erase(text, '\0');
  return text;
}

}  // namespace akhbar::parsers
