// fetchers/retry_policy.h on scripted timelines: explicit WallTime values and jitter values
// (0, 0.5, 0.999), never the clock.
#include "fetchers/retry_policy.h"

#include <optional>
#include <string_view>

#include <gtest/gtest.h>

namespace akhbar::fetchers {
namespace {

// 2023-11-14T22:13:20Z.
const WallTime kNow = from_unix_ms(1'700'000'000'000);

Error err(Errc code) { return Error{code, "fetch: test", "https://www.example-news.com/ar/1"}; }

TEST(ClassifyFetch, SortsEveryStatusTheIssueLists) {
  static const struct {
    int status;
    FetchClass expected;
  } kCases[] = {
      {200, FetchClass::kSuccess},     {203, FetchClass::kSuccess},    {206, FetchClass::kSuccess},
      {304, FetchClass::kNotModified}, {301, FetchClass::kRedirect},   {302, FetchClass::kRedirect},
      {307, FetchClass::kRedirect},    {308, FetchClass::kRedirect},   {408, FetchClass::kTransient},
      {429, FetchClass::kTransient},   {500, FetchClass::kTransient},  {502, FetchClass::kTransient},
      {503, FetchClass::kTransient},   {504, FetchClass::kTransient},  {520, FetchClass::kTransient},
      {524, FetchClass::kTransient},   {400, FetchClass::kPermanent},  {401, FetchClass::kPermanent},
      {403, FetchClass::kPermanent},   {404, FetchClass::kPermanent},  {410, FetchClass::kPermanent},
      {451, FetchClass::kPermanent},   {418, FetchClass::kPermanent},  {501, FetchClass::kPermanent},
      {505, FetchClass::kPermanent},   {101, FetchClass::kPermanent},  {0, FetchClass::kTransient},
  };
  for (const auto& c : kCases) EXPECT_EQ(classify_fetch(c.status, std::nullopt), c.expected) << c.status;
}

TEST(ClassifyFetch, TransferErrorsDecideByTheirKindWhateverTheStatus) {
  static const struct {
    Errc code;
    int status;
    FetchClass expected;
  } kCases[] = {
      {Errc::kDeadlineExceeded, 0, FetchClass::kTransient},   // timeout
      {Errc::kUnavailable, 0, FetchClass::kTransient},        // reset, refused, DNS
      {Errc::kDataLoss, 200, FetchClass::kTransient},         // truncated body after a 200
      {Errc::kResourceExhausted, 200, FetchClass::kPermanent}, // body over max_body
      {Errc::kPermissionDenied, 0, FetchClass::kPermanent},   // refused private address
      {Errc::kInvalidInput, 302, FetchClass::kPermanent},     // too many redirects
      {Errc::kInvalidInput, 0, FetchClass::kPermanent},       // bad URL, bad scheme
      {Errc::kInternal, 0, FetchClass::kPermanent},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(classify_fetch(c.status, err(c.code)), c.expected) << errc_name(c.code) << " " << c.status;
  }
}

TEST(DecideRetry, RetriesTransientStatusesWithDoublingDelays) {
  RetrySettings s;  // base 60 s
  for (int status : {408, 429, 500, 502, 503, 504}) {
    const RetryDecision d = decide_retry(status, std::nullopt, 1, s, kNow, 0.5);
    EXPECT_EQ(d.kind, RetryDecision::kRetry) << status;
    EXPECT_EQ(d.not_before, kNow + Seconds(60)) << status;
    EXPECT_EQ(d.reason, std::to_string(status));
  }
  EXPECT_EQ(decide_retry(503, std::nullopt, 2, s, kNow, 0.5).not_before, kNow + Seconds(120));
  EXPECT_EQ(decide_retry(503, std::nullopt, 3, s, kNow, 0.5).not_before, kNow + Seconds(240));
  EXPECT_EQ(decide_retry(503, std::nullopt, 4, s, kNow, 0.5).not_before, kNow + Seconds(480));
}

TEST(DecideRetry, NeverRetriesPermanentStatuses) {
  for (int status : {400, 401, 403, 404, 410, 451}) {
    const RetryDecision d = decide_retry(status, std::nullopt, 1, RetrySettings{}, kNow, 0.5);
    EXPECT_EQ(d.kind, RetryDecision::kGiveUp) << status;
    EXPECT_EQ(d.reason, std::to_string(status));
  }
}

TEST(DecideRetry, SuccessNotModifiedAndRedirectAreDone) {
  for (int status : {200, 304, 301}) {
    EXPECT_EQ(decide_retry(status, std::nullopt, 3, RetrySettings{}, kNow, 0.5).kind, RetryDecision::kDone)
        << status;
  }
}

TEST(DecideRetry, NamesTransferErrorsAndRetriesOnlyTransientOnes) {
  static const struct {
    Errc code;
    RetryDecision::Kind kind;
    std::string_view reason;
  } kCases[] = {
      {Errc::kDeadlineExceeded, RetryDecision::kRetry, "timeout"},
      {Errc::kUnavailable, RetryDecision::kRetry, "unavailable"},
      {Errc::kDataLoss, RetryDecision::kRetry, "truncated"},
      {Errc::kResourceExhausted, RetryDecision::kGiveUp, "too large"},
      {Errc::kPermissionDenied, RetryDecision::kGiveUp, "refused"},
      {Errc::kInvalidInput, RetryDecision::kGiveUp, "invalid"},
  };
  for (const auto& c : kCases) {
    const RetryDecision d = decide_retry(0, err(c.code), 1, RetrySettings{}, kNow, 0.0);
    EXPECT_EQ(d.kind, c.kind) << c.reason;
    EXPECT_EQ(d.reason, c.reason);
    if (d.kind == RetryDecision::kRetry) {
      EXPECT_EQ(d.not_before, kNow + Seconds(54)) << "60 s × 0.9";
    }
  }
}

TEST(DecideRetry, GivesUpWhenAttemptsAreExhausted) {
  RetrySettings s;
  s.attempts = 3;
  // A timeline: the URL times out three times in a row.
  WallTime now = kNow;
  RetryDecision d = decide_retry(0, err(Errc::kDeadlineExceeded), 1, s, now, 0.5);
  ASSERT_EQ(d.kind, RetryDecision::kRetry);
  EXPECT_EQ(d.not_before, now + Seconds(60));
  now = d.not_before;
  d = decide_retry(0, err(Errc::kDeadlineExceeded), 2, s, now, 0.5);
  ASSERT_EQ(d.kind, RetryDecision::kRetry);
  EXPECT_EQ(d.not_before, now + Seconds(120));
  now = d.not_before;
  d = decide_retry(0, err(Errc::kDeadlineExceeded), 3, s, now, 0.5);
  EXPECT_EQ(d.kind, RetryDecision::kGiveUp);
  EXPECT_EQ(d.reason, "timeout");
  EXPECT_EQ(decide_retry(503, std::nullopt, 7, s, now, 0.5).kind, RetryDecision::kGiveUp);
}

TEST(BackoffDelay, JitterStaysWithinTenPercent) {
  const Millis base(60000);
  const Millis cap(3600 * 1000);
  EXPECT_EQ(backoff_delay(base, 1, cap, 0.0), Millis(54000));
  EXPECT_EQ(backoff_delay(base, 1, cap, 0.5), Millis(60000));
  EXPECT_EQ(backoff_delay(base, 1, cap, 0.999), Millis(65988));
  for (int n = 1; n <= 12; ++n) {
    const Millis mid = backoff_delay(base, n, cap, 0.5);
    for (double j : {0.0, 0.25, 0.5, 0.75, 0.999}) {
      const Millis d = backoff_delay(base, n, cap, j);
      EXPECT_GE(d.count(), mid.count() * 9 / 10) << n << " " << j;
      EXPECT_LE(d.count(), mid.count() * 11 / 10) << n << " " << j;
    }
  }
}

TEST(BackoffDelay, DoublesUntilTheCapThenStays) {
  const Millis base(60000);
  const Millis cap(600000);  // 10 min
  EXPECT_EQ(backoff_delay(base, 2, cap, 0.5), Millis(120000));
  EXPECT_EQ(backoff_delay(base, 4, cap, 0.5), Millis(480000));
  EXPECT_EQ(backoff_delay(base, 5, cap, 0.5), cap);
  EXPECT_EQ(backoff_delay(base, 1000, cap, 0.5), cap) << "no overflow however many failures";
  EXPECT_EQ(backoff_delay(base, 1000, cap, 0.999), Millis(659880)) << "jitter applies after the cap";
  EXPECT_EQ(backoff_delay(base, 0, cap, 0.5), base) << "n below 1 counts as the first";
  EXPECT_EQ(backoff_delay(Millis(86400000), 1, Millis(3600000), 0.5), Millis(3600000)) << "base above the cap";
}

TEST(ParseRetryAfter, ReadsDeltaSeconds) {
  EXPECT_EQ(parse_retry_after("2", kNow), Seconds(2));
  EXPECT_EQ(parse_retry_after("  120 ", kNow), Seconds(120));
  EXPECT_EQ(parse_retry_after("0", kNow), Seconds(0));
  EXPECT_EQ(parse_retry_after("99999999999999999999999", kNow), Seconds(0x7fffffff)) << "clamped, not dropped";
}

TEST(ParseRetryAfter, ReadsTheThreeHttpDateFormats) {
  // kNow is Tue, 14 Nov 2023 22:13:20 GMT; each date below is 100 s later.
  static const std::string_view kDates[] = {
      "Tue, 14 Nov 2023 22:15:00 GMT",     // IMF-fixdate
      "Tuesday, 14-Nov-23 22:15:00 GMT",   // obsolete RFC 850
      "Tue Nov 14 22:15:00 2023",          // asctime
      "tue, 14 nov 2023 22:15:00 gmt",     // names are case-insensitive
  };
  for (auto date : kDates) EXPECT_EQ(parse_retry_after(date, kNow), Seconds(100)) << date;
  EXPECT_EQ(parse_retry_after("Wed Nov  1 00:00:00 2023", from_unix_ms(1'698'796'700'000)), Seconds(100))
      << "asctime pads a one-digit day with a space";
}

TEST(ParseRetryAfter, RoundsAFractionalWaitUp) {
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:13:21 GMT", kNow - Millis(500)), Seconds(2));
}

TEST(ParseRetryAfter, DateInThePastIsZero) {
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kNow), Seconds(0));
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", kNow), Seconds(0)) << "94 is 1994, not 2094";
}

