// daemon/main.cc: `akhbard`, the command line (INTERFACE.md). Parses arguments, initialises the C
// libraries once before any thread starts, and hands over to one function per subcommand.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>
#include <libxml/parser.h>

#include "daemon/commands.h"
#include "fetchers/http_client.h"

int main(int argc, char** argv) {
  using namespace akhbar::daemon;
  CLI::App app{"akhbard: crawls Arabic news sites and feeds, extracts articles, stores them in SQLite"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "akhbard 0.1.0");
  CommonOptions common;
  app.add_option("--config", common.config, "daemon config (default /etc/akhbar/akhbard.yaml, then ./akhbard.yaml)");

  auto* run = app.add_subcommand("run", "crawl: fetch every source, follow what it finds, store articles");
  bool once = false;
  run->add_flag("--once", once, "fetch every source once, drain the frontier, then exit");
  run->add_option("--db", common.db, "SQLite file (default: the config's store)");

  auto* check = app.add_subcommand("check-config", "validate the daemon file and every site file");

  auto* extract = app.add_subcommand("extract", "extract the article from saved HTML pages");
  std::string site_file, url, content_type;
  std::vector<std::string> files;
  extract->add_option("--site", site_file, "site file with articles: rules (default: generic extraction)");
  extract->add_option("--url", url, "address the page was fetched from");
  extract->add_option("--content-type", content_type, "HTTP Content-Type it came with (for its charset)");
  extract->add_option("files", files, "HTML files")->required();

  auto* parse_feed = app.add_subcommand("parse-feed", "parse an RSS/Atom feed file and print it as JSON");
  std::string feed_file;
  parse_feed->add_option("--url", url, "address the feed was fetched from");
  parse_feed->add_option("--content-type", content_type, "HTTP Content-Type it came with");
  parse_feed->add_option("file", feed_file, "feed file")->required();

  auto* exp = app.add_subcommand("export", "stream stored articles");
  ExportOptions export_options;
  std::int64_t export_story = 0;
  exp->add_option("--db", common.db, "SQLite file (default: the config's store)");
  exp->add_option("--format", export_options.format, "jsonl, atom or csv");
  exp->add_option("--site", export_options.site, "only this site");
  exp->add_option("--since", export_options.since, "only articles fetched since this ISO time");
  auto* story_option = exp->add_option("--story", export_story, "only the articles of this story (its story_id)");
  exp->add_flag("--revisions", export_options.revisions, "also each article's earlier texts (jsonl, csv)");

  auto* stories = app.add_subcommand("stories", "copies of one article across sites: who ran it first, then every copy");
  std::string stories_site, stories_since;
  stories->add_option("--db", common.db, "SQLite file (default: the config's store)");
  stories->add_option("--since", stories_since, "only stories with a copy fetched since this ISO time");
  stories->add_option("--site", stories_site, "only stories this site carried");

  auto* stats = app.add_subcommand("stats", "per-site health table");
  stats->add_option("--db", common.db, "SQLite file (default: the config's store)");
  bool stats_sources = false;
  stats->add_flag("--sources", stats_sources, "also list every feed, section and sitemap with its schedule");

  auto* search = app.add_subcommand("search", "full-text search of the stored articles, ranked by bm25");
  SearchOptions search_options;
  search->add_option("--db", common.db, "SQLite file (default: the config's store)");
  search->add_option("--site", search_options.site, "only this site");
  search->add_option("--since", search_options.since, "only articles published since this ISO time");
  search->add_option("--limit", search_options.limit, "at most this many results (default 20)");
  // The query: the words on the line (after -- too), then the -words, which CLI11 takes for unknown
  // flags and leaves in remaining(). Where a -word stood makes no difference to what it excludes.
  std::vector<std::string> search_words;
  search->add_option("query", search_words, "words, \"phrases\", OR, -word, prefix*");
  search->allow_extras();
  search->footer("QUERY: words (all of them), \"a phrase\", a OR b, -word (not), prefix*; tashkeel and hamza "
                 "variants find the same articles\n");

  auto* date = app.add_subcommand("date", "parse a date as the extractor would");
  std::string tz = "UTC", now;
  std::vector<std::string> date_words;
  date->add_option("--tz", tz, "IANA time zone of the site");
  date->add_option("--now", now, "the current time, ISO");
  date->add_option("text", date_words, "the date text")->required();

  auto* normalize = app.add_subcommand("normalize", "print the dedupe key text of stdin");

  auto* robots = app.add_subcommand("robots", "evaluate a robots.txt (RFC 9309) for an agent and URLs");
  std::string robots_agent, robots_file;
  std::vector<std::string> robots_urls;
  robots->add_option("--agent", robots_agent, "user agent; its product token is what matches")->required();
  robots->add_option("file", robots_file, "robots.txt file")->required();
  robots->add_option("urls", robots_urls, "URLs to check")->required();

  auto* eval = app.add_subcommand("eval", "extraction quality over NAME.html + NAME.expected.json pairs");
  std::string eval_dir;
  bool eval_json = false;
  std::vector<std::string> eval_floors;
  eval->add_option("dir", eval_dir, "directory of NAME.html + NAME.expected.json")->required();
  eval->add_flag("--json", eval_json, "print the pages and the summaries as one JSON object");
  eval->add_option("--floor", eval_floors, "KEY=VALUE: exit 1 when an overall figure is below it (above for leaks)")
      ->allow_extra_args(false);

  for (auto* sub : {run, check, extract, parse_feed, exp, stories, stats, search, date, normalize, robots, eval}) {
    sub->add_option("--config", common.config, "daemon config");
  }

  CLI11_PARSE(app, argc, argv);

  // The C libraries are initialised once, before any thread starts: only `run` starts threads and
  // talks HTTP. The one-shot commands leave libxml2 to html::parse()'s own once-only initialisation
  // and never pay for curl_global_init (OpenSSL's init and config file: ~2.3 M instructions).
  // libcurl itself is only loaded here (fetchers/curl_api.h), so the other commands never map it.
  if (*run) {
    xmlInitParser();
    if (auto curl = akhbar::fetchers::global_init(); !curl) {
      std::cerr << "akhbard: " << curl.error().message << '\n';
      return 1;
    }
  }

  try {
    if (*run) return cmd_run(common, once);
    if (*check) return cmd_check_config(common);
    if (*extract) return cmd_extract(site_file, url, content_type, files);
    if (*parse_feed) return cmd_parse_feed(url, content_type, feed_file);
    if (*exp) {
      if (*story_option) export_options.story = export_story;
      return cmd_export(common, export_options);
    }
    if (*stories) return cmd_stories(common, stories_site, stories_since);
    if (*stats) return cmd_stats(common, stats_sources);
    if (*search) {
      bool separated = false;  // after "--", nothing is an option
      for (const auto& word : search->remaining()) {
        if (word == "--" && !separated) {
          separated = true;
          continue;
        }
        if (!separated && word.rfind("--", 0) == 0) {
          std::cerr << "akhbard search: unknown option " << word << '\n';
          return 2;
        }
        search_words.push_back(word);
      }
      for (const auto& word : search_words) search_options.query += (search_options.query.empty() ? "" : " ") + word;
      return cmd_search(common, search_options);
    }
    if (*date) {
      std::string text;
      for (const auto& w : date_words) text += (text.empty() ? "" : " ") + w;
      return cmd_date(tz, now, text);
    }
    if (*normalize) return cmd_normalize();
    if (*robots) return cmd_robots(robots_agent, robots_file, robots_urls);
    if (*eval) return cmd_eval(eval_dir, eval_json, eval_floors);
  } catch (const std::exception& e) {
    std::cerr << "akhbard: internal error: " << e.what() << '\n';
    return 70;
  }
  return 0;
}
