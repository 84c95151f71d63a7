// bench/parse_bench.cc: akhbar_bench, the CPU cost of the pure parsers on saved inputs.
//
//   akhbar_bench [--html PATH]... [--feeds PATH]... [--no-synthetic] [--seconds S] [--json FILE]
//                [--realistic PATH | --generated N] [--realistic-only] [--write-pages DIR]
//
// PATH is a file or a directory (searched recursively: *.html/*.htm for --html; *.xml, *.rss,
// *.atom, *.rdf, *.json and *.gz for --feeds, of which those parse_feed accepts are timed).
// Defaults: tests/data/articles + examples/demo/site (HTML), tests/data/feeds +
// examples/demo/site/shamtimes/feed.xml (feeds), plus two generated large feeds (a 500-item
// WordPress RSS and a 50,000-URL news sitemap) unless --no-synthetic. Feeds are timed together and
// per format (rss, atom, jsonfeed, sitemaps). Each measurement repeats whole passes over its
// inputs until about S seconds (default 2) of wall time have gone by, after one untimed warm-up
// pass. HTML is decoded to UTF-8 before timing (decode_to_utf8 is not measured). CPU time is
// getrusage(RUSAGE_SELF) user+sys; the process is single-threaded, so CPU per unit is what one
// core pays. Peak RSS is ru_maxrss. Prints a table; --json writes the figures.
//
// Realistic pages (50-120 KB, what sites serve) are a second HTML corpus, timed apart: the files
// under --realistic PATH, by default tests/data/eval/ when it exists, else N generated pages
// (bench/realistic_pages.cc, --generated N, default 40, ~58 KB on average; --generated also
// chooses them over tests/data/eval/). For them the libxml2 parse
// alone (html::parse, what every extraction starts with) is timed too, so that extraction splits
// into parsing and everything after it. --realistic-only times nothing else (for callgrind).
// --write-pages DIR writes the realistic pages, as UTF-8 bytes, one NAME.html each, so that the
// peers (bench/peer_bench.py) read exactly what akhbar was timed on.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/parser.h>
#include <nlohmann/json.hpp>

#include "bench/realistic_pages.h"
#include "parsers/article/article.h"
#include "parsers/html/html_dom.h"
#include "parsers/text/charset.h"
#include "parsers/feed/feed.h"
#include "parsers/text/normalize.h"

namespace {

namespace fs = std::filesystem;
using akhbar::WallTime;

struct Input {
  std::string name;   // path relative to the source tree when inside it
  std::string url;    // a stable fake address the page "came from"
  std::string bytes;
};

struct Options {
  std::vector<std::string> html;
  std::vector<std::string> feeds;
  bool synthetic = true;
  std::string realistic;       // directory of realistic pages; "" = tests/data/eval or generated
  std::size_t generated = 40;  // generated realistic pages when there is no directory
  bool generated_asked = false;  // --generated: generated pages even where tests/data/eval exists
  bool realistic_only = false;
  std::string write_pages;  // --write-pages DIR: the realistic pages as timed, for the peers
  double seconds = 2.0;
  std::string json;
};

// One timed run: `units` (pages, items...) and `bytes` processed in `passes` passes.
struct Measure {
  double wall_s = 0;
  double cpu_s = 0;
  std::size_t passes = 0;
  std::size_t units = 0;
  std::size_t bytes = 0;

