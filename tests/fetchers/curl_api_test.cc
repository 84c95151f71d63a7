// fetchers/curl_api.h: libcurl is opened at run time; a missing library or function is an error
// value naming the library and the loader's reason, never a crash.
#include "fetchers/curl_api.h"

#include <string>

#include <gtest/gtest.h>

namespace akhbar::fetchers {
namespace {

TEST(OpenCurlApi, MissingLibraryIsNamedWithTheLoadersReason) {
  const auto api = open_curl_api("libakhbar-no-such-library.so.0");
  ASSERT_FALSE(api);
  EXPECT_EQ(api.error().code, Errc::kInternal);
  const std::string prefix = "fetch: cannot load libakhbar-no-such-library.so.0: ";
  EXPECT_EQ(api.error().message.substr(0, prefix.size()), prefix) << api.error().message;
  EXPECT_NE(api.error().message.find("cannot open shared object file"), std::string::npos) << api.error().message;
}

TEST(OpenCurlApi, LibraryWithoutCurlFunctionsNamesTheFirstMissingOne) {
  const auto api = open_curl_api("libz.so.1");  // present (the tests link zlib), but not curl
  ASSERT_FALSE(api);
  EXPECT_EQ(api.error().code, Errc::kInternal);
  const std::string prefix = "fetch: libz.so.1 lacks curl_global_init: ";
  EXPECT_EQ(api.error().message.substr(0, prefix.size()), prefix) << api.error().message;
}

TEST(OpenCurlApi, ResolvesEveryFunctionOfTheRealLibrary) {
  const auto api = open_curl_api(kCurlLibrary);
  ASSERT_TRUE(api) << api.error().message;
  EXPECT_STREQ(api->easy_strerror(CURLE_OK), "No error");
  EXPECT_NE(api->slist_free_all, nullptr);
}

TEST(CurlApi, LoadsOnceAndHandsOutWorkingHandles) {
  const auto& first = curl_api();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(&first, &curl_api());
  CURL* easy = curl().easy_init();
  ASSERT_NE(easy, nullptr);
  EXPECT_EQ(curl().easy_setopt(easy, CURLOPT_URL, "http://127.0.0.1/"), CURLE_OK);
  curl().easy_cleanup(easy);
}

}  // namespace
}  // namespace akhbar::fetchers
