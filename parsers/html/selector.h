// parsers/html/selector.h: the selectors of a site's `articles:` rules. A CSS subset compiled to
// XPath 1.0 and evaluated by libxml2:
//   type, *, .class (token match), #id, [attr], [attr=v], [attr~=v], [attr^=v], [attr$=v],
//   [attr*=v], [attr|=v], :nth-of-type(n), :first-of-type, :last-of-type, descendant ' ',
//   child '>', ',' lists.
// "xpath:EXPR" passes EXPR through as XPath 1.0. A trailing "@attr" on a CSS selector takes that
// attribute of each match instead of its text ("time[datetime]@datetime"); after a
// list ("a.x, a.y@href") it applies to every alternative. Pure and thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

typedef struct _xmlDoc xmlDoc;    // NOLINT: libxml2's own typedef, repeated so callers need not
typedef struct _xmlNode xmlNode;  // NOLINT: include libxml2 headers.

namespace akhbar::parsers {

struct CompiledSelector {
  std::string xpath;      // XPath 1.0 selecting elements (or anything, for "xpath:")
  std::string attribute;  // "" → text of each match; else the value of this attribute
};

// Compiles (and, for "xpath:", syntax-checks) a selector. Fails with kInvalidInput naming the
// position of the first unsupported construct; the message starts with "selector: ".
Result<CompiledSelector> compile_selector(std::string_view selector);

// Matches in document order. Attribute nodes are returned for XPath that selects attributes.
std::vector<xmlNode*> select_nodes(xmlDoc* doc, const CompiledSelector& selector);

// The whitespace-collapsed text (or attribute value) of every match, empty values dropped. XPath
// returning a string or number yields that one value.
std::vector<std::string> select_values(xmlDoc* doc, const CompiledSelector& selector);

// Convenience for tools and tests: parse `html`, compile and evaluate `selector`.
Result<std::vector<std::string>> select_in_html(std::string_view html, std::string_view selector);

}  // namespace akhbar::parsers
