#include "util/view_set.h"

#include <string>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

namespace akhbar {
namespace {

TEST(ViewSet, InsertsEachTextOnce) {
  ViewSet set(4);
  EXPECT_TRUE(set.insert("/news/1"));
  EXPECT_TRUE(set.insert("/news/2"));
  EXPECT_FALSE(set.insert("/news/1"));
  EXPECT_TRUE(set.insert(""));
  EXPECT_FALSE(set.insert(""));
  EXPECT_TRUE(set.contains("/news/2"));
  EXPECT_FALSE(set.contains("/news/3"));
  EXPECT_EQ(set.size(), 3U);
}

// Far more inserts than announced: the table grows and agrees with std::unordered_set throughout.
TEST(ViewSet, GrowsPastWhatItWasSizedForAndAgreesWithAHashSet) {
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) texts.push_back("https://example.org/اخبار/" + std::to_string(i % 1700));
  ViewSet set(3);
  std::unordered_set<std::string> reference;
  for (const std::string& t : texts) {
    ASSERT_EQ(set.insert(t), reference.insert(t).second) << t;
    ASSERT_TRUE(set.contains(t));
  }
  EXPECT_EQ(set.size(), reference.size());
  EXPECT_FALSE(set.contains("https://example.org/اخبار/1700"));
}

}  // namespace
}  // namespace akhbar
