// fetchers/curl_handles.h (private to fetchers/): one owner for every libcurl handle.
// Built with CURL_STRICTER (see fetchers/CMakeLists.txt), so CURL and CURLM are distinct types
// and a CURLM* can never be passed where a CURL* is expected. libcurl is loaded at run time
// (curl_api.h): a handle exists only once it is, so the deleters call through curl().
#pragma once
#include <memory>

#include <curl/curl.h>

#include "fetchers/curl_api.h"
#include "util/free_with.h"

namespace akhbar::fetchers {

inline void free_curl_easy(CURL* easy) { curl().easy_cleanup(easy); }
// curl_multi_cleanup's CURLMcode is ignored, as in a destructor.
inline void free_curl_multi(CURLM* multi) { (void)curl().multi_cleanup(multi); }
inline void free_curl_slist(curl_slist* list) { curl().slist_free_all(list); }

using CurlEasy = std::unique_ptr<CURL, FreeWith<free_curl_easy>>;
using CurlMulti = std::unique_ptr<CURLM, FreeWith<free_curl_multi>>;
using CurlSlist = std::unique_ptr<curl_slist, FreeWith<free_curl_slist>>;

}  // namespace akhbar::fetchers
