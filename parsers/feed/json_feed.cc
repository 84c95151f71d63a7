// parsers/feed/json_feed.cc: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into a Feed.
//
// Liberal like the XML readers: a member of the wrong type (a numeric title, `items` not an array,
// an item that is not an object) is skipped and reported in Feed::warnings, never fatal. JSON
// `null` means "absent" (generators print "summary": null for every item), so it is skipped
// silently. Invalid UTF-8 is replaced by U+FFFD before parsing (nlohmann's lexer rejects it), and
// JSON written by templates rather than serialisers (raw newlines inside strings, a trailing comma,
// "\'" escapes, lone surrogates) is read by a second, lenient attempt; both set Feed::recovered.
#include "parsers/feed/feed_formats.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "parsers/date/date.h"
#include "parsers/feed/feed_text.h"
#include "parsers/text/json_relax.h"
#include "parsers/url/url.h"
#include "parsers/text/utf8.h"

namespace akhbar::parsers::feed_detail {
namespace {

using nlohmann::json;

// Deeper nesting is refused before parsing: a JSON Feed needs five levels (feed, items, item,
// attachments, attachment) plus a few for `_extensions`, while 50 MB of "[" would otherwise build
// tens of millions of nested arrays (a memory bomb, as billion laughs is for XML).
constexpr int kMaxDepth = 64;

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

struct Prescan {
  bool valid_utf8 = true;
  bool too_deep = false;
};

// One linear pass before the parser: is the text valid UTF-8, and does it nest deeper than kMaxDepth?
// Brackets inside strings are not counted.
Prescan prescan(std::string_view s) {
  Prescan out;
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t bad = 0;
      const std::size_t n = utf8::sequence_length(s, i, bad);
      if (n == 0) out.valid_utf8 = false;
      i += n == 0 ? bad : n;
      escaped = false;
      continue;
    }
    ++i;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) {
        out.too_deep = true;
        return out;
      }
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return out;
}

// One U+FFFD for each maximal ill-formed subpart, as Unicode advises (see utf8.h).
std::string replace_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t bad = 0;
    const std::size_t n = utf8::sequence_length(s, i, bad);
    if (n == 0) {
      out += kReplacementChar;
      i += bad;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  return out;
}

// Records the first syntax error (the DOM parse with allow_exceptions=false only says "discarded").
class ErrorRecorder : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    position_ = position;
    what_ = ex.what();
    return false;
  }

  // "syntax error while parsing object - unexpected end of input; expected '}' at byte 812": the
  // library's text without its "[json.exception…] parse error at line 3, column 5: " prefix, and
  // without "; last read: '…'" (which can quote a whole unterminated string). The byte is 1-based
  // in the whole input (`offset` bytes of BOM and whitespace were skipped before the parser), the
  // one at which the parser gave up: the last byte of the offending token, or the last byte of a
  // truncated document.
  std::string describe(std::size_t offset, std::size_t total) const {
    std::string_view what = what_;
    if (!what.empty() && what.front() == '[') {
      if (auto close = what.find("] "); close != std::string_view::npos) what.remove_prefix(close + 2);
    }
    if (what.rfind("parse error", 0) == 0) {
      if (auto colon = what.find(": "); colon != std::string_view::npos) what.remove_prefix(colon + 2);
    }
    if (auto last = what.find("; last read:"); last != std::string_view::npos) what = what.substr(0, last);
    if (what.empty()) what = "malformed";
    return std::string(what) + " at byte " + std::to_string(std::min(offset + position_, total));
  }

 private:
  std::size_t position_ = 0;
  std::string what_;
};

// Links of one feed, resolved against the feed URL (JSON Feed asks for absolute URLs; sites write
// "/2022/10/slug" anyway).
class LinkResolver {
 public:
  explicit LinkResolver(std::string_view feed_url) {
    if (auto u = Url::parse(feed_url)) base_ = *u;
  }
  std::string resolve(std::string_view ref) const { return resolve_link(base_, ref); }

 private:
  std::optional<Url> base_;
};

// JSON Feed has no channel date to stand in for a missing `now` (see FeedDates).
using DateReader = feed_detail::FeedDates;

// "a number", "an array", "null": for warnings.
std::string type_of(const json& v) {
  if (v.is_null()) return "null";
  return std::string(v.is_array() || v.is_object() ? "an " : "a ") + v.type_name();
}

// Reads the members of one object (the feed: `where` empty, or "item 3"), reporting those of the wrong type.
class Members {
 public:
  Members(const json& obj, std::string where, std::vector<std::string>& warnings)
      : obj_(obj), where_(std::move(where)), warnings_(warnings) {}

