#include "daemon/cli_db.h"

#include <chrono>
#include <filesystem>
#include <iostream>

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

bool read_since_option(std::string_view command, std::string_view text, std::optional<WallTime>& out) {
  if (text.empty()) return true;
  out = parse_since(text, std::chrono::system_clock::now());
  if (out) return true;
  std::cerr << "akhbard " << command << ": --since: expected an ISO date like 2026-11-01 or 2026-11-01T00:00:00Z, got '"
            << text << "'\n";
  return false;
}

}  // namespace akhbar::daemon
