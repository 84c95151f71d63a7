// parsers/robots.h: robots.txt, RFC 9309 (https://www.rfc-editor.org/rfc/rfc9309). Pure; never fails:
// any input gives a (possibly empty) set of groups plus warnings, as google/robotstxt does.
//  - At most kMaxRobotsBytes are parsed (RFC 9309 2.5: at least 500 KiB must be); a UTF-8 BOM is
//    skipped; LF, CR and CRLF end lines; '#' starts a comment; lines without ':' are tolerated
//    (skipped with a warning).
//  - A group is one or more `user-agent` lines followed by rules; groups naming the same product
//    token are merged (2.2.1); agents match case-insensitively on the product token; the most
//    specific group wins, else `*`, else everything is allowed.
//  - `allow`/`disallow` patterns support `*` and a trailing `$`; the longest match (in octets of the
//    pattern) wins and `allow` wins a tie (2.2.2); an empty `disallow` means nothing.
//  - Paths are compared after percent-encoding normalisation: octets outside the unreserved set are
//    %-encoded (UTF-8), escapes' hex is uppercased, and %-escapes of unreserved characters decoded
//    (2.2.2), in both the pattern and the URL path.
//  - `/robots.txt` itself is always allowed (2.2.2).
//  - `crawl-delay` (not in the RFC; a common extension) and `sitemap` lines are collected.
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
  std::vector<std::string> warnings;  // "line 12: no ':' in 'Disalow /x'"
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
