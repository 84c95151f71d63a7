#include "parsers/article/paragraphs.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/html/html_dom.h"
#include "parsers/text/utf8.h"

namespace akhbar::parsers::html {
namespace {

// A paragraph whose text is more than half link text is navigation, not prose.
constexpr double kLinkOnlyDensity = 0.5;
// Share bars and ad labels are short; longer paragraphs mentioning "فيسبوك" are prose.
constexpr std::size_t kMaxShareChars = 50;
// Labels such as "مقالات ذات صلة" are short; a longer paragraph is never a label.
constexpr std::size_t kMaxLabelChars = 40;
// Nesting beyond this is not read (libxml2 itself limits HTML depth; this keeps recursion safe).
constexpr int kMaxDepth = 512;

bool is_heading(std::string_view n) {
  return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6';
}

bool has_block_child(const xmlNode* n) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && (is_block_element(name_of(c)) || name_of(c) == "br")) return true;
  }
  return false;
}

class Collector {
 public:
  explicit Collector(std::vector<Paragraph>& out) : out_(out) {}

  void element(const xmlNode* n, int depth) {
    if (depth > kMaxDepth) return;
    const std::string_view name = name_of(n);
    // <video>/<audio> hold only the "your browser cannot play this" fallback.
    if (is_non_content(name) || name == "video" || name == "audio") return;
    // A table cell holding only inline content is one column of its row's line ("a | b | c");
    // layout cells holding blocks stay blocks.
    const bool cell = (name == "td" || name == "th") && !has_block_child(n);
    const bool block = is_block_element(name) && !cell;
    if (cell && !cur_.text.empty()) {
      cur_.text += " |";
      pending_ = true;
    }
    const bool heading = is_heading(name);
    const bool li = name == "li";
    const bool link = name == "a";
    const bool time = name == "time";
    if (block) flush();
    heading_ += heading ? 1 : 0;
    list_ += li ? 1 : 0;
    link_ += link ? 1 : 0;
    time_ += time ? 1 : 0;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE) {
        if (c->content != nullptr) text(reinterpret_cast<const char*>(c->content), text_length(c));
      } else if (c->type == XML_CDATA_SECTION_NODE) {
        if (c->content != nullptr) text(reinterpret_cast<const char*>(c->content), visible_length(reinterpret_cast<const char*>(c->content)));
      } else if (c->type == XML_ELEMENT_NODE) {
        if (name_of(c) == "br") {
          br();
        } else {
          element(c, depth + 1);
        }
      }
    }
    if (block) flush();
    heading_ -= heading ? 1 : 0;
    list_ -= li ? 1 : 0;
    link_ -= link ? 1 : 0;
    time_ -= time ? 1 : 0;
  }

  void flush() {
    if (!cur_.text.empty()) {
      cur_.chars = visible_length(cur_.text);
      out_.push_back(std::move(cur_));
    }
    cur_ = Paragraph{};
    pending_ = false;
    brs_ = 0;
  }

 private:
  void text(const char* content, std::size_t len) {
    const std::string_view t(content);
    if (len == 0) {
      if (!t.empty()) pending_ = true;
      return;
    }
    brs_ = 0;
    if (cur_.text.empty()) {
      cur_.heading = heading_ > 0;
      cur_.list_item = list_ > 0;
    }
    append_collapsed(cur_.text, t, pending_);
    if (link_ > 0) cur_.link_chars += len;
    if (time_ > 0) cur_.time_chars += len;
  }

  void br() {
    if (++brs_ >= 2) {
      flush();
    } else {
      pending_ = true;
    }
  }

  std::vector<Paragraph>& out_;
  Paragraph cur_;
  bool pending_ = false;
  int brs_ = 0;
  int heading_ = 0;
  int list_ = 0;
  int link_ = 0;
  int time_ = 0;
};

// Decodes one code point of valid UTF-8 (our input was decoded by charset.cc / libxml2).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<std::size_t>(len);
  return cp;
}

