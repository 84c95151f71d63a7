#include "fetchers/retry_policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include "util/ascii.h"

namespace akhbar::fetchers {

namespace {

// A Retry-After larger than this (about 68 years) is clamped: the value only ever defers, and
// host_deferral caps it at max_delay anyway. Keeps `now + delay` far from time_point overflow.
constexpr std::int64_t kMaxRetryAfterSeconds = 0x7fffffff;

bool transient_status(int status) {
  switch (status) {
    case 408:  // Request Timeout
    case 429:  // Too Many Requests
      return true;
    case 501:  // Not Implemented: asking again will not help
    case 505:  // HTTP Version Not Supported
      return false;
    default:
      // 500, 502, 503, 504, and the other 5xx seen in the wild (507, Cloudflare's 520-524).
      return status >= 500 && status <= 599;
  }
}

std::string error_reason(Errc code) {
  switch (code) {
    case Errc::kDeadlineExceeded: return "timeout";
    case Errc::kUnavailable: return "unavailable";
    case Errc::kDataLoss: return "truncated";
    case Errc::kResourceExhausted: return "too large";
    case Errc::kPermissionDenied: return "refused";
    case Errc::kInvalidInput: return "invalid";
    case Errc::kNotFound: return "not found";
    case Errc::kInternal: return "internal";
  }
  return "error";
}

// ---- HTTP-date (RFC 9110 5.6.7) -------------------------------------------------------------

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return s_.empty(); }
  void skip_spaces() {
    while (!s_.empty() && s_.front() == ' ') s_.remove_prefix(1);
  }
  bool literal(char c) {
    if (s_.empty() || s_.front() != c) return false;
    s_.remove_prefix(1);
    return true;
  }
  // Exactly `min`..`max` digits.
  std::optional<int> digits(std::size_t min, std::size_t max) {
    std::size_t n = 0;
    while (n < s_.size() && n < max && std::isdigit(static_cast<unsigned char>(s_[n]))) ++n;
    if (n < min) return std::nullopt;
    int v = 0;
    std::from_chars(s_.data(), s_.data() + n, v);
    s_.remove_prefix(n);
    return v;
  }
  std::string_view word() {
    std::size_t n = 0;
    while (n < s_.size() && std::isalpha(static_cast<unsigned char>(s_[n]))) ++n;
    std::string_view w = s_.substr(0, n);
    s_.remove_prefix(n);
    return w;
  }

 private:
  std::string_view s_;
};

using ascii::iequals;

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};

std::optional<unsigned> month_of(std::string_view w) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (iequals(w, kMonths[i])) return static_cast<unsigned>(i + 1);
  }
  return std::nullopt;
}

template <std::size_t N>
bool is_one_of(std::string_view w, const std::array<std::string_view, N>& names) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(w, n); });
}

// "HH:MM:SS"
bool time_of_day(Cursor& c, int& h, int& m, int& s) {
  auto hh = c.digits(2, 2);
  if (!hh || !c.literal(':')) return false;
  auto mm = c.digits(2, 2);
  if (!mm || !c.literal(':')) return false;
  auto ss = c.digits(2, 2);
  if (!ss) return false;
  h = *hh;
  m = *mm;
  s = *ss;
  return h < 24 && m < 60 && s <= 60;  // 60: a leap second, read as :59 below
}

std::optional<WallTime> make_time(int year, unsigned month, int day, int h, int m, int s) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || day < 1) return std::nullopt;
  return WallTime(sys_days(ymd)) + hours(h) + minutes(m) + seconds(std::min(s, 59));
}

// RFC 9110 5.6.7: a two-digit year more than 50 years in the future is the most recent past year
// with the same last two digits.
int full_year(int yy, WallTime now) {
  using namespace std::chrono;
  const int this_year = static_cast<int>(year_month_day(floor<days>(now)).year());
  int y = this_year - this_year % 100 + yy;
  if (y > this_year + 50) y -= 100;
  return y;
}

// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", asctime
// "Sun Nov  6 08:49:37 1994". The weekday must be a weekday name but is not checked against the date.
std::optional<WallTime> parse_http_date(std::string_view text, WallTime now) {
  Cursor c(text);
  const std::string_view day_name = c.word();
  int h = 0, m = 0, s = 0;
  if (c.literal(',')) {
    c.skip_spaces();
    auto day = c.digits(1, 2);
    if (!day) return std::nullopt;
    if (c.literal('-')) {  // RFC 850
      if (!is_one_of(day_name, kLongDays) && !is_one_of(day_name, kDays)) return std::nullopt;
      auto month = month_of(c.word());
      if (!month || !c.literal('-')) return std::nullopt;
      auto yy = c.digits(2, 4);
      if (!yy) return std::nullopt;
      c.skip_spaces();
      if (!time_of_day(c, h, m, s)) return std::nullopt;
      c.skip_spaces();
      if (!iequals(c.word(), "GMT")) return std::nullopt;
      c.skip_spaces();
      if (!c.done()) return std::nullopt;
      const int year = *yy < 100 ? full_year(*yy, now) : *yy;
      return make_time(year, *month, *day, h, m, s);
    }
    // IMF-fixdate
    if (!is_one_of(day_name, kDays)) return std::nullopt;
    c.skip_spaces();
    auto month = month_of(c.word());
    c.skip_spaces();
    auto year = c.digits(4, 4);
    if (!month || !year) return std::nullopt;
    c.skip_spaces();
    if (!time_of_day(c, h, m, s)) return std::nullopt;
    c.skip_spaces();
    if (!iequals(c.word(), "GMT")) return std::nullopt;
    c.skip_spaces();
    if (!c.done()) return std::nullopt;
    return make_time(*year, *month, *day, h, m, s);
  }
  // asctime
  if (!is_one_of(day_name, kDays) || !c.literal(' ')) return std::nullopt;
  auto month = month_of(c.word());
  if (!month) return std::nullopt;
  c.skip_spaces();
  auto day = c.digits(1, 2);
  if (!day) return std::nullopt;
  c.skip_spaces();
  if (!time_of_day(c, h, m, s)) return std::nullopt;
  c.skip_spaces();
  auto year = c.digits(4, 4);
  c.skip_spaces();
  if (!year || !c.done()) return std::nullopt;
  return make_time(*year, *month, *day, h, m, s);
}

