// parsers/robots/robots.h: robots.txt, RFC 9309 (https://www.rfc-editor.org/rfc/rfc9309). Pure; never fails:
// any input gives a (possibly empty) set of groups plus warnings, as google/robotstxt does.
//  - At most kMaxRobotsBytes are parsed (RFC 9309 2.5: at least 500 KiB must be); a UTF-8 BOM is
//    skipped; LF, CR and CRLF end lines; '#' starts a comment; lines without ':' are tolerated:
//    "disallow /" (exactly two words, the first a known key) is read as "disallow: /", as
//    google/robotstxt does, others are skipped; both with a warning. Unknown keys are warned about.
//  - Rules before any `user-agent` line are ignored (with a warning); `sitemap` and unknown lines do
//    not end a run of `user-agent` lines, rules and `crawl-delay` do.
//  - A group is one or more `user-agent` lines followed by rules; groups naming the same product
//    token are merged (2.2.1); agents match case-insensitively on the product token; the most
//    specific group wins, else `*`, else everything is allowed.
//  - `allow`/`disallow` patterns support `*` and a trailing `$`; the longest match (in octets of the
//    pattern) wins and `allow` wins a tie (2.2.2); an empty `disallow` means nothing.
//  - Percent-encoding (2.2.2), as google/robotstxt does it: patterns are normalised (non-ASCII
//    octets such as a UTF-8 /أخبار, and octets never valid raw in a URI, are %-encoded; escapes'
//    hex is uppercased; escapes are not decoded), and the URL path is compared as given, so callers
//    pass it percent-encoded: the crawler passes Url::canonical() paths. A raw "/أخبار" URL thus does
//    not match; "/%7Ejoe" in a pattern does not match "/~joe" (google's ID_Encoding cases).
//  - `/robots.txt` itself is always allowed (2.2.2).
//  - `crawl-delay` (not in the RFC; a common extension) and `sitemap` lines are collected. A delay
//    is seconds, integer or decimal ("10", "2.5"); anything else is ignored with a warning; when
//    several apply (in one group, or in merged groups) the largest wins.
//  - A `user-agent` value is reduced to its product token ("FOO BAR" → "foo"); "*…" is the wildcard.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::parsers {

// RFC 9309 2.5: crawlers must parse at least 500 kibibytes.
inline constexpr std::size_t kMaxRobotsBytes = 500 * 1024;

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // normalised (see above)
};

struct RobotsGroup {
  std::vector<std::string> agents;  // product tokens as written, lowercased; "*" for the wildcard
  std::vector<RobotsRule> rules;
  std::optional<double> crawl_delay_s;
};

struct RobotsTxt {
  std::vector<RobotsGroup> groups;
  std::vector<std::string> sitemaps;  // as written (absolute URLs expected)
  std::vector<std::string> warnings;  // "line 12: no ':' in 'Disalow /x'"; the first 100, then a note
};

RobotsTxt parse_robots(std::string_view body);

// The rules that apply to one crawler, resolved once per host and cached (small: rules only).
class RobotsPolicy {
 public:
  static RobotsPolicy allow_all();
  static RobotsPolicy disallow_all();
  // Picks the group(s) for `agent`: its product token ("akhbard/1.0 (+url)" → "akhbard") matched
  // case-insensitively; all groups naming it are merged; else the `*` groups; else allow all.
  static RobotsPolicy for_agent(const RobotsTxt& robots, std::string_view agent);

  // `path` is the URL's path plus "?query" (no scheme/host/fragment); "" means "/".
  bool allowed(std::string_view path) const;
  std::optional<double> crawl_delay_s() const { return crawl_delay_s_; }
  bool is_allow_all() const { return !disallow_all_ && rules_.empty(); }
  bool is_disallow_all() const { return disallow_all_; }

 private:
  std::vector<RobotsRule> rules_;
  std::optional<double> crawl_delay_s_;
  bool disallow_all_ = false;
};

// "akhbard/1.0 (+https://x)" → "akhbard": the leading run of [A-Za-z_-].
std::string_view robots_product_token(std::string_view agent);

// The path+query of an absolute URL as robots.txt matching wants it ("/a/b?c"); "/" when empty.
std::string robots_path_of(std::string_view url);

}  // namespace akhbar::parsers
