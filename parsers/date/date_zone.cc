// The system tz database (/usr/share/zoneinfo, Debian's tzdata) through date-tz (USE_OS_TZDB) behind
// the small API of date.h and date_internal.h. This is the ONE place in the project that maps zone
// ids to offsets: every conversion (parse_date, format_in_zone, config validation) comes here.
// The database is loaded lazily, on the first zone lookup, never at process start; UTC and unknown
// ids never touch it.
#include <chrono>
#include <exception>
#include <string>

#include <date/tz.h>

#include "parsers/date/date.h"
#include "parsers/date/date_internal.h"

namespace akhbar::parsers {
namespace date_detail {
namespace {

using namespace std::chrono;

// WallTime counts nanoseconds in 64 bits (years 1678-2261); news dates stay well inside.
constexpr int kMinCivilYear = 1800;
constexpr int kMaxCivilYear = 2200;

bool is_utc_id(std::string_view id) { return id == "UTC" || id == "Etc/UTC"; }

// nullptr for UTC, empty or unknown ids. date::locate_zone loads the database on first use (it is
// thread-safe) and keeps the zones for the life of the process.
const date::time_zone* find_zone(std::string_view id) {
  if (id.empty() || is_utc_id(id)) return nullptr;
  try {
    return date::locate_zone(id);
  } catch (const std::exception&) {
    return nullptr;  // unknown id, or no tz database on this machine
  }
}

sys_time<milliseconds> civil_as_sys(const Civil& c) {
  const sys_days day{year{c.year} / month{static_cast<unsigned>(c.month)} /
                     std::chrono::day{static_cast<unsigned>(c.day)}};
  return day + hours{c.hour} + minutes{c.minute} + seconds{c.second} + milliseconds{c.millis};
}

int offset_seconds_at(const date::time_zone* tz, sys_time<milliseconds> t) {
  if (tz == nullptr) return 0;
  return static_cast<int>(tz->get_info(t).offset.count());
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
  const auto as_sys = civil_as_sys(c);
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr) return from_unix_ms(as_sys.time_since_epoch().count());
  const date::local_time<milliseconds> local{as_sys.time_since_epoch()};
  const date::local_info info = tz->get_info(local);
  sys_time<milliseconds> utc;
  switch (info.result) {
    case date::local_info::unique:
      utc = sys_time<milliseconds>{local.time_since_epoch() - info.first.offset};
      break;
    case date::local_info::nonexistent:
      // Clocks jumped forward over this reading: read it with the offset before the jump, which
      // lands as far past the transition as the reading is past the old clock (02:30 → 03:30).
      utc = sys_time<milliseconds>{local.time_since_epoch() - info.first.offset};
      break;
    case date::local_info::ambiguous:
      // Clocks went back and the reading happened twice: the earlier instant (the summer offset).
      utc = sys_time<milliseconds>{local.time_since_epoch() - info.first.offset};
      break;
  }
  return from_unix_ms(utc.time_since_epoch().count());
}

std::optional<WallTime> to_instant(Civil c, std::optional<int> offset, std::string_view zone) {
  if (!valid_civil(c)) return std::nullopt;
  return offset ? offset_to_utc(c, *offset) : local_to_utc(c, zone);
}

WallTime offset_to_utc(const Civil& c, int offset_seconds) {
  return from_unix_ms(civil_as_sys(c).time_since_epoch().count() - std::int64_t{offset_seconds} * 1000);
}

Civil utc_to_local(WallTime t, std::string_view zone) {
  const sys_time<milliseconds> utc{milliseconds{to_unix_ms(t)}};
  const auto local = utc + seconds{offset_seconds_at(find_zone(zone), utc)};
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
  const std::chrono::sys_time<std::chrono::milliseconds> utc{std::chrono::milliseconds{to_unix_ms(t)}};
  return date_detail::offset_seconds_at(date_detail::find_zone(timezone), utc);
}

std::string format_in_zone(WallTime t, std::string_view timezone) {
  return format_rfc3339_offset(t, utc_offset_at(timezone, t));
}

bool is_known_timezone(std::string_view timezone) {
  if (date_detail::is_utc_id(timezone)) return true;
  return date_detail::find_zone(timezone) != nullptr;
}

}  // namespace akhbar::parsers
