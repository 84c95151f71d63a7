// The canonical form of a URL (Url::canonical, canonical_link): one spelling for the addresses of
// one page, so that the frontier fetches it once and copies are recognised.
//
//   - scheme and host lowercased, an internationalised host in punycode (UTS #46), the default
//     port dropped, the fragment dropped;
//   - dot segments removed; percent-escapes of unreserved characters decoded, the others'
//     hex uppercased, raw bytes that may not appear in a URL encoded; UTF-8 in the path and
//     query (raw or percent-encoded) in NFC first, so an Arabic slug has one form;
//   - tracking parameters dropped (utm_*, at_*, mc_*, pk_*, ns_*, hsa_*, fbclid, gclid, ocid, ...);
//   - AMP addresses mapped to their article: the AMP cache (*.cdn.ampproject.org/c/s/HOST/PATH),
//     an "amp." host (to "www."), an "amp" path segment first, after a language code or last,
//     ".amp" and ".amp.html" endings, and the amp, outputType=amp and AMP-cache parameters.
//
// canonical_link builds it straight into one string, without intermediate Urls: a page's hundreds
// of links go through it.
#include <algorithm>
#include <array>
#include <string>

#include "parsers/text/utf8.h"
#include "parsers/url/url.h"
#include "parsers/url/url_parts.h"
#include "parsers/url/url_unicode.h"
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
constexpr bool must_escape(unsigned char c) {
  return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
         c == '{' || c == '|' || c == '}';
}

// The bytes append_escapes stops at: those to encode, and '%'.
constexpr std::array<bool, 256> kStop = [] {
  std::array<bool, 256> t{};
  for (unsigned c = 0; c < 256; ++c) t[c] = c == '%' || must_escape(static_cast<unsigned char>(c));
  return t;
}();

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
    if (!kStop[c]) continue;
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

// True when `s` holds a byte from 0x80 up, raw or percent-encoded: text that may need NFC.
bool may_hold_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) return true;
    if (c == '%' && i + 2 < s.size() && s[i + 1] >= '8' && s[i + 1] <= 'F' && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
      return true;
    }
  }
  return false;
}

// append_escapes, after bringing the UTF-8 `s` holds (raw or as %XX of bytes from 0x80) to NFC.
// Bytes that are not UTF-8 (a page in windows-1256 percent-encoding its links) stay as they are.
void append_escapes_nfc(std::string& out, std::string_view s) {
  if (!may_hold_utf8(s)) {
    append_escapes(out, s);
    return;
  }
  std::string raw;  // %XX of bytes from 0x80 decoded, every other byte as it is
  raw.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2]) && hex_value(s[i + 1]) >= 8) {
      raw += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      raw += s[i];
    }
  }
  std::string nfc;
  if (utf8::is_valid(raw) && url_unicode::to_nfc(raw, nfc)) {
    append_escapes(out, nfc);
  } else {
    append_escapes(out, s);
  }
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii::iequals(s.substr(0, prefix.size()), prefix);
}

// Parameters that say who sent the reader, not which page: analytics and ad-click ids.
bool is_tracking_parameter(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kPrefixes = {"utm_", "at_", "mc_", "pk_", "ns_", "hsa_"};
  static constexpr std::array<std::string_view, 24> kNames = {
      "fbclid", "gclid",     "gclsrc",   "dclid",   "gbraid",     "wbraid",         "msclkid",         "yclid",
      "twclid", "igshid",    "ocid",     "mkt_tok", "_ga",        "_gl",            "_hsenc",          "_hsmi",
      "cmpid",  "xtor",      "wt_mc",    "s_cid",   "fb_source",  "fb_action_ids",  "fb_action_types", "__twitter_impression"};
  for (std::string_view p : kPrefixes) {
    if (starts_with_ci(name, p)) return true;
  }
  for (std::string_view k : kNames) {
    if (ascii::iequals(name, k)) return true;
  }
  return false;
}

