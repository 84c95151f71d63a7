#include "parsers/text/charset_detect.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <uchardet/uchardet.h>
#include <unicode/utf8.h>

#include "parsers/text/charset.h"
#include "parsers/text/utf8.h"
#include "util/ascii.h"
#include "util/free_with.h"

namespace akhbar::parsers {
namespace {

// Detection reads at most this much: enough text for a stable score, bounded work on a 15 MB body.
constexpr std::size_t kDetectBytes = 64 * 1024;
// UTF-16 without a BOM: looked for in this prefix, where markup (ASCII) dominates.
constexpr std::size_t kUtf16SniffBytes = 4096;
// In UTF-16LE markup, the high byte (odd offsets) of nearly every unit is 00 (ASCII) or 06
// (Arabic); the low byte is almost never 00. These shares say "nearly every" and "almost never".
constexpr double kUtf16HighShare = 0.8;
constexpr double kUtf16LowZeroShare = 0.05;
// What one U+FFFD, C1 control, stray C0 control or unassigned byte costs against a letter.
constexpr long kBadCharCost = 3;

// The single-byte candidates, in the order ties are broken when uchardet has no opinion: Arabic
// sites use windows-1256 far more than ISO-8859-6.
constexpr std::array<std::string_view, 3> kSingleByte = {"windows-1256", "iso-8859-6", "windows-1252"};

using Uchardet = std::unique_ptr<struct uchardet, FreeWith<uchardet_delete>>;

enum class Kind { kSeparator, kAsciiLetter, kLatin, kArabic, kArabicOther, kArabicMark, kBad };

Kind classify(UChar32 c) {
  if (c < 0x80) {
    if (ascii::is_alpha(static_cast<char>(c))) return Kind::kAsciiLetter;
    if (c < 0x20 && !ascii::is_space(static_cast<char>(c))) return Kind::kBad;
    return Kind::kSeparator;
  }
  if (c <= 0x9F || c == 0xFFFD || c < 0) return Kind::kBad;
  if ((c >= 0xC0 && c <= 0x24F) && c != 0xD7 && c != 0xF7) return Kind::kLatin;
  if ((c >= 0x621 && c <= 0x63A) || (c >= 0x641 && c <= 0x64A)) return Kind::kArabic;
  // Persian and Urdu letters: cp1256 puts them where cp1252 has € Š Ž š À ª; Arabic news rarely
  // uses them, so they belong to an Arabic word without counting for it.
  if ((c >= 0x66E && c <= 0x6D3) || c == 0x6D5) return Kind::kArabicOther;
  if ((c >= 0x64B && c <= 0x65F) || c == 0x670 || c == 0x640) return Kind::kArabicMark;
  return Kind::kSeparator;
}

struct Word {
  long ascii = 0;
  long latin = 0;
  long arabic = 0;
  long other_arabic = 0;
  long marks = 0;

  // A word that reads as one script scores its non-ASCII letters; a mixed one scores against.
  long score() const {
    const long arabic_script = arabic + other_arabic;
    if (arabic_script > 0 && ascii == 0 && latin == 0) return arabic - (marks > arabic ? marks - arabic : 0);
    // "é", "à", "Ça", "élève" read as Latin; "ÇáÚÑÈíÉ" (all accents) does not.
    if (arabic_script == 0 && latin > 0) return ascii + 1 >= latin ? latin : -latin;
    if (arabic_script > 0) return -(arabic_script + latin);
    return -marks;  // marks with no letter to sit on
  }
};

long text_score(std::string_view utf8_text) {
  long score = 0;
  Word word;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8_text.data());
  const auto n = static_cast<int32_t>(utf8_text.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    switch (classify(c)) {
      case Kind::kAsciiLetter: ++word.ascii; break;
      case Kind::kLatin: ++word.latin; break;
      case Kind::kArabic: ++word.arabic; break;
      case Kind::kArabicOther: ++word.other_arabic; break;
      case Kind::kArabicMark: ++word.marks; break;
      case Kind::kBad:
        score -= kBadCharCost;
        [[fallthrough]];
      case Kind::kSeparator:
        score += word.score();
        word = Word{};
        break;
    }
  }
  return score + word.score();
}

}  // namespace

