#include "parsers/article/article.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "parsers/date/date.h"
#include "parsers/article/generic_extract.h"
#include "parsers/html/html_dom.h"
#include "parsers/article/jsonld.h"
#include "parsers/article/page_facts.h"
#include "parsers/article/paragraphs.h"
#include "parsers/html/selector.h"
#include "parsers/text/text_sniff.h"
#include "parsers/url/url.h"

namespace akhbar::parsers {
namespace {

// Less text than this (about two sentences) is not an article: listing pages, error pages.
constexpr std::size_t kMinBodyChars = 80;
// JSON-LD articleBody is used only when it is a real body, and the page's own markup found
// clearly less of it (client-rendered pages); page markup keeps the paragraph structure.
constexpr std::size_t kMinJsonLdBodyChars = 200;
constexpr double kDomShareOfJsonLd = 0.7;
// Bytes looked at to tell HTML from binary.
constexpr std::size_t kSniffBytes = 1024;

// Separators between a headline and the site name in <title> and og:title.
constexpr std::array<std::string_view, 10> kTitleSeparators = {" - ", " | ", " – ", " — ", " :: ",
                                                               " : ", " « ", " » ", " · ", " / "};

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string first_value(xmlDoc* doc, std::string_view selector, std::string_view what, Article& a) {
  auto compiled = compile_selector(selector);
  if (!compiled) {
    a.warnings.push_back("rules: " + std::string(what) + ": " + compiled.error().message);
    return {};
  }
  auto values = select_values(doc, *compiled);
  if (values.empty()) {
    a.warnings.push_back("rules: " + std::string(what) + " selector matched nothing; used generic");
    return {};
  }
  return std::move(values.front());
}

void remove_matches(xmlDoc* doc, const std::vector<std::string>& selectors, Article& a) {
  std::vector<xmlNode*> doomed;
  for (const auto& sel : selectors) {
    auto compiled = compile_selector(sel);
    if (!compiled) {
      a.warnings.push_back("rules: remove: " + compiled.error().message);
      continue;
    }
    for (xmlNode* n : select_nodes(doc, *compiled)) {
      if (n->type == XML_ELEMENT_NODE && n != xmlDocGetRootElement(doc)) doomed.push_back(n);
    }
  }
  // Unlink everything first, so a match nested in another match is never freed twice.
  std::unordered_set<xmlNode*> seen;
  std::vector<xmlNode*> unique;
  for (xmlNode* n : doomed) {
    if (seen.insert(n).second) {
      xmlUnlinkNode(n);
      unique.push_back(n);
    }
  }
  for (xmlNode* n : unique) xmlFreeNode(n);
}

std::string strip_site_name(std::string title, std::string_view name) {
  if (name.empty() || title.size() <= name.size()) return title;
  for (std::string_view sep : kTitleSeparators) {
    const std::string suffix = std::string(sep) + std::string(name);
    if (ends_with(title, suffix)) return title.substr(0, title.size() - suffix.size());
    const std::string prefix = std::string(name) + std::string(sep);
    if (starts_with(title, prefix)) return title.substr(prefix.size());
  }
  return title;
}

std::string clean_title(std::string title, const SiteRules& rules, const std::vector<std::string_view>& names) {
  title = html::collapse_whitespace(title);
  const std::string suffix = html::collapse_whitespace(rules.title_suffix);
  if (!suffix.empty() && title.size() > suffix.size() && ends_with(title, suffix)) {
    title.resize(title.size() - suffix.size());
    // A suffix given without its separator ("بلدي نيوز") leaves "headline -" behind.
    for (bool trimmed = true; trimmed;) {
      while (!title.empty() && title.back() == ' ') title.pop_back();
      trimmed = false;
      for (std::string_view sep : kTitleSeparators) {
        const std::string_view bare = sep.substr(0, sep.size() - 1);  // " -" of " - "
        if (title.size() > bare.size() && ends_with(title, bare)) {
          title.resize(title.size() - bare.size());
          trimmed = true;
          break;
        }
      }
    }
  }
  for (std::string_view n : names) title = strip_site_name(std::move(title), html::collapse_whitespace(n));
  return html::collapse_whitespace(title);
}

// A headline from <title>, when nothing better exists: if the page has an <h1> that the <title>
// contains, the <h1> is the headline without the site decoration.
std::string title_from_title_tag(const html::PageFacts& facts) {
  for (const auto& h : facts.h1s) {
    if (html::visible_length(h) >= 10 && facts.title.find(h) != std::string::npos) return h;
  }
  return facts.title;
}

// og:title and JSON-LD headlines are often cut ("..."); an <h1> that they begin is the full one.
std::string prefer_full_headline(std::string title, const html::PageFacts& facts) {
  std::string_view stem = title;
  for (std::string_view dots : {"...", "…"}) {
    if (ends_with(stem, dots)) stem.remove_suffix(dots.size());
  }
  while (!stem.empty() && stem.back() == ' ') stem.remove_suffix(1);
  if (html::visible_length(stem) < 10) return title;
  for (const auto& h : facts.h1s) {
    if (h.size() > stem.size() && starts_with(h, stem)) return h;
  }
  return title;
}

std::string pick_title(xmlDoc* doc, const SiteRules& rules, const html::PageFacts& facts,
                       const JsonLdArticle& ld, Article& a) {
  std::string title;
  if (!rules.title.empty()) title = first_value(doc, rules.title, "title", a);
  if (title.empty()) title = std::string(html::meta_of(facts, "og:title"));
  if (title.empty()) title = std::string(html::meta_of(facts, "twitter:title"));
  if (title.empty()) title = ld.headline;
  if (title.empty() && !facts.h1s.empty()) title = facts.h1s.front();
  title = prefer_full_headline(html::collapse_whitespace(title), facts);
  if (title.empty()) title = title_from_title_tag(facts);
  std::vector<std::string_view> names = {rules.site_title, html::meta_of(facts, "og:site_name"),
                                         html::meta_of(facts, "application-name"), ld.publisher};
  return clean_title(std::move(title), rules, names);
}

std::vector<html::Paragraph> rule_paragraphs(xmlDoc* doc, const SiteRules& rules, Article& a) {
  std::vector<html::Paragraph> out;
  auto compiled = compile_selector(rules.body);
  if (!compiled) {
    a.warnings.push_back("rules: body: " + compiled.error().message);
    return out;
  }
  const std::vector<xmlNode*> nodes = select_nodes(doc, *compiled);
  std::unordered_set<const xmlNode*> taken(nodes.begin(), nodes.end());
  for (const xmlNode* n : nodes) {
    bool nested = false;  // inside an earlier match: already read with it
    for (const xmlNode* p = n->parent; p != nullptr && !nested; p = p->parent) nested = taken.count(p) != 0;
    if (!nested) html::collect_paragraphs(n, out);
  }
  if (out.empty()) a.warnings.push_back("rules: body selector matched nothing; used generic");
  return out;
}

bool looks_truncated(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  return ends_with(text, "...") || ends_with(text, "…") || ends_with(text, "[…]");
}

std::size_t total_chars(const std::vector<std::string>& paragraphs) {
  std::size_t n = 0;
  for (const auto& p : paragraphs) n += html::visible_length(p);
  return n;
}

std::vector<std::string> jsonld_paragraphs(const std::string& body) {
  std::vector<html::Paragraph> paras;
  if (body.find('<') != std::string::npos && body.find('>') != std::string::npos) {
    if (html::DocPtr frag = html::parse(body)) html::collect_paragraphs(reinterpret_cast<xmlNode*>(frag.get()), paras);
  } else {
    paras = html::paragraphs_from_text(body);
  }
  return html::clean_paragraphs(paras);
}

std::vector<std::string> pick_body(xmlDoc* doc, const SiteRules& rules, const JsonLdArticle& ld, Article& a) {
  if (!rules.body.empty()) {
    std::vector<std::string> kept = html::clean_paragraphs(rule_paragraphs(doc, rules, a));
    if (!kept.empty()) return kept;
  }
  html::prune_boilerplate(doc);
  std::vector<html::Paragraph> paras;
  for (const xmlNode* n : html::find_body_nodes(doc)) html::collect_paragraphs(n, paras);
  std::vector<std::string> kept = html::clean_paragraphs(paras);
  if (html::visible_length(ld.body) >= kMinJsonLdBodyChars && !looks_truncated(ld.body)) {
    std::vector<std::string> from_ld = jsonld_paragraphs(ld.body);
    const auto ld_chars = static_cast<double>(total_chars(from_ld));
    if (static_cast<double>(total_chars(kept)) < kDomShareOfJsonLd * ld_chars) return from_ld;
  }
  return kept;
}

void pick_date(xmlDoc* doc, const SiteRules& rules, const html::PageFacts& facts, const JsonLdArticle& ld,
               WallTime now, Article& a) {
  std::vector<std::string> raws;
  if (!rules.date.empty()) raws.push_back(first_value(doc, rules.date, "date", a));
  raws.push_back(ld.date_published);
  for (std::string_view key : {"article:published_time", "og:published_time", "pubdate", "publishdate",
                               "datepublished", "dc.date.issued", "date", "sailthru.date"}) {
    raws.emplace_back(html::meta_of(facts, key));
  }
  raws.push_back(facts.itemprop_date);
  raws.push_back(facts.time_datetime);
  raws.push_back(facts.date_text);
  for (const auto& raw : raws) {
    if (raw.empty()) continue;
    if (auto t = parse_date(raw, rules.timezone, now)) {
      a.published_at = *t;
      a.published_raw = raw;
      return;
    }
    if (a.published_raw.empty()) a.published_raw = raw;
  }
}

std::string clean_author(std::string author) {
  author = html::collapse_whitespace(author);
  for (std::string_view prefix : {"بقلم:", "بقلم", "كتب:", "كتبت:", "كتب", "By ", "by "}) {
    if (starts_with(author, prefix) && author.size() > prefix.size()) {
      author = html::collapse_whitespace(std::string_view(author).substr(prefix.size()));
      break;
    }
  }
  return author;
}

std::string pick_author(xmlDoc* doc, const SiteRules& rules, const html::PageFacts& facts,
                        const JsonLdArticle& ld, Article& a) {
  std::string author;
  if (!rules.author.empty()) author = first_value(doc, rules.author, "author", a);
  if (author.empty()) author = ld.author;
  if (author.empty()) {
    std::string_view m = html::meta_of(facts, "author");
    if (!starts_with(m, "http")) author = std::string(m);
  }
  if (author.empty()) author = facts.author_text;
  return clean_author(std::move(author));
}

std::string primary_language(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    if (c == ' ') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::string without_www(std::string_view host) {
  return std::string(starts_with(host, "www.") ? host.substr(4) : host);
}

std::string pick_canonical(const html::PageFacts& facts, std::string_view base, std::string_view url) {
  auto page = Url::parse(url);
  if (!page) return std::string(url);
  if (!facts.canonical_href.empty()) {
    const std::string c = canonical_link(base, facts.canonical_href);
    auto parsed = Url::parse(c);
    if (parsed && without_www(parsed->host) == without_www(page->host)) return c;
  }
  return page->canonical().str();
}

std::string base_of(const html::PageFacts& facts, std::string_view url) {
  if (facts.base_href.empty()) return std::string(url);
  std::string base = canonical_link(url, facts.base_href);
  return base.empty() ? std::string(url) : base;
}

std::vector<std::string> resolve_links(const html::PageFacts& facts, std::string_view base) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& href : facts.hrefs) {
    std::string link = canonical_link(base, href);
    if (link.empty() || !seen.insert(link).second) continue;
    out.push_back(std::move(link));
  }
  return out;
}

bool looks_like_html(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, kSniffBytes);
  if (head.find('\0') != std::string_view::npos) return false;
  return bytes.find('<') != std::string_view::npos;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

}  // namespace

