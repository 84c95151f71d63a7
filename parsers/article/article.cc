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
#include "util/ascii.h"
#include "util/view_set.h"

namespace akhbar::parsers {
namespace {

// Less text than this (about two sentences) is not an article: listing pages, error pages.
constexpr std::size_t kMinBodyChars = 80;
// JSON-LD articleBody is used only when it is a real body, and the page's own markup found
// clearly less of it (client-rendered pages); page markup keeps the paragraph structure.
constexpr std::size_t kMinJsonLdBodyChars = 200;
constexpr double kDomShareOfJsonLd = 0.7;
// How many scored blocks are tried, best first, for a body of kMinBodyChars.
constexpr std::size_t kBodyTries = 4;
// How many leading body paragraphs may precede a repeated headline.
constexpr std::size_t kTitleLookahead = 3;
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

// The longest <h1> that the <title> contains (the headline without the site's decoration; a
// site-name <h1> is contained too, and shorter), or "".
std::string h1_in_title_tag(const html::PageFacts& facts) {
  const std::string* best = nullptr;
  for (const auto& h : facts.h1s) {
    if (html::visible_length(h) >= 10 && facts.title.find(h) != std::string::npos &&
        (best == nullptr || h.size() > best->size())) {
      best = &h;
    }
  }
  return best == nullptr ? std::string() : *best;
}

// A headline from <title>, when nothing better exists: its longest part between separators
// ("Headline » Local » Noticias » Site") when that part is longer than all the others together.
std::string title_from_title_tag(const html::PageFacts& facts) {
  const std::string& t = facts.title;
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < t.size();) {
    bool split = false;
    for (std::string_view sep : kTitleSeparators) {
      if (t.compare(i, sep.size(), sep) == 0) {
        parts.emplace_back(std::string_view(t).substr(start, i - start));
        i += sep.size();
        start = i;
        split = true;
        break;
      }
    }
    if (!split) ++i;
  }
  if (parts.empty()) return t;
  parts.emplace_back(std::string_view(t).substr(start));
  std::size_t longest = 0, total = 0;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    total += html::visible_length(parts[k]);
    if (html::visible_length(parts[k]) > html::visible_length(parts[longest])) longest = k;
  }
  const std::size_t best = html::visible_length(parts[longest]);
  return best * 2 > total ? std::string(parts[longest]) : t;  // longer than the others together
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

// og:title with a label before the <h1> ("تغطية مباشرة | <h1>", "عاجل | <h1>"): the <h1> is the headline.
// (What follows a headline is left alone: site names are stripped by name, subtitles are kept.)
constexpr std::size_t kMaxTitleDecorationChars = 30;
std::string strip_decoration(std::string title, const html::PageFacts& facts) {
  for (const auto& h : facts.h1s) {
    if (html::visible_length(h) < 10 || h.size() >= title.size()) continue;
    if (!ends_with(title, h)) continue;
    if (html::visible_length(std::string_view(title).substr(0, title.size() - h.size())) <= kMaxTitleDecorationChars) return h;
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
  if (title.empty()) title = facts.itemprop_headline;
  if (title.empty()) title = h1_in_title_tag(facts);
  if (title.empty() && !facts.h1s.empty()) title = facts.h1s.front();
  title = prefer_full_headline(html::collapse_whitespace(title), facts);
  if (title.empty()) title = title_from_title_tag(facts);
  if (rules.title.empty()) title = strip_decoration(std::move(title), facts);
  std::vector<std::string_view> names = {rules.site_title, html::meta_of(facts, "og:site_name"),
                                         html::meta_of(facts, "application-name"), ld.publisher,
                                         facts.logo_alt};
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

// articleBody with character references ("&ccedil;", even escaped twice: "&amp;ccedil;") as text.
std::string decode_references(std::string text) {
  for (int round = 0; round < 2 && text.find('&') != std::string::npos && text.find(';') != std::string::npos; ++round) {
    html::DocPtr frag = html::parse("<pre>" + text + "</pre>");
    if (!frag) break;
    xmlChar* content = xmlNodeGetContent(xmlDocGetRootElement(frag.get()));
    if (content == nullptr) break;
    text = reinterpret_cast<const char*>(content);
    xmlFree(content);
  }
  return text;
}

std::vector<std::string> jsonld_paragraphs(const std::string& raw) {
  std::vector<html::Paragraph> paras;
  const std::string body = raw.find('<') == std::string::npos ? decode_references(raw) : raw;
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
  std::vector<std::string> kept;
  // When the best block cleans down to nothing (link lists, a paywall box), the next ones are tried.
  for (std::size_t rank = 0; rank < kBodyTries && total_chars(kept) < kMinBodyChars; ++rank) {
    std::vector<html::Paragraph> paras;
    const std::vector<const xmlNode*> nodes = html::find_body_nodes(doc, rank);
    if (nodes.empty()) break;
    for (const xmlNode* n : nodes) html::collect_paragraphs(n, paras);
    kept = html::clean_paragraphs(paras);
  }
  const std::size_t ld_raw_chars = html::visible_length(ld.body);
  if (ld_raw_chars >= kMinJsonLdBodyChars && !looks_truncated(ld.body)) {
    // articleBody's paragraphs hold at most its own characters (markup and references only
    // shrink), so a DOM body that long already wins without reading them.
    const auto dom_chars = static_cast<double>(total_chars(kept));
    if (dom_chars >= kDomShareOfJsonLd * static_cast<double>(ld_raw_chars)) return kept;
    std::vector<std::string> from_ld = jsonld_paragraphs(ld.body);
    const auto ld_chars = static_cast<double>(total_chars(from_ld));
    if (dom_chars < kDomShareOfJsonLd * ld_chars) return from_ld;
  }
  return kept;
}

struct DateSource {
  std::string raw;
  std::string_view from;
};

void pick_date(xmlDoc* doc, const SiteRules& rules, const html::PageFacts& facts, const JsonLdArticle& ld,
               WallTime now, Article& a) {
  std::vector<DateSource> sources;
  if (!rules.date.empty()) sources.push_back({first_value(doc, rules.date, "date", a), "rules"});
  sources.push_back({ld.date_published, "jsonld"});
  for (std::string_view key : {"article:published_time", "og:published_time", "article:published",
                               "og:article:published_time", "pubdate", "publishdate", "datepublished",
                               "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date",
                               "date", "article:modified_time", "og:updated_time"}) {
    sources.push_back({std::string(html::meta_of(facts, key)), "meta"});
  }
  sources.push_back({facts.itemprop_date, "microdata"});
  sources.push_back({facts.time_datetime, "time"});
  sources.push_back({facts.date_title, "text"});
  sources.push_back({facts.date_text, "text"});
  for (const auto& c : facts.date_candidates) sources.push_back({c, "text"});
  for (const auto& s : sources) {
    if (s.raw.empty()) continue;
    if (auto t = parse_date(s.raw, rules.timezone, now)) {
      a.published_at = *t;
      a.published_raw = s.raw;
      a.date_from = std::string(s.from);
      return;
    }
    // A visible text that is not a date says nothing; a metadata value that fails to parse is kept
    // as published_raw, for the log.
    if (a.published_raw.empty() && s.from != "text") a.published_raw = s.raw;
  }
}

bool is_author_space(char c) { return c == ' ' || c == ':' || c == '-' || c == 0x7C; }

// Prefixes of bylines, longest first where one begins another.
constexpr std::array<std::string_view, 19> kAuthorPrefixes = {
    "بقلم الكاتب", "بقلم", "كتبت", "كتب", "إعداد", "اعداد", "تقرير", "حوار", "ترجمة", "تحرير", "المحرر",
    "Written by", "Reported by", "Posted by", "Words by", "By", "by", "BY", "من"};

std::string_view strip_author_prefix(std::string_view s) {
  for (std::string_view p : kAuthorPrefixes) {
    if (s.size() > p.size() + 1 && starts_with(s, p) && is_author_space(s[p.size()])) {
      s.remove_prefix(p.size());
      while (!s.empty() && is_author_space(s.front())) s.remove_prefix(1);
      return s;
    }
  }
  return s;
}

bool has_digit(std::string_view s) {
  for (char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  // Arabic-Indic digits U+0660..U+0669 are D9 A0..D9 A9.
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i + 1]);
    if (static_cast<unsigned char>(s[i]) == 0xD9 && b >= 0xA0 && b <= 0xA9) return true;
  }
  return false;
}

// Words that begin the role or place after a byline ("أحمد علي - مراسل الجزيرة").
bool starts_with_role(std::string_view s) {
  for (std::string_view r : {"مراسل", "مراسلة", "محرر", "محررة", "صحفي", "صحفية", "خاص", "موفد", "موفدة",
                             "مدير", "رئيس", "كاتب", "كاتبة", "Correspondent", "Reporter", "Editor", "Staff"}) {
    if (starts_with(s, r)) return true;
  }
  return false;
}

// Cuts a byline at the first separator after which comes a date, a role, an email or a URL.
std::string_view cut_author_tail(std::string_view s) {
  static constexpr std::array<std::string_view, 7> kSeps = {" | ", " - ", " – ", " — ", " / ", "، ", ", "};
  std::size_t cut = s.size();
  for (std::string_view sep : kSeps) {
    for (std::size_t at = s.find(sep); at != std::string_view::npos && at < cut; at = s.find(sep, at + 1)) {
      const std::string_view tail = s.substr(at + sep.size());
      if (sep == " | " || has_digit(tail) || starts_with_role(tail) || tail.find('@') != std::string_view::npos ||
          starts_with(tail, "http") || starts_with(tail, "www.")) {
        cut = at;
        break;
      }
    }
  }
  return s.substr(0, cut);
}

// A news agency ("وكالة الأنباء …", "الوكالة الوطنية للإعلام") signs as an organisation, not a person.
bool is_agency(std::string_view name) {
  for (std::string_view p : {"وكالة ", "الوكالة ", "وكالات", "Agence ", "Agency "}) {
    if (starts_with(name, p)) return true;
  }
  return false;
}

std::string clean_author(std::string author, const std::vector<std::string_view>& site_names) {
  author = html::collapse_whitespace(author);
  std::string_view s = strip_author_prefix(author);
  s = cut_author_tail(s);
  // Emails and URLs on their own are no names.
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    const std::string_view word = s.substr(i, j - i);
    if (word.find('@') == std::string_view::npos && !starts_with(word, "http") && !starts_with(word, "www.")) {
      if (!out.empty()) out.push_back(' ');
      out.append(word);
    }
    i = j + 1;
  }
  while (!out.empty() && (is_author_space(out.back()) || out.back() == ',')) out.pop_back();
  for (std::string_view name : site_names) {
    if (!name.empty() && html::collapse_whitespace(name) == out) return {};
  }
  if (is_agency(out)) return {};
  return out;
}

