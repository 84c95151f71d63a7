// parsers/article/jsonld.h (private to parsers/): the article facts a page states in JSON-LD
// (<script type="application/ld+json">, schema.org NewsArticle/Article/BlogPosting/...), looked for
// in top-level objects, arrays, "@graph" and "mainEntity". Broken JSON is skipped, never fatal.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::parsers {

struct JsonLdArticle {
  bool found = false;
  std::string headline;
  std::string body;            // articleBody as given (may hold newlines or HTML)
  std::string date_published;  // raw text
  std::string author;          // names joined by "، " when several
  std::string in_language;
  std::string publisher;       // publisher.name
};

// The first article-typed object across `scripts` (the text of each ld+json script, in order).
JsonLdArticle find_jsonld_article(const std::vector<std::string>& scripts);

}  // namespace akhbar::parsers
