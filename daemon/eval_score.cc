// daemon/eval_score.cc: see eval_score.h. The shingle metric follows
// scrapinghub/article-extraction-benchmark evaluate.py (commit 7d95432dc2320c068b1e53072c64e8c13cf096cb);
// the token metric, dates, authors and snippets follow tools/conformance.py.
#include "daemon/eval_score.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "util/ascii.h"

namespace akhbar::daemon::eval {
namespace {

// Calls f(code_point, byte_begin, byte_end) for each code point; ill-formed bytes read as U+FFFD.
template <class F>
void for_each_code_point(std::string_view s, F&& f) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t begin = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(p, i, n, c);
    f(static_cast<char32_t>(c), static_cast<std::size_t>(begin), static_cast<std::size_t>(i));
  }
}

// Splits into maximal runs of code points for which keep() holds.
template <class Keep>
std::vector<std::string> runs(std::string_view s, Keep&& keep) {
  std::vector<std::string> out;
  std::size_t start = std::string_view::npos;
  for_each_code_point(s, [&](char32_t c, std::size_t b, std::size_t) {
    if (keep(c)) {
      if (start == std::string_view::npos) start = b;
    } else if (start != std::string_view::npos) {
      out.emplace_back(s.substr(start, b - start));
      start = std::string_view::npos;
    }
  });
  if (start != std::string_view::npos) out.emplace_back(s.substr(start));
  return out;
}

