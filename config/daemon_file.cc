// The daemon file, akhbard.yaml (INTERFACE.md "The daemon file").
#include <string>

#include "config/readers.h"

namespace akhbar::config::detail {
namespace {

// Limits that keep a typo from taking the machine down; each is far beyond any sensible value.
constexpr int kMaxConcurrency = 1024;  // transfers in flight; also bounded by file descriptors
constexpr int kMaxRedirects = 50;      // curl's own default cap
constexpr int kMaxAttempts = 1000;     // with a 24h max_delay this is years of retrying
constexpr Millis kPositive{1};
constexpr Millis kNonNegative{0};

// RFC 9309 section 2.2.1: the product token is letters, '_' and '-'.
bool is_product_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && c != '_' && c != '-') return false;
  }
  return true;
}

void read_path(const MapReader& map, std::string_view key, const std::filesystem::path& base_dir,
               std::filesystem::path& out) {
  std::string text;
  if (!map.read_string(key, text)) return;
  std::filesystem::path p(text);
  out = p.is_relative() ? base_dir / p : p;
}

void read_politeness(const YAML::Node& node, Politeness& out, Diagnostics& diag) {
  MapReader map(node, "politeness", {"min_delay", "max_crawl_delay"}, diag);
  // Zero is allowed: crawling one's own loopback or LAN server needs no delay.
  map.read_duration("min_delay", out.min_delay, kNonNegative);
  map.read_duration("max_crawl_delay", out.max_crawl_delay, kPositive);
}

void read_fetch(const YAML::Node& node, FetchLimits& out, Diagnostics& diag) {
  MapReader map(node, "fetch", {"timeout", "connect_timeout", "max_body", "max_redirects"}, diag);
  map.read_duration("timeout", out.timeout, kPositive);
  map.read_duration("connect_timeout", out.connect_timeout, kPositive);
  map.read_size("max_body", out.max_body);
  map.read_int("max_redirects", out.max_redirects, 0, kMaxRedirects);
}

void read_retry(const YAML::Node& node, RetryPolicy& out, Diagnostics& diag) {
  MapReader map(node, "retry", {"attempts", "base_delay", "max_delay"}, diag);
  map.read_int("attempts", out.attempts, 1, kMaxAttempts);
  const bool base_ok = map.read_duration("base_delay", out.base_delay, kPositive);
  const bool max_ok = map.read_duration("max_delay", out.max_delay, kPositive);
  if ((base_ok || max_ok) && out.base_delay > out.max_delay) {
    if (base_ok) {
      diag.error(map.value_mark("base_delay"), "retry.base_delay: must not exceed retry.max_delay");
    } else {
      diag.error(map.value_mark("max_delay"), "retry.max_delay: must not be less than retry.base_delay");
    }
  }
}

void read_log(const YAML::Node& node, LogOptions& out, Diagnostics& diag) {
  MapReader map(node, "log", {"format", "level"}, diag);
  std::string format;
  if (map.read_string("format", format)) {
    if (format == "logfmt" || format == "json") {
      out.format = format;
    } else {
      diag.error(map.value_mark("format"), "log.format: expected logfmt or json, got '" + format + "'");
    }
  }
  std::string level;
  if (map.read_string("level", level)) {
    if (level == "trace" || level == "debug" || level == "info" || level == "warn" || level == "error") {
      out.level = level;
    } else {
      diag.error(map.value_mark("level"),
                 "log.level: expected one of trace, debug, info, warn, error, got '" + level + "'");
    }
  }
}

}  // namespace

void read_daemon(const YAML::Node& root, const std::filesystem::path& base_dir, DaemonConfig& out,
                 YAML::Mark& sites_mark, Diagnostics& diag) {
  MapReader map(root, "",
                {"store", "sites", "user_agent", "robots_agent", "concurrency", "politeness", "fetch",
                 "retry", "allow_private_addresses", "fetch_log_keep", "log"},
                diag);
  read_path(map, "store", base_dir, out.store);
  read_path(map, "sites", base_dir, out.sites);
  sites_mark = map.value_mark("sites");
  map.read_string("user_agent", out.user_agent);

  std::string token;
  if (map.read_string("robots_agent", token)) {
    if (is_product_token(token)) {
      out.robots_agent = token;
    } else {
      diag.error(map.value_mark("robots_agent"),
                 "robots_agent: expected a robots.txt product token (letters, '_' and '-' only, "
                 "RFC 9309), got '" + token + "'");
    }
  }
  map.read_int("concurrency", out.concurrency, 1, kMaxConcurrency);
  map.read_bool("allow_private_addresses", out.allow_private_addresses);
  map.read_duration("fetch_log_keep", out.fetch_log_keep, kPositive);

  if (const YAML::Node* n = map.value("politeness")) read_politeness(*n, out.politeness, diag);
  if (const YAML::Node* n = map.value("fetch")) read_fetch(*n, out.fetch, diag);
  if (const YAML::Node* n = map.value("retry")) read_retry(*n, out.retry, diag);
  if (const YAML::Node* n = map.value("log")) read_log(*n, out.log, diag);
}

}  // namespace akhbar::config::detail
