// tests/parsers/libxml2_reference.h: libxml2's own HTML parser, as html::parse used it before the
// tree builder: the reference the builder's trees are compared with (tree_builder_test.cc).
#pragma once
#include <string_view>

#include "parsers/html/html_dom.h"

namespace akhbar::parsers::testing {

// htmlReadMemory over `utf8_html` with the contents of non-JSON <script>, of <style> and of
// comments blanked first (as html::parse did); null when libxml2 builds no tree.
html::DocPtr parse_with_libxml2(std::string_view utf8_html);

}  // namespace akhbar::parsers::testing
