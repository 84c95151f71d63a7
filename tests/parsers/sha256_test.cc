// parsers/text/sha256.h against the FIPS 180-2 appendix examples, and against OpenSSL for every
// length around the padding boundaries: the stored dedupe keys and config hashes were OpenSSL's.
#include "parsers/text/sha256.h"

#include <array>
#include <string>

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace akhbar::parsers {
namespace {

std::string openssl_sha256_hex(const std::string& bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &len, EVP_sha256(), nullptr) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

TEST(Sha256Hex, MatchesTheStandardsExamples) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),  // 448 bits: two blocks
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopq"
                       "rsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Hex, AgreesWithOpenSslForEveryLengthUpTo300Bytes) {
  std::string bytes;
  for (int n = 0; n <= 300; ++n) {
    ASSERT_EQ(sha256_hex(bytes), openssl_sha256_hex(bytes)) << n << " bytes";
    bytes += static_cast<char>((n * 151 + 7) & 0xFF);  // every byte value, high bit included
  }
}

TEST(Sha256Hex, AgreesWithOpenSslOnArabicText) {
  const std::string text = "عاجل: وزير الخارجية يصل إلى القاهرة\nقال مصدر رسمي إن الزيارة تستمر يومين";
  EXPECT_EQ(sha256_hex(text), openssl_sha256_hex(text));
}

}  // namespace
}  // namespace akhbar::parsers
