// fetchers/retry_policy.h: what to do after a fetch, decided from the outcome alone. Pure: `now`
// and the jitter are arguments, so every rule is tested on scripted timelines.
//  - transient (retry the URL with exponential backoff and ±10% jitter, up to `attempts`):
//    timeouts, resets/unreachable, truncated bodies, 408, 429, 500, 502, 503, 504;
//  - permanent (never retried): 400, 401, 403, 404, 410, 451, other 4xx, bad content type,
//    body over max_body, refused private address, bad URL, too many redirects;
//  - 429 and 503 also defer the whole host: until `Retry-After` (seconds or HTTP-date) when given,
//    else exponential host backoff (60 s doubling per consecutive failure, capped at max_delay).
// Other 5xx (507, Cloudflare's 520-524) count as transient too, except 501 and 505; a status 0 with
// no error (no answer, no reason) is transient.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "util/clock.h"
#include "util/result.h"

namespace akhbar::fetchers {

struct RetrySettings {
  int attempts = 5;              // total tries of one URL, the first included
  Millis base_delay{60000};      // first retry delay, doubled per attempt
  Millis max_delay{24LL * 3600 * 1000};
  Millis host_base_delay{60000}; // first host backoff after 429/503 without Retry-After
};

enum class FetchClass { kSuccess, kNotModified, kRedirect, kTransient, kPermanent };

// Classifies a finished transfer: `status` is 0 when there was no HTTP response, `error` the transfer
// error if any (its Errc decides: kDeadlineExceeded/kUnavailable/kDataLoss are transient).
FetchClass classify_fetch(int status, const std::optional<Error>& error);

struct RetryDecision {
  enum Kind { kDone, kRetry, kGiveUp };
  Kind kind = kDone;
  WallTime not_before{};  // kRetry: when to try again
  std::string reason;     // "503", "timeout", "404", ...
};

// `attempt` is the try that just finished (1 for the first). `jitter01` is uniform in [0, 1).
RetryDecision decide_retry(int status, const std::optional<Error>& error, int attempt, const RetrySettings& s,
                           WallTime now, double jitter01);

// Retry-After: delta-seconds or an HTTP-date (RFC 9110 10.2.3); nullopt when absent or malformed.
// A date in the past gives 0 s.
std::optional<Seconds> parse_retry_after(std::string_view value, WallTime now);

// Cache-Control (RFC 9111 5.2): the max-age, or s-maxage when given (a crawler is a shared cache of
// sorts); nullopt without one, or with no-cache / no-store. Values above a year count as a year.
std::optional<Millis> cache_max_age(std::string_view cache_control);

// Until when a host is deferred after a 429/503 (`consecutive` such answers in a row, 1 for the
// first): Retry-After when given (capped at max_delay), else host_base_delay * 2^(consecutive-1)
// capped at max_delay, ±10% jitter. nullopt when the status does not defer the host.
std::optional<WallTime> host_deferral(int status, std::string_view retry_after, int consecutive,
                                      const RetrySettings& s, WallTime now, double jitter01);

// exponential: base * 2^(n-1), capped, then ×(0.9 + 0.2·jitter01).
Millis backoff_delay(Millis base, int n, Millis cap, double jitter01);

}  // namespace akhbar::fetchers