  double units_per_s() const { return wall_s > 0 ? static_cast<double>(units) / wall_s : 0; }
  double mb_per_s() const { return wall_s > 0 ? static_cast<double>(bytes) / 1e6 / wall_s : 0; }
  double cpu_ms_per_unit() const { return units > 0 ? cpu_s * 1e3 / static_cast<double>(units) : 0; }
};

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// `pass` processes every input once and returns {units, bytes} for that pass.
struct PassResult {
  std::size_t units = 0;
  std::size_t bytes = 0;
};

Measure measure(double target_seconds, const std::function<PassResult()>& pass) {
  pass();  // warm-up: caches, lazy initialisation, page faults
  Measure m;
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  do {
    const PassResult r = pass();
    m.units += r.units;
    m.bytes += r.bytes;
    ++m.passes;
    m.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  } while (m.wall_s < target_seconds);
  m.cpu_s = cpu_seconds() - cpu_start;
  return m;
}

bool has_extension(const fs::path& path, std::initializer_list<std::string_view> extensions) {
  const std::string ext = path.extension().string();
  return std::any_of(extensions.begin(), extensions.end(), [&](std::string_view e) { return ext == e; });
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Files under each path with one of `extensions`, sorted so runs are comparable.
// HTML is decoded to UTF-8 here, once, as the crawler does before extraction (article.h wants
// UTF-8); feeds stay raw bytes, since parse_feed decodes them itself.
std::vector<Input> collect(const std::vector<std::string>& paths,
                           std::initializer_list<std::string_view> extensions, bool utf8) {
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      files.emplace_back(p);
      continue;
    }
    if (!fs::is_directory(p, ec)) {
      std::fprintf(stderr, "akhbar_bench: %s: not a file or directory\n", p.c_str());
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(p, ec)) {
      if (entry.is_regular_file() && has_extension(entry.path(), extensions)) files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());

  std::vector<Input> inputs;
  const fs::path source_dir = AKHBAR_SOURCE_DIR;
  for (const auto& file : files) {
    auto bytes = read_file(file);
    if (!bytes) {
      std::fprintf(stderr, "akhbar_bench: %s: cannot read\n", file.c_str());
      continue;
    }
    std::string name = fs::relative(file, source_dir).string();
    if (name.empty() || name.rfind("..", 0) == 0) name = file.string();
    if (utf8) *bytes = akhbar::parsers::decode_to_utf8(std::move(*bytes), {});
    inputs.push_back({name, "http://bench.example/" + name, std::move(*bytes)});
  }
  return inputs;
}

std::size_t total_bytes(const std::vector<Input>& inputs) {
  std::size_t n = 0;
  for (const auto& in : inputs) n += in.bytes.size();
  return n;
}

std::optional<Options> parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (arg == "--html" && (v = value())) {
      o.html.emplace_back(v);
    } else if (arg == "--feeds" && (v = value())) {
      o.feeds.emplace_back(v);
    } else if (arg == "--no-synthetic") {
      o.synthetic = false;
    } else if (arg == "--realistic" && (v = value())) {
      o.realistic = v;
    } else if (arg == "--generated" && (v = value())) {
      o.generated = static_cast<std::size_t>(std::atol(v));
      o.generated_asked = true;
    } else if (arg == "--realistic-only") {
      o.realistic_only = true;
    } else if (arg == "--write-pages" && (v = value())) {
      o.write_pages = v;
    } else if (arg == "--seconds" && (v = value())) {
      o.seconds = std::atof(v);
    } else if (arg == "--json" && (v = value())) {
      o.json = v;
    } else {
      std::fprintf(stderr,
                   "usage: akhbar_bench [--html PATH]... [--feeds PATH]... [--no-synthetic] [--seconds S] [--json FILE]\n"
                   "                    [--realistic PATH | --generated N] [--realistic-only] [--write-pages DIR]\n");
      return std::nullopt;
    }
  }
  const std::string src = AKHBAR_SOURCE_DIR;
  if (o.html.empty()) o.html = {src + "/tests/data/articles", src + "/examples/demo/site"};
  if (o.feeds.empty()) o.feeds = {src + "/tests/data/feeds", src + "/examples/demo/site/shamtimes/feed.xml"};
  if (o.seconds <= 0) o.seconds = 2.0;
  if (o.realistic.empty() && !o.generated_asked) {
    std::error_code ec;
    if (fs::is_directory(src + "/tests/data/eval", ec)) o.realistic = src + "/tests/data/eval";
  }
  return o;
}

nlohmann::json to_json(const Measure& m, const char* unit) {
  return {{"unit", unit},
          {"wall_s", m.wall_s},
          {"cpu_s", m.cpu_s},
          {"passes", m.passes},
          {"units", m.units},
          {"bytes", m.bytes},
          {"units_per_s", m.units_per_s()},
          {"mb_per_s", m.mb_per_s()},
          {"cpu_ms_per_unit", m.cpu_ms_per_unit()}};
}

void print_row(const char* what, const char* unit, const Measure& m) {
  const std::string per_s = std::string(unit) + "s/s";
  const std::string per_unit = std::string("CPU ms/") + unit;
  std::printf("%-22s %10.0f %-8s %9.2f MB/s %10.4f %-12s %6zu passes\n", what, m.units_per_s(), per_s.c_str(),
              m.mb_per_s(), m.cpu_ms_per_unit(), per_unit.c_str(), m.passes);
}

}  // namespace

