// config/readers.h: the two file shapes of INTERFACE.md, read from an already-parsed root mapping.
// Internal to config/. Every error goes to the Diagnostics; values that fail keep their defaults.
#pragma once
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace akhbar::config::detail {

// akhbard.yaml. Relative `store` and `sites` are resolved against `base_dir` (the daemon file's
// directory). `sites_mark` receives the position of the `sites` value (null mark when absent), for
// errors about the directory itself.
void read_daemon(const YAML::Node& root, const std::filesystem::path& base_dir, DaemonConfig& out,
                 YAML::Mark& sites_mark, Diagnostics& diag);

struct SiteRead {
  SiteConfig site;
  YAML::Mark name_mark = YAML::Mark::null_mark();  // where `name` was given (duplicate-name errors)
};

// sites.d/<name>.yaml. Leaves `file` and `config_hash` to the caller.
SiteRead read_site(const YAML::Node& root, Diagnostics& diag);

}  // namespace akhbar::config::detail
