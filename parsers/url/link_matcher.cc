#include "parsers/url/link_matcher.h"

// GCC 12 with -fsanitize=address at -O2 reports a false -Wmaybe-uninitialized inside libstdc++'s
// <regex> (std::function in _State, GCC bug 105562); the warning is about the library, not us.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#include <string>

namespace akhbar::parsers {
namespace {
// libstdc++'s regex executor recurses per character; past a few KB a `.*` can exhaust the stack.
// No real article URL is this long (common servers reject request lines over 8 KB).
constexpr std::size_t kMaxMatchLength = 8192;
}  // namespace

struct LinkMatcher::Impl {
  std::string pattern;
  std::regex regex;
};

Result<LinkMatcher> LinkMatcher::compile(std::string_view pattern) {
  auto impl = std::make_shared<Impl>();
  impl->pattern = std::string(pattern);
  try {
    impl->regex = std::regex(impl->pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error& e) {
    return fail(Errc::kInvalidInput, "link_matcher: bad pattern: " + std::string(e.what()), impl->pattern);
  }
  LinkMatcher m;
  m.impl_ = std::move(impl);
  return m;
}

bool LinkMatcher::matches(std::string_view url) const {
  if (!impl_ || url.size() > kMaxMatchLength) return false;
  try {
    return std::regex_search(url.begin(), url.end(), impl_->regex);
  } catch (const std::regex_error&) {
    return false;  // error_complexity / error_stack on pathological input: treat as no match
  }
}

const std::string& LinkMatcher::pattern() const {
  static const std::string kEmpty;
  return impl_ ? impl_->pattern : kEmpty;
}

}  // namespace akhbar::parsers

#pragma GCC diagnostic pop
