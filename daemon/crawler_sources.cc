// daemon/crawler_sources.cc: the configured sources (feeds, sections, start pages, sitemaps): their
// schedule, conditional GET state, failures and moves; plus start-up and the periodic stats line.
#include <csignal>

#include <boost/asio/post.hpp>

#include "daemon/crawler_impl.h"
#include "util/logfmt.h"

namespace akhbar::daemon {
using std::chrono::system_clock;

namespace {

// How often a source without `every:` is fetched again (adaptive scheduling arrives with feeds).
constexpr Millis kDefaultFeedInterval{15 * 60 * 1000};
constexpr Millis kDefaultSectionInterval{30 * 60 * 1000};
constexpr Millis kDefaultSitemapInterval{24 * 3600 * 1000};

}  // namespace

void Crawler::Impl::setup() {
  if (auto requeued = store.recover_frontier(); !requeued) {
    log.error("{}", Logfmt("resume").add("error", requeued.error().str()));
  } else if (*requeued > 0) {
    log.info("{}", Logfmt("resume").add("requeued", *requeued).add("reason", "in flight when the last run ended"));
  }
  for (std::size_t i = 0; i < config.sites.size(); ++i) {
    const auto& site = config.sites[i];
    site_index.emplace(site.name, i);
    store.ensure_site(site.name, site.config_hash);
    if (!site.start.empty()) add_source(i, JobKind::kSection, site.start, std::nullopt);
    for (const auto& f : site.feeds) add_source(i, JobKind::kFeed, f.url, f.every);
    for (const auto& s : site.sections) add_source(i, JobKind::kSection, s.url, s.every);
    for (const auto& s : site.sitemaps) add_source(i, JobKind::kSitemap, s, std::nullopt);
    if (site.match.empty() && (!site.sections.empty() || !site.start.empty())) {
      log.warn("{}", Logfmt("config").add("site", site.name).add("file", site.file.string())
                         .add("warning", "no articles.match: links on section pages are not followed"));
    }
  }
  const auto now = system_clock::now();
  for (std::size_t i = 0; i < sources.size(); ++i) {
    auto& src = sources[i];
    Millis wait{0};
    if (!options.once && src.state.next_due_at && *src.state.next_due_at > now) {
      wait = std::chrono::duration_cast<Millis>(*src.state.next_due_at - now);
    }
    if (wait.count() == 0) {
      enqueue_source(i);  // directly, so --once never sees an empty frontier before its sources
    } else {
      schedule_source(i, wait);
    }
  }
  if (!options.once) arm_stats();
  signals.add(SIGINT);
  signals.add(SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    log.info("{}", Logfmt("shutdown").add("signal", signo == SIGTERM ? "SIGTERM" : "SIGINT")
                       .add("in_flight", in_flight).add("queued", frontier.queued()));
    stop();
  });
}

void Crawler::Impl::add_source(std::size_t site, JobKind kind, const std::string& url, std::optional<Millis> every) {
  if (source_index.count(url)) return;  // listed twice (e.g. start page also a section)
  Source src;
  src.site = site;
  src.kind = kind;
  src.url = url;
  src.interval = every ? *every
                       : kind == JobKind::kFeed    ? kDefaultFeedInterval
                       : kind == JobKind::kSitemap ? kDefaultSitemapInterval
                                                   : kDefaultSectionInterval;
  src.timer = std::make_unique<asio::steady_timer>(io);
  const auto& sc = config.sites[site];
  if (auto stored = store.load_source(sc.name, url); stored && *stored) {
    src.state = std::move(**stored);
  } else {
    src.state.site = sc.name;
    src.state.url = url;
  }
  src.state.kind = std::string(fetchers::job_kind_name(kind));
  source_index.emplace(url, sources.size());
  sources.push_back(std::move(src));
}

void Crawler::Impl::schedule_source(std::size_t i, Millis wait) {
  auto& src = sources[i];
  src.timer->expires_after(wait);
  src.timer->async_wait([this, i](const boost::system::error_code& ec) {
    if (ec || stopping) return;
    enqueue_source(i);
    pump();
  });
}

