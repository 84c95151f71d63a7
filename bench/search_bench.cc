// bench/search_bench.cc: akhbar_search_bench, full-text search and batched inserts at scale.
//
//   akhbar_search_bench [--articles N] [--queries Q] [--db FILE] [--keep] [--seed S]
//
// Builds a store of N synthetic Arabic articles (default 1,000,000) through Store::add_article, the
// crawler's own path: the writer thread, its batches, and the store's search indexer thread.
// The calling thread generates each article and computes its content_hash and simhash as a crawl's
// workers do, so "insert" is the rate a crawl could store at with one producer, end to end. Then it
// times Q queries (default 300) of a mix a reader types: topical words, two words, phrases taken
// from stored articles, OR, -word, prefixes, some with --site or --since, each through
// parse_search_query, Store::search (limit 20) and the snippets of every hit, i.e. `akhbard search`
// without printing. The database is warm (just written). Prints the insert rate and the latency
// percentiles, overall and per kind of query, plus a few very common words apart.
//
// With --db FILE, an existing store with at least N articles is searched without being rebuilt
// (a store built by an earlier run with --keep); a new file is built and kept. Without --db the
// store goes to a temporary directory, removed at exit unless --keep.
//
// Synthetic text: the first 120 words of the vocabulary are common Arabic news words, the rest
// (60,000 types) are built from random three-letter roots and Arabic word patterns, so they read
// like words and cut like words. Words are drawn by a Zipf law (exponent 1), titles have 6-12 words,
// bodies 3-5 paragraphs of 25-60 words (~2 KB); 5 % of words carry tashkeel, hamza on alef is left
// out 30 % of the time, and 50 sites share the articles, dated over 2024. Deterministic per seed.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "parsers/text/normalize.h"
#include "parsers/text/search_query.h"
#include "parsers/text/snippet.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using akhbar::WallTime;
using Clock = std::chrono::steady_clock;

struct Options {
  std::size_t articles = 1'000'000;
  std::size_t queries = 300;
  std::string db;
  bool keep = false;
  std::uint64_t seed = 42;
};

// splitmix64: small, fast, and good enough to draw words.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

constexpr const char* kCommonWords[] = {
    "في", "من", "على", "إلى", "أن", "التي", "الذي", "عن", "مع", "هذا", "بعد", "قبل", "خلال", "وقال", "كما",
    "إن", "أو", "بين", "حيث", "وفي", "منذ", "عدد", "أكثر", "اليوم", "أمس", "العام", "الحكومة", "الرئيس",
    "وزير", "وزارة", "مسؤول", "المدينة", "القوات", "الأمن", "الجيش", "المجلس", "الشعب", "العربية", "الدولي",
    "الوطني", "الاقتصاد", "الأسعار", "السوق", "النفط", "الكهرباء", "المياه", "الصحة", "المستشفى", "التعليم",
    "الجامعة", "الطلاب", "المدارس", "الشباب", "الرياضة", "المنتخب", "المباراة", "الدوري", "الفريق", "الأهالي",
    "السكان", "المنطقة", "الريف", "الشمال", "الجنوب", "الشرق", "الغرب", "العاصمة", "البلاد", "الدول", "الأمم",
    "المتحدة", "الاتحاد", "الأوروبي", "المفاوضات", "الاتفاق", "وقف", "إطلاق", "النار", "الحرب", "السلام",
    "اللاجئين", "العودة", "المساعدات", "الإنسانية", "المنظمة", "رئيس", "هيئة", "المؤتمر", "الصحفي", "بيان",
    "مصادر", "مصدر", "أعلن", "أكد", "أضاف", "أوضح", "أشار", "بحسب", "وفق", "نحو", "حوالي", "ألف", "مليون",
    "مليار", "دولار", "ليرة", "جنيه", "دينار", "ريال", "الأسبوع", "الشهر", "المقبل", "الماضي", "الجاري",
    "الأولى", "الثانية", "الجديد", "الجديدة", "الكبير", "شؤون", "المسؤولين",
};
constexpr std::size_t kGeneratedWords = 60'000;
constexpr std::size_t kSites = 50;

// Letters of the generated roots: no alef, waw or yeh (they are in the patterns).
constexpr const char* kRootLetters[] = {"ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض",
                                        "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه"};
// 1, 2, 3 stand for the root's letters.
constexpr const char* kPatterns[] = {"123",    "ال123",  "1ا23",  "ال1ا23", "م12و3", "الم12و3", "ت12ي3", "الت12ي3",
                                     "است12ا3", "12ا3ة", "ال12ا3ة", "م1ا23", "ي123",  "ت123",   "1ا2ي3", "ال12ي3",
                                     "و123",   "ب123",   "م123ة",  "الم123ة", "12و3", "ال12و3",  "1ا23ة", "ت1ا23"};

