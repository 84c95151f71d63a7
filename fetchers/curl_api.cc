// fetchers/curl_api.cc: see curl_api.h. dlopen once, dlsym every function, curl_global_init once.
#include "fetchers/curl_api.h"

#include <string>

#include <dlfcn.h>

namespace akhbar::fetchers {

namespace {

std::string last_dl_error() {
  const char* e = dlerror();
  return e != nullptr ? e : "unknown dynamic loader error";
}

// Resolves one function into `slot` (its type comes from the CurlApi member).
template <class Fn>
bool resolve(void* handle, const char* name, Fn& slot, std::string& missing) {
  (void)dlerror();  // clear any earlier error, so the one reported is this lookup's
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) {
    missing = name;
    return false;
  }
  slot = reinterpret_cast<Fn>(symbol);
  return true;
}

Result<const CurlApi*> load_process_curl() {
  static CurlApi api;
  auto opened = open_curl_api(kCurlLibrary);
  if (!opened) return tl::make_unexpected(opened.error());
  api = *opened;
  if (const CURLcode rc = api.global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK) {
    return fail(Errc::kInternal, std::string("fetch: curl_global_init: ") + api.easy_strerror(rc));
  }
  return &api;
}

}  // namespace

Result<CurlApi> open_curl_api(const char* library) {
  // RTLD_LOCAL: curl's symbols stay out of the global namespace (nothing else should bind to them).
  void* handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return fail(Errc::kInternal, std::string("fetch: cannot load ") + library + ": " + last_dl_error());
  }
  CurlApi api;
  std::string missing;
  const bool ok = resolve(handle, "curl_global_init", api.global_init, missing) &&
                  resolve(handle, "curl_easy_init", api.easy_init, missing) &&
                  resolve(handle, "curl_easy_cleanup", api.easy_cleanup, missing) &&
                  resolve(handle, "curl_easy_setopt", api.easy_setopt, missing) &&
                  resolve(handle, "curl_easy_getinfo", api.easy_getinfo, missing) &&
                  resolve(handle, "curl_easy_strerror", api.easy_strerror, missing) &&
                  resolve(handle, "curl_multi_init", api.multi_init, missing) &&
                  resolve(handle, "curl_multi_cleanup", api.multi_cleanup, missing) &&
                  resolve(handle, "curl_multi_setopt", api.multi_setopt, missing) &&
                  resolve(handle, "curl_multi_add_handle", api.multi_add_handle, missing) &&
                  resolve(handle, "curl_multi_remove_handle", api.multi_remove_handle, missing) &&
                  resolve(handle, "curl_multi_socket_action", api.multi_socket_action, missing) &&
                  resolve(handle, "curl_multi_info_read", api.multi_info_read, missing) &&
                  resolve(handle, "curl_multi_strerror", api.multi_strerror, missing) &&
                  resolve(handle, "curl_slist_append", api.slist_append, missing) &&
                  resolve(handle, "curl_slist_free_all", api.slist_free_all, missing);
  if (!ok) {
    std::string message = std::string("fetch: ") + library + " lacks " + missing + ": " + last_dl_error();
    dlclose(handle);
    return fail(Errc::kInternal, std::move(message));
  }
  return api;
}

const Result<const CurlApi*>& curl_api() {
  // A function-local static is initialised exactly once, and other callers wait for it
  // ([stmt.dcl]/4): the same guarantee as std::call_once, without a separate flag.
  static const Result<const CurlApi*> result = load_process_curl();
  return result;
}

}  // namespace akhbar::fetchers
