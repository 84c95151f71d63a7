// daemon/commands.h: one function per `akhbard` subcommand (INTERFACE.md). Each returns the process
// exit code; errors are printed to stderr as "WHERE: message".
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace akhbar::daemon {

struct CommonOptions {
  std::string config;  // --config; empty: default search order
  std::string db;      // --db; empty: the config's store
};

int cmd_run(const CommonOptions& common, bool once);
int cmd_check_config(const CommonOptions& common);
int cmd_extract(const std::string& site_file, const std::string& url, const std::string& content_type,
                const std::vector<std::string>& files);
int cmd_parse_feed(const std::string& url, const std::string& content_type, const std::string& file);
int cmd_export(const CommonOptions& common, const std::string& format, const std::string& site,
               const std::string& since);
// `sources`: also list every source (configured and discovered) with its schedule.
int cmd_stats(const CommonOptions& common, bool sources = false);
int cmd_date(const std::string& tz, const std::string& now, const std::string& text);
int cmd_normalize();
int cmd_robots(const std::string& agent, const std::string& file, const std::vector<std::string>& urls);

}  // namespace akhbar::daemon
