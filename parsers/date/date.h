// parsers/date/date.h: dates as news sites write them. Machine forms (RFC 3339 / ISO 8601, RFC 822 /
// RFC 1123 with their common mistakes) and Arabic text: Levantine, Egyptian/Gulf and Maghrebi month
// names, combined forms ("تشرين الأول/أكتوبر"), Arabic-Indic digits, ص/م, relative times ("منذ ساعتين",
// "أمس"). Conventions (ARCHITECTURE.md): no time → midnight in the site's zone; no year → the year
// that puts it closest before `now`; unparsed → nullopt, never "now". Pure: `now` is an argument.
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
