// daemon/store_access.h: what the commands that read a store share: finding and opening an
// existing database (--db, else the config's `store`), and reading a --since time.
#pragma once
#include <memory>
#include <optional>
#include <string_view>

#include "daemon/commands.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/result.h"

namespace akhbar::daemon {

// kNotFound when there is no database to read (none named, or the file does not exist): reading
// commands never create one.
Result<std::unique_ptr<store::Store>> open_existing_store(const CommonOptions& common);

// RFC 3339 ("2026-11-01T00:00:00Z") or a date the parsers read ("2026-11-01", midnight UTC);
// empty when it is neither. `now` places dates written without a year.
std::optional<WallTime> parse_since(std::string_view text, WallTime now);

}  // namespace akhbar::daemon
