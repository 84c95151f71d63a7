// daemon/cli_run.cc: `akhbard run` and `akhbard check-config`.
#include <iostream>
#include <memory>

#include "config/config.h"
#include "daemon/commands.h"
#include "daemon/crawler.h"
#include "daemon/logging.h"
#include "store/store.h"
#include "util/logfmt.h"

namespace akhbar::daemon {
namespace {

std::filesystem::path resolve_config(const CommonOptions& common) {
  if (!common.config.empty()) return common.config;
  return config::default_config_path();
}

bool is_daemon_file_error(const Error& e, const std::filesystem::path& daemon_file) {
  return e.where.rfind(daemon_file.string(), 0) == 0 &&
         (e.where.size() == daemon_file.string().size() || e.where[daemon_file.string().size()] == ':');
}

}  // namespace

int cmd_check_config(const CommonOptions& common) {
  const auto path = resolve_config(common);
  if (path.empty()) {
    std::cerr << "akhbard: no config file: pass --config, or create /etc/akhbar/akhbard.yaml or ./akhbard.yaml\n";
    return 1;
  }
  const auto report = config::load_config(path);
  for (const auto& e : report.errors) std::cerr << e.str() << '\n';
  if (!report.ok()) {
    std::cerr << report.errors.size() << (report.errors.size() == 1 ? " error" : " errors") << " in "
              << path.string() << " and its sites\n";
    return 1;
  }
  std::size_t feeds = 0, sections = 0, sitemaps = 0;
  for (const auto& s : report.config.sites) {
    feeds += s.feeds.size();
    sections += s.sections.size();
    sitemaps += s.sitemaps.size();
  }
  std::cout << path.string() << ": ok, " << report.config.sites.size() << " sites, " << feeds << " feeds, "
            << sections << " sections, " << sitemaps << " sitemaps; store " << report.config.daemon.store.string()
            << '\n';
  return 0;
}

int cmd_run(const CommonOptions& common, bool once) {
  const auto path = resolve_config(common);
  if (path.empty()) {
    std::cerr << "akhbard: no config file: pass --config, or create /etc/akhbar/akhbard.yaml or ./akhbard.yaml\n";
    return 1;
  }
  auto report = config::load_config(path);
  auto logger = make_logger({report.config.daemon.log.format, report.config.daemon.log.level});
  bool fatal = false;
  for (const auto& e : report.errors) {
    const bool daemon_error = is_daemon_file_error(e, path);
    fatal = fatal || daemon_error;
    logger->error("{}", Logfmt("config_error").add("where", e.where).add("error", e.message)
                            .add("effect", daemon_error ? "not started" : "site skipped"));
  }
  if (fatal) return 1;
  if (!common.db.empty()) report.config.daemon.store = common.db;

  store::StoreOptions store_options;
  store_options.fetch_log_days = report.config.daemon.fetch_log_keep;
  auto store = store::Store::open(report.config.daemon.store, store_options);
  if (!store) {
    logger->error("{}", Logfmt("store_error").add("path", report.config.daemon.store.string())
                            .add("error", store.error().str()));
    return 1;
  }
  logger->info("{}", Logfmt("start").add("config", path.string()).add("store", report.config.daemon.store.string())
                         .add("sites", report.config.sites.size()).add("once", once)
                         .add("concurrency", report.config.daemon.concurrency));
  CrawlOptions options;
  options.once = once;
  Crawler crawler(report.config, **store, *logger, options);
  crawler.run();
  return 0;
}

}  // namespace akhbar::daemon
