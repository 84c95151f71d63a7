// parsers/date/date.h: dates as news sites write them. Machine forms (RFC 3339 / ISO 8601, RFC 822 /
// RFC 1123 with their common mistakes) and Arabic text: Levantine ("كانون الثاني", "كانون 2", "كانون
// ثاني"), Egyptian/Gulf and Maghrebi month names, combined forms ("تشرين الأول/أكتوبر"), Arabic-Indic
// and Persian digits, day names, labels ("نشر في:", "آخر تحديث:"), ص/م (and "م" after a year: CE),
// glued "6/10/202410:35", Hijri (Umm al-Qura: "12 ربيع الأول 1446 هـ", "1446/04/03هـ"), relative
// times ("الآن", "منذ ساعتين", "أمس", "أمس الأول") and zone phrases ("بتوقيت مكة المكرمة", "GST",
// "GMT+3") that fix the instant over the site's zone ("بتوقيت عمان" is Oman's with عُمان or
// "سلطنة عمان" or on a site in Asia/Muscat, else Amman's).
// Conventions (ARCHITECTURE.md): no time → midnight in the zone; no year → the year that puts it
// closest before `now`; publication beats update, Gregorian beats Hijri; unparsed → nullopt, never
// "now". Pure: `now` is an argument; zones come from the system tz database (date_zone.cc), loaded
// on first use.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "util/clock.h"

namespace akhbar::parsers {

// IANA zone ("Asia/Damascus"); an unknown zone behaves as UTC.
std::optional<WallTime> parse_date(std::string_view text, std::string_view timezone, WallTime now);

// The UTC offset in seconds of `timezone` at instant `t`, from the system tz database (loaded on
// first use); 0 for an unknown zone.
int utc_offset_at(std::string_view timezone, WallTime t);

// RFC 3339 with the zone's offset at that instant: "2022-10-06T14:00:00+03:00".
std::string format_in_zone(WallTime t, std::string_view timezone);

// True when the system tz database knows the zone id (or it is "UTC"/"Etc/UTC").
bool is_known_timezone(std::string_view timezone);

}  // namespace akhbar::parsers
