#include "daemon/crawler.h"

#include <csignal>
#include <string>
#include <utility>

#include <boost/asio/post.hpp>

#include "daemon/crawler_impl.h"
#include "parsers/robots/robots.h"
#include "parsers/url/url.h"
#include "util/logfmt.h"

namespace akhbar::daemon {

namespace {

fetchers::ClientOptions client_options(const config::DaemonConfig& d, const Clock* clock) {
  fetchers::ClientOptions o;
  o.clock = clock;
  o.user_agent = d.user_agent;
  o.timeout = d.fetch.timeout;
  o.connect_timeout = d.fetch.connect_timeout;
  o.max_body = d.fetch.max_body;
  o.max_redirects = d.fetch.max_redirects;
  o.max_in_flight = d.concurrency;
  o.allow_private_addresses = d.allow_private_addresses;
  return o;
}

fetchers::RetrySettings retry_settings(const config::RetryPolicy& r) {
  fetchers::RetrySettings s;
  s.attempts = r.attempts;
  s.base_delay = r.base_delay;
  s.max_delay = r.max_delay;
  s.host_base_delay = std::min(r.base_delay, r.max_delay);
  return s;
}

std::string robots_url(const std::string& host_key) { return host_key + "/robots.txt"; }

}  // namespace

std::string host_key_of(const std::string& url) {
  auto u = parsers::Url::parse(url);
  return u && u->is_http() ? u->host_key() : std::string();
}

Millis since(const Clock& clock, SteadyTime t) {
  return std::chrono::duration_cast<Millis>(clock.steady_now() - t);
}

Crawler::Impl::Impl(const config::Config& c, store::Store& s, spdlog::logger& l, CrawlOptions o)
    : config(c),
      store(s),
      log(l),
      options(o),
      retry(retry_settings(c.daemon.retry)),
      http(io, client_options(c.daemon, o.clock)),
      frontier(c.daemon.politeness.min_delay),
      robots(c.daemon.robots_agent, c.daemon.politeness.max_crawl_delay),
      wake(io),
      due_timer(io),
      stats_timer(io),
      signals(io),
      workers(static_cast<std::size_t>(o.workers > 0 ? o.workers : 1)) {}

// Starts every job whose host is ready, then sleeps until the next one could be.
void Crawler::Impl::pump() {
  if (finished) return;
  if (!stopping) {
    const auto now = options.clock->now();
    const auto cap = static_cast<std::size_t>(config.daemon.concurrency);
    while (in_flight < cap) {
      auto job = frontier.pop_ready(now);
      if (!job) break;
      switch (robots.state(job->host_key, now)) {
        case fetchers::RobotsCache::State::kUnknown:
          start_robots(std::move(*job));
          continue;
        case fetchers::RobotsCache::State::kFetching: {  // not reachable: the host is busy meanwhile
          const std::string host = job->host_key;
          frontier.push_front(std::move(*job));
          frontier.release(host);
          continue;
        }
        case fetchers::RobotsCache::State::kReady:
          break;
      }
      if (auto down = robots.unavailable_until(job->host_key, now)) {
        // RFC 9309 2.3.1.4: robots.txt unreachable means disallow all, for now: come back later.
        frontier.release(job->host_key);
        log.info("{}", Logfmt("robots").add("site", site_of(*job).name).add("url", job->url)
                           .add("result", "deferred").add("reason", "robots.txt unavailable")
                           .add("next_in", format_duration(std::chrono::duration_cast<Millis>(*down - now))));
        if (job->kind == JobKind::kArticle) {
          store.retry_later(job->frontier_url(), job->attempt - 1, *down, "robots.txt unavailable");
          refill_wanted = true;
        } else if (auto* src = source_for(*job)) {
          source_done(*src, now, 0, "robots.txt unavailable");
        }
        continue;
      }
      if (!robots.allowed(job->host_key, parsers::robots_path_of(job->url))) {
        frontier.release(job->host_key);
        ++disallowed;
        log.info("{}", Logfmt("robots").add("site", site_of(*job).name).add("url", job->url)
                           .add("kind", fetchers::job_kind_name(job->kind)).add("result", "disallowed"));
        if (job->kind == JobKind::kArticle) {
          url_state(*job, store::kUrlDisallowed, "robots.txt");
        } else if (auto* src = source_for(*job)) {
          source_done(*src, now, 0, "disallowed by robots.txt");
        }
        continue;
      }
      start(std::move(*job));
    }
    if (auto next = frontier.next_ready_at(); next && in_flight < cap) {
      const auto wait = std::max(Millis(1), std::chrono::duration_cast<Millis>(*next - options.clock->now()));
      const auto at = options.clock->steady_now() + wait;
      if (!wake_at || at < *wake_at || *wake_at <= options.clock->steady_now()) {
        wake_at = at;
        wake.expires_at(at);
        wake.async_wait([this](const boost::system::error_code& ec) {
          if (ec) return;
          wake_at.reset();
          pump();
        });
      }
    }
    maybe_refill();
  }
  maybe_finish();
}

// robots.txt is fetched before anything else on a host; the job that needed it waits at the front
// of its host's queue, and the robots request counts for the host's delay like any other.
void Crawler::Impl::start_robots(Job job) {
  ++in_flight;
  robots.fetching(job.host_key);
  fetchers::Request req;
  req.url = robots_url(job.host_key);
  req.follow_redirects = true;  // RFC 9309 2.3.1.2: follow at least five hops
  auto held = robots.validators(job.host_key);  // an expired copy: ask whether it changed
  req.if_none_match = std::move(held.etag);
  req.if_modified_since = std::move(held.last_modified);
  http.fetch(std::move(req), [this, job = std::move(job)](fetchers::Response r) mutable {
    on_robots(std::move(job), std::move(r));
  });
}

void Crawler::Impl::on_robots(Job job, fetchers::Response r) {
  --in_flight;
  const auto now = options.clock->now();
  const auto stored = robots.store(job.host_key, r.status, r.body, r.error, now);
  if (r.status >= 200 && r.status <= 299 && !r.error) robots.set_validators(job.host_key, r.etag, r.last_modified);
  frontier.set_delay(job.host_key, delay_for_host(job.site, job.host_key));
  Logfmt line("robots");
  line.add("site", site_of(job).name).add("url", robots_url(job.host_key)).add("status", r.status)
      .add("ms", static_cast<std::int64_t>(r.elapsed.count())).add("result", stored.outcome);
  if (r.error) line.add("error", r.error->message);
  if (stored.crawl_delay) line.add("crawl_delay", format_duration(*stored.crawl_delay));
  if (stored.crawl_delay_capped) {
    line.add("crawl_delay_asked", stored.crawl_delay_raw_s.value_or(0.0)).add("capped", true);
  }
  if (!stored.sitemaps.empty()) line.add("sitemaps", stored.sitemaps.size());
  (r.error || r.status >= 500 ? log.warn("{}", line.str()) : log.info("{}", line.str()));
  note_host_answer(job, r, now);
  robots_sitemaps(job, stored.sitemaps);
  const std::string host = job.host_key;
  frontier.push_front(std::move(job));  // the job that needed robots.txt goes first
  frontier.finished(host, now);
  pump();
}

// The larger of the site's (or daemon's) min_delay and the host's robots.txt Crawl-delay.
Millis Crawler::Impl::delay_for_host(std::size_t site, const std::string& host) const {
  Millis d = config.sites[site].min_delay.value_or(config.daemon.politeness.min_delay);
  if (auto crawl = robots.crawl_delay(host); crawl && *crawl > d) d = *crawl;
  return d;
}

void Crawler::Impl::start(Job job) {
  ++in_flight;
  fetchers::Request req;
  req.url = job.url;
  req.follow_redirects = false;  // every hop goes through the frontier: politeness is per final host
  if (job.kind == JobKind::kArticle) {
    if (job.redirects == 0) url_state(job, store::kUrlFetching);
  } else if (auto* src = source_for(job); src && job.redirects == 0) {
    req.if_none_match = src->state.etag;
    req.if_modified_since = src->state.last_modified;
  }
  http.fetch(std::move(req), [this, job = std::move(job)](fetchers::Response r) mutable {
    on_response(std::move(job), std::move(r));
  });
}

void Crawler::Impl::log_fetch(const Job& job, const fetchers::Response& r, const std::string& error) {
  const auto& site = site_of(job);
  Logfmt line("fetch");
  line.add("site", site.name).add("url", job.url).add("kind", fetchers::job_kind_name(job.kind))
      .add("status", r.status).add("bytes", r.bytes).add("ms", static_cast<std::int64_t>(r.elapsed.count()));
  if (job.attempt > 1) line.add("attempt", job.attempt);
  if (!r.location.empty()) line.add("location", r.location);
  if (!error.empty()) line.add("error", error);
  (error.empty() ? log.info("{}", line.str()) : log.warn("{}", line.str()));
  store.log_fetch(store::FetchRecord{site.name, job.url, std::string(fetchers::job_kind_name(job.kind)),
                                     r.started_at, r.status, r.bytes, static_cast<std::int64_t>(r.elapsed.count()),
                                     error});
}

// 429/503 defer the whole host (Retry-After, else exponential backoff); any other answer ends a streak.
void Crawler::Impl::note_host_answer(const Job& job, const fetchers::Response& r, WallTime now) {
  if (r.status != 429 && r.status != 503) {
    host_streak.erase(job.host_key);
    return;
  }
  if (host_streak.size() >= kMaxHostStreaks) host_streak.clear();
  const int streak = ++host_streak[job.host_key];
  if (auto until = fetchers::host_deferral(r.status, r.retry_after, streak, retry, now, jitter())) {
    frontier.defer_host(job.host_key, *until);
    log.warn("{}", Logfmt("host_deferred").add("site", site_of(job).name).add("host", job.host_key)
                       .add("status", r.status).add("retry_after", r.retry_after.empty() ? "none" : r.retry_after)
                       .add("for", format_duration(std::chrono::duration_cast<Millis>(*until - now)))
                       .add("streak", streak));
  }
}

void Crawler::Impl::on_response(Job job, fetchers::Response r) {
  --in_flight;
  const auto now = options.clock->now();
  frontier.finished(job.host_key, now);
  ++summary.fetched;
  note_host_answer(job, r, now);

  const auto cls = fetchers::classify_fetch(r.status, r.error);
  std::string error;
  if (r.error) {
    error = r.error->message;
  } else if (cls == fetchers::FetchClass::kTransient || cls == fetchers::FetchClass::kPermanent) {
    error = "http status " + std::to_string(r.status);
  }
  log_fetch(job, r, error);
  Source* src = source_for(job);
  if (src) {  // what the server asks of our next poll
    src->max_age = fetchers::cache_max_age(r.cache_control);
    src->retry_after.reset();
    if (auto after = fetchers::parse_retry_after(r.retry_after, now)) src->retry_after = now + *after;
  }

  switch (cls) {
    case fetchers::FetchClass::kRedirect:
      follow_redirect(std::move(job), r, now);
      pump();
      return;
    case fetchers::FetchClass::kTransient:
    case fetchers::FetchClass::kPermanent:
      ++summary.failed;
      if (job.kind == JobKind::kArticle) {
        article_failed(job, r.status, r.error, now);
      } else if (src) {
        source_failed(*src, job, r.status, r.error, now);
      }
      pump();
      return;
    case fetchers::FetchClass::kNotModified:
      if (src) {
        log.info("{}", Logfmt("unchanged").add("site", site_of(job).name).add("url", job.url)
                           .add("kind", fetchers::job_kind_name(job.kind)));
        source_done(*src, now, r.status, {});
      }
      pump();
      return;
    case fetchers::FetchClass::kSuccess:
      break;
  }
  if (src) {
    if (!r.etag.empty()) src->state.etag = r.etag;
    if (!r.last_modified.empty()) src->state.last_modified = r.last_modified;
  }
  ++parsing;
  const std::string final_url = r.effective_url.empty() ? job.url : r.effective_url;
  const bool want_feeds = src != nullptr && src->start && site_of(job).feeds.empty();
  asio::post(workers, [this, job = std::move(job), final_url, ct = std::move(r.content_type),
                       body = std::move(r.body), now, want_feeds]() mutable {
    const auto t0 = options.clock->steady_now();
    ProcessedPage page;
    try {
      page = process_page(job.kind, site_of(job), final_url, ct, std::move(body), now, want_feeds,
                          ListedDate{job.item_published, job.item_date_from});
    } catch (const std::exception& e) {  // one bad page never takes the daemon down
      page.outcome = ProcessedPage::Outcome::kInvalid;
      page.error = std::string("internal: ") + e.what();
    }
    const auto parse_ms = since(*options.clock, t0);
    asio::post(io, [this, job = std::move(job), page = std::move(page), final_url, parse_ms, now]() mutable {
      on_processed(std::move(job), std::move(page), final_url, parse_ms, now);
    });
  });
  pump();
}

// A 3xx: the next hop is a new job on the target's host (its robots.txt, its delay). A permanent
// move (301/308) of a configured source, at its first hop, moves the stored source too.
void Crawler::Impl::follow_redirect(Job job, const fetchers::Response& r, WallTime now) {
  const auto& site = site_of(job);
  const std::string target = parsers::canonical_link(job.url, r.location);
  std::string problem;
  if (target.empty()) {
    problem = "redirect to an unusable location '" + r.location + "'";
  } else if (job.redirects + 1 > config.daemon.fetch.max_redirects) {
    problem = "too many redirects (" + std::to_string(job.redirects + 1) + "), a redirect loop?";
  } else if (target == job.url || target == job.frontier_url()) {
    problem = "redirect loop: " + job.url + " leads back to " + target;
  }
  if (!problem.empty()) {
    ++summary.failed;
    log.warn("{}", Logfmt("redirect_failed").add("site", site.name).add("url", job.url).add("error", problem));
    if (job.kind == JobKind::kArticle) {
      url_state(job, store::kUrlFailed, problem);
    } else if (auto* src = source_for(job)) {
      source_done(*src, now, r.status, problem);
    }
    return;
  }
  if (job.kind != JobKind::kArticle && job.redirects == 0 && (r.status == 301 || r.status == 308)) {
    if (auto* src = source_for(job)) source_moved(*src, target);
  }
  const std::string host = host_key_of(target);
  Job next = job;
  next.origin = job.frontier_url();
  next.url = target;
  next.host_key = host;
  next.redirects = job.redirects + 1;
  frontier.push_front(std::move(next));
}

void Crawler::Impl::on_processed(Job job, ProcessedPage page, const std::string& final_url, Millis parse_ms,
                                 WallTime now) {
  --parsing;
  const auto& site = site_of(job);
  const auto kind = fetchers::job_kind_name(job.kind);
  Source* src = source_for(job);
  if (!page.charset_repair.empty() || !page.charset_declared.empty()) {
    Logfmt line("charset");
    line.add("site", site.name).add("url", final_url).add("charset", page.charset);
    if (!page.charset_declared.empty()) line.add("declared", page.charset_declared);
    if (!page.charset_repair.empty()) line.add("repaired", page.charset_repair);
    log.info("{}", line);
  }
  for (const auto& w : page.warnings) {
    log.debug("{}", Logfmt("warning").add("site", site.name).add("url", final_url).add("warning", w));
  }
  switch (page.outcome) {
    case ProcessedPage::Outcome::kInvalid:
      log.warn("{}", Logfmt("parse_failed").add("site", site.name).add("url", final_url).add("kind", kind)
                         .add("error", page.error));
      if (src) source_done(*src, now, 200, page.error);
      if (job.kind == JobKind::kArticle) url_state(job, store::kUrlFailed, page.error);
      break;
    case ProcessedPage::Outcome::kListing:
      if (src) {
        listing_done(static_cast<std::size_t>(src - sources.data()), page, final_url, parse_ms, now);
        src = nullptr;  // listing_done may add sources (and move the vector)
      } else {
        log.info("{}", Logfmt("listing").add("site", site.name).add("url", final_url).add("kind", kind)
                           .add("items", page.items).add("articles", page.discovered.size())
                           .add("ms", static_cast<std::int64_t>(parse_ms.count())));
      }
      break;
    case ProcessedPage::Outcome::kNoArticle:
      ++summary.no_article;
      log.warn("{}", Logfmt("no_article").add("site", site.name).add("url", final_url)
                         .add("reason", page.error).add("links", page.discovered.size()));
      if (src) {
        source_done(*src, now, 200, {});
      } else {
        url_state(job, store::kUrlNoArticle, page.error);
      }
      break;
    case ProcessedPage::Outcome::kArticle:
      store_article(job, std::move(*page.article), page.words, parse_ms);
      break;
  }
  discover(job.site, std::move(page.discovered), page.lastmods, page.item_dates, page.item_date_from, final_url);
  pump();
}

// A feed, sitemap or section page was read. Feed items go to the store first (new items over the
// last week drive the next poll), then the source is scheduled and the listing logged with it.
void Crawler::Impl::listing_done(std::size_t i, ProcessedPage& page, const std::string& final_url, Millis parse_ms,
                                 WallTime now) {
  Source& src = sources[i];
  const std::size_t site = src.site;
  src.format = page.format;
  src.ttl_minutes = page.ttl_minutes;
  Logfmt line("listing");
  line.add("site", config.sites[site].name).add("url", final_url).add("kind", fetchers::job_kind_name(src.kind));
  if (!page.format.empty()) line.add("format", page.format);
  line.add("items", page.items).add("articles", page.discovered.size());
  if (!page.sitemaps.empty()) line.add("sitemaps", page.sitemaps.size());
  line.add("ms", static_cast<std::int64_t>(parse_ms.count()));

  const bool is_feed = page.format == "rss" || page.format == "atom" || page.format == "jsonfeed";
  if (is_feed) {
    ++pending_store;
    store.record_items(config.sites[site].name, src.url, src.state.kind, std::move(page.seen), now,
                       [this, i, line = std::move(line), now](Result<store::ItemCounts> counts) mutable {
                         asio::post(io, [this, i, line = std::move(line), now, counts = std::move(counts)]() mutable {
                           --pending_store;
                           Source& s = sources[i];
                           if (counts) {
                             s.state.items_week = counts->week;
                             line.add("new", counts->new_items).add("new_7d", counts->week);
                           } else {
                             line.add("store_error", counts.error().str());
                           }
                           const auto d = source_done(s, now, 200, {});
                           line.add("next_in", format_duration(std::chrono::duration_cast<Millis>(d.due - now)))
                               .add("why", d.why);
                           log.info("{}", line.str());
                           pump();
                         });
                       });
  } else {
    const auto d = source_done(src, now, 200, {});
    line.add("next_in", format_duration(std::chrono::duration_cast<Millis>(d.due - now))).add("why", d.why);
    log.info("{}", line.str());
  }
  if (!page.sitemaps.empty()) found_child_sitemaps(site, std::move(page.sitemaps), final_url);
  // Autodiscovery: the start page of a site whose file lists no feeds names its feed.
  const auto& sc = config.sites[site];
  if (!page.feeds.empty() && sc.feeds.empty() && sources[i].start) {
    bool has_feed = false;
    for (const auto& other : sources) has_feed = has_feed || (other.site == site && other.kind == JobKind::kFeed);
    if (!has_feed) found_source(site, JobKind::kFeed, page.feeds.front(), "html", final_url);
  }
}

void Crawler::Impl::store_article(Job job, store::ArticleRecord rec, std::size_t words, Millis parse_ms) {
  const auto& site = site_of(job);
  if (rec.canonical_url != job.frontier_url()) url_state(job, store::kUrlDone);
  ++pending_store;
  Logfmt line("article");
  line.add("site", site.name).add("url", rec.canonical_url).add("title", rec.title).add("words", words)
      .add("published", rec.published_at_text.empty() ? std::string_view("none")
                                                       : std::string_view(rec.published_at_text))
      .add("date_from", rec.date_from.empty() ? std::string_view("none") : std::string_view(rec.date_from))
      .add("ms", static_cast<std::int64_t>(parse_ms.count()));
  store.add_article(std::move(rec), [this, line = std::move(line)](Result<store::AddedArticle> added) mutable {
    asio::post(io, [this, line = std::move(line), added = std::move(added)]() mutable {
      --pending_store;
      if (!added) {
        log.error("{}", line.add("error", added.error().str()).str());
      } else {
        ++summary.articles;
        // dup=no|exact|near; a near copy also says how close: distance=N (SimHash bits) and the
        // share of the shorter text found in the other.
        line.add("id", added->id).add("dup", added->duplicate_kind.empty() ? std::string_view("no")
                                                                             : std::string_view(added->duplicate_kind));
        if (added->duplicate_kind == store::kDuplicateNear) {
          line.add("distance", added->distance).add("overlap", added->overlap);
        }
        if (added->duplicate_of) {
          ++summary.duplicates;
          line.add("duplicate_of", *added->duplicate_of);
        }
        if (added->story_id != added->id) line.add("story", added->story_id);
        if (added->existed) line.add("updated", true);
        if (added->revised) line.add("revision", added->revisions);
        log.info("{}", line.str());
      }
      maybe_finish();
    });
  });
}

void Crawler::Impl::stop() {
  if (stopping) return;
  stopping = true;
  for (auto& s : sources) s.timer->cancel();
  stats_timer.cancel();
  due_timer.cancel();
  wake.cancel();
  maybe_finish();
}

// --once ends when nothing is in flight, parsing or being stored, the window is empty and the store
// holds no queued URL (retries not yet due are waited for); a stop ends as soon as nothing is in
// flight: queued URLs stay in the store for the next run.
void Crawler::Impl::maybe_finish() {
  if (finished || in_flight || parsing || pending_store || refilling) return;
  if (!stopping) {
    if (!options.once || !frontier.idle() || retry_timers > 0 || refill_wanted) return;
    if (store_queued > 0) {
      // Queued URLs all due later (on_claimed claimed every due one): wait only for the near ones.
      const auto now = options.clock->now();
      if (!store_next_due || *store_next_due - now <= kOnceMaxWait) return;
      log.info("{}", Logfmt("once_leaving").add("queued", store_queued)
                         .add("next_due_in", format_duration(std::chrono::duration_cast<Millis>(*store_next_due - now)))
                         .add("reason", "due later than the --once wait limit; the next run takes them"));
    } else if (store_queued < 0) {
      return;
    }
  }
  finished = true;
  summary.elapsed = since(*options.clock, started);
  for (auto& s : sources) s.timer->cancel();
  stats_timer.cancel();
  due_timer.cancel();
  wake.cancel();
  signals.cancel();
  io.stop();
}

Crawler::Crawler(const config::Config& config, store::Store& store, spdlog::logger& log, CrawlOptions options)
    : impl_(std::make_unique<Impl>(config, store, log, options)) {}

Crawler::~Crawler() { impl_->workers.join(); }

CrawlSummary Crawler::run() {
  auto& im = *impl_;
  im.started = im.options.clock->steady_now();
  im.setup();
  asio::post(im.io, [&im] { im.pump(); });
  im.io.run();
  im.workers.join();
  // A crawl run once ends searchable; a daemon that stops leaves the search index's backlog (large
  // only just after an upgrade) to its next start rather than outwait systemd's stop timeout.
  if (im.options.once) {
    im.store.flush();
  } else {
    im.store.flush_writes();
  }
  im.log_stats(im.options.once ? "done" : "stopped");
  return im.summary;
}

void Crawler::request_stop() {
  asio::post(impl_->io, [im = impl_.get()] { im->stop(); });
}

}  // namespace akhbar::daemon
