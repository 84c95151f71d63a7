#include "store/key_functions.h"

#include <cstdint>
#include <string>
#include <string_view>

#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/normalize.h"
#include "store/sqlite_handles.h"

namespace akhbar::store {
namespace {

std::string_view text_arg(sqlite3_value* v) {
  const auto* data = reinterpret_cast<const char*>(sqlite3_value_text(v));
  if (data == nullptr) return {};
  return std::string_view(data, static_cast<std::size_t>(sqlite3_value_bytes(v)));
}

bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  }
  return false;
}

void result_text(sqlite3_context* ctx, std::string s) {
  sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void normalize_sql(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (any_null(argc, argv)) return sqlite3_result_null(ctx);
  result_text(ctx, parsers::normalize_arabic(text_arg(argv[0])));
}

void content_hash_sql(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (any_null(argc, argv)) return sqlite3_result_null(ctx);
  result_text(ctx, parsers::content_hash(text_arg(argv[0]), text_arg(argv[1])));
}

void simhash_sql(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (any_null(argc, argv)) return sqlite3_result_null(ctx);
  sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(parsers::near_fingerprint(text_arg(argv[0])).simhash));
}

using SqlFunction = void (*)(sqlite3_context*, int, sqlite3_value**);

Result<void> add(sqlite3* db, const char* name, int args, SqlFunction fn) {
  const int rc = sqlite3_create_function_v2(db, name, args, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                            nullptr, fn, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return fail(errc_from_sqlite(rc), std::string("store: cannot register ") + name);
  return {};
}

}  // namespace

Result<void> register_key_functions(sqlite3* db) {
  if (auto r = add(db, "akhbar_normalize", 1, normalize_sql); !r) return r;
  if (auto r = add(db, "akhbar_content_hash", 2, content_hash_sql); !r) return r;
  return add(db, "akhbar_simhash", 1, simhash_sql);
}

}  // namespace akhbar::store
