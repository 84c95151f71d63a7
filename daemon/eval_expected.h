// daemon/eval_expected.h: NAME.expected.json, the annotation `akhbard eval` scores a page against.
// The format of the shared conformance corpus (its README, "articles/"); docs/eval.md lists the
// fields. A field that is null or absent is not annotated and is not scored. Pure: text in, value out.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace akhbar::daemon::eval {

struct Expected {
  std::optional<std::string> title;
  std::optional<std::string> body;       // paragraphs joined by blank lines
  std::optional<std::string> published;  // ISO with offset, naive, or a date only
  std::vector<std::string> authors;      // `author`: a string or an array of names; empty: not annotated
  std::vector<std::string> paragraphs;   // body_sections[].paragraphs, else the body's blank-line blocks
                                         // when it has more than one; empty: not scored
  std::vector<std::string> must_contain;      // body_must_contain
  std::vector<std::string> must_not_contain;  // body_must_not_contain (boilerplate: leaks)
  std::string url;           // the address the page came from; empty: a file:// URL
  std::string lang;          // "ar", ...; empty when not given
  std::string content_type;  // the HTTP Content-Type it came with (its charset)
  std::string site;          // a site YAML, relative to the directory of the page
  std::string timezone;      // the site's IANA zone when no site YAML says it ("Africa/Cairo")
  std::string fetched_at;    // the `now` for relative dates; else `crawl_date`; empty: none
};

// Reads the JSON text of `file` (named only for messages). A syntax error fails with kInvalidInput,
// where = "FILE:LINE:COL" (1-based, column in characters); a field of the wrong type fails with
// where = FILE and message "FIELD: expected …". Unknown fields are ignored (the corpus carries
// provenance such as `source` and `ground_truth_kind`).
Result<Expected> parse_expected(std::string_view json_text, const std::string& file);

}  // namespace akhbar::daemon::eval
