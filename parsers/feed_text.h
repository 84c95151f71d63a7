// parsers/feed_text.h (private to parsers/): text helpers for feed.cc: preparing feed bytes for a
// strict XML parser, and turning the HTML found in titles and summaries into plain text.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::parsers::feed_detail {

// The charset parameter of a Content-Type value ("text/xml; charset="windows-1256"" → "windows-1256"),
// or "" when there is none.
std::string charset_from_content_type(std::string_view content_type);

// Real feeds carry a bare "&" ("أخبار & تقارير") and HTML entities XML does not know (&nbsp;,
// &rsquo;). Rewrites them outside CDATA sections and comments: a bare "&" becomes "&amp;", a known
// HTML entity becomes its numeric reference, an unknown "&name;" becomes "&amp;name;". Only for
// ASCII-compatible encodings (the caller skips UTF-16/32).
std::string escape_stray_ampersands(std::string_view bytes);

// Collapses runs of whitespace (ASCII and U+00A0) to one space, and trims.
std::string collapse_whitespace(std::string_view text);

// The text of an HTML fragment (tags stripped, entities decoded, script/style dropped, block
// elements separated by spaces), whitespace collapsed. Text without '<' or '&' is only collapsed.
std::string html_to_text(std::string_view html);

}  // namespace akhbar::parsers::feed_detail
