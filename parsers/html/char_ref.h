// parsers/html/char_ref.h (private to parsers/): HTML character references ("&amp;", "&#1575;",
// "&#x627;") as browsers read them, for every reader of HTML text here (the tree builder, feed
// text). Names are HTML 4's, from libxml2's table, plus &apos;; numeric references may lack their
// ';', and so may the commonest legacy names (amp lt gt quot nbsp); a numeric reference into the
// C1 range means the windows-1252 character ("&#150;" is an en dash), as on every browser.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace akhbar::parsers::html {

// Decodes the reference at s[i] == '&' onto `out`; returns the bytes it took (0 when there is no
// reference there: the '&' is text, and nothing is appended).
std::size_t decode_char_ref(std::string_view s, std::size_t i, std::string& out);

// Appends `raw` to `out` with every character reference decoded.
void append_decoded(std::string& out, std::string_view raw);

// The character windows-1252 has at byte `c1` (0x80–0x9F); its five unassigned bytes stay as
// they are.
char32_t windows1252_c1(unsigned c1);

}  // namespace akhbar::parsers::html
