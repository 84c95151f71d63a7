// ICU time zones behind the small API of date.h and date_internal.h.
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include "parsers/date/date.h"
#include "parsers/date/date_internal.h"

namespace akhbar::parsers {
namespace date_detail {
namespace {

using namespace std::chrono;

// Zones are loaded from ICU's resources once per thread; sites use a handful of zones, but the
// cache is bounded anyway (cleared when full) since zone ids can come from config files.
constexpr std::size_t kZoneCacheLimit = 64;
// WallTime counts nanoseconds in 64 bits (years 1678-2261); news dates stay well inside.
constexpr int kMinCivilYear = 1800;
constexpr int kMaxCivilYear = 2200;

// nullptr for UTC, empty or unknown ids.
const icu::TimeZone* find_zone(std::string_view id) {
  if (id.empty() || id == "UTC" || id == "Etc/UTC") return nullptr;
  thread_local std::map<std::string, std::unique_ptr<icu::TimeZone>, std::less<>> cache;
  if (auto it = cache.find(id); it != cache.end()) return it->second.get();
  if (cache.size() >= kZoneCacheLimit) cache.clear();
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), static_cast<int32_t>(id.size())))));
  if (tz && *tz == icu::TimeZone::getUnknown()) tz.reset();
  const icu::TimeZone* raw = tz.get();
  cache.emplace(std::string(id), std::move(tz));
  return raw;
}

std::int64_t civil_to_ms(const Civil& c) {
  const sys_days day{year{c.year} / month{static_cast<unsigned>(c.month)} / std::chrono::day{static_cast<unsigned>(c.day)}};
  const auto t = day + hours{c.hour} + minutes{c.minute} + seconds{c.second} + milliseconds{c.millis};
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

int offset_ms(const icu::TimeZone* tz, std::int64_t ms, bool local) {
  if (tz == nullptr) return 0;
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  tz->getOffset(static_cast<UDate>(ms), local, raw, dst, status);
  return U_SUCCESS(status) ? raw + dst : 0;
}

}  // namespace

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && year{y}.is_leap()) return 29;
  return kDays[m - 1];
}

bool valid_civil(const Civil& c) {
  return c.year >= kMinCivilYear && c.year <= kMaxCivilYear && c.month >= 1 && c.month <= 12 && c.day >= 1 &&
         c.day <= days_in_month(c.year, c.month) && c.hour >= 0 && c.hour <= 23 && c.minute >= 0 &&
         c.minute <= 59 && c.second >= 0 && c.second <= 59 && c.millis >= 0 && c.millis <= 999;
}

WallTime local_to_utc(const Civil& c, std::string_view zone) {
  const std::int64_t local = civil_to_ms(c);
  return from_unix_ms(local - offset_ms(find_zone(zone), local, true));
}

WallTime offset_to_utc(const Civil& c, int offset_seconds) {
  return from_unix_ms(civil_to_ms(c) - std::int64_t{offset_seconds} * 1000);
}

Civil utc_to_local(WallTime t, std::string_view zone) {
  const auto local = time_point_cast<milliseconds>(t) + milliseconds{offset_ms(find_zone(zone), to_unix_ms(t), false)};
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  Civil c;
  c.year = static_cast<int>(ymd.year());
  c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  c.hour = static_cast<int>(hms.hours().count());
  c.minute = static_cast<int>(hms.minutes().count());
  c.second = static_cast<int>(hms.seconds().count());
  c.millis = static_cast<int>(hms.subseconds().count());
  return c;
}

}  // namespace date_detail

int utc_offset_at(std::string_view timezone, WallTime t) {
  return date_detail::offset_ms(date_detail::find_zone(timezone), to_unix_ms(t), false) / 1000;
}

std::string format_in_zone(WallTime t, std::string_view timezone) {
  return format_rfc3339_offset(t, utc_offset_at(timezone, t));
}

bool is_known_timezone(std::string_view timezone) {
  if (timezone == "UTC" || timezone == "Etc/UTC") return true;
  return !timezone.empty() && date_detail::find_zone(timezone) != nullptr;
}

}  // namespace akhbar::parsers
