#include "parsers/text/mojibake.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

TEST(RepairMojibake, UndoesUtf8ReadAsWindows1256AndWindows1256ReadAsWindows1252) {
  const struct {
    std::string_view broken, fixed, what;
  } kCases[] = {
      {"ط§ظ„ط¹ط±ط¨ظٹط©", "العربية", "utf-8 read as windows-1256"},
      {"ÇáÚÑÈíÉ", "العربية", "windows-1256 read as windows-1252"},
      {"<p>ظ‚ط§ظ„ ط§ظ„ظˆط²ظٹط±طŒ ط¥ظ† ط§ظ„ط®ط·ط© ط¬ط§ظ‡ط²ط©.</p>", "<p>قال الوزير، إن الخطة جاهزة.</p>",
       "utf-8 read as windows-1256"},
      {"<p>ÞÇá ÇáæÒíÑ¡ Åä ÇáÎØÉ ÌÇåÒÉ.</p>", "<p>قال الوزير، إن الخطة جاهزة.</p>",
       "windows-1256 read as windows-1252"},
      // Only the broken part changes: the heading is right, the paragraph is not.
      {"<h1>العربية</h1><p>ط§ظ„ط¹ط±ط¨ظٹط© ط¬ظ…ظٹظ„ط©</p>", "<h1>العربية</h1><p>العربية جميلة</p>",
       "utf-8 read as windows-1256"},
  };
  for (const auto& c : kCases) {
    auto r = repair_mojibake(c.broken);
    ASSERT_TRUE(r) << c.broken;
    EXPECT_EQ(r->text, c.fixed) << c.broken;
    EXPECT_EQ(r->what, c.what) << c.broken;
  }
}

TEST(RepairMojibake, LeavesRealTextAlone) {
  const std::string_view kCases[] = {
      "",
      "<p>plain ASCII</p>",
      "العربية لغة جميلة، ويتحدث بها الملايين.",
      "قال الوزير إن الخطة جاهزة؛ فهل تنجح؟",
      "Ça va ? Le café à Genève est très cher, dit-il à l'été.",
      "Die Bürger können ab März ihre Anträge einreichen.",
      "© 2024 — all rights reserved « x » ‰",
      "mixed: العربية and français élève",
      "ب، ت، ث",  // Arabic letters followed by the Arabic comma round-trip to valid UTF-8 (ȡ)
  };
  for (std::string_view text : kCases) EXPECT_FALSE(repair_mojibake(text)) << text;
}

}  // namespace
}  // namespace akhbar::parsers
