// daemon/crawler_frontier.cc: discovery, the in-memory window over the durable frontier (SQLite),
// and what happens to an article URL that failed.
#include <boost/asio/post.hpp>

#include "daemon/crawler_impl.h"
#include "util/logfmt.h"

namespace akhbar::daemon {

// A new URL goes to the store first (INSERT OR IGNORE on its canonical form): the store is the one
// place that knows whether it was ever seen, so nothing is fetched twice, across restarts too.
void Crawler::Impl::discover(std::size_t site_i, std::vector<std::string> urls,
                             const std::vector<std::optional<WallTime>>& lastmods,
                             const std::vector<std::optional<WallTime>>& item_dates,
                             const std::string& item_date_from, const std::string& via) {
  if (urls.empty()) return;
  std::vector<store::UrlRecord> records;
  records.reserve(urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    std::string host = host_key_of(urls[i]);
    if (host.empty()) continue;
    const auto lastmod = i < lastmods.size() ? lastmods[i] : std::nullopt;
    std::string canonical = urls[i];
    store::UrlRecord record{config.sites[site_i].name, std::move(urls[i]), std::move(canonical), via,
                            std::move(host), std::nullopt, lastmod, std::nullopt, {}};
    if (i < item_dates.size() && item_dates[i]) {
      record.item_published = item_dates[i];
      record.item_date_from = item_date_from;
    }
    records.push_back(std::move(record));
  }
  ++pending_store;
  store.add_urls(std::move(records), [this](std::size_t queued) {
    asio::post(io, [this, queued] {
      --pending_store;
      if (queued > 0) {
        summary.discovered += queued;
        refill_wanted = true;
      }
      pump();
    });
  });
}

// Claims due URLs from the store when the window runs low (or something new may be due).
void Crawler::Impl::maybe_refill() {
  if (refilling || stopping || finished) return;
  if (frontier.queued() >= kWindowLowWater) return;
  if (!refill_wanted) return;
  refill_wanted = false;
  refilling = true;
  const std::size_t room = kWindow - frontier.queued();
  store.claim_due(options.clock->now(), room, kClaimPerHost, [this](Result<store::ClaimedBatch> batch) {
    asio::post(io, [this, batch = std::move(batch)]() mutable { on_claimed(std::move(batch)); });
  });
}

void Crawler::Impl::on_claimed(Result<store::ClaimedBatch> batch) {
  refilling = false;
  if (!batch) {
    log.error("{}", Logfmt("frontier_error").add("error", batch.error().str()));
    store_queued = 0;  // do not spin on a broken store; the next discovery or timer tries again
    pump();
    return;
  }
  for (auto& due : batch->urls) {
    auto it = site_index.find(due.site);
    if (it == site_index.end() || due.host.empty()) {
      // The site was removed from the config: leave the URL for a later run that knows it.
      store.retry_later(due.url, due.attempts, options.clock->now() + std::chrono::hours(24),
                        "site not configured");
      continue;
    }
    Job job;
    job.url = std::move(due.url);
    job.host_key = std::move(due.host);
    job.kind = JobKind::kArticle;
    job.site = it->second;
    job.attempt = due.attempts + 1;
    job.via = std::move(due.via);
    job.item_published = due.item_published;
    job.item_date_from = std::move(due.item_date_from);
    frontier.push(std::move(job));
  }
  store_queued = batch->queued;
  store_next_due = batch->next_due_at;
  // A full claim may have left more due URLs behind.
  if (!batch->urls.empty() && batch->queued > 0) refill_wanted = true;
  if (store_next_due) {
    const auto wait = std::max(Millis(1), std::chrono::duration_cast<Millis>(*store_next_due - options.clock->now()));
    due_timer.expires_after(wait);
    due_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      refill_wanted = true;
      pump();
    });
  }
  pump();
}

void Crawler::Impl::url_state(const Job& job, std::string_view state, std::string error) {
  store.set_url_state(job.frontier_url(), state, job.attempt, std::move(error));
}

// Transient failures come back later (exponential backoff with jitter) until retry.attempts is
// used up; then, like permanent failures, the URL is marked failed, which `stats` shows.
void Crawler::Impl::article_failed(const Job& job, int status, const std::optional<Error>& error, WallTime now) {
  const auto& site = site_of(job);
  const auto d = fetchers::decide_retry(status, error, job.attempt, retry, now, jitter());
  Logfmt line(d.kind == fetchers::RetryDecision::kRetry ? "retry" : "failed");
  line.add("site", site.name).add("url", job.frontier_url()).add("attempt", job.attempt).add("reason", d.reason);
  if (d.kind == fetchers::RetryDecision::kRetry) {
    ++retries;
    const auto in = std::chrono::duration_cast<Millis>(d.not_before - now);
    line.add("next_in", format_duration(in));
    log.warn("{}", line.str());
    store.retry_later(job.frontier_url(), job.attempt, d.not_before, d.reason);
    refill_wanted = true;  // its due time is now in the store; on_claimed arms the timer
  } else {
    line.add("next_in", "never");
    // A permanent answer (404, 410, ...) versus a transient one that used up retry.attempts.
    if (fetchers::classify_fetch(status, error) == fetchers::FetchClass::kPermanent) {
      line.add("permanent", true);
    } else {
      line.add("gave_up", true);
    }
    log.warn("{}", line.str());
    url_state(job, store::kUrlFailed, error ? error->message : d.reason);
  }
}

}  // namespace akhbar::daemon
