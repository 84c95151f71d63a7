// parsers/article/paragraphs.h (private to parsers/): an HTML subtree → body paragraphs, and the
// boilerplate filter every body goes through (rules or generic).
// Paragraph boundaries: block elements (<p>, <div>, <li>, headings, ...) and runs of two or more
// <br>; a single <br> is a line break inside a paragraph and becomes a space. A table row of
// inline cells is one paragraph "a | b | c" (layout cells holding blocks stay blocks). Text inside
// scripts, styles, forms controls, iframes and <video>/<audio> (their fallback) is never read.
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
  std::size_t time_chars = 0;  // of those, inside <time>
  bool heading = false;        // came from <h1>..<h6>
  bool list_item = false;      // came from <li>
};

// Appends the paragraphs of `root` (itself included) to `out`, in document order.
void collect_paragraphs(const xmlNode* root, std::vector<Paragraph>& out);

// Splits plain text (JSON-LD articleBody) on blank lines, or on single newlines when there are no
// blank lines, into paragraphs.
std::vector<Paragraph> paragraphs_from_text(std::string_view text);

// Drops empty and link-only paragraphs ("اقرأ أيضاً: <a>…</a>"), share bars ("شارك", facebook,
// twitter, whatsapp), ad labels, and "مقالات ذات صلة" / "اقرأ أيضا" / "أخبار ذات صلة" / tag-list
// ("الوسوم", "كلمات دلالية") / comments ("التعليقات", "أضف تعليقك") labels with the link list that
// follows them. Short lines (at most 90 visible characters) beginning with a cue are dropped:
// source and photo credits ("المصدر:", "صورة أرشيفية", "(صورة: …", "حقوق الصورة", "تصوير:"),
// "تابعونا", "اشترك في النشرة", "الوسوم:", "اقرأ أيضاً"; lines of at most 40 naming a photo agency
// as a credit ("Getty Images", "AFP/رويترز", "© …"); live-blog times ("10:45 م", "١٥:٤٠ بتوقيت مكة
// المكرمة", "منذ 5 دقائق") and short lines that are mostly a <time>; update labels ("تحديث",
// "آخر تحديث: …", "عاجل").
// A longer sentence that merely mentions a cue word is kept. Trailing comment-policy/copyright
// lines and trailing headings are dropped. Returns the kept texts in order.
std::vector<std::string> clean_paragraphs(const std::vector<Paragraph>& paragraphs);

// Arabic folding for matching boilerplate labels: tashkeel and tatweel dropped, أ إ آ ٱ → ا,
// ى → ي, ASCII lowercased, punctuation (: ، . - | « ») and surrounding spaces trimmed.
std::string fold_label(std::string_view text);

}  // namespace akhbar::parsers::html
