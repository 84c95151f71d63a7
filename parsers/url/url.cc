#include "parsers/url/url.h"

#include <string>

#include "parsers/url/url_parts.h"
#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

using namespace url_parts;

bool fill_authority(std::string_view auth, Url& url) {
  Authority a;
  if (!split_authority(auth, a)) return false;
  url.userinfo = std::string(a.userinfo);
  url.host = ascii::to_lower(a.host);
  url.port = a.port;
  return true;
}

std::string merge_paths(const Url& base, std::string_view ref_path) {
  if (!base.host.empty() && base.path.empty()) return "/" + std::string(ref_path);
  std::size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return std::string(ref_path);
  return base.path.substr(0, slash + 1) + std::string(ref_path);
}

std::string without_dot_segments(std::string_view path) {
  std::string buf;
  const std::string_view out = remove_dot_segments(path, buf);
  return out.data() == buf.data() ? std::move(buf) : std::string(out);
}

}  // namespace

Result<Url> Url::parse(std::string_view text) {
  if (text.size() > kMaxUrlLength) return fail(Errc::kInvalidInput, "url: too long");
  std::string buf;
  const std::string_view cleaned = clean_reference(text, buf);
  Reference r = split_reference(cleaned);
  if (r.scheme.empty()) return fail(Errc::kInvalidInput, "url: no scheme", std::string(cleaned));
  if (!r.has_authority) return fail(Errc::kInvalidInput, "url: no host", std::string(cleaned));
  Url url;
  url.scheme = r.scheme;
  if (!fill_authority(r.authority, url)) return fail(Errc::kInvalidInput, "url: bad host or port", std::string(cleaned));
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
  std::string buf;
  const std::string_view cleaned = clean_reference(ref_text, buf);
  Reference r = split_reference(cleaned);
  // RFC 3986 5.2.2 permits treating "http:path" as relative when the scheme matches the base's;
  // browsers do, and so do we for http(s).
  if (!r.scheme.empty() && r.scheme == scheme && !r.has_authority && is_http()) r.scheme.clear();

  Url t;
  // RFC 3986 5.2.2: a reference with a scheme or an authority brings its own authority and path.
  if (!r.scheme.empty() || r.has_authority) {
    t.scheme = r.scheme.empty() ? scheme : r.scheme;
    if (r.has_authority && !fill_authority(r.authority, t)) {
      return fail(Errc::kInvalidInput, "url: bad host or port", std::string(cleaned));
    }
    t.path = without_dot_segments(r.path);
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
      t.path = r.path.front() == '/' ? without_dot_segments(r.path) : without_dot_segments(merge_paths(*this, r.path));
      t.has_query = r.has_query;
      t.query = r.query;
    }
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  if (t.is_http()) {
    if (t.host.empty()) return fail(Errc::kInvalidInput, "url: no host", std::string(cleaned));
    if (t.path.empty()) t.path = "/";
  }
  return t;
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
  return default_port(scheme);
}

std::string Url::host_key() const { return scheme + "://" + host + ":" + std::to_string(effective_port()); }

}  // namespace akhbar::parsers
