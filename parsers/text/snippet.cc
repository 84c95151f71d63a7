#include "parsers/text/snippet.h"

#include <algorithm>

#include "parsers/text/index_words.h"
#include "parsers/text/normalize.h"

namespace akhbar::parsers {
namespace {

struct Match {
  std::size_t first = 0;  // word indexes, inclusive
  std::size_t last = 0;
};

// The original text's words in key form, where each comes from, and where the phrases match.
class Located {
 public:
  Located(std::string_view original, const std::vector<QueryPhrase>& phrases)
      : key_(normalize_arabic_mapped(original)), words_(index_words(key_.text)) {
    for (std::size_t i = 0; i < words_.size();) {
      std::size_t longest = 0;
      for (const QueryPhrase& p : phrases) {
        if (p.words.size() > longest && matches_at(i, p)) longest = p.words.size();
      }
      if (longest == 0) {
        ++i;
        continue;
      }
      matches_.push_back({i, i + longest - 1});
      i += longest;
    }
  }

  std::size_t size() const { return words_.size(); }
  const std::vector<Match>& matches() const { return matches_; }
  // Byte range in the original of words [first, last].
  std::size_t begin_of(std::size_t first) const { return key_.source[words_[first].begin].begin; }
  std::size_t end_of(std::size_t last) const { return key_.source[words_[last].end - 1].end; }

 private:
  std::string_view word(std::size_t i) const {
    return std::string_view(key_.text).substr(words_[i].begin, words_[i].end - words_[i].begin);
  }
  bool matches_at(std::size_t i, const QueryPhrase& p) const {
    if (p.words.empty() || i + p.words.size() > words_.size()) return false;
    for (std::size_t k = 0; k < p.words.size(); ++k) {
      const std::string_view w = word(i + k);
      const bool prefix = p.prefix && k + 1 == p.words.size();
      const bool same = prefix ? w.substr(0, p.words[k].size()) == p.words[k] : w == p.words[k];
      if (!same) return false;
    }
    return true;
  }

  KeyText key_;
  std::vector<WordSpan> words_;
  std::vector<Match> matches_;
};

bool is_ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

void append_collapsed(std::string& out, std::string_view s) {
  for (char c : s) {
    if (!is_ascii_space(c)) {
      out.push_back(c);
    } else if (out.empty() || out.back() != ' ') {
      out.push_back(' ');
    }
  }
}

// Words [start, end) of the original with the matches inside them marked.
std::string render(std::string_view original, const Located& at, std::size_t start, std::size_t end) {
  std::string out;
  std::size_t pos = at.begin_of(start);
  const std::size_t stop = at.end_of(end - 1);
  for (const Match& m : at.matches()) {
    if (m.first < start || m.last >= end) continue;
    // Words of one ligature share its bytes: a match inside bytes already shown is not shown again.
    const std::size_t e = at.end_of(m.last);
    if (e <= pos) continue;
    const std::size_t b = std::max(pos, at.begin_of(m.first));
    append_collapsed(out, original.substr(pos, b - pos));
    out += kMarkOpen;
    append_collapsed(out, original.substr(b, e - b));
    out += kMarkClose;
    pos = e;
  }
  if (stop > pos) append_collapsed(out, original.substr(pos, stop - pos));
  return out;
}

}  // namespace

std::string make_snippet(std::string_view original, const std::vector<QueryPhrase>& phrases, std::size_t words) {
  const Located at(original, phrases);
  const std::size_t n = at.size();
  if (n == 0 || words == 0) return {};
  std::size_t start = 0;
  std::size_t end = std::min(n, words);
  if (!at.matches().empty()) {
    const Match& first = at.matches().front();
    const std::size_t lead = words / 4;
    start = first.first > lead ? first.first - lead : 0;
    end = std::min(n, start + words);
    if (end - start < words) start = end > words ? end - words : 0;
    end = std::max(end, first.last + 1);
    // A match cut by the end of the window is shown whole.
    for (const Match& m : at.matches()) {
      if (m.first < end && m.last >= end) end = m.last + 1;
    }
  }
  std::string out = start > 0 ? "… " : "";
  out += render(original, at, start, end);
  if (end < n) out += " …";
  return out;
}

std::string mark_matches(std::string_view original, const std::vector<QueryPhrase>& phrases) {
  const Located at(original, phrases);
  if (at.size() == 0) {
    std::string out;
    append_collapsed(out, original);
    return out;
  }
  // Whatever comes before the first word and after the last (quotes, punctuation) stays.
  std::string out;
  append_collapsed(out, original.substr(0, at.begin_of(0)));
  out += render(original, at, 0, at.size());
  append_collapsed(out, original.substr(at.end_of(at.size() - 1)));
  return out;
}

}  // namespace akhbar::parsers