std::size_t Article::words() const {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : body) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

Result<Article> extract_article(std::string_view html, std::string_view url, const SiteRules& rules,
                                WallTime now) {
  if (std::string binary = binary_kind(html); !binary.empty()) {
    return fail(Errc::kInvalidInput, "article: binary data (" + binary + ")", std::string(url));
  }
  if (!looks_like_html(html)) return fail(Errc::kInvalidInput, "article: not HTML", std::string(url));
  html::DocPtr doc = html::parse(html);
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
    return fail(Errc::kInvalidInput, "article: not HTML", std::string(url));
  }
  const html::PageFacts facts = html::read_page_facts(doc.get());
  const JsonLdArticle ld = find_jsonld_article(facts.jsonld);
  const std::string base = base_of(facts, url);

  Article a;
  a.url = std::string(url);
  a.links = resolve_links(facts, base);
  a.canonical_url = pick_canonical(facts, base, url);
  a.lang = primary_language(facts.lang);
  if (a.lang.empty()) a.lang = primary_language(ld.in_language);
  if (a.lang.empty()) a.lang = primary_language(html::meta_of(facts, "content-language"));
  if (a.lang.empty()) a.lang = primary_language(html::meta_of(facts, "og:locale"));

  remove_matches(doc.get(), rules.remove, a);
  a.title = pick_title(doc.get(), rules, facts, ld, a);
  a.author = pick_author(doc.get(), rules, facts, ld, a);
  pick_date(doc.get(), rules, facts, ld, now, a);

  std::vector<std::string> paragraphs = pick_body(doc.get(), rules, ld, a);
  // The headline often sits inside the body container; it is the title, not the body.
  if (!paragraphs.empty() && paragraphs.front() == a.title) paragraphs.erase(paragraphs.begin());
  if (total_chars(paragraphs) < kMinBodyChars) {
    return fail(Errc::kNotFound, "article: no body found", std::string(url));
  }
  a.body = join_paragraphs(paragraphs);
  return a;
}

std::vector<std::string> extract_links(std::string_view html, std::string_view url) {
  if (!looks_like_html(html)) return {};
  html::DocPtr doc = html::parse(html);
  if (!doc) return {};
  const html::PageFacts facts = html::read_page_facts(doc.get());
  return resolve_links(facts, base_of(facts, url));
}

}  // namespace akhbar::parsers
