#include "fetchers/host_frontier.h"

#include <algorithm>
#include <utility>

namespace akhbar::fetchers {

std::string_view job_kind_name(JobKind kind) {
  switch (kind) {
    case JobKind::kFeed:
      return "feed";
    case JobKind::kSection:
      return "section";
    case JobKind::kSitemap:
      return "sitemap";
    case JobKind::kArticle:
      return "article";
  }
  return "unknown";
}

void HostFrontier::set_delay(const std::string& host_key, Millis delay) { hosts_[host_key].delay = delay; }

Millis HostFrontier::delay_for(const std::string& host_key) const {
  auto it = hosts_.find(host_key);
  if (it == hosts_.end() || !it->second.delay) return default_delay_;
  return *it->second.delay;
}

void HostFrontier::push(Job job) { add_job(std::move(job), false); }

void HostFrontier::push_front(Job job) { add_job(std::move(job), true); }

void HostFrontier::add_job(Job job, bool front) {
  const std::string key = job.host_key;
  Host& host = hosts_[key];
  if (front) {
    host.jobs.push_front(std::move(job));
  } else {
    host.jobs.push_back(std::move(job));
  }
  ++queued_;
  refresh(key, host);
}

std::optional<Job> HostFrontier::pop_ready(WallTime now) {
  if (ready_.empty() || ready_.begin()->not_before > now) return std::nullopt;
  const std::string key = ready_.begin()->host_key;
  Host& host = hosts_.at(key);
  Job job = std::move(host.jobs.front());
  host.jobs.pop_front();
  --queued_;
  host.busy = true;
  ++busy_;
  refresh(key, host);  // busy: leaves ready_
  return job;
}

std::optional<WallTime> HostFrontier::next_ready_at() const {
  if (ready_.empty()) return std::nullopt;
  return ready_.begin()->not_before;
}

void HostFrontier::finished(const std::string& host_key, WallTime now) {
  Host& host = hosts_[host_key];
  if (host.busy) {
    host.busy = false;
    --busy_;
  }
  host.not_before = std::max(host.not_before, now + delay_for(host_key));
  refresh(host_key, host);
}

void HostFrontier::release(const std::string& host_key) {
  Host& host = hosts_[host_key];
  if (host.busy) {
    host.busy = false;
    --busy_;
  }
  refresh(host_key, host);
}

void HostFrontier::defer_host(const std::string& host_key, WallTime until) {
  Host& host = hosts_[host_key];
  host.not_before = std::max(host.not_before, until);
  refresh(host_key, host);
}

void HostFrontier::refresh(const std::string& host_key, Host& host) {
  const bool should_wait = !host.busy && !host.jobs.empty();
  if (host.ready_it) {
    if (should_wait && (*host.ready_it)->not_before == host.not_before) return;  // keeps its place
    ready_.erase(*host.ready_it);
    host.ready_it.reset();
  }
  if (should_wait) host.ready_it = ready_.insert(ReadyKey{host.not_before, next_seq_++, host_key}).first;
}

}  // namespace akhbar::fetchers
