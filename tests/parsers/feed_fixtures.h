// tests/parsers/feed_fixtures.h: what the feed, sitemap, JSON Feed and discovery tests share: reading a
// fixture from tests/data/feeds/, printing an optional date so that a missing one reads "none", and
// the base of the suites that read one generator's fixture once per test.
#pragma once
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "parsers/feed/feed.h"
#include "util/clock.h"

namespace akhbar::parsers {

// The bytes of tests/data/feeds/<name>. A fixture that cannot be opened fails the test (and reads as
// ""), so a misspelt name is not mistaken for an empty feed.
inline std::string read_fixture(const std::string& name) {
  const std::string path = std::string(AKHBAR_TEST_DATA) + "/feeds/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read fixture " << path;
    return {};
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// "2022-10-06T12:30:15Z", or "none".
inline std::string iso(const std::optional<WallTime>& t) { return t ? format_utc_rfc3339(*t) : "none"; }

// A suite about one fixture: SetUp() calls load(), each test reads feed_.
class FixtureFeedTest : public ::testing::Test {
 protected:
  // Parses tests/data/feeds/<name> as fetched from `url` with `content_type`, dates in `timezone`;
  // a parse error or another number of items than `items` fails the test before its body runs.
  void load(const std::string& name, std::string_view url, std::string_view content_type, std::string_view timezone,
            std::size_t items) {
    auto f = parse_feed(read_fixture(name), url, content_type, timezone);
    ASSERT_TRUE(f) << f.error().str();
    feed_ = std::move(*f);
    ASSERT_EQ(items, feed_.items.size());
  }
  Feed feed_;
};

}  // namespace akhbar::parsers
