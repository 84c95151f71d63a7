// bench/store_bench.cc: akhbar_store_bench, the store's write and dedupe figures at scale.
//
//   akhbar_store_bench [--articles N] [--db FILE] [--chunk N] [--lookups N] [--day N] [--batch N] [--no-index]
//                      [--threads N] [--json FILE] [--keep]
//
// Fills a fresh store with N synthetic Arabic-looking articles (default 1,000,000) from 50 sites
// through Store::add_article, the crawler's path: one writer thread, batched transactions. Every
// 10th article is a near copy of a recent one (its ending cut, a site's line added, a few words
// changed), every 25th an exact copy. Records (text, content_hash, fingerprint) are prepared
// before each chunk is timed, on --threads threads (the crawler's worker pool does that work), so
// the insert figure is the store's alone: articles per second of wall time from the first
// add_article of a chunk to the callback of its last one (committed). The search index is written
// by a thread of its own from the committed rows; the "searchable" figure runs to the chunk's
// flush(), which returns once the index has read every article of the chunk.
//
// At 1k, 10k, 100k, 1M... stored articles (and at the end) it times --lookups Store::find_near_copy
// calls on the read connection, half for copies of stored articles (which must be found), half
// for texts that copy nothing: the lookup add_article makes, band index plus verification.
// At the end it times Store::for_each_story over the last --day articles (default 50,000, spread
// over 24 h of fetch times), the `akhbard stories --since` of one day.
//
// Timings on a shared machine are indications, not assertions; nothing here runs under ctest.
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/normalize.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using akhbar::WallTime;
using Clock = std::chrono::steady_clock;

struct Options {
  long articles = 1'000'000;
  fs::path db;
  long chunk = 50'000;
  int lookups = 2000;
  std::size_t batch = akhbar::store::StoreOptions{}.max_batch;
  bool index = true;  // keep the search index (--no-index: the writer alone)
  long day = 50'000;
  int threads = 2;
  fs::path json;
  bool keep = false;
};

// A vocabulary of pseudo-words drawn from Arabic letters, used with a Zipf-like skew so that
// texts share common words the way news prose does.
class Words {
 public:
  explicit Words(std::uint64_t seed) {
    static const char* kLetters[] = {"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص",
                                     "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي"};
    std::mt19937_64 rng(seed);
    for (int i = 0; i < kVocabulary; ++i) {
      std::string w;
      const int len = 2 + static_cast<int>(rng() % 6);
      for (int j = 0; j < len; ++j) w += kLetters[rng() % 28];
      words_.push_back(std::move(w));
    }
  }
  const std::string& pick(std::mt19937_64& rng) const {
    // The smaller of two uniform draws: frequent words are frequent, the tail is long.
    const auto a = rng() % kVocabulary, b = rng() % kVocabulary;
    return words_[std::min(a, b)];
  }

 private:
  static constexpr int kVocabulary = 40'000;
  std::vector<std::string> words_;
};

struct Text {
  std::string title;
  std::vector<std::string> paragraphs;
};

Text make_text(const Words& words, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Text t;
  for (int i = 0; i < 9; ++i) {
    if (i) t.title += ' ';
    t.title += words.pick(rng);
  }
  const int paragraphs = 4 + static_cast<int>(rng() % 4);
  for (int p = 0; p < paragraphs; ++p) {
    std::string para;
    const int n = 30 + static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) {
      if (i) para += ' ';
      para += words.pick(rng);
      if (rng() % 17 == 0) {
        para += ' ';
        para += std::to_string(rng() % 5000);
      }
    }
    para += '.';
    t.paragraphs.push_back(std::move(para));
  }
  return t;
}

// What another site makes of it: the ending cut, its own line, a few words changed.
Text near_copy(const Text& base, const Words& words, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Text t = base;
  t.title = words.pick(rng) + " " + base.title;
  if (t.paragraphs.size() > 4) t.paragraphs.pop_back();
  t.paragraphs.insert(t.paragraphs.begin() + 1, "تابعوا آخر الأخبار عبر قناتنا على تلغرام");
  for (int k = 0; k < 3; ++k) {
    auto& p = t.paragraphs[rng() % t.paragraphs.size()];
    const auto at = p.find(' ', rng() % p.size());
    if (at != std::string::npos) p.insert(at, " " + words.pick(rng));
  }
  return t;
}

