// parsers/article/article.h: an HTML page → one Article (title, author, date, clean body paragraphs) and the
// links it holds. A site's rules (selectors from its YAML) are tried first, field by field; whatever
// they leave out comes from the generic extractor: JSON-LD (any article type, @graph, arrays,
// mainEntity, LiveBlogPosting updates, any object with an articleBody), microdata (itemprop
// headline/author/articleBody/datePublished), og:/article:/twitter:/dc./sailthru./parsely- meta,
// then the block with the most paragraph text (generic_extract.h). The date falls back to short
// visible texts nearest the <h1> (parse_date); metadata wins. Boilerplate inside the body (share
// bars, "اقرأ أيضاً" and "مقالات ذات صلة" link lists, captions and credits, tag lists, ads,
// scripts, datelines) is removed (paragraphs.h).
// Selectors: CSS subset (type, .class, #id, [attr], [attr=v], descendant, '>' child,
// :nth-of-type(n), ',' lists) or XPath 1.0 prefixed with "xpath:"; a trailing "@attr" takes an
// attribute instead of text. Pure: input is UTF-8 (see charset.h); libxml2's HTML parser inside.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/clock.h"
#include "util/result.h"

namespace akhbar::parsers {

// One site's extraction rules (the `articles:` block of its YAML). Empty strings mean "not given".
struct SiteRules {
  std::string title;
  std::string body;
  std::string date;
  std::string author;
  std::vector<std::string> remove;  // selectors removed from the page before anything is read
  std::string title_suffix;         // stripped from the end of the title when present
  std::string site_title;           // the site's display name (e.g. "بلدي نيوز"), also stripped
  std::string timezone = "UTC";     // IANA zone for dates without an offset
};

struct Article {
  std::string url;            // the address it was fetched from (final URL after redirects)
  std::string canonical_url;  // <link rel=canonical> when on the same site, else canonical(url)
  std::string title;
  std::string author;  // cleaned of "كتب:", "بقلم", "By", dates, roles, emails and the site name;
                       // several authors joined by "، "
  std::optional<WallTime> published_at;
  std::string published_raw;  // the text the date came from ("" when none was found)
  // Where published_at came from: "rules" (the site's date selector), "jsonld", "meta" (og:,
  // article:, dc., sailthru., parsely- and <meta itemprop> tags), "microdata" (an element's
  // [itemprop=datePublished]), "time" (<time datetime>), "text" (a date-classed element or a short
  // visible text near the <h1>); "" when the page has no date. "feed" is reserved for the crawl's
  // fallback to the discovering feed item's date (not wired yet).
  std::string date_from;
  std::string body;           // paragraphs in page order joined by "\n\n"
  std::string lang;           // <html lang> or JSON-LD inLanguage, lowercased primary tag ("ar")
  std::vector<std::string> warnings;  // e.g. "rules: body selector matched nothing; used generic"
  std::size_t words() const;
};

// Fails with kNotFound when neither the rules nor the fallback find a body (a page with no article),
// kInvalidInput when the bytes are not HTML at all. `now` resolves relative dates ("منذ ساعتين").
// When `links` is given it receives the page's links, as extract_links would give them, whether or
// not the page holds an article (a listing reached by a link still leads to articles), so a
// crawler need not parse the page twice. Without it they are not resolved: reading the article
// alone does not pay for the menus' hundreds of hrefs.
Result<Article> extract_article(std::string_view html, std::string_view url, const SiteRules& rules,
                                WallTime now, std::vector<std::string>* links = nullptr);

// All http(s) links of a page (section/listing pages), absolute and canonical, document order,
// duplicates removed. Honours <base href>.
std::vector<std::string> extract_links(std::string_view html, std::string_view url);

}  // namespace akhbar::parsers
