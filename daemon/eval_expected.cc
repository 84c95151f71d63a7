// daemon/eval_expected.cc: see eval_expected.h.
#include "daemon/eval_expected.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace akhbar::daemon::eval {
namespace {

using nlohmann::json;

// "FILE:LINE:COL" of the byte at 0-based `offset` (clipped to the text), the column in code points.
std::string position(std::string_view text, std::size_t offset, const std::string& file) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      ++line;
      column = 1;
    } else if ((b & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++column;
    }
  }
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error …"
// without its id and position (we give our own, in the file's terms).
std::string parse_message(std::string_view what) {
  const auto at = what.find("parse error");
  if (at == std::string_view::npos) return std::string(what);
  const auto colon = what.find(": ", at);
  return "invalid JSON: " + std::string(colon == std::string_view::npos ? what.substr(at) : what.substr(colon + 2));
}

// The reader of one field: it records the first type error, naming the field.
class Fields {
 public:
  Fields(const json& root, const std::string& file) : root_(root), file_(file) {}

  std::optional<std::string> text(const char* key) {
    const auto it = root_.find(key);
    if (it == root_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      wrong(key, "a string or null");
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  std::vector<std::string> strings(const json& value, const std::string& key) {
    std::vector<std::string> out;
    if (value.is_null()) return out;
    if (value.is_string()) {
      out.push_back(value.get<std::string>());
      return out;
    }
    if (!value.is_array()) {
      wrong(key, "a string, an array of strings or null");
      return out;
    }
    for (const auto& item : value) {
      if (!item.is_string()) {
        wrong(key, "an array of strings");
        return {};
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  std::vector<std::string> strings(const char* key) {
    const auto it = root_.find(key);
    return it == root_.end() ? std::vector<std::string>{} : strings(*it, key);
  }

  std::vector<std::string> section_paragraphs() {
    std::vector<std::string> out;
    const auto it = root_.find("body_sections");
    if (it == root_.end() || it->is_null()) return out;
    if (!it->is_array()) {
      wrong("body_sections", "an array of {\"paragraphs\": [...]}");
      return out;
    }
    for (const auto& section : *it) {
      if (!section.is_object()) {
        wrong("body_sections", "an array of objects");
        return {};
      }
      const auto p = section.find("paragraphs");
      if (p == section.end()) continue;
      for (auto& s : strings(*p, "body_sections[].paragraphs")) out.push_back(std::move(s));
    }
    return out;
  }

  const std::optional<Error>& error() const { return error_; }

 private:
  void wrong(const std::string& key, const char* what) {
    if (!error_) error_ = Error{Errc::kInvalidInput, key + ": expected " + what, file_};
  }

  const json& root_;
  const std::string& file_;
  std::optional<Error> error_;
};

}  // namespace

Result<Expected> parse_expected(std::string_view json_text, const std::string& file) {
  json root;
  try {
    root = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based index of the last byte read: where the parser stopped.
    return fail(Errc::kInvalidInput, parse_message(e.what()), position(json_text, e.byte > 0 ? e.byte - 1 : 0, file));
  }
  if (!root.is_object()) return fail(Errc::kInvalidInput, "expected a JSON object", file + ":1:1");

  Fields f(root, file);
  Expected exp;
  exp.title = f.text("title");
  exp.body = f.text("body");
  exp.published = f.text("published");
  exp.authors = f.strings("author");
  exp.paragraphs = f.section_paragraphs();
  exp.must_contain = f.strings("body_must_contain");
  exp.must_not_contain = f.strings("body_must_not_contain");
  exp.url = f.text("url").value_or("");
  exp.lang = f.text("lang").value_or("");
  exp.content_type = f.text("content_type").value_or("");
  exp.site = f.text("site").value_or("");
  exp.timezone = f.text("timezone").value_or("");
  exp.fetched_at = f.text("fetched_at").value_or("");
  if (exp.fetched_at.empty()) exp.fetched_at = f.text("crawl_date").value_or("");
  if (f.error()) return tl::make_unexpected(*f.error());

  // conformance.py's expected_paragraphs: the sections, else the body's blocks when it has several.
  if (exp.paragraphs.empty() && exp.body) {
    const std::string& body = *exp.body;
    const auto first = body.find_first_not_of(" \t\r\n");
    const auto last = body.find_last_not_of(" \t\r\n");
    if (first != std::string::npos && body.substr(first, last - first + 1).find("\n\n") != std::string::npos) {
      std::size_t start = 0;
      while (start <= body.size()) {
        const auto end = body.find("\n\n", start);
        exp.paragraphs.push_back(body.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 2;
      }
    }
  }
  return exp;
}

}  // namespace akhbar::daemon::eval
