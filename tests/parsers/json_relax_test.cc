// relax_json(): JSON as templates print it (JSON-LD in news pages, JSON Feeds from themes).
#include "parsers/text/json_relax.h"

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

TEST(RelaxJson, EscapesControlCharactersInsideStringsOnly) {
  EXPECT_EQ(relax_json("{\"articleBody\": \"الفقرة الأولى\n\nالفقرة\tالثانية\"}\n"),
            "{\"articleBody\": \"الفقرة الأولى\\n\\nالفقرة\\tالثانية\"}\n");
}

TEST(RelaxJson, DropsTrailingCommasOutsideStrings) {
  EXPECT_EQ(relax_json("{\"a\": [1, 2, ],\n \"b\": \"x, ]\", }"), "{\"a\": [1, 2 ],\n \"b\": \"x, ]\" }");
}

TEST(RelaxJson, UnknownEscapesLoseTheirBackslashAndLoneSurrogatesBecomeFffd) {
  EXPECT_EQ(relax_json(R"({"t": "l\'Orient \" \\ \u0627 \ud83d\ude00 \ud800 \u12"})"),
            R"({"t": "l'Orient \" \\ \u0627 \ud83d\ude00 \ufffd u12"})");
}

TEST(RelaxJson, LeavesRealSyntaxErrorsAlone) {
  EXPECT_EQ(relax_json("{\"a\" 1}"), "{\"a\" 1}");
  EXPECT_EQ(relax_json(""), "");
}

}  // namespace
}  // namespace akhbar::parsers