TEST(ParseRetryAfter, RejectsGarbage) {
  static const std::string_view kBad[] = {
      "",       "   ",  "-5",  "1.5", "soon", "2 minutes", "0x10",
      "Tue, 32 Nov 2023 22:15:00 GMT",   // no such day
      "Tue, 30 Feb 2023 22:15:00 GMT",   // no such date
      "Tue, 14 Nov 2023 25:15:00 GMT",   // no such hour
      "Tue, 14 Nov 2023 22:15:00 +0300", // HTTP-dates are GMT
      "Tue, 14 Foo 2023 22:15:00 GMT",   // no such month
      "Xyz, 14 Nov 2023 22:15:00 GMT",   // no such weekday
      "Tue, 14 Nov 2023 22:15 GMT",      // no seconds
      "Tue, 14 Nov 2023 22:15:00 GMT trailing",
      "2023-11-14T22:15:00Z",            // RFC 3339 is not an HTTP-date
      "الثلاثاء، 14 نوفمبر 2023",
  };
  for (auto bad : kBad) EXPECT_EQ(parse_retry_after(bad, kNow), std::nullopt) << bad;
}

TEST(HostDeferral, RetryAfterSecondsDefersTheWholeHost) {
  RetrySettings s;
  EXPECT_EQ(host_deferral(429, "2", 1, s, kNow, 0.999), kNow + Seconds(2)) << "exact: no jitter on Retry-After";
  EXPECT_EQ(host_deferral(503, "3600", 4, s, kNow, 0.0), kNow + Seconds(3600));
  EXPECT_EQ(host_deferral(503, "Tue, 14 Nov 2023 22:15:00 GMT", 1, s, kNow, 0.5), kNow + Seconds(100));
  EXPECT_EQ(host_deferral(503, "Sun, 06 Nov 1994 08:49:37 GMT", 1, s, kNow, 0.5), kNow) << "a past date";
}

