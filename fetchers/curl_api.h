// fetchers/curl_api.h (private to fetchers/): libcurl, loaded on first use instead of at start-up.
// libcurl.so.4 and the ~30 libraries it needs (OpenSSL, nghttp2, krb5, ldap, ssh2, rtmp, psl, idn2…)
// cost most of the dynamic loader's time; only `akhbard run` and the HTTP tests fetch, so the
// binary does not link libcurl and curl_api() dlopens it once, thread-safely, and resolves every
// function the fetchers call into a table of pointers typed after <curl/curl.h>'s declarations.
// The headers still give the types and constants; nothing in this module calls curl_* directly.
//
//   const Result<const CurlApi*>& api = curl_api();
//   if (!api) return fail(api.error().code, api.error().message);
//   CurlEasy easy((*api)->easy_init());
//
// Once curl_api() has succeeded, curl() is the same table without the check. The library is never
// unloaded (libcurl and OpenSSL keep global state).
#pragma once
#include <curl/curl.h>

#include "util/result.h"

namespace akhbar::fetchers {

// One pointer per libcurl function the fetchers use; decltype keeps each one's exact signature
// (curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt stay variadic).
struct CurlApi {
  decltype(&::curl_global_init) global_init = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_multi_init) multi_init = nullptr;
  decltype(&::curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&::curl_multi_setopt) multi_setopt = nullptr;
  decltype(&::curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&::curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&::curl_multi_socket_action) multi_socket_action = nullptr;
  decltype(&::curl_multi_info_read) multi_info_read = nullptr;
  decltype(&::curl_multi_strerror) multi_strerror = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
};

// The soname curl_api() loads: what Debian's libcurl4 package installs.
inline constexpr const char* kCurlLibrary = "libcurl.so.4";

// dlopens `library` and resolves every CurlApi member, without curl_global_init. Fails with
// kInternal "fetch: cannot load libcurl.so.4: <dlerror()>" when the library cannot be opened, or
// "fetch: libcurl.so.4 lacks curl_multi_socket_action: <dlerror()>" when a function is missing (the
// library is then closed again). Each successful call opens one more reference, never released.
Result<CurlApi> open_curl_api(const char* library);

// The process's libcurl: opens kCurlLibrary and runs curl_global_init(CURL_GLOBAL_DEFAULT) on the
// first call; later calls return the same result, success or failure. Thread-safe, but the first
// call should come before other threads start (curl_global_init is not thread-safe in 7.88):
// main() makes it through fetchers::global_init().
const Result<const CurlApi*>& curl_api();

// REQUIRES: curl_api() has succeeded (a CURL* or CURLM* exists only then).
inline const CurlApi& curl() { return **curl_api(); }

}  // namespace akhbar::fetchers
