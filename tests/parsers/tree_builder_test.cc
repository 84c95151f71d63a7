// The tree builder (parsers/html/tree_builder.h): its rules one by one, and a differential check
// against libxml2's own HTML parser over every page fixture: the paragraphs a reader gets, and the
// elements with their attributes in document order, must be the same from both trees.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/article/paragraphs.h"
#include "parsers/html/char_ref.h"
#include "parsers/html/html_dom.h"
#include "parsers/text/charset.h"
#include "tests/parsers/libxml2_reference.h"
#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Where the builder reads HTML 5's way on purpose, the comparison looks past it:
// - an attribute name that is no XML name (AMP's <html ⚡>, broken quotes) is dropped by libxml2;
// - a stray quote inside a quoted value makes the rest of the tag junk attributes, which the two
//   name differently: attributes without a value are left out;
// - libxml2 keeps the prefix of "fb:share-button" as a namespace, not in the name;
// - "&nbsp" without its ';' stays text in libxml2, a space in browsers and here (text is decoded
//   once more on both sides, so what either tree already decoded compares equal).
bool is_xml_name(std::string_view name) {
  if (name.empty() || !(ascii::is_alpha(name[0]) || name[0] == '_' || name[0] == ':')) return false;
  for (char c : name) {
    if (!(ascii::is_alpha(c) || ascii::is_digit(c) || c == '_' || c == ':' || c == '-' || c == '.')) return false;
  }
  return true;
}

std::string_view without_prefix(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string decoded(std::string_view text) {
  std::string out;
  html::append_decoded(out, text);
  return out;
}

// One line per element (name and attributes in order) and per non-blank text (collapsed).
std::vector<std::string> elements_and_text(const xmlDoc* doc) {
  std::vector<std::string> out;
  xmlNode* root = xmlDocGetRootElement(const_cast<xmlDoc*>(doc));
  for (xmlNode* n = root; n != nullptr; n = html::next_in_tree(n, root)) {
    if (n->type == XML_ELEMENT_NODE) {
      std::string line = "<" + std::string(without_prefix(html::name_of(n)));
      for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
        if (!is_xml_name(reinterpret_cast<const char*>(a->name)) || a->children == nullptr) continue;
        line += " " + std::string(reinterpret_cast<const char*>(a->name)) + "=" + html::attr(n, reinterpret_cast<const char*>(a->name));
      }
      out.push_back(line + ">");
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      std::string t = html::collapse_whitespace(decoded(n->content == nullptr ? "" : reinterpret_cast<const char*>(n->content)));
      if (!t.empty()) out.push_back(t);
    }
  }
  return out;
}

std::vector<std::string> paragraphs(const xmlDoc* doc) {
  std::vector<html::Paragraph> ps;
  html::collect_paragraphs(xmlDocGetRootElement(const_cast<xmlDoc*>(doc)), ps);
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(html::collapse_whitespace(decoded(p.text)));
  return out;
}

// The first place two line lists part, with a little context.
std::string first_difference(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  std::size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  if (i == want.size() && i == got.size()) return {};
  std::ostringstream ss;
  ss << "at line " << i << " of " << want.size() << " (libxml2) / " << got.size() << " (builder)\n";
  // The lines from a little before the first byte that differs.
  const std::string& a = i < want.size() ? want[i] : std::string("<end>");
  const std::string& b = i < got.size() ? got[i] : std::string("<end>");
  std::size_t c = 0;
  while (c < a.size() && c < b.size() && a[c] == b[c]) ++c;
  const std::size_t from = c > 60 ? c - 60 : 0;
  ss << "  libxml2: " << a.substr(from, 160) << "\n";
  ss << "  builder: " << b.substr(from, 160) << "\n";
  for (std::size_t k = i + 1; k < i + 3; ++k) {
    ss << "  libxml2: " << (k < want.size() ? want[k] : "<end>").substr(0, 160) << "\n";
    ss << "  builder: " << (k < got.size() ? got[k] : "<end>").substr(0, 160) << "\n";
  }
  return ss.str();
}

// Compares both trees of every page in `dir`; returns how many pages there were.
int compare_pages_in(const std::filesystem::path& root) {
  int pages = 0;
  if (!std::filesystem::exists(root)) return pages;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.path().extension() != ".html" && entry.path().extension() != ".htm") continue;
    const std::string page = decode_to_utf8(read_file(entry.path()), "");
    const html::DocPtr want = testing::parse_with_libxml2(page);
    const html::DocPtr got = html::parse(page);
    EXPECT_TRUE(want && got) << entry.path();
    if (!want || !got) continue;
    ++pages;
    EXPECT_EQ(first_difference(paragraphs(want.get()), paragraphs(got.get())), "") << entry.path() << " paragraphs";
    EXPECT_EQ(first_difference(elements_and_text(want.get()), elements_and_text(got.get())), "") << entry.path() << " tree";
  }
  return pages;
}

TEST(TreeBuilder, AgreesWithLibxml2OnEveryFixture) {
  int pages = 0;
  for (const char* dir : {"/articles", "/eval", "/charsets"}) pages += compare_pages_in(std::string(AKHBAR_TEST_DATA) + dir);
  EXPECT_GT(pages, 40);
}

}  // namespace
}  // namespace akhbar::parsers
