// daemon/cli_store.cc: `akhbard export` and `akhbard stats`: reading what a crawl stored.
// export streams: one article (with its earlier texts when --revisions) in memory at a time.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "daemon/article_json.h"
#include "daemon/cli_db.h"
#include "daemon/commands.h"
#include "store/store.h"

namespace akhbar::daemon {
namespace {

std::string csv_field(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// One CSV line without its end: the article's columns, with the text fields given (the current
// text, or an earlier one).
void write_csv_row(const store::ArticleRow& a, std::string_view title, std::string_view author,
                   std::string_view published_at, std::string_view published_raw, std::string_view content_hash,
                   WallTime fetched_at, std::string_view body) {
  std::cout << a.id << ',' << csv_field(a.site) << ',' << csv_field(a.url) << ',' << csv_field(a.canonical_url) << ','
            << csv_field(title) << ',' << csv_field(author) << ',' << csv_field(published_at) << ','
            << csv_field(published_raw) << ',' << csv_field(a.lang) << ',' << content_hash << ','
            << (a.duplicate_of ? std::to_string(*a.duplicate_of) : std::string()) << ','
            << format_utc_rfc3339(fetched_at) << ',' << csv_field(body) << ',' << csv_field(a.date_from) << ','
            << a.story_id << ',' << a.duplicate_kind << ',' << a.revisions;
}

void write_atom_entry(const store::ArticleRow& a) {
  std::cout << "  <entry>\n    <id>" << xml_escape(a.canonical_url) << "</id>\n    <title>" << xml_escape(a.title)
            << "</title>\n    <link rel=\"alternate\" href=\"" << xml_escape(a.url) << "\"/>\n    <updated>"
            << format_utc_rfc3339(a.fetched_at) << "</updated>\n";
  if (!a.published_at_text.empty()) std::cout << "    <published>" << a.published_at_text << "</published>\n";
  if (!a.author.empty()) std::cout << "    <author><name>" << xml_escape(a.author) << "</name></author>\n";
  std::cout << "    <content type=\"text\">" << xml_escape(a.body) << "</content>\n  </entry>\n";
}

}  // namespace

int cmd_export(const CommonOptions& common, const ExportOptions& options) {
  const std::string& format = options.format;
  if (format != "jsonl" && format != "csv" && format != "atom") {
    std::cerr << "akhbard export: --format: expected jsonl, atom or csv, got '" << format << "'\n";
    return 2;
  }
  if (options.revisions && format == "atom") {
    std::cerr << "akhbard export: --revisions: only with --format jsonl or csv\n";
    return 2;
  }
  store::ExportFilter filter;
  filter.site = options.site;
  filter.story = options.story;
  filter.revisions = options.revisions;
  if (!read_since_option("export", options.since, filter.since)) return 2;
  auto store = open_existing_store(common);
  if (!store) {
    std::cerr << store.error().str() << '\n';
    return 1;
  }
  if (format == "csv") {
    // New columns go last: readers index columns. With --revisions, each earlier text is a row of
    // its own after the article's, with the article's id and its revision number.
    std::cout << "id,site,url,canonical_url,title,author,published_at,published_raw,lang,content_hash,"
                 "duplicate_of,fetched_at,body,date_from,story_id,duplicate_kind,revisions"
              << (options.revisions ? ",revision" : "") << '\n';
  } else if (format == "atom") {
    std::cout << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
              << "  <title>akhbar export</title>\n  <id>urn:akhbar:export</id>\n  <updated>"
              << format_utc_rfc3339(std::chrono::system_clock::now()) << "</updated>\n";
  }
  auto result = (*store)->for_each_article(filter, [&](const store::ArticleRow& a) {
    if (format == "jsonl") {
      std::cout << article_json(a, {}, options.revisions) << '\n';
    } else if (format == "csv") {
      write_csv_row(a, a.title, a.author, a.published_at_text, a.published_raw, a.content_hash, a.fetched_at, a.body);
      if (options.revisions) {
        std::cout << ",\n";
        for (const auto& r : a.history) {
          write_csv_row(a, r.title, r.author, r.published_at_text, r.published_raw, r.content_hash, r.fetched_at,
                        r.body);
          std::cout << ',' << r.revision << '\n';
        }
      } else {
        std::cout << '\n';
      }
    } else {
      write_atom_entry(a);
    }
  });
  if (format == "atom") std::cout << "</feed>\n";
  if (!result) {
    std::cerr << result.error().str() << '\n';
    return 1;
  }
  return 0;
}

namespace {

std::string when(const std::optional<WallTime>& t) {
  return t ? format_utc_rfc3339(*t).substr(0, 19) : std::string("never");
}

std::string origin_of(const store::SourceRecord& s) {
  if (s.origin == "html") return "found:html";
  if (s.origin == "robots") return "found:robots";
  if (s.origin == "index") return "found:index";
  return "config";
}

// Sources whose last poll failed, with why and when they are tried again: a failing feed is backed
// off, never dropped, and this is where a user sees it.
void print_failing(const std::vector<store::SourceRecord>& sources) {
  bool header = false;
  for (const auto& s : sources) {
    if (s.failures == 0 && s.last_error.empty()) continue;
    if (!header) {
      std::printf("\nfailing sources\n%-20s %-8s %8s %6s %-20s %-20s %s\n", "site", "kind", "failures", "status",
                  "last_success", "next_try", "url / last error");
      header = true;
    }
    std::printf("%-20s %-8s %8d %6d %-20s %-20s %s\n%71s %s\n", s.site.c_str(), s.kind.c_str(), s.failures,
                s.last_status, when(s.last_success_at).c_str(), when(s.next_due_at).c_str(), s.url.c_str(), "",
                s.last_error.c_str());
  }
}

void print_sources(const std::vector<store::SourceRecord>& sources) {
  std::printf("\nsources\n%-20s %-8s %-12s %9s %8s %-20s %-20s %s\n", "site", "kind", "origin", "interval", "new/7d",
              "last_success", "next_due", "url");
  for (const auto& s : sources) {
    const std::string interval = s.interval_s > 0 ? format_duration(Seconds(s.interval_s)) : "-";
    const std::string week = s.items_week >= 0 ? std::to_string(s.items_week) : "-";
    std::printf("%-20s %-8s %-12s %9s %8s %-20s %-20s %s\n", s.site.c_str(), s.kind.c_str(), origin_of(s).c_str(),
                interval.c_str(), week.c_str(), when(s.last_success_at).c_str(), when(s.next_due_at).c_str(),
                s.url.c_str());
  }
}

}  // namespace

int cmd_stats(const CommonOptions& common, bool list_sources) {
  auto store = open_existing_store(common);
  if (!store) {
    std::cerr << store.error().str() << '\n';
    return 1;
  }
  auto stats = (*store)->site_stats();
  if (!stats) {
    std::cerr << stats.error().str() << '\n';
    return 1;
  }
  std::printf("%-24s %7s %7s %-20s %8s %6s %7s %7s %7s %7s\n", "site", "sources", "failing", "last_success",
              "articles", "dups", "misses", "queued", "failed", "robots");
  for (const auto& s : *stats) {
    const std::string last = s.last_success_at ? format_utc_rfc3339(*s.last_success_at).substr(0, 19) : "never";
    std::printf("%-24s %7d %7d %-20s %8lld %6lld %7lld %7lld %7lld %7lld\n", s.site.c_str(), s.sources,
                s.failing_sources, last.c_str(), static_cast<long long>(s.articles),
                static_cast<long long>(s.duplicates), static_cast<long long>(s.extraction_misses),
                static_cast<long long>(s.urls_queued), static_cast<long long>(s.urls_failed),
                static_cast<long long>(s.urls_disallowed));
  }
  auto sources = (*store)->load_sources("");
  if (!sources) {
    std::cerr << sources.error().str() << '\n';
    return 1;
  }
  print_failing(*sources);
  if (list_sources) print_sources(*sources);
  return 0;
}

}  // namespace akhbar::daemon
