// parsers/robots/robots.cc: robots.txt (RFC 9309): lines → groups, groups → one agent's policy, and the
// matcher. See robots.h for the contract; the choices that the RFC leaves open are noted below.
#include "parsers/robots/robots.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kSpace = " \t\v\f";
// Long values are quoted in warnings up to this many bytes (a 16 KB line makes an unreadable log).
constexpr std::size_t kQuoteMax = 80;
// A 500 KiB HTML page served as robots.txt would give thousands of warnings; keep the first ones.
constexpr std::size_t kMaxWarnings = 100;

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kIgnored };

struct KeyName {
  std::string_view name;
  Key key;
  bool misspelt;
};

// RFC 9309 2.2.4 lets a client accept misspellings; these are the ones google/robotstxt accepts.
// The "ignored" keys are common extensions we do not act on, known so they do not raise warnings.
constexpr KeyName kKeys[] = {
    {"user-agent", Key::kUserAgent, false}, {"useragent", Key::kUserAgent, true},
    {"user agent", Key::kUserAgent, true},  {"allow", Key::kAllow, false},
    {"disallow", Key::kDisallow, false},    {"dissallow", Key::kDisallow, true},
    {"dissalow", Key::kDisallow, true},     {"disalow", Key::kDisallow, true},
    {"diasllow", Key::kDisallow, true},     {"disallaw", Key::kDisallow, true},
    {"crawl-delay", Key::kCrawlDelay, false}, {"crawldelay", Key::kCrawlDelay, true},
    {"crawl delay", Key::kCrawlDelay, true},  {"sitemap", Key::kSitemap, false},
    {"site-map", Key::kSitemap, true},      {"host", Key::kIgnored, false},
    {"clean-param", Key::kIgnored, false},  {"request-rate", Key::kIgnored, false},
    {"visit-time", Key::kIgnored, false},   {"noindex", Key::kIgnored, false},
    {"nofollow", Key::kIgnored, false},     {"noarchive", Key::kIgnored, false},
    {"content-signal", Key::kIgnored, false},
};

std::string quote(std::string_view s) {
  if (s.size() <= kQuoteMax) return "'" + std::string(s) + "'";
  return "'" + std::string(s.substr(0, kQuoteMax)) + "…'";
}

std::string at_line(std::size_t n) { return "line " + std::to_string(n) + ": "; }

void warn(std::vector<std::string>& warnings, std::string text) {
  if (warnings.size() < kMaxWarnings) {
    warnings.push_back(std::move(text));
  } else if (warnings.size() == kMaxWarnings) {
    warnings.push_back("more than " + std::to_string(kMaxWarnings) + " warnings; the rest are not shown");
  }
}

