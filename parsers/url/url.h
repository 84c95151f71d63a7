// parsers/url/url.h: absolute http(s) URLs, RFC 3986 reference resolution, and the canonical form used
// to recognise one page reached by several addresses. Pure; no I/O.
#pragma once
#include <string>
#include <string_view>

#include "util/result.h"

namespace akhbar::parsers {

struct Url {
  std::string scheme;    // lowercase: "http" or "https" (others parse but are not crawled)
  std::string userinfo;  // rarely present; kept so str() round-trips
  std::string host;      // lowercase; IPv6 literals keep their brackets
  int port = 0;          // 0: the scheme's default
  std::string path;      // "/" at least for http(s); percent-encoding kept as given
  std::string query;     // without '?'; empty when absent
  std::string fragment;  // without '#'
  bool has_query = false;
  bool has_fragment = false;

  // Parses an absolute URL. Fails with kInvalidInput when there is no scheme or host.
  static Result<Url> parse(std::string_view text);

  // RFC 3986 section 5: `ref` (absolute, scheme-relative, absolute-path, relative, query or
  // fragment-only) against this base, with dot segments removed. Surrounding whitespace is trimmed.
  Result<Url> resolve(std::string_view ref) const;

  // Canonical form: fragment dropped, default port dropped, host lowercased, utm_* (and other
  // tracking parameters: fbclid, gclid) removed from the query, empty query dropped,
  // dot segments removed, percent-escapes of unreserved characters decoded, hex uppercased.
  Url canonical() const;

  std::string str() const;
  // Politeness key: "scheme://host:port" with the effective port ("http://127.0.0.1:8080").
  std::string host_key() const;
  int effective_port() const;
  bool is_http() const { return scheme == "http" || scheme == "https"; }
};

// Convenience: resolve `ref` against `base` and canonicalise; empty string when either is invalid or
// the result is not http(s).
std::string canonical_link(std::string_view base, std::string_view ref);
// The same against a base already parsed: a page's hundreds of links parse their base once.
std::string canonical_link(const Url& base, std::string_view ref);

}  // namespace akhbar::parsers
