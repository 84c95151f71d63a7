#include "store/url_host.h"

#include <cctype>
#include <string>

#include "store/sqlite_handles.h"
#include "util/ascii.h"

namespace akhbar::store {
namespace {


bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void host_key_sql(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (text == nullptr) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    return;
  }
  const std::string key = url_host_key(std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(ctx, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::string url_host_key(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return {};
  const std::string scheme = ascii::to_lower(url.substr(0, sep));
  std::string_view authority = url.substr(sep + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);

  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return {};
    host = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return {};
      port = after.substr(1);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return {};

  std::string key = scheme + "://" + ascii::to_lower(host);
  if (!port.empty()) {
    if (!all_digits(port) || port.size() > 5) return {};
    key += ':' + std::to_string(std::stoi(std::string(port)));
  } else if (scheme == "http") {
    key += ":80";
  } else if (scheme == "https") {
    key += ":443";
  }
  return key;
}

Result<void> register_host_key_function(sqlite3* db) {
  const int rc = sqlite3_create_function_v2(db, "akhbar_host_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                            host_key_sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return fail(errc_from_sqlite(rc), "store: cannot register akhbar_host_key");
  return {};
}

}  // namespace akhbar::store
