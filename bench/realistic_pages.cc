#include "bench/realistic_pages.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace akhbar::bench {
namespace {

// A small deterministic generator (splitmix64): the same seed gives the same pages on every run.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  std::size_t between(std::size_t lo, std::size_t hi) { return lo + below(hi - lo + 1); }

 private:
  std::uint64_t state_;
};

constexpr std::array<std::string_view, 64> kWords = {
    "قالت",    "مصادر",   "محلية",   "إن",      "الأسعار", "ارتفعت",  "بنسبة",   "كبيرة",
    "خلال",    "الأسبوع", "الماضي",  "وسط",     "غياب",    "أي",      "رقابة",   "من",
    "الجهات",  "المعنية", "على",     "الأسواق", "والمحال", "التجارية", "في",     "مدينة",
    "القامشلي", "وأضاف",  "المسؤول", "أن",      "الحكومة", "تعمل",    "حاليا",   "لإيجاد",
    "حلول",    "عاجلة",   "للأزمة",  "التي",    "يعاني",   "منها",    "السكان",  "منذ",
    "أشهر",    "عدة",     "بسبب",    "نقص",     "الوقود",  "والكهرباء", "وانقطاع", "المياه",
    "عن",      "الأحياء", "الشرقية", "وأشار",   "التقرير", "إلى",     "ارتفاع",  "عدد",
    "العائلات", "المحتاجة", "للمساعدات", "الإنسانية", "هذا",   "العام",   "مقارنة",  "بالعام"};

constexpr std::array<std::string_view, 12> kSections = {"سياسة", "اقتصاد", "رياضة", "ثقافة", "تكنولوجيا", "صحة",
                                                        "مجتمع", "منوعات", "تقارير", "رأي", "عالم", "محليات"};

std::string words(Rng& rng, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0) s += (rng.below(9) == 0) ? "، " : " ";
    s += kWords[rng.below(kWords.size())];
  }
  return s;
}

std::string num(std::size_t n) { return std::to_string(n); }

