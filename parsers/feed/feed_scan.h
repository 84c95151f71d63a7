// parsers/feed/feed_scan.h (private to parsers/): the tolerant tag scanner parse_feed() falls back on
// when libxml2's recovery loses items. An unclosed tag ("<description>نص" with no end tag) makes
// libxml2 nest everything after it inside that element; the scanner does not build a tree, so one
// broken item cannot swallow the next.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::parsers::feed_detail {

// One item as written: entities and CDATA decoded, markup (if any) kept, nothing resolved.
struct ScannedItem {
  std::string title;       // RSS: HTML; Atom: per `title_type`
  std::string title_type;  // Atom's type attribute ("" in RSS)
  std::string link;        // <link> text, or the href of an Atom alternate <link>
  std::string guid;        // <guid> / <id>, else RSS 1.0's rdf:about
  bool guid_is_permalink = true;
  std::string published;  // date text
  std::string updated;
  std::string author;   // plain text
  std::string summary;  // description / summary: RSS: HTML; Atom: per `summary_type`
  std::string summary_type;
  std::string content;  // content:encoded / content: RSS: HTML; Atom: per `content_type`
  std::string content_type;
  std::vector<std::string> enclosures;  // as written: <enclosure url>, media:content url, <link rel=enclosure>
};

// The <item> (RSS and RDF, `atom` false) or <entry> (Atom) blocks of `xml`, in document order. A
// block ends at its end tag or where the next block starts; a field ends at its end tag or, when
// that is missing, where the next known field or the block ends. CDATA markers left by
// prepare_xml() are restored from `cdata`. Linear in the size of `xml`.
std::vector<ScannedItem> scan_items(std::string_view xml, bool atom, const std::vector<std::string_view>& cdata);

// The channel (RSS) or feed (Atom) fields written before the first item, read the same way: title,
// link, and the date in `updated` (lastBuildDate, else pubDate; Atom: updated).
ScannedItem scan_channel(std::string_view xml, bool atom, const std::vector<std::string_view>& cdata);

}  // namespace akhbar::parsers::feed_detail
