// The canonical form of a URL (Url::canonical, canonical_link): one spelling for the addresses of
// one page, so that the frontier fetches it once. canonical_link builds it straight into one
// string, without the intermediate Urls: a page's hundreds of links go through it.
#include <string>

#include "parsers/url/url.h"
#include "parsers/url/url_parts.h"
#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

using namespace url_parts;

bool is_hex(char c) { return ascii::is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
  if (ascii::is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
bool is_unreserved(unsigned char c) {
  return ascii::is_alpha(static_cast<char>(c)) || ascii::is_digit(static_cast<char>(c)) || c == '-' || c == '.' ||
         c == '_' || c == '~';
}
bool must_escape(unsigned char c) {
  return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
         c == '{' || c == '|' || c == '}';
}

// Appends `s` with %XX of unreserved characters decoded, the hex of the others uppercased, and
// raw bytes that may not appear in a URL (non-ASCII UTF-8, spaces, controls, "<>\"^`{|}\\", a
// lone '%') percent-encoded.
void append_escapes(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto encode = [&](unsigned char c) {
    const char e[3] = {'%', kHex[c >> 4], kHex[c & 0xF]};
    out.append(e, 3);
  };
  std::size_t run = 0;  // start of the bytes not yet appended that need no change
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c != '%' && !must_escape(c)) continue;
    out.append(s.data() + run, i - run);
    if (c == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
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
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii::iequals(s.substr(0, prefix.size()), prefix);
}

bool is_tracking_parameter(std::string_view param) {
  const std::string_view name = param.substr(0, param.find('='));
  return starts_with_ci(name, "utm_") || ascii::iequals(name, "fbclid") || ascii::iequals(name, "gclid");
}

// Appends the query's parameters but the tracking ones, '&'-separated, escapes normalised.
void append_query(std::string& out, std::string_view query) {
  bool first = true;
  while (true) {
    const std::size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    if (!param.empty() && !is_tracking_parameter(param)) {
      if (!first) out += '&';
      first = false;
      append_escapes(out, param);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

void append_lower(std::string& out, std::string_view s) {
  const std::size_t at = out.size();
  out += s;
  for (std::size_t i = at; i < out.size(); ++i) out[i] = ascii::to_lower(out[i]);
}

// Path and query of the canonical form; the path is "/" at least when there is a host.
void append_path_and_query(std::string& out, std::string_view path, bool has_host, bool has_query,
                           std::string_view query) {
  std::string dots;
  const std::size_t at = out.size();
  append_escapes(out, remove_dot_segments(path, dots));
  if (out.size() == at && has_host) out += '/';
  if (!has_query) return;
  out += '?';
  const std::size_t query_at = out.size();
  append_query(out, query);
  if (out.size() == query_at) out.pop_back();  // nothing kept: no '?'
}

std::string merged_path(const Url& base, std::string_view ref_path) {
  if (!base.host.empty() && base.path.empty()) return "/" + std::string(ref_path);
  const std::size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return std::string(ref_path);
  std::string out = base.path.substr(0, slash + 1);
  out += ref_path;
  return out;
}

}  // namespace

Url Url::canonical() const {
  Url c;
  c.scheme = ascii::to_lower(scheme);
  c.userinfo = userinfo;
  c.host = ascii::to_lower(host);
  c.port = port == default_port(c.scheme) ? 0 : port;
  std::string tail;
  append_path_and_query(tail, path, !c.host.empty(), has_query, query);
  const std::size_t q = tail.find('?');
  c.path = tail.substr(0, q);
  if (q != std::string::npos) {
    c.has_query = true;
    c.query = tail.substr(q + 1);
  }
  return c;
}

std::string canonical_link(std::string_view base, std::string_view ref) {
  auto b = Url::parse(base);
  if (!b) return {};
  return canonical_link(*b, ref);
}

// Url::resolve, then canonical().str(), in one pass (the tests hold the two to one answer).
std::string canonical_link(const Url& base, std::string_view ref_text) {
  if (ref_text.size() > kMaxUrlLength) return {};
  std::string cleaned_buf;
  const std::string_view cleaned = clean_reference(ref_text, cleaned_buf);
  Reference r = split_reference(cleaned);
  if (!r.scheme.empty() && r.scheme == base.scheme && !r.has_authority && base.is_http()) r.scheme.clear();

  std::string_view scheme = base.scheme;
  Authority authority{base.userinfo, base.host, base.port};
  std::string_view path;
  bool has_query = false;
  std::string_view query;
  std::string dots;
  std::string merged;
  if (!r.scheme.empty() || r.has_authority) {
    if (!r.scheme.empty()) scheme = r.scheme;
    if (scheme != "http" && scheme != "https") return {};
    authority = Authority{};
    if (r.has_authority && !split_authority(r.authority, authority)) return {};
    path = remove_dot_segments(r.path, dots);
    has_query = r.has_query;
    query = r.query;
  } else {
    if (!base.is_http()) return {};
    if (r.path.empty()) {
      path = base.path;
      has_query = r.has_query || base.has_query;
      query = r.has_query ? r.query : std::string_view(base.query);
    } else if (r.path.front() == '/') {
      path = remove_dot_segments(r.path, dots);
      has_query = r.has_query;
      query = r.query;
    } else {
      merged = merged_path(base, r.path);
      path = remove_dot_segments(merged, dots);
      has_query = r.has_query;
      query = r.query;
    }
  }
  if (authority.host.empty()) return {};

  std::string out;
  out.reserve(scheme.size() + 3 + authority.host.size() + path.size() + query.size() + 8);
  append_lower(out, scheme);
  out += "://";
  if (!authority.userinfo.empty()) {
    out += authority.userinfo;
    out += '@';
  }
  append_lower(out, authority.host);
  if (authority.port != 0 && authority.port != default_port(scheme)) {
    out += ':';
    out += std::to_string(authority.port);
  }
  append_path_and_query(out, path.empty() ? std::string_view("/") : path, true, has_query, query);
  return out;
}

}  // namespace akhbar::parsers
