// store/rekey_articles.h: migration 5's step (internal to store/): every stored article's
// key-derived values computed again with today's key (parsers/text/normalize.h): content_hash,
// simhash, then duplicate_of from the new hashes (an article's original is the lowest id with the
// same hash). Runs inside the migration's transaction, in chunks of ids, so that no single
// statement's journal holds more than a chunk of the table (the write connection keeps statement
// journals in memory). The search index is not written here: migration 9 moves it to a file of its
// own, built from the stored text (search_index.h). REQUIRES: register_key_functions(db).
#pragma once
#include <sqlite3.h>

#include "util/result.h"

namespace akhbar::store {

Result<void> rekey_articles(sqlite3* db);

}  // namespace akhbar::store