  // The member, or nullptr when it is absent or null.
  const json* get(const char* key) const {
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  // A string member; "" when absent, null, or of another type (reported).
  std::string_view string(const char* key) const {
    const json* v = get(key);
    if (v == nullptr) return {};
    if (v->is_string()) return v->get_ref<const std::string&>();
    wrong_type(key, *v, "a string");
    return {};
  }

  void wrong_type(const char* key, const json& v, const char* wanted) const {
    warn(std::string("\"") + key + "\" is " + type_of(v) + ", not " + wanted + "; ignored");
  }
  void warn(const std::string& what) const {
    warnings_.push_back("json feed: " + (where_.empty() ? what : where_ + ": " + what));
  }

 private:
  const json& obj_;
  std::string where_;
  std::vector<std::string>& warnings_;
};

std::string name_of(const json& author) {
  if (author.is_string()) return collapse_whitespace(author.get_ref<const std::string&>());
  if (!author.is_object()) return {};
  auto it = author.find("name");
  if (it == author.end() || !it->is_string()) return {};
  return collapse_whitespace(it->get_ref<const std::string&>());
}

// 1.1 `authors` (names joined by "، "), else 1.0 `author`. A bare string is taken as the name: it
// is a common mistake and means only one thing.
std::string authors_of(const Members& m) {
  std::string out;
  if (const json* authors = m.get("authors")) {
    if (authors->is_array()) {
      for (const json& a : *authors) {
        std::string name = name_of(a);
        if (name.empty()) continue;
        if (!out.empty()) out += "، ";
        out += name;
      }
    } else if (authors->is_object() || authors->is_string()) {
      out = name_of(*authors);
    } else {
      m.wrong_type("authors", *authors, "an array");
    }
  }
  if (!out.empty()) return out;
  if (const json* author = m.get("author")) {
    if (author->is_object() || author->is_string()) {
      out = name_of(*author);
    } else {
      m.wrong_type("author", *author, "an object");
    }
  }
  return out;
}

// `id` is a string by the spec; 1.0 feeds often write a number (a database key).
std::string id_of(const Members& m) {
  const json* id = m.get("id");
  if (id == nullptr) return {};
  if (id->is_string()) return collapse_whitespace(id->get_ref<const std::string&>());
  if (id->is_number_unsigned()) return std::to_string(id->get<std::uint64_t>());
  if (id->is_number_integer()) return std::to_string(id->get<std::int64_t>());
  if (id->is_number_float()) return id->dump();
  m.wrong_type("id", *id, "a string");
  return {};
}

void read_date(const Members& m, const DateReader& dates, const char* key, std::optional<WallTime>& out,
               std::string* raw) {
  const std::string text = collapse_whitespace(m.string(key));
  if (text.empty()) return;
  if (raw != nullptr) *raw = text;
  out = dates.read(text);
  if (!out) m.warn("unparsed " + std::string(key) + " \"" + text + "\"");
}

// Enclosures are the item's `attachments` only. `image` and `banner_image` are the picture shown
// beside the item (the og:image of the page), not media the item carries; RSS <enclosure> and
// media:content, which the other readers map here, correspond to attachments.
void read_attachments(const Members& m, const LinkResolver& links, std::vector<std::string>& out) {
  const json* attachments = m.get("attachments");
  if (attachments == nullptr) return;
  if (!attachments->is_array()) {
    m.wrong_type("attachments", *attachments, "an array");
    return;
  }
  std::size_t index = 0;
  for (const json& a : *attachments) {
    ++index;
    const auto url = a.is_object() ? a.find("url") : a.end();
    if (!a.is_object() || url == a.end() || !url->is_string()) {
      m.warn("attachment " + std::to_string(index) + " has no \"url\" string; ignored");
      continue;
    }
    std::string link = links.resolve(url->get_ref<const std::string&>());
    if (!link.empty()) out.push_back(std::move(link));
  }
}

void read_item(const json& obj, std::size_t index, const LinkResolver& links, const DateReader& dates,
               const std::string& feed_author, Feed& feed) {
  const Members m(obj, "item " + std::to_string(index + 1), feed.warnings);
  FeedItem item;
  item.id = id_of(m);
  item.link = links.resolve(m.string("url"));
  if (item.link.empty()) item.link = links.resolve(m.string("external_url"));
  if (item.id.empty()) item.id = item.link;
  if (item.id.empty()) {
    feed.warnings.push_back("json feed: item " + std::to_string(index + 1) + " has neither id nor url; dropped");
    return;
  }
  item.title = html_to_text(m.string("title"));
  read_date(m, dates, "date_published", item.published, &item.published_raw);
  read_date(m, dates, "date_modified", item.updated, nullptr);
  item.author = authors_of(m);
  if (item.author.empty()) item.author = feed_author;
  const std::string_view html = m.string("content_html");
  item.content = html.empty() ? collapse_whitespace(m.string("content_text")) : html_to_text(html);
  item.summary = html_to_text(m.string("summary"));
  if (item.summary.empty()) item.summary = item.content;
  read_attachments(m, links, item.enclosures);
  feed.items.push_back(std::move(item));
}

// "https://jsonfeed.org/version/1.1" → "json11", ".../version/1" → "json1"; "" for anything else.
std::string_view dialect_of(std::string_view version) {
  for (std::string_view prefix : {"https://jsonfeed.org/version/", "http://jsonfeed.org/version/"}) {
    if (version.rfind(prefix, 0) != 0) continue;
    std::string_view number = version.substr(prefix.size());
    if (!number.empty() && number.back() == '/') number.remove_suffix(1);
    if (number == "1") return "json1";
    if (number == "1.1") return "json11";
    return "unknown";
  }
  return {};
}

}  // namespace