void head(std::string& h, Rng& rng, const std::string& title, const std::string& url, std::size_t id) {
  h += "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  h += title + " | أخبار اليوم</title>\n";
  const std::string desc = words(rng, 30);
  h += "<meta name=\"description\" content=\"" + desc + "\">\n<meta name=\"keywords\" content=\"" + words(rng, 10) +
       "\">\n<link rel=\"canonical\" href=\"" + url + "\">\n";
  const char* og[] = {"og:type", "og:site_name", "og:locale", "og:image:width", "og:image:height", "og:image:type"};
  for (const char* p : og) h += std::string("<meta property=\"") + p + "\" content=\"" + words(rng, 2) + "\">\n";
  h += "<meta property=\"og:title\" content=\"" + title + "\">\n<meta property=\"og:description\" content=\"" + desc +
       "\">\n<meta property=\"og:url\" content=\"" + url + "\">\n<meta property=\"og:image\" content=\"https://cdn.akhbar.example/uploads/2024/03/photo-" +
       num(id) + "-1200x630.jpg\">\n<meta property=\"article:published_time\" content=\"2024-03-05T10:20:30+03:00\">\n"
       "<meta property=\"article:modified_time\" content=\"2024-03-05T12:01:00+03:00\">\n"
       "<meta property=\"article:section\" content=\"" + std::string(kSections[id % kSections.size()]) + "\">\n";
  for (int i = 0; i < 6; ++i) h += "<meta property=\"article:tag\" content=\"" + words(rng, 2) + "\">\n";
  const char* tw[] = {"twitter:card", "twitter:site", "twitter:creator", "twitter:title", "twitter:description", "twitter:image"};
  for (const char* p : tw) h += std::string("<meta name=\"") + p + "\" content=\"" + words(rng, 3) + "\">\n";
  for (int i = 0; i < 8; ++i) {
    h += "<meta name=\"app-" + num(i) + "\" content=\"" + words(rng, 2) + "\">\n";
  }
  for (int i = 0; i < 6; ++i) {
    h += "<link rel=\"preload\" as=\"font\" type=\"font/woff2\" crossorigin href=\"/static/fonts/font-" + num(i) +
         ".woff2\">\n<link rel=\"stylesheet\" href=\"/static/css/bundle-" + num(i) + ".min.css?v=20240305\">\n";
  }
  h += "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/feed/\">\n<style>\n";
  for (int i = 0; i < 40; ++i) {
    h += ".c" + num(i) + "{margin:0 auto;padding:4px " + num(i) + "px;font:14px/1.6 'Noto Naskh Arabic',serif;color:#" +
         num(100 + i) + "}\n";
  }
  h += "</style>\n<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
       "\"mainEntityOfPage\":{\"@type\":\"WebPage\",\"@id\":\"" + url + "\"},\"headline\":\"" + title +
       "\",\"description\":\"" + desc + "\",\"image\":{\"@type\":\"ImageObject\",\"url\":\"https://cdn.akhbar.example/p" +
       num(id) + ".jpg\",\"width\":1200,\"height\":630},\"datePublished\":\"2024-03-05T10:20:30+03:00\","
       "\"dateModified\":\"2024-03-05T12:01:00+03:00\",\"author\":{\"@type\":\"Person\",\"name\":\"سامر الأحمد\"},"
       "\"publisher\":{\"@type\":\"Organization\",\"name\":\"أخبار اليوم\",\"logo\":{\"@type\":\"ImageObject\","
       "\"url\":\"https://akhbar.example/logo.png\"}}}</script>\n"
       "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"BreadcrumbList\","
       "\"itemListElement\":[{\"@type\":\"ListItem\",\"position\":1,\"name\":\"الرئيسية\",\"item\":\"https://akhbar.example/\"},"
       "{\"@type\":\"ListItem\",\"position\":2,\"name\":\"" + std::string(kSections[id % kSections.size()]) +
       "\",\"item\":\"https://akhbar.example/section/\"}]}</script>\n";
  h += "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\"></script>\n<script>\n"
       "window.dataLayer = window.dataLayer || [];\nfunction gtag(){dataLayer.push(arguments);}\n"
       "gtag('js', new Date());\ngtag('config', 'G-XXXX', {'page_path': location.pathname, 'anonymize_ip': true});\n";
  for (int i = 0; i < 12; ++i) {
    h += "if (document.querySelector('.slot-" + num(i) + "') && window.innerWidth > " + num(300 + i) +
         ") { googletag.cmd.push(function() { googletag.defineSlot('/1234/akhbar/slot" + num(i) +
         "', [[300, 250], [728, 90]], 'div-gpt-" + num(i) + "').addService(googletag.pubads()); }); }\n";
  }
  h += "</script>\n<script>window.__INITIAL_STATE__ = {\"page\":{\"id\":" + num(id) + ",\"type\":\"article\"},\"menu\":[";
  const std::size_t state_entries = rng.between(4, 30) + (rng.below(10) == 0 ? 250 : 0);  // a few pages carry a huge blob
  for (std::size_t i = 0; i < state_entries; ++i) {
    if (i != 0) h += ',';
    h += "{\"id\":" + num(i) + ",\"title\":\"" + words(rng, 2) + "\",\"url\":\"/section/" + num(i) +
         "/\",\"children\":[],\"icon\":null,\"color\":\"#a" + num(i % 10) + "c\",\"order\":" + num(i) + "}";
  }
  h += "],\"flags\":{\"comments\":true,\"live\":false,\"paywall\":false}};</script>\n</head>\n";
}

void link_list(std::string& h, Rng& rng, std::size_t n, const char* cls, const char* base) {
  h += std::string("<ul class=\"") + cls + "\">";
  for (std::size_t i = 0; i < n; ++i) {
    h += std::string("<li class=\"menu-item\"><a href=\"") + base + num(i) + "/\">" +
         words(rng, 1 + rng.below(2)) + "</a></li>";
  }
  h += "</ul>\n";
}

