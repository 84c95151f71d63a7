#include "parsers/html/selector_check.h"

#include <memory>
#include <string>
#include <string_view>

#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "parsers/html/selector.h"
#include "util/ascii.h"
#include "util/free_with.h"

namespace akhbar::parsers {
namespace {

using XPathContextPtr = std::unique_ptr<xmlXPathContext, FreeWith<xmlXPathFreeContext>>;
using XPathCompPtr = std::unique_ptr<xmlXPathCompExpr, FreeWith<xmlXPathFreeCompExpr>>;

constexpr std::string_view kXPathPrefix = "xpath:";

struct XPathComplaint {
  std::string message;
  int position = -1;
};

// libxml2 (2.9) reports XPath compile errors with a code and int1 = the offset, but no message on
// this path: the wording is libxml2's own list (xpath.c, xmlXPathErrorMessages), lowercased.
std::string_view xpath_error_text(int code) {
  switch (code) {
    case XML_XPATH_NUMBER_ERROR: return "number encoding";
    case XML_XPATH_UNFINISHED_LITERAL_ERROR: return "unfinished literal";
    case XML_XPATH_START_LITERAL_ERROR: return "start of literal";
    case XML_XPATH_VARIABLE_REF_ERROR: return "expected $ for variable reference";
    case XML_XPATH_UNDEF_VARIABLE_ERROR: return "undefined variable";
    case XML_XPATH_INVALID_PREDICATE_ERROR: return "invalid predicate";
    case XML_XPATH_UNCLOSED_ERROR: return "missing closing curly brace";
    case XML_XPATH_UNKNOWN_FUNC_ERROR: return "unregistered function";
    case XML_XPATH_INVALID_OPERAND: return "invalid operand";
    case XML_XPATH_INVALID_TYPE: return "invalid type";
    case XML_XPATH_INVALID_ARITY: return "invalid number of arguments";
    case XML_XPATH_UNDEF_PREFIX_ERROR: return "undefined namespace prefix";
    case XML_XPATH_INVALID_CHAR_ERROR: return "invalid character";
    default: return "invalid expression";
  }
}

void keep_error(void* user, xmlError* error) {
  auto* complaint = static_cast<XPathComplaint*>(user);
  if (error == nullptr || !complaint->message.empty()) return;
  complaint->message = error->message != nullptr ? std::string(ascii::trim(error->message))
                                                 : std::string(xpath_error_text(error->code));
  complaint->position = error->int1;
}

// "" when libxml2 compiles `xpath`, else its complaint ("Invalid predicate at 6").
std::string xpath_problem(const std::string& xpath) {
  XPathComplaint complaint;
  XPathContextPtr ctx(xmlXPathNewContext(nullptr));
  if (!ctx) return "cannot create an XPath context";
  ctx->error = keep_error;
  ctx->userData = &complaint;
  XPathCompPtr comp(xmlXPathCtxtCompile(ctx.get(), reinterpret_cast<const xmlChar*>(xpath.c_str())));
  if (comp) return {};
  std::string why = complaint.message.empty() ? std::string("invalid expression") : complaint.message;
  if (complaint.position >= 0) why += " at " + std::to_string(complaint.position);
  return why;
}

// compile_selector's message is "selector: WHAT at N in 'SELECTOR'": keep "WHAT at N".
std::string css_reason(std::string_view message) {
  constexpr std::string_view kPrefix = "selector: ";
  if (message.substr(0, kPrefix.size()) == kPrefix) message.remove_prefix(kPrefix.size());
  if (auto in = message.rfind(" in '"); in != std::string_view::npos) message = message.substr(0, in);
  return std::string(message);
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

std::string selector_problem(std::string_view selector) {
  const std::string_view text = ascii::trim(selector);
  if (text.substr(0, kXPathPrefix.size()) == kXPathPrefix) {
    const std::string xpath(ascii::trim(text.substr(kXPathPrefix.size())));
    if (xpath.empty()) return "bad XPath selector " + quoted(text) + ": empty expression";
    if (std::string why = xpath_problem(xpath); !why.empty()) {
      return "bad XPath selector " + quoted(text) + ": " + why;
    }
    return {};
  }
  auto compiled = compile_selector(text);
  if (!compiled) return "bad CSS selector " + quoted(text) + ": " + css_reason(compiled.error().message);
  if (std::string why = xpath_problem(compiled->xpath); !why.empty()) {
    return "bad CSS selector " + quoted(text) + ": not expressible in XPath (" + why + ")";
  }
  return {};
}

}  // namespace akhbar::parsers
