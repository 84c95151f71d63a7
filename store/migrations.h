// store/migrations.h: the schema, as a numbered list of migrations. Migration N brings a database
// from PRAGMA user_version N-1 to N; each runs in its own IMMEDIATE transaction together with the
// user_version bump, so a crash leaves the database at a whole version. A migration is SQL, and
// may add a C++ step (migration 5 recomputes the dedupe key of every article). Append new
// migrations; never edit one that has shipped.
#pragma once
#include <sqlite3.h>

#include "util/result.h"

namespace akhbar::store {

// The user_version a fully migrated database has.
int latest_schema_version();

// Applies every migration above the database's user_version, in order. Safe when another process
// migrates concurrently (the version is re-read inside each transaction). kInvalidInput when the
// database is newer than this build knows; the SQLite error otherwise.
Result<void> migrate(sqlite3* db);
// Applies the migrations up to version `up_to` only (tests build old databases with it).
Result<void> migrate(sqlite3* db, int up_to);

// PRAGMA user_version of `db`.
Result<int> schema_version(sqlite3* db);

}  // namespace akhbar::store
