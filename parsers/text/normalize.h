// parsers/text/normalize.h: the Arabic dedupe key. NFKC, then drop tashkeel (U+064B–U+065F, U+0670,
// Quranic marks U+06D6–U+06ED), tatweel U+0640, bidi and zero-width controls; fold أ إ آ ٱ → ا,
// ى → ي, ة → ه, ؤ → و, ئ → ي, Persian look-alikes (ک → ك, ی → ي, ۀ → ه), Arabic-Indic and
// Persian digits → ASCII; lowercase Latin; collapse whitespace to single spaces and trim.
// Never stems and never drops digits. The stored text is the original; this is only the key. Pure.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace akhbar::parsers {

std::string normalize_arabic(std::string_view utf8);

// Lowercase hex SHA-256 of normalize_arabic(title) + "\n" + normalize_arabic(body).
std::string content_hash(std::string_view title, std::string_view body);

}  // namespace akhbar::parsers
