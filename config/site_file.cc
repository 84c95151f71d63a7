// A site file, sites.d/<name>.yaml (INTERFACE.md "A site file").
#include <set>
#include <string>

#include "config/readers.h"
#include "parsers/date/date.h"
#include "parsers/html/selector_check.h"
#include "parsers/url/url.h"

namespace akhbar::config::detail {
namespace {

constexpr Millis kPositive{1};
constexpr Millis kNonNegative{0};

bool is_site_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// An absolute http(s) URL, or nullopt after reporting at `mark`.
std::optional<std::string> http_url(const YAML::Node& node, const YAML::Mark& mark, const std::string& what,
                                    Diagnostics& diag) {
  auto text = scalar_string(node, mark, what, diag, /*allow_empty=*/false);
  if (!text) return std::nullopt;
  auto url = parsers::Url::parse(*text);
  if (!url || !url->is_http()) {
    diag.error(mark, what + ": expected an absolute http(s) URL, got '" + *text + "'");
    return std::nullopt;
  }
  return text;
}

std::string item_path(std::string_view list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

// The list under `key`, or nullptr when absent, null, or not a list (reported).
const YAML::Node* list_value(const MapReader& map, std::string_view key) {
  const YAML::Node* v = map.value(key);
  if (v == nullptr || v->IsNull()) return nullptr;
  if (!v->IsSequence()) {
    map.diag().error(map.value_mark(key), std::string(key) + ": expected a list, got " + describe(*v));
    return nullptr;
  }
  return v;
}

// Reports a URL given twice in one list; true when `url` is new.
bool first_time(std::set<std::string>& seen, const std::string& url, const YAML::Mark& mark,
                const std::string& what, Diagnostics& diag) {
  if (seen.insert(url).second) return true;
  diag.error(mark, what + ": '" + url + "' is listed twice");
  return false;
}

// feeds, sections and sitemaps: each item is a URL or {url, every}.
std::vector<Source> read_sources(const MapReader& map, std::string_view key) {
  std::vector<Source> out;
  const YAML::Node* list = list_value(map, key);
  if (list == nullptr) return out;
  Diagnostics& diag = map.diag();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const YAML::Node item = (*list)[i];
    const std::string what = item_path(key, i);
    const YAML::Mark mark = mark_or(item, list->Mark());
    Source source;
    if (item.IsScalar()) {
      auto url = http_url(item, mark, what, diag);
      if (!url) continue;
      source.url = std::move(*url);
    } else if (item.IsMap()) {
      MapReader entry(item, what, {"url", "every"}, diag);
      const YAML::Node* url_node = entry.value("url");
      if (url_node == nullptr) {
        diag.error(mark, what + ": url is required");
        continue;
      }
      auto url = http_url(*url_node, entry.value_mark("url"), entry.path_of("url"), diag);
      Millis every{0};
      const bool has_every = entry.has("every");
      const bool every_ok = entry.read_duration("every", every, kPositive);
      if (!url || (has_every && !every_ok)) continue;
      source.url = std::move(*url);
      if (has_every) source.every = every;
    } else {
      diag.error(mark, what + ": expected a URL or {url, every}, got " + describe(item));
      continue;
    }
    if (first_time(seen, source.url, mark, what, diag)) out.push_back(std::move(source));
  }
  return out;
}

// Reports a selector that does not compile (CSS or "xpath:") at the position of its value.
void check_selector(const std::string& selector, const YAML::Mark& mark, const std::string& what,
                    Diagnostics& diag) {
  if (std::string problem = parsers::selector_problem(selector); !problem.empty()) {
    diag.error(mark, what + ": " + problem);
  }
}

void read_articles(const YAML::Node& node, SiteConfig& site, Diagnostics& diag) {
  MapReader map(node, "articles", {"match", "title", "body", "date", "author", "remove", "title_suffix"},
                diag);
  std::string pattern;
  if (map.read_string("match", pattern)) {
    auto matcher = parsers::LinkMatcher::compile(pattern);
    if (matcher) {
      site.match = std::move(*matcher);
    } else {
      // The regex library's own words, without the parsers module's prefix.
      std::string_view why = matcher.error().message;
      constexpr std::string_view kPrefix = "bad pattern: ";
      if (auto at = why.find(kPrefix); at != std::string_view::npos) why.remove_prefix(at + kPrefix.size());
      diag.error(map.value_mark("match"), "articles.match: invalid regular expression: " + std::string(why));
    }
  }
  // Every selector key is compiled now, so a typo is an error at its line instead of a page-by-page
  // "selector matched nothing" warning once the daemon runs.
  const struct {
    std::string_view key;
    std::string* out;
  } kSelectors[] = {{"title", &site.rules.title},
                    {"body", &site.rules.body},
                    {"date", &site.rules.date},
                    {"author", &site.rules.author}};
  for (const auto& s : kSelectors) {
    if (map.read_string(s.key, *s.out)) {
      check_selector(*s.out, map.value_mark(s.key), map.path_of(s.key), diag);
    }
  }
  map.read_string("title_suffix", site.rules.title_suffix, /*allow_empty=*/true);

  if (const YAML::Node* remove = map.value("remove")) {
    const YAML::Mark mark = map.value_mark("remove");
    if (remove->IsScalar()) {
      if (auto s = scalar_string(*remove, mark, "articles.remove", diag, false)) {
        check_selector(*s, mark, "articles.remove", diag);
        site.rules.remove.push_back(std::move(*s));
      }
    } else if (remove->IsSequence()) {
      for (std::size_t i = 0; i < remove->size(); ++i) {
        const YAML::Node item = (*remove)[i];
        const YAML::Mark item_mark = mark_or(item, mark);
        auto s = scalar_string(item, item_mark, item_path("articles.remove", i), diag, false);
        if (!s) continue;
        check_selector(*s, item_mark, item_path("articles.remove", i), diag);
        site.rules.remove.push_back(std::move(*s));
      }
    } else if (!remove->IsNull()) {
      diag.error(mark, "articles.remove: expected a selector or a list of selectors, got " +
                           describe(*remove));
    }
  }
}

}  // namespace

SiteRead read_site(const YAML::Node& root, Diagnostics& diag) {
  SiteRead out;
  SiteConfig& site = out.site;
  MapReader map(root, "",
                {"name", "title", "timezone", "start", "feeds", "sitemaps", "sections", "articles",
                 "politeness"},
                diag);

  std::string name;
  if (!map.has("name")) {
    diag.error(YAML::Mark::null_mark(), "name: required (a short id like 'baladi-news')");
  } else if (map.read_string("name", name)) {
    if (is_site_name(name)) {
      site.name = name;
      out.name_mark = map.value_mark("name");
    } else {
      diag.error(map.value_mark("name"),
                 "name: expected lowercase letters, digits, '.', '_' or '-', got '" + name + "'");
    }
  }
  map.read_string("title", site.title);

  std::string zone;
  if (map.read_string("timezone", zone)) {
    if (parsers::is_known_timezone(zone)) {
      site.timezone = zone;
    } else {
      diag.error(map.value_mark("timezone"),
                 "timezone: unknown time zone '" + zone + "' (expected an IANA name like Asia/Damascus)");
    }
  }
  if (const YAML::Node* start = map.value("start")) {
    if (auto url = http_url(*start, map.value_mark("start"), "start", diag)) site.start = std::move(*url);
  }

  site.feeds = read_sources(map, "feeds");
  site.sitemaps = read_sources(map, "sitemaps");
  site.sections = read_sources(map, "sections");
  if (const YAML::Node* articles = map.value("articles")) read_articles(*articles, site, diag);

  if (const YAML::Node* politeness = map.value("politeness")) {
    MapReader p(*politeness, "politeness", {"min_delay"}, diag);
    Millis delay{0};
    if (p.read_duration("min_delay", delay, kNonNegative)) site.min_delay = delay;
  }

  site.rules.site_title = site.title;
  site.rules.timezone = site.timezone;
  return out;
}

}  // namespace akhbar::config::detail