bool is_label_punct(char32_t cp) {
  return cp == ':' || cp == 0x060C || cp == '.' || cp == '-' || cp == '|' || cp == 0xAB || cp == 0xBB ||
         cp == '!' || cp == '>' || cp == '<' || cp == 0x061B || cp == 0x2013 || cp == 0x2014 || cp == ' ';
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// Folded forms (see fold_label) of the labels that head related-article lists, tag lists and
// comment sections: the label and the links or list items after it are dropped.
bool is_related_label(std::string_view folded) {
  static constexpr std::array<std::string_view, 43> kLabels = {
      "مقالات ذات صلة", "اخبار ذات صلة",  "مواضيع ذات صلة", "ذات صلة",        "مقالات مشابهة",
      "اخبار مشابهة",   "اخبار متعلقة",   "مواضيع متعلقة",  "اقرا ايضا",      "اقرا ايضا في",
      "اقرا المزيد",    "شاهد ايضا",      "الاكثر قراءة",   "الاكثر مشاهدة", "قد يهمك",
      "قد يهمك ايضا",   "المزيد من الاخبار", "اخر الاخبار",  "related articles", "related",
      "read more",      "more stories",   "الكلمات المفتاحية", "الوسوم",      "وسوم",
      "كلمات دلالية",   "كلمات مفتاحية", "العلامات",       "tags",          "topics",
      "التعليقات",      "تعليقات",        "اضف تعليقك",     "اضف تعليق",     "اترك تعليقا",
      "اترك تعليقك",    "comments",       "leave a comment", "الاكثر تداولا", "الاكثر قراءة اليوم",
      "related stories", "more on this story", "you may also like"};
  for (std::string_view l : kLabels) {
    if (folded == l) return true;
  }
  return false;
}

// Folded prefixes of inline "read also" lines.
bool starts_with_read_also(std::string_view folded) {
  static constexpr std::array<std::string_view, 8> kPrefixes = {
      "اقرا ايضا", "اقرا المزيد", "شاهد ايضا", "طالع ايضا", "للمزيد", "read also", "read more", "see also"};
  for (std::string_view p : kPrefixes) {
    if (starts_with(folded, p)) return true;
  }
  return false;
}

bool is_share_bar(std::string_view folded) {
  static constexpr std::array<std::string_view, 16> kWords = {
      "شارك", "مشاركة", "facebook", "twitter", "whatsapp", "telegram", "linkedin", "فيسبوك",
      "فيس بوك", "تويتر", "واتساب", "واتس اب", "تلغرام", "تيليجرام", "share", "tweet"};
  for (std::string_view w : kWords) {
    if (contains(folded, w)) return true;
  }
  return false;
}

// Prefixes of short lines that are never prose: source and photo credits, captions, follow-us and
// newsletter boxes, tag lines. Matched on the folded text of lines of at most kMaxCueChars.
constexpr std::size_t kMaxCueChars = 90;
bool starts_with_cue(std::string_view folded) {
  static constexpr std::array<std::string_view, 32> kPrefixes = {
      "المصدر:",      "المصدر :",        "مصدر الصورة",   "حقوق الصورة",  "صورة ارشيفية", "صورة:",
      "صورة تعبيرية", "صورة توضيحية",
      "صورة :",       "(صورة",           "الصورة:",       "تصوير:",       "تصوير :",      "photo:",
      "image:",       "image source",    "image caption", "source:",      "تابعونا",      "تابعوا على",
      "follow us",    "اشترك في النشرة", "اشترك في نشرتنا", "اشترك الان",  "subscribe to", "sign up for",
      "الوسوم:",      "الكلمات المفتاحية:", "كلمات دلالية:", "tags:",       "شاركوا",       "share this"};
  for (std::string_view p : kPrefixes) {
    if (starts_with(folded, p)) return true;
  }
  return false;
}

// A short line naming a photo agency ("Getty Images", "AFP/رويترز", "© Reuters", "(رويترز)",
// "Roscosmos / Handout") is a credit.
constexpr std::size_t kMaxCreditChars = 40;
bool is_photo_credit(std::string_view folded) {
  static constexpr std::array<std::string_view, 13> kAgencies = {
      "getty images", "getty", "afp", "رويترز", "reuters", "ap photo", "epa", "الاناضول", "shutterstock",
      "ا ف ب", "فرانس برس", "اسوشيتد برس", "handout"};
  if (contains(folded, "©") || contains(folded, "getty images")) return true;
  if (folded.size() > 2 && folded.front() == '(' && folded.back() == ')') {
    folded = folded.substr(1, folded.size() - 2);  // "(رويترز)" alone under a photo
  }
  for (std::string_view a : kAgencies) {
    if (folded == a) return true;
    if (contains(folded, a) && (contains(folded, "/") || contains(folded, "صورة") || contains(folded, "photo"))) {
      return true;
    }
  }
  return false;
}

// ASCII, Arabic-Indic (U+0660..) and Persian (U+06F0..) digits.
bool is_digit_cp(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9);
}

