#include "daemon/crawler.h"

#include <csignal>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "daemon/page_processor.h"
#include "fetchers/host_frontier.h"
#include "fetchers/http_client.h"
#include "parsers/url.h"
#include "util/logfmt.h"

namespace akhbar::daemon {
namespace asio = boost::asio;
using fetchers::Job;
using fetchers::JobKind;
using std::chrono::steady_clock;
using std::chrono::system_clock;

namespace {

// How often a source without `every:` is fetched again (adaptive scheduling arrives with feeds).
constexpr Millis kDefaultFeedInterval{15 * 60 * 1000};
constexpr Millis kDefaultSectionInterval{30 * 60 * 1000};
constexpr Millis kDefaultSitemapInterval{24 * 3600 * 1000};
// URLs an earlier run left in the frontier are resumed in chunks of this many.
constexpr std::size_t kResumeLimit = 100000;

fetchers::ClientOptions client_options(const config::DaemonConfig& d) {
  fetchers::ClientOptions o;
  o.user_agent = d.user_agent;
  o.timeout = d.fetch.timeout;
  o.connect_timeout = d.fetch.connect_timeout;
  o.max_body = d.fetch.max_body;
  o.max_redirects = d.fetch.max_redirects;
  o.max_in_flight = d.concurrency;
  return o;
}

std::string host_key_of(const std::string& url) {
  auto u = parsers::Url::parse(url);
  return u ? u->host_key() : std::string();
}

Millis since(steady_clock::time_point t) {
  return std::chrono::duration_cast<Millis>(steady_clock::now() - t);
}

}  // namespace

struct Crawler::Impl {
  // A configured feed, section (or start page) or sitemap, and what the store knows of it.
  struct Source {
    std::size_t site = 0;
    JobKind kind = JobKind::kFeed;
    std::string url;
    Millis interval{0};
    store::SourceRecord state;
    std::unique_ptr<asio::steady_timer> timer;
  };

  Impl(const config::Config& c, store::Store& s, spdlog::logger& l, CrawlOptions o)
      : config(c),
        store(s),
        log(l),
        options(o),
        http(io, client_options(c.daemon)),
        frontier(c.daemon.politeness.min_delay),
        wake(io),
        stats_timer(io),
        signals(io),
        workers(static_cast<std::size_t>(o.workers > 0 ? o.workers : 1)) {}

  const config::Config& config;
  store::Store& store;
  spdlog::logger& log;
  CrawlOptions options;
  asio::io_context io;
  fetchers::HttpClient http;
  fetchers::HostFrontier frontier;
  asio::steady_timer wake;
  asio::steady_timer stats_timer;
  asio::signal_set signals;
  asio::thread_pool workers;

  std::vector<Source> sources;
  std::unordered_map<std::string, std::size_t> source_index;  // url → sources[i] (bounded by config)
  std::unordered_map<std::string, std::size_t> site_index;    // name → config.sites[i]
  std::size_t in_flight = 0;
  std::size_t parsing = 0;
  std::size_t pending_store = 0;
  bool stopping = false;
  bool finished = false;
  std::optional<steady_clock::time_point> wake_at;
  steady_clock::time_point started = steady_clock::now();
  CrawlSummary summary;

  const config::SiteConfig& site_of(const Job& job) const { return config.sites[job.site]; }

