#include "daemon/cli_db.h"

#include <filesystem>

#include "config/config.h"
#include "parsers/date/date.h"

namespace akhbar::daemon {
namespace {

// --db, else the config's `store` (without loading any site file's errors into the way).
Result<std::filesystem::path> resolve_db(const CommonOptions& common) {
  if (!common.db.empty()) return std::filesystem::path(common.db);
  std::filesystem::path cfg = common.config.empty() ? config::default_config_path() : std::filesystem::path(common.config);
  if (cfg.empty()) {
    return fail(Errc::kNotFound, "no database: pass --db FILE or --config F (or create ./akhbard.yaml)");
  }
  auto report = config::load_config(cfg);
  return report.config.daemon.store;
}

}  // namespace

Result<std::unique_ptr<store::Store>> open_existing_store(const CommonOptions& common) {
  auto db = resolve_db(common);
  if (!db) return tl::make_unexpected(db.error());
  if (!std::filesystem::exists(*db)) return fail(Errc::kNotFound, "no such database", db->string());
  return store::Store::open(*db);
}

std::optional<WallTime> parse_since(std::string_view text, WallTime now) {
  auto t = parse_rfc3339(text);
  if (!t) t = parsers::parse_date(text, "UTC", now);
  return t;
}

}  // namespace akhbar::daemon
