#include "parsers/dedupe/fingerprint.h"

#include <algorithm>
#include <limits>
#include <utility>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "parsers/text/normalize.h"

namespace akhbar::parsers {
namespace {

// Spellings of one word that copies of a text use interchangeably: the hamza on either seat
// (مسؤول / مسئول, شؤون / شئون) and the Persian/Urdu heh. normalize_arabic() keeps the seats apart
// (or folds them to different letters), as a key must; a comparison need not. Applied before it,
// to the text as it came, composed or not (و/ي/ى followed by U+0654 HAMZA ABOVE).
std::string fold_for_comparison(std::string_view text) {
  static constexpr std::string_view kHamza = "ء";
  static constexpr std::pair<std::string_view, std::string_view> kFolds[] = {
      {"ؤ", kHamza}, {"ئ", kHamza}, {"ؤ", kHamza}, {"ئ", kHamza},
      {"ىٔ", kHamza}, {"ھ", "ه"}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool folded = false;
    for (const auto& [from, to] : kFolds) {
      if (text.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) out += text[i++];
  }
  return out;
}

bool is_word_char(UChar32 c) {
  return u_isalnum(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
}

// splitmix64's finaliser: every output bit depends on every input bit.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// FNV-1a 64 (offset basis and prime from the FNV reference), fed piece by piece.
struct Fnv {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
  }
  std::uint64_t done() const { return mix(h); }
};

std::uint32_t high32(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::vector<std::uint32_t> digit_runs(const std::vector<std::string>& words) {
  std::vector<std::uint32_t> out;
  for (const auto& w : words) {
    for (std::size_t i = 0; i < w.size();) {
      if (w[i] < '0' || w[i] > '9') {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < w.size() && w[j] >= '0' && w[j] <= '9') ++j;
      Fnv f;
      f.add(std::string_view(w).substr(i, j - i));
      out.push_back(high32(f.done()));
      i = j;
    }
  }
  sort_unique(out);
  return out;
}

std::uint64_t simhash_of(const std::vector<std::uint64_t>& hashes) {
  std::array<std::int64_t, 64> weights{};
  for (std::uint64_t h : hashes) {
    for (int bit = 0; bit < 64; ++bit) weights[bit] += ((h >> bit) & 1U) ? 1 : -1;
  }
  std::uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weights[bit] > 0) out |= std::uint64_t{1} << bit;
  }
  return out;
}

// One MinHash permutation per row of every band: h ↦ mix(h ^ seed), seeds from splitmix64's
// increment so that they are fixed across builds.
std::array<std::uint64_t, kNearBands> bands_of(const std::vector<std::uint64_t>& hashes) {
  constexpr std::size_t kRows = kNearBands * kBandRows;
  std::array<std::uint64_t, kRows> minima;
  minima.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::uint64_t h : hashes) {
    for (std::size_t i = 0; i < kRows; ++i) {
      const std::uint64_t v = mix(h ^ (0x9E3779B97F4A7C15ULL * (i + 1)));
      if (v < minima[i]) minima[i] = v;
    }
  }
  std::array<std::uint64_t, kNearBands> out{};
  for (std::size_t b = 0; b < kNearBands; ++b) {
    std::uint64_t key = 0x6a09e667f3bcc909ULL * (b + 1);
    for (std::size_t r = 0; r < kBandRows; ++r) key = mix(key ^ minima[b * kBandRows + r]);
    out[b] = key;
  }
  return out;
}

}  // namespace

std::vector<std::string> dedupe_words(std::string_view text) {
  const std::string normalized = normalize_arabic(fold_for_comparison(text));
  std::vector<std::string> words;
  std::string word;
  const auto* s = reinterpret_cast<const std::uint8_t*>(normalized.data());
  const auto length = static_cast<std::int32_t>(normalized.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !is_word_char(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    word.append(normalized, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

NearFingerprint near_fingerprint(std::string_view body) {
  const std::vector<std::string> words = dedupe_words(body);
  NearFingerprint fp;
  if (words.empty()) return fp;
  std::vector<std::uint64_t> hashes;
  const std::size_t span = std::min(kShingleWords, words.size());
  hashes.reserve(words.size() - span + 1);
  for (std::size_t i = 0; i + span <= words.size(); ++i) {
    Fnv f;
    for (std::size_t k = 0; k < span; ++k) {
      if (k > 0) f.add(" ");
      f.add(words[i + k]);
    }
    hashes.push_back(f.done());
  }
  sort_unique(hashes);
  fp.simhash = simhash_of(hashes);
  fp.shingles.reserve(hashes.size());
  for (std::uint64_t h : hashes) fp.shingles.push_back(high32(h));
  sort_unique(fp.shingles);
  fp.numbers = digit_runs(words);
  if (fp.indexable()) fp.bands = bands_of(hashes);
  return fp;
}

}  // namespace akhbar::parsers
