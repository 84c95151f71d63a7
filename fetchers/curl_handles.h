// fetchers/curl_handles.h (private to fetchers/): one owner for every libcurl handle.
// Built with CURL_STRICTER (see fetchers/CMakeLists.txt), so CURL and CURLM are distinct types
// and a CURLM* can never be passed where a CURL* is expected.
#pragma once
#include <memory>

#include <curl/curl.h>

#include "util/free_with.h"

namespace akhbar::fetchers {

using CurlEasy = std::unique_ptr<CURL, FreeWith<curl_easy_cleanup>>;
using CurlMulti = std::unique_ptr<CURLM, FreeWith<curl_multi_cleanup>>;
using CurlSlist = std::unique_ptr<curl_slist, FreeWith<curl_slist_free_all>>;

}  // namespace akhbar::fetchers
