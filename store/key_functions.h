// store/key_functions.h: the dedupe key as SQL functions (internal to store/), so that schema
// triggers and migrations compute exactly what the crawler computes (parsers/text/normalize.h):
//   akhbar_normalize(text)             → normalize_arabic(text)
//   akhbar_content_hash(title, body)   → content_hash(title, body)
//   akhbar_simhash(body)               → near_fingerprint(body).simhash (parsers/dedupe), signed 64-bit
// NULL in, NULL out. Deterministic and innocuous (pure functions of their arguments), so SQLite
// lets triggers and indexes use them. Migrations 5 to 8 need them (the search index was kept by
// triggers that called akhbar_normalize until migration 9 moved it to a file of its own).
#pragma once
#include <sqlite3.h>

#include "util/result.h"

namespace akhbar::store {

Result<void> register_key_functions(sqlite3* db);

}  // namespace akhbar::store