class Vocabulary {
 public:
  explicit Vocabulary(std::uint64_t seed) {
    for (const char* w : kCommonWords) words_.emplace_back(w);
    Rng rng(seed ^ 0xA5A5A5A5ULL);
    std::map<std::string, bool> seen;
    for (const auto& w : words_) seen[w] = true;
    while (words_.size() < std::size(kCommonWords) + kGeneratedWords) {
      const char* letters[3] = {kRootLetters[rng.below(std::size(kRootLetters))],
                                kRootLetters[rng.below(std::size(kRootLetters))],
                                kRootLetters[rng.below(std::size(kRootLetters))]};
      std::string word;
      for (const char* p = kPatterns[rng.below(std::size(kPatterns))]; *p != '\0'; ++p) {
        if (*p >= '1' && *p <= '3') {
          word += letters[*p - '1'];
        } else {
          word += *p;
        }
      }
      if (seen.emplace(word, true).second) words_.push_back(std::move(word));
    }
    // Zipf with exponent 1: P(rank r) ∝ 1 / (r + 1).
    cumulative_.reserve(words_.size());
    double sum = 0;
    for (std::size_t r = 0; r < words_.size(); ++r) cumulative_.push_back(sum += 1.0 / static_cast<double>(r + 1));
  }

  std::size_t draw(Rng& rng) const {
    const double x = rng.unit() * cumulative_.back();
    return static_cast<std::size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
  }
  const std::string& word(std::size_t rank) const { return words_[rank]; }
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

// A word as a site might spell it: sometimes with tashkeel, sometimes without hamza on alef.
void append_spelled(std::string& out, const std::string& word, Rng& rng) {
  const double r = rng.unit();
  if (r < 0.3 && (word.rfind("أ", 0) == 0 || word.rfind("إ", 0) == 0)) {
    out += "ا";
    out.append(word, std::string_view("أ").size());
    return;
  }
  if (r > 0.95) {
    static constexpr const char* kMarks[] = {"\u064E", "\u064F", "\u0650", "\u0651", "\u0652"};
    // After each letter (two-byte UTF-8), sometimes a mark.
    for (std::size_t i = 0; i < word.size();) {
      const std::size_t len = (static_cast<unsigned char>(word[i]) < 0x80) ? 1 : 2;
      out.append(word, i, len);
      i += len;
      if (rng.unit() < 0.5) out += kMarks[rng.below(std::size(kMarks))];
    }
    return;
  }
  out += word;
}

std::string words_text(const Vocabulary& v, Rng& rng, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += ' ';
    append_spelled(out, v.word(v.draw(rng)), rng);
  }
  return out;
}

std::string site_name(std::size_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "site%02zu", i);
  return buf;
}

constexpr std::int64_t kYear2024 = 1704067200;  // 2024-01-01T00:00:00Z

// Article i of the synthetic store: the same for the same seed, so queries can quote it later.
akhbar::store::ArticleRecord make_article(const Vocabulary& v, std::uint64_t seed, std::size_t i) {
  Rng rng(seed * 1000003 + i);
  akhbar::store::ArticleRecord a;
  a.site = site_name(rng.below(kSites));
  a.url = "https://" + a.site + ".example/news/" + std::to_string(i);
  a.canonical_url = a.url;
  a.title = words_text(v, rng, 6 + rng.below(7));
  const std::size_t paragraphs = 3 + rng.below(3);
  for (std::size_t p = 0; p < paragraphs; ++p) {
    if (p > 0) a.body += "\n\n";
    a.body += words_text(v, rng, 25 + rng.below(36));
    a.body += '.';
  }
  a.lang = "ar";
  const auto published = std::chrono::seconds(kYear2024 + static_cast<std::int64_t>(rng.below(366 * 86400)));
  a.published_at = WallTime(published);
  a.published_at_text = akhbar::format_utc_rfc3339(*a.published_at);
  a.fetched_at = *a.published_at + std::chrono::minutes(5);
  a.date_from = "jsonld";
  a.content_hash = akhbar::parsers::content_hash(a.title, a.body);
  a.near = akhbar::parsers::near_fingerprint(a.body);
  a.simhash = a.near.simhash;
  return a;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// User + system CPU seconds of the calling thread (who = RUSAGE_THREAD) or the process (RUSAGE_SELF).
double cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Query {
  std::string kind;
  std::string text;
  akhbar::store::SearchFilter filter;
};

// Two adjacent plain words of a stored article's body, as a phrase a reader would quote.
std::string phrase_from(const Vocabulary& v, const Options& o, Rng& rng) {
  const auto a = make_article(v, o.seed, rng.below(o.articles));
  const std::string key = akhbar::parsers::normalize_arabic(a.body);
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < key.size();) {
    const std::size_t sp = std::min(key.find(' ', at), key.size());
    words.push_back(std::string_view(key).substr(at, sp - at));
    at = sp + 1;
  }
  const std::size_t k = rng.below(words.size() - 1);
  return "\"" + std::string(words[k]) + " " + std::string(words[k + 1]) + "\"";  // the parser drops a full stop
}

