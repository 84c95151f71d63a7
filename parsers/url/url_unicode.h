// parsers/url/url_unicode.h: the two Unicode steps of a URL's canonical form, through ICU: an
// internationalised host to its ASCII (punycode) form, and UTF-8 text to NFC, so that one Arabic
// slug typed or encoded two ways ("أ" precomposed or as ا + U+0654) is one address. Pure; ICU's
// data is loaded on first use, not at start-up. Internal to parsers/url.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::parsers::url_unicode {

// UTS #46 (non-transitional, as browsers): "موقع.مصر" → "xn--4gbrim.xn--wgbh1c". False when the
// host is not a valid domain name.
bool host_to_ascii(std::string_view host, std::string& out);

// `text` in NFC into `out`; false (and `out` untouched) when it already is, or is not UTF-8.
bool to_nfc(std::string_view text, std::string& out);

}  // namespace akhbar::parsers::url_unicode