  void setup() {
    for (std::size_t i = 0; i < config.sites.size(); ++i) {
      const auto& site = config.sites[i];
      site_index.emplace(site.name, i);
      store.ensure_site(site.name, site.config_hash);
      if (site.start.size()) add_source(i, JobKind::kSection, site.start, std::nullopt);
      for (const auto& f : site.feeds) add_source(i, JobKind::kFeed, f.url, f.every);
      for (const auto& s : site.sections) add_source(i, JobKind::kSection, s.url, s.every);
      for (const auto& s : site.sitemaps) add_source(i, JobKind::kSitemap, s, std::nullopt);
      if (site.match.empty() && (!site.sections.empty() || !site.start.empty())) {
        log.warn("{}", Logfmt("config").add("site", site.name).add("file", site.file.string())
                           .add("warning", "no articles.match: links on section pages are not followed"));
      }
    }
    resume_frontier();
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

  void add_source(std::size_t site, JobKind kind, const std::string& url, std::optional<Millis> every) {
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
    if (sc.min_delay) frontier.set_delay(host_key_of(url), *sc.min_delay);
    source_index.emplace(url, sources.size());
    sources.push_back(std::move(src));
  }

  void resume_frontier() {
    auto pending = store.pending_urls(kResumeLimit);
    if (!pending) {
      log.error("{}", Logfmt("resume").add("error", pending.error().str()));
      return;
    }
    std::size_t resumed = 0;
    for (auto& row : *pending) {
      auto it = site_index.find(row.site);
      if (it == site_index.end()) continue;
      Job job;
      job.url = row.url;
      job.host_key = host_key_of(row.url);
      job.kind = JobKind::kArticle;
      job.site = it->second;
      job.attempt = row.attempts + 1;
      job.via = "resume";
      if (job.host_key.empty()) continue;
      frontier.push(std::move(job));
      ++resumed;
    }
    if (resumed) log.info("{}", Logfmt("resume").add("urls", resumed));
  }

  void schedule_source(std::size_t i, Millis wait) {
    auto& src = sources[i];
    src.timer->expires_after(wait);
    src.timer->async_wait([this, i](const boost::system::error_code& ec) {
      if (ec || stopping) return;
      enqueue_source(i);
      pump();
    });
  }

  void enqueue_source(std::size_t i) {
    const auto& s = sources[i];
    Job job;
    job.url = s.url;
    job.host_key = host_key_of(s.url);
    job.kind = s.kind;
    job.site = s.site;
    if (job.host_key.empty()) return;  // config validation rejects such URLs; belt and braces
    frontier.push_front(std::move(job));
  }

  void arm_stats() {
    stats_timer.expires_after(options.stats_every);
    stats_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      log_stats("stats");
      arm_stats();
    });
  }

  void log_stats(std::string_view event) {
    log.info("{}", Logfmt(event)
                       .add("fetched", summary.fetched)
                       .add("failed", summary.failed)
                       .add("articles", summary.articles)
                       .add("duplicates", summary.duplicates)
                       .add("no_article", summary.no_article)
                       .add("discovered", summary.discovered)
                       .add("queued", frontier.queued())
                       .add("in_flight", in_flight)
                       .add("elapsed", format_duration(since(started))));
  }

  // Starts every job whose host is ready, then sleeps until the next one could be.
  void pump() {
    if (finished) return;
    if (!stopping) {
      const auto now = system_clock::now();
      while (in_flight < static_cast<std::size_t>(config.daemon.concurrency)) {
        auto job = frontier.pop_ready(now);
        if (!job) break;
        start(std::move(*job), now);
      }
      if (auto next = frontier.next_ready_at();
          next && in_flight < static_cast<std::size_t>(config.daemon.concurrency)) {
        const auto wait = std::max(Millis(1), std::chrono::duration_cast<Millis>(*next - system_clock::now()));
        const auto at = steady_clock::now() + wait;
        if (!wake_at || at < *wake_at || *wake_at <= steady_clock::now()) {
          wake_at = at;
          wake.expires_at(at);
          wake.async_wait([this](const boost::system::error_code& ec) {
            if (ec) return;
            wake_at.reset();
            pump();
          });
        }
      }
    }
    maybe_finish();
  }

  void start(Job job, WallTime now) {
    ++in_flight;
    fetchers::Request req;
    req.url = job.url;
    if (job.kind == JobKind::kArticle) {
      store.set_url_state(job.url, store::kUrlFetching, job.attempt);
    } else if (auto it = source_index.find(job.url); it != source_index.end()) {
      req.if_none_match = sources[it->second].state.etag;
      req.if_modified_since = sources[it->second].state.last_modified;
    }
    (void)now;
    http.fetch(std::move(req), [this, job = std::move(job)](fetchers::Response r) mutable {
      on_response(std::move(job), std::move(r));
    });
  }