// Live-blog entry times ("10:45", "10:45 م", "١٥:٤٠ بتوقيت مكة المكرمة", "منذ 5 دقائق", "قبل
// ساعتين") are not prose: a clock time (H:MM or HH:MM, any digits) with letters and spaces around
// it, no other ASCII punctuation, and at most 12 digits in all.
constexpr std::size_t kMaxTimeChars = 24;
bool is_time_stamp(std::string_view folded) {
  if (starts_with(folded, "منذ") || starts_with(folded, "قبل")) {
    for (std::string_view unit : {"دقيق", "دقائق", "ساع", "ثوان", "يوم", "ايام"}) {
      if (contains(folded, unit)) return true;
    }
    return false;
  }
  std::size_t digits = 0;
  std::size_t run = 0;        // digits just before the current code point
  std::size_t after = 0;      // digits since the last colon that followed one or two digits
  bool clock = false;         // a colon seen between 1-2 digits and 2 digits
  bool in_clock = false;
  for (std::size_t i = 0; i < folded.size();) {
    const char32_t cp = next_code_point(folded, i);
    if (is_digit_cp(cp)) {
      ++digits;
      ++run;
      if (in_clock && ++after == 2) clock = true;
      continue;
    }
    if (cp == ':') {
      in_clock = run >= 1 && run <= 2;
      after = 0;
    } else {
      in_clock = false;
      if (cp < 0x80 && cp != ' ' && !(cp >= 'a' && cp <= 'z')) return false;
    }
    run = 0;
  }
  return clock && digits >= 3 && digits <= 12;
}

// A live blog's entry header that only says it is an update, or a "last updated" line.
constexpr std::size_t kMaxUpdateLabelChars = 40;
bool is_update_label(std::string_view folded) {
  static constexpr std::array<std::string_view, 8> kLabels = {
      "تحديث", "اخر تحديث", "تحديث جديد", "عاجل", "update", "updated", "breaking", "breaking news"};
  for (std::string_view l : kLabels) {
    if (folded == l) return true;
  }
  return starts_with(folded, "اخر تحديث:") || starts_with(folded, "تم التحديث") || starts_with(folded, "last updated");
}

bool is_ad_label(std::string_view folded) {
  return folded == "اعلان" || folded == "advertisement" || folded == "إعلان" || folded == "مساحة اعلانية" ||
         folded == "ad" || folded == "sponsored";
}

bool is_trailing_disclaimer(std::string_view text) {
  static constexpr std::array<std::string_view, 7> kPhrases = {
      "لا تعبر عن رأي", "لا تعبر بالضرورة عن رأي", "جميع الحقوق محفوظة", "بالنقاش الحيوي",
      "مراجعة التعليقات", "إرشادات المجتمع", "All rights reserved"};
  for (std::string_view p : kPhrases) {
    if (contains(text, p)) return true;
  }
  return false;
}

}  // namespace

