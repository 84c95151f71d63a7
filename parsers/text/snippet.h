// parsers/text/snippet.h: a search hit shown in its original text. The text is normalised with
// normalize_arabic_mapped and cut into the index's words (index_words.h); the query's phrases are
// found among those words, so "الرئيس" finds and marks "الرَّئِيسُ". What is shown is always the
// original bytes of the words, never the key. Matches are marked [like this] (kMarkOpen, kMarkClose:
// ASCII, unlike «», which Arabic text uses as quotation marks). Runs of ASCII whitespace, paragraph
// breaks included, are shown as one space. Pure, thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/text/search_query.h"

namespace akhbar::parsers {

inline constexpr std::string_view kMarkOpen = "[";
inline constexpr std::string_view kMarkClose = "]";
inline constexpr std::size_t kSnippetWords = 20;

// About `words` words of `original` around the first match (a quarter of them before it, more when
// the text ends sooner), cut at word boundaries, with "… " and " …" where text was left out. Without
// a match (the query matched the title only), the first `words` words. "" when there is no word.
std::string make_snippet(std::string_view original, const std::vector<QueryPhrase>& phrases,
                         std::size_t words = kSnippetWords);

// All of `original` with every match marked (for titles).
std::string mark_matches(std::string_view original, const std::vector<QueryPhrase>& phrases);

}  // namespace akhbar::parsers