  void on_response(Job job, fetchers::Response r) {
    --in_flight;
    const auto now = system_clock::now();
    frontier.finished(job.host_key, now);
    const auto& site = site_of(job);
    const std::string kind(fetchers::job_kind_name(job.kind));
    ++summary.fetched;

    Logfmt line("fetch");
    line.add("site", site.name).add("url", job.url).add("kind", kind).add("status", r.status)
        .add("bytes", r.bytes).add("ms", static_cast<std::int64_t>(r.elapsed.count()));
    if (r.effective_url != job.url && !r.effective_url.empty()) line.add("final_url", r.effective_url);
    if (job.attempt > 1) line.add("attempt", job.attempt);
    std::string error;
    if (r.error) {
      error = r.error->message;
    } else if (r.status != 304 && (r.status < 200 || r.status >= 300)) {
      error = "http status " + std::to_string(r.status);
    }
    if (!error.empty()) line.add("error", error);
    if (error.empty()) {
      log.info("{}", line.str());
    } else {
      log.warn("{}", line.str());
    }
    store.log_fetch(store::FetchRecord{site.name, job.url, kind, r.started_at, r.status, r.bytes,
                                       static_cast<std::int64_t>(r.elapsed.count()), error});

    Source* src = nullptr;
    if (job.kind != JobKind::kArticle) {
      if (auto it = source_index.find(job.url); it != source_index.end()) src = &sources[it->second];
    }
    if (!error.empty()) {
      ++summary.failed;
      if (job.kind == JobKind::kArticle) {
        store.set_url_state(job.url, store::kUrlFailed, job.attempt, error);
      } else if (src) {
        source_done(*src, now, r.status, error);
      }
      pump();
      return;
    }
    if (src) {
      if (!r.etag.empty()) src->state.etag = r.etag;
      if (!r.last_modified.empty()) src->state.last_modified = r.last_modified;
      if (r.status == 304) {
        log.info("{}", Logfmt("unchanged").add("site", site.name).add("url", job.url).add("kind", kind));
        source_done(*src, now, r.status, {});
        pump();
        return;
      }
    }
    ++parsing;
    const std::string final_url = r.effective_url.empty() ? job.url : r.effective_url;
    asio::post(workers, [this, job = std::move(job), final_url, ct = std::move(r.content_type),
                         body = std::move(r.body), now]() mutable {
      const auto t0 = steady_clock::now();
      ProcessedPage page;
      try {
        page = process_page(job.kind, site_of(job), final_url, ct, std::move(body), now);
      } catch (const std::exception& e) {  // one bad page never takes the daemon down
        page.outcome = ProcessedPage::Outcome::kInvalid;
        page.error = std::string("internal: ") + e.what();
      }
      const auto parse_ms = since(t0);
      asio::post(io, [this, job = std::move(job), page = std::move(page), final_url, parse_ms, now]() mutable {
        on_processed(std::move(job), std::move(page), final_url, parse_ms, now);
      });
    });
    pump();
  }

