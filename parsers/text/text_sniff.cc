#include "parsers/text/text_sniff.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parsers/text/bytes8.h"
#include "parsers/text/charset_detect.h"

namespace akhbar::parsers {
namespace {

// Enough for any magic number and a fair sample of control bytes; the head of a page is markup.
constexpr std::size_t kSniffBytes = 8 * 1024;
// Control bytes: at least this many, and at least this share of the sample, mean binary. A few
// stray ones (a form feed, a 0x1A from a DOS editor, a NUL at the end) are tolerated.
constexpr std::size_t kMinControlBytes = 8;
constexpr double kMaxControlShare = 0.01;
// Non-UTF-8 bytes whose best single-byte reading scores below (non-ASCII bytes) / this are noise:
// in real Arabic or Latin text nearly every non-ASCII byte is a letter of a plausible word (+1).
constexpr long kNoiseDivisor = 4;
// Below this many non-ASCII bytes the charset check has too little to go on.
constexpr std::size_t kMinNonAsciiForNoise = 64;

struct Magic {
  std::size_t offset;
  std::string_view bytes;
  std::string_view kind;
};
using namespace std::string_view_literals;
constexpr std::array kMagics = {
    Magic{0, "\x89PNG\r\n\x1A\n"sv, "image/png"},
    Magic{0, "\xFF\xD8\xFF"sv, "image/jpeg"},
    Magic{0, "GIF87a"sv, "image/gif"},
    Magic{0, "GIF89a"sv, "image/gif"},
    Magic{8, "WEBP"sv, "image/webp"},
    Magic{0, "\x00\x00\x01\x00"sv, "image/x-icon"},
    Magic{0, "%PDF-"sv, "application/pdf"},
    Magic{0, "\x1F\x8B"sv, "application/gzip"},
    Magic{0, "PK\x03\x04"sv, "application/zip"},
    Magic{0, "BZh"sv, "application/x-bzip2"},
    Magic{0, "\xFD" "7zXZ\x00"sv, "application/x-xz"},
    Magic{0, "7z\xBC\xAF\x27\x1C"sv, "application/x-7z-compressed"},
    Magic{0, "\x7F" "ELF"sv, "application/x-executable"},
    Magic{4, "ftyp"sv, "video/mp4"},
};

bool has_bom(std::string_view b) {
  return b.substr(0, 3) == "\xEF\xBB\xBF"sv || b.substr(0, 2) == "\xFF\xFE"sv || b.substr(0, 2) == "\xFE\xFF"sv;
}

bool is_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F;
}

}  // namespace

std::string binary_kind(std::string_view bytes, std::string_view declared) {
  const std::string_view head = bytes.substr(0, kSniffBytes);
  for (const auto& m : kMagics) {
    if (head.size() >= m.offset + m.bytes.size() && head.substr(m.offset, m.bytes.size()) == m.bytes) {
      // "BZh" must be followed by the block size digit, "ftyp" by a brand: cheap guards for text.
      if (m.kind == "application/x-bzip2" && (head.size() < 4 || head[3] < '1' || head[3] > '9')) continue;
      if (m.offset == 8 && head.substr(0, 4) != "RIFF"sv) continue;
      return std::string(m.kind);
    }
  }
  if (head.empty() || has_bom(head) || !utf16_without_bom(head).empty()) return {};
  std::size_t controls = 0, nuls = 0;
  for (std::size_t i = 0; i < head.size(); ++i) {
    // Eight bytes at a time past those with none below 0x20 and no DEL (nearly all of them).
    if (i + 8 <= head.size()) {
      const std::uint64_t w = bytes8::load8(head.data() + i);
      if ((bytes8::any_below(w, 0x20) | bytes8::bytes_equal(w, 0x7F)) == 0) {
        i += 7;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(head[i]);
    if (is_control(c)) ++controls;
    if (c == 0) ++nuls;
  }
  if (controls >= kMinControlBytes &&
      static_cast<double>(controls) >= kMaxControlShare * static_cast<double>(head.size())) {
    return nuls > 0 ? "NUL bytes" : "control characters";
  }
  const bool detectable = declared.empty() || declared == "utf-8" || declared == "windows-1256" ||
                          declared == "iso-8859-6" || declared == "windows-1252";
  if (!detectable || valid_utf8_prefix(head)) return {};
  std::size_t non_ascii = 0;
  for (const char c : head) non_ascii += static_cast<unsigned char>(c) >> 7;
  if (non_ascii >= kMinNonAsciiForNoise && best_single_byte_score(head) < static_cast<long>(non_ascii) / kNoiseDivisor) {
    return "not text in any charset";
  }
  return {};
}

}  // namespace akhbar::parsers