// The site's name as <title> shows it beside the headline ("عدن برس - <headline>"), or "".
std::string title_tag_site_name(const html::PageFacts& facts, std::string_view headline) {
  std::string_view t = facts.title;
  if (headline.empty() || t.size() <= headline.size()) return {};
  if (starts_with(t, headline)) {
    t.remove_prefix(headline.size());
  } else if (ends_with(t, headline)) {
    t.remove_suffix(headline.size());
  } else {
    return {};
  }
  for (std::string_view sep : kTitleSeparators) {
    if (starts_with(t, sep)) t.remove_prefix(sep.size());
    if (ends_with(t, sep)) t.remove_suffix(sep.size());
  }
  return html::collapse_whitespace(t);
}

// Portals print the outlet before the reporter on the line that carries the date: "عدن برس - خاص -
// وضاح باحميش | تاريخ النشر: …". When the date line begins with the site's name, what follows it
// (after "خاص", "متابعات") is the byline; the date after it is cut by clean_author.
std::string byline_after_site_name(std::string_view line, const std::vector<std::string_view>& site_names) {
  static constexpr std::array<std::string_view, 3> kNotNames = {"خاص", "متابعات", "حصري"};
  // Spaces, ASCII separators and the en/em dashes (E2 80 93 / E2 80 94) between the parts.
  auto skip_separators = [](std::string_view& r) {
    for (bool more = true; more && !r.empty();) {
      more = false;
      if (is_author_space(r.front())) {
        r.remove_prefix(1);
        more = true;
      } else if (starts_with(r, "–") || starts_with(r, "—")) {
        r.remove_prefix(std::string_view("–").size());
        more = true;
      }
    }
  };
  for (std::string_view name : site_names) {
    if (name.empty() || line.size() <= name.size() || !starts_with(line, name)) continue;
    std::string_view rest = line.substr(name.size());
    if (!is_author_space(rest.front())) continue;  // "عدن برسية" is no "عدن برس"
    skip_separators(rest);
    for (std::string_view w : kNotNames) {
      if (starts_with(rest, w) && rest.size() > w.size() && is_author_space(rest[w.size()])) {
        rest.remove_prefix(w.size());
        skip_separators(rest);
      }
    }
    // What comes before the next " | " must be a name, not the date or its label ("تاريخ النشر:").
    const std::string_view part = rest.substr(0, rest.find(" | "));
    if (part.empty() || has_digit(part) || part.find(':') != std::string_view::npos) return {};
    return std::string(rest);
  }
  return {};
}

