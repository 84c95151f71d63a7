#include "parsers/text/search_query.h"

#include <optional>

#include "parsers/text/index_words.h"
#include "parsers/text/normalize.h"

namespace akhbar::parsers {
namespace {

enum class Kind { kTerm, kOr };

// One piece of the query as typed.
struct Item {
  Kind kind = Kind::kTerm;
  bool negated = false;
  std::string text;  // a word, or the inside of a phrase
  bool prefix = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Result<std::vector<Item>> lex(std::string_view q) {
  std::vector<Item> items;
  std::size_t i = 0;
  while (i < q.size()) {
    if (is_space(q[i])) {
      ++i;
      continue;
    }
    Item item;
    if (q[i] == '-' && i + 1 < q.size() && !is_space(q[i + 1])) {
      item.negated = true;
      ++i;
    }
    if (q[i] == '"') {
      const std::size_t close = q.find('"', i + 1);
      if (close == std::string_view::npos) {
        return fail(Errc::kInvalidInput, "search: unclosed quote in the query (a phrase is \"two words\")");
      }
      item.text = std::string(q.substr(i + 1, close - i - 1));
      i = close + 1;
      if (i < q.size() && q[i] == '*') {
        item.prefix = true;
        ++i;
      }
    } else {
      std::size_t end = i;
      while (end < q.size() && !is_space(q[end]) && q[end] != '"') ++end;
      std::string_view word = q.substr(i, end - i);
      i = end;
      if (word == "OR" && !item.negated) {
        item.kind = Kind::kOr;
      } else {
        while (!word.empty() && word.back() == '*') {
          word.remove_suffix(1);
          item.prefix = true;
        }
        item.text = std::string(word);
      }
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The item's words in key form; empty when nothing of it is left after normalisation.
Result<std::optional<QueryPhrase>> to_phrase(const Item& item) {
  const std::string key = normalize_arabic(item.text);
  QueryPhrase phrase;
  for (const WordSpan& w : index_words(key)) phrase.words.push_back(key.substr(w.begin, w.end - w.begin));
  if (phrase.words.empty()) return std::optional<QueryPhrase>();
  phrase.prefix = item.prefix;
  if (phrase.prefix && code_points(phrase.words.back()) < kMinPrefixChars) {
    return fail(Errc::kInvalidInput, "search: a prefix needs at least " + std::to_string(kMinPrefixChars) +
                                         " letters before the *: '" + item.text + "*'");
  }
  return std::optional<QueryPhrase>(std::move(phrase));
}

}  // namespace

std::vector<QueryPhrase> SearchQuery::wanted() const {
  std::vector<QueryPhrase> out;
  for (const auto& group : all_of) out.insert(out.end(), group.begin(), group.end());
  return out;
}

Result<SearchQuery> parse_search_query(std::string_view text) {
  auto items = lex(text);
  if (!items) return tl::make_unexpected(std::move(items.error()));
  SearchQuery query;
  std::size_t words = 0;
  bool pending_or = false;     // the last item was OR: the next term joins the last group
  bool last_excluded = false;  // the last term was a -word
  for (const Item& item : *items) {
    if (item.kind == Kind::kOr) {
      if (last_excluded) return fail(Errc::kInvalidInput, "search: OR cannot join an excluded -word");
      if (pending_or || query.all_of.empty()) {
        return fail(Errc::kInvalidInput, "search: OR needs a word on each side (\"a OR b\")");
      }
      pending_or = true;
      continue;
    }
    auto phrase = to_phrase(item);
    if (!phrase) return tl::make_unexpected(std::move(phrase.error()));
    if (!*phrase) continue;  // nothing left of it (punctuation, marks)
    words += (*phrase)->words.size();
    if (words > kMaxQueryWords) {
      return fail(Errc::kInvalidInput, "search: the query has more than " + std::to_string(kMaxQueryWords) + " words");
    }
    last_excluded = item.negated;
    if (item.negated) {
      if (pending_or) return fail(Errc::kInvalidInput, "search: OR cannot join an excluded -word");
      query.none_of.push_back(std::move(**phrase));
    } else if (pending_or) {
      query.all_of.back().push_back(std::move(**phrase));
      pending_or = false;
    } else {
      query.all_of.push_back({std::move(**phrase)});
    }
  }
  if (pending_or) return fail(Errc::kInvalidInput, "search: OR needs a word on each side (\"a OR b\")");
  if (query.all_of.empty()) {
    if (!query.none_of.empty()) {
      return fail(Errc::kInvalidInput, "search: the query only excludes words: give at least one word to look for");
    }
    return fail(Errc::kInvalidInput, "search: the query has no word to look for");
  }
  return query;
}

}  // namespace akhbar::parsers
