// parsers/text/normalize.h: the Arabic dedupe key (ARCHITECTURE.md "Arabic text"), also the text the
// search index is fed with. In order:
//   1. invalid UTF-8 becomes U+FFFD (one per maximal ill-formed subpart); bidi and zero-width
//      controls (U+061C, U+00AD, U+180E, U+200B–U+200F, U+202A–U+202E, U+2060–U+2064,
//      U+2066–U+206F, U+FEFF) and the presentation forms of tashkeel (U+FE70–U+FE7F) are dropped;
//      U+FDFD (the basmala ligature, which has no decomposition) becomes "بسم الله الرحمن الرحيم";
//   2. NFKC: presentation forms and ligatures become letters (U+FDFC ﷼ → ریال, U+FDFA →
//      صلى الله عليه وسلم, ﻻ → لا), a decomposed hamza or madda joins its letter (ي + U+0654 → ئ);
//   3. dropped: tashkeel U+064B–U+065F and U+0670, Quranic marks (U+0610–U+061A, U+06D6–U+06ED,
//      U+08D3–U+08FF), tatweel U+0640;
//   4. folded: أ إ آ ٱ → ا, ى → ي, ة → ه; Persian look-alikes ک → ك, ی → ي, ۀ → ه, ھ → ه;
//      Arabic-Indic and Persian digits → ASCII; ، ؛ ؟ → , ; ?; Latin (below U+0250) lowercased;
//   5. every run of whitespace becomes one space; leading and trailing whitespace go.
// Hamza is kept on its carriers and alone (ؤ ئ ء stay, as in Lucene's ArabicNormalizer). Never
// stems and never drops digits. The stored text is always the original; this is only the key.
// Idempotent: normalize_arabic(normalize_arabic(x)) == normalize_arabic(x). Pure, thread-safe.
//
// Stored content_hash, simhash and the search index were computed with this key: a change to it
// needs a store migration that recomputes them (store/migrations.cc, migration 5).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::parsers {

std::string normalize_arabic(std::string_view utf8);

// The key text with, for each of its bytes, the bytes of the input it came from: `text` is
// normalize_arabic(input), and source[i] is the half-open byte range [begin, end) of `input` that
// produced text[i] (a letter with its marks, a whole ligature, the first of a run of spaces).
// Lets a caller find words in the key and show them in the original (search snippets).
struct KeyText {
  struct Span {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  std::string text;
  std::vector<Span> source;  // source.size() == text.size()
};
// REQUIRES: input.size() < 4 GiB.
KeyText normalize_arabic_mapped(std::string_view input);

// Lowercase hex SHA-256 of normalize_arabic(title) + "\n" + normalize_arabic(body).
std::string content_hash(std::string_view title, std::string_view body);
// The same hash from key text already computed (normalize_arabic(title), normalize_arabic(body)):
// callers that also need the key text (the search index is fed it) normalise once.
std::string content_hash_of_keys(std::string_view key_title, std::string_view key_body);

}  // namespace akhbar::parsers
