#include "parsers/text/normalize.h"

#include <array>
#include <atomic>
#include <cassert>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "parsers/text/sha256.h"
#include "parsers/text/utf8.h"

namespace akhbar::parsers {
namespace {

// U+FDFD ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM has no decomposition in Unicode, so NFKC
// keeps it as one symbol; the key spells it out.
constexpr char16_t kBasmala[] = u"بسم الله الرحمن الرحيم";

// Dropped before NFKC: invisible controls, so that one between a letter and its mark does not keep
// NFKC from composing them (and the key from being idempotent), and the isolated and medial
// presentation forms of tashkeel, which NFKC would turn into a space or a tatweel plus the mark.
bool dropped_before_nfkc(UChar32 c) {
  return c == 0x061C || c == 0x00AD || c == 0x180E           // Arabic letter mark, soft hyphen, MVS
         || (c >= 0x200B && c <= 0x200F)                      // ZWSP, ZWNJ, ZWJ, LRM, RLM
         || (c >= 0x202A && c <= 0x202E)                      // bidi embeddings and overrides
         || (c >= 0x2060 && c <= 0x2064)                      // word joiner, invisible operators
         || (c >= 0x2066 && c <= 0x206F)                      // bidi isolates, deprecated shaping controls
         || c == 0xFEFF                                       // BOM / zero-width no-break space
         || (c >= 0xFE70 && c <= 0xFE7F);                     // tashkeel presentation forms
}

// Dropped after NFKC: tashkeel, Quranic marks, tatweel.
bool dropped_after_nfkc(UChar32 c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670    // tashkeel, hamza and madda marks, superscript alef
         || (c >= 0x0610 && c <= 0x061A)                 // Quranic honorifics and small marks
         || (c >= 0x06D6 && c <= 0x06ED)                 // Quranic annotation signs
         || (c >= 0x08D3 && c <= 0x08FF)                 // Arabic Extended-A Quranic marks and tanween forms
         || c == 0x0640;                                 // tatweel
}

UChar32 fold(UChar32 c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
  switch (c) {
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;  // أ إ آ ٱ → ا
    case 0x0649: case 0x06CC: return 0x064A;                            // ى ی → ي
    case 0x0629: case 0x06C0: case 0x06BE: return 0x0647;               // ة ۀ ھ → ه
    case 0x06A9: return 0x0643;                                         // ک → ك
    case 0x060C: return ',';                                            // ، ؛ ؟
    case 0x061B: return ';';
    case 0x061F: return '?';
    default: break;
  }
  if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);  // Arabic-Indic digits
  if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);  // Persian (Extended Arabic-Indic) digits
  if (c < 0x0250) return u_tolower(c);                         // Latin blocks only
  return c;
}

bool is_white(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(c);
}

const icu::Normalizer2* nfkc_instance() {
  static const icu::Normalizer2* const kNfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return kNfkc;
}

// What the key does with a code point, cached for the BMP: one lookup per character.
enum : std::uint8_t {
  kKnown = 1,         // the cache entry is filled
  kAlone = 2,         // NFKC leaves the code point unchanged when nothing attaches to it
  kBoundary = 4,      // never interacts with what precedes it (Normalizer2::hasBoundaryBefore)
  kWhite = 8,         // whitespace
  kDropBefore = 16,   // dropped_before_nfkc
  kDropAfter = 32,    // dropped_after_nfkc
};

std::uint8_t compute_props(const icu::Normalizer2* nfkc, UChar32 c) {
  std::uint8_t p = kKnown;
  if (nfkc == nullptr) {
    p |= kAlone | kBoundary;
  } else {
    // أ, ؤ, آ... have a decomposition that NFKC composes back: they stand alone too.
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString alone(c);
    if (nfkc->normalize(alone, status) == alone && U_SUCCESS(status)) p |= kAlone;
    if (nfkc->hasBoundaryBefore(c)) p |= kBoundary;
  }
  if (is_white(c)) p |= kWhite;
  if (dropped_before_nfkc(c)) p |= kDropBefore;
  if (dropped_after_nfkc(c)) p |= kDropAfter;
  return p;
}

std::array<std::atomic<std::uint8_t>, 0x10000> g_props{};  // zero: not computed yet

std::uint8_t props(const icu::Normalizer2* nfkc, UChar32 c) {
  if (c < 0x80) {
    // ASCII: no decomposition, a boundary before every character; whitespace is the only class.
    const bool white = c == ' ' || (c >= '\t' && c <= '\r');
    return kKnown | kAlone | kBoundary | (white ? kWhite : 0);
  }
  if (c >= 0x10000) return compute_props(nfkc, c);
  auto& slot = g_props[static_cast<std::size_t>(c)];
  std::uint8_t p = slot.load(std::memory_order_relaxed);
  if (p == 0) {
    p = compute_props(nfkc, c);
    slot.store(p, std::memory_order_relaxed);  // racing threads store the same value
  }
  return p;
}

// The code point at s[i]; `len` gets its length. An ill-formed sequence reads as U+FFFD over its
// maximal subpart (Unicode 3.9), as ICU's converters do.
UChar32 decode(std::string_view s, std::size_t i, std::size_t& len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  if (p[0] < 0x80) {
    len = 1;
    return p[0];
  }
  std::size_t bad = 0;
  len = utf8::sequence_length(s, i, bad);
  switch (len) {
    case 2: return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    case 3: return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    case 4: return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    default: len = bad; return 0xFFFD;
  }
}

using Span = KeyText::Span;

void append_utf8(std::string& out, UChar32 c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 2);
  } else {
    utf8::append(out, static_cast<char32_t>(c));
  }
}

