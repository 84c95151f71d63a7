#include "parsers/html/selector.h"

#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libxml/xpath.h>

#include "parsers/html/html_dom.h"
#include "util/ascii.h"
#include "util/free_with.h"

namespace akhbar::parsers {
namespace {

using XPathContextPtr = std::unique_ptr<xmlXPathContext, FreeWith<xmlXPathFreeContext>>;
using XPathObjectPtr = std::unique_ptr<xmlXPathObject, FreeWith<xmlXPathFreeObject>>;
using XPathCompPtr = std::unique_ptr<xmlXPathCompExpr, FreeWith<xmlXPathFreeCompExpr>>;

constexpr std::string_view kXPathPrefix = "xpath:";

// libxml2 prints XPath errors to stderr unless the context has a handler; we report our own.
void ignore_error(void* /*user*/, xmlError* /*error*/) {}

XPathContextPtr new_context(xmlDoc* doc) {
  XPathContextPtr ctx(xmlXPathNewContext(doc));
  if (ctx) ctx->error = ignore_error;
  return ctx;
}

bool is_ident_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || u >= 0x80;
}

// An XPath 1.0 string literal for any value (concat() when it holds both quote kinds).
std::string literal(std::string_view v) {
  if (v.find('\'') == std::string_view::npos) return "'" + std::string(v) + "'";
  if (v.find('"') == std::string_view::npos) return "\"" + std::string(v) + "\"";
  std::string out = "concat(";
  std::size_t start = 0;
  while (true) {
    const std::size_t q = v.find('\'', start);
    out += "'" + std::string(v.substr(start, q - start)) + "'";
    if (q == std::string_view::npos) break;
    out += ", \"'\", ";
    start = q + 1;
  }
  return out + ")";
}

std::string token_match(std::string_view attr, std::string_view value) {
  return "contains(concat(' ', normalize-space(@" + std::string(attr) + "), ' '), " +
         literal(" " + std::string(value) + " ") + ")";
}

class CssCompiler {
 public:
  explicit CssCompiler(std::string_view text) : s_(text) {}

  Result<std::string> compile() {
    std::string out;
    while (true) {
      skip_spaces();
      auto one = complex_selector();
      if (!one) return one;
      if (!out.empty()) out += " | ";
      out += *one;
      skip_spaces();
      if (at_end()) break;
      if (s_[i_] != ',') return error("expected ','");
      ++i_;
    }
    return out;
  }