std::string one_page(std::size_t id) {
  Rng rng(0xa1b2c3d4ULL + id * 7919);
  const std::string url = "https://www.akhbar.example/news/2024/03/05/story-" + num(100000 + id);
  const std::string title = words(rng, 9);
  std::string h;
  h.reserve(160000);
  head(h, rng, title, url, id);
  h += "<body class=\"post-template-default single single-post postid-" + num(id) +
       " rtl\">\n<div id=\"page\" class=\"site\">\n<header class=\"site-header\"><div class=\"logo\"><a href=\"/\">"
       "<img src=\"/static/logo.svg\" alt=\"أخبار اليوم\"></a></div>\n<nav class=\"main-navigation mega-menu\" "
       "aria-label=\"القائمة الرئيسية\">\n";
  // 150 links: 12 sections, each with a column of sub-links.
  for (std::size_t s = 0; s < kSections.size(); ++s) {
    h += "<div class=\"mega-col\"><a class=\"mega-title\" href=\"/section/" + num(s) + "/\">" + std::string(kSections[s]) +
         "</a>";
    link_list(h, rng, s < 6 ? 12 : 11, "sub-menu", ("/section/" + num(s) + "/sub-").c_str());
    h += "</div>\n";
  }
  h += "</nav>\n<div class=\"search\"><form action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"ابحث\">"
       "<button type=\"submit\">بحث</button></form></div></header>\n<div class=\"breaking-news ticker\"><span>عاجل</span><ul>";
  for (int i = 0; i < 8; ++i) h += "<li><a href=\"/news/breaking-" + num(i) + "\">" + words(rng, 8) + "</a></li>";
  h += "</ul></div>\n<div id=\"content\" class=\"site-content container\">\n<main id=\"main\" class=\"site-main\">\n"
       "<article id=\"post-" + num(id) + "\" class=\"post type-post status-publish format-standard has-post-thumbnail\">\n"
       "<nav class=\"breadcrumb\"><a href=\"/\">الرئيسية</a> / <a href=\"/section/\">" +
       std::string(kSections[id % kSections.size()]) + "</a></nav>\n<header class=\"entry-header\"><h1 class=\"entry-title\">" +
       title + "</h1>\n<div class=\"entry-meta\"><span class=\"byline\">بقلم <a class=\"author\" rel=\"author\" href=\"/author/samer/\">"
       "سامر الأحمد</a></span> <time class=\"entry-date published\" datetime=\"2024-03-05T10:20:30+03:00\">5 آذار 2024"
       "</time></div></header>\n<figure class=\"post-thumbnail\"><img src=\"https://cdn.akhbar.example/p" + num(id) +
       ".jpg\" srcset=\"https://cdn.akhbar.example/p" + num(id) + "-300.jpg 300w, https://cdn.akhbar.example/p" + num(id) +
       "-768.jpg 768w, https://cdn.akhbar.example/p" + num(id) + "-1200.jpg 1200w\" alt=\"" + words(rng, 5) +
       "\" width=\"1200\" height=\"630\"><figcaption>" + words(rng, 8) + "</figcaption></figure>\n"
       "<div class=\"entry-content\">\n";
  const std::size_t paragraphs = rng.between(10, 20);
  for (std::size_t p = 0; p < paragraphs; ++p) {
    h += "<p>" + words(rng, rng.between(30, 60)) + ".</p>\n";
    if (p == 2) {
      h += "<div class=\"ad ad-inline\"><div id=\"div-gpt-3\" class=\"slot-3\"></div><script>googletag.cmd.push(function()"
           " { googletag.display('div-gpt-3'); });</script></div>\n";
    }
    if (p == 4) h += "<p><strong>اقرأ أيضاً:</strong> <a href=\"/news/related-1\">" + words(rng, 7) + "</a></p>\n";
  }
  h += "</div>\n<div class=\"tags\">الوسوم: ";
  for (int i = 0; i < 6; ++i) h += "<a rel=\"tag\" href=\"/tag/" + num(i) + "/\">" + words(rng, 2) + "</a> ";
  h += "</div>\n<div class=\"share-bar\"><a class=\"share-facebook\" href=\"https://www.facebook.com/sharer.php?u=" + url +
       "\">فيسبوك</a><a class=\"share-twitter\" href=\"https://twitter.com/intent/tweet?url=" + url +
       "\">تويتر</a><a class=\"share-whatsapp\" href=\"whatsapp://send?text=" + url +
       "\">واتساب</a><button class=\"copy-link\">نسخ الرابط</button></div>\n</article>\n"
       "<section class=\"related-posts\"><h2>مقالات ذات صلة</h2><div class=\"grid\">";
  for (int i = 0; i < 8; ++i) {
    h += "<div class=\"card\"><a href=\"/news/2024/03/0" + num(1 + i % 5) + "/story-" + num(90000 + i) +
         "\"><img loading=\"lazy\" src=\"https://cdn.akhbar.example/r" + num(i) + "-300.jpg\" alt=\"\"><h3>" + words(rng, 9) +
         "</h3></a><span class=\"date\">منذ " + num(2 + i) + " ساعات</span></div>";
  }
  h += "</div></section>\n<section id=\"comments\" class=\"comments-area\"><h2>التعليقات</h2><ol class=\"comment-list\">";
  const std::size_t comments = rng.between(5, 12);
  for (std::size_t i = 0; i < comments; ++i) {
    h += "<li class=\"comment\"><div class=\"comment-author vcard\"><img class=\"avatar\" src=\"/avatar/" + num(i) +
         ".png\"><b class=\"fn\">" + words(rng, 2) + "</b></div><div class=\"comment-metadata\"><time datetime=\"2024-03-05T1" +
         num(i % 10) + ":00:00+03:00\">منذ ساعة</time></div><div class=\"comment-content\"><p>" +
         words(rng, rng.between(10, 40)) + "</p></div><a class=\"comment-reply-link\" href=\"#respond\">رد</a></li>";
  }
  h += "</ol><div id=\"respond\"><form class=\"comment-form\" method=\"post\"><textarea name=\"comment\"></textarea>"
       "<input name=\"author\"><input name=\"email\"><button>أرسل التعليق</button></form></div></section>\n</main>\n"
       "<aside id=\"secondary\" class=\"sidebar widget-area\"><section class=\"widget most-read\"><h2>الأكثر قراءة</h2><ol>";
  for (int i = 0; i < 10; ++i) {
    h += "<li><a href=\"/news/most-read-" + num(i) + "\"><span class=\"rank\">" + num(i + 1) + "</span>" + words(rng, 9) +
         "</a></li>";
  }
  h += "</ol></section><section class=\"widget latest\"><h2>آخر الأخبار</h2><ul>";
  for (int i = 0; i < 10; ++i) h += "<li><a href=\"/news/latest-" + num(i) + "\">" + words(rng, 8) + "</a></li>";
  h += "</ul></section><section class=\"widget newsletter\"><h2>النشرة البريدية</h2><form><input type=\"email\" "
       "placeholder=\"بريدك الإلكتروني\"><button>اشترك</button></form></section><div class=\"ad ad-sidebar\"><div "
       "id=\"div-gpt-7\" class=\"slot-7\"></div></div></aside>\n</div>\n<footer class=\"site-footer\">\n";
  for (int c = 0; c < 4; ++c) {
    h += "<div class=\"footer-col\"><h4>" + std::string(kSections[c]) + "</h4>";
    link_list(h, rng, 15, "footer-menu", ("/footer/" + num(c) + "/").c_str());
    h += "</div>\n";
  }
  h += "<div class=\"social\"><a href=\"https://facebook.com/akhbar\">فيسبوك</a> <a href=\"https://twitter.com/akhbar\">"
       "تويتر</a> <a href=\"https://youtube.com/akhbar\">يوتيوب</a> <a href=\"https://t.me/akhbar\">تلغرام</a></div>\n"
       "<p class=\"copyright\">جميع الحقوق محفوظة &copy; 2024 أخبار اليوم</p></footer>\n</div>\n";
  h += "<script src=\"/static/js/vendor.min.js?v=20240305\" defer></script>\n<script>\n(function(){\n";
  const std::size_t lines = rng.between(4, 16);
  for (std::size_t i = 0; i < lines; ++i) {
    h += "  var el" + num(i) + " = document.getElementById('w" + num(i) +
         "'); if (el" + num(i) + " && el" + num(i) + ".dataset.lazy) { el" + num(i) +
         ".innerHTML = '<div class=\"lazy\">' + (window.i18n && window.i18n['k" + num(i) + "'] || '') + '</div>'; }\n";
  }
  h += "})();\n</script>\n<!-- page generated in 0.123 s, cache HIT -->\n</body>\n</html>\n";
  return h;
}

}  // namespace

std::vector<GeneratedPage> realistic_pages(std::size_t count) {
  std::vector<GeneratedPage> pages;
  pages.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string name = "generated/article-" + std::string(i < 10 ? "0" : "") + num(i) + ".html";
    pages.push_back({name, "https://www.akhbar.example/news/2024/03/05/story-" + num(100000 + i), one_page(i)});
  }
  return pages;
}

}  // namespace akhbar::bench
