// daemon/cli_db.h: what the commands that read a store (export, stats, search) share: finding and
// opening the database, and reading a --since value.
#pragma once
#include <memory>
#include <optional>
#include <string_view>

#include "daemon/commands.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/result.h"

namespace akhbar::daemon {

// --db, else the config's `store`; kNotFound when that file does not exist (a read never creates
// one). Opening migrates the database to this build's schema.
Result<std::unique_ptr<store::Store>> open_existing_store(const CommonOptions& common);

// RFC 3339, else any date parse_date reads ("2026-11-01", "أمس"), in UTC; `now` places relative
// dates and dates written without a year.
std::optional<WallTime> parse_since(std::string_view text, WallTime now);

// --since of `command`: false, with "akhbard COMMAND: --since: expected ..." on stderr, when `text`
// is neither; `out` is left alone when `text` is empty.
bool read_since_option(std::string_view command, std::string_view text, std::optional<WallTime>& out);

}  // namespace akhbar::daemon