std::string pick_author(xmlDoc* doc, const SiteRules& rules, const html::PageFacts& facts,
                        const JsonLdArticle& ld, Article& a) {
  const std::string title_site = title_tag_site_name(facts, a.title);
  const std::vector<std::string_view> names = {rules.site_title, html::meta_of(facts, "og:site_name"),
                                               html::meta_of(facts, "application-name"), ld.publisher,
                                               facts.logo_alt, title_site};
  std::vector<std::string> candidates;
  if (!rules.author.empty()) {
    if (std::string r = clean_author(first_value(doc, rules.author, "author", a), names); !r.empty()) return r;
  }
  candidates.push_back(ld.author);
  candidates.push_back(facts.itemprop_author);
  candidates.push_back(facts.rdfa_creator);
  for (std::string_view key : {"author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                               "dcterms.creator"}) {
    std::string_view m = html::meta_of(facts, key);
    if (!starts_with(m, "http")) candidates.emplace_back(m);
  }
  candidates.push_back(facts.author_text);
  candidates.push_back(facts.byline_text);
  if (a.date_from == "text") candidates.push_back(byline_after_site_name(a.published_raw, names));
  for (auto& c : candidates) {
    if (c.empty()) continue;
    if (std::string r = clean_author(std::move(c), names); !r.empty()) return r;
  }
  return {};
}

std::string primary_language(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    if (c == ' ') continue;
    out.push_back(ascii::to_lower(c));
  }
  return out;
}