Result<Feed> parse_json_feed(std::string_view bytes, std::string_view url, std::string_view timezone,
                             std::optional<WallTime> now) {
  const std::size_t skipped = [&] {
    std::size_t i = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < bytes.size() && is_json_space(bytes[i])) ++i;
    return i;
  }();
  std::string_view text = bytes.substr(skipped);
  Feed feed;
  feed.kind = "jsonfeed";
  feed.encoding = "utf-8";

  const Prescan scan = prescan(text);
  if (scan.too_deep) {
    return fail(Errc::kResourceExhausted,
                "json feed: nested deeper than " + std::to_string(kMaxDepth) + " levels", std::string(url));
  }
  std::string repaired;
  if (!scan.valid_utf8) {
    repaired = replace_invalid_utf8(text);
    text = repaired;
    feed.recovered = true;
    feed.warnings.push_back("json feed: invalid UTF-8 replaced with U+FFFD");
  }
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    doc = json::parse(relax_json(text), nullptr, false);
    if (doc.is_discarded()) {
      ErrorRecorder recorder;
      (void)json::sax_parse(text, &recorder);
      return fail(Errc::kInvalidInput, "json feed: not JSON: " + recorder.describe(skipped, bytes.size()),
                  std::string(url));
    }
    feed.recovered = true;
    feed.warnings.push_back(
        "json feed: not strict JSON (raw control characters, trailing commas or bad escapes); read leniently");
  }

  const json* items = nullptr;
  std::string_view dialect;
  if (doc.is_object()) {
    auto v = doc.find("version");
    if (v != doc.end() && v->is_string()) dialect = dialect_of(v->get_ref<const std::string&>());
    auto it = doc.find("items");
    if (it != doc.end() && it->is_array()) items = &*it;
  }
  if (dialect.empty() && items == nullptr) {
    return fail(Errc::kInvalidInput, "json feed: not a JSON Feed (no version/items)", std::string(url));
  }

  const Members m(doc, "", feed.warnings);
  if (dialect == "json1" || dialect == "json11") {
    feed.version = std::string(dialect);
  } else {
    // Readers of 1.0 and 1.1 differ only in `authors`, which is read whatever the version says.
    feed.version = "json11";
    const std::string_view version = m.string("version");
    m.warn(version.empty() ? std::string("no jsonfeed.org version; read as 1.1")
                           : "unknown version \"" + std::string(version) + "\"; read as 1.1");
  }
  feed.title = html_to_text(m.string("title"));
  const LinkResolver links(url);
  feed.link = links.resolve(m.string("home_page_url"));
  const std::string feed_author = authors_of(m);

  if (items == nullptr) {
    if (const json* v = m.get("items")) {
      m.wrong_type("items", *v, "an array");
    } else {
      m.warn("no \"items\"");
    }
    return feed;
  }
  const DateReader dates(timezone, now);
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& item = (*items)[i];
    if (!item.is_object()) {
      m.warn("item " + std::to_string(i + 1) + " is " + type_of(item) + ", not an object; skipped");
      continue;
    }
    read_item(item, i, links, dates, feed_author, feed);
  }
  return feed;
}

}  // namespace akhbar::parsers::feed_detail
