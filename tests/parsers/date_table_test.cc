// The Arabic date table (tests/data/dates/arabic_dates.tsv): dates as sites in 16 countries print
// them, with the instant each one means. Every failing row is reported with its line number, and the
// pass count per country is printed.
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parsers/date/date.h"

namespace akhbar::parsers {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', from);
    out.push_back(line.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
    if (tab == std::string::npos) return out;
    from = tab + 1;
  }
}

TEST(ArabicDateTable, EveryRowReadsAsExpected) {
  const std::string path = std::string(AKHBAR_TEST_DATA) + "/dates/arabic_dates.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::map<std::string, std::pair<int, int>> by_country;  // passed, total
  std::string line;
  int line_no = 0;
  int rows = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const auto f = split_tabs(line);
    ASSERT_GE(f.size(), 5u) << path << ":" << line_no << ": expected 5 or 6 tab-separated fields";
    const std::string& country = f[0];
    const std::string& zone = f[1];
    const auto now = parse_rfc3339(f[2]);
    ASSERT_TRUE(now) << path << ":" << line_no << ": bad now " << f[2];
    const auto t = parse_date(f[3], zone, *now);
    const std::string got = t ? format_in_zone(*t, zone) : "unparsed";
    auto& [passed, total] = by_country[country];
    ++total;
    ++rows;
    if (got == f[4]) {
      ++passed;
    } else {
      ADD_FAILURE() << path << ":" << line_no << " [" << country << "] \"" << f[3] << "\" → " << got << ", expected "
                    << f[4] << (f.size() > 5 ? " (" + f[5] + ")" : "");
    }
  }
  for (const auto& [country, counts] : by_country) {
    std::cout << "  " << country << ": " << counts.first << "/" << counts.second << '\n';
  }
  EXPECT_GE(rows, 300);
  EXPECT_GE(by_country.size(), 15u);
}

}  // namespace
}  // namespace akhbar::parsers