 private:
  bool at_end() const { return i_ >= s_.size(); }
  void skip_spaces() {
    while (!at_end() && ascii::is_space(s_[i_])) ++i_;
  }
  tl::unexpected<Error> error(std::string_view what) const {
    return fail(Errc::kInvalidInput,
                "selector: " + std::string(what) + " at " + std::to_string(i_) + " in '" + std::string(s_) + "'");
  }
  std::string ident() {
    const std::size_t start = i_;
    while (!at_end() && is_ident_char(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  Result<std::string> complex_selector() {
    std::string out;
    std::string axis = "//";
    while (true) {
      auto step = compound();
      if (!step) return step;
      out += axis + *step;
      const std::size_t before = i_;
      skip_spaces();
      if (at_end() || s_[i_] == ',') return out;
      if (s_[i_] == '>') {
        ++i_;
        skip_spaces();
        axis = "/";
      } else if (i_ > before) {
        axis = "//";
      } else {
        return error("unexpected character");
      }
    }
  }

  Result<std::string> compound() {
    std::string type;
    std::string position;
    std::string predicates;
    if (!at_end() && s_[i_] == '*') {
      ++i_;
      type = "*";
    } else if (!at_end() && is_ident_char(s_[i_])) {
      type = ascii::to_lower(ident());
    }
    while (!at_end()) {
      const char c = s_[i_];
      if (c == '.' || c == '#') {
        ++i_;
        std::string name = ident();
        if (name.empty()) return error(c == '.' ? "empty class name" : "empty id");
        predicates += c == '.' ? "[" + token_match("class", name) + "]" : "[@id=" + literal(name) + "]";
      } else if (c == '[') {
        ++i_;
        auto pred = attribute_predicate();
        if (!pred) return pred;
        predicates += "[" + *pred + "]";
      } else if (c == ':') {
        ++i_;
        auto pos = pseudo_class();
        if (!pos) return pos;
        if (!position.empty()) return error("only one positional pseudo-class per step");
        position = "[" + *pos + "]";
      } else {
        break;
      }
    }
    if (type.empty() && predicates.empty() && position.empty()) return error("expected a selector");
    if (type.empty()) type = "*";
    // Position first: p:nth-of-type(2).x is "the second p, if it has class x".
    return type + position + predicates;
  }

  Result<std::string> attribute_predicate() {
    skip_spaces();
    std::string name = ascii::to_lower(ident());
    if (name.empty()) return error("expected attribute name");
    skip_spaces();
    if (at_end()) return error("unterminated '['");
    if (s_[i_] == ']') {
      ++i_;
      return "@" + name;
    }
    std::string op;
    if (s_[i_] == '=') {
      op = "=";
      ++i_;
    } else if (i_ + 1 < s_.size() && s_[i_ + 1] == '=' && std::string_view("~^$*|").find(s_[i_]) != std::string_view::npos) {
      op = std::string(1, s_[i_]);
      i_ += 2;
    } else {
      return error("unsupported attribute operator");
    }
    skip_spaces();
    std::string value;
    if (!at_end() && (s_[i_] == '"' || s_[i_] == '\'')) {
      const char q = s_[i_++];
      const std::size_t end = s_.find(q, i_);
      if (end == std::string_view::npos) return error("unterminated string");
      value = std::string(s_.substr(i_, end - i_));
      i_ = end + 1;
    } else {
      value = ident();
    }
    skip_spaces();
    if (at_end() || s_[i_] != ']') return error("expected ']'");
    ++i_;
    const std::string a = "@" + name;
    if (op == "=") return a + "=" + literal(value);
    if (op == "~") return token_match(name, value);
    if (op == "^") return "starts-with(" + a + ", " + literal(value) + ")";
    if (op == "*") return "contains(" + a + ", " + literal(value) + ")";
    if (op == "|") return a + "=" + literal(value) + " or starts-with(" + a + ", " + literal(value + "-") + ")";
    return "substring(" + a + ", string-length(" + a + ") - string-length(" + literal(value) + ") + 1) = " +
           literal(value);
  }

  Result<std::string> pseudo_class() {
    const std::string name = ascii::to_lower(ident());
    if (name == "first-of-type") return std::string("1");
    if (name == "last-of-type") return std::string("last()");
    if (name != "nth-of-type") return error("unsupported pseudo-class ':" + name + "'");
    if (at_end() || s_[i_] != '(') return error("expected '('");
    ++i_;
    skip_spaces();
    const std::size_t start = i_;
    while (!at_end() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    std::string n(s_.substr(start, i_ - start));
    skip_spaces();
    if (n.empty() || n.size() > 6 || at_end() || s_[i_] != ')') return error("expected a number in :nth-of-type()");
    ++i_;
    if (n.find_first_not_of('0') == std::string::npos) return error(":nth-of-type() counts from 1");
    return n;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// Splits a trailing "@attr" (outside brackets and quotes) off a CSS selector.
std::pair<std::string_view, std::string> split_attribute(std::string_view text) {
  int depth = 0;
  char quote = 0;
  std::size_t at = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '(') {
      ++depth;
    } else if (c == ']' || c == ')') {
      --depth;
    } else if (c == '@' && depth == 0) {
      at = i;
    }
  }
  if (at == std::string_view::npos) return {text, {}};
  std::string_view name = text.substr(at + 1);
  while (!name.empty() && ascii::is_space(name.back())) name.remove_suffix(1);
  for (char c : name) {
    if (!is_ident_char(c) && c != ':') return {text, {}};
  }
  return {text.substr(0, at), ascii::to_lower(name)};
}

std::string number_text(double v) {
  if (std::isnan(v)) return {};
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return std::to_string(v);
}

}  // namespace

Result<CompiledSelector> compile_selector(std::string_view selector) {
  std::string_view text = selector;
  text = ascii::trim(text);
  if (text.empty()) return fail(Errc::kInvalidInput, "selector: empty");
  if (text.substr(0, kXPathPrefix.size()) == kXPathPrefix) {
    CompiledSelector out{std::string(text.substr(kXPathPrefix.size())), {}};
    XPathContextPtr ctx = new_context(nullptr);
    XPathCompPtr comp(ctx ? xmlXPathCtxtCompile(ctx.get(), reinterpret_cast<const xmlChar*>(out.xpath.c_str()))
                          : nullptr);
    if (!comp) return fail(Errc::kInvalidInput, "selector: invalid XPath '" + out.xpath + "'");
    return out;
  }
  auto [css, attribute] = split_attribute(text);
  auto xpath = CssCompiler(css).compile();
  if (!xpath) return tl::make_unexpected(xpath.error());
  return CompiledSelector{std::move(*xpath), std::move(attribute)};
}

std::vector<xmlNode*> select_nodes(xmlDoc* doc, const CompiledSelector& selector) {
  std::vector<xmlNode*> out;
  if (doc == nullptr) return out;
  XPathContextPtr ctx = new_context(doc);
  if (!ctx) return out;
  XPathObjectPtr result(xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(selector.xpath.c_str()), ctx.get()));
  if (!result || result->type != XPATH_NODESET || result->nodesetval == nullptr) return out;
  const xmlNodeSet* set = result->nodesetval;
  out.reserve(static_cast<std::size_t>(set->nodeNr));
  for (int i = 0; i < set->nodeNr; ++i) out.push_back(set->nodeTab[i]);
  return out;
}

std::vector<std::string> select_values(xmlDoc* doc, const CompiledSelector& selector) {
  std::vector<std::string> out;
  if (doc == nullptr) return out;
  XPathContextPtr ctx = new_context(doc);
  if (!ctx) return out;
  XPathObjectPtr result(xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(selector.xpath.c_str()), ctx.get()));
  if (!result) return out;
  auto push = [&](std::string v) {
    if (!v.empty()) out.push_back(std::move(v));
  };
  switch (result->type) {
    case XPATH_STRING:
      if (result->stringval != nullptr) push(html::collapse_whitespace(reinterpret_cast<const char*>(result->stringval)));
      break;
    case XPATH_NUMBER:
      push(number_text(result->floatval));
      break;
    case XPATH_BOOLEAN:
      push(result->boolval != 0 ? "true" : "false");
      break;
    case XPATH_NODESET:
      if (result->nodesetval == nullptr) break;
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
        const xmlNode* n = result->nodesetval->nodeTab[i];
        if (!selector.attribute.empty()) {
          push(html::collapse_whitespace(html::attr(n, selector.attribute)));
        } else {
          push(html::text_of(n));
        }
      }
      break;
    default:
      break;
  }
  return out;
}

Result<std::vector<std::string>> select_in_html(std::string_view html, std::string_view selector) {
  auto compiled = compile_selector(selector);
  if (!compiled) return tl::make_unexpected(compiled.error());
  html::DocPtr doc = html::parse(html);
  if (!doc) return fail(Errc::kInvalidInput, "selector: not HTML");
  return select_values(doc.get(), *compiled);
}

}  // namespace akhbar::parsers
