#include "parsers/url/url.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

// The largest URL we accept; browsers and servers cap far lower (~8 KB for most servers).
constexpr std::size_t kMaxUrlLength = 64 * 1024;

using ascii::is_alpha;
using ascii::is_digit;
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
bool is_unreserved(unsigned char c) {
  return is_alpha(static_cast<char>(c)) || is_digit(static_cast<char>(c)) || c == '-' || c == '.' || c == '_' ||
         c == '~';
}

// Trims surrounding whitespace (and C0 controls) and removes tabs and newlines inside, as browsers do
// with href values split over lines.
std::string clean_reference(std::string_view ref) {
  while (!ref.empty() && static_cast<unsigned char>(ref.front()) <= 0x20) ref.remove_prefix(1);
  while (!ref.empty() && static_cast<unsigned char>(ref.back()) <= 0x20) ref.remove_suffix(1);
  std::string out;
  out.reserve(ref.size());
  for (char c : ref) {
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

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

Reference split_reference(std::string_view s) {
  Reference r;
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), before any of "/?#".
  std::size_t colon = s.find(':');
  std::size_t first_delim = s.find_first_of("/?#");
  if (colon != std::string_view::npos && colon > 0 && (first_delim == std::string_view::npos || colon < first_delim) &&
      is_alpha(s[0]) &&
      std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon),
                  [](char c) { return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.'; })) {
    r.scheme = ascii::to_lower(s.substr(0, colon));
    s.remove_prefix(colon + 1);
  }
  if (std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    r.has_fragment = true;
    r.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (std::size_t q = s.find('?'); q != std::string_view::npos) {
    r.has_query = true;
    r.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  if (s.size() >= 2 && s[0] == '/' && s[1] == '/') {
    r.has_authority = true;
    s.remove_prefix(2);
    std::size_t slash = s.find('/');
    r.authority = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view{} : s.substr(slash);
  }
  r.path = s;
  return r;
}

bool default_port_of(std::string_view scheme, int& port) {
  if (scheme == "http") {
    port = 80;
    return true;
  }
  if (scheme == "https") {
    port = 443;
    return true;
  }
  return false;
}

// Fills userinfo, host and port of `url` from an authority; false when malformed.
bool parse_authority(std::string_view auth, Url& url) {
  if (std::size_t at = auth.rfind('@'); at != std::string_view::npos) {
    url.userinfo = std::string(auth.substr(0, at));
    auth.remove_prefix(at + 1);
  }
  std::string_view host = auth;
  std::string_view port;
  if (!auth.empty() && auth.front() == '[') {
    std::size_t close = auth.find(']');
    if (close == std::string_view::npos) return false;
    host = auth.substr(0, close + 1);
    std::string_view rest = auth.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      port = rest.substr(1);
    }
  } else if (std::size_t c = auth.rfind(':'); c != std::string_view::npos) {
    host = auth.substr(0, c);
    port = auth.substr(c + 1);
  }
  if (host.empty()) return false;
  for (char c : host) {
    if (ascii::is_space(c) || c == '/' || c == '\\' || c == '<' || c == '>' || c == '"') return false;
  }
  url.host = ascii::to_lower(host);
  url.port = 0;
  if (!port.empty()) {
    int value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value < 0 || value > 65535) return false;
    url.port = value;
  }
  return true;
}

// RFC 3986 section 5.2.4.
std::string remove_dot_segments(std::string_view in) {
  // A path with no "." or ".." segment (nearly every link) is its own result.
  if (in.find("/.") == std::string_view::npos && !in.starts_with('.')) return std::string(in);
  std::string input(in);
  std::string output;
  std::size_t i = 0;
  auto starts = [&](std::string_view p) { return input.compare(i, p.size(), p) == 0; };
  auto pop_last = [&] {
    std::size_t slash = output.rfind('/');
    output.erase(slash == std::string::npos ? 0 : slash);
  };
  while (i < input.size()) {
    if (starts("../")) {
      i += 3;
    } else if (starts("./")) {
      i += 2;
    } else if (starts("/./")) {
      i += 2;
    } else if (input.compare(i, std::string::npos, "/.") == 0) {
      input.replace(i, 2, "/");
    } else if (starts("/../")) {
      i += 3;
      pop_last();
    } else if (input.compare(i, std::string::npos, "/..") == 0) {
      input.replace(i, 3, "/");
      pop_last();
    } else if (input.compare(i, std::string::npos, ".") == 0 || input.compare(i, std::string::npos, "..") == 0) {
      i = input.size();
    } else {
      std::size_t next = input.find('/', i + 1);
      if (next == std::string::npos) next = input.size();
      output.append(input, i, next - i);
      i = next;
    }
  }
  return output;
}

std::string merge_paths(const Url& base, std::string_view ref_path) {
  if (!base.host.empty() && base.path.empty()) return "/" + std::string(ref_path);
  std::size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return std::string(ref_path);
  return base.path.substr(0, slash + 1) + std::string(ref_path);
}

// Decodes %XX of unreserved characters, uppercases the hex of the others, and percent-encodes raw
// bytes that may not appear in a URL (non-ASCII UTF-8, spaces, controls, "<>\"^`{|}\\", lone '%').
std::string normalize_escapes(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  auto encode = [&](unsigned char c) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      if (i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
        const auto v = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
        if (is_unreserved(v)) {
          out += static_cast<char>(v);
        } else {
          encode(v);
        }
        i += 2;
      } else {
        encode(c);
      }
    } else if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
               c == '{' || c == '|' || c == '}') {
      encode(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool is_tracking_parameter(std::string_view param) {
  std::string name = ascii::to_lower(param.substr(0, param.find('=')));
  return name.rfind("utm_", 0) == 0 || name == "fbclid" || name == "gclid";
}

}  // namespace

Result<Url> Url::parse(std::string_view text) {
  if (text.size() > kMaxUrlLength) return fail(Errc::kInvalidInput, "url: too long");
  const std::string cleaned = clean_reference(text);
  Reference r = split_reference(cleaned);
  if (r.scheme.empty()) return fail(Errc::kInvalidInput, "url: no scheme", cleaned);
  if (!r.has_authority) return fail(Errc::kInvalidInput, "url: no host", cleaned);
  Url url;
  url.scheme = r.scheme;
  if (!parse_authority(r.authority, url)) return fail(Errc::kInvalidInput, "url: bad host or port", cleaned);
  url.path = r.path;
  if (url.path.empty() && url.is_http()) url.path = "/";
  url.query = r.query;
  url.has_query = r.has_query;
  url.fragment = r.fragment;
  url.has_fragment = r.has_fragment;
  return url;
}

Result<Url> Url::resolve(std::string_view ref_text) const {
  if (ref_text.size() > kMaxUrlLength) return fail(Errc::kInvalidInput, "url: reference too long");
  const std::string cleaned = clean_reference(ref_text);
  Reference r = split_reference(cleaned);
  // RFC 3986 5.2.2 permits treating "http:path" as relative when the scheme matches the base's;
  // browsers do, and so do we for http(s).
  if (!r.scheme.empty() && r.scheme == scheme && !r.has_authority && is_http()) r.scheme.clear();

  Url t;
  // RFC 3986 5.2.2: a reference with a scheme or an authority brings its own authority and path.
  if (!r.scheme.empty() || r.has_authority) {
    t.scheme = r.scheme.empty() ? scheme : r.scheme;
    if (r.has_authority) {
      if (!parse_authority(r.authority, t)) return fail(Errc::kInvalidInput, "url: bad host or port", cleaned);
    }
    t.path = remove_dot_segments(r.path);
    t.has_query = r.has_query;
    t.query = r.query;
  } else {
    t.scheme = scheme;
    t.userinfo = userinfo;
    t.host = host;
    t.port = port;
    if (r.path.empty()) {
      t.path = path;
      t.has_query = r.has_query || has_query;
      t.query = r.has_query ? r.query : query;
    } else {
      t.path = r.path.front() == '/' ? remove_dot_segments(r.path) : remove_dot_segments(merge_paths(*this, r.path));
      t.has_query = r.has_query;
      t.query = r.query;
    }
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  if (t.is_http()) {
    if (t.host.empty()) return fail(Errc::kInvalidInput, "url: no host", cleaned);
    if (t.path.empty()) t.path = "/";
  }
  return t;
}

Url Url::canonical() const {
  Url c;
  c.scheme = ascii::to_lower(scheme);
  c.userinfo = userinfo;
  c.host = ascii::to_lower(host);
  int def = 0;
  c.port = (default_port_of(c.scheme, def) && port == def) ? 0 : port;
  c.path = normalize_escapes(remove_dot_segments(path));
  if (c.path.empty() && !c.host.empty()) c.path = "/";
  if (has_query) {
    std::string kept;
    std::string_view rest = query;
    while (true) {
      std::size_t amp = rest.find('&');
      std::string_view param = rest.substr(0, amp);
      if (!param.empty() && !is_tracking_parameter(param)) {
        if (!kept.empty()) kept += '&';
        kept += normalize_escapes(param);
      }
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
    c.query = std::move(kept);
    c.has_query = !c.query.empty();
  }
  return c;
}

std::string Url::str() const {
  std::string out = scheme;
  out += ':';
  if (!host.empty()) {
    out += "//";
    if (!userinfo.empty()) {
      out += userinfo;
      out += '@';
    }
    out += host;
    if (port != 0) {
      out += ':';
      out += std::to_string(port);
    }
  }
  out += path;
  if (has_query) {
    out += '?';
    out += query;
  }
  if (has_fragment) {
    out += '#';
    out += fragment;
  }
  return out;
}

int Url::effective_port() const {
  if (port != 0) return port;
  int def = 0;
  return default_port_of(scheme, def) ? def : 0;
}

std::string Url::host_key() const { return scheme + "://" + host + ":" + std::to_string(effective_port()); }

std::string canonical_link(std::string_view base, std::string_view ref) {
  auto b = Url::parse(base);
  if (!b) return {};
  return canonical_link(*b, ref);
}

std::string canonical_link(const Url& base, std::string_view ref) {
  auto r = base.resolve(ref);
  if (!r || !r->is_http() || r->host.empty()) return {};
  return r->canonical().str();
}

}  // namespace akhbar::parsers
