// `akhbard date`: RFC 3339 with the zone's offset, or "unparsed", exit 0; an unknown --tz is an error.
#include <iostream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "daemon/commands.h"

namespace akhbar::daemon {
namespace {

struct DateRun {
  int rc;
  std::string out;
  std::string err;
};

DateRun run_date(const std::string& tz, const std::string& now, const std::string& text) {
  std::ostringstream out;
  std::ostringstream err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  const int rc = cmd_date(tz, now, text);
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {rc, out.str(), err.str()};
}

TEST(CliDate, PrintsTheInstantWithTheZonesOffset) {
  static const struct {
    const char* tz;
    const char* text;
    const char* expected;
  } kCases[] = {
      {"Africa/Cairo", "6 يوليو 2024 10:30", "2024-07-06T10:30:00+03:00\n"},  // summer time since 2023
      {"Africa/Cairo", "6 يوليو 2022 10:30", "2022-07-06T10:30:00+02:00\n"},
      {"Asia/Riyadh", "12 ربيع الأول 1446 هـ", "2024-09-15T00:00:00+03:00\n"},
      {"Africa/Cairo", "نشر في: 11 يناير 2024 - 18:05 بتوقيت أبوظبي", "2024-01-11T16:05:00+02:00\n"},
      {"UTC", "منذ ساعتين", "2024-10-20T10:00:00+00:00\n"},
      {"UTC", "قال الوزير إن الحكومة ستعمل", "unparsed\n"},
  };
  for (const auto& c : kCases) {
    const DateRun r = run_date(c.tz, "2024-10-20T12:00:00Z", c.text);
    EXPECT_EQ(0, r.rc) << c.text;
    EXPECT_EQ(c.expected, r.out) << c.text;
  }
}

TEST(CliDate, RejectsAnUnknownZone) {
  const DateRun r = run_date("Asia/Atlantis", "2024-10-20T12:00:00Z", "6 يوليو 2024");
  EXPECT_NE(0, r.rc);
  EXPECT_EQ("", r.out);
  EXPECT_NE(std::string::npos, r.err.find("unknown time zone 'Asia/Atlantis'"));
}

}  // namespace
}  // namespace akhbar::daemon