// Steps 3 to 5 of the header, fed NFKC output one code point at a time. With kMapped, every output
// byte also records the input bytes it came from.
template <bool kMapped>
class KeyBuilder {
 public:
  KeyBuilder(const icu::Normalizer2* nfkc, std::size_t size_hint) : nfkc_(nfkc) {
    key_.text.reserve(size_hint);
    if constexpr (kMapped) key_.source.reserve(size_hint);
  }

  // `p` is props(c).
  void put(UChar32 c, std::uint8_t p, Span from) {
    if ((p & kWhite) != 0) {
      if (!pending_space_) space_from_ = from;
      pending_space_ = true;
      return;
    }
    if ((p & (kDropAfter | kDropBefore)) != 0) {
      dropped_ = true;
      return;
    }
    if (dropped_) {
      // A mark that NFKC saw attached to a dropped character now follows the letter before it:
      // a second pass composes them, so that the key stays idempotent.
      dropped_ = false;
      if ((p & kBoundary) == 0) unstable_ = true;
    }
    if (pending_space_) {
      pending_space_ = false;
      if (!key_.text.empty()) append(' ', space_from_);
    }
    append(fold(c), from);
  }
  void put(UChar32 c, Span from) { put(c, props(nfkc_, c), from); }

  bool unstable() const { return unstable_; }
  KeyText take() { return std::move(key_); }

 private:
  void append(UChar32 c, Span from) {
    const std::size_t before = key_.text.size();
    append_utf8(key_.text, c);
    if constexpr (kMapped) key_.source.insert(key_.source.end(), key_.text.size() - before, from);
  }

  const icu::Normalizer2* nfkc_;
  KeyText key_;
  Span space_from_;
  bool pending_space_ = false;
  bool dropped_ = false;
  bool unstable_ = false;
};

// One NFKC segment, s[begin, end): a starter and what attaches to it. Normalised on its own, which
// Normalizer2 guarantees gives what normalising the whole text gives (the next character has a
// boundary before it).
template <bool kMapped>
void put_segment(const icu::Normalizer2* nfkc, std::string_view s, std::size_t begin, std::size_t end,
                 KeyBuilder<kMapped>& key) {
  icu::UnicodeString segment;
  std::size_t last_end = begin;
  for (std::size_t i = begin, len = 0; i < end; i += len) {
    const UChar32 c = decode(s, i, len);
    if ((props(nfkc, c) & kDropBefore) != 0) continue;
    last_end = i + len;
    if (c == 0xFDFD) {
      segment.append(icu::UnicodeString(kBasmala));
    } else {
      segment.append(c);
    }
  }
  icu::UnicodeString normalized;
  if (nfkc != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    nfkc->normalize(segment, normalized, status);
    if (U_FAILURE(status)) normalized = segment;
  } else {
    normalized = segment;
  }
  const Span from{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(last_end)};
  for (int32_t i = 0; i < normalized.length();) {
    const UChar32 c = normalized.char32At(i);
    i += U16_LENGTH(c);
    key.put(c, from);
  }
}

template <bool kMapped>
[[gnu::flatten]] KeyBuilder<kMapped> run(std::string_view s) {
  const icu::Normalizer2* nfkc = nfkc_instance();
  KeyBuilder<kMapped> key(nfkc, s.size());
  std::size_t len = 0;
  std::size_t i = 0;
  UChar32 c = 0;
  std::uint8_t p = 0;
  if (!s.empty()) {
    c = decode(s, 0, len);
    p = props(nfkc, c);
  }
  // Each turn handles the code point c = s[i, i + len) with props p, and reads ahead to the next
  // one: the segment goes on over what follows without a normalisation boundary before it (marks),
  // skipping the controls dropped before NFKC.
  while (i < s.size()) {
    const std::size_t begin = i;
    const std::size_t c_end = i + len;
    const UChar32 first = c;
    const std::uint8_t first_props = p;
    bool attached = false;
    std::size_t j = c_end;
    while (j < s.size()) {
      c = decode(s, j, len);
      p = props(nfkc, c);
      if ((p & kDropBefore) == 0) {
        if ((p & kBoundary) != 0) break;
        attached = true;
      }
      j += len;
    }
    if ((first_props & kDropBefore) != 0 && !attached) {
      // a control, and nothing attached to it
    } else if (!attached && (first_props & kAlone) != 0 && first != 0xFDFD) {
      key.put(first, first_props, Span{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(c_end)});
    } else {
      put_segment(nfkc, s, begin, j, key);
    }
    i = j;
  }
  return key;
}

}  // namespace

std::string normalize_arabic(std::string_view utf8) {
  auto first = run<false>(utf8);
  if (!first.unstable()) return first.take().text;
  const std::string once = first.take().text;
  return run<false>(once).take().text;
}

KeyText normalize_arabic_mapped(std::string_view input) {
  assert(input.size() < (std::size_t{1} << 32));
  auto first = run<true>(input);
  if (!first.unstable()) return first.take();
  KeyText once = first.take();
  KeyText twice = run<true>(once.text).take();
  // The second pass's spans point into the first pass's text: map them through to the input.
  for (Span& span : twice.source) {
    span = Span{once.source[span.begin].begin, once.source[span.end - 1].end};
  }
  return twice;
}

std::string content_hash(std::string_view title, std::string_view body) {
  return content_hash_of_keys(normalize_arabic(title), normalize_arabic(body));
}

std::string content_hash_of_keys(std::string_view key_title, std::string_view key_body) {
  std::string keyed;
  keyed.reserve(key_title.size() + 1 + key_body.size());
  keyed.append(key_title).append("\n").append(key_body);
  return sha256_hex(keyed);
}

}  // namespace akhbar::parsers
