// parsers/url/url_parts.h: the pieces of RFC 3986 that parsing, resolving and canonicalising a URL
// share (url.cc, canonical.cc). Views into the caller's text wherever the text needs no change.
// Internal to parsers/url.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace akhbar::parsers::url_parts {

// The largest URL we accept; browsers and servers cap far lower (~8 KB for most servers).
constexpr std::size_t kMaxUrlLength = 64 * 1024;

// `ref` without surrounding whitespace (and C0 controls), and without the tabs and newlines inside
// it, as browsers read an href split over lines. A view into `ref`, or into `buf` when an inner
// tab or newline had to go.
std::string_view clean_reference(std::string_view ref, std::string& buf);

// The five components of RFC 3986 section 3 (a URI reference, possibly relative): views into the
// reference text, but for the scheme, lowercased.
struct Reference {
  std::string scheme;
  bool has_authority = false;
  std::string_view authority;
  std::string_view path;
  bool has_query = false;
  std::string_view query;
  bool has_fragment = false;
  std::string_view fragment;
};
Reference split_reference(std::string_view s);

// userinfo@host:port, as given (the host is not lowercased); port 0 when absent.
struct Authority {
  std::string_view userinfo;
  std::string_view host;
  int port = 0;
};
// False when malformed: no host, a space or one of "/\<>\"" in it, or a port that is no number
// of 0–65535.
bool split_authority(std::string_view auth, Authority& out);

// The scheme's default port, 0 for a scheme other than http(s).
int default_port(std::string_view scheme);

// RFC 3986 section 5.2.4. A path with no "." or ".." segment (nearly every link) is returned as
// it is; otherwise the result is built in `buf`.
std::string_view remove_dot_segments(std::string_view in, std::string& buf);

}  // namespace akhbar::parsers::url_parts
