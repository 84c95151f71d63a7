#include "parsers/feed/feed_scan.h"

#include <cstddef>
#include <utility>

#include "parsers/feed/feed_text.h"
#include "parsers/text/utf8.h"
#include "util/ascii.h"

namespace akhbar::parsers::feed_detail {
namespace {

using ascii::is_space;
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '-' ||
         c == '_' || c == '.';
}

using ascii::iequals;

// The fields the scanner reads. Every one of them also ends a field whose end tag is missing.
enum class Field {
  kNone,
  kTitle,
  kLink,
  kGuid,
  kPublished,
  kUpdated,
  kAuthor,
  kSummary,
  kContent,
  kEnclosure,  // <enclosure url>
  kMedia,      // <media:content url>
  kAtomLink,   // <atom:link> inside RSS
  kOrigLink,   // <feedburner:origLink>
};

Field rss_field(std::string_view name) {
  struct Entry {
    std::string_view name;
    Field field;
  };
  static constexpr Entry kFields[] = {
      {"title", Field::kTitle},
      {"link", Field::kLink},
      {"guid", Field::kGuid},
      {"pubdate", Field::kPublished},
      {"dc:date", Field::kPublished},
      {"dcterms:issued", Field::kPublished},
      {"dcterms:modified", Field::kUpdated},
      {"atom:updated", Field::kUpdated},
      {"lastbuilddate", Field::kUpdated},
      {"dc:creator", Field::kAuthor},
      {"author", Field::kAuthor},
      {"description", Field::kSummary},
      {"content:encoded", Field::kContent},
      {"enclosure", Field::kEnclosure},
      {"media:content", Field::kMedia},
      {"atom:link", Field::kAtomLink},
      {"feedburner:origlink", Field::kOrigLink},
  };
  for (const auto& e : kFields) {
    if (iequals(name, e.name)) return e.field;
  }
  return Field::kNone;
}

Field atom_field(std::string_view name) {
  struct Entry {
    std::string_view name;
    Field field;
  };
  static constexpr Entry kFields[] = {
      {"title", Field::kTitle},         {"link", Field::kAtomLink},    {"id", Field::kGuid},
      {"published", Field::kPublished}, {"issued", Field::kPublished}, {"created", Field::kPublished},
      {"updated", Field::kUpdated},     {"modified", Field::kUpdated}, {"author", Field::kAuthor},
      {"summary", Field::kSummary},     {"content", Field::kContent},  {"media:content", Field::kMedia},
  };
  for (const auto& e : kFields) {
    if (name == e.name) return e.field;
  }
  return Field::kNone;
}

struct Tag {
  std::size_t start = 0;  // the '<'
  std::size_t end = 0;    // after the '>'
  std::string_view name;
  std::string_view attrs;
  bool closing = false;
  bool self_closing = false;
};

// The next tag at or after `from` in s (comments, CDATA, PIs and declarations are stepped over).
bool next_tag(std::string_view s, std::size_t from, Tag& t) {
  std::size_t i = from;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    // A comment or CDATA section never closed is read as text (past its opener), so that it does
    // not hide the rest of the block.
    if (s.compare(i, 4, "<!--") == 0) {
      const std::size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? i + 4 : end + 3;
      continue;
    }
    if (s.compare(i, 9, "<![CDATA[") == 0) {
      const std::size_t end = s.find("]]>", i + 9);
      i = end == std::string_view::npos ? i + 9 : end + 3;
      continue;
    }
    std::size_t j = i + 1;
    t.closing = j < s.size() && s[j] == '/';
    if (t.closing) ++j;
    const std::size_t name_start = j;
    while (j < s.size() && is_name_char(s[j])) ++j;
    if (j == name_start) {
      ++i;
      continue;
    }
    t.start = i;
    t.name = s.substr(name_start, j - name_start);
    char quote = 0;
    std::size_t k = j;
    while (k < s.size() && (quote != 0 || s[k] != '>')) {
      if (quote != 0) {
        if (s[k] == quote) quote = 0;
      } else if (s[k] == '"' || s[k] == '\'') {
        quote = s[k];
      } else if (s[k] == '<') {
        break;  // "<link" with no '>' before the next tag: end the tag here
      }
      ++k;
    }
    t.self_closing = k > j && k <= s.size() && s[k - 1] == '/';
    t.attrs = s.substr(j, k - j - (t.self_closing ? 1 : 0));
    t.end = k < s.size() && s[k] == '>' ? k + 1 : k;
    return true;
  }
  return false;
}