// Large feeds as the biggest real sites serve them, generated so that nothing third-party is needed:
// a WordPress RSS 2.0 feed with 500 items (title, link, guid, pubDate, dc:creator, categories,
// description and content:encoded in Arabic) and a Google News sitemap with 50,000 URLs (the
// protocol's maximum per file).
void add_synthetic_feeds(std::vector<Input>& feeds) {
  const std::string para =
      "<p>قالت مصادر محلية لعنب بلدي إن الأسعار ارتفعت بنسبة كبيرة خلال الأسبوع الماضي، وسط غياب أي رقابة "
      "من الجهات المعنية على الأسواق &amp; المحال التجارية.</p>";
  std::string rss =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<channel><title>عنب بلدي</title><link>https://www.enabbaladi.net/</link><language>ar</language>\n";
  for (int i = 0; i < 500; ++i) {
    const std::string id = std::to_string(600000 + i);
    rss += "<item><title>ارتفاع أسعار المحروقات في إدلب للمرة " + std::to_string(i) +
           "</title><link>https://www.enabbaladi.net/archives/" + id +
           "</link><dc:creator><![CDATA[عنب بلدي - إدلب]]></dc:creator><pubDate>Thu, 06 Oct 2022 " +
           std::to_string(10 + i % 12) + ":30:15 +0000</pubDate><category><![CDATA[اقتصاد]]></category>"
           "<guid isPermaLink=\"false\">https://www.enabbaladi.net/?p=" + id + "</guid><description><![CDATA[" + para +
           "]]></description><content:encoded><![CDATA[" + para + para + para + "]]></content:encoded></item>\n";
  }
  rss += "</channel></rss>\n";
  feeds.push_back({"synthetic/wordpress-500.xml", "https://www.enabbaladi.net/feed/", std::move(rss)});

  std::string sitemap =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
  for (int i = 0; i < 50000; ++i) {
    sitemap += "<url><loc>https://www.aljazeera.net/news/2024/3/" + std::to_string(1 + i % 28) + "/story-" +
               std::to_string(i) + "</loc><lastmod>2024-03-05T10:20:30+03:00</lastmod><news:news><news:publication>"
               "<news:name>الجزيرة نت</news:name><news:language>ar</news:language></news:publication>"
               "<news:publication_date>2024-03-05T10:20:30+03:00</news:publication_date><news:title>"
               "مراسل الجزيرة: غارات جديدة على المنطقة رقم " + std::to_string(i) + "</news:title></news:news></url>\n";
  }
  sitemap += "</urlset>\n";
  feeds.push_back({"synthetic/news-sitemap-50k.xml", "https://www.aljazeera.net/sitemap.xml", std::move(sitemap)});
}

