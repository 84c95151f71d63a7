#include "parsers/text/charset.h"

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

constexpr std::string_view kTitle = "وكالة: أمريكا تجاهلت روسيا خلال تنفيذ عملية أمنية في القامشلي";
constexpr std::string_view kPara =
    "قتل شخص خلال عملية إنزال جوي لقوات التحالف الدولي في قرية خاضعة لسيطرة النظام في القامشلي، يوم الخميس "
    "الماضي.";

std::string read_fixture(std::string_view name) {
  std::ifstream in(std::string(AKHBAR_TEST_DATA) + "/charsets/" + std::string(name), std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void expect_arabic_page(const std::string& text, std::string_view file) {
  EXPECT_NE(text.find(kTitle), std::string::npos) << file;
  EXPECT_NE(text.find(kPara), std::string::npos) << file;
  EXPECT_EQ(text.find("\xEF\xBF\xBD"), std::string::npos) << file << ": replacement characters";
}

TEST(CharsetFromContentType, ReadsTheCharsetParameterInAnyCase) {
  const struct {
    std::string_view header, charset;
  } kCases[] = {
      {"text/html; charset=Windows-1256", "windows-1256"},
      {"text/html;charset=\"UTF-8\"", "utf-8"},
      {"text/html; Charset = 'iso-8859-6' ; q=1", "iso-8859-6"},
      {"application/xhtml+xml; boundary=x; charset=cp1256", "cp1256"},
      {"text/html", ""},
      {"", ""},
  };
  for (const auto& c : kCases) EXPECT_EQ(charset_from_content_type(c.header), c.charset) << c.header;
}

TEST(SniffDeclaredCharset, FindsMetaCharsetHttpEquivAndXmlDeclaration) {
  const struct {
    std::string_view doc, charset;
  } kCases[] = {
      {"<html><head><meta charset=\"windows-1256\"></head>", "windows-1256"},
      {"<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Windows-1256\">", "windows-1256"},
      {"<meta content='text/html; charset=iso-8859-6' http-equiv='content-type'>", "iso-8859-6"},
      {"<meta charset=UTF-8><title>x</title>", "utf-8"},
      {"<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss/>", "windows-1256"},
      {"<meta name=\"description\" content=\"charset=bogus in a description\"><p>x</p>", ""},
      {"<html><body>no declaration</body></html>", ""},
  };
  for (const auto& c : kCases) EXPECT_EQ(sniff_declared_charset(c.doc), c.charset) << c.doc;
}

TEST(SniffDeclaredCharset, IgnoresDeclarationsAfterTheFirst4KiB) {
  std::string doc = "<html><head><style>" + std::string(5000, ' ') + "</style><meta charset=\"windows-1256\">";
  EXPECT_EQ(sniff_declared_charset(doc), "");
}

TEST(DecodeToUtf8, DecodesWindows1256DeclaredInMeta) {
  DecodeInfo info;
  const std::string text = decode_to_utf8(read_fixture("arabic-windows-1256-meta.html"), "text/html", &info);
  expect_arabic_page(text, "arabic-windows-1256-meta.html");
  EXPECT_EQ(info.charset, "windows-1256");
  EXPECT_EQ(info.source, "meta");
}

TEST(DecodeToUtf8, DetectsWindows1256ForUndeclaredInvalidUtf8) {
  DecodeInfo info;
  const std::string text = decode_to_utf8(read_fixture("arabic-cp1256-undeclared.html"), "", &info);
  expect_arabic_page(text, "arabic-cp1256-undeclared.html");
  EXPECT_EQ(info.charset, "windows-1256");
  EXPECT_EQ(info.source, "detected");
  EXPECT_EQ(info.declared, "");
}

TEST(DecodeToUtf8, HeaderCharsetOverridesMeta) {
  DecodeInfo info;
  // The page says utf-8 in its <meta>; the bytes and the HTTP header are ISO-8859-6.
  const std::string text =
      decode_to_utf8(read_fixture("arabic-iso-8859-6-meta-says-utf8.html"), "text/html; charset=ISO-8859-6", &info);
  expect_arabic_page(text, "arabic-iso-8859-6-meta-says-utf8.html");
  EXPECT_EQ(info.charset, "iso-8859-6");
  EXPECT_EQ(info.source, "header");
}

TEST(DecodeToUtf8, WrongUtf8HeaderOnWindows1256BytesFallsBackToWindows1256) {
  DecodeInfo info;
  const std::string text =
      decode_to_utf8(read_fixture("arabic-cp1256-wrong-header.html"), "text/html; charset=utf-8", &info);
  expect_arabic_page(text, "arabic-cp1256-wrong-header.html");
  EXPECT_EQ(info.charset, "windows-1256");
  EXPECT_EQ(info.source, "detected");
  EXPECT_EQ(info.declared, "utf-8");
}

TEST(DecodeToUtf8, MostlyValidUtf8WithAStrayByteStaysUtf8) {
  std::string page = "<p>" + std::string(kPara) + "\xC7" + std::string(kTitle) + "</p>";
  DecodeInfo info;
  const std::string text = decode_to_utf8(page, "text/html; charset=utf-8", &info);
  EXPECT_EQ(info.charset, "utf-8");
  EXPECT_NE(text.find(kTitle), std::string::npos);
  EXPECT_NE(text.find("\xEF\xBF\xBD"), std::string::npos) << "the stray byte becomes U+FFFD";
}

TEST(DecodeToUtf8, Utf16LittleEndianBomWinsOverEverything) {
  DecodeInfo info;
  const std::string text =
      decode_to_utf8(read_fixture("arabic-utf16le-bom.html"), "text/html; charset=windows-1256", &info);
  expect_arabic_page(text, "arabic-utf16le-bom.html");
  EXPECT_EQ(info.charset, "utf-16le");
  EXPECT_EQ(info.source, "bom");
}

TEST(DecodeToUtf8, Utf8BomIsRemovedAndWinsOverMeta) {
  DecodeInfo info;
  const std::string text = decode_to_utf8(read_fixture("arabic-utf8-bom.html"), "", &info);
  expect_arabic_page(text, "arabic-utf8-bom.html");
  EXPECT_EQ(text.rfind("<!DOCTYPE", 0), 0u) << "BOM stripped";
  EXPECT_EQ(info.source, "bom");
}

TEST(DecodeToUtf8, ValidUtf8IsMovedThroughWithoutACopy) {
  std::string bytes = read_fixture("arabic-utf8-undeclared.html");
  bytes.reserve(bytes.size() + 4096);  // a distinctive buffer, so a move is observable
  const char* const buffer = bytes.data();
  DecodeInfo info;
  const std::string text = decode_to_utf8(std::move(bytes), "text/html", &info);
  EXPECT_EQ(text.data(), buffer);
  EXPECT_EQ(info.charset, "utf-8");
  EXPECT_EQ(info.source, "detected");
  expect_arabic_page(text, "arabic-utf8-undeclared.html");
}

TEST(DecodeToUtf8, XmlDeclarationIsHonoured) {
  DecodeInfo info;
  const std::string text = decode_to_utf8(read_fixture("arabic-xml-decl-1256.xml"), "application/rss+xml", &info);
  EXPECT_NE(text.find(kTitle), std::string::npos);
  EXPECT_EQ(info.charset, "windows-1256");
  EXPECT_EQ(info.source, "meta");
}

TEST(DecodeToUtf8, NormalisesCommonLabels) {
  const struct {
    std::string_view header, charset;
  } kCases[] = {
      {"text/html; charset=cp1256", "windows-1256"},
      {"text/html; charset=x-cp1256", "windows-1256"},
      {"text/html; charset=arabic", "iso-8859-6"},
      {"text/html; charset=utf8", "utf-8"},
      {"text/html; charset=ISO-8859-1", "windows-1252"},
  };
  for (const auto& c : kCases) {
    DecodeInfo info;
    EXPECT_EQ(decode_to_utf8("<p>ascii</p>", c.header, &info), "<p>ascii</p>") << c.header;
    EXPECT_EQ(info.charset, c.charset) << c.header;
  }
}

TEST(DecodeToUtf8, UnknownLabelIsIgnored) {
  DecodeInfo info;
  const std::string text = decode_to_utf8(read_fixture("arabic-windows-1256-meta.html"), "text/html; charset=klingon", &info);
  expect_arabic_page(text, "arabic-windows-1256-meta.html");
  EXPECT_EQ(info.source, "meta");
}

// The pages of the fixtures below (written for these tests), exactly.
constexpr std::string_view kFairTitle = "افتتاح معرض الكتاب العربي في عمّان بمشاركة واسعة";
constexpr std::string_view kFairPara1 =
    "افتتحت وزارة الثقافة صباح اليوم معرض الكتاب العربي الذي يستمر عشرة أيام، وتشارك فيه أكثر من مئتي دار نشر من "
    "اثنتي عشرة دولة.";
constexpr std::string_view kFairPara2 = "وقال المنظمون إن المعرض يخصص جناحاً لكتب الأطفال وآخر للمخطوطات القديمة.";

void expect_fair_page(const std::string& text, std::string_view file) {
  EXPECT_NE(text.find("<title>" + std::string(kFairTitle) + "</title>"), std::string::npos) << file;
  EXPECT_NE(text.find("<h1>" + std::string(kFairTitle) + "</h1>"), std::string::npos) << file;
  EXPECT_NE(text.find("<p>" + std::string(kFairPara1) + "</p>"), std::string::npos) << file;
  EXPECT_NE(text.find("<p>" + std::string(kFairPara2) + "</p>"), std::string::npos) << file;
  EXPECT_EQ(text.find("\xEF\xBF\xBD"), std::string::npos) << file << ": replacement characters";
}

TEST(DecodeToUtf8, DetectsUndeclaredPagesInEveryArabicEncoding) {
  const struct {
    std::string_view file, charset, declared;
  } kCases[] = {
      {"arabic-iso-8859-6-undeclared.html", "iso-8859-6", ""},
      {"arabic-utf16le-nobom.html", "utf-16le", ""},
      {"arabic-cp1256-stray-controls.html", "windows-1256", ""},
      // <meta charset="utf-8"> on windows-1256 bytes: the declaration is overridden, and said so.
      {"arabic-cp1256-meta-says-utf8.html", "windows-1256", "utf-8"},
  };
  for (const auto& c : kCases) {
    DecodeInfo info;
    const std::string text = decode_to_utf8(read_fixture(c.file), "", &info);
    expect_fair_page(text, c.file);
    EXPECT_EQ(info.charset, c.charset) << c.file;
    EXPECT_EQ(info.source, "detected") << c.file;
    EXPECT_EQ(info.declared, c.declared) << c.file;
    EXPECT_EQ(info.repair, "") << c.file;
  }
}

TEST(DecodeToUtf8, LegacyHeaderOnUtf8BytesIsOverridden) {
  DecodeInfo info;
  const std::string text =
      decode_to_utf8(read_fixture("arabic-utf8-undeclared.html"), "text/html; charset=windows-1256", &info);
  expect_arabic_page(text, "arabic-utf8-undeclared.html");
  EXPECT_EQ(info.charset, "utf-8");
  EXPECT_EQ(info.source, "detected");
  EXPECT_EQ(info.declared, "windows-1256");
}

TEST(DecodeToUtf8, RepairsMojibakeAndSaysWhich) {
  const struct {
    std::string_view file, repair;
  } kCases[] = {
      // The title is right, the paragraphs were once read as windows-1256: only they change.
      {"arabic-mojibake-utf8-as-1256.html", "utf-8 read as windows-1256"},
      {"arabic-mojibake-1256-as-1252.html", "windows-1256 read as windows-1252"},
  };
  for (const auto& c : kCases) {
    DecodeInfo info;
    const std::string text = decode_to_utf8(read_fixture(c.file), "text/html; charset=utf-8", &info);
    expect_fair_page(text, c.file);
    EXPECT_EQ(info.charset, "utf-8") << c.file;
    EXPECT_EQ(info.repair, c.repair) << c.file;
  }
}

TEST(DecodeText, RefusesBinaryDataAndDecodesText) {
  auto png = decode_text(read_fixture("image.png"), "text/html");
  ASSERT_FALSE(png);
  EXPECT_EQ(png.error().code, Errc::kInvalidInput);
  EXPECT_EQ(png.error().message, "binary data (image/png)");

  DecodeInfo info;
  auto page = decode_text(read_fixture("arabic-cp1256-stray-controls.html"), "", &info);
  ASSERT_TRUE(page);
  expect_fair_page(*page, "arabic-cp1256-stray-controls.html");
  EXPECT_EQ(page->find('\0'), std::string::npos) << "a stray NUL is dropped";
}

TEST(DecodeToUtf8, EmptyInputIsEmptyOutput) {
  EXPECT_EQ(decode_to_utf8("", "text/html; charset=windows-1256"), "");
  EXPECT_EQ(decode_to_utf8("", ""), "");
}

}  // namespace
}  // namespace akhbar::parsers
