#include "parsers/text/mojibake.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <unicode/utf8.h>

#include "parsers/text/charset.h"
#include "parsers/text/utf8.h"
#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

// A repaired run must be this Arabic (share of its counted characters that are Arabic letters or
// marks): real Arabic text is close to 1.0.
constexpr double kRepairedArabicShare = 0.8;
// ... and this much more Arabic than before. UTF-8 read as cp1256 is about 0.5 (every lead byte
// becomes ط ظ ع or غ, every trail byte a symbol); cp1256 read as cp1252 is 0 (Latin letters).
constexpr double kArabicShareGain = 0.3;
// Below this many Arabic letters in all repaired runs together, nothing is repaired.
constexpr std::size_t kMinRepairedLetters = 5;

struct Kind {
  std::string_view shown_as;  // the charset the bytes were wrongly decoded with
  std::string_view real;      // the charset they are really in
  std::string_view what;      // for DecodeInfo and logs
};
constexpr std::array<Kind, 2> kKinds = {
    Kind{"windows-1256", "utf-8", "utf-8 read as windows-1256"},
    Kind{"windows-1252", "windows-1256", "windows-1256 read as windows-1252"},
};

// Code point → byte of a single-byte charset, for the bytes 0x80..0xFF. Bytes the charset leaves
// unassigned (cp1252's 81 8D 8F 90 9D) were shown as the C1 control of the same value, as browsers do.
using ReverseTable = std::map<UChar32, uint8_t>;

ReverseTable build_reverse(std::string_view charset) {
  ReverseTable table;
  for (int b = 0x80; b <= 0xFF; ++b) {
    const std::string one(1, static_cast<char>(b));
    const std::string utf8_char = convert_to_utf8(one, std::string(charset));
    UChar32 c = -1;
    int32_t i = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(utf8_char.data());
    if (!utf8_char.empty()) U8_NEXT(s, i, static_cast<int32_t>(utf8_char.size()), c);
    const bool assigned = c >= 0 && c != 0xFFFD && c != 0x1A && i == static_cast<int32_t>(utf8_char.size());
    table.emplace(assigned ? c : b, static_cast<uint8_t>(b));
  }
  return table;
}

const ReverseTable& reverse_table(std::string_view charset) {
  static const ReverseTable k1256 = build_reverse("windows-1256");
  static const ReverseTable k1252 = build_reverse("windows-1252");
  return charset == "windows-1256" ? k1256 : k1252;
}

struct Share {
  std::size_t arabic = 0;   // Arabic letters and marks
  std::size_t counted = 0;  // non-ASCII characters other than Arabic punctuation and digits
  double value() const { return counted == 0 ? 0.0 : static_cast<double>(arabic) / static_cast<double>(counted); }
};

bool is_arabic_letter(UChar32 c) { return c >= 0x621 && c <= 0x64A; }
bool is_arabic_mark(UChar32 c) { return c >= 0x64B && c <= 0x652; }
bool is_arabic_neutral(UChar32 c) {
  return c == 0x60C || c == 0x61B || c == 0x61F || c == 0x640 || (c >= 0x660 && c <= 0x669);
}

Share arabic_share(std::string_view utf8_text) {
  Share s;
  const auto* p = reinterpret_cast<const uint8_t*>(utf8_text.data());
  const auto n = static_cast<int32_t>(utf8_text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && c < 0x80) continue;
    if (is_arabic_neutral(c)) continue;
    ++s.counted;
    if (is_arabic_letter(c) || is_arabic_mark(c)) ++s.arabic;
  }
  return s;
}

std::size_t arabic_letters(std::string_view utf8_text) {
  std::size_t n = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(utf8_text.data());
  const auto len = static_cast<int32_t>(utf8_text.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c = 0;
    U8_NEXT(p, i, len, c);
    if (is_arabic_letter(c)) ++n;
  }
  return n;
}

