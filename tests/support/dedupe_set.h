// tests/support/dedupe_set.h: the labelled near-duplicate set of tests/data/dedupe (its README
// says how it is made): every text with its story, and the hard pairs that must never be linked.
// Header-only; used by the parsers and store tests.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace akhbar::testing {

struct DedupeText {
  std::string name;   // "s01-aleppo-bread/v3" or "n05-condolence-a"
  std::string story;  // the stories/ folder, or the negatives/ file: equal stories are copies
  std::string title;
  std::string body;
};

struct DedupeSet {
  std::vector<DedupeText> texts;                      // stories first (by folder, v0 first), then negatives
  std::set<std::pair<std::string, std::string>> hard;  // story pairs, both orders

  bool is_hard(const DedupeText& a, const DedupeText& b) const { return hard.count({a.story, b.story}) > 0; }
};

inline DedupeText read_dedupe_text(const std::filesystem::path& file, std::string name, std::string story) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const auto split = text.find("\n\n");
  DedupeText t{std::move(name), std::move(story), text.substr(0, split), {}};
  if (split != std::string::npos) t.body = text.substr(split + 2);
  while (!t.body.empty() && (t.body.back() == '\n' || t.body.back() == ' ')) t.body.pop_back();
  return t;
}

inline DedupeSet load_dedupe_set(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  DedupeSet set;
  std::vector<fs::path> stories, negatives;
  for (const auto& e : fs::directory_iterator(root / "stories")) stories.push_back(e.path());
  for (const auto& e : fs::directory_iterator(root / "negatives")) negatives.push_back(e.path());
  std::sort(stories.begin(), stories.end());
  std::sort(negatives.begin(), negatives.end());
  for (const auto& dir : stories) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    const std::string story = dir.filename().string();
    for (const auto& f : files) set.texts.push_back(read_dedupe_text(f, story + "/" + f.stem().string(), story));
  }
  for (const auto& f : negatives) set.texts.push_back(read_dedupe_text(f, f.stem().string(), f.stem().string()));
  std::ifstream pairs(root / "hard-pairs.txt");
  for (std::string line; std::getline(pairs, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string a, b;
    if (words >> a >> b) {
      set.hard.insert({a, b});
      set.hard.insert({b, a});
    }
  }
  return set;
}

}  // namespace akhbar::testing