// The site a host belongs to, for telling whether a canonical address stays on it: without the
// "www.", "m." (mobile) and "amp." labels sites put in front of one domain.
std::string_view site_of(std::string_view host) {
  for (std::string_view prefix : {"www.", "m.", "amp.", "mobile."}) {
    if (starts_with(host, prefix) && host.find('.', prefix.size()) != std::string_view::npos) {
      return host.substr(prefix.size());
    }
  }
  return host;
}

// The page's own address: its <link rel=canonical>, else its og:url, when that stays on the site
// (a syndicated copy pointing at the agency's site is still this site's article); else the URL it
// was fetched from. Always in canonical form (url.h: AMP, tracking parameters, NFC).
std::string pick_canonical(const html::PageFacts& facts, std::string_view base, std::string_view url) {
  auto page = Url::parse(url);
  if (!page) return std::string(url);
  const Url own = page->canonical();
  for (std::string_view declared : {std::string_view(facts.canonical_href), html::meta_of(facts, "og:url")}) {
    if (declared.empty()) continue;
    const std::string c = canonical_link(base, declared);
    auto parsed = Url::parse(c);
    if (parsed && site_of(parsed->host) == site_of(own.host)) return c;
  }
  return own.str();
}

std::string base_of(const html::PageFacts& facts, std::string_view url) {
  if (facts.base_href.empty()) return std::string(url);
  std::string base = canonical_link(url, facts.base_href);
  return base.empty() ? std::string(url) : base;
}

