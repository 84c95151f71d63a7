// daemon/cli_tools.cc: the offline tools: extract, parse-feed, date, normalize. They run the same
// parsers a crawl runs, on files, so a site's rules can be tried before they are deployed.
#include <chrono>
#include <iostream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "daemon/article_json.h"
#include "daemon/commands.h"
#include "parsers/article/article.h"
#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/charset.h"
#include "parsers/date/date.h"
#include "parsers/feed/feed.h"
#include "parsers/text/normalize.h"
#include "parsers/url/url.h"
#include "util/read_file.h"

namespace akhbar::daemon {
namespace {

nlohmann::ordered_json time_or_null(const std::optional<WallTime>& t, std::string_view tz) {
  if (!t) return nullptr;
  return parsers::format_in_zone(*t, tz);
}

}  // namespace

int cmd_extract(const std::string& site_file, const std::string& url, const std::string& content_type,
                const std::vector<std::string>& files) {
  config::SiteConfig site;
  if (!site_file.empty()) {
    std::vector<Error> errors;
    auto loaded = config::load_site_file(site_file, &errors);
    if (!loaded) {
      if (errors.empty()) errors.push_back(loaded.error());
      for (const auto& e : errors) std::cerr << e.str() << '\n';
      return 1;
    }
    site = std::move(*loaded);
  }
  const auto now = std::chrono::system_clock::now();
  int status = 0;
  for (const auto& file : files) {
    auto bytes = read_file(file, kMaxInputFileBytes);
    if (!bytes) {
      std::cerr << bytes.error().str() << '\n';
      status = 1;
      continue;
    }
    const std::string page_url =
        url.empty() ? "file://" + std::filesystem::absolute(file).lexically_normal().string() : url;
    parsers::DecodeInfo decoded;
    auto text = parsers::decode_text(std::move(*bytes), content_type, &decoded);
    if (!text) {
      std::cerr << file << ": not an article: " << text.error().message << '\n';
      status = 1;
      continue;
    }
    const std::string& html = *text;
    if (!decoded.declared.empty()) {
      std::cerr << file << ": warning: charset: declared " << decoded.declared << " but read as " << decoded.charset
                << '\n';
    }
    if (!decoded.repair.empty()) std::cerr << file << ": warning: charset: repaired \"" << decoded.repair << "\"\n";
    auto article = parsers::extract_article(html, page_url, site.rules, now);
    if (!article) {
      std::cerr << file << ": " << article.error().message << '\n';
      status = 1;
      continue;
    }
    store::ArticleRow row;
    row.site = site.name;
    row.url = article->url;
    row.canonical_url = article->canonical_url;
    row.content_hash = parsers::content_hash(article->title, article->body);
    row.simhash = parsers::near_fingerprint(article->body).simhash;
    row.title = article->title;
    row.author = article->author;
    row.published_at = article->published_at;
    if (article->published_at) row.published_at_text = parsers::format_in_zone(*article->published_at, site.timezone);
    row.published_raw = article->published_raw;
    row.date_from = article->date_from;
    row.body = article->body;
    row.lang = article->lang;
    row.fetched_at = now;
    std::cout << article_json(row, file) << '\n';
    for (const auto& w : article->warnings) std::cerr << file << ": warning: " << w << '\n';
  }
  return status;
}

int cmd_parse_feed(const std::string& url, const std::string& content_type, const std::string& file) {
  auto bytes = read_file(file, kMaxInputFileBytes);
  if (!bytes) {
    std::cerr << bytes.error().str() << '\n';
    return 1;
  }
  const std::string base = url.empty() ? "file://" + std::filesystem::absolute(file).lexically_normal().string() : url;
  auto feed = parsers::parse_feed(*bytes, base, content_type, "UTC");
  if (!feed) {
    std::cerr << file << ": " << feed.error().message << '\n';
    return 1;
  }
  // The shape INTERFACE.md promises first, then what else the parser read (for scripts and the
  // conformance runner): the dialect, the encoding, whether recovery was needed, the feed's dates.
  nlohmann::ordered_json j;
  j["kind"] = feed->kind;
  j["title"] = feed->title;
  j["link"] = feed->link;
  j["version"] = feed->version;
  j["encoding"] = feed->encoding;
  j["recovered"] = feed->recovered;
  j["updated"] = time_or_null(feed->updated, "UTC");
  if (feed->ttl_minutes) j["ttl"] = *feed->ttl_minutes;
  j["items"] = nlohmann::ordered_json::array();
  for (const auto& item : feed->items) {
    nlohmann::ordered_json it;
    it["id"] = item.id;
    it["title"] = item.title;
    it["link"] = item.link;
    it["published"] = time_or_null(item.published, "UTC");
    it["updated"] = time_or_null(item.updated, "UTC");
    it["author"] = item.author;
    it["summary"] = item.summary;
    it["content"] = item.content;
    it["enclosures"] = item.enclosures;
    it["published_raw"] = item.published_raw;
    j["items"].push_back(std::move(it));
  }
  std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  for (const auto& w : feed->warnings) std::cerr << file << ": warning: " << w << '\n';
  return 0;
}

int cmd_date(const std::string& tz, const std::string& now_text, const std::string& text) {
  auto now = std::chrono::system_clock::now();
  if (!now_text.empty()) {
    auto parsed = parse_rfc3339(now_text);
    if (!parsed) parsed = parsers::parse_date(now_text, tz, now);
    if (!parsed) {
      std::cerr << "akhbard date: --now: expected an ISO time like 2022-10-08T12:00:00+03:00, got '" << now_text
                << "'\n";
      return 2;
    }
    now = *parsed;
  }
  if (!parsers::is_known_timezone(tz)) {
    std::cerr << "akhbard date: --tz: unknown time zone '" << tz << "'\n";
    return 2;
  }
  auto t = parsers::parse_date(text, tz, now);
  std::cout << (t ? parsers::format_in_zone(*t, tz) : std::string("unparsed")) << '\n';
  return 0;
}

int cmd_normalize() {
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::cout << parsers::normalize_arabic(input) << '\n';
  return 0;
}

}  // namespace akhbar::daemon