// Appends XML text decoded: CDATA markers and sections restored, the predefined and numeric
// references replaced (other references are left as written).
void append_decoded(std::string_view raw, const std::vector<std::string_view>& cdata, std::string& out) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c == '<' && raw.compare(i, 9, "<![CDATA[") == 0) {
      std::size_t end = raw.find("]]>", i + 9);
      if (end == std::string_view::npos) end = raw.size();
      out.append(raw, i + 9, end - i - 9);
      i = end + 3;
      continue;
    }
    if (c == '\xEE' && !cdata.empty() && raw.compare(i, 3, "\xEE\x80\x80") == 0) {
      std::size_t j = i + 3;
      while (j < raw.size() && raw[j] >= '0' && raw[j] <= '9') ++j;
      if (raw.compare(j, 3, "\xEE\x80\x81") == 0) {
        append_unmarked(raw.substr(i, j + 3 - i), cdata, out);
        i = j + 3;
        continue;
      }
    }
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    const std::size_t semi = raw.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += c;
      ++i;
      continue;
    }
    const std::string_view name = raw.substr(i + 1, semi - i - 1);
    if (name == "amp") {
      out += '&';
    } else if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (name.size() >= 2 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      unsigned long cp = 0;
      bool ok = name.size() > (hex ? 2u : 1u);
      for (std::size_t k = hex ? 2 : 1; ok && k < name.size(); ++k) {
        const char d = ascii::to_lower(name[k]);
        unsigned v = 0;
        if (d >= '0' && d <= '9') {
          v = static_cast<unsigned>(d - '0');
        } else if (hex && d >= 'a' && d <= 'f') {
          v = static_cast<unsigned>(d - 'a' + 10);
        } else {
          ok = false;
        }
        if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + v;
      }
      if (!ok) {
        out += c;
        ++i;
        continue;
      }
      utf8::append(out, static_cast<char32_t>(cp > 0x10FFFF ? 0x110000 : cp));
    } else {
      out.append(raw, i, semi + 1 - i);
    }
    i = semi + 1;
  }
}

std::string decoded(std::string_view raw, const std::vector<std::string_view>& cdata) {
  std::string out;
  append_decoded(raw, cdata, out);
  return out;
}

// The value of attribute `name` (any case) in a tag's attribute text, decoded; "" when absent.
std::string attribute(std::string_view attrs, std::string_view name) {
  std::size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() && (is_space(attrs[i]) || attrs[i] == '/')) ++i;
    const std::size_t start = i;
    while (i < attrs.size() && is_name_char(attrs[i])) ++i;
    const std::string_view key = attrs.substr(start, i - start);
    while (i < attrs.size() && is_space(attrs[i])) ++i;
    if (i >= attrs.size() || attrs[i] != '=') {
      if (i == start) ++i;
      continue;
    }
    ++i;
    while (i < attrs.size() && is_space(attrs[i])) ++i;
    std::string_view value;
    if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
      const char q = attrs[i++];
      std::size_t end = attrs.find(q, i);
      if (end == std::string_view::npos) end = attrs.size();
      value = attrs.substr(i, end - i);
      i = end + 1;
    } else {
      const std::size_t vs = i;
      while (i < attrs.size() && !is_space(attrs[i])) ++i;
      value = attrs.substr(vs, i - vs);
    }
    if (iequals(key, name)) return decoded(value, {});
  }
  return {};
}

// Text with tags removed and whitespace collapsed (link, guid, dates, authors). Entities are not
// decoded a second time: "&amp;lt=5" in a URL is "&lt=5".
std::string plain(std::string_view raw, const std::vector<std::string_view>& cdata) {
  const std::string text = decoded(raw, cdata);
  if (text.find('<') == std::string::npos) return collapse_whitespace(text);
  std::string stripped;
  stripped.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t lt = text.find('<', i);
    const std::size_t gt = lt == std::string::npos ? std::string::npos : text.find('>', lt);
    if (gt == std::string::npos) break;
    stripped.append(text, i, lt - i);
    stripped += ' ';
    i = gt + 1;
  }
  stripped.append(text, i, std::string::npos);
  return collapse_whitespace(stripped);
}

// The position of the first block start ("<item" + space, '>' or '/') at or after `from`.
std::size_t find_block(std::string_view s, std::string_view open, std::size_t from) {
  while ((from = s.find(open, from)) != std::string_view::npos) {
    const std::size_t after = from + open.size();
    if (after < s.size() && (is_space(s[after]) || s[after] == '>' || s[after] == '/')) return from;
    from = after;
  }
  return std::string_view::npos;
}

class BlockScanner {
 public:
  BlockScanner(std::string_view block, bool atom, const std::vector<std::string_view>& cdata)
      : s_(block), atom_(atom), cdata_(cdata) {}

  ScannedItem scan() {
    Tag t;
    if (!next_tag(s_, 0, t)) return item_;
    if (!atom_) item_.guid = attribute(t.attrs, "rdf:about");
    std::size_t pos = t.end;
    while (next_tag(s_, pos, t)) {
      pos = t.end;
      if (t.closing) continue;
      const Field f = atom_ ? atom_field(t.name) : rss_field(t.name);
      if (f == Field::kNone) continue;
      if (f == Field::kEnclosure || f == Field::kMedia) {
        add_enclosure(attribute(t.attrs, "url"));
        continue;
      }
      if (f == Field::kAtomLink || (f == Field::kLink && t.attrs.find("href") != std::string_view::npos)) {
        atom_link(t);
        if (!t.self_closing) pos = value_end(t, pos).second;
        continue;
      }
      if (t.self_closing) continue;
      const auto [end, next] = value_end(t, pos);
      read_field(f, t, s_.substr(pos, end - pos));
      pos = next;
    }
    if (!orig_link_.empty()) item_.link = orig_link_;
    if (item_.link.empty()) item_.link = alternate_;
    return std::move(item_);
  }