double harmonic(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

std::optional<double> mean(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

// Reads exactly `width` ASCII digits at s[pos]; advances pos.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t k = 0; k < width; ++k) {
    const char c = s[pos + k];
    if (!ascii::is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

}  // namespace

bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool is_word(char32_t c) {
  if (c == U'_') return true;
  const auto cp = static_cast<UChar32>(c);
  switch (u_charType(cp)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return true;
    default:
      return u_getIntPropertyValue(cp, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
  }
}

std::string nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);  // ICU data missing: compare as written
  const auto in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (normalizer->isNormalized(in, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  const icu::UnicodeString out = normalizer->normalize(in, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string collapse(std::string_view text) {
  std::string out;
  for (const auto& token : whitespace_tokens(text)) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::string collapse_lower(std::string_view text) {
  const std::string collapsed = collapse(text);
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(collapsed.data(), static_cast<int32_t>(collapsed.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::vector<std::string> whitespace_tokens(std::string_view text) {
  const std::string normal = nfc(text);
  return runs(normal, [](char32_t c) { return !is_space(c); });
}

std::vector<std::string> word_tokens(std::string_view text) { return runs(text, is_word); }

Prf token_prf(std::string_view expected, std::string_view got) {
  std::map<std::string, int> want;
  for (auto& t : whitespace_tokens(expected)) ++want[std::move(t)];
  const auto have = whitespace_tokens(got);
  const std::size_t expected_total = [&] {
    std::size_t n = 0;
    for (const auto& [token, count] : want) n += static_cast<std::size_t>(count);
    return n;
  }();
  if (expected_total == 0 && have.empty()) return {1, 1, 1};
  std::size_t common = 0;
  for (const auto& t : have) {
    auto it = want.find(t);
    if (it != want.end() && it->second > 0) {
      --it->second;
      ++common;
    }
  }
  if (common == 0) return {0, 0, 0};
  Prf out;
  out.precision = static_cast<double>(common) / static_cast<double>(have.size());
  out.recall = static_cast<double>(common) / static_cast<double>(expected_total);
  out.f1 = harmonic(out.precision, out.recall);
  return out;
}

ShingleCounts shingle_counts(std::string_view expected, std::string_view got, int n) {
  // evaluate.py _ngrams: for i in range(0, max(1, len(tokens) - n + 1)), the tuple tokens[i:i+n],
  // kept when non-empty. Tokens are joined with U+0000, which no token holds, to key the multiset.
  const auto shingles = [n](std::string_view text) {
    const auto tokens = word_tokens(text);
    std::map<std::string, long long> counts;
    const auto size = static_cast<std::ptrdiff_t>(tokens.size());
    const std::ptrdiff_t starts = std::max<std::ptrdiff_t>(1, size - n + 1);
    for (std::ptrdiff_t i = 0; i < starts; ++i) {
      std::string key;
      for (std::ptrdiff_t k = i; k < std::min<std::ptrdiff_t>(size, i + n); ++k) {
        if (k > i) key += '\0';
        key += tokens[static_cast<std::size_t>(k)];
      }
      if (i < size) ++counts[key];  // an empty tuple (no tokens at all) is not a shingle
    }
    return counts;
  };
  const auto want = shingles(expected);
  const auto have = shingles(got);
  ShingleCounts c;
  for (const auto& [key, w] : want) {
    auto it = have.find(key);
    const long long h = it == have.end() ? 0 : it->second;
    c.tp += static_cast<double>(std::min(w, h));
    c.fn += static_cast<double>(std::max(0LL, w - h));
    c.fp += static_cast<double>(std::max(0LL, h - w));
  }
  for (const auto& [key, h] : have) {
    if (!want.count(key)) c.fp += static_cast<double>(h);
  }
  const double sum = c.tp + c.fp + c.fn;
  if (sum > 0) {
    c.tp /= sum;
    c.fp /= sum;
    c.fn /= sum;
  }
  return c;
}

double shingle_precision(const ShingleCounts& c) {
  if (c.fp == 0 && c.fn == 0) return 1.0;
  if (c.tp == 0 && c.fp == 0) return 0.0;
  return c.tp / (c.tp + c.fp);
}

double shingle_recall(const ShingleCounts& c) {
  if (c.fp == 0 && c.fn == 0) return 1.0;
  if (c.tp == 0 && c.fn == 0) return 0.0;
  return c.tp / (c.tp + c.fn);
}

Prf shingle_prf(const ShingleCounts& c) {
  Prf out{shingle_precision(c), shingle_recall(c), 0};
  out.f1 = harmonic(out.precision, out.recall);
  return out;
}

bool same_words(std::string_view expected, std::string_view got) { return word_tokens(expected) == word_tokens(got); }

AebSummary aeb_summary(const std::vector<ShingleCounts>& pages, const std::vector<bool>& exact) {
  std::vector<double> precisions, recalls, accuracies;
  for (const auto& c : pages) {
    if (c.tp + c.fp > 0) precisions.push_back(shingle_precision(c));
    if (c.tp + c.fn > 0) recalls.push_back(shingle_recall(c));
  }
  for (bool e : exact) accuracies.push_back(e ? 1.0 : 0.0);
  AebSummary out;
  out.precision = mean(precisions);
  out.recall = mean(recalls);
  if (out.precision && out.recall) out.f1 = harmonic(*out.precision, *out.recall);
  out.accuracy = mean(accuracies);
  return out;
}

bool same_title(std::string_view expected, std::string_view got) { return collapse(expected) == collapse(got); }

bool author_matches(const std::vector<std::string>& expected_names, std::string_view got) {
  const std::string have = collapse_lower(got);
  if (have.empty()) return false;
  for (const auto& name : expected_names) {
    const std::string want = collapse_lower(name);
    if (!want.empty() && have.find(want) == std::string::npos) return false;
  }
  return true;
}

std::optional<When> parse_when(std::string_view text) {
  const std::string_view s = ascii::trim(text);
  std::size_t pos = 0;
  const auto year = digits(s, pos, 4);
  if (!year || pos >= s.size() || s[pos++] != '-') return std::nullopt;
  const auto month = digits(s, pos, 2);
  if (!month || pos >= s.size() || s[pos++] != '-') return std::nullopt;
  const auto day = digits(s, pos, 2);
  if (!day) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                        std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;
  When w;
  const long long days = std::chrono::sys_days(ymd).time_since_epoch().count();
  w.wall_us = days * 86'400'000'000LL;
  if (pos == s.size()) return w;  // a date only
  if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
  ++pos;
  const auto hour = digits(s, pos, 2);
  if (!hour || pos >= s.size() || s[pos++] != ':') return std::nullopt;
  const auto minute = digits(s, pos, 2);
  if (!minute || *hour > 23 || *minute > 59) return std::nullopt;
  int second = 0;
  long long micros = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    const auto sec = digits(s, pos, 2);
    if (!sec || *sec > 59) return std::nullopt;
    second = *sec;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      std::size_t count = 0;
      while (pos < s.size() && ascii::is_digit(s[pos])) {
        if (count < 6) micros = micros * 10 + (s[pos] - '0');
        ++count;
        ++pos;
      }
      if (count == 0) return std::nullopt;
      for (; count < 6; ++count) micros *= 10;
    }
  }
  w.kind = When::Kind::kNaive;
  w.wall_us += ((*hour * 60LL + *minute) * 60 + second) * 1'000'000LL + micros;
  if (pos == s.size()) return w;
  if (s[pos] == 'Z' && pos + 1 == s.size()) {
    w.kind = When::Kind::kInstant;
    return w;
  }
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const int sign = s[pos++] == '-' ? -1 : 1;
  const auto oh = digits(s, pos, 2);
  if (!oh) return std::nullopt;
  int om = 0;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    const auto m = digits(s, pos, 2);
    if (!m) return std::nullopt;
    om = *m;
  }
  if (pos != s.size() || *oh > 23 || om > 59) return std::nullopt;
  w.kind = When::Kind::kInstant;
  w.offset_s = sign * (*oh * 3600 + om * 60);
  return w;
}

bool same_date(std::string_view expected, std::string_view got) {
  const auto e = parse_when(expected);
  const auto g = parse_when(got);
  if (!e || !g) return false;
  constexpr long long kDayUs = 86'400'000'000LL;
  const auto day_of = [](long long wall_us) {  // floor division: days before 1970 too
    return wall_us >= 0 ? wall_us / kDayUs : (wall_us - kDayUs + 1) / kDayUs;
  };
  using K = When::Kind;
  if (g->kind == K::kDate) return e->kind != K::kInstant && day_of(e->wall_us) == day_of(g->wall_us);
  switch (e->kind) {
    case K::kInstant:
      return g->kind == K::kInstant && e->instant_us() == g->instant_us();
    case K::kNaive:
      return e->wall_us == g->wall_us;
    case K::kDate:
      return day_of(e->wall_us) == day_of(g->wall_us);
  }
  return false;
}

double paragraph_recall(const std::vector<std::string>& paragraphs, std::string_view body) {
  const std::string flat = collapse(body);
  std::size_t total = 0, found = 0;
  for (const auto& p : paragraphs) {
    const std::string want = collapse(p);
    if (want.empty()) continue;
    ++total;
    if (flat.find(want) != std::string::npos) ++found;
  }
  return total == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(total);
}

Snippets check_snippets(const std::vector<std::string>& must, const std::vector<std::string>& must_not,
                        std::string_view body) {
  const std::string flat = collapse(body);
  Snippets out;
  for (const auto& s : must) {
    if (flat.find(collapse(s)) == std::string::npos) out.missing.push_back(s);
  }
  for (const auto& s : must_not) {
    if (flat.find(collapse(s)) != std::string::npos) out.leaked.push_back(s);
  }
  return out;
}

}  // namespace akhbar::daemon::eval
