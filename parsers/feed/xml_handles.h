// parsers/feed/xml_handles.h (private to parsers/): one owner for every libxml2 allocation.
#pragma once
#include <memory>
#include <string>

#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

#include "util/free_with.h"

namespace akhbar::parsers {

using XmlDoc = std::unique_ptr<xmlDoc, FreeWith<xmlFreeDoc>>;

// xmlFree is a variable (a function pointer), not a function, so it needs a wrapper to be a deleter.
inline void xml_free_chars(xmlChar* p) { xmlFree(p); }
using XmlChars = std::unique_ptr<xmlChar, FreeWith<xml_free_chars>>;

// The owned string libxml2 returned, as std::string ("" for nullptr).
inline std::string take_xml_string(xmlChar* p) {
  XmlChars owned(p);
  return owned ? std::string(reinterpret_cast<const char*>(owned.get())) : std::string();
}

}  // namespace akhbar::parsers
