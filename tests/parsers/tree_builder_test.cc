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

// The tree as one line: <name attr=value ...> for elements, text as it is, "/" closing each element.
std::string outline(const xmlNode* n) {
  std::string out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE) {
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      out += "<" + std::string(html::name_of(c));
      for (const xmlAttr* a = c->properties; a != nullptr; a = a->next) {
        out += " " + std::string(reinterpret_cast<const char*>(a->name));
        if (a->children != nullptr) out += "=" + html::attr(c, reinterpret_cast<const char*>(a->name));
      }
      out += ">" + outline(c) + "/";
    }
  }
  return out;
}

std::string body_outline(std::string_view page) {
  const html::DocPtr doc = html::parse(page);
  if (!doc) return "(no tree)";
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (html::is_element(c, "body")) return outline(c);
  }
  return "(no body)";
}

TEST(TreeBuilder, HeadElementsGoInTheHeadAndAnythingElseOpensTheBody) {
  const html::DocPtr doc = html::parse(
      "\xEF\xBB\xBF<!DOCTYPE html><html lang=\"ar\" dir=rtl><meta charset=utf-8><title>عنوان &amp; آخر</title>"
      "<link rel=canonical href=/a><noscript><img src=/px></noscript><p>نص</p><meta name=late content=x>");
  ASSERT_TRUE(doc);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  EXPECT_EQ(outline(reinterpret_cast<const xmlNode*>(doc.get())),
            "<html lang=ar dir=rtl><head><meta charset=utf-8>/<title>عنوان & آخر/<link rel=canonical href=/a>/"
            "<noscript><img src=/px>//"
            "/<body><p>نص/<meta name=late content=x>///");
  EXPECT_EQ(html::name_of(root), "html");
}

TEST(TreeBuilder, StartTagsCloseWhatLibxml2Closes) {
  EXPECT_EQ(body_outline("<p>أ<p>ب<div>ج</div>"), "<p>أ/<p>ب/<div>ج/");
  EXPECT_EQ(body_outline("<ul><li>أ<li>ب</ul>"), "<ul><li>أ/<li>ب//");
  EXPECT_EQ(body_outline("<dl><dt>أ<dd>ب<dt>ج</dl>"), "<dl><dt>أ/<dd>ب/<dt>ج//");
  EXPECT_EQ(body_outline("<table><tr><td>أ<td>ب<tr><td>ج</table>"), "<table><tr><td>أ/<td>ب//<tr><td>ج///");
  EXPECT_EQ(body_outline("<h2>أ<h3>ب</h3>"), "<h2>أ/<h3>ب/");
  EXPECT_EQ(body_outline("<a href=1>أ<a href=2>ب</a>"), "<a href=1>أ/<a href=2>ب/");
  // Only the current element is closed: a <div> inside <p><span> nests there, as in libxml2.
  EXPECT_EQ(body_outline("<p><span>أ<div>ب</div></span></p>"), "<p><span>أ<div>ب///");
}

TEST(TreeBuilder, EndTagsCloseUpToTheirElementUnlessAMoreImportantOneIsOpen) {
  EXPECT_EQ(body_outline("<div><b><i>أ</div>ب"), "<div><b><i>أ///ب");
  EXPECT_EQ(body_outline("<span><div>أ</span>ب</div>"), "<span><div>أب//");   // </span> cannot close the <div>
  EXPECT_EQ(body_outline("<div>أ</em>ب</div>"), "<div>أب/");                  // nothing of that name is open
  EXPECT_EQ(body_outline("<div>أ</div></body></html><p>ب"), "<div>أ/<p>ب/");  // what follows stays in the body
}

TEST(TreeBuilder, VoidAndSelfClosedElementsTakeNoChildren) {
  EXPECT_EQ(body_outline("<p>أ<br>ب<img src=x alt=\"ج د\">ه</p>"), "<p>أ<br>/ب<img src=x alt=ج د>/ه/");
  EXPECT_EQ(body_outline("<div class=\"clear\"/>نص"), "<div class=clear>/نص");
  EXPECT_EQ(body_outline("<div class=clear/>نص"), "<div class=clear/>نص/");  // the value takes the '/'
}

TEST(TreeBuilder, ReferencesAreDecodedInTextAndAttributes) {
  EXPECT_EQ(body_outline("<p title=\"&quot;أ&quot; &amp; ب\">&#1575;&#x644; &nbsp;&apos;x&apos; &#150; AT&T &bogus; &lt;b&gt;</p>"),
            "<p title=\"أ\" & ب>ال \xC2\xA0'x' \xE2\x80\x93 AT&T &bogus; <b>/");
  EXPECT_EQ(body_outline("<p>&nbsp&raquo; &#0; &#xD800;</p>"), "<p>\xC2\xA0» \xEF\xBF\xBD \xEF\xBF\xBD/");
}

