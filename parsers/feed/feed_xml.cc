// parsers/feed/feed_xml.cc: libxml2 for the feed parser: run with recovery and quietly (its errors
// counted and the first one kept, nothing printed), and where in the decoded text the document
// starts (past the prolog, or past junk a PHP plugin printed ahead of it).
#include "parsers/feed/feed_internal.h"

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "parsers/feed/xml_handles.h"
#include "util/free_with.h"

namespace akhbar::parsers::feed_detail {
namespace {

// Junk before the document ("Warning: ..." printed by a PHP plugin) is skipped when the XML starts
// within this many bytes.
constexpr std::size_t kMaxLeadingJunk = 4096;

void on_xml_error(void* data, xmlErrorPtr error) {
  const auto* ctxt = static_cast<const xmlParserCtxt*>(data);
  auto* errors = ctxt ? static_cast<XmlErrors*>(ctxt->_private) : nullptr;
  if (errors == nullptr || error == nullptr || error->level < XML_ERR_ERROR) return;
  ++errors->count;
  if (error->code == XML_ERR_ENTITY_LOOP) errors->entity_loop = true;
  if (errors->first.empty() && error->message != nullptr) {
    std::string_view message = error->message;
    message = message.substr(0, message.find('\n'));  // libxml2 appends the offending text on a new line
    errors->first = "line " + std::to_string(error->line) + ": " + std::string(trim_controls(message));
  }
}

using XmlParserCtxt = std::unique_ptr<xmlParserCtxt, FreeWith<xmlFreeParserCtxt>>;

// libxml2 reports some errors without a parser context (a UTF-16 document with a broken surrogate:
// "encoding error : input conversion failed") to the thread's handler, which prints to stderr.
// Parsers do not log: while one parse runs, this thread's handler drops them.
class QuietLibxml2 {
 public:
  QuietLibxml2() : saved_(xmlStructuredError), saved_context_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(nullptr, [](void*, xmlErrorPtr) {});
  }
  ~QuietLibxml2() { xmlSetStructuredErrorFunc(saved_context_, saved_); }
  QuietLibxml2(const QuietLibxml2&) = delete;
  QuietLibxml2& operator=(const QuietLibxml2&) = delete;

 private:
  xmlStructuredErrorFunc saved_;
  void* saved_context_;
};

bool is_feed_root(std::string_view name) {
  return name == "rss" || name == "feed" || name.ends_with(":feed") || name.ends_with("RDF") ||
         name.ends_with("urlset") || name.ends_with("sitemapindex");
}

}  // namespace

XmlDoc parse_xml(std::string_view text, const std::string& wide_charset, XmlErrors& errors) {
  int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR | XML_PARSE_NOCDATA |
                XML_PARSE_COMPACT;
  if (wide_charset.empty()) options |= XML_PARSE_IGNORE_ENC;
  const QuietLibxml2 quiet;
  XmlParserCtxt ctxt(xmlCreateMemoryParserCtxt(text.data(), static_cast<int>(text.size())));
  if (!ctxt) return nullptr;
  xmlCtxtUseOptions(ctxt.get(), options);
  if (!wide_charset.empty()) {
    if (xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(wide_charset.c_str())) {
      xmlSwitchToEncoding(ctxt.get(), handler);
    }
  }
  ctxt->_private = &errors;
  ctxt->sax->serror = on_xml_error;
  xmlParseDocument(ctxt.get());
  XmlDoc doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  if (!ctxt->wellFormed && errors.count == 0) errors.count = 1;
  return doc;
}

// The name of the root element, looking past the prolog (declaration, PIs, comments, DOCTYPE).
std::string_view root_name_hint(std::string_view t) {
  std::size_t i = 0;
  for (;;) {
    while (i < t.size() && is_space(t[i])) ++i;
    if (t.compare(i, 2, "<?") == 0) {
      const std::size_t end = t.find("?>", i);
      if (end == std::string_view::npos) return {};
      i = end + 2;
    } else if (t.compare(i, 4, "<!--") == 0) {
      const std::size_t end = t.find("-->", i);
      if (end == std::string_view::npos) return {};
      i = end + 3;
    } else if (t.compare(i, 2, "<!") == 0) {
      int brackets = 0;
      char quote = 0;
      for (i += 2; i < t.size(); ++i) {
        const char c = t[i];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[') {
          ++brackets;
        } else if (c == ']') {
          --brackets;
        } else if (c == '>' && brackets <= 0) {
          break;
        }
      }
      if (i < t.size()) ++i;
    } else {
      break;
    }
  }
  if (i >= t.size() || t[i] != '<') return {};
  std::size_t j = ++i;
  while (j < t.size() && !is_space(t[j]) && t[j] != '>' && t[j] != '/') ++j;
  return t.substr(i, j - i);
}

Result<std::size_t> xml_start(std::string_view text, std::vector<std::string>& notes) {
  std::size_t start = 0;
  while (start < text.size() && is_space(text[start])) ++start;
  if (start < text.size() && text[start] == '<' && is_feed_root(root_name_hint(text.substr(start)))) {
    if (start > 0 && text.compare(start, 5, "<?xml") == 0)
      notes.push_back("feed: whitespace before the XML declaration");
    return start;
  }
  std::size_t xml = std::string_view::npos;
  for (std::string_view mark : {"<?xml", "<rss", "<feed", "<rdf:RDF", "<urlset", "<sitemapindex"}) {
    xml = std::min(xml, text.substr(0, kMaxLeadingJunk).find(mark, start));
  }
  if (xml != std::string_view::npos && xml > start) {
    notes.push_back("feed: skipped " + std::to_string(xml - start) + " bytes of junk before the XML");
    return xml;
  }
  if (start < text.size() && text[start] != '<')
    return fail(Errc::kInvalidInput, "feed: not XML (does not start with '<')");
  return start;  // some other markup: libxml2 will say what it is
}

char first_significant_byte(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  for (char c : bytes) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
  }
  return '\0';
}

}  // namespace akhbar::parsers::feed_detail
