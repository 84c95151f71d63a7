// daemon/commands.h: one function per `akhbard` subcommand (INTERFACE.md). Each returns the process
// exit code; errors are printed to stderr as "WHERE: message".
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace akhbar::daemon {

// The largest file the offline tools (extract, parse-feed, eval, robots) read: far above any page
// or feed a site serves, below what would exhaust memory.
inline constexpr std::size_t kMaxInputFileBytes = 64 * 1024 * 1024;

struct CommonOptions {
  std::string config;  // --config; empty: default search order
  std::string db;      // --db; empty: the config's store
};

int cmd_run(const CommonOptions& common, bool once);
int cmd_check_config(const CommonOptions& common);
int cmd_extract(const std::string& site_file, const std::string& url, const std::string& content_type,
                const std::vector<std::string>& files);
int cmd_parse_feed(const std::string& url, const std::string& content_type, const std::string& file);
struct ExportOptions {
  std::string format = "jsonl";  // jsonl, atom or csv
  std::string site;
  std::string since;             // ISO time; empty: all
  std::optional<std::int64_t> story;  // --story ID: only that story's articles
  bool revisions = false;        // --revisions: each article's earlier texts too (jsonl, csv)
};
int cmd_export(const CommonOptions& common, const ExportOptions& options);
// `stories`: each story of copies with its first publisher and time, then every copy (docs/dedupe.md).
int cmd_stories(const CommonOptions& common, const std::string& site, const std::string& since);
// `sources`: also list every source (configured and discovered) with its schedule.
int cmd_stats(const CommonOptions& common, bool sources = false);
struct SearchOptions {
  std::string site;        // --site; empty: all
  std::string since;       // --since ISO; empty: any time
  std::size_t limit = 20;  // --limit
  std::string query;       // the query words as typed, joined by spaces
};
// `search QUERY`: the best matches, one block each: "N. title" (matches marked), "site · date · URL",
// and a snippet of the body in its original text. Exit 0 with at least one hit; 1 with none ("no
// article matches" on stderr) or when the store cannot be read; 2 for a malformed query or option.
int cmd_search(const CommonOptions& common, const SearchOptions& options);
int cmd_date(const std::string& tz, const std::string& now, const std::string& text);
int cmd_normalize();
// `eval DIR`: scores every NAME.html against NAME.expected.json (docs/eval.md); `json` prints one
// object {pages, overall, arabic, other, skipped}; each floor is "KEY=VALUE" ("f1=0.9", "leaks=0",
// "arabic.title=1"). Exit 1 when a floor is not met or DIR holds no page, 2 on a bad --floor.
int cmd_eval(const std::string& dir, bool json, const std::vector<std::string>& floors);
int cmd_robots(const std::string& agent, const std::string& file, const std::vector<std::string>& urls);

}  // namespace akhbar::daemon
