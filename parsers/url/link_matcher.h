// parsers/url/link_matcher.h: the `articles.match` pattern of a site file, compiled once.
// ECMAScript regular expressions (std::regex), searched (not anchored) in the canonical URL.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

namespace akhbar::parsers {

class LinkMatcher {
 public:
  LinkMatcher() = default;  // matches nothing
  // kInvalidInput with the regex library's explanation when the pattern does not compile.
  static Result<LinkMatcher> compile(std::string_view pattern);

  bool empty() const { return impl_ == nullptr; }
  bool matches(std::string_view url) const;
  const std::string& pattern() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;  // shared: copies of the config share one compiled regex
};

}  // namespace akhbar::parsers
