// parsers/article/paragraphs.h (private to parsers/): an HTML subtree → body paragraphs, and the
// boilerplate filter every body goes through (rules or generic).
// Paragraph boundaries: block elements (<p>, <div>, <li>, headings, ...) and runs of two or more
// <br>; a single <br> is a line break inside a paragraph and becomes a space. Text inside scripts,
// styles, forms controls and iframes is never read.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

namespace akhbar::parsers::html {

struct Paragraph {
  std::string text;            // whitespace collapsed and trimmed
  std::size_t chars = 0;       // visible code points
  std::size_t link_chars = 0;  // of those, inside <a>
  bool heading = false;        // came from <h1>..<h6>
  bool list_item = false;      // came from <li>
};

// Appends the paragraphs of `root` (itself included) to `out`, in document order.
void collect_paragraphs(const xmlNode* root, std::vector<Paragraph>& out);

// Splits plain text (JSON-LD articleBody) on blank lines, or on single newlines when there are no
// blank lines, into paragraphs.
std::vector<Paragraph> paragraphs_from_text(std::string_view text);

// Drops empty and link-only paragraphs ("اقرأ أيضاً: <a>…</a>"), share bars ("شارك", facebook,
// twitter, whatsapp), ad labels, and "مقالات ذات صلة" / "اقرأ أيضا" / "أخبار ذات صلة" headings with
// the link list that follows them. Returns the kept texts in order.
std::vector<std::string> clean_paragraphs(const std::vector<Paragraph>& paragraphs);

// Arabic folding for matching boilerplate labels: tashkeel and tatweel dropped, أ إ آ ٱ → ا,
// ى → ي, ASCII lowercased, punctuation (: ، . - | « ») and surrounding spaces trimmed.
std::string fold_label(std::string_view text);

}  // namespace akhbar::parsers::html
