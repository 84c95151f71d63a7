// tests/daemon/eval_score_test.cc: the page figures of `akhbard eval` (daemon/eval_score.h). Every
// expected number is worked out by hand in the comment beside it (and agrees with tools/conformance.py
// and with scrapinghub/article-extraction-benchmark's evaluate.py on the same strings).
#include "daemon/eval_score.h"

#include <gtest/gtest.h>

namespace akhbar::daemon::eval {
namespace {

constexpr double kEps = 1e-9;

TEST(EvalScore, TokenAndShingleFiguresMatchHandComputedTable) {
  static const struct {
    std::string_view expected, got;
    double p, r, f1;     // whitespace tokens, multiset
    double sp, sr, sf1;  // 4-token shingles, evaluate.py
    bool same_words;
  } kCases[] = {
      // Identical: 2 shingles each, all shared.
      {"a b c d e", "a b c d e", 1, 1, 1, 1, 1, 1, true},
      // 4 of 6 tokens: P 4/4, R 4/6, F1 0.8. Shingles abcd bcde cdef vs abcd: tp 1, fn 2 → P 1, R 1/3, F1 0.5.
      {"a b c d e f", "a b c d", 1, 2.0 / 3, 0.8, 1, 1.0 / 3, 0.5, false},
      // Both empty: 1 everywhere; no shingle at all, and fp == fn == 0 means 1 in evaluate.py.
      {"", "", 1, 1, 1, 1, 1, 1, true},
      // Nothing extracted: 0. Three tokens make one short shingle (x y z): fn 1.
      {"x y z", "", 0, 0, 0, 0, 0, 0, false},
      // Extracted but nothing expected: fp only.
      {"", "a b c d e", 0, 0, 0, 0, 0, 0, false},
      // Punctuation: whitespace tokens keep it (only "baz" shared: P 1/5, R 1/4, F1 2/9); \w tokens drop it.
      {"Hello, world! foo-bar baz", "Hello world foo bar baz", 0.2, 0.25, 2.0 / 9, 1, 1, 1, true},
      // Multisets: a a a b vs a b b b share 2 tokens of 4; their single shingles differ.
      {"a a a b", "a b b b", 0.5, 0.5, 0.5, 0, 0, 0, false},
      // Case counts in both metrics.
      {"A B C D", "a b c d", 0, 0, 0, 0, 0, 0, false},
      // One token too many in front: P 5/6, R 1, F1 10/11. Shingles: 2 shared, 1 extra → P 2/3, R 1, F1 0.8.
      {"one two three four five", "zero one two three four five", 5.0 / 6, 1, 10.0 / 11, 2.0 / 3, 1, 0.8, false},
      // NFC: "cafe" + U+0301 equals "café" once composed (tokens), but evaluate.py does not normalise and
      // `\w` stops at the combining mark, so its tokens are "cafe noir" vs "café noir".
      {"cafe\u0301 noir", "caf\u00e9 noir", 1, 1, 1, 0, 0, 0, false},
      // Tashkeel (Mn) splits an Arabic word for `\w`: م ح م د رسول (2 shingles) vs محمد رسول (1),
      // none shared.
      // As whitespace tokens only رسول is shared: 1/2, 1/2.
      {"مُحَمَّد رسول", "محمد رسول", 0.5, 0.5, 0.5, 0, 0, 0, false},
  };
  for (const auto& c : kCases) {
    const Prf t = token_prf(c.expected, c.got);
    EXPECT_NEAR(c.p, t.precision, kEps) << c.expected << " | " << c.got;
    EXPECT_NEAR(c.r, t.recall, kEps) << c.expected << " | " << c.got;
    EXPECT_NEAR(c.f1, t.f1, kEps) << c.expected << " | " << c.got;
    const Prf s = shingle_prf(shingle_counts(c.expected, c.got));
    EXPECT_NEAR(c.sp, s.precision, kEps) << c.expected << " | " << c.got;
    EXPECT_NEAR(c.sr, s.recall, kEps) << c.expected << " | " << c.got;
    EXPECT_NEAR(c.sf1, s.f1, kEps) << c.expected << " | " << c.got;
    EXPECT_EQ(c.same_words, same_words(c.expected, c.got)) << c.expected << " | " << c.got;
  }
}

TEST(EvalScore, ShingleCountsAreNormalisedToOne) {
  // abcd bcde cdef vs abcd: tp 1, fp 0, fn 2 → 1/3, 0, 2/3.
  const ShingleCounts c = shingle_counts("a b c d e f", "a b c d");
  EXPECT_NEAR(1.0 / 3, c.tp, kEps);
  EXPECT_NEAR(0.0, c.fp, kEps);
  EXPECT_NEAR(2.0 / 3, c.fn, kEps);
  // Nothing on either side stays 0, 0, 0.
  const ShingleCounts none = shingle_counts("", "...");
  EXPECT_EQ(0.0, none.tp + none.fp + none.fn);
}

TEST(EvalScore, AebSummaryTakesF1OfTheMeansAndSkipsPagesWithNothingToDivide) {
  // Pages: (a b c d e f | a b c d) P 1 R 1/3; (x y z | "") tp+fp = 0 so no precision, R 0;
  // ("" | "") neither. Mean P = 1, mean R = 1/6, F1 = 2 * 1/6 / (7/6) = 2/7.
  const std::vector<ShingleCounts> pages = {shingle_counts("a b c d e f", "a b c d"), shingle_counts("x y z", ""),
                                            shingle_counts("", "")};
  const AebSummary s = aeb_summary(pages, {false, false, true});
  ASSERT_TRUE(s.precision && s.recall && s.f1 && s.accuracy);
  EXPECT_NEAR(1.0, *s.precision, kEps);
  EXPECT_NEAR(1.0 / 6, *s.recall, kEps);
  EXPECT_NEAR(2.0 / 7, *s.f1, kEps);
  EXPECT_NEAR(1.0 / 3, *s.accuracy, kEps);

  const AebSummary empty = aeb_summary({}, {});
  EXPECT_FALSE(empty.precision || empty.recall || empty.f1 || empty.accuracy);
}

TEST(EvalScore, WordsAreLettersNumbersAndUnderscoreAsPythonSeesThem) {
  EXPECT_EQ((std::vector<std::string>{"snake_case", "42", "٣٤", "ß", "日本語"}),
            word_tokens("snake_case, 42! ٣٤ — ß «日本語»"));
  EXPECT_TRUE(is_word(U'_'));
  EXPECT_TRUE(is_word(U'ٰ') == false);  // U+0670 superscript alef is a mark (Mn)
  EXPECT_TRUE(is_word(U'Ⅻ'));           // U+216B, a letter number (Nl)
  EXPECT_FALSE(is_word(U'-'));
}

TEST(EvalScore, SpacesAreWhatPythonsSplitSplitsOn) {
  for (char32_t c : {U'\t', U'\n', U'\x1c', U' ', U'\u0085', U'\u00a0', U'\u2003', U'\u2028', U'\u202f', U'\u3000'}) {
    EXPECT_TRUE(is_space(c)) << static_cast<unsigned>(c);
  }
  for (char32_t c : {U'\u200b', U'\u200f', U'x', U'\u0640'}) EXPECT_FALSE(is_space(c)) << static_cast<unsigned>(c);
  EXPECT_EQ((std::vector<std::string>{"a", "b", "c"}), whitespace_tokens("\u00a0a\u2003b\n\nc "));
}

TEST(EvalScore, TitlesCompareAfterCollapseAndNfc) {
  static const struct {
    std::string_view expected, got;
    bool same;
  } kCases[] = {
      {"كل  الشروط\n متوفرة", "كل الشروط متوفرة", true},
      {"Reparaturcafé am 31. Januar", "Reparaturcafe\u0301 am\u00a031. Januar", true},
      {"Derek Jarman · The Garden", "Derek Jarman - The Garden", false},
      {"Title", "title", false},
      {"Title", "", false},
  };
  for (const auto& c : kCases) EXPECT_EQ(c.same, same_title(c.expected, c.got)) << c.expected << " | " << c.got;
}

TEST(EvalScore, AuthorMatchesWhenEveryExpectedNameAppearsCaseInsensitively) {
  static const struct {
    std::vector<std::string> names;
    std::string_view got;
    bool match;
  } kCases[] = {
      {{"Elisa Marvena"}, "elisa  marvena", true},
      {{"A Bee", "Cee Dee"}, "By A Bee and Cee Dee", true},
      {{"A Bee", "Cee Dee"}, "A Bee", false},
      {{"ÉLISE"}, "élise", true},
      {{"سارة الأحمد"}, "بقلم: سارة الأحمد", true},
      {{"X"}, "", false},
      {{"  ", "Y"}, "y", true},  // a name that collapses to nothing is ignored
  };
  for (const auto& c : kCases) EXPECT_EQ(c.match, author_matches(c.names, c.got)) << c.got;
}

TEST(EvalScore, DatesMatchByInstantWallTimeOrDayAsAnnotated) {
  static const struct {
    std::string_view expected, got;
    bool same;
  } kCases[] = {
      // Both with an offset: the same instant.
      {"2024-02-24 11:42:23+00:00", "2024-02-24T13:42:23+02:00", true},
      {"2024-02-24 11:42:23+00:00", "2024-02-24T11:42:23Z", true},
      {"2024-02-24 11:42:23+00:00", "2024-02-24T11:42:24Z", false},
      {"2025-05-14 20:28:12.467000+03:00", "2025-05-14T17:28:12.467Z", true},
      {"2025-05-14 20:28:12.467000+03:00", "2025-05-14T20:28:12+03:00", false},
      {"2024-09-04 16:20:35+05:30", "2024-09-04T10:50:35+0000", true},
      // Naive: the wall time, whatever offset got shows.
      {"2021-02-21 00:00:00", "2021-02-21T00:00:00+01:00", true},
      {"2021-02-21 00:00:00", "2021-02-20T23:00:00Z", false},
      // Date only: the day of got's wall time.
      {"2020-01-27", "2020-01-27T23:30:00-05:00", true},
      {"2020-01-27", "2020-01-28T01:00:00+00:00", false},
      {"2020-01-27", "2020-01-27", true},
      // A date-only got cannot match an instant.
      {"2024-02-24 11:42:23+00:00", "2024-02-24", false},
      {"2021-02-21 08:00:00", "2021-02-21", true},
      // Nothing extracted, or nonsense.
      {"2020-01-27", "", false},
      {"2020-01-27", "yesterday", false},
      {"2020-02-30", "2020-02-30", false},
      {"2020-01-27T25:00:00Z", "2020-01-27T25:00:00Z", false},
  };
  for (const auto& c : kCases) EXPECT_EQ(c.same, same_date(c.expected, c.got)) << c.expected << " | " << c.got;
}

TEST(EvalScore, ParseWhenReadsTheCorpusForms) {
  const auto instant = parse_when("2026-01-08 11:42:50+00:00");
  ASSERT_TRUE(instant);
  EXPECT_EQ(When::Kind::kInstant, instant->kind);
  EXPECT_EQ(1767872570LL * 1'000'000, instant->instant_us());
  const auto naive = parse_when("1970-01-02T00:00:01.5");
  ASSERT_TRUE(naive);
  EXPECT_EQ(When::Kind::kNaive, naive->kind);
  EXPECT_EQ(86'401'500'000LL, naive->wall_us);
  const auto date = parse_when(" 1969-12-31 ");
  ASSERT_TRUE(date);
  EXPECT_EQ(When::Kind::kDate, date->kind);
  EXPECT_EQ(-86'400'000'000LL, date->wall_us);
  EXPECT_EQ(-2 * 3600, parse_when("2024-01-01T00:00-02:00")->offset_s);
  for (std::string_view bad : {"", "2024", "2024-1-01", "2024-01-01T", "2024-01-01T10", "2024-01-01X10:00",
                               "2024-01-01T10:00+5", "2024-01-01T10:00:00.", "2024-13-01"}) {
    EXPECT_FALSE(parse_when(bad)) << bad;
  }
}

TEST(EvalScore, ParagraphRecallAndSnippetsLookInsideTheCollapsedBody) {
  const std::string body = "First  paragraph here.\n\nSecond\u00a0one.";
  EXPECT_NEAR(1.0, paragraph_recall({"First paragraph here.", "Second one."}, body), kEps);
  EXPECT_NEAR(0.5, paragraph_recall({"First paragraph here.", "Third one.", ""}, body), kEps);

  const Snippets s = check_snippets({"paragraph here", "missing bit"}, {"Second one", "boilerplate"}, body);
  EXPECT_EQ((std::vector<std::string>{"missing bit"}), s.missing);
  EXPECT_EQ((std::vector<std::string>{"Second one"}), s.leaked);
  EXPECT_EQ(2, s.leaks());
}

}  // namespace
}  // namespace akhbar::daemon::eval
