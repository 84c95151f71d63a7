// The dedupe key over tests/data/normalize/arabic_keys.tsv: every rule of parsers/text/normalize.h,
// their combinations, headline-like lines, ill-formed UTF-8. Each row is also checked for
// idempotence and against normalize_arabic_mapped.
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/text/normalize.h"
#include "parsers/text/utf8.h"

namespace akhbar::parsers {
namespace {

struct Row {
  int line = 0;
  std::string rule, input, expected;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// \uXXXX, \xHH, \t, \n, \r, \\ as the file's header says.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char k = s[++i];
    const std::size_t digits = k == 'u' ? 4 : k == 'x' ? 2 : 0;
    if (digits != 0) {
      unsigned value = 0;
      for (std::size_t d = 0; d < digits; ++d) {
        const int v = i + 1 + d < s.size() ? hex_value(s[i + 1 + d]) : -1;
        EXPECT_GE(v, 0) << "bad escape in " << s;
        value = value * 16 + static_cast<unsigned>(v < 0 ? 0 : v);
      }
      i += digits;
      if (k == 'x') {
        out.push_back(static_cast<char>(value));
      } else {
        utf8::append(out, value);
      }
      continue;
    }
    switch (k) {
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      default: out.push_back(k); break;
    }
  }
  return out;
}

std::vector<Row> load_rows() {
  std::ifstream in(std::string(AKHBAR_TEST_DATA) + "/normalize/arabic_keys.tsv");
  EXPECT_TRUE(in) << "tests/data/normalize/arabic_keys.tsv";
  std::vector<Row> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t a = line.find('\t');
    const std::size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) {
      ADD_FAILURE() << "line " << n << ": expected rule<TAB>input<TAB>expected";
      continue;
    }
    rows.push_back({n, line.substr(0, a), unescape(line.substr(a + 1, b - a - 1)), unescape(line.substr(b + 1))});
  }
  return rows;
}

const std::vector<Row>& rows() {
  static const std::vector<Row> kRows = load_rows();
  return kRows;
}

TEST(NormalizeTable, HasAtLeastAHundredCasesCoveringEveryRule) {
  std::map<std::string, int> per_rule;
  for (const Row& r : rows()) ++per_rule[r.rule];
  EXPECT_GE(rows().size(), 100u);
  for (const char* rule : {"tashkeel", "quranic", "tatweel", "controls", "alef", "maqsura", "marbuta", "hamza-kept",
                           "persian", "digits", "punctuation", "whitespace", "nfkc", "latin", "headline", "invalid"}) {
    EXPECT_GE(per_rule[rule], 3) << rule;
  }
}

TEST(NormalizeTable, EveryRowGivesItsExpectedKey) {
  int failed = 0;
  for (const Row& r : rows()) {
    const std::string got = normalize_arabic(r.input);
    EXPECT_EQ(r.expected, got) << "line " << r.line << " (" << r.rule << "): " << r.input;
    if (got != r.expected) ++failed;
  }
  EXPECT_EQ(0, failed) << "of " << rows().size();
}

TEST(NormalizeTable, TheKeyIsIdempotent) {
  for (const Row& r : rows()) {
    const std::string once = normalize_arabic(r.input);
    EXPECT_EQ(once, normalize_arabic(once)) << "line " << r.line << ": " << r.input;
  }
}

TEST(NormalizeTable, TheMappedKeyIsTheSameTextWithSpansIntoTheInput) {
  for (const Row& r : rows()) {
    const KeyText key = normalize_arabic_mapped(r.input);
    EXPECT_EQ(normalize_arabic(r.input), key.text) << "line " << r.line;
    ASSERT_EQ(key.text.size(), key.source.size()) << "line " << r.line;
    std::uint32_t last_begin = 0;
    for (const KeyText::Span& span : key.source) {
      EXPECT_LT(span.begin, span.end) << "line " << r.line;
      EXPECT_LE(span.end, r.input.size()) << "line " << r.line;
      EXPECT_GE(span.begin, last_begin) << "spans follow the input, line " << r.line;
      last_begin = span.begin;
    }
  }
}

}  // namespace
}  // namespace akhbar::parsers
