// parsers/article/page_facts.h (private to parsers/): everything read from a whole page in one pass, before
// any boilerplate is removed: links, <base>, <title>, meta tags, canonical link, JSON-LD scripts,
// <h1>s, and the first date-, author- and time-looking elements.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <libxml/tree.h>

namespace akhbar::parsers::html {

struct PageFacts {
  std::string lang;            // <html lang>, as written
  std::string base_href;       // first <base href>
  std::string title;           // <title>, collapsed
  std::string canonical_href;  // <link rel=canonical href>
  // meta name / property / itemprop (lowercased) → content; the first occurrence wins.
  std::unordered_map<std::string, std::string> meta;
  std::vector<std::string> jsonld;  // raw text of each application/ld+json script
  std::vector<std::string> hrefs;   // every <a href>, raw, document order
  std::vector<std::string> h1s;     // text of each <h1>
  std::string time_datetime;        // first <time datetime=...>
  std::string itemprop_author;      // [itemprop=name] of the first [itemprop=author][itemscope]
  std::string date_title;           // title attribute of the date_text element (its exact time)
  std::string logo_alt;             // alt of the first <img> in (or being) a "logo" element: the site name
  std::string itemprop_headline;    // text of the first non-meta [itemprop~=headline]
  std::string itemprop_date;        // first non-meta [itemprop=datePublished] (content/datetime/text)
  std::string date_text;            // text of the first short element with a date-ish class/id
  // Text of the first .author / .byline / [rel=author] / [itemprop=author], and of the elements
  // with the same class beside it (one link per author), joined by "، ".
  std::string author_text;
  // RDFa (Drupal 7): the foaf:name inside [rel~=sioc:has_creator], else the text of the first
  // [rel|property ~= sioc:has_creator | dc:creator].
  std::string rdfa_creator;
  std::string byline_text;  // a text beginning "كتب" / "بقلم" / "By " among the first after the <h1>
  // Short visible texts holding a digit (6..100 characters), as date candidates for pages whose
  // date is only visible text, nearest to the first <h1> first (those after it win ties); without
  // an <h1>, the first ones of the page. At most kDateCandidates.
  std::vector<std::string> date_candidates;
};

inline constexpr std::size_t kDateCandidates = 12;

PageFacts read_page_facts(const xmlDoc* doc);

// The content of meta `key` (lowercase), "" when absent.
std::string_view meta_of(const PageFacts& facts, std::string_view key);

}  // namespace akhbar::parsers::html
