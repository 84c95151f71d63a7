// daemon/crawler_sources.cc: the configured sources (feeds, sections, start pages, sitemaps): their
// schedule, conditional GET state, failures and moves; plus start-up and the periodic stats line.
#include <csignal>

#include <boost/asio/post.hpp>

#include "daemon/crawler_impl.h"
#include "parsers/url/url.h"
#include "util/logfmt.h"

namespace akhbar::daemon {

namespace {

// At most this many sources the crawler found itself (autodiscovered feeds, robots.txt sitemaps,
// children of sitemap indexes) per site: a runaway index cannot grow the schedule without bound.
constexpr std::size_t kMaxDiscoveredSources = 20000;
// Sitemap: lines of one robots.txt taken at most (real files list 1–10).
constexpr std::size_t kMaxRobotsSitemaps = 20;

}  // namespace

void Crawler::Impl::setup() {
  if (auto requeued = store.recover_frontier(); !requeued) {
    log.error("{}", Logfmt("resume").add("error", requeued.error().str()));
  } else if (*requeued > 0) {
    log.info("{}", Logfmt("resume").add("requeued", *requeued).add("reason", "in flight when the last run ended"));
  }
  discovered_sources.assign(config.sites.size(), 0);
  for (std::size_t i = 0; i < config.sites.size(); ++i) {
    const auto& site = config.sites[i];
    site_index.emplace(site.name, i);
    store.ensure_site(site.name, site.config_hash);
    if (!site.start.empty()) {
      if (auto s = add_source(i, JobKind::kSection, site.start, std::nullopt)) sources[*s].start = true;
    }
    for (const auto& f : site.feeds) add_source(i, JobKind::kFeed, f.url, f.every);
    for (const auto& s : site.sections) add_source(i, JobKind::kSection, s.url, s.every);
    for (const auto& s : site.sitemaps) add_source(i, JobKind::kSitemap, s.url, s.every);
    load_discovered_sources(i);
    if (site.match.empty() && (!site.sections.empty() || !site.start.empty())) {
      log.warn("{}", Logfmt("config").add("site", site.name).add("file", site.file.string())
                         .add("warning", "no articles.match: links on section pages are not followed"));
    }
  }
  const auto now = options.clock->now();
  std::size_t due_now = 0;
  std::optional<Millis> next_wait;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    auto& src = sources[i];
    Millis wait{0};
    if (!options.once && src.state.next_due_at && *src.state.next_due_at > now) {
      wait = std::chrono::duration_cast<Millis>(*src.state.next_due_at - now);
    }
    // A child sitemap whose index gave its <lastmod> is read when the index says it changed (the
    // index itself is read now), in --once runs too; otherwise at its monthly safety poll.
    const bool index_driven = src.state.origin == "index" && src.state.lastmod && src.state.next_due_at &&
                              *src.state.next_due_at > now;
    if (index_driven && options.once) continue;
    if (index_driven) wait = std::chrono::duration_cast<Millis>(*src.state.next_due_at - now);
    if (wait.count() == 0) {
      ++due_now;
      enqueue_source(i);  // directly, so --once never sees an empty frontier before its sources
    } else {
      schedule_source(i, wait);
      if (!next_wait || wait < *next_wait) next_wait = wait;
    }
  }
  // After a restart most sources are not due yet: say when the first one is.
  Logfmt line("schedule");
  line.add("sources", sources.size()).add("due_now", due_now);
  if (next_wait) line.add("next_in", format_duration(*next_wait));
  log.info("{}", line.str());
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

std::optional<std::size_t> Crawler::Impl::add_source(std::size_t site, JobKind kind, const std::string& url,
                                                    std::optional<Millis> every, std::string_view origin,
                                                    const store::SourceRecord* stored_row) {
  if (source_index.count(url)) return std::nullopt;  // listed twice (e.g. start page also a section)
  Source src;
  src.site = site;
  src.kind = kind;
  src.url = url;
  src.every = every;
  src.timer = std::make_unique<asio::steady_timer>(io);
  const auto& sc = config.sites[site];
  if (stored_row != nullptr) {
    src.state = *stored_row;
  } else if (auto stored = store.load_source(sc.name, url); stored && *stored) {
    src.state = std::move(**stored);
  } else {
    src.state.site = sc.name;
    src.state.url = url;
  }
  src.state.kind = std::string(fetchers::job_kind_name(kind));
  src.state.origin = std::string(origin);
  src.indexed = origin == "index" && src.state.lastmod.has_value();
  if (!origin.empty()) ++discovered_sources[site];
  const std::size_t i = sources.size();
  source_index.emplace(url, i);
  sources.push_back(std::move(src));
  return i;
}

// Sources found by earlier runs come back, unless the site file now lists sources of that kind:
// a feed autodiscovered on the start page gives way to configured feeds, robots.txt sitemaps to
// configured sitemaps. Children of sitemap indexes stay while any sitemap source exists.
void Crawler::Impl::load_discovered_sources(std::size_t site) {
  const auto& sc = config.sites[site];
  auto stored = store.load_sources(sc.name);
  if (!stored) {
    log.error("{}", Logfmt("sources").add("site", sc.name).add("error", stored.error().str()));
    return;
  }
  for (const auto& row : *stored) {
    if (row.origin.empty() || discovered_sources[site] >= kMaxDiscoveredSources) continue;
    if (row.origin == "html" && !sc.feeds.empty()) continue;
    if (row.origin == "robots" && !sc.sitemaps.empty()) continue;
    const JobKind kind = row.kind == "sitemap" ? JobKind::kSitemap : JobKind::kFeed;
    add_source(site, kind, row.url, std::nullopt, row.origin, &row);
  }
}

// A source the crawler found while running: remembered in the store, fetched now.
void Crawler::Impl::found_source(std::size_t site, JobKind kind, const std::string& url, std::string_view origin,
                                 const std::string& via, std::optional<WallTime> lastmod) {
  if (discovered_sources[site] >= kMaxDiscoveredSources) {
    log.warn("{}", Logfmt("source_limit").add("site", config.sites[site].name).add("url", url)
                       .add("limit", kMaxDiscoveredSources).add("via", via));
    return;
  }
  if (host_key_of(url).empty()) return;
  // Every stored row of the site was loaded at start-up, so a source found now has none: no need
  // to ask SQLite (from the I/O thread) once per child of a 10,000-sitemap index.
  store::SourceRecord fresh;
  fresh.site = config.sites[site].name;
  fresh.url = url;
  auto i = add_source(site, kind, url, std::nullopt, origin, &fresh);
  if (!i) return;
  auto& src = sources[*i];
  src.pending_lastmod = lastmod;
  src.indexed = lastmod.has_value();
  log.info("{}", Logfmt("source_found").add("site", config.sites[site].name).add("url", url)
                     .add("kind", fetchers::job_kind_name(kind)).add("origin", origin).add("via", via));
  store.save_source(src.state);
  if (!stopping) enqueue_source(*i);
}

// A sitemap index was read: new children are fetched now, known ones only when their <lastmod>
// moved past the one we read them at; the others wait for their own (monthly) poll.
void Crawler::Impl::found_child_sitemaps(std::size_t site, std::vector<ProcessedPage::ChildSitemap> children,
                                         const std::string& via) {
  std::size_t refetch = 0;
  for (auto& child : children) {
    auto it = source_index.find(child.url);
    if (it == source_index.end()) {
      found_source(site, JobKind::kSitemap, child.url, "index", via, child.lastmod);
      continue;
    }
    auto& src = sources[it->second];
    if (src.state.origin != "index") continue;  // configured (or found otherwise): its own schedule
    src.indexed = child.lastmod.has_value();
    if (!child.lastmod || (src.state.lastmod && *child.lastmod <= *src.state.lastmod)) continue;
    src.pending_lastmod = child.lastmod;
    if (src.queued) continue;  // already on its way: that fetch reads the new version
    src.timer->cancel();
    ++refetch;
    if (!stopping) enqueue_source(it->second);
  }
  if (refetch > 0) {
    log.info("{}", Logfmt("sitemaps_changed").add("site", config.sites[site].name).add("url", via)
                       .add("refetch", refetch).add("children", children.size()));
  }
}

// robots.txt names the site's sitemaps: they are read when the site file lists none.
void Crawler::Impl::robots_sitemaps(const Job& job, const std::vector<std::string>& urls) {
  const auto& sc = config.sites[job.site];
  if (urls.empty() || !sc.sitemaps.empty()) return;
  // Only the site's own hosts speak for it (an article link to another site does not).
  bool own_host = host_key_of(sc.start) == job.host_key;
  for (const auto& f : sc.feeds) own_host = own_host || host_key_of(f.url) == job.host_key;
  for (const auto& s : sc.sections) own_host = own_host || host_key_of(s.url) == job.host_key;
  if (!own_host) return;
  std::size_t taken = 0;
  for (const auto& raw : urls) {
    if (taken == kMaxRobotsSitemaps) break;
    const std::string url = parsers::canonical_link(job.host_key + "/robots.txt", raw);
    if (url.empty()) continue;
    ++taken;
    found_source(job.site, JobKind::kSitemap, url, "robots", job.host_key + "/robots.txt");
  }
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
  auto& s = sources[i];
  if (s.queued) return;
  Job job;
  job.url = s.url;
  job.host_key = host_key_of(s.url);
  job.kind = s.kind;
  job.site = s.site;
  job.attempt = s.attempt;
  if (job.host_key.empty()) return;  // config validation rejects such URLs; belt and braces
  s.queued = true;
  frontier.push_front(std::move(job));
}

Crawler::Impl::Source* Crawler::Impl::source_for(const Job& job) {
  if (job.kind == JobKind::kArticle) return nullptr;
  auto it = source_index.find(job.frontier_url());
  return it == source_index.end() ? nullptr : &sources[it->second];
}

PollDecision Crawler::Impl::source_done(Source& src, WallTime now, int status, const std::string& error) {
  src.attempt = 1;
  src.queued = false;
  src.state.last_status = status;
  if (error.empty()) {
    src.state.failures = 0;
    src.state.last_error.clear();
    src.state.last_success_at = now;
    if (src.pending_lastmod) src.state.lastmod = src.pending_lastmod;
  } else {
    ++src.state.failures;
    src.state.last_error = error;
  }
  src.pending_lastmod.reset();
  PollFacts facts;
  facts.kind = src.kind;
  facts.format = src.format;
  facts.every = src.every;
  facts.items_week = src.state.items_week;
  facts.indexed = src.indexed;
  facts.max_age = src.max_age;
  facts.ttl_minutes = src.ttl_minutes;
  facts.retry_after = src.retry_after;
  facts.failures = src.state.failures;
  const PollDecision d = next_poll(facts, now, jitter());
  src.state.interval_s = std::chrono::duration_cast<Seconds>(d.interval).count();
  src.state.next_due_at = d.due;
  store.save_source(src.state);
  if (!options.once && !stopping) {
    const auto i = static_cast<std::size_t>(&src - sources.data());
    schedule_source(i, std::max(Millis(1), std::chrono::duration_cast<Millis>(d.due - now)));
  }
  return d;
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
    const auto next = source_done(src, now, status, message);
    line.add("failures", src.state.failures)
        .add("next_in", format_duration(std::chrono::duration_cast<Millis>(next.due - now)))
        .add("why", next.why);
    log.warn("{}", line.str());
    return;
  }
  ++retries;
  src.attempt = job.attempt + 1;
  src.queued = false;  // until its retry timer puts it back
  const auto wait = std::max(Millis(1), std::chrono::duration_cast<Millis>(d.not_before - now));
  line.add("next_in", format_duration(wait));
  log.warn("{}", line.str());
  // `failures` counts failed polls, not attempts: the retries of one poll are one failure.
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
                     .add("elapsed", format_duration(since(*options.clock, started))));
}

}  // namespace akhbar::daemon