std::string utf16_without_bom(std::string_view bytes) {
  const std::size_t units = std::min(bytes.size(), kUtf16SniffBytes) / 2;
  if (units < 8) return {};
  std::size_t high_even = 0, high_odd = 0, zero_even = 0, zero_odd = 0;
  for (std::size_t u = 0; u < units; ++u) {
    const auto even = static_cast<unsigned char>(bytes[2 * u]);
    const auto odd = static_cast<unsigned char>(bytes[2 * u + 1]);
    if (even == 0x00 || even == 0x06) ++high_even;
    if (odd == 0x00 || odd == 0x06) ++high_odd;
    if (even == 0x00) ++zero_even;
    if (odd == 0x00) ++zero_odd;
  }
  const double total = static_cast<double>(units);
  if (high_odd >= kUtf16HighShare * total && zero_even <= kUtf16LowZeroShare * total) return "utf-16le";
  if (high_even >= kUtf16HighShare * total && zero_odd <= kUtf16LowZeroShare * total) return "utf-16be";
  return {};
}

bool valid_utf8_prefix(std::string_view head) {
  if (utf8::is_valid(head)) return true;
  std::size_t end = head.size();
  for (std::size_t back = 0; back < 4 && end > 0; ++back) {
    const auto b = static_cast<unsigned char>(head[end - 1]);
    --end;
    if ((b & 0xC0) != 0x80) break;  // dropped the lead byte (or an ASCII byte): a boundary
  }
  return utf8::is_valid(head.substr(0, end));
}

long charset_score(std::string_view bytes, std::string_view charset) {
  return text_score(convert_to_utf8(bytes.substr(0, kDetectBytes), std::string(charset)));
}

long best_single_byte_score(std::string_view bytes) {
  long best = 0;
  for (std::size_t i = 0; i < kSingleByte.size(); ++i) {
    const long score = charset_score(bytes, kSingleByte[i]);
    if (i == 0 || score > best) best = score;
  }
  return best;
}

std::string uchardet_guess(std::string_view bytes) {
  Uchardet ud(uchardet_new());
  if (!ud) return {};
  const std::string_view head = bytes.substr(0, kDetectBytes);
  if (uchardet_handle_data(ud.get(), head.data(), head.size()) != 0) return {};
  uchardet_data_end(ud.get());
  const char* name = uchardet_get_charset(ud.get());
  return name == nullptr ? std::string() : ascii::to_lower(name);
}

namespace {

// uchardet's name for a Latin page is ISO-8859-1 (or -15): windows-1252 is its superset.
std::string as_candidate(std::string guess) {
  if (guess == "iso-8859-1" || guess == "iso-8859-15") return "windows-1252";
  return guess;
}

}  // namespace

std::string detect_charset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, kDetectBytes);
  if (std::string wide = utf16_without_bom(head); !wide.empty()) return wide;
  if (head.size() == bytes.size() ? utf8::is_valid(head) : valid_utf8_prefix(head)) return "utf-8";
  std::array<std::string, kSingleByte.size()> texts;
  std::array<long, kSingleByte.size()> scores{};
  std::size_t best = 0;
  for (std::size_t i = 0; i < kSingleByte.size(); ++i) {
    texts[i] = convert_to_utf8(head, std::string(kSingleByte[i]));
    scores[i] = text_score(texts[i]);
    if (scores[i] > scores[best]) best = i;
  }
  if (std::count(scores.begin(), scores.end(), scores[best]) == 1) return std::string(kSingleByte[best]);
  // A tie: uchardet decides among the tied; when it names none of them and windows-1256 reads
  // exactly like windows-1252 (French accents are in both), the page is Latin.
  const std::string guess = as_candidate(uchardet_guess(head));
  for (std::size_t i = 0; i < kSingleByte.size(); ++i) {
    if (scores[i] == scores[best] && kSingleByte[i] == guess) return guess;
  }
  constexpr std::size_t k1256 = 0, k1252 = 2;
  if (best == k1256 && scores[k1252] == scores[k1256] && texts[k1252] == texts[k1256]) {
    return std::string(kSingleByte[k1252]);
  }
  return std::string(kSingleByte[best]);
}

}  // namespace akhbar::parsers