std::vector<std::string> resolve_links(const html::PageFacts& facts, std::string_view base) {
  std::vector<std::string> out;
  const auto base_url = Url::parse(base);
  if (!base_url) return out;
  // Menus, tickers and teasers repeat the same hrefs: each distinct one is resolved once.
  ViewSet hrefs_seen(facts.hrefs.size());
  // Views of the links in `out`, which never reallocates: it has room for every href.
  ViewSet seen(facts.hrefs.size());
  out.reserve(facts.hrefs.size());
  for (const auto& href : facts.hrefs) {
    if (!hrefs_seen.insert(href)) continue;
    std::string link = canonical_link(*base_url, href);
    if (link.empty() || seen.contains(link)) continue;
    out.push_back(std::move(link));
    seen.insert(out.back());
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

// A dateline or entry time on a line of its own ("14 يوليو/ تموز 2024", "10:45 م") is no prose.
constexpr std::size_t kMaxDateLineChars = 40;
void drop_date_lines(std::vector<std::string>& paragraphs, std::string_view timezone, WallTime now) {
  std::erase_if(paragraphs, [&](const std::string& p) {
    return html::visible_length(p) <= kMaxDateLineChars && has_digit(p) && parse_date(p, timezone, now).has_value();
  });
}

// The lines a template prints above the text are no prose: a byline ("كتب محمد أحمد", "بقلم …"),
// a dateline ending in ":" or a dash ("الخليل – شبكة الخليل:", "(وات) –"), the byline text found
// by class followed by the date ("الرياض - فلان" + "الأحد 3 ربيع الآخر 1446 هـ …"), or a source with
// a date ("الوكالة الوطنية للإعلام - الاثنين 29 كانون الثاني 2024 - 07:15").
constexpr std::size_t kMaxLeadLines = 3;
constexpr std::size_t kMaxBylineLineChars = 60;
constexpr std::size_t kMaxDatedLeadChars = 100;
bool is_lead_meta_line(std::string_view p, std::string_view byline, std::string_view timezone, WallTime now) {
  const std::size_t len = html::visible_length(p);
  if (len <= kMaxBylineLineChars) {
    for (std::string_view w : {"كتب ", "كتبت ", "بقلم ", "كتب: ", "كتبت: "}) {
      if (starts_with(p, w)) return true;
    }
    for (std::string_view end : {":", "–", " -", "—"}) {
      if (ends_with(p, end)) return true;
    }
  }
  if (len > kMaxDatedLeadChars) return false;
  if (!byline.empty() && p.size() > byline.size() && starts_with(p, byline)) return true;
  return has_digit(p) && parse_date(p, timezone, now).has_value();
}

void drop_lead_meta_lines(std::vector<std::string>& paragraphs, std::string_view byline, std::string_view timezone,
                          WallTime now) {
  std::size_t dropped = 0;
  while (dropped < kMaxLeadLines && paragraphs.size() > 1 &&
         is_lead_meta_line(paragraphs.front(), byline, timezone, now)) {
    paragraphs.erase(paragraphs.begin());
    ++dropped;
  }
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
                                WallTime now, std::vector<std::string>* links) {
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
  if (links != nullptr) *links = resolve_links(facts, base);
  a.canonical_url = pick_canonical(facts, base, url);
  a.lang = primary_language(facts.lang);
  if (a.lang.empty()) a.lang = primary_language(ld.in_language);
  if (a.lang.empty()) a.lang = primary_language(html::meta_of(facts, "content-language"));
  if (a.lang.empty()) a.lang = primary_language(html::meta_of(facts, "og:locale"));

  remove_matches(doc.get(), rules.remove, a);
  a.title = pick_title(doc.get(), rules, facts, ld, a);
  pick_date(doc.get(), rules, facts, ld, now, a);
  a.author = pick_author(doc.get(), rules, facts, ld, a);  // after the date: its line may hold the byline

  std::vector<std::string> paragraphs = pick_body(doc.get(), rules, ld, a);
  drop_date_lines(paragraphs, rules.timezone, now);
  // The headline often sits inside the body container; it is the title, not the body.
  // (Looked for among the first few: a player's duration or a kicker may come before it.)
  for (std::size_t i = 0; i < paragraphs.size() && i < kTitleLookahead; ++i) {
    if (paragraphs[i] == a.title) {
      paragraphs.erase(paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  drop_lead_meta_lines(paragraphs, html::collapse_whitespace(facts.author_text), rules.timezone, now);
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