TEST(HostDeferral, RetryAfterIsCappedAtMaxDelay) {
  RetrySettings s;
  s.max_delay = Millis(3600 * 1000);
  EXPECT_EQ(host_deferral(429, "86400", 1, s, kNow, 0.5), kNow + Seconds(3600));
}

TEST(HostDeferral, WithoutRetryAfterBacksOffExponentiallyFromSixtySeconds) {
  RetrySettings s;
  s.max_delay = Millis(600 * 1000);
  EXPECT_EQ(host_deferral(503, "", 1, s, kNow, 0.5), kNow + Seconds(60));
  EXPECT_EQ(host_deferral(503, "", 2, s, kNow, 0.5), kNow + Seconds(120));
  EXPECT_EQ(host_deferral(429, "", 3, s, kNow, 0.5), kNow + Seconds(240));
  EXPECT_EQ(host_deferral(429, "", 9, s, kNow, 0.5), kNow + Seconds(600));
  EXPECT_EQ(host_deferral(429, "", 1, s, kNow, 0.0), kNow + Seconds(54));
  EXPECT_EQ(host_deferral(429, "", 1, s, kNow, 0.999), kNow + Millis(65988));
  EXPECT_EQ(host_deferral(503, "garbage", 1, s, kNow, 0.5), kNow + Seconds(60)) << "bad Retry-After is ignored";
}

TEST(HostDeferral, OtherStatusesDoNotDeferTheHost) {
  for (int status : {200, 304, 404, 500, 502, 504, 0}) {
    EXPECT_EQ(host_deferral(status, "120", 1, RetrySettings{}, kNow, 0.5), std::nullopt) << status;
  }
}

TEST(CacheControl, MaxAgeOrSharedMaxAgeUnlessNoCacheOrNoStore) {
  EXPECT_EQ(cache_max_age("max-age=600"), Seconds(600));
  EXPECT_EQ(cache_max_age("public, max-age=300, must-revalidate"), Seconds(300));
  EXPECT_EQ(cache_max_age("Max-Age=\"120\""), Seconds(120));
  EXPECT_EQ(cache_max_age("max-age=60, s-maxage=900"), Seconds(900));
  EXPECT_EQ(cache_max_age("no-cache, max-age=600"), std::nullopt);
  EXPECT_EQ(cache_max_age("private, no-store"), std::nullopt);
  EXPECT_EQ(cache_max_age("max-age=abc"), std::nullopt);
  EXPECT_EQ(cache_max_age("max-age=-5"), std::nullopt);
  EXPECT_EQ(cache_max_age(""), std::nullopt);
}

}  // namespace
}  // namespace akhbar::fetchers
