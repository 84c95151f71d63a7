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

namespace akhbar {
namespace {

TEST(ManualClock, MovesOnlyWhenTold) {
  ManualClock clock(*parse_rfc3339("2024-10-06T08:00:00Z"));
  const Clock& c = clock;
  const SteadyTime start = c.steady_now();
  EXPECT_EQ(format_utc_rfc3339(c.now()), "2024-10-06T08:00:00Z");
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(format_utc_rfc3339(c.now()), "2024-10-06T09:00:00Z");
  EXPECT_EQ(c.steady_now() - start, std::chrono::hours(1));
}

TEST(SystemClock, ReadsTheMachinesClocks) {
  const WallTime before = std::chrono::system_clock::now();
  const WallTime read = system_clock().now();
  EXPECT_GE(read, before);
  const SteadyTime steady = system_clock().steady_now();
  EXPECT_LE(steady, std::chrono::steady_clock::now());
}

}  // namespace
}  // namespace akhbar