  void source_done(Source& src, WallTime now, int status, const std::string& error) {
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

  void on_processed(Job job, ProcessedPage page, const std::string& final_url, Millis parse_ms, WallTime now) {
    --parsing;
    const auto& site = site_of(job);
    const std::string kind(fetchers::job_kind_name(job.kind));
    Source* src = nullptr;
    if (job.kind != JobKind::kArticle) {
      if (auto it = source_index.find(job.url); it != source_index.end()) src = &sources[it->second];
    }
    for (const auto& w : page.warnings) {
      log.debug("{}", Logfmt("warning").add("site", site.name).add("url", final_url).add("warning", w));
    }
    switch (page.outcome) {
      case ProcessedPage::Outcome::kInvalid:
        log.warn("{}", Logfmt("parse_failed").add("site", site.name).add("url", final_url).add("kind", kind)
                           .add("error", page.error));
        if (src) source_done(*src, now, 200, page.error);
        if (job.kind == JobKind::kArticle) store.set_url_state(job.url, store::kUrlFailed, job.attempt, page.error);
        break;
      case ProcessedPage::Outcome::kListing:
        log.info("{}", Logfmt("listing").add("site", site.name).add("url", final_url).add("kind", kind)
                           .add("items", page.items).add("articles", page.discovered.size())
                           .add("ms", static_cast<std::int64_t>(parse_ms.count())));
        if (src) source_done(*src, now, 200, {});
        break;
      case ProcessedPage::Outcome::kNoArticle:
        ++summary.no_article;
        log.warn("{}", Logfmt("no_article").add("site", site.name).add("url", final_url)
                           .add("reason", page.error).add("links", page.discovered.size()));
        if (src) {
          source_done(*src, now, 200, {});
        } else {
          store.set_url_state(job.url, store::kUrlNoArticle, job.attempt, page.error);
        }
        break;
      case ProcessedPage::Outcome::kArticle: {
        auto& rec = *page.article;
        if (rec.canonical_url != job.url) store.set_url_state(job.url, store::kUrlDone, job.attempt);
        ++pending_store;
        Logfmt line("article");
        line.add("site", site.name).add("url", rec.canonical_url).add("title", rec.title).add("words", page.words)
            .add("published", rec.published_at_text.empty() ? std::string_view("none")
                                                             : std::string_view(rec.published_at_text))
            .add("ms", static_cast<std::int64_t>(parse_ms.count()));
        store.add_article(std::move(rec), [this, line = std::move(line)](Result<store::AddedArticle> added) mutable {
          asio::post(io, [this, line = std::move(line), added = std::move(added)]() mutable {
            --pending_store;
            if (!added) {
              log.error("{}", line.add("error", added.error().str()).str());
            } else {
              ++summary.articles;
              line.add("id", added->id).add("dup", added->duplicate_of.has_value());
              if (added->duplicate_of) {
                ++summary.duplicates;
                line.add("duplicate_of", *added->duplicate_of);
              }
              if (added->existed) line.add("updated", true);
              log.info("{}", line.str());
            }
            maybe_finish();
          });
        });
        break;
      }
    }
    for (auto& url : page.discovered) discover(job.site, std::move(url), final_url);
    pump();
  }

  void discover(std::size_t site_i, std::string url, const std::string& via) {
    const auto& site = config.sites[site_i];
    std::string host = host_key_of(url);
    if (host.empty()) return;
    if (site.min_delay) frontier.set_delay(host, *site.min_delay);
    ++pending_store;
    store::UrlRecord rec{site.name, url, url, via};
    store.add_url(std::move(rec), [this, site_i, url = std::move(url), host = std::move(host), via](bool inserted) mutable {
      asio::post(io, [this, site_i, inserted, url = std::move(url), host = std::move(host), via]() mutable {
        --pending_store;
        if (inserted && !stopping) {
          ++summary.discovered;
          Job job;
          job.url = std::move(url);
          job.host_key = std::move(host);
          job.kind = JobKind::kArticle;
          job.site = site_i;
          job.via = via;
          frontier.push(std::move(job));
        }
        pump();
      });
    });
  }

  void stop() {
    if (stopping) return;
    stopping = true;
    for (auto& s : sources) s.timer->cancel();
    stats_timer.cancel();
    wake.cancel();
    maybe_finish();
  }

  void maybe_finish() {
    if (finished || in_flight || parsing || pending_store) return;
    if (!stopping) {
      if (!options.once || !frontier.idle()) return;
    }
    finished = true;
    summary.elapsed = since(started);
    for (auto& s : sources) s.timer->cancel();
    stats_timer.cancel();
    wake.cancel();
    signals.cancel();
    io.stop();
  }
};

Crawler::Crawler(const config::Config& config, store::Store& store, spdlog::logger& log, CrawlOptions options)
    : impl_(std::make_unique<Impl>(config, store, log, options)) {}

Crawler::~Crawler() { impl_->workers.join(); }

CrawlSummary Crawler::run() {
  auto& im = *impl_;
  im.started = steady_clock::now();
  im.setup();
  asio::post(im.io, [&im] { im.pump(); });
  im.io.run();
  im.workers.join();
  im.store.flush();
  im.log_stats(im.options.once ? "done" : "stopped");
  return im.summary;
}

void Crawler::request_stop() {
  asio::post(impl_->io, [im = impl_.get()] { im->stop(); });
}

}  // namespace akhbar::daemon
