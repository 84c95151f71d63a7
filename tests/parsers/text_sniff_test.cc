#include "parsers/text/text_sniff.h"

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

using namespace std::string_literals;

std::string read_fixture(std::string_view name) {
  std::ifstream in(std::string(AKHBAR_TEST_DATA) + "/charsets/" + std::string(name), std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Deterministic: the same 100 KB on every run.
std::string random_bytes(std::size_t n, unsigned seed, unsigned lo = 0, unsigned hi = 255) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<unsigned> byte(lo, hi);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(byte(gen));
  return out;
}

TEST(BinaryKind, NamesMagicNumbersAndNoise) {
  const struct {
    std::string bytes;
    std::string_view kind;
  } kCases[] = {
      {read_fixture("image.png"), "image/png"},
      {"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"s, "image/jpeg"},
      {"GIF89a\x01\x00\x01\x00"s, "image/gif"},
      {"RIFF\x24\x00\x00\x00WEBPVP8 "s, "image/webp"},
      {"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"s, "application/pdf"},
      {"\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03"s, "application/gzip"},
      {"PK\x03\x04\x14\x00\x00\x00\x08\x00"s, "application/zip"},
      {random_bytes(100 * 1024, 1), "NUL bytes"},
      {random_bytes(100 * 1024, 2, 1, 255), "control characters"},
      {random_bytes(100 * 1024, 3, 0x20, 0xFF), "not text in any charset"},
  };
  for (const auto& c : kCases) EXPECT_EQ(binary_kind(c.bytes), c.kind) << c.kind;
}

TEST(BinaryKind, RealPagesAreText) {
  const std::string_view kFixtures[] = {
      "arabic-utf16le-bom.html",           "arabic-utf16le-nobom.html",         "arabic-cp1256-undeclared.html",
      "arabic-iso-8859-6-undeclared.html", "arabic-windows-1256-meta.html",     "arabic-utf8-bom.html",
      "arabic-utf8-undeclared.html",       "arabic-cp1256-stray-controls.html", "arabic-mojibake-utf8-as-1256.html",
      "arabic-mojibake-1256-as-1252.html", "arabic-xml-decl-1256.xml",
  };
  for (std::string_view name : kFixtures) {
    const std::string bytes = read_fixture(name);
    ASSERT_FALSE(bytes.empty()) << name;
    EXPECT_EQ(binary_kind(bytes), "") << name;
  }
  EXPECT_TRUE(looks_like_text(""));
  EXPECT_TRUE(looks_like_text("BZh is a word here"));
  EXPECT_TRUE(looks_like_text("Le café à Genève\f\x1a"));
}

}  // namespace
}  // namespace akhbar::parsers