void Crawler::Impl::enqueue_source(std::size_t i) {
  const auto& s = sources[i];
  Job job;
  job.url = s.url;
  job.host_key = host_key_of(s.url);
  job.kind = s.kind;
  job.site = s.site;
  job.attempt = s.attempt;
  if (job.host_key.empty()) return;  // config validation rejects such URLs; belt and braces
  frontier.push_front(std::move(job));
}

Crawler::Impl::Source* Crawler::Impl::source_for(const Job& job) {
  if (job.kind == JobKind::kArticle) return nullptr;
  auto it = source_index.find(job.frontier_url());
  return it == source_index.end() ? nullptr : &sources[it->second];
}

void Crawler::Impl::source_done(Source& src, WallTime now, int status, const std::string& error) {
  src.attempt = 1;
  src.state.last_status = status;
  if (error.empty()) {
    src.state.failures = 0;
    src.state.last_error.clear();
    src.state.last_success_at = now;
  } else {
    ++src.state.failures;
    src.state.last_error = error;
  }
  src.state.interval_s = std::chrono::duration_cast<Seconds>(src.interval).count();
  src.state.next_due_at = now + src.interval;
  store.save_source(src.state);
  if (!options.once && !stopping) {
    const auto i = static_cast<std::size_t>(&src - sources.data());
    schedule_source(i, src.interval);
  }
}

// A source is not a frontier row: its retries wait on its own timer, in --once runs too.
void Crawler::Impl::source_failed(Source& src, const Job& job, int status, const std::optional<Error>& error,
                                  WallTime now) {
  const auto d = fetchers::decide_retry(status, error, job.attempt, retry, now, jitter());
  const std::string message = error ? error->message : "http status " + std::to_string(status);
  Logfmt line(d.kind == fetchers::RetryDecision::kRetry ? "retry" : "failed");
  line.add("site", site_of(job).name).add("url", src.url).add("kind", fetchers::job_kind_name(job.kind))
      .add("attempt", job.attempt).add("reason", d.reason);
  if (d.kind != fetchers::RetryDecision::kRetry || stopping) {
    line.add("next_in", format_duration(src.interval));
    log.warn("{}", line.str());
    source_done(src, now, status, message);
    return;
  }
  ++retries;
  src.attempt = job.attempt + 1;
  const auto wait = std::max(Millis(1), std::chrono::duration_cast<Millis>(d.not_before - now));
  line.add("next_in", format_duration(wait));
  log.warn("{}", line.str());
  ++src.state.failures;
  src.state.last_status = status;
  src.state.last_error = message;
  store.save_source(src.state);
  ++retry_timers;
  const auto i = static_cast<std::size_t>(&src - sources.data());
  src.timer->expires_after(wait);
  src.timer->async_wait([this, i](const boost::system::error_code& ec) {
    --retry_timers;
    if (!ec && !stopping) enqueue_source(i);
    pump();
  });
}

void Crawler::Impl::source_moved(Source& src, const std::string& new_url) {
  if (source_index.count(new_url)) return;  // already configured under the new address
  log.warn("{}", Logfmt("source_moved").add("site", config.sites[src.site].name).add("from", src.url)
                     .add("to", new_url).add("hint", "update the site file"));
  store.move_source(config.sites[src.site].name, src.url, new_url);
  const auto i = source_index[src.url];
  source_index.erase(src.url);
  src.url = new_url;
  src.state.url = new_url;
  src.state.etag.clear();
  src.state.last_modified.clear();
  source_index.emplace(new_url, i);
}

void Crawler::Impl::arm_stats() {
  stats_timer.expires_after(options.stats_every);
  stats_timer.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    log_stats("stats");
    arm_stats();
  });
}

void Crawler::Impl::log_stats(std::string_view event) {
  log.info("{}", Logfmt(event)
                     .add("fetched", summary.fetched)
                     .add("failed", summary.failed)
                     .add("retries", retries)
                     .add("disallowed", disallowed)
                     .add("articles", summary.articles)
                     .add("duplicates", summary.duplicates)
                     .add("no_article", summary.no_article)
                     .add("discovered", summary.discovered)
                     .add("window", frontier.queued())
                     .add("queued", store_queued < 0 ? 0 : store_queued)
                     .add("in_flight", in_flight)
                     .add("elapsed", format_duration(since(started))));
}

}  // namespace akhbar::daemon
