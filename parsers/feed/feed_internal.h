// parsers/feed/feed_internal.h (private to parsers/): what parse_feed() (feed.cc) shares with the files
// it is split into: the bytes to UTF-8 (feed_charset.cc); libxml2 run quietly with its errors
// captured, and where the document starts (feed_xml.cc); and the small ASCII helpers they all use.
// The tree readers are in feed_tree.h.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/feed/xml_handles.h"
#include "util/result.h"
#include "util/ascii.h"

namespace akhbar::parsers::feed_detail {

using ascii::is_space;
// Feed values lose stray control characters at their ends as well as whitespace.
using ascii::trim_controls;

// ---------------------------------------------------------------------------------------------
// Bytes to UTF-8 (feed_charset.cc).

struct Decoded {
  std::string_view input;  // the bytes, less a UTF-8 BOM: the text when they are UTF-8 or `wide`
  std::string storage;     // the bytes converted to UTF-8, when they were not
  bool converted = false;
  std::string charset;   // lowercase, what the bytes were read as
  bool wide = false;     // UTF-16/32: libxml2 decodes
  std::string mismatch;  // why the declared charset was not used ("" when it was, or none was needed)

  std::string_view text() const { return converted ? std::string_view(storage) : input; }
};

// Order: a BOM; bytes that are valid UTF-8 with non-ASCII text (whatever a label says: windows-1256
// or ISO-8859-6 Arabic is never valid UTF-8, while a CMS moved to UTF-8 often keeps its old
// declaration); the Content-Type charset, unless it is a server default (ISO-8859-1) and the
// document declares another; the XML declaration; windows-1256 (charset.h's detection).
Decoded decode(std::string_view bytes, std::string_view content_type);

// True for UTF-16/32 (by BOM, or by the zero bytes of "<"): libxml2 decodes those itself.
bool is_utf16_or_32(std::string_view bytes);

// ---------------------------------------------------------------------------------------------
// libxml2 (feed_xml.cc).

struct XmlErrors {
  std::size_t count = 0;
  bool entity_loop = false;
  std::string first;  // "line 12: Opening and ending tag mismatch: description and item"
};

// Recovery on; no network, no DTD loading, no entity substitution (no XML_PARSE_NOENT): entity
// references stay nodes, read through TreeText's budget, and external ones are never fetched.
// UTF-8 text goes in with XML_PARSE_IGNORE_ENC, the declaration having been dealt with already.
// Errors, counted in `errors`, never reach stderr. `wide_charset` names the UTF-16/32 encoding of
// `text`; empty for UTF-8.
XmlDoc parse_xml(std::string_view text, const std::string& wide_charset, XmlErrors& errors);

// The name of the root element, looking past the prolog (declaration, PIs, comments, DOCTYPE).
std::string_view root_name_hint(std::string_view t);

// Where the XML starts in decoded text: after whitespace, or after junk printed ahead of the
// document (a PHP warning, "<br />\n<b>Warning</b>: ...") when the XML follows within
// kMaxLeadingJunk (4 KiB) bytes. Both are noted: neither is well-formed XML.
Result<std::size_t> xml_start(std::string_view text, std::vector<std::string>& notes);

// First byte that is not whitespace or part of a UTF-8 BOM.
char first_significant_byte(std::string_view bytes);

}  // namespace akhbar::parsers::feed_detail