void collect_paragraphs(const xmlNode* root, std::vector<Paragraph>& out) {
  if (root == nullptr) return;
  Collector c(out);
  if (root->type == XML_ELEMENT_NODE) {
    c.element(root, 0);
  } else if (root->type == XML_DOCUMENT_NODE || root->type == XML_HTML_DOCUMENT_NODE) {
    for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
      if (n->type == XML_ELEMENT_NODE) c.element(n, 0);
    }
  }
  c.flush();
}

std::vector<Paragraph> paragraphs_from_text(std::string_view text) {
  std::vector<Paragraph> out;
  const bool blank_lines = contains(text, "\n\n") || contains(text, "\n\r\n");
  std::string cur;
  auto push = [&] {
    Paragraph p;
    p.text = collapse_whitespace(cur);
    p.chars = visible_length(p.text);
    if (p.chars != 0) out.push_back(std::move(p));
    cur.clear();
  };
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (!blank_lines || visible_length(line) == 0) {
      cur.append(line);
      push();
    } else {
      cur.append(line);
      cur.push_back(' ');
    }
    if (end >= text.size()) break;
    start = end + 1;
  }
  push();
  return out;
}

std::vector<std::string> clean_paragraphs(const std::vector<Paragraph>& paragraphs) {
  std::vector<std::string> out;
  bool in_related_list = false;
  bool last_is_heading = false;
  for (const Paragraph& p : paragraphs) {
    if (p.chars == 0) continue;
    const double density = static_cast<double>(p.link_chars) / static_cast<double>(p.chars);
    const std::string folded = p.chars <= kMaxLabelChars * 3 ? fold_label(p.text) : std::string();
    if (p.chars <= kMaxLabelChars && is_related_label(folded)) {
      in_related_list = true;
      continue;
    }
    if (in_related_list) {
      if (density > kLinkOnlyDensity || p.list_item || p.heading) continue;
      in_related_list = false;
    }
    if (density > kLinkOnlyDensity) continue;
    if ((p.link_chars > 0 || p.chars <= kMaxCueChars) && starts_with_read_also(folded)) continue;
    if (p.chars <= kMaxShareChars && (is_share_bar(folded) || is_ad_label(folded))) continue;
    if (p.chars <= kMaxCueChars && starts_with_cue(folded)) continue;
    if (p.chars <= kMaxCreditChars && is_photo_credit(folded)) continue;
    if (p.chars <= kMaxTimeChars && is_time_stamp(folded)) continue;
    if (p.chars <= kMaxUpdateLabelChars && is_update_label(folded)) continue;
    // A short line that is mostly a <time> element is an entry or update time, whatever its words.
    if (p.chars <= kMaxLabelChars && p.time_chars * 2 > p.chars) continue;
    out.push_back(p.text);
    last_is_heading = p.heading;
  }
  // Comment-policy and copyright lines closing the body container, and headings with nothing
  // after them (a gallery's or a section's title).
  while (!out.empty() && (is_trailing_disclaimer(out.back()) || last_is_heading)) {
    out.pop_back();
    last_is_heading = false;
    while (!out.empty() && is_trailing_disclaimer(out.back())) out.pop_back();
  }
  return out;
}

std::string fold_label(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) continue;
    if (cp == 0x0623 || cp == 0x0625 || cp == 0x0622 || cp == 0x0671) cp = 0x0627;
    if (cp == 0x0649) cp = 0x064A;
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    utf8::append(out, cp);
  }
  // Trim label punctuation at both ends.
  std::size_t b = 0;
  while (b < out.size()) {
    std::size_t j = b;
    if (!is_label_punct(next_code_point(out, j))) break;
    b = j;
  }
  out.erase(0, b);
  while (!out.empty()) {
    std::size_t k = out.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(out[k]) & 0xC0) == 0x80) --k;
    std::size_t j = k;
    if (!is_label_punct(next_code_point(out, j))) break;
    out.erase(k);
  }
  return out;
}

}  // namespace akhbar::parsers::html