std::vector<Query> make_queries(const Vocabulary& v, const Options& o) {
  Rng rng(o.seed ^ 0x5EA4C4ULL);
  // Topical words: past the most frequent ones, where names, places and subjects are.
  auto topical = [&] { return v.word(100 + rng.below(20'000)); };
  std::vector<Query> out;
  for (std::size_t i = 0; i < o.queries; ++i) {
    Query q;
    const std::size_t kind = i % 10;
    if (kind < 4) {
      q = {"word", topical(), {}};
    } else if (kind < 6) {
      q = {"two words", topical() + " " + topical(), {}};
    } else if (kind == 6) {
      q = {"phrase", phrase_from(v, o, rng), {}};
    } else if (kind == 7) {
      q = {"OR", topical() + " OR " + topical(), {}};
    } else if (kind == 8) {
      q = {"-word", topical() + " -" + v.word(20 + rng.below(200)), {}};
    } else {
      // A topical word without its last letter, as one types a stem to catch its forms.
      std::string w = akhbar::parsers::normalize_arabic(topical());
      if (w.size() >= 10) w.resize(w.size() - 2);  // five letters or more (two bytes each): drop one
      q = {"prefix", w + "*", {}};
    }
    if (i % 7 == 3) {
      q.filter.site = site_name(rng.below(kSites));
      q.kind += " --site";
    } else if (i % 7 == 5) {
      q.filter.since = WallTime(std::chrono::seconds(kYear2024 + 300 * 86400));
      q.kind += " --since";
    }
    out.push_back(std::move(q));
  }
  return out;
}

double percentile(std::vector<double> ms, double p) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1) + 0.5);
  return ms[std::min(at, ms.size() - 1)];
}

struct Timed {
  double ms = 0;
  std::size_t hits = 0;
  std::size_t snippet_bytes = 0;
  bool pooled = false;  // ranked among the newest kSearchPool matches
};

Timed run_query(akhbar::store::Store& store, const Query& q) {
  const auto start = Clock::now();
  auto parsed = akhbar::parsers::parse_search_query(q.text);
  if (!parsed) {
    std::fprintf(stderr, "query %s: %s\n", q.text.c_str(), parsed.error().message.c_str());
    std::exit(1);
  }
  akhbar::store::SearchFilter filter = q.filter;
  filter.limit = 20;
  auto hits = store.search(*parsed, filter);
  if (!hits) {
    std::fprintf(stderr, "query %s: %s\n", q.text.c_str(), hits.error().str().c_str());
    std::exit(1);
  }
  const auto wanted = parsed->wanted();
  Timed t;
  t.pooled = hits->pooled;
  for (const auto& h : hits->hits) {
    t.snippet_bytes += akhbar::parsers::mark_matches(h.title, wanted).size();
    t.snippet_bytes += akhbar::parsers::make_snippet(h.body, wanted).size();
  }
  t.ms = seconds_since(start) * 1000.0;
  t.hits = hits->hits.size();
  return t;
}