int main(int argc, char** argv) {
  const auto options = parse_args(argc, argv);
  if (!options) return 2;
  xmlInitParser();

  std::vector<Input> pages, feeds;
  if (!options->realistic_only) {
    pages = collect(options->html, {".html", ".htm"}, true);
    feeds = collect(options->feeds, {".xml", ".rss", ".atom", ".rdf", ".json", ".gz"}, false);
    if (options->synthetic) add_synthetic_feeds(feeds);
  }
  std::vector<Input> realistic;
  std::string realistic_source;
  if (!options->realistic.empty()) {
    realistic = collect({options->realistic}, {".html", ".htm"}, true);
    realistic_source = fs::relative(options->realistic, AKHBAR_SOURCE_DIR).string();
  } else {
    for (auto& g : akhbar::bench::realistic_pages(options->generated)) {
      realistic.push_back({std::move(g.name), std::move(g.url), std::move(g.html)});
    }
    realistic_source = "generated";
  }
  if (pages.empty() && feeds.empty() && realistic.empty()) {
    std::fprintf(stderr, "akhbar_bench: no inputs\n");
    return 1;
  }
  if (!options->write_pages.empty()) {
    std::error_code ec;
    fs::create_directories(options->write_pages, ec);
    for (const auto& page : realistic) {
      const fs::path out = fs::path(options->write_pages) / fs::path(page.name).filename();
      std::ofstream f(out, std::ios::binary);
      f << page.bytes;
      if (!f) {
        std::fprintf(stderr, "akhbar_bench: --write-pages: cannot write %s\n", out.c_str());
        return 1;
      }
    }
  }
  // A fixed `now` keeps relative dates ("منذ ساعتين") and the work they cause identical across runs.
  const WallTime now = WallTime(std::chrono::seconds(1700000000));
  const akhbar::parsers::SiteRules generic;

  // What the parsers find, once (also the input of the normalisation benchmark).
  std::size_t extracted = 0, feed_items = 0, links = 0;
  std::vector<std::pair<std::string, std::string>> texts;  // title, body
  for (const auto& page : pages) {
    auto article = akhbar::parsers::extract_article(page.bytes, page.url, generic, now);
    if (article) {
      ++extracted;
      texts.emplace_back(article->title, article->body);
    }
    links += akhbar::parsers::extract_links(page.bytes, page.url).size();
  }
  // Only what parse_feed accepts is timed (the inputs include deliberate failures: a gzip bomb, HTML).
  std::map<std::string, std::vector<const Input*>> by_format;
  std::size_t refused = 0;
  for (const auto& feed : feeds) {
    auto parsed = akhbar::parsers::parse_feed(feed.bytes, feed.url, {}, "Asia/Damascus", now);
    if (!parsed || parsed->items.empty()) {
      ++refused;
      continue;
    }
    feed_items += parsed->items.size();
    const std::string format = parsed->kind.find("sitemap") != std::string::npos ? "sitemaps" : parsed->kind;
    by_format[format].push_back(&feed);
    by_format["all"].push_back(&feed);
  }
  std::size_t text_bytes = 0;
  for (const auto& [title, body] : texts) text_bytes += title.size() + body.size();
  std::size_t realistic_extracted = 0, realistic_links = 0;
  for (const auto& page : realistic) {
    auto article = akhbar::parsers::extract_article(page.bytes, page.url, generic, now);
    if (article) ++realistic_extracted;
    realistic_links += akhbar::parsers::extract_links(page.bytes, page.url).size();
  }

  std::printf("inputs: %zu HTML pages (%.1f KB, %zu with an article, %zu links), %zu feeds (%.1f KB, %zu items, "
              "%zu refused and not timed), %zu extracted texts (%.1f KB)\n\n",
              pages.size(), total_bytes(pages) / 1e3, extracted, links, feeds.size(), total_bytes(feeds) / 1e3,
              feed_items, refused, texts.size(), text_bytes / 1e3);
  if (!realistic.empty()) {
    std::printf("realistic: %zu HTML pages from %s (%.1f KB, %.1f KB on average, %zu with an article, %zu links)\n\n",
                realistic.size(), realistic_source.c_str(), total_bytes(realistic) / 1e3,
                total_bytes(realistic) / 1e3 / static_cast<double>(realistic.size()), realistic_extracted,
                realistic_links);
  }

  std::size_t sink = 0;  // keeps results observable so nothing is optimised away
  std::optional<Measure> m_extract, m_links, m_normalize, m_hash, r_extract, r_extract_links, r_parse, r_links;
  if (!realistic.empty()) {
    r_extract = measure(options->seconds, [&] {
      PassResult r;
      for (const auto& page : realistic) {
        auto article = akhbar::parsers::extract_article(page.bytes, page.url, generic, now);
        sink += article ? article->body.size() : 1;
        ++r.units;
        r.bytes += page.bytes.size();
      }
      return r;
    });
    // What the crawler pays on a site whose article pages lead to articles (`match` rules): the
    // article and every link of the page, from one parse.
    r_extract_links = measure(options->seconds, [&] {
      PassResult r;
      std::vector<std::string> page_links;
      for (const auto& page : realistic) {
        auto article = akhbar::parsers::extract_article(page.bytes, page.url, generic, now, &page_links);
        sink += (article ? article->body.size() : 1) + page_links.size();
        ++r.units;
        r.bytes += page.bytes.size();
      }
      return r;
    });
    r_parse = measure(options->seconds, [&] {
      PassResult r;
      for (const auto& page : realistic) {
        auto doc = akhbar::parsers::html::parse(page.bytes);
        sink += doc ? 1 : 0;
        ++r.units;
        r.bytes += page.bytes.size();
      }
      return r;
    });
    r_links = measure(options->seconds, [&] {
      PassResult r;
      for (const auto& page : realistic) {
        sink += akhbar::parsers::extract_links(page.bytes, page.url).size();
        ++r.units;
        r.bytes += page.bytes.size();
      }
      return r;
    });
  }
  std::map<std::string, Measure> m_feeds;
  if (!pages.empty()) {
    m_extract = measure(options->seconds, [&] {
      PassResult r;
      for (const auto& page : pages) {
        auto article = akhbar::parsers::extract_article(page.bytes, page.url, generic, now);
        sink += article ? article->body.size() : 1;
        ++r.units;
        r.bytes += page.bytes.size();
      }
      return r;
    });
    m_links = measure(options->seconds, [&] {
      PassResult r;
      for (const auto& page : pages) {
        sink += akhbar::parsers::extract_links(page.bytes, page.url).size();
        ++r.units;
        r.bytes += page.bytes.size();
      }
      return r;
    });
  }
  for (const auto& [format, inputs] : by_format) {
    m_feeds[format] = measure(options->seconds, [&, &inputs = inputs] {
      PassResult r;
      for (const Input* feed : inputs) {
        auto parsed = akhbar::parsers::parse_feed(feed->bytes, feed->url, {}, "Asia/Damascus", now);
        if (parsed) r.units += parsed->items.size();
        r.bytes += feed->bytes.size();
      }
      return r;
    });
  }
  if (!texts.empty()) {
    m_normalize = measure(options->seconds, [&] {
      PassResult r;
      for (const auto& [title, body] : texts) {
        sink += akhbar::parsers::normalize_arabic(title).size() + akhbar::parsers::normalize_arabic(body).size();
        ++r.units;
        r.bytes += title.size() + body.size();
      }
      return r;
    });
    m_hash = measure(options->seconds, [&] {
      PassResult r;
      for (const auto& [title, body] : texts) {
        sink += akhbar::parsers::content_hash(title, body).size();
        ++r.units;
        r.bytes += title.size() + body.size();
      }
      return r;
    });
  }

  std::printf("%-22s %19s %14s %23s\n", "benchmark", "throughput", "bandwidth", "cost");
  if (m_extract) print_row("extract_article", "page", *m_extract);
  for (const auto& [format, m] : m_feeds) {
    const std::string name = format == "all" ? std::string("parse_feed") : "parse_feed[" + format + "]";
    print_row(name.c_str(), "item", m);
  }
  if (m_normalize) print_row("normalize_arabic", "text", *m_normalize);
  if (m_hash) print_row("content_hash", "text", *m_hash);
  if (m_links) print_row("extract_links", "page", *m_links);
  if (r_extract) print_row("extract_article[real]", "page", *r_extract);
  if (r_extract_links) print_row("extract+links[real]", "page", *r_extract_links);
  if (r_parse) print_row("html_parse[real]", "page", *r_parse);
  if (r_extract && r_parse) {
    const double after = r_extract->cpu_ms_per_unit() - r_parse->cpu_ms_per_unit();
    std::printf("%-22s %52.4f %-12s (extract_article[real] minus html_parse[real])\n", "after_parse[real]", after,
                "CPU ms/page");
  }
  if (r_links) print_row("extract_links[real]", "page", *r_links);
  const long rss = peak_rss_kb();
  std::printf("\npeak RSS: %.1f MB\n", rss / 1024.0);

  if (!options->json.empty()) {
    nlohmann::json out = {
        {"inputs",
         {{"html_pages", pages.size()},
          {"html_bytes", total_bytes(pages)},
          {"articles_extracted", extracted},
          {"feeds", feeds.size()},
          {"feed_bytes", total_bytes(feeds)},
          {"feed_items", feed_items},
          {"text_bytes", text_bytes},
          {"realistic_source", realistic_source},
          {"realistic_pages", realistic.size()},
          {"realistic_bytes", total_bytes(realistic)}}},
        {"seconds_per_benchmark", options->seconds},
        {"peak_rss_kb", rss},
    };
    if (m_extract) out["extract_article"] = to_json(*m_extract, "page");
    for (const auto& [format, m] : m_feeds) {
      out[format == "all" ? std::string("parse_feed") : "parse_feed_" + format] = to_json(m, "item");
    }
    if (m_normalize) out["normalize_arabic"] = to_json(*m_normalize, "text");
    if (m_hash) out["content_hash"] = to_json(*m_hash, "text");
    if (m_links) out["extract_links"] = to_json(*m_links, "page");
    if (r_extract) out["extract_article_realistic"] = to_json(*r_extract, "page");
    if (r_extract_links) out["extract_with_links_realistic"] = to_json(*r_extract_links, "page");
    if (r_parse) out["html_parse_realistic"] = to_json(*r_parse, "page");
    if (r_links) out["extract_links_realistic"] = to_json(*r_links, "page");
    std::ofstream file(options->json);
    file << out.dump(2) << "\n";
    if (!file) {
      std::fprintf(stderr, "akhbar_bench: %s: cannot write\n", options->json.c_str());
      return 1;
    }
  }
  return sink == 0 ? 1 : 0;
}
