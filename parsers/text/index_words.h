// parsers/text/index_words.h: the words of key text (normalize.h) as the search index cuts them:
// maximal runs of letters (general category L*), digits (N*) and private-use characters (Co),
// everything else separating them. These are the default token characters of SQLite FTS5's
// unicode61 tokenizer, which the store's index uses, so a query word and a snippet word are the
// words the index holds. Pure, thread-safe.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace akhbar::parsers {

struct WordSpan {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
};

std::vector<WordSpan> index_words(std::string_view text);

}  // namespace akhbar::parsers
