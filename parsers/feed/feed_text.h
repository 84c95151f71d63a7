// parsers/feed/feed_text.h (private to parsers/): text helpers for the feed parsers: preparing feed
// bytes for a strict XML parser, and turning the HTML found in titles and summaries into plain text.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/url/url.h"
#include "util/clock.h"

namespace akhbar::parsers::feed_detail {

// A link of a feed made absolute: `ref` (surrounding whitespace ignored) resolved against `base`,
// or taken as it is when there is no base; "" when it is empty or not a URL.
std::string resolve_link(const std::optional<Url>& base, std::string_view ref);

// The dates of one feed, sitemap or JSON Feed: parsed in the site's zone against a reference
// instant (`now`, else the channel's own date when the format has one). Without a reference, a
// date that depends on it (relative, or without a year) is reported as unparsed rather than
// guessed: a date is kept only when it reads the same from two references ~400 days apart. One that
// starts with its year (ISO 8601, W3C datetime) never depends on the reference and is read once.
class FeedDates {
 public:
  FeedDates(std::string_view zone, std::optional<WallTime> now) : zone_(zone), now_(now) {}
  // The channel date stands in for a missing `now`.
  void set_reference_if_unset(std::string_view text);
  std::optional<WallTime> read(std::string_view text) const;

 private:
  std::string zone_;
  std::optional<WallTime> now_;
};

// UTF-8 feed text made ready for libxml2, see prepare_xml(). The input must outlive it.
struct PreparedXml {
  std::string_view input;
  std::string storage;   // the rewritten text, when something had to change
  bool changed = false;  // whether `storage` holds the text
  // The sections taken out by `take_cdata`, slices of the input, indexed by the marker left in
  // their place; see append_unmarked().
  std::vector<std::string_view> cdata;
  bool repaired = false;  // a bare "&" or an entity XML does not define was rewritten

  // What to parse. (A view kept as a member would dangle when a short `storage` is moved.)
  std::string_view text() const { return changed ? std::string_view(storage) : input; }
};

// Real feeds carry a bare "&" ("أخبار & تقارير") and HTML entities XML does not know (&nbsp;,
// &rsquo;). Rewrites them outside CDATA sections and comments: a bare "&" becomes "&amp;", a known
// HTML entity becomes its numeric reference, an unknown "&name;" becomes "&amp;name;". Entities the
// document declares in its internal DTD subset are left to libxml2 (which bounds their expansion).
// Numeric references to the C1 controls (&#150;) become the windows-1252 characters every site
// that writes them means (an en dash).
//
// With `take_cdata`, every complete CDATA section is replaced by a marker: a private-use character
// U+E000, the section's index in decimal, U+E001. libxml2 reads CDATA one character at a time, and
// the sections (whole articles in content:encoded) are most of a feed's bytes; the text readers
// put the sections back with append_unmarked(). Markers are not used when the input already holds
// U+E000. Only for ASCII-compatible encodings (the caller skips UTF-16/32).
PreparedXml prepare_xml(std::string_view utf8, bool take_cdata);

// Appends `text` to `out`, each CDATA marker replaced by its section from `cdata` (`text` is
// appended as it is when `cdata` is empty).
void append_unmarked(std::string_view text, const std::vector<std::string_view>& cdata, std::string& out);

// Collapses runs of whitespace (ASCII, U+00A0, and control characters such as a stray NUL or
// vertical tab) to one space, and trims.
std::string collapse_whitespace(std::string_view text);

// The text of an HTML fragment (tags stripped, entities decoded, comments, script, style, noscript
// and template dropped, block elements separated by spaces), whitespace collapsed as above. A "<" that does
// not open a tag ("5 < 6") stays text. Text without '<' or '&' is only collapsed.
std::string html_to_text(std::string_view html);

// True for the elements whose text joins its neighbours' ("<b>ال</b>كهرباء" is one word); every
// other element separates words. `name` is lowercase.
bool is_inline_html_element(std::string_view name);

}  // namespace akhbar::parsers::feed_detail
