// store/url_host.h: the politeness key of a URL as the store computes it (internal to store/),
// "scheme://host:port" in the same form as parsers::Url::host_key(): scheme and host lower-cased,
// userinfo dropped, the port always written (80 for http, 443 for https when absent). Used for
// rows whose caller gave no host (add_url without UrlRecord::host, article rows) and by migration 2
// for rows written before the column existed. "" when the URL has no "scheme://host" part.
#pragma once
#include <sqlite3.h>

#include <string>
#include <string_view>

#include "util/result.h"

namespace akhbar::store {

std::string url_host_key(std::string_view url);

// Registers url_host_key as the deterministic SQL function akhbar_host_key(url) on `db`.
Result<void> register_host_key_function(sqlite3* db);

}  // namespace akhbar::store
