// util/clock.h: the time vocabulary. WallTime (system_clock) is what is stored and decided with;
// only the Asio glue reads the clock, and pure code takes `now` as an argument.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace akhbar {

using WallTime = std::chrono::system_clock::time_point;
using SteadyTime = std::chrono::steady_clock::time_point;
using Millis = std::chrono::milliseconds;
using Seconds = std::chrono::seconds;

inline std::int64_t to_unix_ms(WallTime t) {
  return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
}
inline WallTime from_unix_ms(std::int64_t ms) { return WallTime(Millis(ms)); }

// Where the crawl, the fetchers and the store read the time: one object handed down, so that a
// test can give its own. `now` is the wall clock (stored, compared with dates, decided with);
// `steady_now` measures durations and places timers.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual WallTime now() const = 0;
  virtual SteadyTime steady_now() const = 0;
};

// The machine's clocks.
const Clock& system_clock();

// A clock that moves only when told (tests): both times advance together.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(WallTime start) : wall_(start) {}
  WallTime now() const override { return wall_; }
  SteadyTime steady_now() const override { return SteadyTime(wall_.time_since_epoch()); }
  void advance(Millis d) { wall_ += d; }

 private:
  WallTime wall_;
};

// "2022-10-06T14:03:00Z" (UTC, with milliseconds only when non-zero).
std::string format_utc_rfc3339(WallTime t);

// "2022-10-06T17:03:00+03:00": the instant shown at a fixed UTC offset in seconds.
std::string format_rfc3339_offset(WallTime t, int utc_offset_seconds);

// Parses the RFC 3339 forms produced above (and any offset); nullopt when malformed.
std::optional<WallTime> parse_rfc3339(std::string_view text);

// "1.5s", "250ms", "3m" for log lines.
std::string format_duration(Millis d);

}  // namespace akhbar
