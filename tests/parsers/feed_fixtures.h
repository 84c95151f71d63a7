// tests/parsers/feed_fixtures.h: what the feed, sitemap, JSON Feed and discovery tests share: reading a
// fixture from tests/data/feeds/, and printing an optional date so that a missing one reads "none".
#pragma once
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

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

}  // namespace akhbar::parsers
