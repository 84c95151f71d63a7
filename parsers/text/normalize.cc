#include "parsers/text/normalize.h"

#include <array>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "parsers/text/sha256.h"

namespace akhbar::parsers {
namespace {

bool is_dropped(UChar32 c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED)  // tashkeel, Quranic marks
         || c == 0x0640                                                                // tatweel
         || c == 0x061C || c == 0x00AD || c == 0xFEFF || c == 0x2060                   // ALM, soft hyphen, BOM, WJ
         || (c >= 0x200B && c <= 0x200F)                                               // zero-width, LRM, RLM
         || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);             // bidi embeddings, isolates
}

UChar32 fold(UChar32 c) {
  switch (c) {
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;  // أ إ آ ٱ → ا
    case 0x0649: case 0x0626: case 0x06CC: return 0x064A;               // ى ئ ی → ي
    case 0x0629: case 0x06C0: return 0x0647;                            // ة ۀ → ه
    case 0x0624: return 0x0648;                                         // ؤ → و
    case 0x06A9: return 0x0643;                                         // ک → ك
    default: break;
  }
  if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
  if (c < 0x0250) return u_tolower(c);  // Latin blocks only
  return c;
}

bool is_white(UChar32 c) { return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || u_isUWhiteSpace(c); }

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

std::string normalize_arabic(std::string_view utf8) {
  const icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString normalized;
  if (U_SUCCESS(status)) {
    normalized = nfkc->normalize(input, status);
  }
  if (U_FAILURE(status)) normalized = input;

  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < normalized.length();) {
    const UChar32 c = normalized.char32At(i);
    i += U16_LENGTH(c);
    if (is_white(c)) {
      pending_space = true;
      continue;
    }
    if (is_dropped(c)) continue;
    if (pending_space && !out.isEmpty()) out.append(static_cast<UChar>(' '));
    pending_space = false;
    out.append(fold(c));
  }
  return to_utf8(out);
}

std::string content_hash(std::string_view title, std::string_view body) {
  return sha256_hex(normalize_arabic(title) + "\n" + normalize_arabic(body));
}

}  // namespace akhbar::parsers
