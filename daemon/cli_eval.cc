// daemon/cli_eval.cc: `akhbard eval DIR` (INTERFACE.md, docs/eval.md): extraction quality over
// NAME.html + NAME.expected.json pairs. Every page is decoded and extracted in this process exactly
// as `akhbard extract` would (charset from content_type, site rules, `now`), scored field by field
// (daemon/eval_score.h), then summed up overall, for the Arabic pages and for the others. `--floor`
// turns a figure into a guard: the exit status is 1 when it is not met.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "config/config.h"
#include "daemon/commands.h"
#include "daemon/eval_expected.h"
#include "daemon/eval_score.h"
#include "parsers/article/article.h"
#include "parsers/date/date.h"
#include "parsers/text/charset.h"
#include "util/read_file.h"

namespace akhbar::daemon {
namespace {

namespace fs = std::filesystem;
using eval::Expected;
using eval::Prf;
using nlohmann::ordered_json;

constexpr std::string_view kExpectedSuffix = ".expected.json";
constexpr std::string_view kArabic = "ar";

struct PageResult {
  std::string name;
  std::string lang;
  std::string error;  // extraction failed: the page still counts, every field as a miss
  std::optional<bool> title, author, date;
  std::string title_got, author_got, date_got;
  std::optional<Prf> tokens;                  // body annotated
  std::optional<eval::ShingleCounts> counts;  // body annotated
  std::optional<Prf> shingles;
  std::optional<bool> same_words;
  std::optional<double> para_recall;
  std::optional<eval::Snippets> snippets;  // must / must-not annotated
  double ms = 0;                           // wall time of decode + extract
  double cpu_ms = 0;
};

struct Rate {
  int pass = 0;
  int of = 0;
  void add(const std::optional<bool>& v) {
    if (!v) return;
    ++of;
    pass += *v ? 1 : 0;
  }
  std::optional<double> value() const {
    if (of == 0) return std::nullopt;
    return static_cast<double>(pass) / of;
  }
};

struct Summary {
  int pages = 0;
  int errors = 0;
  Rate title, author, date;
  int body_pages = 0;
  std::optional<double> precision, recall, f1, shingle_f1, para_recall;
  eval::AebSummary aeb;
  int leaks = 0, leaked = 0, missing = 0;
  double ms = 0, cpu_ms = 0;
};

std::optional<double> mean_of(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

Summary summarise(const std::vector<const PageResult*>& pages) {
  Summary s;
  std::vector<double> p, r, f1, sf1, paras;
  std::vector<eval::ShingleCounts> counts;
  std::vector<bool> exact;
  for (const auto* page : pages) {
    ++s.pages;
    if (!page->error.empty()) ++s.errors;
    s.title.add(page->title);
    s.author.add(page->author);
    s.date.add(page->date);
    if (page->tokens) {
      ++s.body_pages;
      p.push_back(page->tokens->precision);
      r.push_back(page->tokens->recall);
      f1.push_back(page->tokens->f1);
      sf1.push_back(page->shingles->f1);
      counts.push_back(*page->counts);
      exact.push_back(*page->same_words);
    }
    if (page->para_recall) paras.push_back(*page->para_recall);
    if (page->snippets) {
      s.leaked += static_cast<int>(page->snippets->leaked.size());
      s.missing += static_cast<int>(page->snippets->missing.size());
    }
    s.ms += page->ms;
    s.cpu_ms += page->cpu_ms;
  }
  s.leaks = s.leaked + s.missing;
  s.precision = mean_of(p);
  s.recall = mean_of(r);
  s.f1 = mean_of(f1);
  s.shingle_f1 = mean_of(sf1);
  s.para_recall = mean_of(paras);
  s.aeb = eval::aeb_summary(counts, exact);
  return s;
}

// --floor KEY=VALUE. KEY may be scoped "arabic.f1" / "other.f1"; plain keys are the overall figures.
struct Floor {
  std::string spec;
  std::string scope;  // "overall", "arabic" or "other"
  std::string key;
  double value = 0;
};

enum class Bound { kAtLeast, kAtMost };
struct FloorKey {
  std::string_view key;
  Bound bound;
  std::string_view what;
};
constexpr FloorKey kFloorKeys[] = {
    {"title", Bound::kAtLeast, "share of annotated titles extracted exactly"},
    {"author", Bound::kAtLeast, "share of annotated authors matched"},
    {"date", Bound::kAtLeast, "share of annotated dates matched"},
    {"precision", Bound::kAtLeast, "mean body token precision"},
    {"recall", Bound::kAtLeast, "mean body token recall"},
    {"f1", Bound::kAtLeast, "mean body token F1"},
    {"shingle_f1", Bound::kAtLeast, "mean per-page shingle F1"},
    {"aeb_f1", Bound::kAtLeast, "article-extraction-benchmark F1 (of mean shingle P and R)"},
    {"para_recall", Bound::kAtLeast, "mean share of expected paragraphs found"},
    {"leaks", Bound::kAtMost, "boilerplate present plus required snippets missing"},
    {"errors", Bound::kAtMost, "pages whose extraction failed"},
    {"skipped", Bound::kAtMost, "pages skipped for a bad expected file or site file (overall only)"},
};

const FloorKey* find_floor_key(std::string_view key) {
  for (const auto& k : kFloorKeys) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

Result<Floor> parse_floor(const std::string& spec) {
  Floor f;
  f.spec = spec;
  const auto eq = spec.find('=');
  if (eq == std::string::npos) return fail(Errc::kInvalidInput, "expected KEY=VALUE", spec);
  std::string key = spec.substr(0, eq);
  f.scope = "overall";
  for (std::string_view scope : {"arabic.", "other.", "overall."}) {
    if (key.starts_with(scope)) {
      f.scope = std::string(scope.substr(0, scope.size() - 1));
      key = key.substr(scope.size());
    }
  }
  if (!find_floor_key(key)) {
    std::string known;
    for (const auto& k : kFloorKeys) known += (known.empty() ? "" : ", ") + std::string(k.key);
    return fail(Errc::kInvalidInput, "unknown key '" + key + "' (known: " + known + ")", spec);
  }
  if (key == "skipped" && f.scope != "overall") return fail(Errc::kInvalidInput, "skipped is overall only", spec);
  f.key = key;
  const std::string value = spec.substr(eq + 1);
  const auto* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, f.value);
  if (value.empty() || ec != std::errc() || ptr != end) {
    return fail(Errc::kInvalidInput, "expected a number after '='", spec);
  }
  return f;
}

std::optional<double> figure(const Summary& s, std::string_view key, int skipped) {
  if (key == "title") return s.title.value();
  if (key == "author") return s.author.value();
  if (key == "date") return s.date.value();
  if (key == "precision") return s.precision;
  if (key == "recall") return s.recall;
  if (key == "f1") return s.f1;
  if (key == "shingle_f1") return s.shingle_f1;
  if (key == "aeb_f1") return s.aeb.f1;
  if (key == "para_recall") return s.para_recall;
  if (key == "leaks") return s.leaks;
  if (key == "errors") return s.errors;
  if (key == "skipped") return skipped;
  return std::nullopt;
}

// The clock `now` of a page: its fetched_at (an instant, or a naive/date reading taken as UTC).
std::optional<WallTime> page_now(const std::string& fetched_at) {
  const auto w = eval::parse_when(fetched_at);
  if (!w) return std::nullopt;
  const long long us = w->kind == eval::When::Kind::kInstant ? w->instant_us() : w->wall_us;
  return WallTime(std::chrono::duration_cast<WallTime::duration>(std::chrono::microseconds(us)));
}

double cpu_ms_now() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

PageResult run_page(const std::string& name, const std::string& bytes, const std::string& url, const Expected& exp,
                    const config::SiteConfig& site, WallTime now) {
  PageResult r;
  r.name = name;
  parsers::Article got;
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_ms_now();
  try {  // one unit of work: whatever happens to this page, the others are still scored
    const std::string html = parsers::decode_to_utf8(bytes, exp.content_type);
    auto article = parsers::extract_article(html, url, site.rules, now);
    if (article) {
      got = std::move(*article);
    } else {
      r.error = article.error().message;
    }
  } catch (const std::exception& e) {
    r.error = std::string("internal error: ") + e.what();
  }
  r.cpu_ms = cpu_ms_now() - cpu_start;
  r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start).count();

  r.lang = !exp.lang.empty() ? exp.lang : (!got.lang.empty() ? got.lang : "?");
  if (exp.title) {
    r.title = eval::same_title(*exp.title, got.title);
    r.title_got = got.title;
  }
  if (!exp.authors.empty()) {
    std::vector<std::string> names;
    for (const auto& n : exp.authors) {
      if (!eval::collapse(n).empty()) names.push_back(n);
    }
    if (!names.empty()) {
      r.author = eval::author_matches(names, got.author);
      r.author_got = got.author;
    }
  }
  if (got.published_at) r.date_got = parsers::format_in_zone(*got.published_at, site.timezone);
  if (exp.published) r.date = eval::same_date(*exp.published, r.date_got);
  if (exp.body) {
    r.tokens = eval::token_prf(*exp.body, got.body);
    r.counts = eval::shingle_counts(*exp.body, got.body);
    r.shingles = eval::shingle_prf(*r.counts);
    r.same_words = eval::same_words(*exp.body, got.body);
  }
  if (!exp.paragraphs.empty()) r.para_recall = eval::paragraph_recall(exp.paragraphs, got.body);
  if (!exp.must_contain.empty() || !exp.must_not_contain.empty()) {
    r.snippets = eval::check_snippets(exp.must_contain, exp.must_not_contain, got.body);
  }
  return r;
}

ordered_json number_or_null(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
ordered_json bool_or_null(const std::optional<bool>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

ordered_json rate_json(const Rate& r) {
  return {{"pass", r.pass}, {"of", r.of}, {"rate", number_or_null(r.value())}};
}

ordered_json summary_json(const Summary& s) {
  ordered_json j;
  j["pages"] = s.pages;
  j["errors"] = s.errors;
  j["title"] = rate_json(s.title);
  j["author"] = rate_json(s.author);
  j["date"] = rate_json(s.date);
  j["body_pages"] = s.body_pages;
  j["precision"] = number_or_null(s.precision);
  j["recall"] = number_or_null(s.recall);
  j["f1"] = number_or_null(s.f1);
  j["shingle_f1"] = number_or_null(s.shingle_f1);
  j["aeb"] = {{"precision", number_or_null(s.aeb.precision)},
              {"recall", number_or_null(s.aeb.recall)},
              {"f1", number_or_null(s.aeb.f1)},
              {"accuracy", number_or_null(s.aeb.accuracy)}};
  j["para_recall"] = number_or_null(s.para_recall);
  j["leaks"] = s.leaks;
  j["leaked"] = s.leaked;
  j["missing"] = s.missing;
  j["ms"] = s.ms;
  j["pages_per_s"] = s.ms > 0 ? ordered_json(1000.0 * s.pages / s.ms) : ordered_json(nullptr);
  j["cpu_ms_per_page"] = s.pages > 0 ? ordered_json(s.cpu_ms / s.pages) : ordered_json(nullptr);
  return j;
}

ordered_json page_json(const PageResult& r) {
  ordered_json j;
  j["name"] = r.name;
  j["lang"] = r.lang;
  j["error"] = r.error.empty() ? ordered_json(nullptr) : ordered_json(r.error);
  j["title"] = bool_or_null(r.title);
  j["title_got"] = r.title ? ordered_json(r.title_got) : ordered_json(nullptr);
  j["author"] = bool_or_null(r.author);
  j["author_got"] = r.author ? ordered_json(r.author_got) : ordered_json(nullptr);
  j["date"] = bool_or_null(r.date);
  j["date_got"] = r.date ? ordered_json(r.date_got) : ordered_json(nullptr);
  j["precision"] = r.tokens ? ordered_json(r.tokens->precision) : ordered_json(nullptr);
  j["recall"] = r.tokens ? ordered_json(r.tokens->recall) : ordered_json(nullptr);
  j["f1"] = r.tokens ? ordered_json(r.tokens->f1) : ordered_json(nullptr);
  j["shingle_precision"] = r.shingles ? ordered_json(r.shingles->precision) : ordered_json(nullptr);
  j["shingle_recall"] = r.shingles ? ordered_json(r.shingles->recall) : ordered_json(nullptr);
  j["shingle_f1"] = r.shingles ? ordered_json(r.shingles->f1) : ordered_json(nullptr);
  j["same_words"] = bool_or_null(r.same_words);
  j["para_recall"] = number_or_null(r.para_recall);
  j["leaks"] = r.snippets ? ordered_json(r.snippets->leaks()) : ordered_json(nullptr);
  j["leaked"] = r.snippets ? ordered_json(r.snippets->leaked) : ordered_json(nullptr);
  j["missing"] = r.snippets ? ordered_json(r.snippets->missing) : ordered_json(nullptr);
  j["ms"] = r.ms;
  j["cpu_ms"] = r.cpu_ms;
  return j;
}

std::string mark(const std::optional<bool>& v) { return !v ? "-" : (*v ? "✓" : "✗"); }
std::string num(const std::optional<double>& v, int digits = 3) {
  return v ? fmt::format("{:.{}f}", *v, digits) : std::string("-");
}
std::string rate_text(const Rate& r) {
  if (r.of == 0) return "-";
  return fmt::format("{}/{} ({:.0f}%)", r.pass, r.of, 100.0 * r.pass / r.of);
}

void print_table(const std::vector<PageResult>& pages) {
  std::cout << fmt::format("{:<44} {:<4} {:<5} {:<6} {:<4} {:>5} {:>5} {:>5} {:>6} {:>5} {:>8}\n", "page", "lang",
                           "title", "author", "date", "P", "R", "F1", "shF1", "leaks", "ms");
  for (const auto& r : pages) {
    // The marks are one column wide but three bytes long: pad them by hand.
    const auto pad = [](const std::string& s, std::size_t width) { return s + std::string(width - 1, ' '); };
    std::cout << fmt::format("{:<44} {:<4} ", r.name.substr(0, 44), r.lang.substr(0, 4)) << pad(mark(r.title), 5)
              << ' ' << pad(mark(r.author), 6) << ' ' << pad(mark(r.date), 4) << ' '
              << fmt::format("{:>5} {:>5} {:>5} {:>6} {:>5} {:>8.1f}",
                             num(r.tokens ? std::optional<double>(r.tokens->precision) : std::nullopt, 2),
                             num(r.tokens ? std::optional<double>(r.tokens->recall) : std::nullopt, 2),
                             num(r.tokens ? std::optional<double>(r.tokens->f1) : std::nullopt, 2),
                             num(r.shingles ? std::optional<double>(r.shingles->f1) : std::nullopt, 2),
                             r.snippets ? std::to_string(r.snippets->leaks()) : std::string("-"), r.ms)
              << (r.error.empty() ? "" : "  [" + r.error + "]") << '\n';
  }
}

void print_summary(std::string_view label, const Summary& s, std::optional<int> skipped) {
  std::cout << fmt::format("{:<8} pages {}  errors {}", label, s.pages, s.errors)
            << (skipped ? fmt::format("  skipped {}", *skipped) : std::string()) << '\n';
  std::cout << fmt::format("         title {}  author {}  date {}\n", rate_text(s.title), rate_text(s.author),
                           rate_text(s.date));
  std::cout << fmt::format("         body ({} pages): P {}  R {}  F1 {}  shingle F1 {}  paragraphs {}\n", s.body_pages,
                           num(s.precision), num(s.recall), num(s.f1), num(s.shingle_f1), num(s.para_recall));
  std::cout << fmt::format("         benchmark (AEB): P {}  R {}  F1 {}  accuracy {}\n", num(s.aeb.precision),
                           num(s.aeb.recall), num(s.aeb.f1), num(s.aeb.accuracy));
  std::cout << fmt::format("         leaks {} (boilerplate {}, missing {})  {} pages/s  {:.1f} CPU ms/page\n", s.leaks,
                           s.leaked, s.missing, s.ms > 0 ? fmt::format("{:.1f}", 1000.0 * s.pages / s.ms) : "-",
                           s.pages > 0 ? s.cpu_ms / s.pages : 0.0);
}

}  // namespace

int cmd_eval(const std::string& dir, bool json, const std::vector<std::string>& floor_specs) {
  std::vector<Floor> floors;
  for (const auto& spec : floor_specs) {
    auto f = parse_floor(spec);
    if (!f) {
      std::cerr << "akhbard eval: --floor " << f.error().str() << '\n';
      return 2;
    }
    floors.push_back(std::move(*f));
  }

  std::error_code ec;
  std::vector<fs::path> expected_files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (file.size() > kExpectedSuffix.size() && file.ends_with(kExpectedSuffix) && it->is_regular_file()) {
      expected_files.push_back(it->path());
    }
  }
  if (ec) {
    std::cerr << dir << ": cannot read directory: " << ec.message() << '\n';
    return 1;
  }
  std::sort(expected_files.begin(), expected_files.end());

  const WallTime started = std::chrono::system_clock::now();
  std::map<std::string, config::SiteConfig> sites;  // by path, loaded once
  std::vector<PageResult> pages;
  std::vector<std::string> skipped;
  const auto skip = [&](const std::string& message) {
    std::cerr << message << " (page skipped)\n";
    skipped.push_back(message);
  };
  for (const auto& expected_file : expected_files) {
    const std::string file = expected_file.string();
    const std::string name = expected_file.filename().string().substr(
        0, expected_file.filename().string().size() - kExpectedSuffix.size());
    const fs::path html_file = expected_file.parent_path() / (name + ".html");
    auto text = read_file(file, kMaxInputFileBytes);
    if (!text) {
      skip(text.error().str());
      continue;
    }
    auto exp = eval::parse_expected(*text, file);
    if (!exp) {
      skip(exp.error().str());
      continue;
    }
    auto bytes = read_file(html_file.string(), kMaxInputFileBytes);
    if (!bytes) {
      skip(file + ": no page beside it: " + bytes.error().str());
      continue;
    }
    WallTime now = started;
    if (!exp->fetched_at.empty()) {
      auto t = page_now(exp->fetched_at);
      if (!t) {
        skip(file + ": fetched_at: expected an ISO time, got '" + exp->fetched_at + "'");
        continue;
      }
      now = *t;
    }
    config::SiteConfig no_site;
    const config::SiteConfig* site = &no_site;
    if (!exp->site.empty()) {
      const std::string site_file = (expected_file.parent_path() / exp->site).lexically_normal().string();
      auto it = sites.find(site_file);
      if (it == sites.end()) {
        std::vector<Error> errors;
        auto loaded = config::load_site_file(site_file, &errors);
        if (!loaded) {
          if (errors.empty()) errors.push_back(loaded.error());
          for (const auto& e : errors) std::cerr << e.str() << '\n';
          skip(file + ": site: cannot load " + site_file);
          continue;
        }
        it = sites.emplace(site_file, std::move(*loaded)).first;
      }
      site = &it->second;
    }
    config::SiteConfig zoned;
    if (!exp->timezone.empty() && exp->site.empty()) {
      if (!parsers::is_known_timezone(exp->timezone)) {
        skip(file + ": timezone: unknown zone '" + exp->timezone + "'");
        continue;
      }
      zoned = *site;
      zoned.timezone = exp->timezone;
      zoned.rules.timezone = exp->timezone;
      site = &zoned;
    }
    const std::string url =
        !exp->url.empty() ? exp->url : "file://" + fs::absolute(html_file).lexically_normal().string();
    pages.push_back(run_page(name, *bytes, url, *exp, *site, now));
  }

  if (pages.empty()) {
    std::cerr << "akhbard eval: " << dir << ": no pages (NAME.html + NAME.expected.json)"
              << (skipped.empty() ? "" : fmt::format(", {} skipped", skipped.size())) << '\n';
    return 1;
  }

  std::vector<const PageResult*> all, arabic, other;
  for (const auto& p : pages) {
    all.push_back(&p);
    (p.lang == kArabic || p.lang.starts_with("ar-") ? arabic : other).push_back(&p);
  }
  const Summary overall = summarise(all);
  const Summary ar = summarise(arabic);
  const Summary others = summarise(other);

  if (json) {
    ordered_json j;
    j["pages"] = ordered_json::array();
    for (const auto& p : pages) j["pages"].push_back(page_json(p));
    j["overall"] = summary_json(overall);
    j["overall"]["skipped"] = skipped.size();
    j["arabic"] = summary_json(ar);
    j["other"] = summary_json(others);
    j["skipped"] = skipped;
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    print_table(pages);
    std::cout << '\n';
    print_summary("overall", overall, static_cast<int>(skipped.size()));
    if (!arabic.empty()) print_summary("arabic", ar, std::nullopt);
    if (!other.empty()) print_summary("other", others, std::nullopt);
  }

  int status = 0;
  for (const auto& f : floors) {
    const Summary& s = f.scope == "arabic" ? ar : (f.scope == "other" ? others : overall);
    const auto value = figure(s, f.key, static_cast<int>(skipped.size()));
    const auto bound = find_floor_key(f.key)->bound;
    if (!value) {
      std::cerr << "akhbard eval: floor " << f.spec << " not met: no page annotates it\n";
      status = 1;
    } else if (bound == Bound::kAtLeast ? *value < f.value : *value > f.value) {
      std::cerr << "akhbard eval: floor " << f.spec << " not met: " << f.scope << ' ' << f.key << " is "
                << fmt::format("{:.4g}", *value) << '\n';
      status = 1;
    }
  }
  return status;
}

}  // namespace akhbar::daemon