 private:
  // Where the value of the field opened by `open` ends (its end tag, the next field, or the
  // block's end), and where scanning resumes.
  std::pair<std::size_t, std::size_t> value_end(const Tag& open, std::size_t from) const {
    Tag t;
    std::size_t pos = from;
    while (next_tag(s_, pos, t)) {
      if (t.closing && iequals(t.name, open.name)) return {t.start, t.end};
      if (!t.closing && (atom_ ? atom_field(t.name) : rss_field(t.name)) != Field::kNone) return {t.start, t.start};
      pos = t.end;
    }
    return {s_.size(), s_.size()};
  }

  void read_field(Field f, const Tag& t, std::string_view raw) {
    switch (f) {
      case Field::kTitle:
        if (item_.title.empty()) {
          item_.title = decoded(raw, cdata_);
          if (atom_) item_.title_type = attribute(t.attrs, "type");
        }
        break;
      case Field::kLink:
        if (item_.link.empty()) item_.link = plain(raw, cdata_);
        break;
      case Field::kOrigLink:
        if (std::string link = plain(raw, cdata_); !link.empty()) orig_link_ = std::move(link);
        break;
      case Field::kGuid:
        if (!has_guid_) {
          has_guid_ = true;
          item_.guid = plain(raw, cdata_);
          const std::string permalink = attribute(t.attrs, "isPermaLink");
          item_.guid_is_permalink = !iequals(permalink, "false");
        }
        break;
      case Field::kPublished:
        if (item_.published.empty()) item_.published = plain(raw, cdata_);
        break;
      case Field::kUpdated:
        if (item_.updated.empty()) item_.updated = plain(raw, cdata_);
        break;
      case Field::kAuthor:
        if (item_.author.empty()) {
          // Atom: <author><name>…</name><email>…</email></author>.
          Tag n;
          std::size_t pos = 0;
          while (next_tag(raw, pos, n)) {
            pos = n.end;
            if (n.closing || !iequals(n.name, "name")) continue;
            const std::size_t close = raw.find("</", n.end);
            raw = raw.substr(n.end, (close == std::string_view::npos ? raw.size() : close) - n.end);
            break;
          }
          item_.author = plain(raw, cdata_);
        }
        break;
      case Field::kSummary:
        if (item_.summary.empty()) {
          item_.summary = decoded(raw, cdata_);
          if (atom_) item_.summary_type = attribute(t.attrs, "type");
        }
        break;
      case Field::kContent:
        if (item_.content.empty()) {
          item_.content = decoded(raw, cdata_);
          if (atom_) item_.content_type = attribute(t.attrs, "type");
        }
        break;
      default:
        break;
    }
  }

  void atom_link(const Tag& t) {
    const std::string href = attribute(t.attrs, "href");
    const std::string rel = attribute(t.attrs, "rel");
    if (rel == "enclosure") {
      add_enclosure(href);
    } else if ((rel.empty() || rel == "alternate") && alternate_.empty()) {
      alternate_ = href;
    }
  }

  void add_enclosure(std::string url) {
    url = collapse_whitespace(url);
    if (url.empty()) return;
    for (const auto& e : item_.enclosures) {
      if (e == url) return;
    }
    item_.enclosures.push_back(std::move(url));
  }

  std::string_view s_;
  bool atom_;
  const std::vector<std::string_view>& cdata_;
  ScannedItem item_;
  bool has_guid_ = false;
  std::string alternate_;
  std::string orig_link_;
};

}  // namespace

ScannedItem scan_channel(std::string_view xml, bool atom, const std::vector<std::string_view>& cdata) {
  const std::size_t first = find_block(xml, atom ? "<entry" : "<item", 0);
  ScannedItem channel = BlockScanner(xml.substr(0, first), atom, cdata).scan();
  if (!atom) {  // pubDate means the item's date in items; before them it is the channel's
    if (channel.updated.empty()) channel.updated = std::move(channel.published);
    channel.published.clear();
  }
  return channel;
}

std::vector<ScannedItem> scan_items(std::string_view xml, bool atom, const std::vector<std::string_view>& cdata) {
  const std::string_view open = atom ? "<entry" : "<item";
  const std::string_view close = atom ? "</entry>" : "</item>";
  std::vector<ScannedItem> items;
  std::size_t start = find_block(xml, open, 0);
  while (start != std::string_view::npos) {
    const std::size_t next = find_block(xml, open, start + open.size());
    const std::string_view span = xml.substr(start, (next == std::string_view::npos ? xml.size() : next) - start);
    const std::size_t end = span.find(close);
    BlockScanner scanner(span.substr(0, end == std::string_view::npos ? span.size() : end), atom, cdata);
    items.push_back(scanner.scan());
    start = next;
  }
  return items;
}

}  // namespace akhbar::parsers::feed_detail
