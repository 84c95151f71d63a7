// parsers/feed/feed_charset.cc: a feed's bytes to UTF-8 text, and the encoding Feed::encoding reports.
// Which label wins when the BOM, the bytes, the Content-Type and the XML declaration disagree is
// decided here; the conversion itself is charset.h's.
#include "parsers/feed/feed_internal.h"

#include <string>
#include <string_view>
#include <utility>

#include <unicode/ucnv.h>

#include "parsers/text/charset.h"
#include "parsers/text/utf8.h"

namespace akhbar::parsers::feed_detail {
namespace {

std::string normalize_label(std::string_view label) {
  std::string l = ascii::to_lower(trim_controls(label));
  while (!l.empty() && (l.front() == '"' || l.front() == '\'')) l.erase(0, 1);
  while (!l.empty() && (l.back() == '"' || l.back() == '\'')) l.pop_back();
  if (l == "utf8") l = "utf-8";
  return l;
}

bool is_utf8_label(std::string_view l) { return l == "utf-8" || l == "unicode-1-1-utf-8"; }
bool is_wide_label(std::string_view l) {
  return l.rfind("utf-16", 0) == 0 || l.rfind("utf-32", 0) == 0 || l.rfind("ucs", 0) == 0 || l == "unicode";
}
// The charsets servers send by default: the XML declaration knows better.
bool is_default_label(std::string_view l) {
  return l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" || l == "us-ascii" || l == "ascii" ||
         l == "windows-1252";
}

// True when ICU can read `label` (the converter decode_to_utf8 will use).
bool is_known_charset(const std::string& label) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(label.c_str(), &status);
  if (converter != nullptr) ucnv_close(converter);
  return U_SUCCESS(status) && converter != nullptr;
}

// encoding="…" of the XML declaration at the start of `text`, lowercase; "" when none.
std::string xml_declared_encoding(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  if (text.compare(i, 5, "<?xml") != 0) return {};
  const std::size_t end = text.find("?>", i);
  const std::string_view decl = text.substr(i, end == std::string_view::npos ? 200 : end - i);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t j = at + 8;
  while (j < decl.size() && (is_space(decl[j]) || decl[j] == '=')) ++j;
  if (j >= decl.size() || (decl[j] != '"' && decl[j] != '\'')) return {};
  const char quote = decl[j++];
  const std::size_t close = decl.find(quote, j);
  if (close == std::string_view::npos) return {};
  return normalize_label(decl.substr(j, close - j));
}

// Wide encodings by BOM or by the zero bytes of "<" in UTF-16/32. A Content-Type naming UTF-16 over
// bytes without those zeros is wrong, and ignored.
std::string wide_charset(std::string_view b) {
  auto at = [&](std::size_t i) { return i < b.size() ? static_cast<unsigned char>(b[i]) : 0x100u; };
  if (at(0) == 0xFF && at(1) == 0xFE) return at(2) == 0 && at(3) == 0 ? "utf-32le" : "utf-16le";
  if (at(0) == 0xFE && at(1) == 0xFF) return "utf-16be";
  if (at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF) return "utf-32be";
  if (at(0) == '<' && at(1) == 0) return at(2) == 0 ? "utf-32le" : "utf-16le";
  if (at(0) == 0 && at(1) == '<') return "utf-16be";
  if (at(0) == 0 && at(1) == 0 && at(2) == 0 && at(3) == '<') return "utf-32be";
  return {};
}

}  // namespace

Decoded decode(std::string_view bytes, std::string_view content_type) {
  Decoded d;
  std::string header = normalize_label(charset_from_content_type(content_type));
  if (std::string wide = wide_charset(bytes); !wide.empty()) {
    d.wide = true;
    d.input = bytes;
    d.charset = std::move(wide);
    return d;
  }
  const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
  const std::string_view body = bom ? bytes.substr(3) : bytes;
  bool non_ascii = false;
  const bool valid = utf8::is_valid(body, &non_ascii);
  std::string declared = xml_declared_encoding(body);
  // A label no converter knows ("bogus") counts as absent, but the document is broken.
  std::string unknown;
  auto drop_unknown = [&unknown](std::string& l) {
    if (!l.empty() && !is_utf8_label(l) && !is_wide_label(l) && !is_known_charset(l)) unknown = std::exchange(l, {});
  };
  drop_unknown(declared);
  drop_unknown(header);
  const std::string& label = !header.empty() ? header : declared;
  if (valid) {
    d.input = body;
    if (bom || non_ascii) {
      d.charset = "utf-8";
      if (!bom && !label.empty() && !is_utf8_label(label)) {
        d.mismatch = "declared " + label + " but the bytes are UTF-8";
      }
    } else {
      d.charset = label.empty() || is_wide_label(label) ? "utf-8" : label;  // ASCII reads the same in all
    }
    if (d.mismatch.empty() && !unknown.empty()) d.mismatch = "unknown charset " + unknown + " declared";
    return d;
  }
  auto legacy = [](const std::string& l) { return !l.empty() && !is_utf8_label(l); };
  std::string chosen;
  if (legacy(header) && !(is_default_label(header) && legacy(declared))) {
    chosen = header;
  } else if (legacy(declared)) {
    chosen = declared;
  } else if (legacy(header)) {
    chosen = header;
  }
  DecodeInfo info;
  std::string ct = !chosen.empty() ? "text/xml; charset=" + chosen
                                   : (is_utf8_label(label) || bom ? "text/xml; charset=utf-8" : std::string());
  d.storage = decode_to_utf8(std::string(body), ct, &info);
  d.converted = true;
  d.charset = info.charset.empty() ? "utf-8" : info.charset;
  if (!unknown.empty()) {
    d.mismatch = "unknown charset " + unknown + " declared; read as " + d.charset;
  } else if (chosen.empty()) {
    d.mismatch = (label.empty() ? std::string("no charset declared") : "declared " + label) +
                 " but the bytes are not UTF-8; read as " + d.charset;
  }
  return d;
}

bool is_utf16_or_32(std::string_view bytes) { return !wide_charset(bytes).empty(); }

}  // namespace akhbar::parsers::feed_detail
