// config/config.h: akhbard.yaml and sites.d/*.yaml (INTERFACE.md) → typed, validated structs.
// Nothing past config/ sees YAML. Every error is reported as "FILE:LINE:COL: message" (1-based);
// unknown keys are errors with the nearest known key suggested. Durations: "500ms", "5s", "10m",
// "6h", "1d"; sizes: "512KB", "15MB" (also B, KiB, MiB, GB). Relative `store` and `sites` paths
// are resolved against the directory of the daemon file.
#pragma once
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parsers/article/article.h"
#include "parsers/url/link_matcher.h"
#include "util/clock.h"
#include "util/result.h"

namespace akhbar::config {

struct Politeness {
  Millis min_delay{5000};
  Millis max_crawl_delay{60000};
};

struct FetchLimits {
  Millis timeout{30000};
  Millis connect_timeout{10000};
  std::size_t max_body = 15 * 1000 * 1000;
  int max_redirects = 5;
};

struct RetryPolicy {
  int attempts = 5;
  Millis base_delay{60000};
  Millis max_delay{24LL * 3600 * 1000};
};

struct LogOptions {
  std::string format = "logfmt";  // "logfmt" or "json"
  std::string level = "info";     // trace, debug, info, warn, error
};

struct DaemonConfig {
  std::filesystem::path file;  // where it was read from (empty: built-in defaults)
  std::filesystem::path store = "/var/lib/akhbar/akhbar.db";
  std::filesystem::path sites = "/etc/akhbar/sites.d";
  std::string user_agent = "akhbard/1.0 (+https://example.org/crawler)";
  std::string robots_agent = "akhbard";
  int concurrency = 32;
  Politeness politeness;
  FetchLimits fetch;
  RetryPolicy retry;
  bool allow_private_addresses = false;
  Millis fetch_log_keep{30LL * 24 * 3600 * 1000};  // how long the store keeps its fetch log
  LogOptions log;
};

struct Source {
  std::string url;
  std::optional<Millis> every;  // absent: adaptive / default interval
};

struct SiteConfig {
  std::filesystem::path file;
  std::string name;      // required; [a-z0-9._-]+, unique across files
  std::string title;     // display name, e.g. "بلدي نيوز"
  std::string timezone = "UTC";
  std::string start;     // optional home page
  std::vector<Source> feeds;
  std::vector<Source> sitemaps;  // every: absent: daily (news sitemaps hourly)
  std::vector<Source> sections;
  parsers::LinkMatcher match;    // articles.match; empty: no link is taken as an article
  parsers::SiteRules rules;      // articles.* selectors, title_suffix, plus title/timezone copied in
  std::optional<Millis> min_delay;  // politeness.min_delay override
  std::string config_hash;       // hex SHA-256 of the file's bytes (to notice edits)
};

struct Config {
  DaemonConfig daemon;
  std::vector<SiteConfig> sites;  // only the valid ones, sorted by name
};

struct LoadReport {
  Config config;
  std::vector<Error> errors;  // each Error::where is "FILE:LINE:COL"
  bool ok() const { return errors.empty(); }
};

// Loads the daemon file, then every *.yaml / *.yml in its `sites` directory (sorted). A bad site file
// is reported and left out; the others still load. A bad daemon file leaves defaults in place for the
// keys that failed.
LoadReport load_config(const std::filesystem::path& daemon_file);

// One site file on its own (`akhbard extract --site`).
Result<SiteConfig> load_site_file(const std::filesystem::path& file, std::vector<Error>* errors = nullptr);

// The default search order of INTERFACE.md: /etc/akhbar/akhbard.yaml, then ./akhbard.yaml.
// Returns the first that exists, or empty.
std::filesystem::path default_config_path();

// "5s" → 5000ms; "1d", "500ms", "10m", "6h": whole digits then exactly one unit (ms, s, m, h, d).
// nullopt when malformed, on overflow, or for a bare number (a unit is required). In the files every
// duration must be positive, except politeness.min_delay, which may be 0 (one's own servers).
std::optional<Millis> parse_duration(std::string_view text);
// "15MB" → 15'000'000; "512KB", "1MiB", "100B", plain numbers are bytes. Units B, KB, MB, GB
// (powers of 1000) and KiB, MiB, GiB (powers of 1024), case-insensitive. nullopt when malformed.
std::optional<std::size_t> parse_size(std::string_view text);

}  // namespace akhbar::config
