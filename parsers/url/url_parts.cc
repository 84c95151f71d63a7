#include "parsers/url/url_parts.h"

#include <algorithm>
#include <charconv>

#include "util/ascii.h"

namespace akhbar::parsers::url_parts {

std::string_view clean_reference(std::string_view ref, std::string& buf) {
  while (!ref.empty() && static_cast<unsigned char>(ref.front()) <= 0x20) ref.remove_prefix(1);
  while (!ref.empty() && static_cast<unsigned char>(ref.back()) <= 0x20) ref.remove_suffix(1);
  // A plain loop: find_first_of would call memchr once per byte.
  std::size_t k = 0;
  while (k < ref.size() && static_cast<unsigned char>(ref[k]) > '\r') ++k;
  while (k < ref.size() && ref[k] != '\t' && ref[k] != '\n' && ref[k] != '\r') ++k;
  if (k == ref.size()) return ref;
  buf.clear();
  buf.reserve(ref.size());
  for (char c : ref) {
    if (c != '\t' && c != '\n' && c != '\r') buf += c;
  }
  return buf;
}

Reference split_reference(std::string_view s) {
  Reference r;
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), before any of "/?#".
  std::size_t colon = s.find(':');
  std::size_t first_delim = std::string_view::npos;
  for (std::size_t i = 0; i < s.size() && i < colon; ++i) {
    if (s[i] == '/' || s[i] == '?' || s[i] == '#') {
      first_delim = i;
      break;
    }
  }
  if (colon != std::string_view::npos && colon > 0 && (first_delim == std::string_view::npos || colon < first_delim) &&
      ascii::is_alpha(s[0]) && std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return ascii::is_alpha(c) || ascii::is_digit(c) || c == '+' || c == '-' || c == '.';
      })) {
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

bool split_authority(std::string_view auth, Authority& out) {
  out = Authority{};
  if (std::size_t at = auth.rfind('@'); at != std::string_view::npos) {
    out.userinfo = auth.substr(0, at);
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
  out.host = host;
  if (!port.empty()) {
    int value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value < 0 || value > 65535) return false;
    out.port = value;
  }
  return true;
}

int default_port(std::string_view scheme) {
  if (scheme == "http") return 80;
  if (scheme == "https") return 443;
  return 0;
}

std::string_view remove_dot_segments(std::string_view in, std::string& buf) {
  if (in.find("/.") == std::string_view::npos && !in.starts_with('.')) return in;
  std::string input(in);
  std::string& output = buf;
  output.clear();
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

}  // namespace akhbar::parsers::url_parts