std::string body_of(const Text& t) {
  std::string b;
  for (const auto& p : t.paragraphs) {
    if (!b.empty()) b += "\n\n";
    b += p;
  }
  return b;
}

const WallTime kStart = WallTime(std::chrono::seconds(1'700'000'000));

struct Generator {
  const Options& opt;
  Words words{7};
  // Which earlier article article i copies (0: none), decided up front so chunks can be built in
  // parallel: a near copy of one of the last 500, an exact copy of one of the last 500.
  long copy_of(long i, bool& exact) const {
    exact = false;
    if (i < 1000) return 0;
    std::mt19937_64 rng(static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ULL);
    const long back = 1 + static_cast<long>(rng() % 500);
    if (i % 25 == 0) {
      exact = true;
      return i - back;
    }
    if (i % 10 == 0) return i - back;
    return 0;
  }
  // The text of article i (copies resolve to their base's text, recursively bounded by depth).
  Text text(long i, int depth = 0) const {
    bool exact = false;
    const long base = depth < 3 ? copy_of(i, exact) : 0;
    if (base == 0) return make_text(words, static_cast<std::uint64_t>(i) + 1);
    Text t = text(base, depth + 1);
    return exact ? t : near_copy(t, words, static_cast<std::uint64_t>(i) * 31 + 7);
  }
  akhbar::store::ArticleRecord record(long i) const {
    const Text t = text(i);
    akhbar::store::ArticleRecord a;
    const long site = i % 50;
    a.site = "site-" + std::to_string(site);
    a.canonical_url = "https://www.site-" + std::to_string(site) + ".example/news/2024/" + std::to_string(i);
    a.url = a.canonical_url;
    a.title = t.title;
    a.body = body_of(t);
    a.lang = "ar";
    a.content_hash = akhbar::parsers::content_hash(a.title, a.body);
    a.near = akhbar::parsers::near_fingerprint(a.body);
    a.simhash = a.near.simhash;
    // The last `day` articles span 24 h of fetch times; earlier ones are spread the same way.
    a.fetched_at = kStart + std::chrono::milliseconds(i * 86'400'000LL / std::max(1L, opt.day));
    if (i % 3 != 0) a.published_at = a.fetched_at - std::chrono::minutes(20 + i % 40);
    return a;
  }
};

std::vector<akhbar::store::ArticleRecord> build(const Generator& gen, long from, long to, int threads) {
  std::vector<akhbar::store::ArticleRecord> out(static_cast<std::size_t>(to - from));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (long i = from + t; i < to; i += threads) out[static_cast<std::size_t>(i - from)] = gen.record(i);
    });
  }
  for (auto& th : pool) th.join();
  return out;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Latency {
  double mean_us = 0, p50_us = 0, p99_us = 0;
  static Latency of(std::vector<double> us) {
    Latency l;
    if (us.empty()) return l;
    std::sort(us.begin(), us.end());
    double sum = 0;
    for (double u : us) sum += u;
    l.mean_us = sum / static_cast<double>(us.size());
    l.p50_us = us[us.size() / 2];
    l.p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
    return l;
  }
};

struct LookupFigures {
  long stored = 0;
  Latency copies, fresh;  // lookups of near copies of stored articles, of texts that copy nothing
  int hits = 0, expected_hits = 0, false_hits = 0;
};

