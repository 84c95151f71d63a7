#include "daemon/article_json.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace akhbar::daemon {

std::string article_json(const store::ArticleRow& row, const std::string& file, bool with_history) {
  nlohmann::ordered_json j;
  if (!file.empty()) j["file"] = file;
  j["id"] = row.id ? nlohmann::ordered_json(row.id) : nlohmann::ordered_json(nullptr);
  j["site"] = row.site;
  j["url"] = row.url;
  j["canonical_url"] = row.canonical_url;
  j["title"] = row.title;
  j["author"] = row.author.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(row.author);
  j["published_at"] = row.published_at_text.empty() ? nlohmann::ordered_json(nullptr)
                                                    : nlohmann::ordered_json(row.published_at_text);
  j["published_raw"] = row.published_raw.empty() ? nlohmann::ordered_json(nullptr)
                                                 : nlohmann::ordered_json(row.published_raw);
  j["date_from"] = row.date_from.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(row.date_from);
  j["body"] = row.body;
  j["lang"] = row.lang.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(row.lang);
  j["content_hash"] = row.content_hash;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(row.simhash));
  j["simhash"] = hex;
  j["duplicate_of"] = row.duplicate_of ? nlohmann::ordered_json(*row.duplicate_of) : nlohmann::ordered_json(nullptr);
  j["fetched_at"] = format_utc_rfc3339(row.fetched_at);
  j["story_id"] = row.id && row.story_id ? nlohmann::ordered_json(row.story_id) : nlohmann::ordered_json(nullptr);
  j["duplicate_kind"] =
      row.duplicate_kind.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(row.duplicate_kind);
  j["revisions"] = row.revisions;
  if (with_history) {
    auto& history = j["revision_history"] = nlohmann::ordered_json::array();
    for (const auto& r : row.history) {
      nlohmann::ordered_json h;
      h["revision"] = r.revision;
      h["title"] = r.title;
      h["author"] = r.author.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.author);
      h["published_at"] =
          r.published_at_text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.published_at_text);
      h["published_raw"] =
          r.published_raw.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.published_raw);
      h["body"] = r.body;
      h["content_hash"] = r.content_hash;
      h["fetched_at"] = format_utc_rfc3339(r.fetched_at);
      h["replaced_at"] = format_utc_rfc3339(r.replaced_at);
      history.push_back(std::move(h));
    }
  }
  // Invalid UTF-8 from a broken page must not abort the export: replace it.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace akhbar::daemon
