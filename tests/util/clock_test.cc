#include "util/clock.h"

#include <gtest/gtest.h>

namespace akhbar {
namespace {

TEST(Rfc3339, FormatsUtcAndOffsets) {
  const auto t = from_unix_ms(1665236700000);  // 2022-10-08T13:45:00Z
  EXPECT_EQ("2022-10-08T13:45:00Z", format_utc_rfc3339(t));
  EXPECT_EQ("2022-10-08T16:45:00+03:00", format_rfc3339_offset(t, 3 * 3600));
  EXPECT_EQ("2022-10-08T09:15:00-04:30", format_rfc3339_offset(t, -(4 * 3600 + 1800)));
  EXPECT_EQ("2022-10-08T13:45:00.250Z", format_utc_rfc3339(t + Millis(250)));
}

TEST(Rfc3339, ParsesWhatItFormatsAndRejectsGarbage) {
  const auto t = from_unix_ms(1665236700000);
  EXPECT_EQ(t, parse_rfc3339("2022-10-08T13:45:00Z"));
  EXPECT_EQ(t, parse_rfc3339("2022-10-08T16:45:00+03:00"));
  EXPECT_EQ(t + Millis(250), parse_rfc3339("2022-10-08T13:45:00.25Z"));
  for (std::string_view bad : {"", "2022-10-08", "2022-13-08T00:00:00Z", "2022-10-08T13:45:00", "yesterday",
                               "2022-10-08T13:45:00+0300x"}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
}

TEST(FormatDuration, PicksAReadableUnit) {
  EXPECT_EQ("250ms", format_duration(Millis(250)));
  EXPECT_EQ("1.5s", format_duration(Millis(1500)));
  EXPECT_EQ("2.0m", format_duration(Millis(120000)));
  EXPECT_EQ("1.0h", format_duration(Millis(3600000)));
}

}  // namespace
}  // namespace akhbar