void print_latencies(const char* label, const std::vector<double>& ms, std::size_t hits) {
  std::printf("%-22s %5zu queries  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms  %6.1f hits/query\n", label,
              ms.size(), percentile(ms, 0.50), percentile(ms, 0.95), percentile(ms, 0.99), percentile(ms, 1.0),
              ms.empty() ? 0.0 : static_cast<double>(hits) / static_cast<double>(ms.size()));
}

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--articles" || a == "--queries" || a == "--seed") {
      const char* v = value();
      if (v == nullptr) return false;
      const auto n = std::strtoull(v, nullptr, 10);
      if (a == "--articles") o.articles = n;
      if (a == "--queries") o.queries = n;
      if (a == "--seed") o.seed = n;
    } else if (a == "--db") {
      const char* v = value();
      if (v == nullptr) return false;
      o.db = v;
    } else if (a == "--keep") {
      o.keep = true;
    } else {
      return false;
    }
  }
  return o.articles >= 2 && o.queries >= 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_args(argc, argv, o)) {
    std::fprintf(stderr, "usage: akhbar_search_bench [--articles N] [--queries Q] [--db FILE] [--keep] [--seed S]\n");
    return 2;
  }
  fs::path dir;
  fs::path db = o.db;
  if (db.empty()) {
    dir = fs::temp_directory_path() / ("akhbar-search-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    db = dir / "akhbar.db";
  }
  const Vocabulary vocabulary(o.seed);
  auto opened = akhbar::store::Store::open(db);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().str().c_str());
    return 1;
  }
  auto& store = **opened;
  const std::int64_t stored = store.count_articles().value_or(0);
  if (stored >= static_cast<std::int64_t>(o.articles)) {
    std::printf("store %s: %lld articles already, not rebuilt\n", db.c_str(), static_cast<long long>(stored));
  } else if (stored > 0) {
    std::fprintf(stderr, "%s holds %lld articles, fewer than %zu: use a new file\n", db.c_str(),
                 static_cast<long long>(stored), o.articles);
    return 1;
  } else {
    std::printf("building %zu articles in %s\n", o.articles, db.c_str());
    const auto start = Clock::now();
    const double cpu_self = cpu_seconds(RUSAGE_SELF);
    const double cpu_thread = cpu_seconds(RUSAGE_THREAD);
    auto last = start;
    std::size_t body_bytes = 0;
    const std::size_t tenth = std::max<std::size_t>(o.articles / 10, 1);
    for (std::size_t i = 0; i < o.articles; ++i) {
      auto a = make_article(vocabulary, o.seed, i);
      body_bytes += a.body.size();
      store.add_article(std::move(a));
      if ((i + 1) % tenth == 0) {
        store.flush();
        const double slice = seconds_since(last);
        last = Clock::now();
        std::printf("  %9zu stored  %8.0f articles/s over the last %zu\n", i + 1, static_cast<double>(tenth) / slice,
                    tenth);
        std::fflush(stdout);
      }
    }
    store.flush();
    const double total = seconds_since(start);
    std::printf("insert: %zu articles stored and indexed in %.1f s = %.0f articles/s (average body %zu bytes), "
                "%lld write errors\n",
                o.articles, total, static_cast<double>(o.articles) / total, body_bytes / o.articles,
                static_cast<long long>(store.write_errors().count));
    // This thread made the articles (text, content_hash, simhash); the rest is the store's writer and
    // search indexer.
    const double producer = cpu_seconds(RUSAGE_THREAD) - cpu_thread;
    const double writer = cpu_seconds(RUSAGE_SELF) - cpu_self - producer;
    std::printf("insert CPU per article: %.1f us making it (text, content_hash, simhash), %.1f us storing it "
                "(the writer and search indexer threads: rows, commits, the full-text index)\n",
                producer * 1e6 / static_cast<double>(o.articles), writer * 1e6 / static_cast<double>(o.articles));
  }
  std::error_code ec;
  std::printf("database: %.2f GB (with WAL)\n",
              static_cast<double>(fs::file_size(db, ec) + fs::file_size(db.string() + "-wal", ec)) / 1e9);

  const std::vector<Query> queries = make_queries(vocabulary, o);
  for (const auto& q : queries) (void)run_query(store, q);  // warm-up pass, untimed
  std::vector<double> all;
  std::map<std::string, std::vector<double>> by_kind;
  std::map<std::string, std::size_t> hits_by_kind;
  std::size_t hits = 0;
  std::size_t pooled = 0;
  for (const auto& q : queries) {
    const Timed t = run_query(store, q);
    pooled += t.pooled;
    all.push_back(t.ms);
    by_kind[q.kind].push_back(t.ms);
    hits_by_kind[q.kind] += t.hits;
    hits += t.hits;
  }
  std::printf("search (limit 20, with snippets), %zu articles; %zu of %zu queries matched more than %zu and were "
              "ranked among their newest %zu matches:\n",
              o.articles, pooled, queries.size(), akhbar::store::kSearchPool, akhbar::store::kSearchPool);
  print_latencies("all", all, hits);
  for (const auto& [kind, ms] : by_kind) print_latencies(kind.c_str(), ms, hits_by_kind[kind]);
  // Not in the mix: words most articles contain, where bm25 has to score every one of them.
  std::vector<double> common;
  std::size_t common_hits = 0;
  for (std::size_t rank : {0, 5, 27, 60}) {
    const Timed t = run_query(store, {"common", vocabulary.word(rank), {}});
    common.push_back(t.ms);
    common_hits += t.hits;
    std::printf("  common word #%-3zu %-12s %8.2f ms%s\n", rank, vocabulary.word(rank).c_str(), t.ms,
                t.pooled ? " (pooled)" : "");
  }
  print_latencies("common words (apart)", common, common_hits);

  opened->reset();
  if (!dir.empty() && !o.keep) fs::remove_all(dir, ec);
  if (!dir.empty() && o.keep) std::printf("kept %s\n", db.c_str());
  return 0;
}