using ascii::trim;

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

FetchClass classify_fetch(int status, const std::optional<Error>& error) {
  if (error) {
    switch (error->code) {
      case Errc::kDeadlineExceeded:
      case Errc::kUnavailable:
      case Errc::kDataLoss:
        return FetchClass::kTransient;
      default:
        return FetchClass::kPermanent;
    }
  }
  if (status == 0) return FetchClass::kTransient;  // no answer at all, and no error to say why
  if (status == 304) return FetchClass::kNotModified;
  if (status >= 200 && status <= 299) return FetchClass::kSuccess;
  if (status >= 300 && status <= 399) return FetchClass::kRedirect;
  if (transient_status(status)) return FetchClass::kTransient;
  return FetchClass::kPermanent;  // 1xx as a final answer, 4xx, 501, 505, nonsense
}

RetryDecision decide_retry(int status, const std::optional<Error>& error, int attempt, const RetrySettings& s,
                           WallTime now, double jitter01) {
  RetryDecision d;
  d.reason = error ? error_reason(error->code) : std::to_string(status);
  switch (classify_fetch(status, error)) {
    case FetchClass::kSuccess:
    case FetchClass::kNotModified:
    case FetchClass::kRedirect:
      d.kind = RetryDecision::kDone;
      return d;
    case FetchClass::kPermanent:
      d.kind = RetryDecision::kGiveUp;
      return d;
    case FetchClass::kTransient:
      break;
  }
  if (attempt >= s.attempts) {
    d.kind = RetryDecision::kGiveUp;
    return d;
  }
  d.kind = RetryDecision::kRetry;
  d.not_before = now + backoff_delay(s.base_delay, attempt, s.max_delay, jitter01);
  return d;
}

std::optional<Seconds> parse_retry_after(std::string_view value, WallTime now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec == std::errc::result_out_of_range || n > kMaxRetryAfterSeconds) return Seconds(kMaxRetryAfterSeconds);
    if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    return Seconds(n);
  }
  const auto when = parse_http_date(value, now);
  if (!when) return std::nullopt;
  if (*when <= now) return Seconds(0);
  // Rounded up: never come back before the server said.
  return std::min(std::chrono::ceil<Seconds>(*when - now), Seconds(kMaxRetryAfterSeconds));
}

std::optional<WallTime> host_deferral(int status, std::string_view retry_after, int consecutive,
                                      const RetrySettings& s, WallTime now, double jitter01) {
  if (status != 429 && status != 503) return std::nullopt;
  if (const auto after = parse_retry_after(retry_after, now)) {
    return now + std::min<Millis>(*after, s.max_delay);
  }
  return now + backoff_delay(s.host_base_delay, consecutive, s.max_delay, jitter01);
}

Millis backoff_delay(Millis base, int n, Millis cap, double jitter01) {
  if (base.count() < 0) base = Millis(0);
  if (cap.count() < 0) cap = Millis(0);
  Millis d = std::min(base, cap);
  for (int i = 1; i < n && d < cap; ++i) d = d > cap / 2 ? cap : d * 2;  // never overflows
  if (!(jitter01 >= 0.0)) jitter01 = 0.0;  // NaN too
  if (jitter01 > 1.0) jitter01 = 1.0;
  const double factor = 0.9 + 0.2 * jitter01;
  return Millis(static_cast<std::int64_t>(std::llround(static_cast<double>(d.count()) * factor)));
}

std::optional<Millis> cache_max_age(std::string_view cache_control) {
  std::optional<Millis> age;
  std::optional<Millis> shared_age;
  while (!cache_control.empty()) {
    const auto comma = cache_control.find(',');
    std::string_view directive = trim_spaces(cache_control.substr(0, comma));
    cache_control = comma == std::string_view::npos ? std::string_view() : cache_control.substr(comma + 1);
    const auto eq = directive.find('=');
    const std::string_view name = trim_spaces(directive.substr(0, eq));
    if (iequals(name, "no-cache") || iequals(name, "no-store")) return std::nullopt;
    if (eq == std::string_view::npos || !(iequals(name, "max-age") || iequals(name, "s-maxage"))) continue;
    std::string_view value = trim_spaces(directive.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    std::int64_t seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || end != value.data() + value.size() || seconds < 0) continue;
    seconds = std::min<std::int64_t>(seconds, 365LL * 24 * 3600);
    (iequals(name, "max-age") ? age : shared_age) = Millis(seconds * 1000);
  }
  return shared_age ? shared_age : age;  // a crawler is a shared cache of sorts: s-maxage wins
}

}  // namespace akhbar::fetchers
