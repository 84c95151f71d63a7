// parsers/date/date_internal.h: private helpers of date.cc: civil time ↔ instants in an IANA zone (system tz database),
// and the word tables (month names in every Arabic tradition, English, zone abbreviations, relative
// units). Words are looked up in their normalize_arabic() form (أ→ا, ة→ه, ى→ي, Latin lowercase; ؤ ئ kept).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/clock.h"

namespace akhbar::parsers::date_detail {

struct Civil {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
};

int days_in_month(int year, int month);
bool valid_civil(const Civil& c);

// The instant at which wall-clock `c` is read in `zone` (unknown zone: UTC). Ambiguous or skipped
// local times (DST transitions) resolve deterministically: a skipped reading uses the offset before the
// jump (02:30 in a 02:00→03:00 gap is 03:30), a repeated reading is the earlier instant.
WallTime local_to_utc(const Civil& c, std::string_view zone);
// The instant when `c` is read at a fixed offset east of UTC.
WallTime offset_to_utc(const Civil& c, int offset_seconds);
// The wall-clock reading of instant `t` in `zone`.
Civil utc_to_local(WallTime t, std::string_view zone);

// `c` read at `offset` seconds east of UTC when given, else in `zone`; nullopt when `c` is no real
// time (31 February, 25:00, a year outside 1800-2200).
std::optional<WallTime> to_instant(Civil c, std::optional<int> offset, std::string_view zone);

// The whole of `text` as ISO 8601 / RFC 3339 (date_iso.cc); a time without an offset is read in
// `zone`. nullopt when any of `text` is something else.
std::optional<WallTime> parse_iso(std::string_view text, std::string_view zone);

// An Umm al-Qura date (date_hijri.cc) → the Gregorian day at midnight; nullopt for a day the month
// does not have or a year outside ICU's table.
std::optional<Civil> hijri_to_gregorian(int year, int month, int day);

// A month name (one or two words, joined with one space) → 1..12, or 0.
struct MonthName {
  std::vector<std::string> words;
  int month;
};
const std::vector<MonthName>& month_names();        // longest (most words) first
const std::vector<MonthName>& hijri_month_names();  // Umm al-Qura months 1..12, longest first

// A place or abbreviation naming a zone after "بتوقيت" ("القاهره", "مكه", "gst") → IANA id.
std::optional<std::string_view> zone_phrase(std::string_view word);

// Zone abbreviation ("gmt", "est", "met", ...) → offset seconds.
std::optional<int> zone_abbreviation_offset(std::string_view word);
// North American generic zone names ("et", "pt", ...; their standard time, as feedparser reads them)
// → offset seconds. They are also English words ("at"), so date.cc trusts them only as the last word.
std::optional<int> trailing_zone_offset(std::string_view word);

// Relative units: "ساعتين" → {3600, 2}; "دقائق" → {60, 0} (0: count comes from a number before it).
struct Unit {
  int seconds;
  int implied_count;  // 1 for singular, 2 for dual, 0 for plural (needs a number; defaults to 1)
};
std::optional<Unit> relative_unit(std::string_view word);
// "ثلاث" → 3 ... "عشره" → 10, "نصف" handled by the caller.
std::optional<int> number_word(std::string_view word);

// When `word` is a meridiem marker after a time (ص, م, مساء, صباحا, ليلا, am, pm...), the 24-hour
// value of `hour` (1..12); nullopt when it is not a marker.
std::optional<int> apply_meridiem(std::string_view word, int hour);

}  // namespace akhbar::parsers::date_detail
