#include "daemon/article_json.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace akhbar::daemon {

std::string article_json(const store::ArticleRow& row, const std::string& file) {
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
  // Invalid UTF-8 from a broken page must not abort the export: replace it.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace akhbar::daemon
