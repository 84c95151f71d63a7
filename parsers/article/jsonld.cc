#include "parsers/article/jsonld.h"

#include <array>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "parsers/text/json_relax.h"

namespace akhbar::parsers {
namespace {

using nlohmann::json;

// How deep nested @graph / mainEntity / arrays are followed; real pages use two or three levels.
constexpr int kMaxDepth = 6;

bool is_article_type(std::string_view t, bool video) {
  static constexpr std::array<std::string_view, 9> kTypes = {
      "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
      "BlogPosting", "BackgroundNewsArticle", "LiveBlogPosting", "ReviewNewsArticle"};
  if (auto colon = t.rfind(':'); colon != std::string_view::npos) t.remove_prefix(colon + 1);
  if (auto slash = t.rfind('/'); slash != std::string_view::npos) t.remove_prefix(slash + 1);
  for (std::string_view k : kTypes) {
    if (t == k) return true;
  }
  return video && t == "VideoObject";
}

bool has_article_type(const json& obj, bool video) {
  // WebPage, CreativeWork, ... holding an articleBody are articles too.
  if (auto body = obj.find("articleBody"); body != obj.end() && body->is_string() && !body->get_ref<const std::string&>().empty()) {
    return true;
  }
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  if (it->is_string()) return is_article_type(it->get_ref<const std::string&>(), video);
  if (it->is_array()) {
    for (const auto& t : *it) {
      if (t.is_string() && is_article_type(t.get_ref<const std::string&>(), video)) return true;
    }
  }
  return false;
}

std::string string_field(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array() && !it->empty() && it->front().is_string()) return it->front().get<std::string>();
  if (it->is_object()) {
    auto v = it->find("@value");
    if (v != it->end() && v->is_string()) return v->get<std::string>();
  }
  return {};
}

std::string name_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    auto it = v.find("name");
    if (it != v.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

std::string author_of(const json& obj) {
  auto it = obj.find("author");
  if (it == obj.end()) return {};
  if (!it->is_array()) return name_of(*it);
  std::string out;
  for (const auto& a : *it) {
    std::string n = name_of(a);
    if (n.empty()) continue;
    if (!out.empty()) out += "، ";
    out += n;
  }
  return out;
}

JsonLdArticle from_object(const json& obj) {
  JsonLdArticle a;
  a.found = true;
  a.headline = string_field(obj, "headline");
  if (a.headline.empty()) a.headline = string_field(obj, "name");
  a.body = string_field(obj, "articleBody");
  // LiveBlogPosting: each liveBlogUpdate is one entry; their bodies, in the given order, are the body.
  if (auto updates = obj.find("liveBlogUpdate"); a.body.empty() && updates != obj.end() && updates->is_array()) {
    for (const auto& u : *updates) {
      if (!u.is_object()) continue;
      std::string entry = string_field(u, "articleBody");
      if (entry.empty()) entry = string_field(u, "text");
      if (entry.empty()) continue;
      if (!a.body.empty()) a.body += "\n\n";
      a.body += entry;
    }
  }
  a.date_published = string_field(obj, "datePublished");
  if (a.date_published.empty()) a.date_published = string_field(obj, "dateCreated");
  if (a.date_published.empty()) a.date_published = string_field(obj, "uploadDate");
  a.author = author_of(obj);
  a.in_language = string_field(obj, "inLanguage");
  if (auto p = obj.find("publisher"); p != obj.end()) a.publisher = name_of(*p);
  return a;
}

bool search(const json& v, int depth, bool video, JsonLdArticle& out) {
  if (depth > kMaxDepth) return false;
  if (v.is_array()) {
    for (const auto& item : v) {
      if (search(item, depth + 1, video, out)) return true;
    }
    return false;
  }
  if (!v.is_object()) return false;
  if (has_article_type(v, video)) {
    out = from_object(v);
    return true;
  }
  for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage"}) {
    auto it = v.find(key);
    if (it != v.end() && search(*it, depth + 1, video, out)) return true;
  }
  return false;
}

// Pages often put raw newlines or tabs inside JSON strings, which JSON forbids, or a trailing
// comma: the second attempt reads the text relaxed (json_relax.h).
json parse_lenient(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_discarded()) return j;
  return json::parse(relax_json(text), nullptr, false);
}

}  // namespace

JsonLdArticle find_jsonld_article(const std::vector<std::string>& scripts) {
  JsonLdArticle out;
  std::vector<json> parsed;
  parsed.reserve(scripts.size());
  for (const auto& text : scripts) {
    json j = parse_lenient(text);
    if (j.is_discarded()) continue;
    if (search(j, 0, false, out)) return out;
    parsed.push_back(std::move(j));
  }
  // A video page describes itself as a VideoObject (name, uploadDate/datePublished): used only
  // when no script names an article, so a video embedded in an article never wins.
  for (const auto& j : parsed) {
    if (search(j, 0, true, out)) return out;
  }
  return out;
}

}  // namespace akhbar::parsers
