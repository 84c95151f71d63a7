#include "config/config.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <system_error>

#include "config/readers.h"
#include "config/yaml_reader.h"
#include "parsers/text/sha256.h"

namespace akhbar::config {
namespace {

using detail::Diagnostics;

// Splits "15MB" into its digits and the rest; nullopt without leading digits or on overflow.
std::optional<std::pair<std::uint64_t, std::string_view>> split_number(std::string_view text) {
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr == text.data()) return std::nullopt;
  return std::pair{value, text.substr(static_cast<std::size_t>(ptr - text.data()))};
}

std::optional<std::uint64_t> checked_multiply(std::uint64_t value, std::uint64_t unit,
                                              std::uint64_t max) {
  if (unit != 0 && value > max / unit) return std::nullopt;
  return value * unit;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

bool is_yaml_file(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  if (name.empty() || name.front() == '.') return false;  // editor droppings: .x.yaml.swp, .#x.yaml
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// Reads, parses and validates one site file; nullopt when it has any error (all of them reported).
std::optional<detail::SiteRead> read_site_file(const std::filesystem::path& file, Diagnostics& diag) {
  auto text = detail::read_file_text(file.string());
  if (!text) {
    diag.error_at(text.error().where, text.error().message, text.error().code);
    return std::nullopt;
  }
  auto root = detail::load_yaml_mapping(*text, diag);
  if (!root) return std::nullopt;
  const std::size_t before = diag.count();
  detail::SiteRead read;
  try {
    read = detail::read_site(*root, diag);
  } catch (const YAML::Exception& e) {  // yaml-cpp should not throw here; if it does, say where
    diag.error(e.mark, "invalid YAML: " + e.msg);
  }
  if (diag.count() != before) return std::nullopt;
  read.site.file = file;
  read.site.config_hash = parsers::sha256_hex(*text);
  return read;
}

}  // namespace

std::optional<Millis> parse_duration(std::string_view text) {
  auto split = split_number(text);
  if (!split) return std::nullopt;
  const auto [value, unit] = *split;
  std::uint64_t ms_per_unit = 0;
  if (unit == "ms") {
    ms_per_unit = 1;
  } else if (unit == "s") {
    ms_per_unit = 1000;
  } else if (unit == "m") {
    ms_per_unit = 60 * 1000;
  } else if (unit == "h") {
    ms_per_unit = 3600 * 1000;
  } else if (unit == "d") {
    ms_per_unit = 24 * 3600 * 1000;
  } else {
    return std::nullopt;  // a bare number is ambiguous (seconds? milliseconds?): require a unit
  }
  auto ms = checked_multiply(value, ms_per_unit, static_cast<std::uint64_t>(std::numeric_limits<Millis::rep>::max()));
  if (!ms) return std::nullopt;
  return Millis(static_cast<Millis::rep>(*ms));
}

std::optional<std::size_t> parse_size(std::string_view text) {
  auto split = split_number(text);
  if (!split) return std::nullopt;
  const auto [value, unit] = *split;
  static constexpr struct {
    std::string_view name;
    std::uint64_t bytes;
  } kUnits[] = {
      {"", 1},           {"B", 1},
      {"KB", 1000},      {"MB", 1000 * 1000},  {"GB", 1000 * 1000 * 1000},
      {"KiB", 1 << 10},  {"MiB", 1 << 20},     {"GiB", 1 << 30},
  };
  for (const auto& u : kUnits) {
    if (equals_ignoring_case(unit, u.name)) {
      auto bytes = checked_multiply(value, u.bytes, std::numeric_limits<std::size_t>::max());
      if (!bytes) return std::nullopt;
      return static_cast<std::size_t>(*bytes);
    }
  }
  return std::nullopt;
}

Result<SiteConfig> load_site_file(const std::filesystem::path& file, std::vector<Error>* errors) {
  std::vector<Error> local;
  Diagnostics diag(file.string(), &local);
  auto read = read_site_file(file, diag);
  if (errors != nullptr) errors->insert(errors->end(), local.begin(), local.end());
  if (!read) {
    if (local.empty()) return fail(Errc::kInternal, "site file rejected without a reason", file.string());
    return tl::make_unexpected(local.front());
  }
  return std::move(read->site);
}

LoadReport load_config(const std::filesystem::path& daemon_file) {
  LoadReport report;
  DaemonConfig& daemon = report.config.daemon;
  daemon.file = daemon_file;

  Diagnostics diag(daemon_file.string(), &report.errors);
  auto text = detail::read_file_text(daemon_file.string());
  if (!text) {
    report.errors.push_back(text.error());
    return report;
  }
  auto root = detail::load_yaml_mapping(*text, diag);
  if (!root) return report;  // without the file's `sites` we cannot know where the sites are

  YAML::Mark sites_mark = YAML::Mark::null_mark();
  try {
    detail::read_daemon(*root, daemon_file.parent_path(), daemon, sites_mark, diag);
  } catch (const YAML::Exception& e) {
    diag.error(e.mark, "invalid YAML: " + e.msg);
  }

  std::error_code ec;
  const bool is_dir = std::filesystem::is_directory(daemon.sites, ec);
  if (!is_dir) {
    const std::string reason = ec ? ec.message() : (std::filesystem::exists(daemon.sites, ec)
                                                        ? "not a directory"
                                                        : "no such directory");
    diag.error(sites_mark, "sites: cannot read '" + daemon.sites.string() + "': " + reason,
               Errc::kNotFound);
    return report;
  }
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(daemon.sites, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (is_yaml_file(it->path()) && it->is_regular_file(type_ec)) files.push_back(it->path());
  }
  if (ec) {
    diag.error(sites_mark, "sites: cannot list '" + daemon.sites.string() + "': " + ec.message(),
               Errc::kPermissionDenied);
  }
  std::sort(files.begin(), files.end());

  std::map<std::string, std::string> first_file_of;  // site name → file that defined it
  for (const auto& file : files) {
    Diagnostics site_diag(file.string(), &report.errors);
    auto read = read_site_file(file, site_diag);
    if (!read) continue;
    auto [it, inserted] = first_file_of.emplace(read->site.name, file.string());
    if (!inserted) {
      site_diag.error(read->name_mark, "name: duplicate site name '" + read->site.name +
                                           "' (already used by " + it->second + ")");
      continue;
    }
    report.config.sites.push_back(std::move(read->site));
  }
  std::sort(report.config.sites.begin(), report.config.sites.end(),
            [](const SiteConfig& a, const SiteConfig& b) { return a.name < b.name; });
  return report;
}

std::filesystem::path default_config_path() {
  static const std::filesystem::path kCandidates[] = {"/etc/akhbar/akhbard.yaml", "akhbard.yaml"};
  for (const auto& candidate : kCandidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
  }
  return {};
}

}  // namespace akhbar::config