bool clean(std::string_view utf8_text) {
  const auto* p = reinterpret_cast<const uint8_t*>(utf8_text.data());
  const auto n = static_cast<int32_t>(utf8_text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0 || c == 0xFFFD || (c >= 0x80 && c <= 0x9F)) return false;
  }
  return true;
}

// Whether byte `b` can come next in UTF-8 when `owed` continuation bytes are still due (updated).
// Lead bytes C2..F4 only: C0, C1 and F5..FF never occur in UTF-8.
bool fits_utf8_structure(uint8_t b, int& owed) {
  if (owed > 0) {
    if ((b & 0xC0) != 0x80) return false;
    --owed;
    return true;
  }
  if (b < 0x80) return true;
  if (b >= 0xC2 && b <= 0xDF) owed = 1;
  else if (b >= 0xE0 && b <= 0xEF) owed = 2;
  else if (b >= 0xF0 && b <= 0xF4) owed = 3;
  else return false;
  return true;
}

// The run re-read as `kind.real`, or nullopt when it is not that mojibake.
std::optional<std::string> repair_run(std::string_view run, const Kind& kind) {
  const ReverseTable& table = reverse_table(kind.shown_as);
  const bool to_utf8 = kind.real == "utf-8";
  std::string bytes;
  bytes.reserve(run.size());
  const auto* p = reinterpret_cast<const uint8_t*>(run.data());
  const auto n = static_cast<int32_t>(run.size());
  int owed = 0;  // continuation bytes the UTF-8 sequence being rebuilt still needs
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    auto it = table.find(c);
    if (it == table.end()) return std::nullopt;
    // Every word of a correctly decoded Arabic page passes through here, and its letters are all
    // in windows-1256: rebuilt as bytes they are lead bytes in a row, which UTF-8 never has. Stop
    // at the first byte out of place instead of building the word and validating it afterwards.
    if (to_utf8 && !fits_utf8_structure(it->second, owed)) return std::nullopt;
    bytes.push_back(static_cast<char>(it->second));
  }
  if (owed != 0) return std::nullopt;
  std::string fixed;
  if (kind.real == "utf-8") {
    if (!utf8::is_valid(bytes)) return std::nullopt;
    fixed = std::move(bytes);
  } else {
    fixed = convert_to_utf8(bytes, std::string(kind.real));
  }
  if (fixed.empty() || !clean(fixed)) return std::nullopt;
  const double after = arabic_share(fixed).value();
  const double before = arabic_share(run).value();
  if (after < kRepairedArabicShare || after - before < kArabicShareGain) return std::nullopt;
  return fixed;
}

bool is_ascii_alnum(char c) { return ascii::is_alpha(c) || ascii::is_digit(c); }

}  // namespace

std::optional<MojibakeRepair> repair_mojibake(std::string_view text) {
  MojibakeRepair out;
  std::array<std::size_t, kKinds.size()> runs_of_kind{};
  std::size_t repaired_letters = 0;
  std::size_t copied = 0;  // text[0, copied) is already in out.text
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
    const bool glued = (i > 0 && is_ascii_alnum(text[i - 1])) || (end < n && is_ascii_alnum(text[end]));
    const std::string_view run = text.substr(i, end - i);
    if (!glued && utf8::is_valid(run)) {
      for (std::size_t k = 0; k < kKinds.size(); ++k) {
        auto fixed = repair_run(run, kKinds[k]);
        if (!fixed) continue;
        repaired_letters += arabic_letters(*fixed);
        out.text.append(text.substr(copied, i - copied));
        out.text += *fixed;
        copied = end;
        ++runs_of_kind[k];
        ++out.runs;
        break;
      }
    }
    i = end;
  }
  if (out.runs == 0 || repaired_letters < kMinRepairedLetters) return std::nullopt;
  out.text.append(text.substr(copied));
  const std::size_t top = runs_of_kind[0] >= runs_of_kind[1] ? 0 : 1;
  out.what = std::string(kKinds[top].what);
  return out;
}

}  // namespace akhbar::parsers
