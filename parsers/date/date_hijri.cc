// parsers/date/date_hijri.cc: Umm al-Qura (Hijri) days to Gregorian days through ICU's
// islamic-umalqura calendar. ICU is used for the calendar only; zones stay with date_zone.cc.
#include <memory>

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include "parsers/date/date_internal.h"

namespace akhbar::parsers::date_detail {

std::optional<Civil> hijri_to_gregorian(int year, int month, int day) {
  // One calendar per thread, made on first use: creating one loads ICU's calendar data.
  thread_local std::unique_ptr<icu::Calendar> cal = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> made(icu::Calendar::createInstance(
        icu::TimeZone::getGMT()->clone(), icu::Locale("ar@calendar=islamic-umalqura"), status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  if (!cal) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  cal->setLenient(false);
  cal->clear();
  cal->set(year, month - 1, day);
  const UDate ms = cal->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  Civil c = utc_to_local(from_unix_ms(static_cast<std::int64_t>(ms)), "UTC");
  c.hour = c.minute = c.second = c.millis = 0;
  return c;
}

}  // namespace akhbar::parsers::date_detail