// Half the lookups are near copies of stored articles (they must be found), half new texts.
LookupFigures time_lookups(akhbar::store::Store& store, const Generator& gen, long stored, int n) {
  LookupFigures f;
  f.stored = stored;
  std::vector<akhbar::parsers::NearFingerprint> probes;
  std::vector<bool> is_copy;
  std::mt19937_64 rng(static_cast<std::uint64_t>(stored));
  for (int k = 0; k < n; ++k) {
    const bool copy = k % 2 == 0;
    Text t = copy ? near_copy(gen.text(static_cast<long>(rng() % static_cast<std::uint64_t>(stored))), gen.words,
                              rng())
                  : make_text(gen.words, 1'000'000'000ULL + rng() % 1'000'000'000ULL);
    probes.push_back(akhbar::parsers::near_fingerprint(body_of(t)));
    is_copy.push_back(copy);
  }
  std::vector<double> copy_us, fresh_us;
  for (std::size_t k = 0; k < probes.size(); ++k) {
    const auto t0 = Clock::now();
    auto hit = store.find_near_copy(probes[k]);
    (is_copy[k] ? copy_us : fresh_us).push_back(seconds_since(t0) * 1e6);
    if (!hit) {
      std::fprintf(stderr, "lookup failed: %s\n", hit.error().str().c_str());
      std::exit(1);
    }
    if (*hit) (is_copy[k] ? f.hits : f.false_hits)++;
    if (is_copy[k]) ++f.expected_hits;
  }
  f.copies = Latency::of(std::move(copy_us));
  f.fresh = Latency::of(std::move(fresh_us));
  return f;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", argv[i]);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--articles") o.articles = std::atol(value().c_str());
    else if (a == "--db") o.db = value();
    else if (a == "--chunk") o.chunk = std::atol(value().c_str());
    else if (a == "--lookups") o.lookups = std::atoi(value().c_str());
    else if (a == "--no-index") o.index = false;
    else if (a == "--batch") o.batch = static_cast<std::size_t>(std::atol(value().c_str()));
    else if (a == "--day") o.day = std::atol(value().c_str());
    else if (a == "--threads") o.threads = std::max(1, std::atoi(value().c_str()));
    else if (a == "--json") o.json = value();
    else if (a == "--keep") o.keep = true;
    else {
      std::fprintf(stderr, "usage: akhbar_store_bench [--articles N] [--db FILE] [--chunk N] [--lookups N] [--batch N] [--no-index] "
                           "[--day N] [--threads N] [--json FILE] [--keep]\n");
      std::exit(2);
    }
  }
  if (o.db.empty()) o.db = fs::temp_directory_path() / "akhbar-store-bench.db";
  o.chunk = std::max(1000L, o.chunk);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows when redirected to a file
  const Options opt = parse(argc, argv);
  const fs::path index_file = akhbar::store::search_index_path(opt.db);
  auto remove_files = [&] {
    for (const fs::path& f : {opt.db, index_file}) {
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(f.string() + suffix);
    }
  };
  remove_files();
  akhbar::store::StoreOptions store_options;
  store_options.max_batch = opt.batch;
  store_options.index_search = opt.index;
  auto opened = akhbar::store::Store::open(opt.db, store_options);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().str().c_str());
    return 1;
  }
  auto& store = **opened;
  const Generator gen{opt};
  nlohmann::ordered_json out;
  out["articles"] = opt.articles;
  out["max_batch"] = opt.batch;
  // Filled as the bench goes and put into `out` at the end (a reference into an ordered_json does not
  // survive the next key added to it).
  auto chunks = nlohmann::ordered_json::array();
  auto lookups = nlohmann::ordered_json::array();

  std::printf("store bench: %ld articles (every 10th a near copy, every 25th an exact copy), batches of %zu, %s\n",
              opt.articles, opt.batch, opt.db.c_str());
  std::printf("%12s %14s %12s %16s %12s\n", "stored", "insert art/s", "chunk s", "searchable art/s", "chunk s");
  std::vector<long> checkpoints;
  for (long c = 1000; c < opt.articles; c *= 10) checkpoints.push_back(c);
  checkpoints.push_back(opt.articles);
  double total_insert_s = 0;
  double total_searchable_s = 0;
  long stored = 0;
  auto print_lookup = [&](const LookupFigures& f) {
    std::printf("  near lookup at %ld stored: copies mean %.1f us p50 %.1f p99 %.1f (found %d/%d); "
                "new texts mean %.1f us p50 %.1f p99 %.1f (matched %d)\n",
                f.stored, f.copies.mean_us, f.copies.p50_us, f.copies.p99_us, f.hits, f.expected_hits,
                f.fresh.mean_us, f.fresh.p50_us, f.fresh.p99_us, f.false_hits);
    auto latency = [](const Latency& l) {
      return nlohmann::ordered_json{{"mean_us", l.mean_us}, {"p50_us", l.p50_us}, {"p99_us", l.p99_us}};
    };
    lookups.push_back({{"stored", f.stored}, {"copies", latency(f.copies)}, {"new_texts", latency(f.fresh)},
                       {"copies_found", f.hits}, {"copies_looked_up", f.expected_hits},
                       {"false_matches", f.false_hits}});
  };
  std::size_t next_checkpoint = 0;
  while (stored < opt.articles) {
    long to = std::min(opt.articles, stored + opt.chunk);
    if (next_checkpoint < checkpoints.size()) to = std::min(to, checkpoints[next_checkpoint]);
    auto records = build(gen, stored, to, opt.threads);
    Clock::time_point committed{};  // written by the writer thread, read after flush()
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i + 1 < records.size(); ++i) store.add_article(std::move(records[i]));
    store.add_article(std::move(records.back()), [&](auto) { committed = Clock::now(); });
    store.flush();
    const double searchable = seconds_since(t0);
    const double s = std::chrono::duration<double>(committed - t0).count();
    total_insert_s += s;
    total_searchable_s += searchable;
    const long n = to - stored;
    stored = to;
    std::printf("%12ld %14.0f %12.2f %16.0f %12.2f\n", stored, static_cast<double>(n) / s, s,
                static_cast<double>(n) / searchable, searchable);
    chunks.push_back({{"stored", stored}, {"articles", n}, {"seconds", s}, {"searchable_seconds", searchable}});
    if (next_checkpoint < checkpoints.size() && stored == checkpoints[next_checkpoint]) {
      print_lookup(time_lookups(store, gen, stored, opt.lookups));
      ++next_checkpoint;
    }
  }
  const auto errors = store.write_errors();
  std::printf("insert: %ld articles in %.1f s of writing: %.0f articles/s; searchable after %.1f s: %.0f articles/s; "
              "write errors %lld\n",
              opt.articles, total_insert_s, static_cast<double>(opt.articles) / total_insert_s, total_searchable_s,
              static_cast<double>(opt.articles) / total_searchable_s, static_cast<long long>(errors.count));
  const auto wal = store.checkpoint_stats();
  std::printf("WAL checkpoints: %llu in the background (%llu pages), %llu by the writer%s%s\n",
              static_cast<unsigned long long>(wal.background), static_cast<unsigned long long>(wal.background_pages),
              static_cast<unsigned long long>(wal.by_writer),
              wal.last_error ? "; last error: " : "", wal.last_error ? wal.last_error->str().c_str() : "");
  out["checkpoints_background"] = wal.background;
  out["checkpoints_by_writer"] = wal.by_writer;
  out["checkpoint_pages_background"] = wal.background_pages;
  out["insert"] = std::move(chunks);
  out["lookup"] = std::move(lookups);
  out["insert_rate"] = static_cast<double>(opt.articles) / total_insert_s;
  out["searchable_rate"] = static_cast<double>(opt.articles) / total_searchable_s;

  akhbar::store::StoryFilter day;
  day.since = kStart + std::chrono::milliseconds((opt.articles - std::min(opt.articles, opt.day)) * 86'400'000LL /
                                                 std::max(1L, opt.day));
  long stories = 0, copies = 0;
  const auto t0 = Clock::now();
  auto r = store.for_each_story(day, [&](const akhbar::store::Story& s) {
    ++stories;
    copies += static_cast<long>(s.copies.size());
  });
  const double story_s = seconds_since(t0);
  if (!r) {
    std::fprintf(stderr, "stories: %s\n", r.error().str().c_str());
    return 1;
  }
  std::printf("stories over the last %ld articles (one day): %ld stories, %ld articles, %.3f s\n",
              std::min(opt.articles, opt.day), stories, copies, story_s);
  out["stories"] = {{"day_articles", std::min(opt.articles, opt.day)}, {"stories", stories}, {"copies", copies},
                    {"seconds", story_s}};
  auto count = store.count_articles();
  std::error_code ec;
  const auto bytes = fs::file_size(opt.db, ec);
  std::error_code index_ec;
  const auto index_bytes = fs::file_size(index_file, index_ec);
  std::printf("stored %lld articles, database %.0f MB, search index %.0f MB\n",
              static_cast<long long>(count ? *count : -1), static_cast<double>(ec ? 0 : bytes) / 1e6,
              static_cast<double>(index_ec ? 0 : index_bytes) / 1e6);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  out["peak_rss_kb"] = ru.ru_maxrss;
  out["db_bytes"] = ec ? 0 : bytes;
  out["search_index_bytes"] = index_ec ? 0 : index_bytes;
  if (!opt.json.empty()) std::ofstream(opt.json) << out.dump(2) << '\n';
  opened->reset();
  if (!opt.keep) {
    remove_files();
  }
  return 0;
}
