// daemon/cli_stories.cc: `akhbard stories [--db F] [--since ISO] [--site S]`: the stories of
// copies in a store, who ran each first, then every copy with its site and time (docs/dedupe.md).
//
//   story 12: 3 copies, first sham-times 2024-05-04T07:00:00Z (published)
//     افتتاح المرحلة الثالثة من مترو القاهرة
//     2024-05-04T07:00:00Z  published  sham-times   #14  near copy of #12   https://...
//     2024-05-04T07:30:00Z  published  sana         #12  first stored       https://...
//     2024-05-04T08:00:00Z  fetched    baladi-news  #13  exact copy of #12  https://...
//
// A copy's time is its publication time when the page had one, else when it was fetched. Stories
// stream in story order (the id of the first article stored); --since keeps those with a copy
// fetched since then, --site those with a copy on that site (all their copies are listed).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include "daemon/commands.h"
#include "daemon/cli_db.h"
#include "store/store.h"

namespace akhbar::daemon {
namespace {

std::string link_of(const store::StoryCopy& c) {
  if (!c.duplicate_of) return "first stored";
  return (c.duplicate_kind.empty() ? std::string("copy") : c.duplicate_kind + " copy") + " of #" +
         std::to_string(*c.duplicate_of);
}

void print_story(const store::Story& s) {
  const store::StoryCopy& first = s.copies.front();
  std::size_t site_width = 0, link_width = 0;
  for (const auto& c : s.copies) {
    site_width = std::max(site_width, c.site.size());
    link_width = std::max(link_width, link_of(c).size());
  }
  std::printf("story %lld: %zu copies, first %s %s (%s)\n  %s\n", static_cast<long long>(s.id), s.copies.size(),
              first.site.c_str(), format_utc_rfc3339(first.at).c_str(), first.published ? "published" : "fetched",
              first.title.c_str());
  for (const auto& c : s.copies) {
    const std::string id = "#" + std::to_string(c.article_id);
    std::printf("  %s  %-9s  %-*s  %-8s %-*s  %s\n", format_utc_rfc3339(c.at).c_str(),
                c.published ? "published" : "fetched", static_cast<int>(site_width), c.site.c_str(), id.c_str(),
                static_cast<int>(link_width), link_of(c).c_str(), c.canonical_url.c_str());
  }
  std::printf("\n");
}

}  // namespace

int cmd_stories(const CommonOptions& common, const std::string& site, const std::string& since) {
  store::StoryFilter filter;
  filter.site = site;
  if (!read_since_option("stories", since, filter.since)) return 2;
  auto store = open_existing_store(common);
  if (!store) {
    std::cerr << store.error().str() << '\n';
    return 1;
  }
  auto listed = (*store)->for_each_story(filter, print_story);
  if (!listed) {
    std::cerr << listed.error().str() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace akhbar::daemon
