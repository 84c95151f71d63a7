// parsers/html/selector_check.h: is a selector of a site's `articles:` rules usable? For
// `akhbard check-config`, which reports a bad selector at its YAML position before any page is
// fetched. CSS goes through the project's own compiler (selector.h's compile_selector, the one
// extraction uses) and the XPath it produces is compiled too; "xpath:EXPR" is compiled by libxml2
// (xmlXPathCtxtCompile), whose complaint is reported instead of printed to stderr.
// Pure, thread-safe, never throws.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::parsers {

// "" when `selector` compiles. Otherwise one line naming the kind, the selector and why:
//   bad CSS selector "div..x": empty class name at 4
//   bad XPath selector "//div[": Invalid predicate at 6
// (positions are 0-based offsets into the CSS, or into the XPath after "xpath:").
std::string selector_problem(std::string_view selector);

}  // namespace akhbar::parsers
