// bench/realistic_pages.h: generated Arabic news article pages shaped like the ones real sites
// serve (52–83 KB, ~58 KB on average, a few with a large inline JSON blob), for akhbar_bench. Nothing third-party: the text is drawn
// from a small word list with a fixed seed, so every run sees the same bytes.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace akhbar::bench {

struct GeneratedPage {
  std::string name;  // "generated/article-07.html"
  std::string url;   // where it "came from"
  std::string html;  // UTF-8
};

// `count` pages. Each has a big <head> (≈40 meta tags, preload links, an inline <style>, two JSON-LD
// blocks, analytics snippets and a 1–30 KB inline JSON state blob), a mega-menu of 150 links, a
// breaking-news ticker, the article (h1, byline, <time>, figure, 10–20 paragraphs with an inline
// ad slot and an "اقرأ أيضاً" line, tags), a share bar, a "مقالات ذات صلة" block, 5–12 comments, a
// "الأكثر قراءة" sidebar, a newsletter form, a footer of 60 links and trailing scripts.
std::vector<GeneratedPage> realistic_pages(std::size_t count);

}  // namespace akhbar::bench
