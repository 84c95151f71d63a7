// daemon/eval_score.h: the figures `akhbard eval` gives one page, and how they add up (INTERFACE.md,
// docs/eval.md). Each compares one annotated field of NAME.expected.json with what the extractor
// produced. Pure: no I/O, no clock. Text is UTF-8; ill-formed bytes count as U+FFFD.
//
// Two families of body metrics, on purpose:
//  - token P/R/F1: the definition of tools/conformance.py (NFC, split on whitespace as Python's
//    str.split() does, multiset overlap), so `akhbard eval` and the conformance runner agree;
//  - shingle P/R/F1: exactly what scrapinghub/article-extraction-benchmark's evaluate.py computes
//    (string_shingle_matching, precision_score, recall_score, metrics_from_tp_fp_fns, get_accuracy;
//    read at commit 7d95432dc2320c068b1e53072c64e8c13cf096cb): tokens are runs of Python's Unicode
//    `\w` (letters, numbers, '_'; combining marks such as tashkeel split a word), case-sensitive and
//    not normalised; shingles are 4-grams of tokens (a text of 1 to 3 tokens is one shorter
//    shingle, an empty one has none), counted as a multiset.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::daemon::eval {

// Whitespace as Python's str.isspace() and re's `\s` see it: U+0009–000D, U+001C–001F, U+0020,
// U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000 (not U+200B).
bool is_space(char32_t c);

// Python's `\w` on str: general category L*, or a numeric type (decimal, digit, numeric), or '_'.
bool is_word(char32_t c);

// NFC of the text (ICU).
std::string nfc(std::string_view text);

// NFC, runs of is_space() collapsed to one ASCII space, trimmed: conformance.py's collapse().
std::string collapse(std::string_view text);

// collapse(), then full Unicode lowercase (ICU root locale, like Python's str.lower()).
std::string collapse_lower(std::string_view text);

// NFC, then split on is_space() runs: conformance.py's tokens().
std::vector<std::string> whitespace_tokens(std::string_view text);

// Runs of is_word() characters, as written: evaluate.py's _tokenize().
std::vector<std::string> word_tokens(std::string_view text);

struct Prf {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// Token multiset overlap of whitespace_tokens(). Both empty: 1/1/1; no token in common: 0/0/0;
// else precision = common / |got|, recall = common / |expected|, F1 their harmonic mean.
Prf token_prf(std::string_view expected, std::string_view got);

// evaluate.py's string_shingle_matching(true, pred, 4): true positives, false positives and false
// negatives over the shingles of word_tokens(), divided by their sum when it is non-zero (so that
// longer texts do not weigh more in the aggregate).
struct ShingleCounts {
  double tp = 0;
  double fp = 0;
  double fn = 0;
};
inline constexpr int kShingleSize = 4;  // evaluate.py's ngram_n default
ShingleCounts shingle_counts(std::string_view expected, std::string_view got, int n = kShingleSize);

// evaluate.py's precision_score / recall_score: 1 when fp == fn == 0, 0 when there is nothing to
// divide, else tp / (tp + fp) and tp / (tp + fn). shingle_prf adds F1 = 2PR / (P + R) (0 when both
// are 0) for the per-page table; evaluate.py itself only takes F1 of the means (aeb_summary).
double shingle_precision(const ShingleCounts& c);
double shingle_recall(const ShingleCounts& c);
Prf shingle_prf(const ShingleCounts& c);

// evaluate.py's get_accuracy: the word tokens are identical.
bool same_words(std::string_view expected, std::string_view got);

// evaluate.py's metrics_from_tp_fp_fns + accuracy over a set of pages: precision is the mean of
// shingle_precision over the pages with tp + fp > 0, recall the mean of shingle_recall over the
// pages with tp + fn > 0, F1 = 2PR / (P + R) of those means, accuracy the mean of same_words.
// A figure is nullopt when no page qualifies (where evaluate.py's statistics.mean would raise).
struct AebSummary {
  std::optional<double> precision;
  std::optional<double> recall;
  std::optional<double> f1;
  std::optional<double> accuracy;
};
AebSummary aeb_summary(const std::vector<ShingleCounts>& pages, const std::vector<bool>& exact);

// collapse(expected) == collapse(got).
bool same_title(std::string_view expected, std::string_view got);

// Every expected name, collapse_lower()ed, appears inside collapse_lower(got), and got is not empty.
// Names that collapse to nothing are ignored; REQUIRES: at least one name remains (else nothing is
// annotated and the caller does not score the author).
bool author_matches(const std::vector<std::string>& expected_names, std::string_view got);

// An ISO 8601 time as Python's datetime.fromisoformat reads the corpus: "YYYY-MM-DD" (a date),
// "YYYY-MM-DD[T ]HH:MM[:SS[.fff…]]" (naive), the same plus "Z", "±HH:MM", "±HHMM" or "±HH" (an
// instant). Fractions beyond microseconds are cut. nullopt when malformed.
struct When {
  enum class Kind { kDate, kNaive, kInstant } kind = Kind::kDate;
  long long wall_us = 0;  // the wall-clock reading, microseconds since 1970-01-01T00:00 of that clock
  int offset_s = 0;       // kInstant only
  long long instant_us() const { return wall_us - offset_s * 1'000'000LL; }
};
std::optional<When> parse_when(std::string_view text);

// conformance.py's same_date: the same instant when both carry an offset; the same wall time when
// the expected one is naive (whatever offset got shows); the same day when the expected one is a
// date only. A date-only `got` matches only a date or naive expectation on its day. False when
// either fails to parse.
bool same_date(std::string_view expected, std::string_view got);

// The share of expected paragraphs (each collapse()d, empty ones dropped) found inside
// collapse(body). REQUIRES: !paragraphs.empty().
double paragraph_recall(const std::vector<std::string>& paragraphs, std::string_view body);

// body_must_contain strings absent from collapse(body) and body_must_not_contain strings present
// in it (each collapse()d first). leaks() is their total, the figure the table shows.
struct Snippets {
  std::vector<std::string> missing;
  std::vector<std::string> leaked;
  int leaks() const { return static_cast<int>(missing.size() + leaked.size()); }
};
Snippets check_snippets(const std::vector<std::string>& must, const std::vector<std::string>& must_not,
                        std::string_view body);

}  // namespace akhbar::daemon::eval
