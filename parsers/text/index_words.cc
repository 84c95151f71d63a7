#include "parsers/text/index_words.h"

#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace akhbar::parsers {
namespace {

bool is_word_char(UChar32 c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const std::int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK)) != 0;
}

}  // namespace

std::vector<WordSpan> index_words(std::string_view text) {
  std::vector<WordSpan> words;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  bool in_word = false;
  std::size_t begin = 0;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    const bool word = c >= 0 && is_word_char(c);
    if (word && !in_word) begin = static_cast<std::size_t>(at);
    if (!word && in_word) words.push_back({begin, static_cast<std::size_t>(at)});
    in_word = word;
  }
  if (in_word) words.push_back({begin, text.size()});
  return words;
}

}  // namespace akhbar::parsers
