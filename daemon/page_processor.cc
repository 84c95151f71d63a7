#include "daemon/page_processor.h"

#include <unordered_set>
#include <utility>

#include "parsers/article/article.h"
#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/charset.h"
#include "parsers/date/date.h"
#include "parsers/feed/feed.h"
#include "parsers/text/normalize.h"
#include "parsers/url/url.h"

namespace akhbar::daemon {

std::vector<std::string> article_links(const config::SiteConfig& site, const std::vector<std::string>& links,
                                       const std::string& self) {
  std::vector<std::string> out;
  if (site.match.empty()) return out;
  std::unordered_set<std::string_view> seen;
  for (const auto& link : links) {
    if (link == self || !site.match.matches(link)) continue;
    if (seen.insert(link).second) out.push_back(link);
  }
  return out;
}

std::uint64_t item_key(std::string_view id) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

namespace {

// At most this many child sitemaps are taken from one index (the protocol allows 50,000; news sites
// have a few hundred monthly archives at most).
constexpr std::size_t kMaxChildSitemaps = 10000;

void list_sitemap(const config::SiteConfig& site, const std::string& url, parsers::Feed& feed, ProcessedPage& page) {
  std::unordered_set<std::string> seen;
  if (feed.kind == "sitemapindex") {
    for (auto& item : feed.items) {
      std::string link = parsers::canonical_link(url, item.link);
      if (link.empty() || !seen.insert(link).second) continue;
      if (page.sitemaps.size() == kMaxChildSitemaps) {
        page.warnings.push_back("sitemap index lists more than " + std::to_string(kMaxChildSitemaps) +
                                " sitemaps; the rest are ignored");
        break;
      }
      page.sitemaps.push_back({std::move(link), item.updated});
    }
    return;
  }
  // A news sitemap lists articles only; a plain one lists every page (tags, authors, categories),
  // so articles.match, when the site has one, picks the articles among them.
  const bool filter = feed.kind == "sitemap" && !site.match.empty();
  for (auto& item : feed.items) {
    std::string link = parsers::canonical_link(url, item.link);
    if (link.empty() || (filter && !site.match.matches(link))) continue;
    if (!seen.insert(link).second) continue;
    page.discovered.push_back(std::move(link));
    page.lastmods.push_back(item.updated);
    page.item_dates.push_back(item.published ? item.published : item.updated);
  }
  page.item_date_from = "sitemap";
}

ProcessedPage process_feed(const config::SiteConfig& site, const std::string& url,
                           const std::string& content_type, const std::string& body) {
  ProcessedPage page;
  // Feeds are XML: their own declaration decides the encoding unless the header says otherwise.
  auto feed = parsers::parse_feed(body, url, content_type, site.timezone);
  if (!feed) {
    page.outcome = ProcessedPage::Outcome::kInvalid;
    page.error = feed.error().message;
    return page;
  }
  page.outcome = ProcessedPage::Outcome::kListing;
  page.items = feed->items.size();
  page.warnings = std::move(feed->warnings);
  page.format = feed->kind;
  page.ttl_minutes = feed->ttl_minutes;
  if (feed->kind == "sitemap" || feed->kind == "news-sitemap" || feed->kind == "sitemapindex") {
    list_sitemap(site, url, *feed, page);
    return page;
  }
  std::unordered_set<std::string> seen;
  page.seen.reserve(feed->items.size());
  for (const auto& item : feed->items) {
    page.seen.push_back({item_key(item.id), item.published ? item.published : item.updated});
    // A feed item is an article by definition; articles.match only filters pages, not feeds.
    std::string link = parsers::canonical_link(url, item.link);
    if (link.empty()) continue;
    if (seen.insert(link).second) {
      page.discovered.push_back(std::move(link));
      page.item_dates.push_back(item.published ? item.published : item.updated);
    }
  }
  page.item_date_from = "feed";
  return page;
}

}  // namespace

ProcessedPage process_page(fetchers::JobKind kind, const config::SiteConfig& site, const std::string& url,
                           const std::string& content_type, std::string body, WallTime fetched_at,
                           bool want_feeds, const ListedDate& listed) {
  if (kind == fetchers::JobKind::kFeed || kind == fetchers::JobKind::kSitemap) {
    return process_feed(site, url, content_type, body);
  }
  ProcessedPage page;
  parsers::DecodeInfo info;
  auto text = parsers::decode_text(std::move(body), content_type, &info);
  if (!text) {  // an image or archive where a page was expected: nothing to parse or follow
    page.outcome = ProcessedPage::Outcome::kInvalid;
    page.error = "not an article: " + text.error().message;
    return page;
  }
  const std::string& html = *text;
  page.charset = info.charset;
  page.charset_declared = std::move(info.declared);
  page.charset_repair = std::move(info.repair);
  if (kind == fetchers::JobKind::kSection) {
    const auto links = parsers::extract_links(html, url);
    page.outcome = ProcessedPage::Outcome::kListing;
    page.items = links.size();
    page.discovered = article_links(site, links, parsers::canonical_link(url, ""));
    if (want_feeds && site.feeds.empty()) page.feeds = parsers::discover_feeds(html, url);
    return page;
  }

  // Links are resolved only for a site whose article pages lead to articles (`match` rules).
  std::vector<std::string> links;
  auto article = parsers::extract_article(html, url, site.rules, fetched_at, site.match.empty() ? nullptr : &links);
  if (!article) {
    page.outcome = ProcessedPage::Outcome::kNoArticle;
    page.error = article.error().message;
    // A page without an article can still lead to articles (a listing reached by a link); its
    // links come from the parse extract_article already made.
    page.discovered = article_links(site, links, parsers::canonical_link(url, ""));
    return page;
  }
  page.outcome = ProcessedPage::Outcome::kArticle;
  page.words = article->words();
  page.warnings = std::move(article->warnings);
  page.discovered = article_links(site, links, article->canonical_url);

  store::ArticleRecord record;
  record.site = site.name;
  record.url = std::move(article->url);
  record.canonical_url = std::move(article->canonical_url);
  record.content_hash = parsers::content_hash(article->title, article->body);
  record.near = parsers::near_fingerprint(article->body);
  record.simhash = record.near.simhash;
  record.title = std::move(article->title);
  record.author = std::move(article->author);
  record.published_at = article->published_at;
  if (article->published_at) record.published_at_text = parsers::format_in_zone(*article->published_at, site.timezone);
  record.published_raw = std::move(article->published_raw);
  record.date_from = std::move(article->date_from);
  if (!record.published_at && listed.at && !listed.from.empty()) {
    // The page has no date it could read: the feed or sitemap item's date stands in, and says so.
    record.published_at = listed.at;
    record.published_at_text = parsers::format_in_zone(*listed.at, site.timezone);
    record.date_from = listed.from;
  }
  record.body = std::move(article->body);
  record.lang = std::move(article->lang);
  record.fetched_at = fetched_at;
  page.article = std::move(record);
  return page;
}

}  // namespace akhbar::daemon