// Parameters that only ask for the AMP rendering of the article, or that the AMP cache adds.
bool is_amp_parameter(std::string_view name, std::string_view value) {
  return ascii::iequals(name, "amp") || ascii::iequals(name, "usqp") || ascii::iequals(name, "amp_js_v") ||
         ascii::iequals(name, "amp_gsa") || (ascii::iequals(name, "outputtype") && ascii::iequals(value, "amp"));
}

// Appends the query's parameters but the tracking and AMP ones, '&'-separated, escapes normalised.
void append_query(std::string& out, std::string_view query) {
  bool first = true;
  while (true) {
    const std::size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    const std::size_t eq = param.find('=');
    const std::string_view name = param.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : param.substr(eq + 1);
    if (!param.empty() && !is_tracking_parameter(name) && !is_amp_parameter(name, value)) {
      if (!first) out += '&';
      first = false;
      append_escapes_nfc(out, param);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

bool is_language_code(std::string_view segment) {
  return segment.size() == 2 && ascii::is_alpha(segment[0]) && ascii::is_alpha(segment[1]);
}

// The article's path for an AMP path: "amp" as the first segment ("/amp/news/1"), after a
// language code ("/ar/amp/news/1") or as the last ("/news/1/amp/"), and ".amp" / ".amp.html"
// endings ("/articles/c1.amp"). Any other path is returned as it is.
std::string_view article_path_of_amp(std::string_view path, std::string& buf) {
  if (path.find("amp") == std::string_view::npos) return path;
  buf.assign(path);
  auto erase_segment = [&](std::size_t slash) {  // the "/amp" at `slash`
    buf.erase(slash, 4);
    if (buf.empty()) buf = "/";
  };
  auto segment_is_amp = [&](std::size_t slash) {
    return buf.compare(slash, 4, "/amp") == 0 && (slash + 4 == buf.size() || buf[slash + 4] == '/');
  };
  if (segment_is_amp(0)) {
    erase_segment(0);
  } else if (buf.size() > 3 && buf[0] == '/' && is_language_code(std::string_view(buf).substr(1, 2)) && buf[3] == '/' &&
             segment_is_amp(3)) {
    erase_segment(3);
  }
  // Last segment: "/x/amp" or "/x/amp/".
  const std::size_t end = buf.size() > 1 && buf.back() == '/' ? buf.size() - 1 : buf.size();
  if (end >= 4 && buf.compare(end - 4, 4, "/amp") == 0 && end - 4 > 0) erase_segment(end - 4);
  for (std::string_view ending : {".amp.html", ".amp.htm", ".amp"}) {
    if (buf.size() > ending.size() + 1 && buf.compare(buf.size() - ending.size(), ending.size(), ending) == 0) {
      const std::string_view kept = ending == ".amp" ? std::string_view() : ending.substr(4);
      buf.replace(buf.size() - ending.size(), ending.size(), kept);
      break;
    }
  }
  return buf;
}

// The parts a canonical form is made of, as views; canonical_form writes them out.
struct Parts {
  std::string_view scheme;
  std::string_view userinfo;
  std::string_view host;
  int port = 0;
  std::string_view path;
  bool has_query = false;
  std::string_view query;
};

// The AMP cache serves https://www.example.com/a/b as
// https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a/b ("/c/" for http, "/v/" for
// viewer pages): the page itself is the part after it.
void unwrap_amp_cache(Parts& p) {
  constexpr std::string_view kCache = ".cdn.ampproject.org";
  if (p.host.size() <= kCache.size() || !ascii::iequals(p.host.substr(p.host.size() - kCache.size()), kCache)) return;
  std::string_view rest = p.path;
  if (!(rest.starts_with("/c/") || rest.starts_with("/v/"))) return;
  rest.remove_prefix(3);
  bool secure = false;
  if (rest.starts_with("s/")) {
    secure = true;
    rest.remove_prefix(2);
  }
  const std::size_t slash = rest.find('/');
  const std::string_view host = rest.substr(0, slash);
  if (host.empty()) return;
  p.scheme = secure ? "https" : "http";
  p.userinfo = {};
  p.host = host;
  p.port = 0;
  p.path = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
}

// Writes the canonical form of `p` to `out`; false when the host is no valid domain name.
bool canonical_form(std::string& out, Parts p) {
  unwrap_amp_cache(p);
  const std::size_t scheme_at = out.size();
  out += p.scheme;
  for (std::size_t i = scheme_at; i < out.size(); ++i) out[i] = ascii::to_lower(out[i]);
  const std::string_view scheme(out.data() + scheme_at, out.size() - scheme_at);
  const int default_port_of_scheme = default_port(scheme);
  out += "://";
  if (!p.userinfo.empty()) {
    out += p.userinfo;
    out += '@';
  }
  const std::size_t host_at = out.size();
  bool ok = true;
  if (std::any_of(p.host.begin(), p.host.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    std::string lowered(p.host), ascii_host;
    ascii::lower_in_place(lowered);
    ok = url_unicode::host_to_ascii(lowered, ascii_host);
    out += ok ? ascii_host : lowered;
  } else {
    out += p.host;
    for (std::size_t i = host_at; i < out.size(); ++i) out[i] = ascii::to_lower(out[i]);
  }
  // An AMP host ("amp.example.com") stands for the site's own ("www.example.com").
  const std::string_view host(out.data() + host_at, out.size() - host_at);
  if (host.starts_with("amp.") && host.find('.', 4) != std::string_view::npos) out.replace(host_at, 3, "www");
  if (p.port != 0 && p.port != default_port_of_scheme) {
    out += ':';
    out += std::to_string(p.port);
  }
  std::string dots, amp;
  const std::string_view path = article_path_of_amp(remove_dot_segments(p.path, dots), amp);
  const std::size_t path_at = out.size();
  append_escapes_nfc(out, path);
  if (out.size() == path_at) out += '/';
  if (p.has_query) {
    out += '?';
    const std::size_t query_at = out.size();
    append_query(out, p.query);
    if (out.size() == query_at) out.pop_back();  // nothing kept: no '?'
  }
  return ok;
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
  if (host.empty()) {  // not a web address: only what every URL shares
    Url c = *this;
    c.scheme = ascii::to_lower(scheme);
    c.has_fragment = false;
    c.fragment.clear();
    return c;
  }
  std::string form;
  // A host no valid domain name keeps its lowercased spelling: there is no other form for it.
  (void)canonical_form(form, Parts{scheme, userinfo, host, port, path, has_query, query});
  auto parsed = Url::parse(form);
  return parsed ? *std::move(parsed) : *this;
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

  Parts p{base.scheme, base.userinfo, base.host, base.port, {}, false, {}};
  std::string dots;
  std::string merged;
  if (!r.scheme.empty() || r.has_authority) {
    if (!r.scheme.empty()) p.scheme = r.scheme;
    if (p.scheme != "http" && p.scheme != "https") return {};
    Authority a;
    if (r.has_authority && !split_authority(r.authority, a)) return {};
    p.userinfo = a.userinfo;
    p.host = a.host;
    p.port = a.port;
    p.path = remove_dot_segments(r.path, dots);
    p.has_query = r.has_query;
    p.query = r.query;
  } else {
    if (!base.is_http()) return {};
    if (r.path.empty()) {
      p.path = base.path;
      p.has_query = r.has_query || base.has_query;
      p.query = r.has_query ? r.query : std::string_view(base.query);
    } else if (r.path.front() == '/') {
      p.path = remove_dot_segments(r.path, dots);
      p.has_query = r.has_query;
      p.query = r.query;
    } else {
      merged = merged_path(base, r.path);
      p.path = remove_dot_segments(merged, dots);
      p.has_query = r.has_query;
      p.query = r.query;
    }
  }
  if (p.host.empty()) return {};
  if (p.path.empty()) p.path = "/";
  std::string out;
  out.reserve(p.scheme.size() + 3 + p.host.size() + p.path.size() + p.query.size() + 8);
  if (!canonical_form(out, p)) return {};
  return out;
}

}  // namespace akhbar::parsers
