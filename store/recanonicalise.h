// store/recanonicalise.h: migration 6's step (internal to store/): the canonical URLs stored before
// the canonical form learned AMP addresses, more tracking parameters, NFC slugs and punycode hosts
// (parsers/url/canonical.cc) are brought to today's form, in urls (the frontier) and in articles,
// so that a page the frontier already holds is not fetched again under its new spelling. A row
// whose new form another row already has keeps its old one (UPDATE OR IGNORE): nothing is lost or
// merged. In chunks of ids, inside the migration's transaction, as rekey_articles.
#pragma once
#include <sqlite3.h>

#include "util/result.h"

namespace akhbar::store {

Result<void> recanonicalise_urls(sqlite3* db);

}  // namespace akhbar::store
