// parsers/text/search_query.h: what a user types into `akhbard search`, read into words of the key.
//   word          the word must appear (several words: all of them, anywhere)
//   "two words"   the words must appear one after the other
//   a OR b        either (OR in capitals; it binds tighter than the implicit AND: a OR b c = (a OR b) c)
//   -word         the word (or -"a phrase") must not appear
//   word*         a word that starts with "word" (also "a phr"*: the phrase's last word)
// Every word is normalised with normalize_arabic and cut into the index's words (index_words.h), so
// الرَّئِيسُ and الرئيس, أحمد and احمد are one query; a word the key cuts in two ("U.N.") is a phrase;
// one with nothing left (a lone ، or a mark) is ignored. Fails with kInvalidInput and a message
// saying what to fix ("search: unclosed quote …"). Pure, thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace akhbar::parsers {

// Consecutive words of the key; with `prefix`, the last one only has to start the indexed word.
struct QueryPhrase {
  std::vector<std::string> words;
  bool prefix = false;
};

struct SearchQuery {
  std::vector<std::vector<QueryPhrase>> all_of;  // every entry must match: one of its phrases
  std::vector<QueryPhrase> none_of;              // none of these may match

  // The phrases that make an article match (all_of flattened), for marking them in a snippet.
  std::vector<QueryPhrase> wanted() const;
};

// Limits, so that one query cannot make the index read for minutes.
inline constexpr std::size_t kMaxQueryWords = 64;
inline constexpr std::size_t kMinPrefixChars = 2;  // "ا*" would read the posting list of every word

Result<SearchQuery> parse_search_query(std::string_view text);

}  // namespace akhbar::parsers