const KeyName* find_key(std::string_view lowered) {
  for (const auto& k : kKeys) {
    if (k.name == lowered) return &k;
  }
  return nullptr;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

char hex_upper(char c) { return (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c; }

// Octets that never appear raw in a URI: non-ASCII (UTF-8 paths such as /أخبار), controls, space
// and the characters RFC 3986 excludes. Reserved characters (/ ? = & : …) stay as written: their
// raw and escaped forms mean different things, and encoding both sides alike changes no verdict.
bool must_escape(unsigned char c) {
  if (c >= 0x80 || c <= 0x20 || c == 0x7F) return true;
  return std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos;
}

void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// Pattern normalisation (see robots.h): octets that cannot appear raw in a URI are percent-encoded
// (UTF-8 paths such as /أخبار), existing escapes get uppercase hex. Runs of '*' collapse to one:
// same meaning, less backtracking.
std::string normalise(std::string_view s, bool pattern) {
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      if (i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
        // Escapes keep their meaning, hex uppercased; unreserved ones are not decoded (google's
        // ID_Encoding: "/foo/bar/%62%61%7A" does not match "/foo/bar/baz").
        out += '%';
        out += hex_upper(s[i + 1]);
        out += hex_upper(s[i + 2]);
        i += 2;
      } else {
        out += "%25";  // a lone '%' is a literal percent sign
      }
    } else if (must_escape(c)) {
      append_escape(out, c);
    } else if (pattern && c == '*' && !out.empty() && out.back() == '*') {
      continue;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Does `pat` match `path`? '*' matches any run of octets; a final '$' anchors the end, otherwise
// the pattern only has to match a prefix. Greedy with backtracking to the last '*': O(n*m) at worst,
// no recursion, no regex.
bool pattern_matches(std::string_view pat, std::string_view path) {
  const bool anchored = !pat.empty() && pat.back() == '$';
  if (anchored) pat.remove_suffix(1);
  std::size_t p = 0, s = 0;
  std::size_t star = std::string_view::npos, resume = 0;
  while (s < path.size()) {
    if (p < pat.size() && pat[p] == '*') {
      star = p++;
      resume = s;
    } else if (p == pat.size() && !anchored) {
      return true;  // the whole pattern matched a prefix of the path
    } else if (p < pat.size() && pat[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

// A line split into key and value, or nothing when the line carries no directive.
struct KeyValue {
  std::string key;  // lowercased, inner whitespace kept ("user agent")
  std::string_view value;
};

std::optional<KeyValue> split_line(std::string_view line, std::size_t line_no, std::vector<std::string>& warnings) {
  if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    return KeyValue{ascii::to_lower(ascii::trim(line.substr(0, colon))), ascii::trim(line.substr(colon + 1))};
  }
  // google/robotstxt reads "disallow /" as "disallow: /" when the line is exactly two words and
  // the first is a key; so do we (its ID_LineSyntax_Line test expects it), with a warning.
  const auto gap = line.find_first_of(kSpace);
  if (gap != std::string_view::npos) {
    const auto value = ascii::trim(line.substr(gap));
    std::string key = ascii::to_lower(line.substr(0, gap));
    if (value.find_first_of(kSpace) == std::string_view::npos && find_key(key) != nullptr) {
      warn(warnings, at_line(line_no) + "no ':' in " + quote(line) + ", read as '" + key + ": " +
                         std::string(value.substr(0, kQuoteMax)) + "'");
      return KeyValue{std::move(key), value};
    }
  }
  warn(warnings, at_line(line_no) + "no ':' in " + quote(line) + ", skipped");
  return std::nullopt;
}

std::optional<double> parse_delay(std::string_view value) {
  double v = 0;
  const auto* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

// Builds groups line by line (RFC 9309 2.1/2.2.1): consecutive user-agent lines open one group;
// a rule (or crawl-delay) line ends the run, so the next user-agent line opens a new group.
// Blank lines, sitemap, unknown and unparsable lines neither open nor close a group.
class GroupBuilder {
 public:
  explicit GroupBuilder(RobotsTxt& out) : out_(out) {}

  void user_agent(std::string_view value, std::size_t line_no) {
    if (!in_agent_run_ || out_.groups.empty()) out_.groups.emplace_back();
    in_agent_run_ = true;
    auto& agents = out_.groups.back().agents;
    std::string token = (!value.empty() && value.front() == '*') ? "*" : ascii::to_lower(robots_product_token(value));
    if (token.empty()) {
      warn(out_.warnings, at_line(line_no) + "user-agent " + quote(value) + " has no product token");
      return;
    }
    if (std::find(agents.begin(), agents.end(), token) == agents.end()) agents.push_back(std::move(token));
  }

  void rule(bool allow, std::string_view value, std::size_t line_no) {
    auto* group = member_line(allow ? "allow" : "disallow", line_no);
    if (group == nullptr || value.empty()) return;  // an empty pattern matches nothing (2.2.2)
    group->rules.push_back(RobotsRule{allow, normalise(value, true)});
  }

  void crawl_delay(std::string_view value, std::size_t line_no) {
    auto* group = member_line("crawl-delay", line_no);
    if (group == nullptr) return;
    const auto delay = parse_delay(value);
    if (!delay) {
      warn(out_.warnings, at_line(line_no) + "crawl-delay " + quote(value) + " is not a number of seconds");
      return;
    }
    // Several in one group: the largest, the politest reading.
    group->crawl_delay_s = std::max(group->crawl_delay_s.value_or(0.0), *delay);
  }

 private:
  RobotsGroup* member_line(std::string_view what, std::size_t line_no) {
    in_agent_run_ = false;
    if (out_.groups.empty()) {
      warn(out_.warnings, at_line(line_no) + std::string(what) + " before any user-agent, ignored");
      return nullptr;
    }
    return &out_.groups.back();
  }

  RobotsTxt& out_;
  bool in_agent_run_ = false;
};

// The body up to kMaxRobotsBytes, cut back to the last whole line: a rule cut in half could
// mean something else ("Allow: /private-area" → "Allow: /priv").
std::string_view capped(std::string_view body, bool& cut) {
  cut = body.size() > kMaxRobotsBytes;
  if (!cut) return body;
  if (body[kMaxRobotsBytes] == '\n' || body[kMaxRobotsBytes] == '\r') return body.substr(0, kMaxRobotsBytes);
  const auto last_break = body.substr(0, kMaxRobotsBytes).find_last_of("\r\n");
  return last_break == std::string_view::npos ? std::string_view{} : body.substr(0, last_break + 1);
}

}  // namespace

RobotsTxt parse_robots(std::string_view body) {
  RobotsTxt out;
  bool cut = false;
  body = capped(body, cut);
  if (body.substr(0, kBom.size()) == kBom) body.remove_prefix(kBom.size());

  GroupBuilder groups(out);
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const auto eol = body.find_first_of("\r\n", pos);
    std::string_view line = body.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? body.size()
                                        : eol + ((body[eol] == '\r' && eol + 1 < body.size() && body[eol + 1] == '\n') ? 2 : 1);
    ++line_no;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = ascii::trim(line);
    if (line.empty()) continue;

    auto kv = split_line(line, line_no, out.warnings);
    if (!kv) continue;
    const KeyName* key = find_key(kv->key);
    if (key == nullptr) {
      warn(out.warnings, at_line(line_no) + "unknown key " + quote(kv->key) + ", ignored");
      continue;
    }
    if (key->misspelt) {
      warn(out.warnings, at_line(line_no) + "'" + kv->key + "' read as a misspelling");
    }
    switch (key->key) {
      case Key::kUserAgent: groups.user_agent(kv->value, line_no); break;
      case Key::kAllow: groups.rule(true, kv->value, line_no); break;
      case Key::kDisallow: groups.rule(false, kv->value, line_no); break;
      case Key::kCrawlDelay: groups.crawl_delay(kv->value, line_no); break;
      case Key::kSitemap:
        if (!kv->value.empty()) out.sitemaps.emplace_back(kv->value);
        break;
      case Key::kIgnored: break;
    }
  }
  if (cut) {
    out.warnings.push_back(at_line(line_no + 1) + "robots.txt is larger than " + std::to_string(kMaxRobotsBytes) +
                           " bytes; the rest is ignored (RFC 9309 2.5)");
  }
  return out;
}

RobotsPolicy RobotsPolicy::allow_all() { return RobotsPolicy{}; }

RobotsPolicy RobotsPolicy::disallow_all() {
  RobotsPolicy p;
  p.disallow_all_ = true;
  return p;
}

RobotsPolicy RobotsPolicy::for_agent(const RobotsTxt& robots, std::string_view agent) {
  const std::string token = ascii::to_lower(robots_product_token(ascii::trim(agent)));
  auto pick = [&](std::string_view name) {
    std::vector<const RobotsGroup*> found;
    if (name.empty()) return found;
    for (const auto& g : robots.groups) {
      if (std::find(g.agents.begin(), g.agents.end(), name) != g.agents.end()) found.push_back(&g);
    }
    return found;
  };
  auto groups = pick(token);
  if (groups.empty()) groups = pick("*");

  RobotsPolicy policy;
  for (const auto* g : groups) {
    policy.rules_.insert(policy.rules_.end(), g->rules.begin(), g->rules.end());
    if (g->crawl_delay_s) {
      policy.crawl_delay_s_ = std::max(policy.crawl_delay_s_.value_or(0.0), *g->crawl_delay_s);
    }
  }
  return policy;
}

bool RobotsPolicy::allowed(std::string_view path) const {
  // The path is compared as given: callers pass URLs in their canonical, percent-encoded form
  // (Url::canonical()), as google/robotstxt expects of its callers.
  const std::string_view norm = path.empty() ? std::string_view("/") : path;
  if (norm == "/robots.txt") return true;  // RFC 9309 2.2.2: implicitly allowed
  if (disallow_all_) return false;
  // Longest match wins; allow wins a tie (2.2.2). Lengths are of the normalised pattern.
  long best_allow = -1, best_disallow = -1;
  for (const auto& r : rules_) {
    auto& best = r.allow ? best_allow : best_disallow;
    const auto len = static_cast<long>(r.pattern.size());
    if (len > best && pattern_matches(r.pattern, norm)) best = len;
  }
  return best_disallow <= best_allow;
}

std::string_view robots_product_token(std::string_view agent) {
  std::size_t n = 0;
  while (n < agent.size()) {
    const char c = agent[n];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-')) break;
    ++n;
  }
  return agent.substr(0, n);
}

// As google/robotstxt's GetPathParamsQuery: skip "scheme://authority" when there is one (a leading
// "//" is a network-path reference), keep everything from the first '/', '?' or ';' up to '#'.
std::string robots_path_of(std::string_view url) {
  std::size_t start = url.substr(0, 2) == "//" ? 2 : 0;
  const auto early_path = url.find_first_of("/?;", start);
  auto scheme_end = url.find("://", start);
  if (scheme_end != std::string_view::npos && (early_path == std::string_view::npos || early_path > scheme_end)) {
    start = scheme_end + 3;
  }
  const auto path_start = url.find_first_of("/?;", start);
  if (path_start == std::string_view::npos) return "/";
  const auto hash = url.find('#', start);
  if (hash != std::string_view::npos && hash < path_start) return "/";
  std::string path(url.substr(path_start, hash == std::string_view::npos ? std::string_view::npos : hash - path_start));
  if (path.front() != '/') path.insert(path.begin(), '/');
  return path;
}

}  // namespace akhbar::parsers
