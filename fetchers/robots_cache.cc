#include "fetchers/robots_cache.h"

#include <cmath>
#include <utility>

namespace akhbar::fetchers {

namespace {

std::string error_word(const std::optional<Error>& error) {
  if (!error) return "no response";
  switch (error->code) {
    case Errc::kDeadlineExceeded: return "timeout";
    case Errc::kUnavailable: return "unreachable";
    case Errc::kDataLoss: return "truncated";
    case Errc::kPermissionDenied: return "refused address";
    default: return std::string(errc_name(error->code));
  }
}

}  // namespace

RobotsCache::RobotsCache(std::string agent, Millis max_crawl_delay, std::size_t max_hosts)
    : agent_(std::move(agent)), max_crawl_delay_(max_crawl_delay), max_hosts_(max_hosts == 0 ? 1 : max_hosts) {}

RobotsCache::State RobotsCache::state(const std::string& host_key, WallTime now) {
  auto it = entries_.find(host_key);
  if (it == entries_.end()) return State::kUnknown;
  Entry& e = it->second;
  touch(e, host_key);
  if (e.fetching) return State::kFetching;
  if (e.ready && now < e.expires) return State::kReady;
  return State::kUnknown;
}

RobotsCache::Entry& RobotsCache::entry(const std::string& host_key) {
  auto [it, inserted] = entries_.try_emplace(host_key);
  Entry& e = it->second;
  if (inserted) {
    lru_.push_front(host_key);
    e.lru = lru_.begin();
  } else {
    touch(e, host_key);
  }
  return e;
}

void RobotsCache::fetching(const std::string& host_key) {
  entry(host_key).fetching = true;
  evict();
}

RobotsCache::Stored RobotsCache::store(const std::string& host_key, int status, std::string_view body,
                                       const std::optional<Error>& error, WallTime now) {
  Stored out;
  if (status == 304) {
    // Our conditional GET: the copy we hold is current. Keep its rules for another day.
    if (auto it = entries_.find(host_key); it != entries_.end() && it->second.ready && it->second.parsed) {
      Entry& e = it->second;
      touch(e, host_key);
      e.expires = now + kRobotsTtl;
      e.fetching = false;
      out.allow_all = e.policy.is_allow_all();
      out.disallow_all = e.policy.is_disallow_all();
      out.crawl_delay = e.crawl_delay;
      out.outcome = "unchanged (304)";
      return out;
    }
  }
  parsers::RobotsPolicy policy;
  Millis ttl = kRobotsTtl;
  bool unavailable = false;
  const bool success = status >= 200 && status <= 299;
  // A body cut at max_body is still the first part of the file: RFC 9309 2.5 lets a crawler parse
  // what it has, and parse_robots only reads kMaxRobotsBytes of it anyway.
  const bool usable_body = success && (!error || error->code == Errc::kResourceExhausted);

  if (usable_body) {
    const parsers::RobotsTxt txt = parsers::parse_robots(body);
    policy = parsers::RobotsPolicy::for_agent(txt, agent_);
    out.sitemaps = txt.sitemaps;
    out.outcome = error ? "parsed (cut at " + std::to_string(body.size()) + " bytes)" : "parsed";
  } else if (status >= 400 && status <= 499 && status != 429) {
    // RFC 9309 2.3.1.3: "unavailable" (401 and 403 included) means no rules at all.
    policy = parsers::RobotsPolicy::allow_all();
    out.outcome = "no robots (" + std::to_string(status) + ")";
  } else if (status >= 300 && status <= 399) {
    // RFC 9309 2.3.1.2: redirects were followed (5 hops) and led nowhere: unavailable.
    policy = parsers::RobotsPolicy::allow_all();
    out.outcome = "no robots (" + std::to_string(status) + " after redirects)";
  } else {
    // RFC 9309 2.3.1.4: unreachable (5xx, 429 as Google treats it, timeouts, resets): complete
    // disallow, asked again sooner.
    policy = parsers::RobotsPolicy::disallow_all();
    ttl = kRobotsErrorTtl;
    unavailable = true;
    const std::string what = status != 0 && !(success && error) ? std::to_string(status) : error_word(error);
    out.outcome = "error " + what + ": disallow all for 1h";
  }

  out.allow_all = policy.is_allow_all();
  out.disallow_all = policy.is_disallow_all();
  if (const auto raw = policy.crawl_delay_s(); raw && std::isfinite(*raw) && *raw >= 0) {
    out.crawl_delay_raw_s = *raw;
    const double max_ms = static_cast<double>(max_crawl_delay_.count());
    const double ms = *raw * 1000.0;
    if (ms > max_ms) {
      out.crawl_delay = max_crawl_delay_;
      out.crawl_delay_capped = true;
    } else {
      out.crawl_delay = Millis(std::llround(ms));
    }
  }

  Entry& e = entry(host_key);
  e.policy = std::move(policy);
  e.parsed = usable_body;
  e.unavailable = unavailable;
  if (!usable_body) e.validators = {};  // nothing left to revalidate
  e.crawl_delay = out.crawl_delay;
  e.expires = now + ttl;
  e.fetching = false;
  e.ready = true;
  evict();
  return out;
}

bool RobotsCache::allowed(const std::string& host_key, std::string_view path) const {
  auto it = entries_.find(host_key);
  if (it == entries_.end() || !it->second.ready) return false;  // not known yet: do not fetch
  return it->second.policy.allowed(path);
}

std::optional<Millis> RobotsCache::crawl_delay(const std::string& host_key) const {
  auto it = entries_.find(host_key);
  if (it == entries_.end() || !it->second.ready) return std::nullopt;
  return it->second.crawl_delay;
}

std::optional<WallTime> RobotsCache::unavailable_until(const std::string& host_key, WallTime now) const {
  auto it = entries_.find(host_key);
  if (it == entries_.end() || !it->second.ready || !it->second.unavailable || now >= it->second.expires) {
    return std::nullopt;
  }
  return it->second.expires;
}

RobotsCache::Validators RobotsCache::validators(const std::string& host_key) const {
  auto it = entries_.find(host_key);
  if (it == entries_.end() || !it->second.parsed) return {};
  return it->second.validators;
}

void RobotsCache::set_validators(const std::string& host_key, std::string etag, std::string last_modified) {
  auto it = entries_.find(host_key);
  if (it == entries_.end()) return;
  it->second.validators = Validators{std::move(etag), std::move(last_modified)};
}

void RobotsCache::touch(Entry& e, const std::string& /*host_key*/) { lru_.splice(lru_.begin(), lru_, e.lru); }

void RobotsCache::evict() {
  while (entries_.size() > max_hosts_ && !lru_.empty()) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
}

}  // namespace akhbar::fetchers