TEST(TreeBuilder, AttributesAsBrowsersReadThem) {
  EXPECT_EQ(body_outline("<div ID=a Class='b c' data-x=1/2 id=second hidden @click.prevent=\"f()\" defer>x</div>"),
            "<div id=a class=b c data-x=1/2 hidden @click.prevent=f() defer=defer>x/");
  EXPECT_EQ(body_outline("<a href=\"/x?a=1&amp;b=2\" title=\"a > b\">y</a>"), "<a href=/x?a=1&b=2 title=a > b>y/");
}

TEST(TreeBuilder, ScriptsAndStylesKeepNoTextButJsonScriptsKeepTheirsWhole) {
  const html::DocPtr doc = html::parse(
      "<head><script>if (a < b && c) document.write('</div>');</script><style>p{color:red}</style>"
      "<script type=\"application/ld+json\">{\"headline\": \"<b>عنوان</b>\"}</script></head>"
      "<body><p>نص<script>x()</SCRIPT >بعد</p><textarea>&lt;b&gt; <i>حرفي</i></textarea></body>");
  ASSERT_TRUE(doc);
  EXPECT_EQ(outline(reinterpret_cast<const xmlNode*>(doc.get())),
            "<html><head><script>/<style>/<script type=application/ld+json>{\"headline\": \"<b>عنوان</b>\"}//"
            "<body><p>نص<script>/بعد/<textarea><b> <i>حرفي</i>///");
}

TEST(TreeBuilder, CommentsDoctypesAndStrayMarkupAreNotText) {
  EXPECT_EQ(body_outline("<p>أ<!-- تعليق <p> -->ب<!---->ج<!-->د<?php x ?>ه<![CDATA[و]]>ز 5 < 6 </ p></p>"),
            "<p>أبجدهز 5 < 6 /");
  EXPECT_EQ(body_outline("<p>أ<!-- لم يغلق <p>ب"), "<p>أ/");  // an unclosed comment runs to the end
  EXPECT_EQ(body_outline("<p>أ</p><div class=\"x"), "<p>أ/");  // so does a tag cut off
}

TEST(TreeBuilder, WhitespaceStaysOnlyWhereItSeparatesWords) {
  EXPECT_EQ(body_outline("<div>\n  <p><b>أ</b> <i>ب</i></p>\n  <p>ج</p>\n</div>"), "<div><p><b>أ/ <i>ب//<p>ج//");
}

TEST(TreeBuilder, BrokenUtf8AndControlsAreRepaired) {
  using namespace std::string_literals;
  const std::string page = "<p>أ\xD8 ب\x01\x00"s + "ج\x0C" + "د\xFF</p>";
  EXPECT_EQ(body_outline(page), "<p>أ\xEF\xBF\xBD بج د\xEF\xBF\xBD/");
  // An overlong form, a surrogate and a letter cut off at the end are ill-formed too; well-formed
  // text around them (two-, three- and four-byte) is kept.
  EXPECT_EQ(body_outline("<p>a\xC0\x80" "b</p>"), "<p>a\xEF\xBF\xBD\xEF\xBF\xBD" "b/");
  EXPECT_EQ(body_outline("<p>\xED\xA0\x80 — 📰</p>"), "<p>\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD — 📰/");
  EXPECT_EQ(body_outline("<p>نص\xD9"), "<p>نص\xEF\xBF\xBD/");
}

TEST(TreeBuilder, DeepNestingStopsGrowingTheTree) {
  std::string page;
  for (int i = 0; i < 20000; ++i) page += "<div>";
  page += "عميق";
  const html::DocPtr doc = html::parse(page);
  ASSERT_TRUE(doc);
  int depth = 0;
  const xmlNode* n = xmlDocGetRootElement(doc.get());
  while (n->last != nullptr && n->last->type == XML_ELEMENT_NODE) {  // the text closes the page
    n = n->last;
    ++depth;
  }
  EXPECT_LE(depth, 256);
  ASSERT_NE(n->last, nullptr);
  EXPECT_EQ(html::text_of(n->last), "عميق");
  EXPECT_EQ(html::text_of(xmlDocGetRootElement(doc.get())), "عميق");
}

TEST(TreeBuilder, ManyDocumentsShareTheirNamesSafely) {
  // Documents outlive each other in any order; names of a page of random tags stay bounded.
  std::vector<html::DocPtr> docs;
  for (int i = 0; i < 3; ++i) {
    std::string page;
    for (int k = 0; k < 12000; ++k) page += "<x" + std::to_string(i * 12000 + k) + " a" + std::to_string(k) + "=1>";
    docs.push_back(html::parse(page));
  }
  docs.erase(docs.begin());
  const html::DocPtr more = html::parse("<p class=z>نص</p>");
  EXPECT_EQ(body_outline("<p class=z>نص</p>"), "<p class=z>نص/");
  ASSERT_TRUE(docs.back());
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
